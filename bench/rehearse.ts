/**
 * rehearse.step: the cost of rehearsing one release step (init, plan, show, apply, re-plan against the
 * provider twin) for the synthesis benchmark's estate at N = 100 and N = 500 functions, per cloud;
 * rehearse.scaling: time at N = 500 over N = 100 (target ≤ 5.5, i.e. linear in the estate).
 * The estate is made to apply cleanly first (SCF versions send namespace, local code exists in the
 * stack folder, group names without "-"), so the figure is the clean path's.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BenchCloud, synthEstate } from "./estate";
import { formatMs, round2, SummaryRow } from "./harness";
import { rehearse } from "../src/rehearse";

export const REHEARSE_SIZES = [100, 500] as const;
export const REHEARSE_TARGET = 5.5;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function makeClean(dir: string): void {
  const file = path.join(dir, "cdk.tf.json");
  const json: Json = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const r of Object.values<Json>(json.resource?.tencentcloud_scf_function_version ?? {}))
    r.namespace ??= "default";
  for (const r of Object.values<Json>(json.resource?.tencentcloud_scf_function ?? {}))
    if (typeof r.zip_file === "string") {
      fs.mkdirSync(path.dirname(path.join(dir, r.zip_file)), { recursive: true });
      fs.writeFileSync(path.join(dir, r.zip_file), r.zip_file);
    }
  for (const r of Object.values<Json>(json.resource?.alicloud_api_gateway_group ?? {}))
    r.name = String(r.name).replace(/-/g, "_");
  for (const r of Object.values<Json>(json.resource?.alicloud_api_gateway_backend_model ?? {})) {
    const d = JSON.parse(r.backend_model_data);
    if (d.FunctionComputeConfig) d.FunctionComputeConfig.OnlyBusinessPath ??= false;
    r.backend_model_data = JSON.stringify(d);
  }
  fs.writeFileSync(file, JSON.stringify(json));
}

export interface RehearseBenchOptions {
  readonly workdir: string;
  readonly sizes?: readonly number[];
  readonly clouds?: readonly BenchCloud[];
  readonly progress?: (text: string) => void;
}

export async function runRehearseBench(
  options: RehearseBenchOptions,
): Promise<{ lines: object[]; rows: SummaryRow[] }> {
  const sizes = options.sizes ?? REHEARSE_SIZES;
  const clouds = options.clouds ?? (["scf"] as BenchCloud[]);
  const lines: object[] = [];
  const rows: SummaryRow[] = [];
  for (const cloud of clouds) {
    const ms: Record<number, number> = {};
    for (const n of sizes) {
      options.progress?.(`rehearse.step ${cloud} N=${n}`);
      const outdir = path.join(options.workdir, `rehearse-${cloud}-${n}`);
      synthEstate("library", cloud, n, outdir);
      const stackDir = path.join(outdir, "stacks", "bench");
      makeClean(stackDir);
      const resources = Object.values<Json>(
        JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")).resource ?? {},
      ).reduce((s, r) => s + Object.keys(r).length, 0);
      const t0 = process.hrtime.bigint();
      const report = await rehearse([{ name: "estate", stacks: { bench: stackDir } }], {
        workDir: path.join(options.workdir, `rehearse-work-${cloud}-${n}`),
      });
      ms[n] = Number(process.hrtime.bigint() - t0) / 1e6;
      lines.push({
        bench: "rehearse.step",
        cloud,
        functions: n,
        resources,
        ms: Math.round(ms[n]),
        ms_per_resource: round2(ms[n] / resources),
        ok: report.ok,
        findings: report.findings.length,
      });
      rows.push({
        bench: `rehearse.step ${cloud} N=${n} (${resources} resources)`,
        ours: formatMs(ms[n]),
        baseline: "",
        ratio: round2(ms[n] / ms[sizes[0]]),
      });
    }
    if (sizes.length > 1) {
      const big = sizes[sizes.length - 1];
      const ratio = round2(ms[big] / ms[sizes[0]]);
      lines.push({
        bench: "rehearse.scaling",
        cloud,
        from: sizes[0],
        to: big,
        ratio,
        target: REHEARSE_TARGET,
        met: ratio <= REHEARSE_TARGET,
      });
      rows.push({
        bench: `rehearse.scaling ${cloud} N=${big}/N=${sizes[0]}`,
        ours: formatMs(ms[big]),
        baseline: formatMs(ms[sizes[0]]),
        ratio,
        target: REHEARSE_TARGET,
        met: ratio <= REHEARSE_TARGET,
      });
    }
  }
  return { lines, rows };
}
