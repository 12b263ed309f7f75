/**
 * Readable routing: digests, weights and rules of an alias or stage, in the digest format of
 * src/routing/digest.ts (`release: v1 90% | v2 10%`). Weights only known at apply read as `?`.
 */
import {
  AnyAlias,
  describeFcItem,
  describeScfMatch,
  FcAlias,
  formatPercent,
  formatVersion,
  GatewayCondition,
  GatewayRoute,
  Platform,
  primaryOf,
  routingDigest,
  ScfAlias,
  weightEntries,
} from "../routing";
import { profileOf } from "../clouds/registry";
import { ReviewFunction, ReviewStage, Snapshot } from "./model";

const pct = (w: number): string => (Number.isFinite(w) ? formatPercent(w) : "?");

const functionsById = new WeakMap<Snapshot, Map<string, ReviewFunction>>();

/** The function a stage calls (indexed once per snapshot; snapshots are immutable). */
export function functionOf(snapshot: Snapshot, stage: ReviewStage): ReviewFunction | undefined {
  if (stage.functionId === undefined) return undefined;
  let byId = functionsById.get(snapshot);
  if (!byId) {
    byId = new Map(snapshot.functions.map((f) => [f.id, f]));
    functionsById.set(snapshot, byId);
  }
  return byId.get(stage.functionId);
}

/** The alias a qualifier names, including SCF's built-in `$DEFAULT` (→ `$LATEST`) when not declared. */
export function aliasNamed(fn: ReviewFunction, qualifier: string): AnyAlias | undefined {
  const declared = (fn.model.aliases as readonly AnyAlias[]).find((a) => a.name === qualifier);
  if (declared) return declared;
  const builtIn = profileOf(fn.platform).builtInAlias;
  if (builtIn && qualifier === builtIn.name) return builtIn.routing;
  return undefined;
}

function matchesOf(platform: Platform, alias: AnyAlias): ScfAlias["matches"] {
  return profileOf(platform).aliasShape === "scf" ? ((alias as ScfAlias).matches ?? []) : [];
}

/** `v1 90% | v2 10%`; with rules `v3 | v4 by rule`. */
export function weightsText(platform: Platform, alias: AnyAlias): string {
  const primary = formatVersion(primaryOf(platform, alias));
  const matches = matchesOf(platform, alias) ?? [];
  if (matches.length > 0) {
    const canaries = [...new Set(matches.map((m) => formatVersion(m.version)))];
    return [primary, ...canaries.map((v) => `${v} by rule`)].join(" | ");
  }
  const fc = alias as FcAlias;
  if (profileOf(platform).aliasShape === "fc" && fc.resolvePolicy === "Content" && fc.routePolicy) {
    const canary = Object.keys(fc.weights ?? {})[0] ?? "?";
    return `${primary} | ${formatVersion(canary)} by rule`;
  }
  const weights = weightEntries(platform, alias);
  if (weights.length === 0) return `${primary} 100%`;
  const rest = 1 - weights.reduce((a, [, w]) => a + w, 0);
  return [`${primary} ${pct(rest)}`, ...weights.map(([v, w]) => `${formatVersion(v)} ${pct(w)}`)].join(" | ");
}

/** `invoke.headers.User exact "Bob" → v4`, or "" without rules. */
export function rulesText(platform: Platform, alias: AnyAlias): string {
  const matches = matchesOf(platform, alias) ?? [];
  if (matches.length > 0) {
    return matches.map((m) => `${describeScfMatch(m)} → ${formatVersion(m.version)}`).join("; ");
  }
  const fc = alias as FcAlias;
  if (profileOf(platform).aliasShape === "fc" && fc.resolvePolicy === "Content" && fc.routePolicy) {
    const canary = Object.keys(fc.weights ?? {})[0] ?? "?";
    return `${fc.routePolicy.policyItems.map(describeFcItem).join(` ${fc.routePolicy.condition} `)} → ${formatVersion(canary)}`;
  }
  return "";
}

/** The routing digest (`v1 90% | v2 10%`), tolerating weights only known at apply. */
export function aliasDigest(platform: Platform, alias: AnyAlias): string {
  const weights = weightEntries(platform, alias);
  if (weights.every(([, w]) => Number.isFinite(w))) return routingDigest(platform, alias);
  return weightsText(platform, alias);
}

/**
 * The random share each version gets (rules send only matching requests elsewhere, so a rule
 * alias gives its primary 100%); undefined when a weight is only known at apply.
 */
export function shares(platform: Platform, alias: AnyAlias): Map<string, number> | undefined {
  const out = new Map<string, number>();
  const weights = weightEntries(platform, alias);
  if (!weights.every(([, w]) => Number.isFinite(w))) return undefined;
  // A sum up to WEIGHT_SUM_TOLERANCE above 1 is accepted: the primary then gets 0, never a negative share.
  const rest = Math.max(0, 1 - weights.reduce((a, [, w]) => a + w, 0));
  out.set(primaryOf(platform, alias), rest);
  for (const [v, w] of weights) out.set(v, (out.get(v) ?? 0) + w);
  return out;
}

export function describeCondition(c: GatewayCondition): string {
  return "random" in c
    ? `Random() < ${c.random}`
    : `${c.source} ${c.name} ${c.operator} ${JSON.stringify(c.value)}`;
}

export function describeRoute(route: GatewayRoute): string {
  return `gateway ${route.name} (${route.conditions.map(describeCondition).join(" and ")}) → ${formatVersion(route.qualifier)}`;
}

/**
 * One line for a stage: `v1 90% | v2 10%` when it calls the alias of its own name, else
 * `v3 100% (alias live)` or `v4` (a version), then its gateway routes.
 */
export function stageDigest(snapshot: Snapshot, stage: ReviewStage): string {
  if (stage.problem !== undefined || stage.qualifier === undefined) return "(no binding)";
  const fn = functionOf(snapshot, stage);
  const alias = fn ? aliasNamed(fn, stage.qualifier) : undefined;
  let text: string;
  if (fn && alias) {
    const digest = aliasDigest(fn.platform, alias);
    text = alias.name === stage.stage ? digest : `${digest} (alias ${alias.name})`;
  } else {
    text = formatVersion(stage.qualifier);
  }
  const routes = [...stage.routes.map(describeRoute), ...stage.unparsedRoutes.map((r) => `gateway ${r}`)];
  return [text, ...routes].join(" | ");
}

/** The random split a stage sends to versions (its alias or version); undefined if unknown. */
export function stageShares(snapshot: Snapshot, stage: ReviewStage): Map<string, number> | undefined {
  if (stage.problem !== undefined || stage.qualifier === undefined) return undefined;
  const fn = functionOf(snapshot, stage);
  if (!fn) return undefined;
  const alias = aliasNamed(fn, stage.qualifier);
  return alias ? shares(fn.platform, alias) : new Map([[stage.qualifier, 1]]);
}

const STAGE_ORDER = ["release", "prepub", "dev"];

/** Plain code-unit order: stable across locales, and cheap on large outputs. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Stages by gateway, then release/prepub/dev, then API. */
export function sortedStages(stages: readonly ReviewStage[]): ReviewStage[] {
  return [...stages].sort(
    (a, b) =>
      compareText(a.gatewayLabel, b.gatewayLabel) ||
      STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage) ||
      compareText(a.api ?? "", b.api ?? "") ||
      compareText(a.id, b.id),
  );
}

/** The function as reports name it (see ReviewFunction.label). */
export function functionLabel(fn: ReviewFunction): string {
  return fn.label;
}
