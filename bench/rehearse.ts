/**
 * rehearse.step: the cost of rehearsing one release step (init, plan, show, apply, re-plan against the
 * provider twin) for the synthesis benchmark's estate at N = 100 and N = 500 functions, per cloud;
 * rehearse.scaling: time at N = 500 over N = 100 (target ≤ 5.5, i.e. linear in the estate);
 * rehearse.scaling.ours: the same ratio for the rehearsal's own share — the twin processes' CPU plus the
 * runner outside Terraform — as synth.scaling judges the library's time apart from cdktf's. Terraform
 * core's share grows faster than linearly with any backend (BENCHMARKS.md, "Rehearsal cost").
 * The estate is the library's output as synthesized (it applies cleanly as it is: the step must have
 * no finding, or the figure would not be the clean path's). Each step runs with every Terraform
 * command timed (`bench/rehearse-profile.ts`), so the JSON line also splits the time per phase
 * between Terraform's own CPU and the twin processes'.
 */
import { formatMs, round2, SummaryRow } from "./harness";
import { BenchCloud } from "./estate";
import { formatProfile, profileRehearsal } from "./rehearse-profile";

export const REHEARSE_SIZES = [100, 500] as const;
export const REHEARSE_TARGET = 5.5;

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
    const oursMs: Record<number, number> = {};
    for (const n of sizes) {
      options.progress?.(`rehearse.step ${cloud} N=${n}`);
      const p = await profileRehearsal(cloud, n, options.workdir);
      if (!p.ok) throw new Error(`rehearse.step ${cloud} N=${n}: the estate did not rehearse cleanly`);
      options.progress?.(formatProfile(p));
      ms[n] = p.totalMs;
      const sum = (f: (x: (typeof p.phases)[number]) => number) => p.phases.reduce((s, x) => s + f(x), 0);
      oursMs[n] = sum((x) => x.twinCpuMs) + p.runnerMs;
      lines.push({
        bench: "rehearse.step",
        cloud,
        functions: n,
        resources: p.resources,
        ms: p.totalMs,
        ms_per_resource: round2(p.totalMs / p.resources),
        terraform_cpu_ms: sum((x) => x.terraformCpuMs),
        twin_cpu_ms: sum((x) => x.twinCpuMs),
        runner_ms: p.runnerMs,
        phases: Object.fromEntries(
          p.phases.map((x) => [
            x.phase,
            { wall_ms: x.wallMs, terraform_cpu_ms: x.terraformCpuMs, twin_cpu_ms: x.twinCpuMs },
          ]),
        ),
        ok: p.ok,
      });
      rows.push({
        bench: `rehearse.step ${cloud} N=${n} (${p.resources} resources)`,
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
      const ours = round2(oursMs[big] / oursMs[sizes[0]]);
      lines.push({
        bench: "rehearse.scaling.ours",
        cloud,
        from: sizes[0],
        to: big,
        ms: { [sizes[0]]: oursMs[sizes[0]], [big]: oursMs[big] },
        ratio: ours,
        target: REHEARSE_TARGET,
        met: ours <= REHEARSE_TARGET,
      });
      rows.push({
        bench: `rehearse.scaling.ours ${cloud} (twin CPU + runner)`,
        ours: formatMs(oursMs[big]),
        baseline: formatMs(oursMs[sizes[0]]),
        ratio: ours,
        target: REHEARSE_TARGET,
        met: ours <= REHEARSE_TARGET,
      });
    }
  }
  return { lines, rows };
}
