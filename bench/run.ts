/**
 * `npm run bench`: one JSON object per line per case, then a summary table.
 * Exits with status 1 when a case misses its target.
 */
import { formatTable, runSimulatorBench } from "./simulator";

async function main(): Promise<void> {
  const started = Date.now();
  const results = await runSimulatorBench();
  for (const r of results) console.log(JSON.stringify(r));
  console.log("");
  console.log(formatTable(results));
  console.log(
    `\n(${((Date.now() - started) / 1000).toFixed(1)} s; ratio = our time per decision / Math.random() loop)`,
  );
  if (results.some((r) => r.met === false)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
