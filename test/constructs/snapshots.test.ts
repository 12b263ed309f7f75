/**
 * Whole-stack snapshots, one per target: a complement to the assertion tests, so that any change to
 * the synthesized Terraform shows up in review. Every snapshot is schema-checked by synthStack.
 */
import { CanaryAlias, FunctionCode, FunctionWithVersions } from "../../src";
import { fnProps, synthStack } from "../helpers/synth";

describe("synthesized stacks", () => {
  it("scf: function, versions, weighted release alias and rule-matched prepub alias", () => {
    const { json } = synthStack((stack) => {
      const fn = new FunctionWithVersions(
        stack,
        "orders",
        fnProps("scf", {
          namespace: "shop",
          kind: "http",
          memorySize: 256,
          versions: [{ label: "1", codeDigest: "aaa" }, { label: "2", codeDigest: "bbb" }, "3"],
        }),
      );
      new CanaryAlias(stack, "release", {
        function: fn,
        aliasName: "release",
        version: "1",
        canary: { version: "2", weight: 0.1 },
      });
      new CanaryAlias(stack, "prepub", {
        function: fn,
        aliasName: "prepub",
        version: "2",
        canary: { version: "3", rules: [{ source: "header", name: "User", operator: "=", value: "Bob" }] },
      });
      CanaryAlias.scfDefaultTraffic(stack, "default", fn, 0.2);
    });
    expect(json).toMatchSnapshot();
  });

  it("fc3: function from OSS, versions and a weighted alias", () => {
    const { json } = synthStack((stack) => {
      const fn = new FunctionWithVersions(
        stack,
        "orders",
        fnProps("fc3", {
          code: FunctionCode.fromBucket("code-bucket", "orders/3f2a9c.zip"),
          environment: { STAGE: "prod" },
          versions: ["1", "2"],
        }),
      );
      new CanaryAlias(stack, "release", {
        function: fn,
        aliasName: "release",
        version: "1",
        canary: { version: "2", weight: 0.25 },
        description: "checkout",
      });
    });
    expect(json).toMatchSnapshot();
  });

  it("fc2: service, function and a weighted alias on existing version ids", () => {
    const { json } = synthStack((stack) => {
      const fn = new FunctionWithVersions(
        stack,
        "orders",
        fnProps("fc2", { serviceName: "shop", versions: ["7", "8"] }),
      );
      new CanaryAlias(stack, "release", {
        function: fn,
        aliasName: "release",
        version: "7",
        canary: { version: "8", weight: 0.05 },
      });
    });
    expect(json).toMatchSnapshot();
  });
});
