/**
 * The CLI in-process through `main(argv, io)`: help, usage errors, exit codes and outputs of
 * `review` and `simulate` on synthesized outputs and hand-written fixtures. test/cli/bin.test.ts
 * runs the real executable as a subprocess.
 */
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { DANGER_IDS } from "../../src/review";
import { fixture, synthRelease, tempDir } from "../review/fixtures";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

/** Exit 2 with exactly one line `serverless-canary: <what>: <where>` on stderr and no stack trace. */
function expectInputError(run: Run, what: RegExp | string, where?: string) {
  expect(run.code).toBe(2);
  const lines = run.stderr.split("\n").filter((l) => l !== "");
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith("serverless-canary: ")).toBe(true);
  if (typeof what === "string") expect(lines[0]).toContain(what);
  else expect(lines[0]).toMatch(what);
  if (where !== undefined) expect(lines[0].endsWith(`: ${where}`)).toBe(true);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

let base: string;
let head: string;
let canary: string;
beforeAll(() => {
  const dir = tempDir("cli-");
  base = synthRelease(path.join(dir, "base"), {
    orders: {
      platform: "scf",
      versions: ["1", "2"],
      release: { version: "1", canary: { version: "2", weight: 0.1 } },
      prepub: { version: "2", rule: { header: "User", value: "Bob", version: "1" } },
      gateway: true,
    },
  });
  // Promotes v3 to 100% and drops v1 while the base alias still used it.
  head = synthRelease(path.join(dir, "head"), {
    orders: {
      platform: "scf",
      versions: ["2", "3"],
      release: { version: "3" },
      prepub: { version: "2", rule: { header: "User", value: "Bob", version: "3" } },
      gateway: true,
    },
  });
  // A careful next step from base: 10% → 20% on the same versions.
  canary = synthRelease(path.join(dir, "canary"), {
    orders: {
      platform: "scf",
      versions: ["1", "2"],
      release: { version: "1", canary: { version: "2", weight: 0.2 } },
      prepub: { version: "2", rule: { header: "User", value: "Bob", version: "1" } },
      gateway: true,
    },
  });
});

describe("help and usage", () => {
  test("--help on the CLI and on every command", async () => {
    const top = await cli("--help");
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^Usage: serverless-canary <command>/);
    expect(top.stdout).toContain(
      "Exit codes: 0 ok, 1 danger found (review) or rehearsal finding, 2 bad input or usage.",
    );

    const review = await cli("review", "--help");
    expect(review.code).toBe(0);
    for (const option of [
      "--base OLD",
      "--head NEW",
      "--format FORMAT",
      "--json",
      "--max-weight-jump N",
      "--allow CHECK",
    ]) {
      expect(review.stdout).toContain(option);
    }
    for (const id of DANGER_IDS) expect(review.stdout).toContain(id);
    expect((await cli("help", "review")).stdout).toBe(review.stdout);

    const simulate = await cli("simulate", "-h");
    expect(simulate.code).toBe(0);
    for (const option of [
      "--stage STAGE",
      "--alias ALIAS",
      "-n, --requests N",
      "--seed SEED",
      "--header NAME=VALUE",
      "--cookie",
      "--query",
      "--routing-key JSON",
      "--json",
    ]) {
      expect(simulate.stdout).toContain(option);
    }
  });

  test("--version prints the package version", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
    expect(await cli("--version")).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });

  test("no command: usage on stderr, exit 2", async () => {
    const run = await cli();
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Usage: serverless-canary");
  });

  test.each([
    [["deploy"], 'unknown command "deploy" (commands: review, simulate, rehearse, help)'],
    [["help", "deploy"], 'unknown command "deploy"'],
    [["review", "--bogus"], "unknown option '--bogus': serverless-canary review (see --help)"],
    [["review", "a", "b"], "review takes one PATH, got 2"],
    [["review", "a", "--head", "b"], "give PATH or --head, not both"],
    [["review", "--base", "a"], "--base needs --head NEW (or a PATH)"],
    [["review", "x", "--format", "yaml"], 'unknown format "yaml" (allowed: table, markdown, json)'],
    [["review", "x", "--max-weight-jump", "150"], "--max-weight-jump needs a number of points from 0 to 100"],
    [
      ["review", "x", "--allow", "everything"],
      'unknown check "everything" (checks: invalid-routing, referenced-version-deleted',
    ],
    [["review", "--base"], "option '--base <value>' argument missing"],
    [["simulate"], "simulate needs PATH"],
    [["simulate", "x"], "give exactly one of --stage or --alias"],
    [["simulate", "x", "--stage", "release", "--alias", "release"], "give exactly one of --stage or --alias"],
    [["simulate", "x", "--alias", "a", "--gateway", "g"], "--gateway goes with --stage"],
    [
      ["simulate", "x", "--stage", "release", "-n", "0"],
      '-n needs a number of requests from 1 to 1000000000, got "0"',
    ],
    [["simulate", "x", "--stage", "release", "--header", "User"], '--header needs NAME=VALUE, got "User"'],
  ])("usage error %j", async (args, what) => {
    const run = await cli(...args);
    expectInputError(run, what);
    expect(run.stdout).toBe("");
  });

  test("with --json an error is also JSON on stdout", async () => {
    const run = await cli("review", "missing.json", "--json");
    expectInputError(run, "file not found", "missing.json");
    expect(JSON.parse(run.stdout)).toEqual({
      command: "review",
      error: { what: "file not found", where: "missing.json" },
      exitCode: 2,
    });
  });

  test("an unexpected failure is one line, never a stack trace", async () => {
    let stderr = "";
    const code = await main(["review", fixture("scf-handwritten.tf.json")], {
      stdout: {
        write: () => {
          throw new Error("EPIPE: broken pipe");
        },
      },
      stderr: { write: (s: string) => (stderr += s) },
    });
    expect(code).toBe(2);
    expect(stderr).toBe(
      "serverless-canary: unexpected error (EPIPE: broken pipe); set SERVERLESS_CANARY_DEBUG=1 for details: review\n",
    );
  });
});

describe("review", () => {
  test("a synthesized cdktf.out: a table per stage and alias, exit 0", async () => {
    const run = await cli("review", base);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(
      [
        "STAGE              GATEWAY             FUNCTION  ALIAS     VERSIONS         RULES",
        "release (release)  orders_api_release  orders    release   v1 90% | v2 10%  -",
        'prepub (prepub)    orders_api_prepub   orders    prepub    v2 | v1 by rule  invoke.headers.User exact "Bob" → v1',
        "dev (test)         orders_api_dev      orders    $DEFAULT  $LATEST 100%     -",
      ].join("\n"),
    );
    expect(run.stdout.trimEnd().endsWith("Result: no dangers found.")).toBe(true);
  });

  test("a stack's cdk.tf.json as Markdown with a Mermaid diagram", async () => {
    const run = await cli(
      "review",
      path.join(base, "stacks", "orders", "cdk.tf.json"),
      "--format",
      "markdown",
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^## Release review\n/);
    expect(run.stdout).toMatch(/```mermaid\nflowchart LR\n[\s\S]*\n```/);
    expect(run.stdout).toMatch(/-\.->\|"invoke\.headers\.User exact Bob"\|/);
  });

  test("--base/--head: release notes and dangers, exit 1", async () => {
    const run = await cli("review", "--base", base, "--head", head);
    expect(run.code).toBe(1);
    const notes = run.stdout.split("Release notes\n")[1].split("\n\n")[0].split("\n");
    expect(notes).toEqual([
      "  release: v1 90% | v2 10% → v3 100%",
      '  prepub: [v2 | invoke.headers.User exact "Bob" → v1] → [v2 | invoke.headers.User exact "Bob" → v3]',
      "  orders: publishes v3; deletes v1",
    ]);
    expect(run.stdout).toContain(
      "  [critical] referenced-version-deleted: orders v1 is deleted while still referenced by alias prepub, alias release;",
    );
    expect(run.stdout).toContain(
      "  [high] weight-jump: alias release of orders moves 100 points of traffic at once",
    );
    expect(run.stdout.trimEnd().endsWith("Result: 2 dangers (exit 1).")).toBe(true);
  });

  test("--base/--head without danger: exit 0", async () => {
    const run = await cli("review", "--base", base, "--head", canary, "--json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.releaseNotes.map((n: { text: string }) => n.text)).toEqual([
      "release: v1 90% | v2 10% → v1 80% | v2 20%",
    ]);
    expect(json.dangers).toEqual([]);
    expect(json.exitCode).toBe(0);
  });

  test("--allow and --max-weight-jump", async () => {
    expect(
      (
        await cli(
          "review",
          "--base",
          base,
          "--head",
          head,
          "--allow",
          "referenced-version-deleted,weight-jump",
        )
      ).code,
    ).toBe(0);
    const partly = await cli("review", "--base", base, "--head", head, "--allow", "weight-jump");
    expect(partly.code).toBe(1);
    expect(partly.stdout).toContain("[high, allowed] weight-jump");
    expect(partly.stdout).toContain("Result: 1 danger, 1 allowed (exit 1).");
    const tight = await cli("review", "--base", base, "--head", canary, "--max-weight-jump", "5", "--json");
    expect(tight.code).toBe(1);
    expect(JSON.parse(tight.stdout).dangers[0]).toMatchObject({
      id: "weight-jump",
      severity: "high",
      allowed: false,
    });
  });

  test("a plan as head: a replaced referenced version and a replaced Tencent release", async () => {
    const run = await cli("review", fixture("plan-scf-replace.json"), "--json");
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.mode).toBe("change");
    expect(json.base.source).toBe(`${fixture("plan-scf-replace.json")} (before)`);
    expect(json.releaseNotes.map((n: { text: string }) => n.text)).toContain(
      "release: v1 100% → v1 90% | v2 10%",
    );
    expect(json.dangers.map((d: { id: string; where: string }) => [d.id, d.where])).toEqual([
      ["referenced-version-deleted", "tencentcloud_scf_function_version.v1"],
      ["multiple-new-versions", "tencentcloud_scf_function.orders"],
      ["service-release-replaced", "tencentcloud_api_gateway_service_release.release"],
    ]);
  });

  test("a plan as head against a synthesized base (matched by function and gateway names)", async () => {
    const run = await cli("review", "--base", base, "--head", fixture("plan-scf-replace.json"), "--json");
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    // The plan only has the release stage: the base's prepub and dev stages lose their binding.
    expect(json.releaseNotes.map((n: { text: string }) => n.text)).toEqual([
      'prepub: [v2 | invoke.headers.User exact "Bob" → v1] → (none)',
      "dev: $LATEST 100% (alias $DEFAULT) → (none)",
      "orders: publishes v2; replaces v1",
    ]);
    expect(json.dangers.map((d: { id: string }) => d.id)).toEqual([
      "referenced-version-deleted",
      "multiple-new-versions",
      "service-release-replaced",
      "stage-unbound",
      "stage-unbound",
    ]);
  });

  test("a plan deleting a version an alias still uses: every danger of the change", async () => {
    const run = await cli("review", "--head", fixture("plan-fc3-delete.json"), "--format", "markdown");
    expect(run.code).toBe(1);
    for (const id of [
      "referenced-version-deleted",
      "multiple-new-versions",
      "unpublished-version",
      "weight-jump",
    ]) {
      expect(run.stdout).toContain(`\`${id}\``);
    }
    expect(run.stdout).toContain("- release: v1 90% | v2 10% → v2 100%");
  });

  test.each([
    ["scf-handwritten.tf.json", 0, "release (release)  billing-gw  billing   live   v7 75% | v8 25%  -"],
    ["fc3-handwritten.tf.json", 0, 'gateway beta_users (query beta = "yes") → v13'],
    ["fc2-handwritten.tf.json", 1, "[high] stage-unbound: stage dev of legacy-gw has no binding"],
    ["release-create-before-destroy.tf.json", 1, "[critical] service-release-create-before-destroy"],
  ])("hand-written %s", async (file, code, text) => {
    const run = await cli("review", fixture(file));
    expect(run.code).toBe(code);
    expect(run.stdout).toContain(text);
  });

  test.each([
    ["missing.json", "file not found"],
    ["not-terraform.json", 'not Terraform JSON (expected a "resource" or "terraform" block'],
    ["broken.json", "not valid JSON (Expected double-quoted property name)"],
    ["malformed-plan.json", "malformed plan: resource_changes[1].change.actions is not a list of actions"],
    ["main.tf", "not Terraform JSON (HCL is not supported"],
  ])("bad input %s: one line, exit 2", async (file, what) => {
    const run = await cli("review", fixture(file));
    expectInputError(run, what);
    expect(run.stderr).toContain(fixture(file));
    expect(run.stdout).toBe("");
  });

  test("a bad base is reported too", async () => {
    expectInputError(await cli("review", "--base", fixture("broken.json"), "--head", base), "not valid JSON");
  });
});

describe("simulate", () => {
  test("a stage: split with 99% confidence intervals and the rule chain", async () => {
    const run = await cli("simulate", base, "--stage", "release", "-n", "10000", "--seed", "1");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(
      "Simulation: stage release (release) of orders_api_release → release of orders (scf)",
    );
    expect(lines[1]).toBe("10000 requests, seed 1");
    expect(lines[3]).toBe("VERSION  REQUESTS  SHARE   99% CI");
    expect(lines[4]).toMatch(/^v1 +9\d{3} +9\d\.\d\d% +\d+\.\d\d% – \d+\.\d\d%$/);
    expect(run.stdout).toContain("Rule chain (first request to each version):");
    expect(run.stdout).toMatch(
      /v2 \(request \d+\): stage release \(release\) → release → alias release: draw in \[0, 0\.1\)/,
    );
  });

  test("--seed makes runs identical", async () => {
    const a = await cli("simulate", base, "--stage", "release", "-n", "3000", "--seed", "42", "--json");
    const b = await cli("simulate", base, "--stage", "release", "-n", "3000", "--seed", "42", "--json");
    expect(a.stdout).toBe(b.stdout);
    const c = await cli("simulate", base, "--stage", "release", "-n", "3000", "--seed", "43", "--json");
    expect(JSON.parse(c.stdout).versions).not.toEqual(JSON.parse(a.stdout).versions);
  });

  test("JSON shape", async () => {
    const run = await cli(
      "simulate",
      base,
      "--alias",
      "prepub",
      "--routing-key",
      '{"User":"Bob"}',
      "-n",
      "200",
      "--json",
    );
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual([
      "command",
      "source",
      "target",
      "request",
      "total",
      "seed",
      "versions",
      "examples",
      "assumptions",
      "warnings",
      "exitCode",
    ]);
    expect(json.target).toEqual({
      kind: "alias",
      function: "orders",
      functionId: "scf:default/orders",
      platform: "scf",
      qualifier: "prepub",
    });
    expect(json.versions).toEqual([
      { version: "1", count: 200, share: 1, ci99: { low: expect.any(Number), high: 1 } },
    ]);
    expect(json.examples[0].chain).toEqual([
      'alias prepub: match 0 (invoke.headers.User exact "Bob") hit → v1',
    ]);
  });

  test("headers reach SCF rules behind the gateway only with --gateway-routing-key", async () => {
    const off = await cli(
      "simulate",
      base,
      "--stage",
      "prepub",
      "--header",
      "User=Bob",
      "-n",
      "100",
      "--json",
    );
    expect(JSON.parse(off.stdout).versions.map((v: { version: string }) => v.version)).toEqual(["2"]);
    const on = await cli(
      "simulate",
      base,
      "--stage",
      "prepub",
      "--header",
      "User=Bob",
      "--gateway-routing-key",
      "-n",
      "100",
      "--json",
    );
    expect(JSON.parse(on.stdout).versions.map((v: { version: string }) => v.version)).toEqual(["1"]);
    expect(JSON.parse(on.stdout).assumptions[0]).toMatch(/^gatewayRoutingKey=true/);
  });

  test("hand-written JSON: cookies and query reach Alibaba gateway routes", async () => {
    const run = await cli(
      "simulate",
      fixture("fc3-handwritten.tf.json"),
      "--stage",
      "PRE",
      "--query",
      "beta=yes",
      "--cookie",
      "sid=1",
      "-n",
      "50",
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("v13      50        100.00%");
  });

  test.each([
    [["--stage", "staging"], 'unknown stage "staging"', fixture("scf-handwritten.tf.json")],
    [
      ["--stage", "prepub"],
      'unknown stage "prepub" (stages: billing-gw/release, billing-gw/dev)',
      fixture("scf-handwritten.tf.json"),
    ],
    [["--alias", "nope"], 'unknown alias "nope" (aliases: live, beta)', fixture("scf-handwritten.tf.json")],
    [
      ["--alias", "beta", "--routing-key", "{bad"],
      "[InvalidParameterValue.Param] request.routingKey: RoutingKey is not valid JSON",
      "--routing-key",
    ],
    [["--alias", "beta", "--seed", "1.5"], "[InvalidArgument] seed: seed is not an integer", "--seed"],
    [["--alias", "beta", "--seed", "0x10"], "[InvalidArgument] seed: seed is not an integer", "--seed"],
    [["--alias", "beta", "--seed", ""], "[InvalidArgument] seed: seed is not an integer", "--seed"],
  ])("bad input %j: one line, exit 2", async (args, what, where) => {
    expectInputError(await cli("simulate", fixture("scf-handwritten.tf.json"), ...args), what, where);
  });

  test("--seed follows the API's rule: -1 (also as --seed -1) is 2^64 - 1, 2^53 is an integer", async () => {
    const run = async (...seed: string[]) => {
      const r = await cli(
        "simulate",
        fixture("scf-handwritten.tf.json"),
        "--alias",
        "beta",
        "--json",
        ...seed,
      );
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as { seed: string; versions: unknown };
    };
    const max = await run("--seed", "18446744073709551615");
    for (const form of [["--seed", "-1"], ["--seed=-1"]]) {
      const r = await run(...form);
      expect(r.seed).toBe("18446744073709551615");
      expect(r.versions).toEqual(max.versions);
    }
    expect((await run("--seed", "9007199254740992")).seed).toBe("9007199254740992");
  });

  test("a stage without a binding cannot be simulated", async () => {
    expectInputError(
      await cli("simulate", fixture("fc2-handwritten.tf.json"), "--stage", "dev"),
      "stage legacy-gw/dev has no binding (no backend model for stage TEST of backend legacy_fc)",
      fixture("fc2-handwritten.tf.json"),
    );
  });
});
