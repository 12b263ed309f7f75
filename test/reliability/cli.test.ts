/**
 * The `serverless-canary` CLI under bad input (RELIABILITY.md, promises 1 and 3): malformed files,
 * plans and options each exit 2 with one line `serverless-canary: …` naming the file (or option),
 * the bad value and what is allowed; and fuzzed requests (the request generator of
 * fuzz-requests.test.ts, turned into --header/--cookie/--query/--routing-key arguments) never end in
 * anything but exit 0 or a one-line exit 2, and give the same output for the same seed.
 */
import "./support/fast-tokens";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { main } from "../../src/cli/main";
import { steps as stagedSteps } from "../../examples/tencent-staged-grayscale/steps";
import { InvokeGrayscaleStack, StagedGrayscaleStack } from "../../examples/tencent-staged-grayscale/stack";
import { steps as fc3Steps } from "../../examples/alicloud-fc3-canary/steps";
import { Fc3CanaryStack } from "../../examples/alicloud-fc3-canary/stack";
import { steps as fc2Steps } from "../../examples/alicloud-fc2-rules/steps";
import { Fc2RulesStack } from "../../examples/alicloud-fc2-rules/stack";
import { recordFigures, reliabilityConfig } from "./support/config";
import { generateRequest, Rng } from "./support/requests";

const config = reliabilityConfig();

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: readonly string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

let dir: string;
const out: Record<"scf" | "fc3" | "fc2", string> = { scf: "", fc3: "", fc2: "" };
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-cli-"));
  const synth = (name: string, build: (app: App) => void) => {
    const app = new App({ outdir: file(name), stackTraces: false });
    build(app);
    app.synth();
    return file(name);
  };
  out.scf = synth("scf.out", (app) => {
    const step = stagedSteps.find((s) => s.name === "release-10")!;
    new StagedGrayscaleStack(app, "staged-grayscale", step);
    new InvokeGrayscaleStack(app, "invoke-grayscale", step);
  });
  out.fc3 = synth("fc3.out", (app) => void new Fc3CanaryStack(app, "fc3-canary", fc3Steps[2]));
  out.fc2 = synth(
    "fc2.out",
    (app) =>
      void new Fc2RulesStack(
        app,
        "fc2-rules",
        fc2Steps.find((s) => s.name === "rules-any")!,
      ),
  );

  const write = (name: string, text: string) => fs.writeFileSync(file(name), text);
  write("empty.json", "");
  write("truncated.tf.json", '{"resource": {"tencentcloud_scf_function": {"f": {"name": "x"\n');
  write("main.tf", 'resource "tencentcloud_scf_function" "f" {}\n');
  write("not-terraform.json", '{"name": "orders"}');
  write("array.json", "[]");
  write("bad-resource.tf.json", '{"resource": {"tencentcloud_scf_function_alias": 5}}');
  fs.mkdirSync(file("missing-stack"));
  write("missing-stack/manifest.json", '{"stacks": {"a": {"synthesizedStackPath": "stacks/a/cdk.tf.json"}}}');
  fs.mkdirSync(file("no-stacks"));
  write("no-stacks/manifest.json", '{"version": "0.21.0"}');
  fs.mkdirSync(file("empty-dir"));
  write("plan-not-list.json", '{"format_version": "1.2", "resource_changes": 5}');
  write(
    "plan-after.json",
    JSON.stringify({
      format_version: "1.2",
      resource_changes: [
        {
          address: "a.b",
          type: "tencentcloud_scf_function_alias",
          change: { actions: ["update"], before: {}, after: 5 },
        },
      ],
    }),
  );
  // A synthesized stack edited by hand: the release canary given as a percentage.
  const staged = JSON.parse(
    fs.readFileSync(path.join(out.scf, "stacks", "staged-grayscale", "cdk.tf.json"), "utf8"),
  );
  for (const a of Object.values<{
    name: string;
    routing_config?: { additional_version_weights: { weight: number }[] };
  }>(staged.resource.tencentcloud_scf_function_alias))
    if (a.name === "release") a.routing_config!.additional_version_weights[0].weight = 10;
  write("weight-10.tf.json", JSON.stringify(staged));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface CliCase {
  readonly name: string;
  readonly args: () => string[];
  /** The file or option the line ends with. */
  readonly where: () => string;
  readonly bad: string | RegExp;
  readonly allowed: string | RegExp;
}

const CLI_CASES: readonly CliCase[] = [
  {
    name: "a missing file",
    args: () => ["simulate", file("nope.json"), "--stage", "release"],
    where: () => file("nope.json"),
    bad: "file not found",
    allowed: /file not found: .*nope\.json$/,
  },
  {
    name: "an empty file",
    args: () => ["simulate", file("empty.json"), "--stage", "release"],
    where: () => file("empty.json"),
    bad: "empty file",
    allowed: "expected Terraform JSON",
  },
  {
    name: "truncated JSON",
    args: () => ["simulate", file("truncated.tf.json"), "--stage", "release"],
    where: () => `${file("truncated.tf.json")}:2:1`,
    bad: "not valid JSON",
    allowed: /\((Expected|Unexpected) [^)]+\)/,
  },
  {
    name: "an HCL file",
    args: () => ["review", file("main.tf")],
    where: () => file("main.tf"),
    bad: "HCL is not supported",
    allowed: "run cdktf synth, or terraform show -json on a plan",
  },
  {
    name: "JSON that is not Terraform",
    args: () => ["review", file("not-terraform.json")],
    where: () => file("not-terraform.json"),
    bad: "not Terraform JSON",
    allowed: 'expected a "resource" or "terraform" block, or a plan with "format_version"',
  },
  {
    name: "a JSON array",
    args: () => ["simulate", file("array.json"), "--stage", "release"],
    where: () => file("array.json"),
    bad: "not Terraform JSON",
    allowed: 'expected a "resource" or "terraform" block',
  },
  {
    name: "a resource block that is a number",
    args: () => ["review", file("bad-resource.tf.json")],
    where: () => file("bad-resource.tf.json"),
    bad: "resource.tencentcloud_scf_function_alias",
    allowed: "is not an object of named resources",
  },
  {
    name: "a manifest listing a missing stack",
    args: () => ["review", file("missing-stack")],
    where: () => path.join(file("missing-stack"), "stacks", "a", "cdk.tf.json"),
    bad: 'stack "a"',
    allowed: "listed in manifest.json is missing",
  },
  {
    name: "a manifest without stacks",
    args: () => ["review", file("no-stacks")],
    where: () => path.join(file("no-stacks"), "manifest.json"),
    bad: "not a cdktf manifest",
    allowed: 'no "stacks" object',
  },
  {
    name: "a folder without Terraform files",
    args: () => ["review", file("empty-dir")],
    where: () => file("empty-dir"),
    bad: "no manifest.json",
    allowed: "cdk.tf.json or *.tf.json",
  },
  {
    name: "a plan whose resource_changes is not a list",
    args: () => ["review", file("plan-not-list.json")],
    where: () => file("plan-not-list.json"),
    bad: "resource_changes",
    allowed: "is not a list",
  },
  {
    name: "a plan whose change.after is not an object",
    args: () => ["review", "--head", file("plan-after.json")],
    where: () => file("plan-after.json"),
    bad: "resource_changes[0].change.after",
    allowed: "is not an object",
  },
  {
    name: "a stack whose alias weight is a percentage",
    args: () => ["simulate", file("weight-10.tf.json"), "--stage", "release"],
    where: () => file("weight-10.tf.json"),
    bad: "got 10",
    allowed: "allowed: a fraction in [0, 1]",
  },
  {
    name: "an unknown stage",
    args: () => ["simulate", out.scf, "--stage", "staging"],
    where: () => out.scf,
    bad: '"staging"',
    allowed: "allowed: release, prepub, dev",
  },
  {
    name: "an unknown alias",
    args: () => ["simulate", out.fc3, "--alias", "beta"],
    where: () => out.fc3,
    bad: '"beta"',
    allowed: "aliases: alias1",
  },
  {
    name: "zero requests",
    args: () => ["simulate", out.scf, "--stage", "release", "-n", "0"],
    where: () => "-n",
    bad: 'got "0"',
    allowed: "from 1 to 1000000000",
  },
  {
    name: "requests that are not a number",
    args: () => ["simulate", out.scf, "--stage", "release", "-n", "1e3"],
    where: () => "-n",
    bad: 'got "1e3"',
    allowed: "from 1 to 1000000000",
  },
  {
    name: "a header without a value",
    args: () => ["simulate", out.fc2, "--stage", "release", "--header", "x-test-uid"],
    where: () => "--header",
    bad: 'got "x-test-uid"',
    allowed: "NAME=VALUE",
  },
  {
    name: "a cookie without a name",
    args: () => ["simulate", out.fc2, "--stage", "release", "--cookie", "=1"],
    where: () => "--cookie",
    bad: 'got "=1"',
    allowed: "NAME=VALUE",
  },
  {
    name: "a seed that is not an integer",
    args: () => ["simulate", out.scf, "--stage", "release", "--seed", "abc"],
    where: () => "--seed",
    bad: 'got "abc"',
    allowed: "allowed: an integer",
  },
  {
    name: "a routing key that is not JSON",
    args: () => [
      "simulate",
      out.scf,
      "--alias",
      "prepub",
      "--function",
      "function-b-invoke",
      "--routing-key",
      "User=Bob",
    ],
    where: () => "--routing-key",
    bad: 'got "User=Bob"',
    allowed: "allowed: a JSON object of string values",
  },
  {
    name: "a routing key over 1024 bytes",
    args: () => [
      "simulate",
      out.scf,
      "--alias",
      "prepub",
      "--function",
      "function-b-invoke",
      "--routing-key",
      JSON.stringify({ User: "x".repeat(1100) }),
    ],
    where: () => "--routing-key",
    bad: "1111 bytes",
    allowed: "at most 1024 bytes",
  },
  {
    name: "both --stage and --alias",
    args: () => ["simulate", out.scf, "--stage", "release", "--alias", "release"],
    where: () => `serverless-canary simulate ${out.scf}`,
    bad: "--stage or --alias",
    allowed: "give exactly one of",
  },
  {
    name: "simulate without a path",
    args: () => ["simulate", "--stage", "release"],
    where: () => "serverless-canary simulate PATH (--stage STAGE | --alias ALIAS) (see --help)",
    bad: "simulate needs PATH",
    allowed: "simulate PATH (--stage STAGE | --alias ALIAS)",
  },
  {
    name: "an unknown review format",
    args: () => ["review", out.scf, "--format", "xml"],
    where: () => "--format",
    bad: '"xml"',
    allowed: "allowed: table, markdown, json",
  },
  {
    name: "a weight jump above 100 points",
    args: () => ["review", out.scf, "--max-weight-jump", "200"],
    where: () => "--max-weight-jump",
    bad: 'got "200"',
    allowed: "from 0 to 100",
  },
  {
    name: "an unknown danger check",
    args: () => ["review", out.scf, "--allow", "everything"],
    where: () => "--allow",
    bad: '"everything"',
    allowed: "checks: invalid-routing, referenced-version-deleted",
  },
  {
    name: "--base without --head",
    args: () => ["review", "--base", out.scf],
    where: () => `--base ${out.scf}`,
    bad: "--base needs --head",
    allowed: "--head NEW (or a PATH)",
  },
  {
    name: "an unknown command",
    args: () => ["deploy"],
    where: () => "serverless-canary --help",
    bad: '"deploy"',
    allowed: "commands: review, simulate, rehearse, help",
  },
  {
    name: "an unknown option",
    args: () => ["simulate", out.scf, "--stage", "release", "--verbose"],
    where: () => "serverless-canary simulate (see --help)",
    bad: "'--verbose'",
    allowed: "(see --help)",
  },
];

describe("CLI battery: malformed files, plans and options", () => {
  it.each(CLI_CASES.map((c) => [c.name, c] as const))(
    "%s: exit 2 with one line naming where, the bad value and what is allowed",
    async (_n, c) => {
      const run = await cli(c.args());
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
      const lines = run.stderr.split("\n").filter((l) => l !== "");
      expect(lines).toHaveLength(1);
      const line = lines[0];
      expect(line.startsWith("serverless-canary: ")).toBe(true);
      expect(line.endsWith(`: ${c.where()}`)).toBe(true);
      for (const part of [c.bad, c.allowed]) {
        if (typeof part === "string") expect(line).toContain(part);
        else expect(line).toMatch(part);
      }
      expect(line).not.toMatch(/unexpected error|\bat .*\.ts:\d+/);
    },
  );
});

/** Turns a generated request into CLI arguments; values the CLI cannot take (non-strings) are dropped. */
function requestArgs(request: unknown): string[] {
  const args: string[] = [];
  if (typeof request !== "object" || request === null || Array.isArray(request)) return args;
  const r = request as Record<string, unknown>;
  const pairs = (option: string, map: unknown) => {
    if (typeof map !== "object" || map === null) return;
    for (const [k, v] of Object.entries(map)) {
      for (const value of Array.isArray(v) ? v : [v])
        if (typeof value === "string") args.push(option, `${k}=${value}`);
    }
  };
  pairs("--header", r.headers);
  pairs("--cookie", r.cookies);
  pairs("--query", r.query);
  if (typeof r.routingKey === "string") args.push("--routing-key", r.routingKey);
  return args;
}

describe("CLI fuzz", () => {
  it(`${config.cliRequests} fuzzed requests: exit 0 or a one-line exit 2, and the same output for the same seed`, async () => {
    const rng = new Rng(config.seed ^ 0x5eed);
    const targets: (() => string[])[] = [
      () => [out.scf, "--stage", rng.pick(["release", "prepub", "dev", "test", "PRE", "staging"])],
      () => [out.scf, "--stage", rng.pick(["release", "prepub"]), "--gateway-routing-key"],
      () => [
        out.scf,
        "--alias",
        rng.pick(["release", "prepub", "$DEFAULT", "$LATEST", "1", "9", "beta"]),
        "--function",
        "function-b-invoke",
      ],
      () => [out.fc3, "--stage", rng.pick(["release", "dev", "prepub"])],
      () => [out.fc3, "--alias", rng.pick(["alias1", "LATEST", "2", "beta"])],
      () => [out.fc2, "--stage", rng.pick(["release", "RELEASE", "dev"])],
      () => [out.fc2, "--alias", rng.pick(["alias1", "1", "LATEST"])],
    ];
    let ok = 0;
    let refused = 0;
    const started = Date.now();
    for (let i = 0; i < config.cliRequests; i++) {
      const request = generateRequest(rng, { qualifiers: [] });
      const seed = rng.pick(["0", "7", String(rng.next()), "18446744073709551617", "-1", "x"]);
      const args = [
        "simulate",
        ...targets[i % targets.length](),
        "-n",
        String(1 + rng.int(64)),
        "--seed",
        seed,
        ...requestArgs(request),
      ];
      if (rng.chance(0.1)) args.push("--json");
      const first = await cli(args);
      const again = await cli(args);
      const shown = JSON.stringify(args).slice(0, 400);
      expect({ args: shown, same: again }).toEqual({ args: shown, same: first });
      if (first.code === 0) {
        ok++;
        expect({ args: shown, stderr: first.stderr }).toEqual({ args: shown, stderr: "" });
        expect(first.stdout).toMatch(/^(Simulation: |\{)/);
      } else {
        refused++;
        expect({ args: shown, code: first.code }).toEqual({ args: shown, code: 2 });
        const lines = first.stderr.split("\n").filter((l) => l !== "");
        expect({ args: shown, lines: lines.length }).toEqual({ args: shown, lines: 1 });
        expect(lines[0]).toMatch(/^serverless-canary: /);
        expect({ args: shown, line: lines[0] }).not.toEqual({
          args: shown,
          line: expect.stringMatching(/unexpected error/),
        });
      }
    }
    expect(ok).toBeGreaterThan(config.cliRequests / 4);
    expect(refused).toBeGreaterThan(0);
    recordFigures("cli", {
      cases: CLI_CASES.length,
      cliRequests: config.cliRequests,
      runs: 2 * config.cliRequests,
      ok,
      refused,
      ms: Date.now() - started,
    });
  }, 600_000);
});
