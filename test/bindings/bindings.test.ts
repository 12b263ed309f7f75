import { TerraformStack, Testing } from "cdktf";
import { Fcv3Alias } from "../../src/.gen/providers/alicloud/fcv3-alias";
import { Fcv3Function } from "../../src/.gen/providers/alicloud/fcv3-function";
import { Fcv3FunctionVersion } from "../../src/.gen/providers/alicloud/fcv3-function-version";
import { AlicloudProvider } from "../../src/.gen/providers/alicloud/provider";
import { TencentcloudProvider } from "../../src/.gen/providers/tencentcloud/provider";
import { ScfFunction } from "../../src/.gen/providers/tencentcloud/scf-function";
import { ScfFunctionAlias } from "../../src/.gen/providers/tencentcloud/scf-function-alias";
import { ScfFunctionVersion } from "../../src/.gen/providers/tencentcloud/scf-function-version";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function synthStack(): Json {
  const app = Testing.app();
  const stack = new TerraformStack(app, "bindings");

  new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
  const fn = new Fcv3Function(stack, "fc3_fn", {
    functionName: "canary-fn",
    handler: "index.handler",
    runtime: "nodejs20",
    memorySize: 512,
    code: { zipFile: "UEsDBAo=" },
  });
  const version = new Fcv3FunctionVersion(stack, "fc3_v2", {
    functionName: fn.functionName,
    description: "v2",
  });
  new Fcv3Alias(stack, "fc3_alias", {
    functionName: fn.functionName,
    aliasName: "live",
    versionId: "1",
    additionalVersionWeight: { [version.versionId]: 0.1, "3": 0.05 },
  });

  new TencentcloudProvider(stack, "tencentcloud", { region: "ap-guangzhou" });
  const scf = new ScfFunction(stack, "scf_fn", {
    name: "canary-scf",
    handler: "index.main_handler",
    runtime: "Nodejs18.15",
    memSize: 256,
    zipFile: "code.zip",
  });
  const scfVersion = new ScfFunctionVersion(stack, "scf_v2", {
    functionName: scf.name,
    description: "v2",
  });
  new ScfFunctionAlias(stack, "scf_alias", {
    functionName: scf.name,
    functionVersion: "1",
    name: "live",
    routingConfig: {
      additionalVersionWeights: [{ version: scfVersion.functionVersion, weight: 0.2 }],
    },
  });

  return JSON.parse(Testing.synth(stack));
}

describe("generated provider bindings", () => {
  const synth = synthStack();

  test("required_providers carry source and version constraint", () => {
    expect(synth.terraform.required_providers).toEqual({
      alicloud: { source: "aliyun/alicloud", version: ">= 1.280.0" },
      tencentcloud: { source: "tencentcloudstack/tencentcloud", version: ">= 1.83.16" },
    });
    expect(synth.provider.alicloud).toEqual([{ region: "cn-hangzhou" }]);
    expect(synth.provider.tencentcloud).toEqual([{ region: "ap-guangzhou" }]);
  });

  test("alicloud fcv3 function / version / alias synthesize to snake_case", () => {
    const fn = synth.resource.alicloud_fcv3_function.fc3_fn;
    expect(fn).toEqual({
      function_name: "canary-fn",
      handler: "index.handler",
      runtime: "nodejs20",
      memory_size: 512,
      code: { zip_file: "UEsDBAo=" },
    });

    const version = synth.resource.alicloud_fcv3_function_version.fc3_v2;
    expect(version).toEqual({
      function_name: "${alicloud_fcv3_function.fc3_fn.function_name}",
      description: "v2",
    });

    const alias = synth.resource.alicloud_fcv3_alias.fc3_alias;
    expect(alias.alias_name).toBe("live");
    expect(alias.version_id).toBe("1");
    expect(alias.function_name).toBe("${alicloud_fcv3_function.fc3_fn.function_name}");
    // map(number): keys are kept verbatim (tokens resolved to interpolations), values stay numbers
    expect(alias.additional_version_weight).toEqual({
      "${alicloud_fcv3_function_version.fc3_v2.version_id}": 0.1,
      "3": 0.05,
    });
    expect(alias).not.toHaveProperty("additionalVersionWeight");
  });

  test("tencentcloud scf function / version / alias synthesize to snake_case", () => {
    const fn = synth.resource.tencentcloud_scf_function.scf_fn;
    expect(fn).toEqual({
      name: "canary-scf",
      handler: "index.main_handler",
      runtime: "Nodejs18.15",
      mem_size: 256,
      zip_file: "code.zip",
    });

    expect(synth.resource.tencentcloud_scf_function_version.scf_v2).toEqual({
      function_name: "${tencentcloud_scf_function.scf_fn.name}",
      description: "v2",
    });

    const alias = synth.resource.tencentcloud_scf_function_alias.scf_alias;
    expect(alias.function_name).toBe("${tencentcloud_scf_function.scf_fn.name}");
    expect(alias.function_version).toBe("1");
    expect(alias.name).toBe("live");
    // routing_config is a max_items=1 list block: typed as a single object in TS and
    // synthesized as a single JSON object (Terraform JSON accepts an object for a
    // one-element list block), NOT as routing_config[0]. additional_version_weights
    // (unbounded list block) is a JSON array.
    expect(Array.isArray(alias.routing_config)).toBe(false);
    expect(alias.routing_config).toEqual({
      additional_version_weights: [
        { version: "${tencentcloud_scf_function_version.scf_v2.function_version}", weight: 0.2 },
      ],
    });
    expect(alias.routing_config).not.toHaveProperty("additional_version_matches");
  });
});
