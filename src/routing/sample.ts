/** Routes many requests and reports each version's share with a 99% confidence interval. */
import { diag, RoutingValidationError } from "./diagnostics";
import { Router, routerFor, RouterOptions, STICKY_ASSUMPTION } from "./resolve";
import { FunctionModel, RouteReason, RouteRequest } from "./types";

/** z for a two-sided 99% interval. */
export const Z_99 = 2.5758293035489004;

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** Wilson score interval for k successes in n trials (well-behaved at shares of 0 and 1). */
export function wilsonInterval(k: number, n: number, z = Z_99): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At k = 0 and k = n the exact bounds are 0 and 1; the formula leaves float residue such as 1e-17.
  return {
    low: k <= 0 ? 0 : Math.max(0, centre - half),
    high: k >= n ? 1 : Math.min(1, centre + half),
  };
}

export interface VersionShare {
  readonly version: string;
  readonly count: number;
  readonly share: number;
  /** 99% Wilson interval of the share. */
  readonly ci99: Interval;
}

export interface SampleResult {
  readonly total: number;
  readonly seed: string;
  readonly startIndex: number;
  /** Versions by count, descending (ties by name). */
  readonly versions: readonly VersionShare[];
  readonly reasons: Readonly<Partial<Record<RouteReason, number>>>;
  readonly assumptions: readonly string[];
}

export interface SampleOptions extends RouterOptions {
  /** Index of the first request. @default 0 */
  readonly startIndex?: number;
}

const MAX_SAMPLE = 1e9;

/**
 * Routes `count` requests: the same request each time, or one per index from a generator.
 * Request i uses draw U(seed, startIndex + i), so results are reproducible for a seed.
 */
export function sample(
  model: FunctionModel | Router,
  requests: RouteRequest | ((index: number) => RouteRequest) | undefined,
  count: number,
  opts: SampleOptions = {},
): SampleResult {
  // diag() renders the value without throwing (String() throws on null-prototype objects).
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_SAMPLE) {
    throw new RoutingValidationError([
      diag({
        rule: "V0",
        code: "InvalidArgument",
        path: "count",
        value: count,
        allowed: `an integer from 0 to ${MAX_SAMPLE}`,
        problem: "sample count out of range",
      }),
    ]);
  }
  const start = opts.startIndex ?? 0;
  if (!Number.isSafeInteger(start) || start < 0 || start + count > Number.MAX_SAFE_INTEGER) {
    throw new RoutingValidationError([
      diag({
        rule: "V0",
        code: "InvalidArgument",
        path: "startIndex",
        value: start,
        allowed: "a non-negative safe integer (startIndex + count at most 2^53 - 1)",
        problem: "startIndex out of range",
      }),
    ]);
  }
  const router = model instanceof Router ? model : routerFor(model, opts);
  const counts = new Map<string, number>();
  const reasons: Partial<Record<RouteReason, number>> = {};
  const assumptions = new Set<string>();
  const bump = (version: string, reason: RouteReason, n = 1) => {
    counts.set(version, (counts.get(version) ?? 0) + n);
    reasons[reason] = (reasons[reason] ?? 0) + n;
  };

  if (typeof requests === "function") {
    for (let i = 0; i < count; i++) {
      const decision = router.route(requests(start + i), start + i);
      decision.assumptions.forEach((a) => assumptions.add(a));
      bump(decision.version, decision.reason);
    }
  } else if (count > 0) {
    // Same request every time: choose the plan once, then only draws vary.
    const req = router.prepare(requests);
    req.assumptions.forEach((a) => assumptions.add(a));
    const alias = router.target(req.qualifier);
    if (!alias) {
      bump(req.qualifier, "direct", count);
    } else {
      if (router.options.stickyWeighted && req.stickyKey !== undefined) assumptions.add(STICKY_ASSUMPTION);
      const plan = alias.planFor(req);
      const tally = new Float64Array(plan.cumulative.length + 1);
      const cum = plan.cumulative;
      // A fixed plan (rules, no weights) ignores the draw: count it without drawing.
      if (cum.length === 0) {
        tally[0] = count;
      } else {
        for (let i = 0; i < count; i++) {
          const u = router.drawFor(req, start + i);
          let k = 0;
          while (k < cum.length && u >= cum[k]) k++;
          tally[k]++;
        }
      }
      plan.outcomes.forEach((o, k) => tally[k] > 0 && bump(o.version, o.reason, tally[k]));
      if (tally[cum.length] > 0) bump(plan.fallback.version, plan.fallback.reason, tally[cum.length]);
    }
  }

  const versions = [...counts.entries()]
    .map(([version, c]) => ({
      version,
      count: c,
      share: count ? c / count : 0,
      ci99: wilsonInterval(c, count),
    }))
    .sort((a, b) => b.count - a.count || (a.version < b.version ? -1 : 1));
  return {
    total: count,
    seed: (BigInt(router.seed.hi) * 4294967296n + BigInt(router.seed.lo)).toString(),
    startIndex: start,
    versions,
    reasons,
    assumptions: [...assumptions],
  };
}
