/**
 * Where a rehearsal step's time goes: `npx tsx bench/rehearse-profile.ts [scf|fc3] [N] [--keep]`
 * (defaults: scf 100; `npm run bench -- --only rehearse` reports the same split). Synthesizes the benchmark estate, rehearses it once with every Terraform
 * command run under `/usr/bin/time` (wall, user + sys CPU of Terraform and the twin processes it
 * starts) and every twin process writing its own CPU time and per-gRPC-method time
 * (`SERVERLESS_CANARY_TWIN_PROFILE`), then prints per phase (init, plan, show -json, apply, re-plan):
 * wall time, Terraform's own CPU (total minus the twins'), the twins' CPU, launches and the slowest
 * gRPC methods, and the runner's own time (everything outside Terraform: copying the stack, parsing
 * plans and state, the checks).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BenchCloud, synthEstate } from "./estate";
import { rehearse } from "../src/rehearse";
import { TWIN_PROFILE_ENV } from "../src/twin/server";

interface TwinProfile {
  provider: string;
  lifeMs: number;
  handshakeMs: number;
  cpuMs: number;
  calls: Record<string, { count: number; ms: number }>;
}

export interface PhaseProfile {
  phase: string;
  commands: number;
  wallMs: number;
  /** Terraform's CPU without the twin processes it started. */
  terraformCpuMs: number;
  twinCpuMs: number;
  twinLaunches: number;
  /** Time inside the twin's gRPC handlers, per method. */
  twinCalls: Record<string, { count: number; ms: number }>;
}

export interface RehearsalProfile {
  cloud: BenchCloud;
  functions: number;
  resources: number;
  totalMs: number;
  runnerMs: number;
  runnerCpuMs: number;
  ok: boolean;
  phases: PhaseProfile[];
}

function phaseOf(args: string[], seenPlan: boolean): string {
  if (args[0] === "plan") return args.includes("-detailed-exitcode") || seenPlan ? "re-plan" : "plan";
  if (args[0] === "show") return args.some((a) => a.startsWith("replan")) ? "show (re-plan)" : "show -json";
  return args[0];
}

/** Rehearses the estate once with every Terraform command timed; `workdir` must exist. */
export async function profileRehearsal(
  cloud: BenchCloud,
  n: number,
  workdir: string,
  prepare?: (stackDir: string) => void,
): Promise<RehearsalProfile> {
  const outdir = path.join(workdir, `estate-${cloud}-${n}`);
  synthEstate("library", cloud, n, outdir);
  const stackDir = path.join(outdir, "stacks", "bench");
  prepare?.(stackDir);
  const resources = Object.values<Record<string, unknown>>(
    JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")).resource ?? {},
  ).reduce((s, r) => s + Object.keys(r).length, 0);
  const real = spawnSync("sh", ["-c", `command -v ${process.env.TERRAFORM || "terraform"}`], {
    encoding: "utf8",
  }).stdout.trim();
  const root = path.join(workdir, `profile-${cloud}-${n}`);
  fs.mkdirSync(root, { recursive: true });
  const wrapper = path.join(workdir, "terraform-timed");
  fs.writeFileSync(
    wrapper,
    [
      "#!/bin/sh",
      `d="${root}/$(date +%s%N)"`,
      'mkdir -p "$d"',
      'printf "%s\\n" "$@" > "$d/args"',
      `export ${TWIN_PROFILE_ENV}="$d"`,
      `exec /usr/bin/time -f "%e %U %S" -o "$d/time" "${real}" "$@"`,
      "",
    ].join("\n"),
  );
  fs.chmodSync(wrapper, 0o755);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await rehearse([{ name: "estate", stacks: { bench: stackDir } }], {
    terraform: wrapper,
    workDir: path.join(workdir, `work-${cloud}-${n}`),
  });
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const phases = new Map<string, PhaseProfile>();
  let seenPlan = false;
  let terraformWall = 0;
  for (const d of fs.readdirSync(root).sort()) {
    const dir = path.join(root, d);
    const args = fs.readFileSync(path.join(dir, "args"), "utf8").trim().split("\n");
    const [wall, user, sys] = fs.readFileSync(path.join(dir, "time"), "utf8").trim().split(/\s+/).map(Number);
    terraformWall += wall * 1000;
    if (args[0] === "version") continue;
    const phase = phaseOf(args, seenPlan);
    if (args[0] === "plan") seenPlan = true;
    const twins = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith("twin-"))
      .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as TwinProfile);
    const twinCpu = twins.reduce((s, t) => s + t.cpuMs, 0);
    const p = phases.get(phase) ?? {
      phase,
      commands: 0,
      wallMs: 0,
      terraformCpuMs: 0,
      twinCpuMs: 0,
      twinLaunches: 0,
      twinCalls: {},
    };
    p.commands++;
    p.wallMs += wall * 1000;
    p.terraformCpuMs += (user + sys) * 1000 - twinCpu;
    p.twinCpuMs += twinCpu;
    p.twinLaunches += twins.length;
    for (const t of twins)
      for (const [m, c] of Object.entries(t.calls)) {
        const x = (p.twinCalls[m] ??= { count: 0, ms: 0 });
        x.count += c.count;
        x.ms += c.ms;
      }
    phases.set(phase, p);
  }
  return {
    cloud,
    functions: n,
    resources,
    totalMs: Math.round(totalMs),
    runnerMs: Math.round(totalMs - terraformWall),
    runnerCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    ok: report.ok,
    phases: [...phases.values()].map((p) => ({
      ...p,
      wallMs: Math.round(p.wallMs),
      terraformCpuMs: Math.round(p.terraformCpuMs),
      twinCpuMs: Math.round(p.twinCpuMs),
    })),
  };
}

export function formatProfile(p: RehearsalProfile): string {
  const lines = [
    `${p.cloud} N=${p.functions} (${p.resources} resources): ${(p.totalMs / 1000).toFixed(1)} s, ok=${p.ok}; ` +
      `runner outside Terraform ${(p.runnerMs / 1000).toFixed(2)} s wall (${(p.runnerCpuMs / 1000).toFixed(2)} s CPU of the rehearsal process in all)`,
    "phase            wall s  terraform CPU s  twin CPU s  launches  slowest twin calls (ms)",
  ];
  for (const ph of p.phases) {
    const calls = Object.entries(ph.twinCalls)
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 3)
      .map(([m, c]) => `${m} ${c.count}× ${Math.round(c.ms)}`)
      .join(", ");
    lines.push(
      `${ph.phase.padEnd(15)} ${(ph.wallMs / 1000).toFixed(2).padStart(7)} ${(ph.terraformCpuMs / 1000).toFixed(2).padStart(16)} ${(ph.twinCpuMs / 1000).toFixed(2).padStart(11)} ${String(ph.twinLaunches).padStart(9)}  ${calls}`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const cloud = (args.find((a) => a === "scf" || a === "fc3") ?? "scf") as BenchCloud;
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 100);
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "serverless-canary-rehearse-profile-"));
  try {
    const p = await profileRehearsal(cloud, n, workdir);
    console.log(formatProfile(p));
    console.log(JSON.stringify(p));
  } finally {
    if (args.includes("--keep")) console.error(`kept ${workdir}`);
    else fs.rmSync(workdir, { recursive: true, force: true });
  }
}

if (require.main === module)
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
