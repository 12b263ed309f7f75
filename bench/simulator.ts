/**
 * Benchmarks of the routing simulator against a bare `Math.random() < w` loop in the same process.
 *
 * Each case alternates baseline and case runs (after a warm-up) and reports the medians, so both
 * see the same machine state. The ratio is our time per decision over the baseline's.
 */
import { performance } from "node:perf_hooks";
import { drawImplementation, Fc2FunctionModel, RouteRequest, Router, sample } from "../src/routing";
import { PreparedRequest } from "../src/routing/request";

export interface BenchResult {
  readonly bench: string;
  /** Decisions per timed run. */
  readonly decisions: number;
  readonly runs: number;
  readonly decisions_per_s: number;
  readonly baseline_decisions_per_s: number;
  /** Our time per decision / the baseline's time per decision. */
  readonly ratio_to_baseline: number;
  /** Maximum ratio allowed, when the case has a target. */
  readonly target?: number;
  readonly met?: boolean;
  /** The draw implementation in use ("wasm" or "js"). */
  readonly impl: "wasm" | "js";
}

export interface BenchOptions {
  /** Decisions per run. @default 2_000_000 */
  readonly count?: number;
  /** Timed runs per case (median reported). @default 5 */
  readonly runs?: number;
  /** Decisions per run for the informational cases that prepare or explain each request. @default count / 4 */
  readonly slowCount?: number;
}

const W = 0.1;

/** The work being timed: returns a value so the loop cannot be optimised away. */
type Job = (n: number, start: number) => number;

let sink = 0;

function time(job: Job, n: number, start: number): number {
  const t0 = performance.now();
  sink += job(n, start);
  return (performance.now() - t0) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The baseline: one `Math.random() < w` decision per request. */
const baseline: Job = (n) => {
  let hits = 0;
  for (let i = 0; i < n; i++) if (Math.random() < W) hits++;
  return hits;
};

function measure(bench: string, job: Job, n: number, runs: number, target?: number): BenchResult {
  // Warm-up: let both loops reach optimised code before timing.
  time(baseline, n, 0);
  time(job, n, 0);
  const ours: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < runs; r++) {
    // Interleave, alternating which goes first, so drift hits both alike.
    const start = (r + 1) * n;
    if (r % 2 === 0) {
      base.push(time(baseline, n, start));
      ours.push(time(job, n, start));
    } else {
      ours.push(time(job, n, start));
      base.push(time(baseline, n, start));
    }
  }
  const ourS = median(ours);
  const baseS = median(base);
  const ratio = ourS / baseS;
  return {
    bench,
    decisions: n,
    runs,
    decisions_per_s: Math.round(n / ourS),
    baseline_decisions_per_s: Math.round(n / baseS),
    ratio_to_baseline: Math.round(ratio * 100) / 100,
    ...(target !== undefined ? { target, met: ratio <= target } : {}),
    impl: drawImplementation,
  };
}

/** One weighted FC 2.0 alias and one Content-mode alias with three Header items (AND). */
export const BENCH_MODEL: Fc2FunctionModel = {
  platform: "fc2",
  serviceName: "bench",
  publishedVersions: ["1", "2"],
  aliases: [
    { name: "weighted", versionId: "1", weights: { "2": W } },
    {
      name: "rules",
      versionId: "1",
      weights: { "2": W },
      resolvePolicy: "Content",
      routePolicy: {
        condition: "AND",
        policyItems: [
          { type: "Header", key: "X-Region", operator: "in", value: "cn-hangzhou, cn-shanghai, cn-beijing" },
          { type: "Header", key: "X-Tier", operator: "!=", value: "free" },
          { type: "Header", key: "X-Client-Version", operator: ">=", value: "2.4.0" },
        ],
      },
    },
  ],
};

/** 1024 requests with varying header values (about a fifth match all three items). */
export function benchRequests(): RouteRequest[] {
  const regions = ["cn-hangzhou", "cn-shanghai", "us-west-1", "cn-beijing"];
  const tiers = ["free", "pro", "enterprise"];
  const versions = ["2.3.9", "2.4.0", "2.10.1", "3.0.0", "1.9.9"];
  return Array.from({ length: 1024 }, (_, i) => ({
    qualifier: "rules",
    headers: {
      "x-region": regions[i % regions.length],
      "X-Tier": tiers[(i >> 2) % tiers.length],
      "x-client-version": versions[(i * 7) % versions.length],
      "user-agent": `bench/${i}`,
      accept: "application/json",
    },
  }));
}

export async function runSimulatorBench(options: BenchOptions = {}): Promise<BenchResult[]> {
  const count = options.count ?? 2_000_000;
  const runs = options.runs ?? 5;
  const slowCount = options.slowCount ?? Math.max(1, Math.floor(count / 4));
  const router = new Router(BENCH_MODEL, { seed: 42 });
  const requests = benchRequests();
  const mask = requests.length - 1;
  const prepared: PreparedRequest[] = requests.map((r) => router.prepare(r));
  const results: BenchResult[] = [];

  // sample() of a weighted alias with one fixed request: one draw and one comparison per decision.
  const weightedRequest: RouteRequest = { qualifier: "weighted" };
  results.push(
    measure(
      "simulator.weighted",
      (n, start) => sample(router, weightedRequest, n, { startIndex: start }).versions.length,
      count,
      runs,
      2,
    ),
  );
  await Promise.resolve();

  // Prepared requests: rule evaluation (three Header items) plus the draw.
  results.push(
    measure(
      "simulator.rules",
      (n, start) => {
        let canary = 0;
        for (let i = 0; i < n; i++) if (router.pickVersion(prepared[i & mask], start + i) === "2") canary++;
        return canary;
      },
      count,
      runs,
      6,
    ),
  );
  await Promise.resolve();

  // The same, normalising each request too (informational).
  results.push(
    measure(
      "simulator.rules+prepare",
      (n, start) => {
        let canary = 0;
        for (let i = 0; i < n; i++) {
          if (router.pickVersion(router.prepare(requests[i & mask]), start + i) === "2") canary++;
        }
        return canary;
      },
      slowCount,
      runs,
    ),
  );
  await Promise.resolve();

  // Full route() with its explanation (informational).
  results.push(
    measure(
      "simulator.resolve",
      (n, start) => {
        let canary = 0;
        for (let i = 0; i < n; i++) if (router.route(requests[i & mask], start + i).version === "2") canary++;
        return canary;
      },
      slowCount,
      runs,
    ),
  );
  if (sink === -1) console.log(sink); // keep the sink observable
  return results;
}

/** A plain-text table of results. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = [
    ["bench", "decisions/run", "decisions/s", "baseline/s", "ratio", "target", "met", "impl"],
    ...results.map((r) => [
      r.bench,
      r.decisions.toLocaleString("en-US"),
      r.decisions_per_s.toLocaleString("en-US"),
      r.baseline_decisions_per_s.toLocaleString("en-US"),
      r.ratio_to_baseline.toFixed(2),
      r.target === undefined ? "-" : `≤ ${r.target}`,
      r.met === undefined ? "-" : r.met ? "yes" : "NO",
      r.impl,
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}
