/**
 * Routing digests: one line per alias that reads like a release note, e.g.
 * `release: v1 90% | v2 10%` or `prepub: v3 | invoke.headers.User exact "Bob" → v4`.
 * Used for SCF alias descriptions (V25: the provider only sends UpdateAlias when the
 * description or routing changes), Terraform outputs and review reports.
 */
import { show } from "./diagnostics";
import { isRecord } from "./rules/rule";
import { AnyAlias, FcAlias, FcPolicyItem, Platform, ScfAlias, ScfMatch } from "./types";

/** 0.1 → "10%", 1/3 → "33.3%": at most one decimal, no float noise. */
export function formatPercent(fraction: number): string {
  const pct = Math.round(fraction * 1000) / 10;
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

export function formatVersion(version: string): string {
  // Messages about malformed input format whatever they were given, without throwing.
  if (typeof version !== "string") return show(version);
  return /^[0-9]+$/.test(version) ? `v${version}` : version;
}

export function describeFcItem(item: FcPolicyItem): string {
  return `${item.type} ${item.key} ${item.operator} ${JSON.stringify(item.value)}`;
}

export function describeScfMatch(m: ScfMatch): string {
  return `${m.key} ${m.method} ${JSON.stringify(m.expression)}`;
}

/** The version → weight entries of an alias, in declaration order. */
export function weightEntries(platform: Platform, alias: AnyAlias): [string, number][] {
  if (platform === "scf") {
    const ws = (alias as ScfAlias).weights;
    return Array.isArray(ws) ? ws.filter(isRecord).map((w) => [String(w.version), Number(w.weight)]) : [];
  }
  const ws = (alias as FcAlias).weights;
  return isRecord(ws) ? Object.entries(ws).map(([v, w]) => [v, Number(w)]) : [];
}

export function primaryOf(platform: Platform, alias: AnyAlias): string {
  return String(platform === "scf" ? (alias as ScfAlias).primary : (alias as FcAlias).versionId);
}

/**
 * The routing of one alias without its name, e.g. `v1 90% | v2 10%`. An FC 2.0 Content-mode alias reads
 * `v1 | <rule> → v2`: requests that miss the routePolicy go to the primary whatever the weight
 * (routing-semantics.md §7.4 step 5); with `contentMode: "weighted"` a hit goes to the canary with the weight
 * (`→ v2 30%`), as the simulator routes it.
 */
export function routingDigest(
  platform: Platform,
  alias: AnyAlias,
  options?: { readonly contentMode?: "all" | "weighted" },
): string {
  const primary = formatVersion(primaryOf(platform, alias));
  if (platform === "scf") {
    const matches = (alias as ScfAlias).matches;
    if (Array.isArray(matches) && matches.length > 0) {
      return [primary, ...matches.map((m) => `${describeScfMatch(m)} → ${formatVersion(m.version)}`)].join(
        " | ",
      );
    }
  } else {
    const fc = alias as FcAlias;
    if (fc.resolvePolicy === "Content" && fc.routePolicy && Array.isArray(fc.routePolicy.policyItems)) {
      const [canary, weight] = weightEntries(platform, alias)[0] ?? ["?", 1];
      const rule = fc.routePolicy.policyItems.map(describeFcItem).join(` ${fc.routePolicy.condition} `);
      const share = options?.contentMode === "weighted" ? ` ${formatPercent(weight)}` : "";
      return `${primary} | ${rule} → ${formatVersion(canary)}${share}`;
    }
  }
  const weights = weightEntries(platform, alias);
  if (weights.length === 0) return `${primary} 100%`;
  const rest = 1 - weights.reduce((a, [, w]) => a + w, 0);
  return [
    `${primary} ${formatPercent(rest)}`,
    ...weights.map(([v, w]) => `${formatVersion(v)} ${formatPercent(w)}`),
  ].join(" | ");
}

/** `release: v1 90% | v2 10%` */
export function routingSummary(
  platform: Platform,
  alias: AnyAlias,
  options?: { readonly contentMode?: "all" | "weighted" },
): string {
  return `${String(alias.name)}: ${routingDigest(platform, alias, options)}`;
}
