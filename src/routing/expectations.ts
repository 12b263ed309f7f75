/** Routing expectations ("reaches v4", "10% ± 2 points to v2") judged on a sample: shared by alias and stage checks. */
import { show } from "./diagnostics";
import { formatPercent, formatVersion } from "./digest";
import { RouteRequest } from "./types";

export interface ExpectedRoute {
  /** Every such request reaches this version (label). */
  readonly reaches?: string;
  /** Or: this version receives `percent` ± `tolerance` percentage points of such requests. */
  readonly share?: { readonly version: string; readonly percent: number; readonly tolerance: number };
}

export interface SampledShares {
  readonly versions: readonly { readonly version: string; readonly share: number }[];
}

/** `release with {"headers":{"User":"Bob"}} reaches v4` */
export function describeExpectedRoute(
  subject: string,
  request: RouteRequest | undefined,
  e: ExpectedRoute,
): string {
  // Malformed expectations are described too (and then refused): never coerce what was given.
  const text = (x: unknown) => (typeof x === "number" ? String(x) : show(x));
  let json: string | undefined;
  try {
    json = JSON.stringify(request);
  } catch {
    json = show(request);
  }
  const req =
    typeof request === "object" && request !== null && Object.keys(request).length > 0 ? ` with ${json}` : "";
  if (e.reaches !== undefined) return `${subject}${req} reaches ${formatVersion(e.reaches)}`;
  if (typeof e.share === "object" && e.share !== null)
    return `${subject}${req} sends ${text(e.share.percent)}% ± ${text(e.share.tolerance)} points to ${formatVersion(e.share.version)}`;
  return `${subject}${req}`;
}

/**
 * What is wrong with an expectation itself (not with the routing it checks), or undefined: exactly one of
 * `reaches` and `share`, a version label, and a share's percent in [0, 100] with a finite tolerance ≥ 0.
 */
export function expectationShapeProblem(e: ExpectedRoute): string | undefined {
  const x = e as { reaches?: unknown; share?: unknown };
  if ((x.reaches === undefined) === (x.share === undefined)) {
    const got = x.reaches === undefined ? "neither" : "both";
    return `got ${got} of reaches and share; allowed: exactly one of reaches or share`;
  }
  if (x.reaches !== undefined && typeof x.reaches !== "string") {
    return `reaches ${show(x.reaches)} is not a version label; allowed: a version label such as "2"`;
  }
  if (x.share === undefined) return undefined;
  const { version, percent, tolerance } = (
    typeof x.share === "object" && x.share !== null ? x.share : {}
  ) as Record<string, unknown>;
  if (typeof version !== "string") {
    return `share.version ${show(version)} is not a version label; allowed: a version label such as "2"`;
  }
  if (typeof percent !== "number" || !(percent >= 0 && percent <= 100)) {
    return `share.percent ${show(percent)} is not a percentage; allowed: a number from 0 to 100 (10 = 10%)`;
  }
  if (typeof tolerance !== "number" || !(tolerance >= 0 && Number.isFinite(tolerance))) {
    return `share.tolerance ${show(tolerance)} is not a tolerance; allowed: a finite number of percentage points ≥ 0`;
  }
  return undefined;
}

/**
 * Why a sample contradicts an expectation, or undefined when it holds. `context` explains the route
 * (chain, assumptions) in the message; it is only computed for a failure.
 */
export function expectationProblem(
  name: string,
  e: ExpectedRoute,
  result: SampledShares,
  samples: number,
  context: () => string,
): string | undefined {
  const shapeProblem = expectationShapeProblem(e);
  if (shapeProblem !== undefined) return `${name}: ${shapeProblem}`;
  const actual = result.versions
    .map((v) => `${formatVersion(v.version)} ${formatPercent(v.share)}`)
    .join(" | ");
  if (e.reaches !== undefined) {
    if (result.versions.length === 1 && result.versions[0].version === e.reaches) return undefined;
    return `${name}: expected every request to reach ${formatVersion(e.reaches)}, actual over ${samples} requests: ${actual} (${context()})`;
  }
  const share = e.share!;
  const fraction = result.versions.find((v) => v.version === share.version)?.share ?? 0;
  const got = fraction * 100;
  if (Math.abs(got - share.percent) <= share.tolerance) return undefined;
  // Rounded as formatPercent rounds the split in the same message (9.85% is 9.9% in both).
  const shown = (Math.round(fraction * 1000) / 10).toFixed(1);
  return (
    `${name}: expected ${share.percent}% ± ${share.tolerance} points to ${formatVersion(share.version)}, ` +
    `actual ${shown}% over ${samples} requests: ${actual} (${context()})`
  );
}
