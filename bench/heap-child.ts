/**
 * Peak heap of one synthesis case, in its own process (spawned by harness.heapChild):
 * `heap-child.ts <library|checks|baseline> <scf|fc3> <N> <outdir>`; prints one JSON HeapReport.
 *
 * The peak is the highest used heap V8 reports before any GC during the case, or at its end
 * (between two GCs the used heap only grows), from v8.GCProfiler.
 */
import { performance } from "node:perf_hooks";
import * as v8 from "node:v8";
import { BenchCloud, EstateVariant, synthEstate } from "./estate";
import type { HeapReport } from "./harness";

process.setSourceMapsEnabled(false);

interface GcEvent {
  readonly beforeGC: { readonly heapStatistics: { readonly usedHeapSize: number } };
}

function main(): void {
  const [variant, cloud, n, outdir] = process.argv.slice(2);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  gc();
  gc();
  const before = v8.getHeapStatistics().used_heap_size;
  const profiler = new v8.GCProfiler();
  profiler.start();
  const t0 = performance.now();
  synthEstate(variant as EstateVariant, cloud as BenchCloud, Number(n), outdir);
  const ms = performance.now() - t0;
  const end = v8.getHeapStatistics().used_heap_size;
  const events = (profiler.stop() as unknown as { statistics: GcEvent[] }).statistics;
  const peak = Math.max(end, ...events.map((e) => e.beforeGC.heapStatistics.usedHeapSize));
  const report: HeapReport = { before, peak, growth: peak - before, ms, gcs: events.length };
  console.log(JSON.stringify(report));
}

main();
