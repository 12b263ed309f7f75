/**
 * `npm run bench`: one JSON object per line per case, then a summary table.
 * Exits with status 1 when a case misses its target.
 *
 * Options: `--only simulator,synth,review,rehearse` runs a subset (review needs synth's N = 500 outputs;
 * rehearse needs Terraform on PATH and takes the longest);
 * `--quick` uses N = 10 and 100 and 3 runs (a smoke test, not a measurement).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatSummary, SummaryRow } from "./harness";
import { runReviewBench } from "./review";
import { BenchResult, runSimulatorBench } from "./simulator";
import { runSynthBench } from "./synth";
import { runRehearseBench } from "./rehearse";

const perSecond = (x: number) => `${(x / 1e6).toFixed(2)} M/s`;

function simulatorRow(r: BenchResult): SummaryRow {
  return {
    bench: r.bench,
    ours: perSecond(r.decisions_per_s),
    baseline: perSecond(r.baseline_decisions_per_s),
    ratio: r.ratio_to_baseline,
    range: r.ratio_range,
    iqr: r.ratio_iqr,
    ...(r.target !== undefined ? { target: r.target, met: r.met } : {}),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyArg = args.find((a) => a.startsWith("--only"));
  const only = onlyArg
    ? (onlyArg.includes("=") ? onlyArg.split("=")[1] : args[args.indexOf(onlyArg) + 1]).split(",")
    : ["simulator", "synth", "review", "rehearse"];
  const quick = args.includes("--quick");
  const started = Date.now();
  const progress = (text: string) =>
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${text}\n`);
  const rows: SummaryRow[] = [];
  const print = (line: object) => console.log(JSON.stringify(line));
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "serverless-canary-bench-"));
  try {
    if (only.includes("simulator")) {
      progress("simulator");
      const results = await runSimulatorBench();
      results.forEach(print);
      rows.push(...results.map(simulatorRow));
    }
    let outputs: Record<string, string> = {};
    let outputsN = 500;
    if (only.includes("synth") || only.includes("review")) {
      const synth = await runSynthBench({
        workdir,
        progress,
        ...(quick ? { sizes: [10, 100], runs: 3 } : {}),
        outputsOnly: !only.includes("synth"),
      });
      if (only.includes("synth")) {
        synth.lines.forEach(print);
        rows.push(...synth.rows);
      }
      outputs = synth.outputs as Record<string, string>;
      outputsN = synth.outputsN;
    }
    if (only.includes("review") && Object.keys(outputs).length > 0) {
      progress("review.large");
      const review = await runReviewBench(outputs, outputsN);
      review.lines.forEach(print);
      rows.push(...review.rows);
    }
    if (only.includes("rehearse")) {
      const rehearsal = await runRehearseBench({
        workdir,
        progress,
        ...(quick ? { sizes: [10, 30], clouds: ["scf"] as const } : {}),
      });
      rehearsal.lines.forEach(print);
      rows.push(...rehearsal.rows);
    }
  } finally {
    fs.rmSync(workdir, { recursive: true, force: true });
  }
  console.log("");
  console.log(formatSummary(rows));
  console.log(
    `\n(${((Date.now() - started) / 1000).toFixed(1)} s; simulator ratio = our CPU time per decision / the Math.random() loop's (wall time in the JSON lines); ` +
      `synth ratio = library / baseline program with the generated classes; review ratio = review --json / JSON.parse)`,
  );
  if (rows.some((r) => r.met === false)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
