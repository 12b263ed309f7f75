/**
 * What the providers read back into state (issue #11, provider-readback.md): every attribute whose Read fills a
 * value the config would otherwise leave unset is sent explicitly, so the plan after the first apply is empty.
 * Each case cites the provider source it rests on.
 */
import { CanaryAlias, FunctionWithVersions } from "../../src";
import { fnProps, resourcesOfType, synthStack, TfJson } from "../helpers/synth";

/** The only resource of `type` in a synthesized stack. */
function only(json: TfJson, type: string): TfJson {
  const all = resourcesOfType(json, type);
  expect(all).toHaveLength(1);
  return all[0][1];
}

describe("SCF namespace (resource_tc_scf_function_version.go:41-46, 150-152)", () => {
  it('version, alias and function all carry namespace "default" when the user gives none', () => {
    const { json } = synthStack((stack) => {
      const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1", "2"] }));
      new CanaryAlias(stack, "release", { function: fn, aliasName: "release", version: "1" });
    });
    expect(only(json, "tencentcloud_scf_function").namespace).toBe("default");
    const versions = resourcesOfType(json, "tencentcloud_scf_function_version");
    expect(versions.map(([, v]) => v.namespace)).toEqual(["default", "default"]);
    expect(only(json, "tencentcloud_scf_function_alias").namespace).toBe("default");
  });

  it("a namespace the user gives reaches every SCF resource", () => {
    const { json } = synthStack((stack) => {
      const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { namespace: "shop", versions: ["1"] }));
      new CanaryAlias(stack, "release", { function: fn, aliasName: "release", version: "1" });
    });
    expect(only(json, "tencentcloud_scf_function").namespace).toBe("shop");
    expect(only(json, "tencentcloud_scf_function_version").namespace).toBe("shop");
    expect(only(json, "tencentcloud_scf_function_alias").namespace).toBe("shop");
  });
});
