/** Routing expectations ("reaches v4", "10% ± 2 points to v2") judged on a sample: shared by alias and stage checks. */
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
  const req = request && Object.keys(request).length > 0 ? ` with ${JSON.stringify(request)}` : "";
  if (e.reaches !== undefined) return `${subject}${req} reaches ${formatVersion(e.reaches)}`;
  if (e.share)
    return `${subject}${req} sends ${e.share.percent}% ± ${e.share.tolerance} points to ${formatVersion(e.share.version)}`;
  return `${subject}${req}`;
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
  if ((e.reaches === undefined) === (e.share === undefined))
    return `${name}: give exactly one of reaches or share`;
  const actual = result.versions
    .map((v) => `${formatVersion(v.version)} ${formatPercent(v.share)}`)
    .join(" | ");
  if (e.reaches !== undefined) {
    if (result.versions.length === 1 && result.versions[0].version === e.reaches) return undefined;
    return `${name}: expected every request to reach ${formatVersion(e.reaches)}, actual over ${samples} requests: ${actual} (${context()})`;
  }
  const share = e.share!;
  const got = (result.versions.find((v) => v.version === share.version)?.share ?? 0) * 100;
  if (Math.abs(got - share.percent) <= share.tolerance) return undefined;
  return (
    `${name}: expected ${share.percent}% ± ${share.tolerance} points to ${formatVersion(share.version)}, ` +
    `actual ${got.toFixed(1)}% over ${samples} requests: ${actual} (${context()})`
  );
}
