/**
 * CPU profile of one synthesis case: `npx tsx bench/profile.ts [scf|fc3] [library|baseline|checks] [N]`
 * (defaults: scf library 500). Runs the case once in a child process under `node --cpu-prof`, then
 * prints, for the time spent inside the case (module loading excluded): where it goes by package, the
 * top functions by self time, and the library's own functions by inclusive time. The .cpuprofile is
 * kept (path printed) for Chrome DevTools or speedscope.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Which part of the program a frame belongs to. */
export function category(frame: CallFrame): string {
  const u = frame.url;
  if (u.includes("/src/.gen/")) return "generated provider bindings";
  if (u.includes("/src/routing/")) return "library: routing core";
  if (u.includes("/src/constructs/")) return "library: constructs";
  if (u.includes("/src/clouds/")) return "library: cloud adapters";
  if (u.includes("/src/")) return "library: other";
  if (u.includes("node_modules/cdktf/")) return "cdktf";
  if (u.includes("node_modules/constructs/")) return "constructs";
  if (u.includes("json-stable-stringify")) return "json-stable-stringify (cdktf)";
  if (u.includes("/bench/")) return "bench";
  if (frame.functionName === "(garbage collector)") return "garbage collector";
  if (u.startsWith("node:") || u === "") return "node / V8 builtins";
  return "other";
}

const label = (f: CallFrame) =>
  `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/(node_modules|src|bench)\//, "$1/")}:${f.lineNumber + 1}`;

export interface ProfileSummary {
  readonly totalMs: number;
  readonly byCategory: [string, number][];
  readonly topSelf: [string, number][];
  readonly libraryInclusive: [string, number][];
}

/** Summarizes the samples under the frame named `root` (e.g. synthEstate). */
export function summarize(profile: CpuProfile, root: string, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((s, i) => selfUs.set(s, (selfUs.get(s) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const ancestors = (id: number): ProfileNode[] => {
    const out: ProfileNode[] = [];
    for (let a: number | undefined = id; a !== undefined; a = parent.get(a)) out.push(byId.get(a)!);
    return out;
  };
  const cat = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const chain = ancestors(id);
    if (!chain.some((n) => n.callFrame.functionName === root)) continue;
    total += us;
    const node = byId.get(id)!;
    // Builtins and GC are billed to the nearest caller with a package, so "node" stays small and honest.
    const own = category(node.callFrame);
    const billed =
      own === "node / V8 builtins" || own === "other"
        ? (chain.map((n) => category(n.callFrame)).find((c) => c !== "node / V8 builtins" && c !== "other") ??
          own)
        : own;
    cat.set(billed, (cat.get(billed) ?? 0) + us);
    self.set(label(node.callFrame), (self.get(label(node.callFrame)) ?? 0) + us);
    const seen = new Set<string>();
    for (const n of chain) {
      if (!category(n.callFrame).startsWith("library")) continue;
      const k = label(n.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  const ms = (m: Map<string, number>, n: number): [string, number][] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => [k, v / 1000]);
  return {
    totalMs: total / 1000,
    byCategory: ms(cat, 20),
    topSelf: ms(self, top),
    libraryInclusive: ms(inclusive, top),
  };
}

function print(summary: ProfileSummary): void {
  const pct = (v: number) => `${((100 * v) / summary.totalMs).toFixed(1).padStart(5)}%`;
  const rows = (list: [string, number][]) =>
    list.map(([k, v]) => `  ${v.toFixed(0).padStart(7)} ms ${pct(v)}  ${k}`).join("\n");
  console.log(`inside the case: ${summary.totalMs.toFixed(0)} ms of samples`);
  console.log(
    `\nby package (builtins and GC billed to their nearest caller with a package):\n${rows(summary.byCategory)}`,
  );
  console.log(`\ntop functions by self time:\n${rows(summary.topSelf)}`);
  console.log(`\nlibrary functions by inclusive time:\n${rows(summary.libraryInclusive)}`);
}

function main(): void {
  const [cloud = "scf", variant = "library", n = "500"] = process.argv.slice(2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverless-canary-profile-"));
  const child = path.join(__dirname, "heap-child.ts");
  const r = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      "--expose-gc",
      "--cpu-prof",
      `--cpu-prof-dir=${dir}`,
      child,
      variant,
      cloud,
      n,
      path.join(dir, "out"),
    ],
    { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`profile child exited with ${r.status}: ${r.stdout}`);
  fs.rmSync(path.join(dir, "out"), { recursive: true, force: true });
  // The main thread's profile is the largest (tsx's loader thread writes a small one too).
  const file = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size)[0];
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
  console.log(`profile of synth ${variant} ${cloud} N=${n} (${r.stdout.trim()}): ${path.join(dir, file)}`);
  print(summarize(profile, "synthEstate"));
}

if (require.main === module) main();
