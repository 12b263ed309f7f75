/** The README's quoted outputs come from running its snippet: this test fails when they drift. */
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformStack, Testing } from "cdktf";
import {
  CanaryAlias,
  FunctionCode,
  FunctionWithVersions,
  resolve,
  sample,
  StagedApiGateway,
  validate,
} from "../src";
import { ORDERS_ZIP } from "./helpers/synth";

const README = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

function readmeStack(releaseWeight: number) {
  const stack = new TerraformStack(Testing.app(), "orders");
  const fn = new FunctionWithVersions(stack, "Orders", {
    platform: "scf",
    functionName: "orders",
    runtime: "Nodejs18.15",
    handler: "index.main_handler",
    // The README builds dist/orders.zip first; the test uses a committed zip.
    code: FunctionCode.fromLocalZip(ORDERS_ZIP),
    versions: ["1", "2", "3", "4"],
  });
  new CanaryAlias(stack, "Release", {
    function: fn,
    aliasName: "release",
    version: "1",
    canary: { version: "2", weight: releaseWeight },
  });
  new CanaryAlias(stack, "Prepub", {
    function: fn,
    aliasName: "prepub",
    version: "3",
    canary: { version: "4", rules: [{ source: "header", name: "User", operator: "=", value: "Bob" }] },
  });
  return new StagedApiGateway(stack, "Api", {
    function: fn,
    name: "orders_api",
    path: "/orders",
    expectations: [
      { stage: "release", share: { version: "2", percent: 10, tolerance: 2 } },
      { stage: "prepub", request: { headers: { User: "Alice" } }, reaches: "3" },
    ],
  });
}

describe("README", () => {
  it("quotes the simulated chain of its main snippet", () => {
    const chain = readmeStack(0.1).simulate("release", {}, 7).chain;
    expect(README).toContain(`// [ ${chain.map((c) => `'${c}'`).join(", ")} ]`);
  });

  it("quotes the error a percentage weight gives", () => {
    expect(() => readmeStack(10)).toThrow();
    let message = "";
    try {
      readmeStack(10);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(README).toContain(message);
  });

  it("quotes the routing core snippet's answers", () => {
    const model = {
      platform: "scf" as const,
      functionName: "function-b",
      publishedVersions: ["1", "2", "3", "4"],
      aliases: [
        {
          name: "prepub",
          primary: "3",
          matches: [
            { version: "4", key: "invoke.headers.User", method: "exact" as const, expression: "Bob" },
          ],
        },
      ],
    };
    expect(validate(model).ok).toBe(true);
    expect(resolve(model, { qualifier: "prepub", routingKey: '{"User":"Bob"}' })).toMatchObject({
      version: "4",
      reason: "rule:hit",
      matchedRule: 0,
    });
    expect(sample(model, { qualifier: "prepub" }, 10_000).versions).toMatchObject([
      { version: "3", share: 1 },
    ]);
  });

  it("shows the two quick-start commands", () => {
    expect(README).toContain("npm ci && npm run demo");
    expect(README).toContain("npm test ");
  });
});
