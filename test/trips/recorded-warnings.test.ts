/**
 * #13 item 5: the warnings the constructs annotate are recorded in the synthesized stack, machine-readable and
 * deterministic, at `"//".metadata["serverless-canary"].warnings`, so the demo and review can show them without
 * the cdktf CLI.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import {
  CanaryAlias,
  FunctionWithVersions,
  recordedWarnings,
  STACK_METADATA_KEY,
  StagedApiGateway,
} from "../../src";
import { fnProps } from "../helpers/synth";

function build(app: App, gatewayRoutingKey?: boolean) {
  const stack = new TerraformStack(app, "staged");
  const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["3", "4"] }));
  new CanaryAlias(stack, "prepub", {
    function: fn,
    aliasName: "prepub",
    version: "3",
    canary: { version: "4", rules: [{ source: "header", name: "User", operator: "=", value: "Bob" }] },
  });
  new StagedApiGateway(stack, "Api", {
    function: fn,
    name: "orders_api",
    gatewayRoutingKey,
    stages: { release: false },
  });
  return stack;
}

/** Synthesizes into a fresh cdktf.out and returns the stack's cdk.tf.json text. */
function synthOut(gatewayRoutingKey?: boolean): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "warn-"));
  const app = new App({ outdir });
  build(app, gatewayRoutingKey);
  app.synth();
  return fs.readFileSync(path.join(outdir, "stacks", "staged", "cdk.tf.json"), "utf8");
}

describe("warnings recorded in the synthesized stack", () => {
  it("RoutingKeyNotSentByGateway is in the stack metadata of cdk.tf.json", () => {
    const json = JSON.parse(synthOut());
    const warnings = json["//"].metadata[STACK_METADATA_KEY].warnings;
    expect(warnings).toEqual([
      { path: "staged/Api", message: expect.stringContaining("[RoutingKeyNotSentByGateway]") },
    ]);
    expect(recordedWarnings(json)).toEqual(warnings);
  });

  it("is deterministic: two synths give the same bytes", () => {
    const a = synthOut();
    const b = synthOut();
    expect(a).toBe(b);
    expect(recordedWarnings(JSON.parse(a))).toHaveLength(1);
  });

  it("is absent when the stack has no warning", () => {
    const json = JSON.parse(synthOut(true));
    expect(json["//"].metadata[STACK_METADATA_KEY]).toBeUndefined();
    expect(recordedWarnings(json)).toEqual([]);
  });
});
