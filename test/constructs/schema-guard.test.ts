/**
 * The schema check in synthStack must catch a construct (or an escape hatch) emitting an attribute
 * the provider does not have: otherwise a wrong name would pass every construct test.
 */
import { Testing } from "cdktf";
import { assertConformsToSchemas, CanaryAlias, checkTerraformJson, FunctionWithVersions } from "../../src";
import { fnProps, newStack, synthExisting, thrown } from "../helpers/synth";

function fc3Release() {
  const { stack } = newStack();
  const fn = new FunctionWithVersions(stack, "fn", fnProps("fc3", { versions: ["1", "2"] }));
  const alias = new CanaryAlias(stack, "release", {
    function: fn,
    aliasName: "release",
    version: "1",
    canary: { version: "2", weight: 0.1 },
  });
  return { stack, alias };
}

describe("schema conformance guard", () => {
  it("the unmodified stack conforms", () => {
    const { stack } = fc3Release();
    expect(() => synthExisting(stack)).not.toThrow();
  });

  it("an escape-hatch typo on the fc3 alias (SCF's additional_version_weights) fails the check", () => {
    const { stack, alias } = fc3Release();
    alias.resource!.addOverride("additional_version_weights", { "2": 0.1 });
    const json = Testing.synth(stack);
    expect(JSON.parse(json).resource.alicloud_fcv3_alias.release_1E7A7A71).toHaveProperty(
      "additional_version_weights",
    );

    const e = thrown(() => assertConformsToSchemas(json));
    expect(e.message).toContain("Terraform JSON does not conform to the provider schemas");
    expect(e.message).toContain(
      "error alicloud_fcv3_alias.release_1E7A7A71: additional_version_weights: unknown attribute",
    );

    const violations = checkTerraformJson(json).filter((v) => v.severity === "error");
    expect(violations).toEqual([
      expect.objectContaining({
        resourceType: "alicloud_fcv3_alias",
        resourceName: "release_1E7A7A71",
        path: "additional_version_weights",
      }),
    ]);
    // The shared helper every construct test synthesizes through refuses it too.
    expect(() => synthExisting(stack)).toThrow(/additional_version_weights: unknown attribute/);
  });

  it("the API's own field name on an SCF alias fails the check", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1", "2"] }));
    const alias = new CanaryAlias(stack, "release", {
      function: fn,
      aliasName: "release",
      version: "1",
      canary: { version: "2", rules: [{ source: "header", name: "User", operator: "=", value: "Bob" }] },
    });
    alias.resource!.addOverride("routing_config.AddtionVersionMatchs", [{ Version: "2" }]);
    expect(() => synthExisting(stack)).toThrow(/routing_config.*AddtionVersionMatchs: unknown/);
  });

  it("a wrong value type fails the check", () => {
    const { stack, alias } = fc3Release();
    alias.resource!.addOverride("version_id", ["1"]);
    expect(() => synthExisting(stack)).toThrow(/version_id: expected string/);
  });
});
