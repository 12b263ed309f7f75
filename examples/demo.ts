/**
 * `npm run demo`: synthesizes the main example (Tencent SCF staged grayscale) into ./cdktf.out and
 * prints a release report: per stage, its alias, the routing and a simulated split of 10,000
 * requests with 99% confidence intervals. `RELEASE_STEP=<name> npm run demo` shows another step.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import {
  formatPercent,
  formatVersion,
  recordedWarnings,
  ReleaseValidationError,
  STAGE_NAMES,
  StageName,
} from "cdktf-serverless-canary";
import { steps } from "./tencent-staged-grayscale/steps";
import { InvokeGrayscaleStack, StagedGrayscaleStack } from "./tencent-staged-grayscale/stack";

const DEMO_STEP = "release-10";
const REQUESTS = 10_000;

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

/**
 * One line per synthesized stack — its cdk.tf.json, resource count and warning count — then each warning the
 * constructs recorded in it (what `cdktf synth` would print), read from the output (#13 item 5).
 */
export function stackLines(outdir: string, stacks: readonly string[]): string[] {
  const lines: string[] = [];
  for (const stack of stacks) {
    const file = path.join(outdir, "stacks", stack, "cdk.tf.json");
    const tf = JSON.parse(fs.readFileSync(file, "utf8"));
    const count = Object.values<Record<string, unknown>>(tf.resource ?? {}).reduce(
      (n, r) => n + Object.keys(r).length,
      0,
    );
    const warnings = recordedWarnings(tf);
    lines.push(
      `Terraform JSON: ${path.relative(process.cwd(), file)} (${count} resources, ${warnings.length} warning${warnings.length === 1 ? "" : "s"})`,
    );
    for (const w of warnings) lines.push(`  warning: ${w.path}: ${w.message}`);
  }
  return lines;
}

function main(): number {
  const wanted = process.env.RELEASE_STEP || DEMO_STEP;
  const index = steps.findIndex((s) => s.name === wanted);
  if (index < 0) {
    console.error(
      `demo: unknown RELEASE_STEP ${JSON.stringify(wanted)}; allowed: ${steps.map((s) => s.name).join(", ")}`,
    );
    return 2;
  }
  const step = steps[index];
  const outdir = path.resolve("cdktf.out");
  const app = new App({ outdir });
  let staged: StagedGrayscaleStack;
  try {
    staged = new StagedGrayscaleStack(app, "staged-grayscale", step);
    new InvokeGrayscaleStack(app, "invoke-grayscale", step);
    app.synth();
  } catch (e) {
    if (e instanceof ReleaseValidationError) {
      console.error(`demo: ${e.message}`);
      return 1;
    }
    throw e;
  }

  const gw = staged.gateway;
  const lines: string[] = [];
  lines.push(`Tencent SCF staged grayscale — step ${index + 1}/${steps.length} "${step.name}": ${step.note}`);
  lines.push(`function function-b, versions ${step.versions.map(formatVersion).join(", ")}`);
  lines.push("");
  const header = [
    pad("stage", 8),
    pad("alias", 9),
    pad("routing", 46),
    `split of ${REQUESTS.toLocaleString("en-US")} requests (99% CI)`,
  ];
  lines.push(header.join(" "));
  const assumptions = new Set<string>();
  for (const stage of STAGE_NAMES as readonly StageName[]) {
    const model = gw.model.stages.find((s) => s.stage === stage);
    if (!model) continue;
    const routing = gw
      .stageSummary(stage)
      .replace(/^\S+ → /, "")
      .replace(/^[^:]+: /, "");
    const probes: [string, Record<string, string>][] = [["", {}]];
    // A stage whose alias has rules: also show a request that matches them.
    const alias = [staged.release, staged.prepub].find((a) => a.aliasName === model.qualifier);
    for (const rule of alias?.routing && "matches" in alias.routing ? (alias.routing.matches ?? []) : []) {
      probes.push([
        `${rule.key.replace("invoke.headers.", "")}=${rule.expression}`,
        { [rule.key.replace("invoke.headers.", "")]: rule.expression },
      ]);
    }
    probes.forEach(([label, headers], i) => {
      const result = gw.sample(stage, { headers }, REQUESTS);
      result.assumptions.forEach((a) => assumptions.add(a));
      const split = result.versions
        .map(
          (v) =>
            `${formatVersion(v.version)} ${formatPercent(v.share)} [${formatPercent(v.ci99.low)}–${formatPercent(v.ci99.high)}]`,
        )
        .join("  ");
      const who = label ? `(${label}) ` : "";
      lines.push(
        [
          pad(i === 0 ? stage : "", 8),
          pad(i === 0 ? model.qualifier : "", 9),
          pad(i === 0 ? routing : "", 46),
          who + split,
        ].join(" "),
      );
    });
  }
  lines.push("");
  for (const a of assumptions) lines.push(`assumption: ${a}`);
  lines.push("");
  lines.push(...stackLines(outdir, ["staged-grayscale", "invoke-grayscale"]));
  lines.push(`Other steps: ${steps.map((s) => s.name).join(", ")} — RELEASE_STEP=<name> npm run demo`);
  console.log(lines.join("\n"));
  return 0;
}

// Run as `npm run demo`; imported (the tests), it only exports stackLines.
if (require.main === module) process.exitCode = main();
