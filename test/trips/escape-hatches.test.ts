/**
 * #13 item 19: escape hatches. Each construct's Terraform resources are typed properties, the gateway's too,
 * and the generated bindings are a subpath of the package (`/providers/alicloud`, `/providers/tencentcloud`)
 * with `exports` and `typesVersions` entries, as a published provider package would be.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { CanaryAlias, FunctionWithVersions, StagedApiGateway } from "cdktf-serverless-canary";
import * as alicloud from "cdktf-serverless-canary/providers/alicloud";
import * as tencentcloud from "cdktf-serverless-canary/providers/tencentcloud";
import { fnProps } from "../helpers/synth";

const ROOT = path.join(__dirname, "..", "..");

function build(platform: "scf" | "fc3" | "fc2") {
  const stack = new TerraformStack(Testing.app(), "test");
  const fn = new FunctionWithVersions(stack, "fn", fnProps(platform, { versions: ["1", "2"] }));
  const alias = new CanaryAlias(stack, "release", {
    function: fn,
    aliasName: "release",
    version: "1",
    canary: { version: "2", weight: 0.1 },
  });
  const gw = new StagedApiGateway(stack, "Api", {
    function: fn,
    name: "orders_api",
    region: platform === "scf" ? undefined : "cn-hangzhou",
    stages: { prepub: false },
  });
  return { stack, fn, alias, gw };
}

describe("escape hatches", () => {
  it("Tencent: function, versions, alias and every gateway resource, as the generated classes", () => {
    const { fn, alias, gw } = build("scf");
    expect(fn.functionResource).toBeInstanceOf(tencentcloud.scfFunction.ScfFunction);
    expect(fn.serviceResource).toBeUndefined();
    expect(Object.keys(fn.versionResources)).toEqual(["1", "2"]);
    expect(fn.versionResources["2"]).toBeInstanceOf(tencentcloud.scfFunctionVersion.ScfFunctionVersion);
    expect(alias.resource).toBeInstanceOf(tencentcloud.scfFunctionAlias.ScfFunctionAlias);
    const release = gw.resources.stages.release!;
    expect(release.service).toBeInstanceOf(tencentcloud.apiGatewayService.ApiGatewayService);
    expect(release.api).toBeInstanceOf(tencentcloud.apiGatewayApi.ApiGatewayApi);
    expect(release.release).toBeInstanceOf(tencentcloud.apiGatewayServiceRelease.ApiGatewayServiceRelease);
    expect(Object.keys(gw.resources.stages).sort()).toEqual(["dev", "release"]);
    // An override through the hatch reaches the synthesized JSON.
    (release.service as tencentcloud.apiGatewayService.ApiGatewayService).addOverride("tags", {
      team: "orders",
    });
    const json = JSON.parse(Testing.synth(TerraformStack.of(gw)));
    const services = Object.values<{ tags?: unknown }>(json.resource.tencentcloud_api_gateway_service);
    expect(services.filter((s) => s.tags !== undefined)).toHaveLength(1);
  });

  it("Alibaba FC 3.0: the shared gateway resources and a backend model per stage", () => {
    const { fn, gw } = build("fc3");
    expect(fn.functionResource).toBeInstanceOf(alicloud.fcv3Function.Fcv3Function);
    expect(gw.resources.shared.group).toBeInstanceOf(alicloud.apiGatewayGroup.ApiGatewayGroup);
    expect(gw.resources.shared.api).toBeInstanceOf(alicloud.apiGatewayApi.ApiGatewayApi);
    expect(gw.resources.shared.backend).toBeInstanceOf(alicloud.apiGatewayBackend.ApiGatewayBackend);
    expect(gw.resources.shared.invokeRole).toBeInstanceOf(alicloud.ramRole.RamRole);
    expect(gw.resources.shared.invokePolicy).toBeInstanceOf(alicloud.ramPolicy.RamPolicy);
    expect(gw.resources.stages.release!.backendModel).toBeInstanceOf(
      alicloud.apiGatewayBackendModel.ApiGatewayBackendModel,
    );
  });

  it("Alibaba FC 2.0: the service resource", () => {
    const { fn } = build("fc2");
    expect(fn.serviceResource).toBeInstanceOf(alicloud.fcService.FcService);
    expect(fn.functionResource).toBeInstanceOf(alicloud.fcFunction.FcFunction);
    expect(fn.versionResources).toEqual({});
  });

  it.each(["alicloud", "tencentcloud"])("package.json exports and typesVersions name providers/%s", (p) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    expect(pkg.exports[`./providers/${p}`]).toEqual({
      types: `./lib/providers/${p}.d.ts`,
      default: `./lib/providers/${p}.js`,
    });
    expect(pkg.typesVersions["*"][`providers/${p}`]).toEqual([`lib/providers/${p}.d.ts`]);
    // lib/ is tsc's output of src/ (tsconfig.build.json rootDir src): the source of that entry exists.
    expect(fs.existsSync(path.join(ROOT, "src", "providers", `${p}.ts`))).toBe(true);
    expect(pkg.files).toContain("lib/");
  });
});
