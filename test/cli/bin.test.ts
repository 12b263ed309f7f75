/**
 * The real executable, `node bin/serverless-canary.js`, as a subprocess: exit codes, stdout and
 * stderr as CI sees them. Few spawns (each starts node and tsx); the logic is covered in-process
 * by main.test.ts. SERVERLESS_CANARY_FROM_SOURCE=1 runs src/ even if a stale lib/ exists.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { fixture, synthRelease, tempDir } from "../review/fixtures";

const BIN = path.join(__dirname, "..", "..", "bin", "serverless-canary.js");

function run(args: readonly string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, SERVERLESS_CANARY_FROM_SOURCE: "1", NO_COLOR: "1" },
    timeout: 60000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let project: string;
let head: string;
beforeAll(() => {
  project = tempDir("cli-bin-");
  // `review` with no PATH reads ./cdktf.out, as after `cdktf synth`.
  synthRelease(path.join(project, "cdktf.out"), {
    orders: {
      platform: "fc3",
      versions: ["1", "2"],
      release: { version: "1", canary: { version: "2", weight: 0.1 } },
      prepub: { version: "2" },
      gateway: true,
    },
  });
  head = synthRelease(path.join(project, "head"), {
    orders: {
      platform: "fc3",
      versions: ["2", "3", "4"],
      release: { version: "4" },
      prepub: { version: "2" },
      gateway: true,
    },
  });
});

test("--help exits 0", () => {
  const r = run(["--help"]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Usage: serverless-canary <command> \[options\]/);
  expect(r.stderr).toBe("");
});

test("review of ./cdktf.out (the default PATH): table, exit 0", () => {
  const r = run(["review"], project);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe("");
  expect(r.stdout).toContain("release (RELEASE)  orders_api  orders    release  v1 90% | v2 10%  -");
  expect(r.stdout).toContain("Result: no dangers found.");
});

test("review --base --head as Markdown: release notes, Mermaid, dangers, exit 1", () => {
  const r = run(["review", "--base", "cdktf.out", "--head", head, "--format", "markdown"], project);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain("- release: v1 90% | v2 10% → v4 100%");
  expect(r.stdout).toContain("- orders: publishes v3, v4; deletes v1");
  expect(r.stdout).toContain("```mermaid\nflowchart LR\n");
  for (const id of ["referenced-version-deleted", "multiple-new-versions", "weight-jump"]) {
    expect(r.stdout).toContain(`\`${id}\``);
  }
});

test("review of a plan --json: machine-readable dangers, exit 1", () => {
  const r = run(["review", fixture("plan-scf-replace.json"), "--json"]);
  expect(r.code).toBe(1);
  const json = JSON.parse(r.stdout);
  expect(json.exitCode).toBe(1);
  expect(json.dangers.map((d: { id: string }) => d.id)).toEqual([
    "referenced-version-deleted",
    "multiple-new-versions",
    "service-release-replaced",
  ]);
});

test("simulate with --seed is reproducible across processes", () => {
  const args = [
    "simulate",
    fixture("scf-handwritten.tf.json"),
    "--stage",
    "release",
    "-n",
    "4000",
    "--seed",
    "9",
    "--json",
  ];
  const a = run(args);
  const b = run(args);
  expect(a.code).toBe(0);
  expect(a.stdout).toBe(b.stdout);
  const json = JSON.parse(a.stdout);
  expect(json.versions.map((v: { version: string }) => v.version)).toEqual(["v7", "v8"]);
  expect(json.total).toBe(4000);
});

test("bad input: one line on stderr, exit 2, no stack trace", () => {
  const missing = run(["review", "nope/cdktf.out"], project);
  expect(missing).toEqual({
    code: 2,
    stdout: "",
    stderr: "serverless-canary: file not found: nope/cdktf.out\n",
  });
  const stage = run(["simulate", "cdktf.out", "--stage", "staging"], project);
  expect(stage.code).toBe(2);
  expect(stage.stderr).toBe(
    'serverless-canary: unknown stage "staging" (allowed: release, prepub, dev, or test/PRE/TEST/RELEASE): cdktf.out\n',
  );
  const plan = run(["review", fixture("malformed-plan.json")]);
  expect(plan.code).toBe(2);
  expect(plan.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  expect(plan.stderr).not.toMatch(/^\s+at /m);
});
