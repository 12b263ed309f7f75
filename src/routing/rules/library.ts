/** Library-level checks V23–V28: no cloud equivalent; they prevent Terraform pitfalls (routing-semantics.md §8). */
import { routingDigest } from "../digest";
import { FunctionModel, SCF_DEFAULT_ALIAS, ScfAlias } from "../types";
import { aliasesOf, aliasPath, defineRule, isRecord, listOf, publishedSet, RoutingRule } from "./rule";

/** Every version an alias references, with the alias name: primary, weights and matches. */
export function referencedVersions(model: FunctionModel): Map<string, string[]> {
  const refs = new Map<string, string[]>();
  const add = (version: unknown, by: string) => {
    if (typeof version !== "string") return;
    refs.set(version, [...(refs.get(version) ?? []), by]);
  };
  for (const alias of aliasesOf(model)) {
    const by = `alias ${String(alias.name)}`;
    if (model.platform === "scf") {
      const a = alias as ScfAlias;
      add(a.primary, by);
      if (Array.isArray(a.weights)) a.weights.filter(isRecord).forEach((w) => add(w.version, by));
      if (Array.isArray(a.matches)) a.matches.filter(isRecord).forEach((m) => add(m.version, by));
    } else {
      const a = alias as { versionId?: unknown; weights?: unknown };
      add(a.versionId, by);
      if (isRecord(a.weights)) Object.keys(a.weights).forEach((v) => add(v, by));
    }
  }
  const entries = (model as { entryPoints?: unknown }).entryPoints;
  if (Array.isArray(entries)) {
    for (const e of entries.filter(isRecord)) add(e.qualifier, `entry point ${String(e.name)}`);
  }
  return refs;
}

export const V23_VersionRemovedWhileReferenced: RoutingRule = defineRule(
  {
    id: "V23",
    platforms: ["fc2", "fc3", "scf"],
    codes: ["VersionStillReferenced"],
    summary:
      "a published version is not dropped while an alias or entry point still references it (it would be deleted at apply)",
  },
  ({ model, previous }, report) => {
    if (!previous) return;
    const now = publishedSet(model);
    const refs = referencedVersions(model);
    for (const version of publishedSet(previous)) {
      const users = refs.get(version);
      if (!now.has(version) && users) {
        report(
          `publishedVersions`,
          version,
          `move ${users.join(", ")} off version ${version} first, then drop it in a later change`,
          `version ${version} was removed but ${users.join(", ")} still references it`,
        );
      }
    }
  },
);

export const V24_OnePublishPerChange: RoutingRule = defineRule(
  {
    id: "V24",
    platforms: ["fc2", "fc3", "scf"],
    codes: ["MultiplePublishesFromLatest"],
    summary:
      "no two versions snapshot the same code, and at most one new version per function per change (warnings; errors with strictPublishing)",
  },
  ({ model, previous, options }, report) => {
    const severity = options.strictPublishing ? "error" : "warning";
    const snapshots = isRecord(model.versionSnapshots) ? model.versionSnapshots : {};
    const byDigest = new Map<string, string>();
    for (const [version, digest] of Object.entries(snapshots)) {
      const other = byDigest.get(String(digest));
      if (other !== undefined) {
        report(
          `versionSnapshots[${version}]`,
          digest,
          "one version per code snapshot; keep the older entry",
          `versions ${other} and ${version} both snapshot the same code`,
          { severity },
        );
      } else {
        byDigest.set(String(digest), version);
      }
    }
    if (previous) {
      const before = publishedSet(previous);
      const added = [...publishedSet(model)].filter((v) => !before.has(v));
      if (added.length > 1) {
        report(
          "publishedVersions",
          added,
          "at most one new version per function per apply: FC and SCF publish only from the latest code",
          `${added.length} new versions in one change would all snapshot the same latest code`,
          { severity },
        );
      }
    }
  },
);

export const V25_ScfDescriptionCarriesDigest: RoutingRule = defineRule(
  {
    id: "V25",
    platforms: ["scf"],
    codes: ["AliasDescriptionWithoutRoutingDigest"],
    summary:
      "an SCF alias description contains its routing digest (the provider skips UpdateAlias when only function_version changes)",
  },
  ({ model, isUnresolved }, report) => {
    if (model.platform !== "scf") return;
    (aliasesOf(model) as ScfAlias[]).forEach((alias, i) => {
      const d: unknown = alias.description;
      if (d === undefined || alias.name === SCF_DEFAULT_ALIAS || isUnresolved(d)) return;
      const digest = routingDigest("scf", alias);
      if (typeof d !== "string" || !d.includes(digest)) {
        report(
          `${aliasPath(alias, i)}.description`,
          d,
          `a description containing the routing digest "${digest}" (or no description: it is derived)`,
          "description lacks the routing digest, so a version-only change would never reach the cloud",
        );
      }
    });
  },
);

export const V27_ScfRulesBehindGateway: RoutingRule = defineRule(
  {
    id: "V27",
    platforms: ["scf"],
    codes: ["RoutingKeyNotSentByGateway"],
    summary: "an SCF rule route reached only through API Gateway warns unless gatewayRoutingKey",
  },
  ({ model, options }, report) => {
    if (model.platform !== "scf" || options.gatewayRoutingKey) return;
    const entries = Array.isArray(model.entryPoints) ? model.entryPoints.filter(isRecord) : [];
    (aliasesOf(model) as ScfAlias[]).forEach((alias, i) => {
      if (!Array.isArray(alias.matches) || alias.matches.length === 0) return;
      const callers = entries.filter((e) => e.qualifier === alias.name);
      if (callers.length > 0 && callers.every((e) => e.via === "apigateway")) {
        report(
          `${aliasPath(alias, i)}.matches`,
          callers.map((e) => e.name),
          "callers that pass RoutingKey (Invoke/InvokeFunction), or the gatewayRoutingKey option if your gateway fills it",
          "API Gateway is not documented to fill RoutingKey from client headers, so these rules may never match",
          { severity: "warning" },
        );
      }
    });
  },
);

export const V28_ProvisionedConcurrencyOnVersion: RoutingRule = defineRule(
  {
    id: "V28",
    platforms: ["scf"],
    codes: ["InvalidParameterValue.Qualifier"],
    summary: "an SCF provisioned-concurrency qualifier is a published, numbered version",
  },
  ({ model, isUnresolved }, report) => {
    if (model.platform !== "scf" || !Array.isArray(model.provisionedConcurrency)) return;
    const published = publishedSet(model);
    model.provisionedConcurrency.forEach((pc: unknown, i) => {
      const q = isRecord(pc) ? pc.qualifier : pc;
      if (isUnresolved(q)) return;
      if (typeof q !== "string" || !published.has(q)) {
        report(
          `provisionedConcurrency[${i}].qualifier`,
          q,
          `a published version: ${listOf(published)} (not $LATEST or an alias)`,
          "provisioned concurrency needs a numbered version",
        );
      }
    });
  },
);

export const LIBRARY_RULES: readonly RoutingRule[] = [
  V23_VersionRemovedWhileReferenced,
  V24_OnePublishPerChange,
  V25_ScfDescriptionCarriesDigest,
  V27_ScfRulesBehindGateway,
  V28_ProvisionedConcurrencyOnVersion,
];
