/**
 * Issue #13 item 4: the CLI and the app give the same answer for the same output. The assumptions
 * and simulate-only rules an app used are recorded in the synthesized output (a deterministic JSON
 * output value), `simulate` and `review` read them, a flag overrides, and the report names the source.
 */
import * as fs from "fs";
import * as path from "path";
import { CanaryAlias, FunctionWithVersions } from "../../src";
import { main } from "../../src/cli/main";
import { readSimulatorRecords, simulatorOutput } from "../../src/review";
import { fnProps, newStack, synthExisting } from "../helpers/synth";
import { tempDir } from "./fixtures";

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

function fc2App() {
  const { stack } = newStack();
  const fn = new FunctionWithVersions(stack, "fn", fnProps("fc2", { versions: ["1", "2"], strict: true }));
  const alias = new CanaryAlias(stack, "release", {
    function: fn,
    aliasName: "release",
    version: "1",
    fc2Rules: "simulate-only",
    canary: { version: "2", rules: [{ source: "header", name: "User", operator: "=", value: "Bob" }] },
  });
  const { json, synthesized } = synthExisting(stack);
  const file = path.join(tempDir(), "cdk.tf.json");
  fs.writeFileSync(file, synthesized);
  return { alias, json, synthesized, file };
}

describe("assumptions recorded in the synthesized output", () => {
  test("deterministic and machine-readable: the same app synthesizes the same record", () => {
    const a = fc2App();
    const b = fc2App();
    const records = readSimulatorRecords(a.json, "test");
    expect(records).toEqual([
      expect.objectContaining({
        kind: "alias",
        platform: "fc2",
        alias: "release",
        fc2Rules: "simulate-only",
        routingOptions: { strictPublishing: true },
        rules: expect.objectContaining({ resolvePolicy: "Content" }),
      }),
    ]);
    expect(JSON.stringify(b.json.output)).toBe(JSON.stringify(a.json.output));
    expect(simulatorOutput({ kind: "gateway", gateway: "g", cloud: "tencent" }).value).toBe(
      '{"cloud":"tencent","gateway":"g","kind":"gateway","serverless-canary":"simulator@1"}',
    );
  });

  test("simulate gives the app's answer for Bob on an FC 2.0 simulate-only alias, and says where the rules came from", async () => {
    const { alias, file } = fc2App();
    const app = alias.simulate({ headers: { User: "Bob" } });
    const r = await cli([
      "simulate",
      file,
      "--alias",
      "release",
      "--header",
      "User=Bob",
      "--json",
      "-n",
      "100",
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.versions.map((v: { version: string }) => v.version)).toEqual([app.version]);
    expect(app.version).toBe("2");
    expect(json.assumptions.join("\n")).toMatch(/strictPublishing: true \(recorded by the app in output\./);
    const rev = await cli(["review", file]);
    expect(rev.stdout).toMatch(
      /alias release: rules simulated only \(fc2 does not deploy them\), as recorded by the app in output\./,
    );
    expect(rev.stdout).toMatch(/by rule|Header User/);
  });

  test("a flag on the CLI overrides a recorded option and is named as the source", async () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(
      stack,
      "fn",
      fnProps("scf", { versions: ["1"], routingOptions: { gatewayRoutingKey: true } }),
    );
    new CanaryAlias(stack, "release", { function: fn, aliasName: "release", version: "1" });
    const file = path.join(tempDir(), "cdk.tf.json");
    fs.writeFileSync(file, synthExisting(stack).synthesized);
    const recorded = await cli(["simulate", file, "--alias", "release", "--json", "-n", "10"]);
    expect(JSON.parse(recorded.stdout).assumptions.join("\n")).toMatch(
      /gatewayRoutingKey: true \(recorded by the app/,
    );
    const flagged = await cli([
      "simulate",
      file,
      "--alias",
      "release",
      "--gateway-routing-key",
      "--json",
      "-n",
      "10",
    ]);
    expect(JSON.parse(flagged.stdout).assumptions.join("\n")).toMatch(
      /gatewayRoutingKey: true \(given on the command line\)/,
    );
  });
});
