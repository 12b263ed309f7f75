/**
 * #13 item 5: `serverless-canary review` shows the warnings synthesis recorded in each reviewed stack
 * (`"//".metadata["serverless-canary"].warnings` of cdk.tf.json) with the stack's name, in the table, Markdown
 * and JSON outputs, for one configuration and for --base/--head (the head's). They never change the exit code.
 * Through the CLI (`main`) on synthesized outputs: an SCF prepub rule behind a StagedApiGateway without
 * `gatewayRoutingKey` records RoutingKeyNotSentByGateway.
 */
import * as path from "path";
import { main } from "../../src/cli/main";
import { synthRelease, tempDir } from "./fixtures";

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

const WARNING = expect.stringContaining("[RoutingKeyNotSentByGateway]");

let warned: string;
let quiet: string;
let dangerous: string;
beforeAll(() => {
  const dir = tempDir("review-warnings-");
  // v1 with a header rule to v2 on prepub, behind the gateway: the rule may never match (recorded warning).
  warned = synthRelease(path.join(dir, "warned"), {
    orders: {
      platform: "scf",
      versions: ["1", "2"],
      release: { version: "1" },
      prepub: { version: "1", rule: { header: "User", value: "Bob", version: "2" } },
      gateway: true,
    },
  });
  // The same function without the rule: no warning.
  quiet = synthRelease(path.join(dir, "quiet"), {
    orders: { platform: "scf", versions: ["1", "2"], release: { version: "1" }, gateway: true },
  });
  // A head that drops v1 while the base's alias served it (a danger), still with the warning.
  dangerous = synthRelease(path.join(dir, "dangerous"), {
    orders: {
      platform: "scf",
      versions: ["2", "3"],
      release: { version: "2" },
      prepub: { version: "2", rule: { header: "User", value: "Bob", version: "3" } },
      gateway: true,
    },
  });
});

describe("review shows the warnings recorded at synthesis", () => {
  it("table: a section with the stack, the construct path and the message; exit 0", async () => {
    const run = await cli("review", warned);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "Warnings recorded at synthesis (1)\n  [orders] orders/Api: [RoutingKeyNotSentByGateway]",
    );
    expect(run.stdout).toContain("Result: no dangers found.");
  });

  it("no section when no stack recorded a warning", async () => {
    const run = await cli("review", quiet);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("Warnings recorded at synthesis");
  });

  it("markdown: a table of stack, construct and warning", async () => {
    const run = await cli("review", warned, "--format", "markdown");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("### Warnings recorded at synthesis (1)\n\n| Stack | Construct | Warning |");
    expect(run.stdout).toMatch(/^\| `orders` \| `orders\/Api` \| \[RoutingKeyNotSentByGateway\] /m);
  });

  it("json: warnings [{ stack, path, message }], and a stack file given alone names its stack", async () => {
    const run = await cli("review", warned, "--json");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.warnings).toEqual([{ stack: "orders", path: "orders/Api", message: WARNING }]);
    expect(out.exitCode).toBe(0);
    const file = await cli("review", path.join(warned, "stacks", "orders", "cdk.tf.json"), "--json");
    expect(JSON.parse(file.stdout).warnings).toEqual([
      { stack: "orders", path: "orders/Api", message: WARNING },
    ]);
    expect(JSON.parse((await cli("review", quiet, "--json")).stdout).warnings).toEqual([]);
  });

  it("--base/--head: the head's warnings, in all three formats", async () => {
    const table = await cli("review", "--base", quiet, "--head", warned);
    expect(table.stdout).toContain(
      "Warnings recorded at synthesis (1)\n  [orders] orders/Api: [RoutingKeyNotSentByGateway]",
    );
    const md = await cli("review", "--base", quiet, "--head", warned, "--format", "markdown");
    expect(md.stdout).toContain("### Warnings recorded at synthesis (1)");
    const json = JSON.parse((await cli("review", "--base", quiet, "--head", warned, "--json")).stdout);
    expect(json.mode).toBe("change");
    expect(json.warnings).toEqual([{ stack: "orders", path: "orders/Api", message: WARNING }]);
    expect([table.code, md.code, json.exitCode]).toEqual([0, 0, 0]);
    // The base's warnings are the old release's: not shown.
    const back = await cli("review", "--base", warned, "--head", quiet, "--json");
    expect(JSON.parse(back.stdout).warnings).toEqual([]);
  });

  it("warnings never change the exit code: dangers decide it, with or without warnings", async () => {
    const failing = await cli("review", "--base", warned, "--head", dangerous, "--json");
    const out = JSON.parse(failing.stdout);
    expect(out.warnings).toEqual([{ stack: "orders", path: "orders/Api", message: WARNING }]);
    expect(out.dangers.length).toBeGreaterThan(0);
    expect(failing.code).toBe(1);
    const allowed = await cli(
      "review",
      "--base",
      warned,
      "--head",
      dangerous,
      ...out.dangers.flatMap((d: { id: string }) => ["--allow", d.id]),
    );
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain("Warnings recorded at synthesis (1)");
  });
});
