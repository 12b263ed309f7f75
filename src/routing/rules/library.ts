/** Library-level checks V23–V28: no cloud equivalent; they prevent Terraform pitfalls (routing-semantics.md §8). */
import { diag, Diagnostic } from "../diagnostics";
import { routingDigest } from "../digest";
import { FunctionModel, SCF_DEFAULT_ALIAS, ScfAlias } from "../types";
import { aliasesOf, aliasPath, isRecord, listOf, publishedSet, RoutingRule } from "./rule";

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

export const V23_VersionRemovedWhileReferenced: RoutingRule = {
  id: "V23",
  platforms: ["fc2", "fc3", "scf"],
  codes: ["VersionStillReferenced"],
  summary:
    "a published version is not dropped while an alias or entry point still references it (it would be deleted at apply)",
  check: ({ model, previous }) => {
    if (!previous) return [];
    const now = publishedSet(model);
    const refs = referencedVersions(model);
    const out: Diagnostic[] = [];
    for (const version of publishedSet(previous)) {
      const users = refs.get(version);
      if (!now.has(version) && users) {
        out.push(
          diag({
            rule: "V23",
            code: "VersionStillReferenced",
            path: `publishedVersions`,
            value: version,
            allowed: `move ${users.join(", ")} off version ${version} first, then drop it in a later change`,
            problem: `version ${version} was removed but ${users.join(", ")} still references it`,
          }),
        );
      }
    }
    return out;
  },
};

export const V24_OnePublishPerChange: RoutingRule = {
  id: "V24",
  platforms: ["fc2", "fc3", "scf"],
  codes: ["MultiplePublishesFromLatest"],
  summary:
    "no two versions snapshot the same code, and at most one new version per function per change (warnings; errors with strictPublishing)",
  check: ({ model, previous, options }) => {
    const out: Diagnostic[] = [];
    const snapshots = isRecord(model.versionSnapshots) ? model.versionSnapshots : {};
    const byDigest = new Map<string, string>();
    for (const [version, digest] of Object.entries(snapshots)) {
      const other = byDigest.get(String(digest));
      if (other !== undefined) {
        out.push(
          diag({
            rule: "V24",
            code: "MultiplePublishesFromLatest",
            path: `versionSnapshots[${version}]`,
            severity: options.strictPublishing ? "error" : "warning",
            value: digest,
            allowed: "one version per code snapshot; keep the older entry",
            problem: `versions ${other} and ${version} both snapshot the same code`,
          }),
        );
      } else {
        byDigest.set(String(digest), version);
      }
    }
    if (previous) {
      const before = publishedSet(previous);
      const added = [...publishedSet(model)].filter((v) => !before.has(v));
      if (added.length > 1) {
        out.push(
          diag({
            rule: "V24",
            code: "MultiplePublishesFromLatest",
            path: "publishedVersions",
            severity: options.strictPublishing ? "error" : "warning",
            value: added,
            allowed:
              "at most one new version per function per apply: FC and SCF publish only from the latest code",
            problem: `${added.length} new versions in one change would all snapshot the same latest code`,
          }),
        );
      }
    }
    return out;
  },
};

export const V25_ScfDescriptionCarriesDigest: RoutingRule = {
  id: "V25",
  platforms: ["scf"],
  codes: ["AliasDescriptionWithoutRoutingDigest"],
  summary:
    "an SCF alias description contains its routing digest (the provider skips UpdateAlias when only function_version changes)",
  check: ({ model, isUnresolved }) => {
    if (model.platform !== "scf") return [];
    const out: Diagnostic[] = [];
    (aliasesOf(model) as ScfAlias[]).forEach((alias, i) => {
      const d: unknown = alias.description;
      if (d === undefined || alias.name === SCF_DEFAULT_ALIAS || isUnresolved(d)) return;
      const digest = routingDigest("scf", alias);
      if (typeof d !== "string" || !d.includes(digest)) {
        out.push(
          diag({
            rule: "V25",
            code: "AliasDescriptionWithoutRoutingDigest",
            path: `${aliasPath(alias, i)}.description`,
            value: d,
            allowed: `a description containing the routing digest "${digest}" (or no description: it is derived)`,
            problem:
              "description lacks the routing digest, so a version-only change would never reach the cloud",
          }),
        );
      }
    });
    return out;
  },
};

export const V27_ScfRulesBehindGateway: RoutingRule = {
  id: "V27",
  platforms: ["scf"],
  codes: ["RoutingKeyNotSentByGateway"],
  summary: "an SCF rule route reached only through API Gateway warns unless gatewayRoutingKey",
  check: ({ model, options }) => {
    if (model.platform !== "scf" || options.gatewayRoutingKey) return [];
    const entries = Array.isArray(model.entryPoints) ? model.entryPoints.filter(isRecord) : [];
    const out: Diagnostic[] = [];
    (aliasesOf(model) as ScfAlias[]).forEach((alias, i) => {
      if (!Array.isArray(alias.matches) || alias.matches.length === 0) return;
      const callers = entries.filter((e) => e.qualifier === alias.name);
      if (callers.length > 0 && callers.every((e) => e.via === "apigateway")) {
        out.push(
          diag({
            rule: "V27",
            code: "RoutingKeyNotSentByGateway",
            severity: "warning",
            path: `${aliasPath(alias, i)}.matches`,
            value: callers.map((e) => e.name),
            allowed:
              "callers that pass RoutingKey (Invoke/InvokeFunction), or the gatewayRoutingKey option if your gateway fills it",
            problem:
              "API Gateway is not documented to fill RoutingKey from client headers, so these rules may never match",
          }),
        );
      }
    });
    return out;
  },
};

export const V28_ProvisionedConcurrencyOnVersion: RoutingRule = {
  id: "V28",
  platforms: ["scf"],
  codes: ["InvalidParameterValue.Qualifier"],
  summary: "an SCF provisioned-concurrency qualifier is a published, numbered version",
  check: ({ model, isUnresolved }) => {
    if (model.platform !== "scf" || !Array.isArray(model.provisionedConcurrency)) return [];
    const published = publishedSet(model);
    const out: Diagnostic[] = [];
    model.provisionedConcurrency.forEach((pc: unknown, i) => {
      const q = isRecord(pc) ? pc.qualifier : pc;
      if (isUnresolved(q)) return;
      if (typeof q !== "string" || !published.has(q)) {
        out.push(
          diag({
            rule: "V28",
            code: "InvalidParameterValue.Qualifier",
            path: `provisionedConcurrency[${i}].qualifier`,
            value: q,
            allowed: `a published version: ${listOf(published)} (not $LATEST or an alias)`,
            problem: "provisioned concurrency needs a numbered version",
          }),
        );
      }
    });
    return out;
  },
};

export const LIBRARY_RULES: readonly RoutingRule[] = [
  V23_VersionRemovedWhileReferenced,
  V24_OnePublishPerChange,
  V25_ScfDescriptionCarriesDigest,
  V27_ScfRulesBehindGateway,
  V28_ProvisionedConcurrencyOnVersion,
];
