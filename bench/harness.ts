/**
 * Shared pieces of the benchmarks: timing, medians and ranges, forced GC, peak-heap children and
 * the summary table every case contributes rows to.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as v8 from "node:v8";
import { runInNewContext } from "node:vm";

/** One row of the summary table printed after the JSON lines. */
export interface SummaryRow {
  readonly bench: string;
  /** Our figure, formatted with its unit. */
  readonly ours: string;
  /** The baseline's figure, formatted with its unit. */
  readonly baseline: string;
  /** Ours / baseline (time or memory), or the case's own ratio. */
  readonly ratio: number;
  /** Lowest and highest ratio over the runs, when the case has several. */
  readonly range?: readonly [number, number];
  /** First and third quartile of the per-round ratios, when reported. */
  readonly iqr?: readonly [number, number];
  readonly target?: number;
  readonly met?: boolean;
}

v8.setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** A full, synchronous garbage collection, so one run's garbage is not billed to the next. */
export function fullGc(): void {
  collect();
  collect();
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function range(xs: readonly number[]): [number, number] {
  return [Math.min(...xs), Math.max(...xs)];
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
export const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Wall and CPU (user + system, all threads of this process) milliseconds of one run. */
export interface RunTime {
  readonly wall: number;
  readonly cpu: number;
}

/** Times `job` after a full GC. */
export function timeRun(job: () => void): RunTime {
  fullGc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  job();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/** Wall milliseconds taken by `job` (after a full GC). */
export function timeMs(job: () => void): number {
  return timeRun(job).wall;
}

export interface PairTiming {
  /** Wall milliseconds per run. */
  readonly ours: number[];
  readonly base: number[];
  /** ours[i] / base[i]: the runs are interleaved pairs. */
  readonly ratios: number[];
  /** CPU milliseconds per run (less sensitive to other processes on a busy machine). */
  readonly oursCpu: number[];
  readonly baseCpu: number[];
}

/**
 * `runs` rounds of every job, interleaved (the order rotates each round, so drift and "who runs
 * first" hit all alike), after the caller's warm-up. Each run starts after a full GC. Returns the
 * run times per job.
 */
export function interleaveAll(runs: number, jobs: readonly (() => void)[]): RunTime[][] {
  const times: RunTime[][] = jobs.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < jobs.length; k++) {
      const j = (k + r) % jobs.length;
      times[j].push(timeRun(jobs[j]));
    }
  }
  return times;
}

/** Two jobs' run times as a comparison: ours against base, run by run. */
export function pairOf(ours: readonly RunTime[], base: readonly RunTime[]): PairTiming {
  return {
    ours: ours.map((x) => x.wall),
    base: base.map((x) => x.wall),
    ratios: ours.map((x, i) => x.wall / base[i].wall),
    oursCpu: ours.map((x) => x.cpu),
    baseCpu: base.map((x) => x.cpu),
  };
}

/** `runs` interleaved pairs (which one goes first alternates), after the caller's warm-up. */
export function interleave(runs: number, ours: () => void, base: () => void): PairTiming {
  const [o, b] = interleaveAll(runs, [ours, base]);
  return pairOf(o, b);
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
}

export function formatMb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** What a heap child reports. */
export interface HeapReport {
  /** Used heap after imports and a full GC, before the case. */
  readonly before: number;
  /** Highest used heap seen while the case ran (before each GC, and at the end). */
  readonly peak: number;
  /** peak - before: what the case itself needed at its peak. */
  readonly growth: number;
  readonly ms: number;
  readonly gcs: number;
}

/**
 * Runs `bench/heap-child.ts <args>` in a fresh Node process (same loader flags as this one) and
 * returns its report. One process per measurement, so one case's heap never inflates another's.
 */
export function heapChild(args: readonly string[]): Promise<HeapReport> {
  const child = path.join(__dirname, "heap-child.ts");
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, "--expose-gc", child, ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("error", reject);
    p.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0) return reject(new Error(`heap child ${args.join(" ")} exited with ${code}: ${out}`));
      try {
        resolve(JSON.parse(line) as HeapReport);
      } catch {
        reject(new Error(`heap child ${args.join(" ")} printed no report: ${out}`));
      }
    });
  });
}

/** Runs async jobs at most `parallel` at a time, keeping their order in the result. */
export async function pool<T>(jobs: readonly (() => Promise<T>)[], parallel: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker));
  return results;
}

/** A plain-text table of summary rows. */
export function formatSummary(rows: readonly SummaryRow[]): string {
  const table = [
    ["bench", "ours", "baseline", "ratio", "range", "iqr", "target", "met"],
    ...rows.map((r) => [
      r.bench,
      r.ours,
      r.baseline,
      r.ratio.toFixed(2),
      r.range ? `${r.range[0].toFixed(2)}–${r.range[1].toFixed(2)}` : "-",
      r.iqr ? `${r.iqr[0].toFixed(2)}–${r.iqr[1].toFixed(2)}` : "-",
      r.target === undefined ? "-" : `≤ ${r.target}`,
      r.met === undefined ? "-" : r.met ? "yes" : "NO",
    ]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [line(table[0]), widths.map((w) => "-".repeat(w)).join("  "), ...table.slice(1).map(line)].join(
    "\n",
  );
}
