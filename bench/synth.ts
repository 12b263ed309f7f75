/**
 * Synthesis benchmarks: the library against a baseline program that builds the identical resources
 * with the generated provider classes (bench/estate.ts).
 *
 * - synth.scale: N = 10, 100, 500 functions per cloud; construct building plus `app.synth()`,
 *   median of interleaved runs after a warm-up (time, same process) and peak heap (one child
 *   process per measurement). The warm-up run first asserts both outputs are the same Terraform
 *   JSON with the `//` metadata removed.
 * - synth.scaling: library time at N = 500 over N = 100.
 * - synth.checks: the N = 500 estate with three routing expectations per stage (alias), each
 *   sampled with 10,000 requests, against the same estate without expectations.
 *
 * Source maps are switched off while timing: with them on (tsx's default), every stack trace cdktf
 * captures for a token is source-mapped, a cost shared by both programs that only dilutes the ratio.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BENCH_CLOUDS, BenchCloud, EstateVariant, synthEstate } from "./estate";
import {
  formatMb,
  formatMs,
  heapChild,
  HeapReport,
  interleaveAll,
  median,
  pairOf,
  PairTiming,
  pool,
  range,
  round2,
  round1,
  SummaryRow,
  timeMs,
} from "./harness";

export const SCALE_SIZES = [10, 100, 500] as const;
/** Interleaved pairs per size: more where a run is short and noisy. */
const RUNS: Record<number, number> = { 10: 11, 100: 5, 500: 5 };

/** synth.scaling compares the largest N with this one. */
const SCALING_REF = 100;

export const TARGETS = { time: 1.25, heap: 1.3, scaling: 5.5, checks: 1.5 } as const;

export interface SynthOptions {
  /** Where the outputs go (a fresh temporary folder). */
  readonly workdir: string;
  readonly sizes?: readonly number[];
  readonly clouds?: readonly BenchCloud[];
  /** Overrides the interleaved pairs per size. */
  readonly runs?: number;
  /** Heap children in parallel (they are not timed against each other). @default 2 */
  readonly parallel?: number;
  /** Log progress to stderr. */
  readonly progress?: (text: string) => void;
  /** Only synthesize the library's N = 500 outputs (for review.large), no measurement. */
  readonly outputsOnly?: boolean;
}

export interface SynthResults {
  /** One JSON object per case. */
  readonly lines: object[];
  readonly rows: SummaryRow[];
  /** Library outputs at the largest N per cloud, for review.large. */
  readonly outputs: Partial<Record<BenchCloud, string>>;
  /** That N. */
  readonly outputsN: number;
}

/** Parsed Terraform JSON without the `//` metadata keys (cdktf's construct paths and ids). */
export function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== "//") out[k] = withoutMetadata(v);
    return out;
  }
  return value;
}

function stackFile(outdir: string): string {
  return path.join(outdir, "stacks", "bench", "cdk.tf.json");
}

/** The first path where two JSON values differ, for the assertion message. */
function firstDifference(a: unknown, b: unknown, at = "$"): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null)
    return `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of [...keys].sort()) {
    const d = firstDifference(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      `${at}.${k}`,
    );
    if (d) return d;
  }
  return undefined;
}

/** Asserts the library's and the baseline's Terraform JSON are the same, metadata aside. */
export function assertSameTerraform(libraryDir: string, baselineDir: string, label: string): number {
  const read = (dir: string) => withoutMetadata(JSON.parse(fs.readFileSync(stackFile(dir), "utf8")));
  const ours = read(libraryDir);
  const base = read(baselineDir);
  const a = JSON.stringify(ours);
  if (a !== JSON.stringify(base)) {
    throw new Error(
      `${label}: the library and the baseline synthesize different Terraform JSON: ${firstDifference(ours, base)}`,
    );
  }
  const resources = (ours as { resource?: Record<string, object> }).resource ?? {};
  return Object.values(resources).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

function heapRatio(ours: HeapReport, base: HeapReport): number {
  return ours.growth / base.growth;
}

export async function runSynthBench(options: SynthOptions): Promise<SynthResults> {
  const sizes = options.sizes ?? SCALE_SIZES;
  const clouds = options.clouds ?? BENCH_CLOUDS;
  const log = options.progress ?? (() => undefined);
  const lines: object[] = [];
  const rows: SummaryRow[] = [];
  const outputs: Partial<Record<BenchCloud, string>> = {};
  const dir = (variant: EstateVariant, cloud: BenchCloud, n: number) =>
    path.join(options.workdir, `${cloud}-${n}-${variant}`);
  const synth = (variant: EstateVariant, cloud: BenchCloud, n: number) => () =>
    synthEstate(variant, cloud, n, dir(variant, cloud, n));

  if (options.outputsOnly) {
    for (const cloud of clouds) {
      synth("library", cloud, 500)();
      outputs[cloud] = dir("library", cloud, 500);
    }
    return { lines, rows, outputs, outputsN: 500 };
  }

  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  const scaling: { cloud: BenchCloud; n: number; runs: number; library: PairTiming; baseline: PairTiming }[] =
    [];
  const timings: {
    cloud: BenchCloud;
    n: number;
    resources: number;
    runs: number;
    ours: number[];
    base: number[];
    ratios: number[];
    oursCpu: number[];
    baseCpu: number[];
  }[] = [];
  const checkN = Math.max(...sizes);
  const checks: ({ cloud: BenchCloud; runs: number } & PairTiming)[] = [];
  try {
    for (const cloud of clouds) {
      for (const n of sizes) {
        const withChecks = n === checkN;
        log(`synth.scale ${cloud} N=${n}${withChecks ? " (and synth.checks)" : ""}`);
        // Warm-up, which also checks that the comparison is honest.
        synth("library", cloud, n)();
        synth("baseline", cloud, n)();
        const resources = assertSameTerraform(
          dir("library", cloud, n),
          dir("baseline", cloud, n),
          `${cloud} N=${n}`,
        );
        if (withChecks) {
          // Expectations change nothing in the output.
          synth("checks", cloud, n)();
          assertSameTerraform(
            dir("checks", cloud, n),
            dir("library", cloud, n),
            `${cloud} N=${n} with expectations`,
          );
        }
        const runs = options.runs ?? RUNS[n] ?? 5;
        // One rotation of library and baseline; at the largest N also the library with expectations
        // (synth.checks) and both programs at the scaling reference size, so that the N = 500 / N = 100
        // ratio compares runs made at the same time, not minutes apart on a machine whose load drifts.
        const scalingRef = withChecks && n !== SCALING_REF && sizes.includes(SCALING_REF);
        const times = interleaveAll(runs, [
          synth("library", cloud, n),
          synth("baseline", cloud, n),
          ...(withChecks ? [synth("checks", cloud, n)] : []),
          ...(scalingRef
            ? [synth("library", cloud, SCALING_REF), synth("baseline", cloud, SCALING_REF)]
            : []),
        ]);
        const t = pairOf(times[0], times[1]);
        timings.push({ cloud, n, resources, runs, ...t });
        if (withChecks) checks.push({ cloud, runs, ...pairOf(times[2], times[0]) });
        if (scalingRef) {
          scaling.push({
            cloud,
            n,
            runs,
            library: pairOf(times[0], times[3]),
            baseline: pairOf(times[1], times[4]),
          });
        }
        if (n === checkN) outputs[cloud] = dir("library", cloud, n);
      }
    }

    // Peak heap: one child process per measurement, after the timing (never concurrently with it).
    log("peak heap (child processes)");
    type HeapJob = { key: string; variant: EstateVariant; cloud: BenchCloud; n: number };
    const jobs: HeapJob[] = [];
    for (const cloud of clouds) {
      for (const n of sizes)
        for (const variant of ["library", "baseline"] as const)
          jobs.push({ key: `${variant}/${cloud}/${n}`, variant, cloud, n });
      jobs.push({ key: `checks/${cloud}/${checkN}`, variant: "checks", cloud, n: checkN });
    }
    const reports = await pool(
      jobs.map(
        (j) => () => heapChild([j.variant, j.cloud, String(j.n), dir(j.variant, j.cloud, j.n) + "-heap"]),
      ),
      options.parallel ?? 2,
    );
    const heap = new Map(jobs.map((j, i) => [j.key, reports[i]]));

    for (const t of timings) {
      const ours = median(t.ours);
      const base = median(t.base);
      const ratio = ours / base;
      const h = heap.get(`library/${t.cloud}/${t.n}`)!;
      const hb = heap.get(`baseline/${t.cloud}/${t.n}`)!;
      const hr = heapRatio(h, hb);
      const targeted = t.n === 500;
      lines.push({
        bench: "synth.scale",
        cloud: t.cloud,
        n: t.n,
        resources: t.resources,
        runs: t.runs,
        library_ms: round1(ours),
        library_ms_range: range(t.ours).map(round1),
        baseline_ms: round1(base),
        baseline_ms_range: range(t.base).map(round1),
        ratio_time: round2(ratio),
        ratio_time_range: range(t.ratios).map(round2),
        library_cpu_ms: round1(median(t.oursCpu)),
        baseline_cpu_ms: round1(median(t.baseCpu)),
        ratio_cpu: round2(median(t.oursCpu) / median(t.baseCpu)),
        library_peak_heap_mb: round1(h.growth / 1048576),
        baseline_peak_heap_mb: round1(hb.growth / 1048576),
        ratio_heap: round2(hr),
        ...(targeted
          ? {
              target_time: TARGETS.time,
              target_heap: TARGETS.heap,
              met: ratio <= TARGETS.time && hr <= TARGETS.heap,
            }
          : {}),
      });
      rows.push({
        bench: `synth.scale ${t.cloud} N=${t.n} time`,
        ours: formatMs(ours),
        baseline: formatMs(base),
        ratio,
        range: range(t.ratios),
        ...(targeted ? { target: TARGETS.time, met: ratio <= TARGETS.time } : {}),
      });
      rows.push({
        bench: `synth.scale ${t.cloud} N=${t.n} heap`,
        ours: formatMb(h.growth),
        baseline: formatMb(hb.growth),
        ratio: hr,
        ...(targeted ? { target: TARGETS.heap, met: hr <= TARGETS.heap } : {}),
      });
    }

    for (const sc of scaling) {
      const ratio = median(sc.library.ours) / median(sc.library.base);
      const baseRatio = median(sc.baseline.ours) / median(sc.baseline.base);
      const met = ratio <= TARGETS.scaling;
      lines.push({
        bench: "synth.scaling",
        cloud: sc.cloud,
        runs: sc.runs,
        [`library_ms_n${SCALING_REF}`]: round1(median(sc.library.base)),
        [`library_ms_n${sc.n}`]: round1(median(sc.library.ours)),
        ratio: round2(ratio),
        ratio_range: range(sc.library.ratios).map(round2),
        ratio_cpu: round2(median(sc.library.oursCpu) / median(sc.library.baseCpu)),
        baseline_ratio: round2(baseRatio),
        target: TARGETS.scaling,
        met,
      });
      rows.push({
        bench: `synth.scaling ${sc.cloud} N=${sc.n}/N=${SCALING_REF}`,
        ours: formatMs(median(sc.library.ours)),
        baseline: `${formatMs(median(sc.library.base))} (N=${SCALING_REF})`,
        ratio,
        range: range(sc.library.ratios),
        target: TARGETS.scaling,
        met,
      });
    }

    for (const c of checks) {
      const ours = median(c.ours);
      const base = median(c.base);
      const ratio = ours / base;
      const h = heap.get(`checks/${c.cloud}/${checkN}`)!;
      const hb = heap.get(`library/${c.cloud}/${checkN}`)!;
      lines.push({
        bench: "synth.checks",
        cloud: c.cloud,
        n: checkN,
        expectations: checkN * 9,
        samples_per_expectation: 10000,
        runs: c.runs,
        checks_ms: round1(ours),
        checks_ms_range: range(c.ours).map(round1),
        no_checks_ms: round1(base),
        no_checks_ms_range: range(c.base).map(round1),
        ratio: round2(ratio),
        ratio_range: range(c.ratios).map(round2),
        ratio_cpu: round2(median(c.oursCpu) / median(c.baseCpu)),
        checks_peak_heap_mb: round1(h.growth / 1048576),
        no_checks_peak_heap_mb: round1(hb.growth / 1048576),
        target: TARGETS.checks,
        met: ratio <= TARGETS.checks,
      });
      rows.push({
        bench: `synth.checks ${c.cloud} N=${checkN}`,
        ours: formatMs(ours),
        baseline: formatMs(base),
        ratio,
        range: range(c.ratios),
        target: TARGETS.checks,
        met: ratio <= TARGETS.checks,
      });
    }
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
  }
  return { lines, rows, outputs, outputsN: checkN };
}

/** Times one case once (for profiling and quick checks). */
export function timeOnce(variant: EstateVariant, cloud: BenchCloud, n: number, outdir: string): number {
  return timeMs(() => synthEstate(variant, cloud, n, outdir));
}
