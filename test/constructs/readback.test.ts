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
      const fn = new FunctionWithVersions(
        stack,
        "fn",
        fnProps("scf", { namespace: "shop", versions: ["1"] }),
      );
      new CanaryAlias(stack, "release", { function: fn, aliasName: "release", version: "1" });
    });
    expect(only(json, "tencentcloud_scf_function").namespace).toBe("shop");
    expect(only(json, "tencentcloud_scf_function_version").namespace).toBe("shop");
    expect(only(json, "tencentcloud_scf_function_alias").namespace).toBe("shop");
  });
});

describe("SCF function enable_public_net (resource_tc_scf_function.go:205-210, 729-744, 1102-1105)", () => {
  it("is sent as true: false would send DISABLE, which only VPC functions may use, and Read echoes ENABLE", () => {
    const { json } = synthStack((stack) => {
      new FunctionWithVersions(stack, "fn", fnProps("scf"));
    });
    expect(only(json, "tencentcloud_scf_function").enable_public_net).toBe(true);
  });
});

describe("SCF alias routing_config (resource_tc_scf_function_alias.go:248-300)", () => {
  it("an alias without a canary sends an empty routing_config block, the form Read writes back", () => {
    const { json } = synthStack((stack) => {
      const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1"] }));
      new CanaryAlias(stack, "release", { function: fn, aliasName: "release", version: "1" });
    });
    expect(only(json, "tencentcloud_scf_function_alias").routing_config).toEqual({});
  });
});

describe("FC 3.0 function log_config (R:fcv3_function.go:441-473, 1255-1272; fcv3_function_test.go:795)", () => {
  it('always carries log_config { log_begin_rule = "None" }', () => {
    const { json } = synthStack((stack) => {
      new FunctionWithVersions(stack, "fn", fnProps("fc3"));
    });
    expect(only(json, "alicloud_fcv3_function").log_config).toEqual({ log_begin_rule: "None" });
  });
});

describe("FC 3.0 alias additional_version_weight (R:fcv3_alias.go:126-128, 177-180)", () => {
  it("a zero-weight canary is not sent (an empty map), so the API has no 0 entry to drop or echo", () => {
    const { json } = synthStack((stack) => {
      const fn = new FunctionWithVersions(stack, "fn", fnProps("fc3", { versions: ["1", "2"] }));
      new CanaryAlias(stack, "release", {
        function: fn,
        aliasName: "release",
        version: "1",
        canary: { version: "2", weight: 0 },
      });
    });
    expect(only(json, "alicloud_fcv3_alias").additional_version_weight).toEqual({});
  });

  it("an alias without a canary sends an explicit empty map", () => {
    const { json } = synthStack((stack) => {
      const fn = new FunctionWithVersions(stack, "fn", fnProps("fc3", { versions: ["1"] }));
      new CanaryAlias(stack, "release", { function: fn, aliasName: "release", version: "1" });
    });
    expect(only(json, "alicloud_fcv3_alias").additional_version_weight).toEqual({});
  });
});
