import { PLATFORMS, ResolvedRoutingOptions } from "../types";
import { defineRule, isRecord, Report, RoutingRule } from "./rule";

/**
 * V0 (library): the model has the documented shape. When it fails the other rules are not run,
 * so a malformed model yields one clear diagnostic instead of a cascade.
 */
export const V0_ModelShape: RoutingRule = defineRule(
  {
    id: "V0",
    platforms: PLATFORMS,
    codes: ["InvalidArgument"],
    summary:
      "The model is an object with a known platform, a publishedVersions array of strings and an aliases array of objects; routing options have known names and values",
  },
  ({ model, options }, report) => {
    checkOptions(options as unknown as Record<string, unknown>, report);
    if (!isRecord(model)) {
      report("model", model, "an object { platform, publishedVersions, aliases }", "model is not an object");
      return;
    }
    if (!PLATFORMS.includes(model.platform)) {
      report("platform", model.platform, PLATFORMS.join(", "), "unknown platform");
    }
    const versions: unknown = model.publishedVersions;
    if (!Array.isArray(versions) || hasHoles(versions) || versions.some((v) => typeof v !== "string")) {
      report(
        "publishedVersions",
        versions,
        "an array of version id strings",
        "publishedVersions is not an array of strings",
      );
    }
    const aliases: unknown = model.aliases;
    if (!Array.isArray(aliases) || hasHoles(aliases)) {
      report("aliases", aliases, "an array of alias objects (no holes)", "aliases is not an array");
    } else {
      aliases.forEach((a, i) => {
        if (!isRecord(a)) report(`aliases[${i}]`, a, "an alias object", "alias is not an object");
      });
    }
    for (const field of ["functionName", "serviceName", "namespace"] as const) {
      const v: unknown = (model as Record<string, unknown>)[field];
      if (v !== undefined && typeof v !== "string") report(field, v, "a string", `${field} is not a string`);
    }
    for (const field of ["weights", "matches"] as const) {
      (Array.isArray(aliases) ? aliases : []).forEach((a: unknown, i) => {
        const list = isRecord(a) ? a[field] : undefined;
        if (Array.isArray(list) && hasHoles(list))
          report(`aliases[${i}].${field}`, list, "a list without holes", `${field} is a sparse array`);
      });
    }
    const policy = (Array.isArray(aliases) ? aliases : []).map((a: unknown) =>
      isRecord(a) && isRecord(a.routePolicy) ? a.routePolicy.policyItems : undefined,
    );
    policy.forEach((items, i) => {
      if (Array.isArray(items) && hasHoles(items))
        report(
          `aliases[${i}].routePolicy.policyItems`,
          items,
          "a list without holes",
          "policyItems is a sparse array",
        );
    });
  },
);

/** What each routing option accepts (routing-semantics.md §7.8). */
const OPTION_VALUES: Readonly<Record<keyof ResolvedRoutingOptions, readonly unknown[] | "count">> = {
  maxAdditionalVersions: "count",
  allowLatestPrimary: [true, false],
  contentMode: ["all", "weighted"],
  inMode: ["list", "substring"],
  percentHash: ["sha256", "fnv1a32", "murmur2"],
  strictRange: [true, false],
  stickyWeighted: [true, false],
  fc3RulePolicy: ["error", "warn"],
  tcbCompat: [true, false],
  gatewayRoutingKey: [true, false],
  lenient: [true, false],
  strictPublishing: [true, false],
};

/**
 * Options with a misspelled name or a value outside their domain would silently change routing
 * (`maxAdditionalVersions: "2"` disabled the limit, `contentMode: "Weighted"` meant "all").
 */
function checkOptions(options: Record<string, unknown>, report: Report<"InvalidArgument">): void {
  for (const [name, value] of Object.entries(options)) {
    const allowed = (OPTION_VALUES as Record<string, readonly unknown[] | "count" | undefined>)[name];
    if (!Object.prototype.hasOwnProperty.call(OPTION_VALUES, name) || allowed === undefined) {
      report(
        `options.${name}`,
        value,
        Object.keys(OPTION_VALUES).join(", "),
        `unknown routing option ${JSON.stringify(name)}`,
      );
    } else if (allowed === "count") {
      if (!(Number.isSafeInteger(value) && (value as number) >= 0))
        report(`options.${name}`, value, "a non-negative integer", `invalid ${name}`);
    } else if (!allowed.includes(value)) {
      report(`options.${name}`, value, allowed.map((v) => JSON.stringify(v)).join(", "), `invalid ${name}`);
    }
  }
}

/** A sparse array (`[a, , b]`): forEach skips its holes, so later rules would silently ignore them. */
function hasHoles(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (!(i in list)) return true;
  return false;
}
