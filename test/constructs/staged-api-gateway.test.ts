/**
 * StagedApiGateway: stages release/prepub/dev, each bound to an alias (or version).
 *
 *   Tencent: one API Gateway service + API + release per stage (a release snapshots all of a
 *            service's APIs and an API has one SCF qualifier).
 *   Alibaba: one group + API, one backend with a backend model per stage whose
 *            FunctionComputeConfig.Qualifier names the stage's alias; optional routing plugin.
 *
 * Every synthesized stack is checked against the bundled provider schemas (synthExisting).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack, Token } from "cdktf";
import { ApiGatewayApi } from "../../src/.gen/providers/tencentcloud/api-gateway-api";
import { ApiGatewayServiceRelease } from "../../src/.gen/providers/tencentcloud/api-gateway-service-release";
import {
  CanaryAlias,
  CanarySpec,
  checkServiceReleaseLifecycle,
  FunctionWithVersions,
  FunctionWithVersionsProps,
  ReleaseValidationError,
  StageName,
  StagedApiGateway,
  StagedApiGatewayProps,
} from "../../src";
import {
  annotations,
  fnProps,
  newStack,
  resourcesOfType,
  synthExisting,
  TfJson,
  thrown,
  warnings,
} from "../helpers/synth";

type Platform = FunctionWithVersionsProps["platform"];

interface AliasTarget {
  readonly aliasName?: string;
  readonly version: string;
  readonly canary?: CanarySpec;
}

interface Build {
  readonly platform: Platform;
  readonly kind?: "event" | "http";
  readonly versions?: readonly string[];
  /** `false`: no such alias. @default v1 with a 10% canary on v2 */
  readonly release?: AliasTarget | false;
  /** `false`: no such alias. @default v3 (SCF: Bob → v4 by rule) */
  readonly prepub?: AliasTarget | false;
  readonly gateway?: Partial<StagedApiGatewayProps>;
}

const BOB_RULE = { source: "header", name: "User", operator: "=", value: "Bob" } as const;
const BOB = { headers: { User: "Bob" } };
const ALICE = { headers: { User: "Alice" } };

const ASSUME_KEY_TRUE =
  "gatewayRoutingKey=true: API Gateway passes client headers as the SCF RoutingKey, names compared case-insensitively (undocumented)";
const ASSUME_KEY_FALSE =
  "gatewayRoutingKey=false: API Gateway does not fill the SCF RoutingKey from client headers (undocumented)";
const ASSUME_FC_REQUEST =
  "FC via API Gateway: rules see the client's headers, cookies and query (undocumented)";
const ASSUME_PLUGIN =
  "gateway routing-plugin routes with an FC backend override are experimental (undocumented)";
const EXPERIMENTAL_WARNING =
  "gateway routes use the API Gateway routing plugin with a Function Compute backend override, which Alibaba documents only for HTTP/VPC/MOCK backends: experimental";
const V27_WARNING =
  '[RoutingKeyNotSentByGateway] aliases[prepub].matches: API Gateway is not documented to fill RoutingKey from client headers, so these rules may never match: got ["prepub"]; ' +
  "allowed: callers that pass RoutingKey (Invoke/InvokeFunction), or the gatewayRoutingKey option if your gateway fills it";

/** Builds function (versions 1-4), aliases and gateway "api" (name "orders_api") into `stack`. */
function build(stack: TerraformStack, b: Build) {
  const fn = new FunctionWithVersions(
    stack,
    "fn",
    fnProps(b.platform, { kind: b.kind, versions: b.versions ?? ["1", "2", "3", "4"] }),
  );
  const release =
    b.release === false
      ? undefined
      : new CanaryAlias(stack, "release", {
          function: fn,
          aliasName: "release",
          ...(b.release ?? { version: "1", canary: { version: "2", weight: 0.1 } }),
        });
  const prepub =
    b.prepub === false
      ? undefined
      : new CanaryAlias(stack, "prepub", {
          function: fn,
          aliasName: "prepub",
          ...(b.prepub ??
            (b.platform === "scf"
              ? { version: "3", canary: { version: "4", rules: [BOB_RULE] } }
              : { version: "3" })),
        });
  const gw = new StagedApiGateway(stack, "api", {
    function: fn,
    name: "orders_api",
    path: "/orders",
    region: b.platform === "scf" ? undefined : "cn-hangzhou",
    ...b.gateway,
  });
  return { fn, release, prepub, gw };
}

/** Builds and synthesizes (with the schema check). */
function synthGateway(b: Build) {
  const { stack } = newStack();
  const parts = build(stack, b);
  return { ...parts, ...synthExisting(stack), stack };
}

/** The message of the error `b` throws while building (asserting it is a ReleaseValidationError). */
function buildError(b: Build): string {
  const { stack } = newStack();
  const e = thrown(() => build(stack, b));
  expect(e).toBeInstanceOf(ReleaseValidationError);
  return e.message;
}

/** The single resource of `type` whose `key` is `value`, as [logicalId, body]. */
function where(json: TfJson, type: string, key: string, value: unknown): [string, TfJson] {
  const found = resourcesOfType(json, type).filter(([, body]) => body[key] === value);
  expect(found.map(([id]) => id)).toHaveLength(1);
  return found[0];
}

/** The single resource of `type`. */
function only(json: TfJson, type: string): [string, TfJson] {
  const found = resourcesOfType(json, type);
  expect(found.map(([id]) => id)).toHaveLength(1);
  return found[0];
}

const ref = (type: string, logicalId: string, attr: string): string => `\${${type}.${logicalId}.${attr}}`;

/** The logical id of version `label`'s resource (`fn/Version-<label>`). */
function versionId(json: TfJson, type: string, label: string): string {
  const found = resourcesOfType(json, type).filter(([id]) => id.startsWith(`fn_Version-${label}_`));
  expect(found).toHaveLength(1);
  return found[0][0];
}

/** Output values of the gateway by description. */
function output(json: TfJson, description: string): string {
  const found = Object.values<{ description: string; value: string }>(json.output ?? {}).filter(
    (o) => o.description === description,
  );
  expect(found).toHaveLength(1);
  return found[0].value;
}

const STAGES: readonly StageName[] = ["release", "prepub", "dev"];

// ---------------------------------------------------------------------------------------------
// 1. Tencent
// ---------------------------------------------------------------------------------------------

describe("Tencent (scf): one API Gateway service, API and release per stage", () => {
  const TENCENT = {
    release: { qualifier: "release", environment: "release" },
    prepub: { qualifier: "prepub", environment: "prepub" },
    dev: { qualifier: "$DEFAULT", environment: "test" },
  } as const;

  it("three services named <name>_<stage>, each with an SCF API calling its stage's qualifier", () => {
    const { json, synthesized } = synthGateway({ platform: "scf" });
    const [fnId] = only(json, "tencentcloud_scf_function");
    expect(resourcesOfType(json, "tencentcloud_api_gateway_service").map(([, s]) => s.service_name)).toEqual(
      expect.arrayContaining(["orders_api_release", "orders_api_prepub", "orders_api_dev"]),
    );
    expect(resourcesOfType(json, "tencentcloud_api_gateway_service")).toHaveLength(3);
    expect(resourcesOfType(json, "tencentcloud_api_gateway_api")).toHaveLength(3);

    for (const stage of STAGES) {
      const [serviceId, service] = where(
        json,
        "tencentcloud_api_gateway_service",
        "service_name",
        `orders_api_${stage}`,
      );
      expect(service).toMatchObject({ protocol: "http&https", net_type: ["OUTER"] });
      const [, api] = where(json, "tencentcloud_api_gateway_api", "api_name", `orders_api_${stage}`);
      expect(api).toMatchObject({
        service_id: ref("tencentcloud_api_gateway_service", serviceId, "id"),
        request_config_path: "/orders",
        request_config_method: "ANY",
        service_config_type: "SCF",
        service_config_scf_function_name: ref("tencentcloud_scf_function", fnId, "name"),
        service_config_scf_function_namespace: "default",
        service_config_scf_function_qualifier: TENCENT[stage].qualifier,
        service_config_scf_function_type: "EVENT",
        service_config_timeout: 15,
      });
    }
    // The same through cdktf's matchers.
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayApi, {
      service_config_scf_function_qualifier: "$DEFAULT",
    });
  });

  it("kind http functions are called as HTTP (web) functions", () => {
    const { json } = synthGateway({ platform: "scf", kind: "http" });
    const apis = resourcesOfType(json, "tencentcloud_api_gateway_api").map(([, a]) => a);
    expect(apis.map((a) => a.service_config_scf_function_type)).toEqual(["HTTP", "HTTP", "HTTP"]);
    expect(apis.map((a) => a.service_config_scf_is_integrated_response)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("one release per service to release/prepub/test, describing the qualifier and an API digest, never create_before_destroy", () => {
    const { json, synthesized } = synthGateway({ platform: "scf" });
    const releases = resourcesOfType(json, "tencentcloud_api_gateway_service_release");
    expect(releases).toHaveLength(3);
    for (const stage of STAGES) {
      const [serviceId] = where(
        json,
        "tencentcloud_api_gateway_service",
        "service_name",
        `orders_api_${stage}`,
      );
      const [apiId] = where(json, "tencentcloud_api_gateway_api", "api_name", `orders_api_${stage}`);
      const [, release] = where(
        json,
        "tencentcloud_api_gateway_service_release",
        "environment_name",
        TENCENT[stage].environment,
      );
      expect(release.service_id).toBe(ref("tencentcloud_api_gateway_service", serviceId, "id"));
      expect(release.depends_on).toEqual([`tencentcloud_api_gateway_api.${apiId}`]);
      expect(release.release_desc).toMatch(
        new RegExp(`^${stage} -> ${TENCENT[stage].qualifier.replace("$", "\\$")} \\(api [0-9a-f]{12}\\)$`),
      );
      // V26: the old release's delete would unpublish the environment the new one was published to.
      expect(release.lifecycle?.create_before_destroy).toBeUndefined();
    }
    expect(checkServiceReleaseLifecycle(json)).toEqual([]);
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayServiceRelease, { environment_name: "test" });
  });

  it("V26: create_before_destroy added through an escape hatch is caught by the Terraform-JSON check", () => {
    const { stack } = newStack();
    const { gw } = build(stack, { platform: "scf" });
    const release = gw.node.findChild("ReleaseRelease") as ApiGatewayServiceRelease;
    release.addOverride("lifecycle.create_before_destroy", true);
    const { json } = synthExisting(stack);
    const [releaseId] = where(
      json,
      "tencentcloud_api_gateway_service_release",
      "environment_name",
      "release",
    );
    expect(checkServiceReleaseLifecycle(json).map((d) => `${d.code} ${d.path}`)).toEqual([
      `ReleaseCreateBeforeDestroy tencentcloud_api_gateway_service_release.${releaseId}.lifecycle`,
    ]);
  });

  it("release_desc is deterministic, changes when the API changes and not when only alias routing moves", () => {
    const descs = (b: Build): Record<string, string> =>
      Object.fromEntries(
        resourcesOfType(synthGateway(b).json, "tencentcloud_api_gateway_service_release").map(([, r]) => [
          r.environment_name,
          r.release_desc,
        ]),
      );
    const base = descs({ platform: "scf" });
    expect(descs({ platform: "scf" })).toEqual(base);

    // Alias routing lives in the alias: the APIs (and so the releases) are unchanged.
    expect(
      descs({ platform: "scf", release: { version: "2", canary: { version: "1", weight: 0.5 } } }),
    ).toEqual(base);

    // Another path changes every API, so every environment is republished.
    const otherPath = descs({ platform: "scf", gateway: { path: "/v2/orders" } });
    for (const env of ["release", "prepub", "test"]) {
      expect(otherPath[env]).not.toBe(base[env]);
      expect(otherPath[env].replace(/\(api [0-9a-f]+\)/, "")).toBe(
        base[env].replace(/\(api [0-9a-f]+\)/, ""),
      );
    }

    // Rebinding one stage republishes that stage only.
    const rebound = descs({ platform: "scf", gateway: { stages: { prepub: { alias: "release" } } } });
    expect(rebound.prepub).toMatch(/^prepub -> release \(api [0-9a-f]{12}\)$/);
    expect(rebound.prepub).not.toBe(base.prepub);
    expect(rebound.release).toBe(base.release);
    expect(rebound.test).toBe(base.test);

    // Another timeout changes the API too.
    expect(descs({ platform: "scf", gateway: { timeoutSeconds: 30 } }).release).not.toBe(base.release);
  });

  it("each API depends on the alias resource it calls, without duplicates", () => {
    const { json } = synthGateway({ platform: "scf" });
    for (const stage of ["release", "prepub"] as const) {
      const [aliasId] = where(json, "tencentcloud_scf_function_alias", "name", stage);
      const [, api] = where(json, "tencentcloud_api_gateway_api", "api_name", `orders_api_${stage}`);
      expect(api.depends_on).toContain(`tencentcloud_scf_function_alias.${aliasId}`);
    }
    for (const [, api] of resourcesOfType(json, "tencentcloud_api_gateway_api"))
      expect(new Set(api.depends_on).size).toBe(api.depends_on.length);
  });

  it("a stage bound to a version label calls the version resource's function_version", () => {
    const { json } = synthGateway({ platform: "scf", gateway: { stages: { release: { alias: "3" } } } });
    const v3 = versionId(json, "tencentcloud_scf_function_version", "3");
    const [, api] = where(json, "tencentcloud_api_gateway_api", "api_name", "orders_api_release");
    expect(api.service_config_scf_function_qualifier).toBe(
      ref("tencentcloud_scf_function_version", v3, "function_version"),
    );
    expect(api.depends_on).toContain(`tencentcloud_scf_function_version.${v3}`);
    const [, release] = where(
      json,
      "tencentcloud_api_gateway_service_release",
      "environment_name",
      "release",
    );
    expect(release.release_desc).toMatch(/^release -> 3 \(api [0-9a-f]{12}\)$/);
    expect(output(json, "Routing of the release stage")).toBe("release → v3 (version)");
  });

  it("customDomain binds a custom domain to the stage's service with path mapping /#<environment>", () => {
    const { json } = synthGateway({
      platform: "scf",
      gateway: {
        stages: {
          release: { customDomain: { subDomain: "api.example.com", certificateId: "cert-1" } },
          prepub: { customDomain: { subDomain: "pre.example.com" } },
        },
      },
    });
    const domains = resourcesOfType(json, "tencentcloud_api_gateway_custom_domain");
    expect(domains).toHaveLength(2);
    const [releaseService] = where(
      json,
      "tencentcloud_api_gateway_service",
      "service_name",
      "orders_api_release",
    );
    const [prepubService] = where(
      json,
      "tencentcloud_api_gateway_service",
      "service_name",
      "orders_api_prepub",
    );
    expect(where(json, "tencentcloud_api_gateway_custom_domain", "sub_domain", "api.example.com")[1]).toEqual(
      {
        service_id: ref("tencentcloud_api_gateway_service", releaseService, "id"),
        sub_domain: "api.example.com",
        protocol: "http&https",
        certificate_id: "cert-1",
        net_type: "OUTER",
        default_domain: ref("tencentcloud_api_gateway_service", releaseService, "outer_sub_domain"),
        is_default_mapping: false,
        path_mappings: ["/#release"],
      },
    );
    expect(
      where(json, "tencentcloud_api_gateway_custom_domain", "sub_domain", "pre.example.com")[1],
    ).toMatchObject({
      service_id: ref("tencentcloud_api_gateway_service", prepubService, "id"),
      protocol: "http",
      is_default_mapping: false,
      path_mappings: ["/#prepub"],
    });
    expect(output(json, "Invoke URL of the release stage")).toBe("https://api.example.com/orders");
    // Without a certificate the domain serves plain HTTP only.
    expect(output(json, "Invoke URL of the prepub stage")).toBe("http://pre.example.com/orders");
  });

  it("outputs each stage's URL and routing", () => {
    const { json, gw } = synthGateway({ platform: "scf" });
    for (const stage of STAGES) {
      const [serviceId] = where(
        json,
        "tencentcloud_api_gateway_service",
        "service_name",
        `orders_api_${stage}`,
      );
      const url = `https://${ref("tencentcloud_api_gateway_service", serviceId, "outer_sub_domain")}/${TENCENT[stage].environment}/orders`;
      expect(output(json, `Invoke URL of the ${stage} stage`)).toBe(url);
      // gw.urls holds the same expression as a token.
      expect(Token.isUnresolved(gw.urls[stage])).toBe(true);
      expect(gw.urls[stage]).toMatch(new RegExp(`^https://.+/${TENCENT[stage].environment}/orders$`));
    }
    expect(output(json, "Routing of the release stage")).toBe("release → release: v1 90% | v2 10%");
    expect(output(json, "Routing of the prepub stage")).toBe(
      'prepub → prepub: v3 | invoke.headers.User exact "Bob" → v4',
    );
    expect(output(json, "Routing of the dev stage")).toBe("dev → $DEFAULT: $LATEST 100%");
    expect(gw.stageSummary("release")).toBe("release → release: v1 90% | v2 10%");
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Alibaba
// ---------------------------------------------------------------------------------------------

describe("Alibaba (fc3, fc2): one group and API, a backend model per stage", () => {
  const ALIBABA = {
    release: { stageName: "RELEASE", qualifier: "release" },
    prepub: { stageName: "PRE", qualifier: "prepub" },
    dev: { stageName: "TEST", qualifier: "LATEST" },
  } as const;

  const TYPES = {
    fc3: {
      fn: "alicloud_fcv3_function",
      nameAttr: "function_name",
      alias: "alicloud_fcv3_alias",
      aliasName: "alias_name",
      backend: "FC_EVENT_V3",
      fcVersion: "3.0",
    },
    fc2: {
      fn: "alicloud_fc_function",
      nameAttr: "name",
      alias: "alicloud_fc_alias",
      aliasName: "alias_name",
      backend: "FC_EVENT",
      fcVersion: "2.0",
    },
  } as const;

  it.each(["fc3", "fc2"] as const)(
    "%s: backend, per-stage models with the stage's Qualifier, and the API deployed to all stages",
    (platform) => {
      const t = TYPES[platform];
      const { json } = synthGateway({ platform });
      const [groupId, group] = only(json, "alicloud_api_gateway_group");
      expect(group).toEqual({ name: "orders_api", description: "orders_api stages" });
      const [backendId, backend] = only(json, "alicloud_api_gateway_backend");
      expect(backend).toMatchObject({ backend_name: "orders_api_fc", backend_type: t.backend });
      const [fnId] = only(json, t.fn);
      const [roleId] = only(json, "alicloud_ram_role");
      const [attachmentId] = only(json, "alicloud_ram_role_policy_attachment");
      const serviceName =
        platform === "fc2"
          ? { ServiceName: ref("alicloud_fc_service", only(json, "alicloud_fc_service")[0], "name") }
          : {};

      const models = resourcesOfType(json, "alicloud_api_gateway_backend_model");
      expect(models).toHaveLength(3);
      for (const stage of STAGES) {
        const [, model] = where(
          json,
          "alicloud_api_gateway_backend_model",
          "stage_name",
          ALIBABA[stage].stageName,
        );
        expect(model.backend_id).toBe(ref("alicloud_api_gateway_backend", backendId, "id"));
        expect(model.backend_type).toBe(t.backend);
        expect(model.description).toBe(`${stage} -> ${ALIBABA[stage].qualifier}`);
        expect(JSON.parse(model.backend_model_data)).toEqual({
          ServiceTimeout: 15000,
          FunctionComputeConfig: {
            FcRegionId: "cn-hangzhou",
            FcVersion: t.fcVersion,
            FcType: "FCEvent",
            FunctionName: ref(t.fn, fnId, t.nameAttr),
            ...serviceName,
            Qualifier: ALIBABA[stage].qualifier,
            RoleArn: ref("alicloud_ram_role", roleId, "arn"),
            OnlyBusinessPath: false,
          },
        });
      }
      for (const stage of ["release", "prepub"] as const) {
        const [aliasId] = where(json, t.alias, t.aliasName, stage);
        const [, model] = where(
          json,
          "alicloud_api_gateway_backend_model",
          "stage_name",
          ALIBABA[stage].stageName,
        );
        expect(model.depends_on).toContain(`${t.alias}.${aliasId}`);
      }

      const [, api] = only(json, "alicloud_api_gateway_api");
      expect(api).toMatchObject({
        group_id: ref("alicloud_api_gateway_group", groupId, "id"),
        name: "orders_api",
        auth_type: "ANONYMOUS",
        service_type: "FunctionCompute",
        backend_enabled: true,
        backend_id: ref("alicloud_api_gateway_backend", backendId, "id"),
        stage_names: ["RELEASE", "PRE", "TEST"],
        request_config: { method: "GET", path: "/orders", protocol: "HTTP,HTTPS" },
        fc_service_config: {
          region: "cn-hangzhou",
          function_name: ref(t.fn, fnId, t.nameAttr),
          qualifier: "release",
          arn_role: ref("alicloud_ram_role", roleId, "arn"),
          timeout: 15000,
          function_version: t.fcVersion,
          function_type: "FCEvent",
        },
      });
      expect(api.request_parameters).toBeUndefined();
      // DeployApi runs on create: every stage's model and the invoke grant must exist first.
      expect([...api.depends_on].sort()).toEqual(
        [
          ...models.map(([id]) => `alicloud_api_gateway_backend_model.${id}`),
          `alicloud_ram_role_policy_attachment.${attachmentId}`,
        ].sort(),
      );
      expect(output(json, "Invoke URL of the prepub stage")).toBe(
        `http://${ref("alicloud_api_gateway_group", groupId, "sub_domain")}/orders (X-Ca-Stage: PRE)`,
      );
      expect(output(json, "Routing of the release stage")).toBe("release → release: v1 90% | v2 10%");
      expect(output(json, "Routing of the dev stage")).toBe("dev → LATEST (version)");
    },
  );

  it.each(["fc3", "fc2"] as const)(
    "%s: a RAM role API Gateway assumes, allowed to invoke the function, attached as Custom",
    (platform) => {
      const t = TYPES[platform];
      const { json } = synthGateway({ platform });
      const [roleId, role] = only(json, "alicloud_ram_role");
      const [policyId, policy] = only(json, "alicloud_ram_policy");
      const [, attachment] = only(json, "alicloud_ram_role_policy_attachment");
      const [fnId] = only(json, t.fn);
      expect(role.role_name).toBe("orders-api-apigw-invoke");
      expect(policy.policy_name).toBe("orders-api-invoke-fc");
      expect(JSON.parse(role.assume_role_policy_document)).toEqual({
        Version: "1",
        Statement: [
          { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: ["apigateway.aliyuncs.com"] } },
        ],
      });
      const doc = JSON.parse(policy.policy_document);
      expect(doc.Statement).toHaveLength(1);
      expect(doc.Statement[0].Effect).toBe("Allow");
      expect(doc.Statement[0].Action).toEqual(["fc:InvokeFunction"]);
      for (const arn of doc.Statement[0].Resource) {
        expect(arn.startsWith("acs:fc:cn-hangzhou:*:")).toBe(true);
        expect(arn).toContain(ref(t.fn, fnId, t.nameAttr));
      }
      expect(attachment).toEqual({
        policy_name: ref("alicloud_ram_policy", policyId, "policy_name"),
        policy_type: "Custom",
        role_name: ref("alicloud_ram_role", roleId, "role_name"),
      });
    },
  );

  it("fc3 http functions: an FC_HTTP_V3 backend and one HTTP trigger per stage qualifier", () => {
    const { json } = synthGateway({ platform: "fc3", kind: "http" });
    expect(only(json, "alicloud_api_gateway_backend")[1].backend_type).toBe("FC_HTTP_V3");
    const triggers = resourcesOfType(json, "alicloud_fcv3_trigger");
    expect(triggers.map(([, tr]) => tr.qualifier).sort()).toEqual(["LATEST", "prepub", "release"]);
    const [fnId] = only(json, "alicloud_fcv3_function");
    for (const stage of STAGES) {
      const [triggerId, trigger] = where(
        json,
        "alicloud_fcv3_trigger",
        "qualifier",
        ALIBABA[stage].qualifier,
      );
      expect(trigger).toMatchObject({
        function_name: ref("alicloud_fcv3_function", fnId, "function_name"),
        trigger_type: "http",
      });
      const [, model] = where(
        json,
        "alicloud_api_gateway_backend_model",
        "stage_name",
        ALIBABA[stage].stageName,
      );
      expect(model.backend_type).toBe("FC_HTTP_V3");
      const config = JSON.parse(model.backend_model_data).FunctionComputeConfig;
      expect(config).toMatchObject({
        FcVersion: "3.0",
        FcType: "HttpTrigger",
        FcBaseUrl: ref("alicloud_fcv3_trigger", triggerId, "http_trigger[0].url_internet"),
        Path: "/",
        Method: "GET",
        OnlyBusinessPath: false,
        Qualifier: ALIBABA[stage].qualifier,
      });
      expect(config.FunctionName).toBeUndefined();
    }
    expect(only(json, "alicloud_api_gateway_api")[1].fc_service_config.function_type).toBe("HttpTrigger");
  });

  describe("backend_model_data converges with the provider's read-back", () => {
    // service_alicloud_api_gateway.go:819-864, re-implemented: Read rebuilds backend_model_data from
    // DescribeBackendInfo, keeping ServiceTimeout when > 0 and every FunctionComputeConfig key of a fixed
    // list whose value is not "" (booleans included); the diff is suppressed only when the old and new
    // JSON are deeply equal (resource_alicloud_api_gateway_backend_model.go:54-66).
    const READ_KEYS = [
      "FcRegionId",
      "FcType",
      "ServiceName",
      "FunctionName",
      "RoleArn",
      "Qualifier",
      "FcVersion",
      "Path",
      "FcBaseUrl",
      "Method",
      "ContentTypeCatagory",
      "ContentTypeValue",
      "OnlyBusinessPath",
      "TriggerName",
    ];
    function providerRead(backendConfig: TfJson): TfJson {
      const out: TfJson = {};
      if (typeof backendConfig.ServiceTimeout === "number" && backendConfig.ServiceTimeout > 0)
        out.ServiceTimeout = Math.trunc(backendConfig.ServiceTimeout);
      const fc = backendConfig.FunctionComputeConfig ?? {};
      const kept: TfJson = {};
      for (const k of READ_KEYS) if (k in fc && fc[k] !== "") kept[k] = fc[k];
      if (Object.keys(kept).length > 0) out.FunctionComputeConfig = kept;
      return out;
    }
    /** The API as it may store a model: verbatim, or with OnlyBusinessPath defaulted to false (a Java boolean). */
    const API_ECHOES = {
      verbatim: (sent: TfJson) => sent,
      "boolean default": (sent: TfJson) => ({
        ...sent,
        FunctionComputeConfig: { OnlyBusinessPath: false, ...sent.FunctionComputeConfig },
      }),
    } as const;

    const cases = [
      ["fc3", "event"],
      ["fc3", "http"],
      ["fc2", "event"],
    ] as const;
    for (const [echo, stored] of Object.entries(API_ECHOES)) {
      it.each(cases)(
        `%s %s: read-back of what is sent is deeply equal to it (API echo: ${echo})`,
        (platform, kind) => {
          const { json } = synthGateway({ platform, kind });
          for (const [, model] of resourcesOfType(json, "alicloud_api_gateway_backend_model")) {
            const sent = JSON.parse(model.backend_model_data);
            expect(providerRead(stored(sent))).toEqual(sent);
          }
        },
      );
    }

    it("backendModelKeys: each open key can be left out (evidence in the README)", () => {
      const { json } = synthGateway({
        platform: "fc3",
        kind: "http",
        gateway: {
          backendModelKeys: {
            fcVersion: false,
            onlyBusinessPath: false,
            httpPathAndMethod: false,
            triggerName: true,
          },
        },
      });
      const [, model] = where(json, "alicloud_api_gateway_backend_model", "stage_name", "RELEASE");
      const [, trigger] = where(json, "alicloud_fcv3_trigger", "qualifier", "release");
      const config = JSON.parse(model.backend_model_data).FunctionComputeConfig;
      expect(Object.keys(config).sort()).toEqual(
        ["FcBaseUrl", "FcRegionId", "FcType", "Qualifier", "RoleArn", "TriggerName"].sort(),
      );
      expect(config.TriggerName).toBe(trigger.trigger_name);
    });

    it("backendModelKeys with an unknown key or a non-boolean is refused", () => {
      expect(
        buildError({ platform: "fc3", gateway: { backendModelKeys: { fcversion: true } as never } }),
      ).toBe(
        'test/api: unknown backendModelKeys key "fcversion"; allowed: fcVersion, onlyBusinessPath, httpPathAndMethod, triggerName',
      );
      expect(
        buildError({ platform: "fc3", gateway: { backendModelKeys: { triggerName: "yes" } as never } }),
      ).toBe('test/api: invalid backendModelKeys.triggerName "yes"; allowed: true, false');
    });
  });

  describe("gateway routes (routing plugin)", () => {
    const routed = (platform: "fc3" | "fc2" = "fc3") =>
      synthGateway({
        platform,
        gateway: {
          experimentalFcRoutingPlugin: true,
          stages: {
            prepub: {
              routes: [
                { when: [BOB_RULE], to: "4" },
                { name: "five_percent", when: [{ random: 0.05 }], to: "release" },
                { when: [{ source: "query", name: "uid", operator: ">=", value: "900" }], to: "2" },
              ],
            },
          },
        },
      });

    it("a routing plugin with the routes' conditions and FC backend overrides, attached to PRE", () => {
      const { json } = routed();
      const [pluginId, plugin] = only(json, "alicloud_api_gateway_plugin");
      const [groupId] = only(json, "alicloud_api_gateway_group");
      const [apiId] = only(json, "alicloud_api_gateway_api");
      const [roleId] = only(json, "alicloud_ram_role");
      const [fnId] = only(json, "alicloud_fcv3_function");
      expect(plugin.plugin_type).toBe("routing");
      expect(plugin.plugin_name).toBe("orders_api_prepub_routing");
      const data = JSON.parse(plugin.plugin_data);
      expect(data.routes.map((r: TfJson) => [r.name, r.condition])).toEqual([
        ["canary0", "$User = 'Bob'"],
        ["five_percent", "Random() < 0.05"],
        ["canary2", "$uid >= '900'"],
      ]);
      const v4 = versionId(json, "alicloud_fcv3_function_version", "4");
      expect(data.routes[0].backend).toEqual({
        type: "FC_EVENT_V3",
        functionComputeConfig: {
          FcRegionId: "cn-hangzhou",
          FcVersion: "3.0",
          FcType: "FCEvent",
          FunctionName: ref("alicloud_fcv3_function", fnId, "function_name"),
          Qualifier: ref("alicloud_fcv3_function_version", v4, "version_id"),
          RoleArn: ref("alicloud_ram_role", roleId, "arn"),
          OnlyBusinessPath: false,
        },
      });
      expect(data.routes[1].backend.functionComputeConfig.Qualifier).toBe("release");

      expect(only(json, "alicloud_api_gateway_plugin_attachment")[1]).toEqual({
        plugin_id: ref("alicloud_api_gateway_plugin", pluginId, "id"),
        group_id: ref("alicloud_api_gateway_group", groupId, "id"),
        api_id: ref("alicloud_api_gateway_api", apiId, "api_id"),
        stage_name: "PRE",
      });
      // The stage's own binding is unchanged: routes sit in front of it.
      const [, pre] = where(json, "alicloud_api_gateway_backend_model", "stage_name", "PRE");
      expect(JSON.parse(pre.backend_model_data).FunctionComputeConfig.Qualifier).toBe("prepub");
    });

    it("header and query parameters used by conditions are declared on the API", () => {
      const { json } = routed();
      const [, api] = only(json, "alicloud_api_gateway_api");
      expect(api.request_parameters).toEqual([
        {
          name: "User",
          name_service: "User",
          in: "HEAD",
          in_service: "HEAD",
          type: "STRING",
          required: "OPTIONAL",
        },
        {
          name: "uid",
          name_service: "uid",
          in: "QUERY",
          in_service: "QUERY",
          type: "STRING",
          required: "OPTIONAL",
        },
      ]);
    });

    it("route targets become dependencies of their own stage's backend model only, once each", () => {
      const { json } = routed();
      const v4 = `alicloud_fcv3_function_version.${versionId(json, "alicloud_fcv3_function_version", "4")}`;
      const releaseAlias = `alicloud_fcv3_alias.${where(json, "alicloud_fcv3_alias", "alias_name", "release")[0]}`;
      for (const [, model] of resourcesOfType(json, "alicloud_api_gateway_backend_model")) {
        const deps: string[] = model.depends_on ?? [];
        if (model.stage_name === "PRE") {
          expect(deps).toContain(v4);
          expect(deps.filter((d) => d === releaseAlias)).toHaveLength(1);
        } else {
          expect(deps).not.toContain(v4);
        }
      }
    });

    it("a warning says gateway routes are experimental, and the routing output lists them", () => {
      const { json, gw } = routed();
      expect(warnings(gw)).toEqual([{ path: "test/api", message: EXPERIMENTAL_WARNING }]);
      expect(output(json, "Routing of the prepub stage")).toBe(
        "prepub → prepub: v3 100% | gateway canary0 → v4 (version) | gateway five_percent → release: v1 90% | v2 10% | gateway canary2 → v2 (version)",
      );
    });

    it("fc2: the plugin overrides to an FC_EVENT backend with the service name", () => {
      const { json } = routed("fc2");
      const data = JSON.parse(only(json, "alicloud_api_gateway_plugin")[1].plugin_data);
      expect(data.routes[0].backend.type).toBe("FC_EVENT");
      expect(data.routes[0].backend.functionComputeConfig).toMatchObject({
        FcVersion: "2.0",
        Qualifier: "4",
      });
      expect(data.routes[0].backend.functionComputeConfig.ServiceName).toMatch(/^\$\{alicloud_fc_service\./);
    });

    it.each(["fc3", "fc2"] as const)(
      "%s: routes without experimentalFcRoutingPlugin are refused (Alibaba documents overrides for HTTP/VPC/MOCK backends only)",
      (platform) => {
        expect(
          buildError({
            platform,
            gateway: { stages: { prepub: { routes: [{ when: [BOB_RULE], to: "4" }] } } },
          }),
        ).toBe(
          "test/api: stage prepub has gateway routes: they need the API Gateway routing plugin to override the backend " +
            "with another Function Compute qualifier, which Alibaba documents only for HTTP, HTTP-VPC and MOCK backends " +
            "(an incomplete override answers clients with I504RB); got 1 route; " +
            "allowed: no gateway routes (alias weights, or FC 2.0 alias rules), or experimentalFcRoutingPlugin: true to emit them anyway",
        );
      },
    );

    it("experimentalFcRoutingPlugin must be a boolean, and is an Alibaba option", () => {
      expect(buildError({ platform: "fc3", gateway: { experimentalFcRoutingPlugin: "yes" as never } })).toBe(
        'test/api: invalid experimentalFcRoutingPlugin "yes"; allowed: true, false',
      );
      expect(buildError({ platform: "scf", gateway: { experimentalFcRoutingPlugin: true } })).toBe(
        "test/api: experimentalFcRoutingPlugin is an Alibaba option; allowed: leave it unset on Tencent (gateway routes are refused there)",
      );
    });

    it("the opt-in alone (no routes) emits no plugin and no warning", () => {
      const { json, gw } = synthGateway({ platform: "fc3", gateway: { experimentalFcRoutingPlugin: true } });
      expect(resourcesOfType(json, "alicloud_api_gateway_plugin")).toEqual([]);
      expect(warnings(gw)).toEqual([]);
    });

    it("no routes: no plugin, no attachment, no warning", () => {
      const { json, gw } = synthGateway({ platform: "fc3" });
      expect(resourcesOfType(json, "alicloud_api_gateway_plugin")).toEqual([]);
      expect(resourcesOfType(json, "alicloud_api_gateway_plugin_attachment")).toEqual([]);
      expect(warnings(gw)).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Stage options
// ---------------------------------------------------------------------------------------------

describe("stage options", () => {
  it("prepub: false removes the stage (no prepub alias needed)", () => {
    const scf = synthGateway({ platform: "scf", prepub: false, gateway: { stages: { prepub: false } } });
    expect(
      resourcesOfType(scf.json, "tencentcloud_api_gateway_service")
        .map(([, s]) => s.service_name)
        .sort(),
    ).toEqual(["orders_api_dev", "orders_api_release"]);
    expect(
      resourcesOfType(scf.json, "tencentcloud_api_gateway_service_release")
        .map(([, r]) => r.environment_name)
        .sort(),
    ).toEqual(["release", "test"]);
    expect(Object.values<{ description: string }>(scf.json.output).map((o) => o.description)).not.toContain(
      "Invoke URL of the prepub stage",
    );
    expect(scf.gw.model.stages.map((s) => s.stage)).toEqual(["release", "dev"]);
    expect(scf.gw.stageSummary("prepub")).toBe("prepub: (no stage)");

    const fc3 = synthGateway({ platform: "fc3", prepub: false, gateway: { stages: { prepub: false } } });
    expect(only(fc3.json, "alicloud_api_gateway_api")[1].stage_names).toEqual(["RELEASE", "TEST"]);
    expect(
      resourcesOfType(fc3.json, "alicloud_api_gateway_backend_model")
        .map(([, m]) => m.stage_name)
        .sort(),
    ).toEqual(["RELEASE", "TEST"]);
  });

  it("release bound to a CanaryAlias object calls that alias", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1", "2"] }));
    const stable = new CanaryAlias(stack, "stable", { function: fn, aliasName: "stable", version: "1" });
    new CanaryAlias(stack, "prepub", { function: fn, aliasName: "prepub", version: "2" });
    const gw = new StagedApiGateway(stack, "api", {
      function: fn,
      name: "orders_api",
      stages: { release: { alias: stable } },
    });
    const { json } = synthExisting(stack);
    const [, api] = where(json, "tencentcloud_api_gateway_api", "api_name", "orders_api_release");
    expect(api.service_config_scf_function_qualifier).toBe("stable");
    const [stableId] = where(json, "tencentcloud_scf_function_alias", "name", "stable");
    expect(api.depends_on).toContain(`tencentcloud_scf_function_alias.${stableId}`);
    expect(gw.stageSummary("release")).toBe("release → stable: v1 100%");
    expect(gw.simulate("release").version).toBe("1");
  });

  it("a stage bound to another alias's name calls that alias", () => {
    const { json, gw } = synthGateway({
      platform: "fc3",
      gateway: { stages: { prepub: { alias: "release" } } },
    });
    const [, pre] = where(json, "alicloud_api_gateway_backend_model", "stage_name", "PRE");
    expect(JSON.parse(pre.backend_model_data).FunctionComputeConfig.Qualifier).toBe("release");
    expect(gw.stageSummary("prepub")).toBe("prepub → release: v1 90% | v2 10%");
  });

  it("fc3: a stage bound to a version label calls the version resource's version_id", () => {
    const { json } = synthGateway({ platform: "fc3", gateway: { stages: { dev: { alias: "4" } } } });
    const v4 = versionId(json, "alicloud_fcv3_function_version", "4");
    const [, test] = where(json, "alicloud_api_gateway_backend_model", "stage_name", "TEST");
    expect(JSON.parse(test.backend_model_data).FunctionComputeConfig.Qualifier).toBe(
      ref("alicloud_fcv3_function_version", v4, "version_id"),
    );
  });

  it.each([
    ["scf", "$DEFAULT", "dev → $DEFAULT: $LATEST 100%"],
    ["fc3", "LATEST", "dev → LATEST (version)"],
    ["fc2", "LATEST", "dev → LATEST (version)"],
  ] as const)("%s: dev is bound to %s by default", (platform, qualifier, summary) => {
    const { gw } = synthGateway({ platform });
    expect(gw.model.stages.find((s) => s.stage === "dev")?.qualifier).toBe(qualifier);
    expect(gw.stageSummary("dev")).toBe(summary);
  });

  it("scf: dev can call $LATEST directly", () => {
    const { json, gw } = synthGateway({
      platform: "scf",
      gateway: { stages: { dev: { alias: "$LATEST" } } },
    });
    const [, api] = where(json, "tencentcloud_api_gateway_api", "api_name", "orders_api_dev");
    expect(api.service_config_scf_function_qualifier).toBe("$LATEST");
    expect(gw.simulate("dev").version).toBe("$LATEST");
  });

  it("a custom stage set: release left out, prepub on its alias, dev on the release alias", () => {
    const { json, gw } = synthGateway({
      platform: "scf",
      gateway: { stages: { release: false, dev: { alias: "release" } } },
    });
    expect(gw.model.stages.map((s) => [s.stage, s.qualifier])).toEqual([
      ["prepub", "prepub"],
      ["dev", "release"],
    ]);
    expect(
      resourcesOfType(json, "tencentcloud_api_gateway_api")
        .map(([, a]) => `${a.api_name} → ${a.service_config_scf_function_qualifier}`)
        .sort(),
    ).toEqual(["orders_api_dev → release", "orders_api_prepub → prepub"]);
    expect(Object.keys(gw.urls).sort()).toEqual(["dev", "prepub"]);
  });

  it("description, method and timeout reach the cloud resources", () => {
    const scf = synthGateway({
      platform: "scf",
      gateway: { description: "Orders", method: "POST", timeoutSeconds: 30 },
    });
    const [, api] = where(scf.json, "tencentcloud_api_gateway_api", "api_name", "orders_api_release");
    expect(api).toMatchObject({ request_config_method: "POST", service_config_timeout: 30 });
    expect(api.api_desc).toBe("Orders: calls orders:release");
    const fc3 = synthGateway({ platform: "fc3", gateway: { method: "POST", timeoutSeconds: 30 } });
    const [, aapi] = only(fc3.json, "alicloud_api_gateway_api");
    expect(aapi.request_config.method).toBe("POST");
    expect(aapi.fc_service_config.timeout).toBe(30000);
    const [, model] = where(fc3.json, "alicloud_api_gateway_backend_model", "stage_name", "RELEASE");
    expect(JSON.parse(model.backend_model_data).ServiceTimeout).toBe(30000);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Validation
// ---------------------------------------------------------------------------------------------

describe("validation", () => {
  it("scf: the default release stage without a release alias → StageBindingNotFound", () => {
    expect(buildError({ platform: "scf", release: false, prepub: false })).toBe(
      'test/api: [StageBindingNotFound] stage release is bound to "release", which test/fn has as neither alias nor version; ' +
        'allowed: "$DEFAULT", "$LATEST", "1", "2", "3", "4" (declare the CanaryAlias before the gateway, or leave the stage out with release: false)',
    );
  });

  it("fc3: a missing prepub alias names the declared aliases as allowed", () => {
    expect(buildError({ platform: "fc3", prepub: false })).toBe(
      'test/api: [StageBindingNotFound] stage prepub is bound to "prepub", which test/fn has as neither alias nor version; ' +
        'allowed: "release", "LATEST", "1", "2", "3", "4" (declare the CanaryAlias before the gateway, or leave the stage out with prepub: false)',
    );
  });

  it("an alias declared after the gateway is not found", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1"] }));
    const e = thrown(
      () =>
        new StagedApiGateway(stack, "api", { function: fn, name: "orders_api", stages: { prepub: false } }),
    );
    expect(e.message).toContain('stage release is bound to "release"');
    expect(e.message).toContain("declare the CanaryAlias before the gateway");
  });

  it("a route target that names nothing → StageBindingNotFound naming the route", () => {
    expect(
      buildError({
        platform: "fc3",
        gateway: { stages: { prepub: { routes: [{ when: [{ random: 0.1 }], to: "nope" }] } } },
      }),
    ).toBe(
      'test/api: [StageBindingNotFound] route canary0 of stage prepub targets "nope", which test/fn has as neither alias nor version; ' +
        'allowed: "release", "prepub", "LATEST", "1", "2", "3", "4" (declare the CanaryAlias before the gateway)',
    );
  });

  it("unknown stage key", () => {
    expect(
      buildError({
        platform: "scf",
        gateway: { stages: { staging: {} } as StagedApiGatewayProps["stages"] },
      }),
    ).toBe('test/api: unknown stage "staging"; allowed: release, prepub, dev');
  });

  it("all stages disabled", () => {
    expect(
      buildError({ platform: "scf", gateway: { stages: { release: false, prepub: false, dev: false } } }),
    ).toBe("test/api: no stage left; allowed: at least one of release, prepub, dev");
  });

  describe("names the cloud API refuses (the providers validate none of them)", () => {
    const GROUP_ALLOWED =
      "4-50 letters, digits, Chinese characters or '_', starting with a letter or a Chinese character";
    const SERVICE_ALLOWED =
      "1-50 letters, digits or '_', starting with a letter (the console's rule; allowDashInServiceName admits '-')";

    it.each([
      ["fc3", "canary-demo", `; e.g. "canary_demo"`],
      ["fc2", "canary-fn-api", `; e.g. "canary_fn_api"`],
      ["fc3", "abc", ""],
      ["fc3", "1orders", ""],
      ["fc3", "_orders", ""],
      ["fc3", "orders api", ""],
      ["fc3", "x".repeat(51), ""],
    ] as const)("%s: group name %p fails at synth, not at CreateApiGroup", (platform, name, hint) => {
      expect(buildError({ platform, gateway: { name } })).toBe(
        `test/api: invalid gateway name ${JSON.stringify(name)} (Alibaba API Gateway group name); allowed: ${GROUP_ALLOWED}${hint}`,
      );
    });

    it.each([
      ["orders-api", `; e.g. "orders_api"`],
      ["1orders", ""],
      ["a b", ""],
      ["x".repeat(51), ""],
    ])("scf: service name %p fails at synth (the console rule is the default)", (name, hint) => {
      expect(buildError({ platform: "scf", gateway: { name } })).toBe(
        `test/api: invalid gateway name ${JSON.stringify(name)} (Tencent API Gateway service name); allowed: ${SERVICE_ALLOWED}${hint}`,
      );
    });

    it("scf: allowDashInServiceName admits '-' and joins the derived names with '-'", () => {
      const { json } = synthGateway({
        platform: "scf",
        gateway: { name: "orders-api", allowDashInServiceName: true },
      });
      expect(
        resourcesOfType(json, "tencentcloud_api_gateway_service")
          .map(([, s]) => s.service_name)
          .sort(),
      ).toEqual(["orders-api-dev", "orders-api-prepub", "orders-api-release"]);
      expect(
        resourcesOfType(json, "tencentcloud_api_gateway_api")
          .map(([, a]) => a.api_name)
          .sort(),
      ).toEqual(["orders-api-dev", "orders-api-prepub", "orders-api-release"]);
    });

    it("allowDashInServiceName on Alibaba is refused (group names never allow '-')", () => {
      expect(
        buildError({ platform: "fc3", gateway: { name: "orders_api", allowDashInServiceName: true } }),
      ).toBe(
        "test/api: allowDashInServiceName is a Tencent option; allowed: leave it unset on Alibaba (group names never allow '-')",
      );
    });

    it("scf: a long name gives service and API names within 50 and 60 characters", () => {
      const name = "a".repeat(50);
      const { json } = synthGateway({ platform: "scf", gateway: { name } });
      for (const [, s] of resourcesOfType(json, "tencentcloud_api_gateway_service")) {
        expect(s.service_name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,49}$/);
      }
      for (const [, a] of resourcesOfType(json, "tencentcloud_api_gateway_api")) {
        expect(a.api_name.length).toBeLessThanOrEqual(60);
        expect(a.api_name).toMatch(/_(release|prepub|dev)$/);
      }
    });

    it("fc3: every derived name follows its rule for a group name with '_' and Chinese characters", () => {
      const { json } = synthGateway({
        platform: "fc3",
        kind: "http",
        gateway: {
          name: "订单_orders",
          stages: { prepub: { routes: [{ when: [BOB_RULE], to: "4" }] } },
          experimentalFcRoutingPlugin: true,
        },
      });
      expect(only(json, "alicloud_api_gateway_group")[1].name).toBe("订单_orders");
      expect(only(json, "alicloud_api_gateway_api")[1].name).toBe("订单_orders");
      expect(only(json, "alicloud_api_gateway_backend")[1].backend_name).toBe("订单_orders_fc");
      expect(only(json, "alicloud_api_gateway_plugin")[1].plugin_name).toBe("订单_orders_prepub_routing");
      expect(only(json, "alicloud_ram_role")[1].role_name).toMatch(/^orders-[0-9a-f]{6}-apigw-invoke$/);
      expect(only(json, "alicloud_ram_policy")[1].policy_name).toMatch(/^orders-[0-9a-f]{6}-invoke-fc$/);
      for (const [, t] of resourcesOfType(json, "alicloud_fcv3_trigger")) {
        expect(t.trigger_name).toMatch(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/);
      }
    });

    it.each(["*.example.com", "example", "https://api.example.com"])(
      "scf: customDomain %p is not a domain name",
      (subDomain) => {
        expect(
          buildError({ platform: "scf", gateway: { stages: { release: { customDomain: { subDomain } } } } }),
        ).toBe(
          `test/api: stage release: invalid customDomain.subDomain ${JSON.stringify(subDomain)} (Tencent API Gateway custom domain); allowed: a fully qualified domain name such as api.example.com (no wildcard, no scheme or path)`,
        );
      },
    );
  });

  it("path without a leading /", () => {
    expect(buildError({ platform: "scf", gateway: { path: "orders" } })).toBe(
      'test/api: invalid path "orders"; allowed: a path starting with "/"',
    );
  });

  it.each(["fc3", "fc2"] as const)("%s without region", (platform) => {
    expect(buildError({ platform, gateway: { region: undefined } })).toBe(
      'test/api: region is required on Alibaba (FunctionComputeConfig.FcRegionId); got undefined; allowed: e.g. "cn-hangzhou"',
    );
    expect(buildError({ platform, gateway: { region: "" } })).toContain('got ""');
  });

  it("customDomain on Alibaba", () => {
    expect(
      buildError({
        platform: "fc3",
        gateway: { stages: { release: { customDomain: { subDomain: "api.example.com" } } } },
      }),
    ).toBe(
      "test/api: stage release: customDomain is supported on Tencent only; allowed: bind the group's domain on Alibaba",
    );
  });

  it("Tencent gateway routes → GatewayRoutingUnsupported, pointing at SCF alias rules", () => {
    expect(
      buildError({
        platform: "scf",
        gateway: { stages: { prepub: { routes: [{ when: [BOB_RULE], to: "4" }] } } },
      }),
    ).toBe(
      "test/api: [GatewayRoutingUnsupported] stages[prepub].routes: gateway routes are not supported on Tencent API Gateway: got 1; " +
        "allowed: SCF alias rules on the invoke RoutingKey (CanaryAlias rules); Tencent's routing plugin with SCF backends is undocumented in the provider (G3)",
    );
  });

  describe("gateway route conditions", () => {
    const routeError = (routes: NonNullable<NonNullable<StagedApiGatewayProps["stages"]>["prepub"]>) =>
      buildError({ platform: "fc3", gateway: { stages: { prepub: routes } } });

    it("random 5 looks like a percentage", () => {
      expect(routeError({ routes: [{ when: [{ random: 5 }], to: "4" }] })).toBe(
        "test/api: [InvalidGatewayRoute] stages[prepub].routes[0].conditions[0].random: random 5 looks like a percentage; use 0.05: got 5; allowed: a fraction in [0, 1] (G4)",
      );
    });

    it("random 1 + 2^-52 is float noise above 1, not a percentage: no hint", () => {
      expect(routeError({ routes: [{ when: [{ random: 1 + 2 ** -52 }], to: "4" }] })).toBe(
        "test/api: [InvalidGatewayRoute] stages[prepub].routes[0].conditions[0].random: random share outside [0, 1]: got 1.0000000000000002; allowed: a fraction in [0, 1] (G4)",
      );
    });

    it("a negative share", () => {
      expect(routeError({ routes: [{ when: [{ random: -0.1 }], to: "4" }] })).toBe(
        "test/api: [InvalidGatewayRoute] stages[prepub].routes[0].conditions[0].random: random share outside [0, 1]: got -0.1; allowed: a fraction in [0, 1] (G4)",
      );
    });

    it("a bad operator", () => {
      expect(
        routeError({
          routes: [{ when: [{ ...BOB_RULE, operator: "~" as "=" }], to: "4" }],
        }),
      ).toBe(
        'test/api: [InvalidGatewayRoute] stages[prepub].routes[0].conditions[0].operator: unsupported operator: got "~"; allowed: = != > < >= <= (G4)',
      );
    });

    it("a cookie source", () => {
      expect(
        routeError({
          routes: [{ when: [{ ...BOB_RULE, source: "cookie" as "header" }], to: "4" }],
        }),
      ).toBe(
        'test/api: [InvalidGatewayRoute] stages[prepub].routes[0].conditions[0].source: unsupported condition source: got "cookie"; ' +
          "allowed: header or query (API Gateway parameters; cookies are not parameters), or { random } (G4)",
      );
    });

    it("duplicate route names", () => {
      expect(
        routeError({
          routes: [
            { name: "bob", when: [BOB_RULE], to: "4" },
            { name: "bob", when: [{ random: 0.1 }], to: "2" },
          ],
        }),
      ).toBe(
        "test/api: [InvalidGatewayRoute] stages[prepub].routes[1].name: invalid or duplicate route name: got \"bob\"; allowed: a unique name of 1-50 letters, digits or '_' (G3)",
      );
    });

    it("a value with a single quote (it would break the plugin condition)", () => {
      expect(routeError({ routes: [{ when: [{ ...BOB_RULE, value: "O'Brien" }], to: "4" }] })).toContain(
        "[InvalidGatewayRoute] stages[prepub].routes[0].conditions[0].value: invalid comparison value",
      );
    });

    it("a route without conditions", () => {
      expect(routeError({ routes: [{ when: [], to: "4" }] })).toBe(
        "test/api: [InvalidGatewayRoute] stages[prepub].routes[0].conditions: route without conditions: got []; allowed: a non-empty list of conditions (all must hold) (G3)",
      );
    });

    it("several problems are listed together", () => {
      const m = routeError({
        routes: [
          { name: "a", when: [{ random: 5 }], to: "4" },
          { name: "a", when: [BOB_RULE], to: "4" },
        ],
      });
      expect(m.split("\n")[0]).toBe("test/api: 2 problems:");
      expect(m).toContain("routes[0].conditions[0].random: random 5 looks like a percentage");
      expect(m).toContain("routes[1].name: invalid or duplicate route name");
    });
  });

  it("an alias of another function", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("fc3", { versions: ["1"] }));
    const other = new FunctionWithVersions(
      stack,
      "other",
      fnProps("fc3", { functionName: "other", versions: ["1"] }),
    );
    const foreign = new CanaryAlias(stack, "foreign", {
      function: other,
      aliasName: "release",
      version: "1",
    });
    const e = thrown(
      () =>
        new StagedApiGateway(stack, "api", {
          function: fn,
          name: "orders_api",
          region: "cn-hangzhou",
          stages: { release: { alias: foreign }, prepub: false },
        }),
    );
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toBe(
      "test/api: stage release is bound to test/foreign, an alias of another function; allowed: aliases of test/fn",
    );
  });

  it.each([0, 1801, 1.5])("timeoutSeconds %p", (timeoutSeconds) => {
    expect(buildError({ platform: "scf", gateway: { timeoutSeconds } })).toBe(
      `test/api: invalid timeoutSeconds ${timeoutSeconds}; allowed: an integer from 1 to 1800`,
    );
  });

  it("fc2 HTTP functions are refused", () => {
    expect(buildError({ platform: "fc2", kind: "http" })).toBe(
      "test/api: FC 2.0 HTTP functions cannot sit behind StagedApiGateway: alicloud_fc_trigger has no qualifier, so no trigger can target an alias; allowed: event functions",
    );
  });

  it("function must be a FunctionWithVersions", () => {
    const { stack } = newStack();
    const e = thrown(
      () =>
        new StagedApiGateway(stack, "api", {
          function: {} as FunctionWithVersions,
          name: "orders_api",
        }),
    );
    expect(e.message).toBe(
      "test/api: function must be a FunctionWithVersions; got {}; allowed: a FunctionWithVersions construct",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Simulation
// ---------------------------------------------------------------------------------------------

describe("simulate / sample / expectations", () => {
  it("scf: stage → alias → version, with the RoutingKey assumption", () => {
    const { gw } = synthGateway({ platform: "scf", gateway: { gatewayRoutingKey: true } });
    const bob = gw.simulate("prepub", BOB);
    expect(bob).toMatchObject({ stage: "prepub", cloudStage: "prepub", qualifier: "prepub", version: "4" });
    expect(bob.gatewayRoute).toBeUndefined();
    expect(bob.chain).toEqual([
      "stage prepub (prepub) → prepub",
      'alias prepub: match 0 (invoke.headers.User exact "Bob") hit → v4',
    ]);
    expect(bob.assumptions).toEqual([ASSUME_KEY_TRUE]);
    expect(gw.simulate("prepub", ALICE).chain).toEqual([
      "stage prepub (prepub) → prepub",
      "alias prepub: no match rule hit (RoutingKey missing or different) → primary v3",
    ]);
    expect(gw.simulate("dev")).toMatchObject({
      cloudStage: "test",
      qualifier: "$DEFAULT",
      version: "$LATEST",
    });
    expect(gw.simulate("dev").chain).toEqual([
      "stage dev (test) → $DEFAULT",
      "alias $DEFAULT: alias $DEFAULT has no additional version → $LATEST",
    ]);
    const release = gw.simulate("release");
    expect(release.chain[0]).toBe("stage release (release) → release");
    expect(release.chain[1]).toMatch(/^alias release: draw /);
  });

  it("simulate is deterministic per index and the same for the same seed", () => {
    const a = synthGateway({ platform: "scf" }).gw;
    const b = synthGateway({ platform: "scf" }).gw;
    const versions = (g: StagedApiGateway) =>
      Array.from({ length: 50 }, (_, i) => g.simulate("release", {}, i).version);
    expect(versions(a)).toEqual(versions(b));
    expect(new Set(versions(a))).toEqual(new Set(["1", "2"]));
  });

  it("fc3: a gateway route hit goes straight to the version; a miss falls through to the stage's alias", () => {
    const { gw } = synthGateway({
      platform: "fc3",
      gateway: {
        experimentalFcRoutingPlugin: true,
        stages: { prepub: { routes: [{ when: [BOB_RULE], to: "4" }] } },
      },
    });
    const hit = gw.simulate("prepub", BOB);
    expect(hit).toMatchObject({ cloudStage: "PRE", gatewayRoute: "canary0", qualifier: "4", version: "4" });
    expect(hit.chain).toEqual([
      "stage prepub (PRE) → prepub",
      'gateway route canary0 (header User = "Bob") → 4',
      "qualifier 4 names a version directly",
    ]);
    expect(hit.assumptions).toEqual([ASSUME_FC_REQUEST, ASSUME_PLUGIN]);
    // Header names are case-insensitive, values are not.
    expect(gw.simulate("prepub", { headers: { user: "Bob" } }).version).toBe("4");
    expect(gw.simulate("prepub", { headers: { User: "bob" } }).version).toBe("3");
    const miss = gw.simulate("prepub", ALICE);
    expect(miss).toMatchObject({ gatewayRoute: undefined, qualifier: "prepub", version: "3" });
    expect(miss.chain).toEqual([
      "stage prepub (PRE) → prepub",
      "alias prepub: alias prepub has no additional version → v3",
    ]);
    // Stages without routes do not carry the plugin assumption.
    expect(gw.simulate("release").assumptions).toEqual([ASSUME_FC_REQUEST]);
  });

  it("fc3: routes are tried in order; query conditions compare strings", () => {
    const { gw } = synthGateway({
      platform: "fc3",
      gateway: {
        experimentalFcRoutingPlugin: true,
        stages: {
          release: {
            routes: [
              { name: "bob", when: [BOB_RULE], to: "4" },
              {
                name: "high",
                when: [{ source: "query", name: "uid", operator: ">=", value: "900" }],
                to: "3",
              },
            ],
          },
        },
      },
    });
    expect(gw.simulate("release", { ...BOB, query: { uid: "950" } }).gatewayRoute).toBe("bob");
    expect(gw.simulate("release", { query: { uid: "950" } })).toMatchObject({
      gatewayRoute: "high",
      version: "3",
    });
    // String order: "1000" < "900".
    expect(gw.simulate("release", { query: { uid: "1000" } }).gatewayRoute).toBeUndefined();
  });

  it("fc2: simulate follows stage → alias", () => {
    const { gw } = synthGateway({ platform: "fc2" });
    expect(gw.simulate("prepub")).toMatchObject({ cloudStage: "PRE", qualifier: "prepub", version: "3" });
    expect(gw.simulate("dev")).toMatchObject({ cloudStage: "TEST", qualifier: "LATEST", version: "LATEST" });
  });

  it("sample: the release stage's 10% canary is inside the 99% interval, on every cloud", () => {
    for (const platform of ["scf", "fc3", "fc2"] as const) {
      const result = synthGateway({ platform }).gw.sample("release", {}, 20000);
      expect(result.stage).toBe("release");
      expect(result.total).toBe(20000);
      expect(result.versions.map((v) => v.version)).toEqual(["1", "2"]);
      const v2 = result.versions.find((v) => v.version === "2")!;
      expect(v2.ci99.low).toBeLessThan(0.1);
      expect(v2.ci99.high).toBeGreaterThan(0.1);
      expect(result.versions.reduce((n, v) => n + v.count, 0)).toBe(20000);
    }
  });

  it("sample: a Random() < 0.05 gateway route takes about 5% of the stage", () => {
    const { gw } = synthGateway({
      platform: "fc3",
      gateway: {
        experimentalFcRoutingPlugin: true,
        stages: { prepub: { routes: [{ when: [{ random: 0.05 }], to: "4" }] } },
      },
    });
    const result = gw.sample("prepub", {}, 20000);
    const v4 = result.versions.find((v) => v.version === "4")!;
    expect(v4.ci99.low).toBeLessThan(0.05);
    expect(v4.ci99.high).toBeGreaterThan(0.05);
    expect(result.versions.map((v) => v.version)).toEqual(["3", "4"]);
    expect(result.assumptions).toEqual([ASSUME_FC_REQUEST, ASSUME_PLUGIN]);
  });

  it("sample with a request function (Bob is one request in ten)", () => {
    const { gw } = synthGateway({ platform: "scf", gateway: { gatewayRoutingKey: true } });
    const result = gw.sample("prepub", (i) => (i % 10 === 0 ? BOB : ALICE), 1000);
    expect(result.versions.map((v) => [v.version, v.count])).toEqual([
      ["3", 900],
      ["4", 100],
    ]);
  });

  it("simulating a stage the gateway does not have names the stages it has", () => {
    const { gw } = synthGateway({ platform: "scf", gateway: { stages: { prepub: false } }, prepub: false });
    const e = thrown(() => gw.simulate("prepub"));
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toBe(
      'test/api: [StageNotFound] stage: the gateway has no such stage: got "prepub"; allowed: "release", "dev" (G2)',
    );
  });

  it("expectations that hold pass at construction and through expect()", () => {
    const { gw } = synthGateway({
      platform: "scf",
      gateway: {
        gatewayRoutingKey: true,
        expectations: [
          { stage: "release", share: { version: "2", percent: 10, tolerance: 1.5 } },
          { stage: "prepub", request: BOB, reaches: "4" },
          { stage: "prepub", request: ALICE, reaches: "3" },
          { stage: "dev", reaches: "$LATEST" },
        ],
      },
    });
    expect(() =>
      gw.expect({ stage: "release", share: { version: "1", percent: 90, tolerance: 1.5 } }),
    ).not.toThrow();
  });

  it("a failing expectation at construction names the stage, request, expected and actual route", () => {
    const m = buildError({
      platform: "scf",
      gateway: { gatewayRoutingKey: true, expectations: [{ stage: "prepub", request: BOB, reaches: "3" }] },
    });
    expect(m).toBe(
      "test/api: routing expectation failed:\n" +
        '  prepub with {"headers":{"User":"Bob"}} reaches v3: expected every request to reach v3, actual over 10000 requests: v4 100% ' +
        '(route: stage prepub (prepub) → prepub → alias prepub: match 0 (invoke.headers.User exact "Bob") hit → v4; ' +
        `assumptions: ${ASSUME_KEY_TRUE})`,
    );
  });

  it("expect() lists every failing expectation, each with its actual split", () => {
    const { gw } = synthGateway({ platform: "fc3" });
    const e = thrown(() =>
      gw.expect(
        { stage: "release", share: { version: "2", percent: 50, tolerance: 2 } },
        { stage: "dev", reaches: "1" },
        { stage: "prepub", reaches: "3" },
      ),
    );
    expect(e).toBeInstanceOf(ReleaseValidationError);
    const lines = e.message.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("test/api: routing expectation failed:");
    expect(lines[1]).toMatch(
      /^ {2}release sends 50% ± 2 points to v2: expected 50% ± 2 points to v2, actual \d+\.\d% over 10000 requests: v1 \d+(\.\d)?% \| v2 \d+(\.\d)?% \(route: stage release \(RELEASE\) → release → alias release: draw /,
    );
    expect(lines[2]).toBe(
      "  dev reaches v1: expected every request to reach v1, actual over 10000 requests: LATEST 100% " +
        `(route: stage dev (TEST) → LATEST → qualifier LATEST names a version directly; assumptions: ${ASSUME_FC_REQUEST})`,
    );
  });

  it("an expectation on a missing stage fails with the stage list", () => {
    const { gw } = synthGateway({ platform: "scf", gateway: { stages: { dev: false } } });
    expect(thrown(() => gw.expect({ stage: "dev", reaches: "1" })).message).toBe(
      'test/api: [StageNotFound] stage: the gateway has no such stage: got "dev"; allowed: "release", "prepub" (G2)',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Seed 004: Tencent staged grayscale release, end to end
// ---------------------------------------------------------------------------------------------

describe("seed 004 on scf: function B, versions 1-4, release and prepub behind the gateway", () => {
  interface Step {
    readonly name: string;
    readonly versions: readonly string[];
    readonly release: AliasTarget;
    readonly prepub: AliasTarget;
    /** Expected release-stage shares (version → fraction). */
    readonly releaseShares: Readonly<Record<string, number>>;
    /** What Bob reaches on prepub with gatewayRoutingKey true / false. */
    readonly bob: { readonly withKey: string; readonly withoutKey: string };
  }
  const bobRule: CanarySpec = { version: "4", rules: [BOB_RULE] };
  const STORY: readonly Step[] = [
    {
      name: "publish-1",
      versions: ["1"],
      release: { version: "1" },
      prepub: { version: "1" },
      releaseShares: { "1": 1 },
      bob: { withKey: "1", withoutKey: "1" },
    },
    {
      name: "prepub-3",
      versions: ["1", "2", "3"],
      release: { version: "1" },
      prepub: { version: "3" },
      releaseShares: { "1": 1 },
      bob: { withKey: "3", withoutKey: "3" },
    },
    {
      name: "prepub-bob-4",
      versions: ["1", "2", "3", "4"],
      release: { version: "1" },
      prepub: { version: "3", canary: bobRule },
      releaseShares: { "1": 1 },
      bob: { withKey: "4", withoutKey: "3" },
    },
    {
      name: "release-10",
      versions: ["1", "2", "3", "4"],
      release: { version: "1", canary: { version: "2", weight: 0.1 } },
      prepub: { version: "3", canary: bobRule },
      releaseShares: { "1": 0.9, "2": 0.1 },
      bob: { withKey: "4", withoutKey: "3" },
    },
    {
      name: "release-50",
      versions: ["1", "2", "3", "4"],
      release: { version: "1", canary: { version: "2", weight: 0.5 } },
      prepub: { version: "3", canary: bobRule },
      releaseShares: { "1": 0.5, "2": 0.5 },
      bob: { withKey: "4", withoutKey: "3" },
    },
    {
      name: "release-100",
      versions: ["1", "2", "3", "4"],
      release: { version: "2" },
      prepub: { version: "3", canary: bobRule },
      releaseShares: { "2": 1 },
      bob: { withKey: "4", withoutKey: "3" },
    },
    {
      name: "rollback",
      versions: ["1", "2", "3", "4"],
      release: { version: "1" },
      prepub: { version: "3", canary: bobRule },
      releaseShares: { "1": 1 },
      bob: { withKey: "4", withoutKey: "3" },
    },
  ];

  const synthStep = (step: Step, gatewayRoutingKey?: boolean) =>
    synthGateway({
      platform: "scf",
      versions: step.versions,
      release: step.release,
      prepub: step.prepub,
      gateway: gatewayRoutingKey === undefined ? {} : { gatewayRoutingKey },
    });

  it.each(STORY.map((s) => [s.name, s] as const))("%s: stage shares and Bob on prepub", (_name, step) => {
    const keyed = synthStep(step, true);
    const plain = synthStep(step);

    // Release stage shares, sampled through the gateway, each inside its 99% interval.
    for (const { gw } of [keyed, plain]) {
      const result = gw.sample("release", {}, 20000);
      expect(result.versions.map((v) => v.version).sort()).toEqual(Object.keys(step.releaseShares).sort());
      for (const v of result.versions) {
        const want = step.releaseShares[v.version];
        if (want === 1) expect(v.share).toBe(1);
        else {
          expect(v.ci99.low).toBeLessThan(want);
          expect(v.ci99.high).toBeGreaterThan(want);
        }
      }
      expect(gw.sample("dev").versions.map((v) => [v.version, v.share])).toEqual([["$LATEST", 1]]);
    }

    // Bob on prepub: 4 only if the gateway fills the RoutingKey from his headers.
    const withKey = keyed.gw.sample("prepub", BOB, 2000);
    expect(withKey.versions.map((v) => [v.version, v.share])).toEqual([[step.bob.withKey, 1]]);
    expect(withKey.assumptions).toEqual([ASSUME_KEY_TRUE]);
    const withoutKey = plain.gw.sample("prepub", BOB, 2000);
    expect(withoutKey.versions.map((v) => [v.version, v.share])).toEqual([[step.bob.withoutKey, 1]]);
    expect(withoutKey.assumptions).toEqual([ASSUME_KEY_FALSE]);
    expect(plain.gw.simulate("prepub", BOB).assumptions).toEqual([ASSUME_KEY_FALSE]);
    // Alice never reaches 4.
    expect(keyed.gw.simulate("prepub", ALICE).version).toBe(step.prepub.version);

    // The same as synth-time expectations, with the assumption in the failure report.
    keyed.gw.expect({ stage: "prepub", request: BOB, reaches: step.bob.withKey });
    if (step.bob.withKey !== step.bob.withoutKey) {
      const m = thrown(() =>
        plain.gw.expect({ stage: "prepub", request: BOB, reaches: step.bob.withKey }),
      ).message;
      expect(m).toContain(
        `prepub with {"headers":{"User":"Bob"}} reaches v4: expected every request to reach v4`,
      );
      expect(m).toContain(`actual over 10000 requests: v3 100%`);
      expect(m).toContain(`assumptions: ${ASSUME_KEY_FALSE}`);
    }

    // V27: the rule alias is reached only through the gateway and the RoutingKey is not assumed.
    const hasRule = step.prepub.canary?.rules !== undefined;
    expect(warnings(plain.gw).map((w) => w.message)).toEqual(hasRule ? [V27_WARNING] : []);
    expect(warnings(keyed.gw)).toEqual([]);
    if (hasRule) expect(warnings(plain.gw)[0].path).toBe("test/api");

    // The gateway resources never change across the story: only aliases move.
    const apis = resourcesOfType(keyed.json, "tencentcloud_api_gateway_api").map(
      ([, a]) => a.service_config_scf_function_qualifier,
    );
    expect(apis.sort()).toEqual(["$DEFAULT", "prepub", "release"]);
  });

  it("the service releases are identical at every step (no republish while aliases move)", () => {
    const releases = STORY.map((s) =>
      JSON.stringify(resourcesOfType(synthStep(s, true).json, "tencentcloud_api_gateway_service_release")),
    );
    expect(new Set(releases).size).toBe(1);
  });

  it("the routing outputs follow the story", () => {
    const summaries = STORY.map((s) => synthStep(s, true).gw.stageSummary("release"));
    expect(summaries).toEqual([
      "release → release: v1 100%",
      "release → release: v1 100%",
      "release → release: v1 100%",
      "release → release: v1 90% | v2 10%",
      "release → release: v1 50% | v2 50%",
      "release → release: v2 100%",
      "release → release: v1 100%",
    ]);
  });
});

describe("previousSynthesis: a replacement that takes a stage offline is a synth warning", () => {
  /** Synthesizes a real cdktf.out (stack "test") with the gateway of `b`. */
  function synthOut(outdir: string, b: Build) {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "test");
    const parts = build(stack, b);
    app.synth();
    return parts;
  }
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "previous-"));
  const OUTAGE =
    "DeleteBackendModel takes the stage's APIs offline until the new model exists and the API is deployed again";

  it("fc3 event → http: every stage's backend model is replaced, one warning each", () => {
    const outdir = tmp();
    synthOut(outdir, { platform: "fc3" });
    const { gw } = synthOut(outdir, {
      platform: "fc3",
      kind: "http",
      gateway: { previousSynthesis: outdir },
    });
    const messages = warnings(gw).map((w) => w.message);
    expect(messages).toHaveLength(3);
    for (const stage of ["RELEASE", "PRE", "TEST"]) {
      expect(messages).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^\\[BackendModelReplaced\\] the ${stage} backend model of orders_api is replaced \\(backend_type FC_EVENT_V3 → FC_HTTP_V3\\): `,
          ),
        ),
      );
    }
    expect(messages[0]).toContain(OUTAGE);
  });

  it("the same gateway again, or only a stage's alias moving: no warning", () => {
    const outdir = tmp();
    synthOut(outdir, { platform: "fc3" });
    const again = synthOut(outdir, { platform: "fc3", gateway: { previousSynthesis: outdir } });
    expect(warnings(again.gw)).toEqual([]);
    const moved = synthOut(outdir, {
      platform: "fc3",
      gateway: { previousSynthesis: outdir, stages: { prepub: { alias: "release" } } },
    });
    expect(warnings(moved.gw)).toEqual([]);
  });

  it("a cdk.tf.json file or its parsed JSON works like the folder", () => {
    const outdir = tmp();
    synthOut(outdir, { platform: "fc2" });
    const file = path.join(outdir, "stacks", "test", "cdk.tf.json");
    const parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const previousSynthesis of [file, parsed]) {
      const { stack } = newStack();
      const { gw } = build(stack, {
        platform: "fc2",
        gateway: { previousSynthesis, stages: { prepub: false } },
      });
      synthExisting(stack);
      // prepub: false deletes the PRE model without a successor: stage-unbound's case, not a replacement.
      expect(warnings(gw)).toEqual([]);
    }
  });

  it("scf: a service release replaced (its environment goes offline in between) warns too", () => {
    const outdir = tmp();
    synthOut(outdir, { platform: "scf" });
    const { gw } = synthOut(outdir, {
      platform: "scf",
      gateway: { previousSynthesis: outdir, timeoutSeconds: 30 },
    });
    const messages = warnings(gw)
      .map((w) => w.message)
      .filter((m) => m.startsWith("[ServiceReleaseReplaced]"));
    expect(messages).toHaveLength(3);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^\[ServiceReleaseReplaced\] the release environment of orders_api is released again by replacing /,
      ),
    );
  });

  it("nothing at the path yet (the first synthesis): skipped, with an info annotation", () => {
    const missing = path.join(tmp(), "cdktf.out");
    const { stack } = newStack();
    const { gw } = build(stack, { platform: "fc3", gateway: { previousSynthesis: missing } });
    synthExisting(stack);
    expect(warnings(gw)).toEqual([]);
    expect(annotations(gw, "info").map((a) => a.message)).toEqual([
      `previousSynthesis: nothing at ${missing} yet; replacements are not checked`,
    ]);
  });

  it("previousSynthesis that is not Terraform JSON is refused", () => {
    expect(buildError({ platform: "fc3", gateway: { previousSynthesis: { foo: 1 } } })).toBe(
      'test/api: invalid previousSynthesis {"foo":1}: not Terraform JSON (expected a "resource" or "terraform" block, or a plan with "format_version"); allowed: a cdktf.out folder, a cdk.tf.json path or its parsed JSON',
    );
    expect(buildError({ platform: "fc3", gateway: { previousSynthesis: 7 as never } })).toBe(
      "test/api: invalid previousSynthesis 7; allowed: a cdktf.out folder, a cdk.tf.json path or its parsed JSON",
    );
  });
});

describe("provider read-back: what the providers' Read sets must be what the library sends", () => {
  it("ram_policy: rotate_strategy keeps the policy under RAM's 5-version limit (each change is a new version)", () => {
    for (const platform of ["fc3", "fc2"] as const) {
      const [, policy] = only(synthGateway({ platform }).json, "alicloud_ram_policy");
      expect(policy.rotate_strategy).toBe("DeleteOldestNonDefaultVersionWhenLimitExceeded");
    }
  });

  it("fcv3_trigger: trigger_config in the full form the API stores, disableURLInternet included", () => {
    const { json } = synthGateway({ platform: "fc3", kind: "http" });
    for (const [, trigger] of resourcesOfType(json, "alicloud_fcv3_trigger")) {
      expect(JSON.parse(trigger.trigger_config)).toEqual({
        authType: "anonymous",
        disableURLInternet: false,
        methods: ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"],
      });
    }
  });

  it("Tencent release_desc and Alibaba model descriptions are printable ASCII (a normalised release_desc replaces the release)", () => {
    const ascii = /^[\x20-\x7e]+$/;
    for (const [, r] of resourcesOfType(
      synthGateway({ platform: "scf" }).json,
      "tencentcloud_api_gateway_service_release",
    )) {
      expect(r.release_desc).toMatch(ascii);
      expect(r.release_desc).toBe(r.release_desc.trim());
    }
    for (const [, m] of resourcesOfType(
      synthGateway({ platform: "fc3" }).json,
      "alicloud_api_gateway_backend_model",
    )) {
      expect(m.description).toMatch(ascii);
    }
  });

  it("Tencent custom domain: a new sub_domain is a new resource (Update would call ModifySubDomain on the old id)", () => {
    const domainAt = (subDomain: string) =>
      resourcesOfType(
        synthGateway({ platform: "scf", gateway: { stages: { release: { customDomain: { subDomain } } } } })
          .json,
        "tencentcloud_api_gateway_custom_domain",
      ).map(([id]) => id);
    expect(domainAt("api.example.com")).toEqual(domainAt("api.example.com"));
    expect(domainAt("api.example.com")).not.toEqual(domainAt("api2.example.com"));
  });

  it("Alibaba HTTP functions: the API's inline fc_service_config is a complete HttpTrigger config (the release trigger)", () => {
    const { json } = synthGateway({ platform: "fc3", kind: "http" });
    const [triggerId] = where(json, "alicloud_fcv3_trigger", "qualifier", "release");
    const [, api] = only(json, "alicloud_api_gateway_api");
    expect(api.fc_service_config).toMatchObject({
      function_type: "HttpTrigger",
      function_base_url: ref("alicloud_fcv3_trigger", triggerId, "http_trigger[0].url_internet"),
      path: "/",
      method: "GET",
      only_business_path: false,
      qualifier: "release",
    });
  });

  it("never set: Tencent API-level limits, release_version, service instance_id/uniq_vpc_id (guards; they held before)", () => {
    const { json } = synthGateway({ platform: "scf" });
    for (const [, api] of resourcesOfType(json, "tencentcloud_api_gateway_api")) {
      // resource_tc_api_gateway_api.go:1909-1946: Update sends preLimit for the release/test limits.
      expect(api).not.toHaveProperty("release_limit");
      expect(api).not.toHaveProperty("test_limit");
      expect(api).not.toHaveProperty("pre_limit");
    }
    for (const [, r] of resourcesOfType(json, "tencentcloud_api_gateway_service_release")) {
      expect(r).not.toHaveProperty("release_version");
    }
    for (const [, sv] of resourcesOfType(json, "tencentcloud_api_gateway_service")) {
      expect(sv).not.toHaveProperty("instance_id");
      expect(sv).not.toHaveProperty("uniq_vpc_id");
    }
  });
});

describe("provider pitfalls guarded at synth", () => {
  it("V26: create_before_destroy added to a Tencent service release through an escape hatch fails app.synth()", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "v26-"));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "test");
    const { gw } = build(stack, { platform: "scf" });
    const release = gw.node
      .findAll()
      .find((c) => c instanceof ApiGatewayServiceRelease) as ApiGatewayServiceRelease;
    release.addOverride("lifecycle.create_before_destroy", true);
    expect(() => app.synth()).toThrow(
      "[ReleaseCreateBeforeDestroy] create_before_destroy on a service release leaves its environment unpublished",
    );
  });

  it("FC 2.0: the invoke policy also covers qualified calls (service.qualifier)", () => {
    const { json } = synthGateway({ platform: "fc2" });
    const [, policy] = only(json, "alicloud_ram_policy");
    const resources: string[] = JSON.parse(policy.policy_document).Statement[0].Resource;
    expect(resources).toEqual([
      expect.stringMatching(
        /^acs:fc:cn-hangzhou:\*:services\/\$\{alicloud_fc_service\.[^}]+\.name\}\/functions\/\$\{alicloud_fc_function\.[^}]+\.name\}$/,
      ),
      expect.stringMatching(
        /^acs:fc:cn-hangzhou:\*:services\/\$\{alicloud_fc_service\.[^}]+\.name\}\.\*\/functions\/\$\{alicloud_fc_function\.[^}]+\.name\}$/,
      ),
    ]);
  });

  it("FC 3.0 HTTP functions: one HTTP trigger per qualifier, shared by a stage and a route to the same alias", () => {
    const { json } = synthGateway({
      platform: "fc3",
      kind: "http",
      gateway: {
        experimentalFcRoutingPlugin: true,
        stages: {
          prepub: {
            routes: [
              { when: [{ source: "header", name: "User", operator: "=", value: "Bob" }], to: "release" },
            ],
          },
        },
      },
    });
    const qualifiers = resourcesOfType(json, "alicloud_fcv3_trigger")
      .map(([, t]) => t.qualifier)
      .sort();
    expect(qualifiers).toEqual(["LATEST", "prepub", "release"]);
  });
});
