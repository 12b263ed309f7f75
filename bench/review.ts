/**
 * review.large: `serverless-canary review <dir> --json`, in-process through the CLI's `main`, on
 * the library's N = 500 output, against reading and `JSON.parse`-ing the same cdk.tf.json files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { formatMs, fullGc, median, range, round1, round2, SummaryRow } from "./harness";

export const REVIEW_TARGET = 10;

interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}
type CliMain = (argv: readonly string[], io: CliIo) => Promise<number>;

/** `cdk.tf.json` files under a cdktf output folder. */
function stackFiles(dir: string): string[] {
  const stacks = path.join(dir, "stacks");
  return fs
    .readdirSync(stacks)
    .map((s) => path.join(stacks, s, "cdk.tf.json"))
    .filter((f) => fs.existsSync(f));
}

/** Milliseconds until `job` settles, after a full GC. */
async function timeAsync(job: () => Promise<void>): Promise<number> {
  fullGc();
  const start = performance.now();
  await job();
  return performance.now() - start;
}

export interface ReviewResults {
  readonly lines: object[];
  readonly rows: SummaryRow[];
}

/** Loads the CLI lazily: it may not exist yet in a checkout that predates it. */
function loadCli(): CliMain | undefined {
  const file = path.join(__dirname, "..", "src", "cli", "main.ts");
  if (!fs.existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("../src/cli/main") as { main: CliMain }).main;
}

export async function runReviewBench(
  outputs: Readonly<Record<string, string>>,
  n: number,
  runs = 5,
): Promise<ReviewResults> {
  const lines: object[] = [];
  const rows: SummaryRow[] = [];
  const main = loadCli();
  if (!main) {
    lines.push({ bench: "review.large", skipped: "src/cli/main.ts is missing" });
    return { lines, rows };
  }
  let sinkBytes = 0;
  const io: CliIo = {
    stdout: { write: (t: string) => (sinkBytes += t.length) },
    stderr: { write: (t: string) => (sinkBytes += t.length) },
  };
  for (const [cloud, dir] of Object.entries(outputs)) {
    const files = stackFiles(dir);
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    const review = async () => {
      const code = await main(["review", dir, "--json"], io);
      if (code !== 0) throw new Error(`review ${dir} exited with ${code}`);
    };
    const parse = async () => {
      for (const f of files) JSON.parse(fs.readFileSync(f, "utf8"));
    };
    // Warm-up, then interleaved pairs.
    await review();
    await parse();
    const ours: number[] = [];
    const base: number[] = [];
    for (let r = 0; r < runs; r++) {
      if (r % 2 === 0) {
        base.push(await timeAsync(parse));
        ours.push(await timeAsync(review));
      } else {
        ours.push(await timeAsync(review));
        base.push(await timeAsync(parse));
      }
    }
    const o = median(ours);
    const b = median(base);
    const ratios = ours.map((x, i) => x / base[i]);
    lines.push({
      bench: "review.large",
      cloud,
      n,
      files: files.length,
      json_mb: round1(bytes / 1048576),
      runs,
      review_ms: round1(o),
      review_ms_range: range(ours).map(round1),
      json_parse_ms: round1(b),
      json_parse_ms_range: range(base).map(round1),
      ratio: round2(o / b),
      ratio_range: range(ratios).map(round2),
      target: REVIEW_TARGET,
      met: o / b <= REVIEW_TARGET,
    });
    rows.push({
      bench: `review.large ${cloud} N=${n}`,
      ours: formatMs(o),
      baseline: formatMs(b),
      ratio: o / b,
      range: range(ratios),
      target: REVIEW_TARGET,
      met: o / b <= REVIEW_TARGET,
    });
  }
  if (sinkBytes < 0) console.log(sinkBytes);
  return { lines, rows };
}
