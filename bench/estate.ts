/**
 * The synthesis benchmark's estate: N functions, each with 4 published versions, aliases release
 * (10% canary), prepub (header rule) and dev on the default, and a 3-stage gateway; built once
 * with the library and once with the generated provider classes directly (the baseline).
 *
 * Both builders produce the same construct tree (same ids, so the same logical ids) and the same
 * attribute values; `bench/synth.ts` asserts that their Terraform JSON is identical before timing.
 *
 * Per cloud:
 * - scf: release = alias `release` (v3 90% | v4 10%); prepub = alias `prepub` (v3, RoutingKey
 *   `User` = `Bob` → v4, SCF `invoke.headers.User` exact match); dev = `$DEFAULT` modelled with
 *   `CanaryAlias.scfDefaultTraffic(…, 1)` (all traffic on `$LATEST`, SCF's default, no resource);
 *   one API Gateway service per stage (dev → `$DEFAULT`).
 * - fc3: release = alias `release` (v3 90% | v4 10%); prepub = alias `prepub` (v3) plus a gateway
 *   route on the prepub stage (header `User` = `Bob` → version 4), since FC 3.0 aliases have no
 *   rules; dev = the stage bound to `LATEST` (FC has no default alias to model); one API Gateway
 *   group/API with a backend model per stage.
 */
import { createHash } from "node:crypto";
import * as path from "node:path";
import { Construct } from "constructs";
import { App, AssetType, Fn, TerraformAsset, TerraformOutput, TerraformStack } from "cdktf";
import {
  CanaryAlias,
  FunctionCode,
  FunctionWithVersions,
  RoutingExpectation,
  StagedApiGateway,
} from "../src";
import { AlicloudProvider } from "../src/.gen/providers/alicloud/provider";
import { ApiGatewayApi as AliApi } from "../src/.gen/providers/alicloud/api-gateway-api";
import { ApiGatewayBackend } from "../src/.gen/providers/alicloud/api-gateway-backend";
import { ApiGatewayBackendModel } from "../src/.gen/providers/alicloud/api-gateway-backend-model";
import { ApiGatewayGroup } from "../src/.gen/providers/alicloud/api-gateway-group";
import { ApiGatewayPlugin } from "../src/.gen/providers/alicloud/api-gateway-plugin";
import { ApiGatewayPluginAttachment } from "../src/.gen/providers/alicloud/api-gateway-plugin-attachment";
import { Fcv3Alias } from "../src/.gen/providers/alicloud/fcv3-alias";
import { Fcv3Function } from "../src/.gen/providers/alicloud/fcv3-function";
import { Fcv3FunctionVersion } from "../src/.gen/providers/alicloud/fcv3-function-version";
import { RamPolicy } from "../src/.gen/providers/alicloud/ram-policy";
import { RamRole } from "../src/.gen/providers/alicloud/ram-role";
import { RamRolePolicyAttachment } from "../src/.gen/providers/alicloud/ram-role-policy-attachment";
import { TencentcloudProvider } from "../src/.gen/providers/tencentcloud/provider";
import { ApiGatewayApi as TcApi } from "../src/.gen/providers/tencentcloud/api-gateway-api";
import { ApiGatewayService } from "../src/.gen/providers/tencentcloud/api-gateway-service";
import { ApiGatewayServiceRelease } from "../src/.gen/providers/tencentcloud/api-gateway-service-release";
import { ScfFunction } from "../src/.gen/providers/tencentcloud/scf-function";
import { ScfFunctionAlias } from "../src/.gen/providers/tencentcloud/scf-function-alias";
import { ScfFunctionVersion } from "../src/.gen/providers/tencentcloud/scf-function-version";

export type BenchCloud = "scf" | "fc3";
export const BENCH_CLOUDS: readonly BenchCloud[] = ["scf", "fc3"];

export const VERSIONS = ["1", "2", "3", "4"] as const;
const REGION = "cn-hangzhou";
const BOB = { headers: { User: "Bob" } };
const ALICE = { headers: { User: "Alice" } };

const functionName = (i: number) => `fn-${i}`;
/** Local code must exist at synth (it becomes a TerraformAsset): one small zip for every function. */
const ZIP = path.join(__dirname, "..", "test", "fixtures", "code", "orders.zip");
/** What the library emits for the zip: the asset's path, relative to the stack folder. */
const codeAsset = (fnScope: Construct) =>
  new TerraformAsset(fnScope, "Code", { path: ZIP, type: AssetType.FILE }).path;
const gatewayName = (i: number) => `svc_${i}`;

/** Three expectations per stage (so per alias: release, prepub and dev/default). */
export function expectationsFor(cloud: BenchCloud): RoutingExpectation[] {
  const latest = cloud === "scf" ? "$LATEST" : "LATEST";
  return [
    { stage: "release", share: { version: "4", percent: 10, tolerance: 2 } },
    { stage: "release", request: BOB, share: { version: "4", percent: 10, tolerance: 2 } },
    { stage: "release", request: ALICE, share: { version: "3", percent: 90, tolerance: 2 } },
    { stage: "prepub", request: BOB, reaches: "4" },
    { stage: "prepub", request: ALICE, reaches: "3" },
    { stage: "prepub", reaches: "3" },
    { stage: "dev", reaches: latest },
    { stage: "dev", request: BOB, reaches: latest },
    { stage: "dev", share: { version: latest, percent: 100, tolerance: 0 } },
  ];
}

export interface EstateOptions {
  /** Routing expectations on every stage (three each). @default false */
  readonly expectations?: boolean;
  /** Requests sampled per expectation. @default 10000 */
  readonly samples?: number;
}

/** The estate built with the library's constructs. */
export function buildLibraryEstate(
  stack: TerraformStack,
  cloud: BenchCloud,
  n: number,
  opts: EstateOptions = {},
): void {
  const expectations = opts.expectations ? expectationsFor(cloud) : undefined;
  for (let i = 0; i < n; i++) {
    const scope = new Construct(stack, `Svc${i}`);
    const fn = new FunctionWithVersions(scope, "Fn", {
      platform: cloud,
      functionName: functionName(i),
      runtime: cloud === "scf" ? "Nodejs18.15" : "nodejs20",
      handler: "index.handler",
      code: FunctionCode.fromLocalZip(ZIP),
      versions: VERSIONS,
    });
    new CanaryAlias(scope, "Release", {
      function: fn,
      aliasName: "release",
      version: "3",
      canary: { version: "4", weight: 0.1 },
    });
    if (cloud === "scf") {
      new CanaryAlias(scope, "Prepub", {
        function: fn,
        aliasName: "prepub",
        version: "3",
        canary: { version: "4", rules: [{ source: "header", name: "User", operator: "=", value: "Bob" }] },
      });
      CanaryAlias.scfDefaultTraffic(scope, "Dev", fn, 1);
      new StagedApiGateway(scope, "Gateway", {
        function: fn,
        name: gatewayName(i),
        gatewayRoutingKey: true,
        expectations,
        expectationSamples: opts.samples,
      });
    } else {
      new CanaryAlias(scope, "Prepub", { function: fn, aliasName: "prepub", version: "3" });
      new StagedApiGateway(scope, "Gateway", {
        function: fn,
        name: gatewayName(i),
        region: REGION,
        experimentalFcRoutingPlugin: true,
        stages: {
          prepub: {
            routes: [{ when: [{ source: "header", name: "User", operator: "=", value: "Bob" }], to: "4" }],
          },
        },
        expectations,
        expectationSamples: opts.samples,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The baseline: what a hand-written program emits for the same estate, with the generated provider
// classes and literal strings (no model, no validation, no simulation). Construct ids mirror the
// library's, so logical ids match.

const STAGES = [
  { stage: "release", id: "Release", tencent: "release", alibaba: "RELEASE" },
  { stage: "prepub", id: "Prepub", tencent: "prepub", alibaba: "PRE" },
  { stage: "dev", id: "Dev", tencent: "test", alibaba: "TEST" },
] as const;

const RELEASE_SUMMARY = "release: v3 90% | v4 10%";

function baselineScf(stack: TerraformStack, i: number): void {
  const name = functionName(i);
  const scope = new Construct(stack, `Svc${i}`);
  const fnScope = new Construct(scope, "Fn");
  const zipFile = codeAsset(fnScope);
  const fn = new ScfFunction(fnScope, "Function", {
    name,
    namespace: "default",
    runtime: "Nodejs18.15",
    handler: "index.handler",
    funcType: "Event",
    enablePublicNet: true,
    zipFile,
  });
  const versions = VERSIONS.map(
    (label) =>
      new ScfFunctionVersion(fnScope, `Version-${label}`, {
        functionName: fn.name,
        namespace: "default",
        description: `release ${label}`,
        dependsOn: [fn],
        lifecycle: { createBeforeDestroy: true },
      }),
  );
  const v3 = versions[2].functionVersion;
  const v4 = versions[3].functionVersion;

  const releaseScope = new Construct(scope, "Release");
  const ids = `v3=${v3} v4=${v4}`;
  const release = new ScfFunctionAlias(releaseScope, "Resource", {
    name: "release",
    functionName: fn.name,
    namespace: "default",
    functionVersion: v3,
    description: `${RELEASE_SUMMARY} | ids ${ids}`,
    routingConfig: { additionalVersionWeights: [{ version: v4, weight: 0.1 }] },
  });
  new TerraformOutput(releaseScope, "routing", {
    value: RELEASE_SUMMARY,
    description: `Routing of alias release of function ${name}`,
  });

  const prepubSummary = 'prepub: v3 | invoke.headers.User exact "Bob" → v4';
  const prepubScope = new Construct(scope, "Prepub");
  const prepub = new ScfFunctionAlias(prepubScope, "Resource", {
    name: "prepub",
    functionName: fn.name,
    namespace: "default",
    functionVersion: v3,
    description: `${prepubSummary} | ids ${ids}`,
    routingConfig: {
      additionalVersionMatches: [
        { version: v4, key: "invoke.headers.User", method: "exact", expression: "Bob" },
      ],
    },
  });
  new TerraformOutput(prepubScope, "routing", {
    value: prepubSummary,
    description: `Routing of alias prepub of function ${name}`,
  });

  const devSummary = "$DEFAULT: $LATEST 100% | v4 0%";
  new TerraformOutput(new Construct(scope, "Dev"), "routing", {
    value: devSummary,
    description: `Routing of alias $DEFAULT of function ${name}`,
  });

  const gw = new Construct(scope, "Gateway");
  const svc = gatewayName(i);
  const qualifiers = { release: "release", prepub: "prepub", dev: "$DEFAULT" };
  const summaries = { release: RELEASE_SUMMARY, prepub: prepubSummary, dev: devSummary };
  const urls: Record<string, string> = {};
  for (const s of STAGES) {
    const service = new ApiGatewayService(gw, `${s.id}Service`, {
      serviceName: `${svc}_${s.stage}`,
      serviceDesc: `${svc} stages (${s.stage} stage)`,
      protocol: "http&https",
      netType: ["OUTER"],
    });
    const qualifier = qualifiers[s.stage];
    const api = new TcApi(gw, `${s.id}Api`, {
      serviceId: service.id,
      apiName: `${svc}_${s.stage}`,
      apiDesc: `${svc} stages: calls ${name}:${qualifier}`,
      authType: "NONE",
      protocol: "HTTP",
      requestConfigPath: "/",
      requestConfigMethod: "ANY",
      serviceConfigType: "SCF",
      serviceConfigTimeout: 15,
      serviceConfigScfFunctionName: fn.name,
      serviceConfigScfFunctionNamespace: "default",
      serviceConfigScfFunctionQualifier: qualifier,
      serviceConfigScfFunctionType: "EVENT",
      serviceConfigScfIsIntegratedResponse: true,
      // Each stage's API waits for the alias it calls.
      dependsOn: { release: [release], prepub: [prepub], dev: [] }[s.stage],
    });
    const definition = {
      path: "/",
      method: "ANY",
      functionName: name,
      namespace: "default",
      qualifier,
      kind: "event",
      timeout: 15,
    };
    const digest = createHash("sha256").update(JSON.stringify(definition)).digest("hex").slice(0, 12);
    new ApiGatewayServiceRelease(gw, `${s.id}Release`, {
      serviceId: service.id,
      environmentName: s.tencent,
      releaseDesc: `${s.stage} -> ${qualifier} (api ${digest})`,
      dependsOn: [api],
    });
    urls[s.stage] = `https://${service.outerSubDomain}/${s.tencent}/`;
  }
  for (const s of STAGES) {
    new TerraformOutput(gw, `${s.stage}-url`, {
      value: urls[s.stage],
      description: `Invoke URL of the ${s.stage} stage`,
    });
    new TerraformOutput(gw, `${s.stage}-routing`, {
      value: `${s.stage} → ${summaries[s.stage]}`,
      description: `Routing of the ${s.stage} stage`,
    });
  }
}

function baselineFc3(stack: TerraformStack, i: number): void {
  const name = functionName(i);
  const scope = new Construct(stack, `Svc${i}`);
  const fnScope = new Construct(scope, "Fn");
  const zipPath = codeAsset(fnScope);
  const fn = new Fcv3Function(fnScope, "Function", {
    functionName: name,
    runtime: "nodejs20",
    handler: "index.handler",
    logConfig: { logBeginRule: "None" },
    code: { zipFile: Fn.filebase64(zipPath) },
  });
  const versions = VERSIONS.map(
    (label) =>
      new Fcv3FunctionVersion(fnScope, `Version-${label}`, {
        functionName: fn.functionName,
        description: `release ${label}`,
        dependsOn: [fn],
        lifecycle: { createBeforeDestroy: true },
      }),
  );
  const v3 = versions[2].versionId;
  const v4 = versions[3].versionId;

  const releaseScope = new Construct(scope, "Release");
  const release = new Fcv3Alias(releaseScope, "Resource", {
    functionName: fn.functionName,
    aliasName: "release",
    versionId: v3,
    description: RELEASE_SUMMARY,
    additionalVersionWeight: { [v4]: 0.1 },
  });
  new TerraformOutput(releaseScope, "routing", {
    value: RELEASE_SUMMARY,
    description: `Routing of alias release of function ${name}`,
  });
  const prepubSummary = "prepub: v3 100%";
  const prepubScope = new Construct(scope, "Prepub");
  const prepub = new Fcv3Alias(prepubScope, "Resource", {
    functionName: fn.functionName,
    aliasName: "prepub",
    versionId: v3,
    description: prepubSummary,
    additionalVersionWeight: {},
  });
  new TerraformOutput(prepubScope, "routing", {
    value: prepubSummary,
    description: `Routing of alias prepub of function ${name}`,
  });

  const gw = new Construct(scope, "Gateway");
  const svc = gatewayName(i);
  const apiName = svc;
  const ramName = svc.replace(/_/g, "-");
  const group = new ApiGatewayGroup(gw, "Group", { name: svc, description: `${svc} stages` });
  const role = new RamRole(gw, "InvokeRole", {
    roleName: `${ramName}-apigw-invoke`,
    description: `Lets API Gateway group ${svc} invoke ${name}`,
    assumeRolePolicyDocument: JSON.stringify({
      Version: "1",
      Statement: [
        { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: ["apigateway.aliyuncs.com"] } },
      ],
    }),
  });
  const arn = `acs:fc:${REGION}:*:functions/${fn.functionName}`;
  const policy = new RamPolicy(gw, "InvokePolicy", {
    policyName: `${ramName}-invoke-fc`,
    description: `Invoke ${name} and its versions and aliases`,
    rotateStrategy: "DeleteOldestNonDefaultVersionWhenLimitExceeded",
    policyDocument: JSON.stringify({
      Version: "1",
      Statement: [{ Effect: "Allow", Action: ["fc:InvokeFunction"], Resource: [arn, `${arn}/*`] }],
    }),
  });
  const attachment = new RamRolePolicyAttachment(gw, "InvokePolicyAttachment", {
    policyName: policy.policyName,
    policyType: "Custom",
    roleName: role.roleName,
  });
  const backend = new ApiGatewayBackend(gw, "Backend", {
    backendName: `${apiName}_fc`,
    backendType: "FC_EVENT_V3",
    description: `Function Compute ${name}`,
  });
  const fcConfig = (qualifier: string) => ({
    FcRegionId: REGION,
    FcVersion: "3.0",
    FcType: "FCEvent",
    FunctionName: fn.functionName,
    Qualifier: qualifier,
    RoleArn: role.arn,
    OnlyBusinessPath: false,
  });
  const qualifiers = { release: "release", prepub: "prepub", dev: "LATEST" };
  const models = STAGES.map(
    (s) =>
      new ApiGatewayBackendModel(gw, `${s.id}BackendModel`, {
        backendId: backend.id,
        backendType: "FC_EVENT_V3",
        stageName: s.alibaba,
        description: `${s.stage} -> ${qualifiers[s.stage]}`,
        backendModelData: JSON.stringify({
          ServiceTimeout: 15000,
          FunctionComputeConfig: fcConfig(qualifiers[s.stage]),
        }),
        // Each stage's model waits for what it calls (prepub: its alias and the gateway route's version).
        dependsOn: { release: [release], prepub: [prepub, versions[3]], dev: [] }[s.stage],
      }),
  );
  const api = new AliApi(gw, "Api", {
    groupId: group.id,
    name: apiName,
    description: `${svc} stages`,
    authType: "ANONYMOUS",
    serviceType: "FunctionCompute",
    requestConfig: {
      protocol: "HTTP,HTTPS",
      method: "GET",
      path: "/",
      mode: "PASSTHROUGH",
      bodyFormat: "STREAM",
    },
    fcServiceConfig: {
      region: REGION,
      functionName: fn.functionName,
      qualifier: "release",
      arnRole: role.arn,
      timeout: 15000,
      functionVersion: "3.0",
      functionType: "FCEvent",
    },
    requestParameters: [
      {
        name: "User",
        nameService: "User",
        in: "HEAD",
        inService: "HEAD",
        type: "STRING",
        required: "OPTIONAL",
      },
    ],
    stageNames: STAGES.map((s) => s.alibaba),
    backendEnabled: true,
    backendId: backend.id,
    dependsOn: [...models, attachment],
  });
  const plugin = new ApiGatewayPlugin(gw, "PrepubRoutingPlugin", {
    pluginName: `${apiName}_prepub_routing`,
    pluginType: "routing",
    description: "Gateway canary routes of the prepub stage (experimental: FC backend override)",
    pluginData: JSON.stringify({
      routes: [
        {
          name: "canary0",
          condition: "$User = 'Bob'",
          backend: { type: "FC_EVENT_V3", functionComputeConfig: fcConfig(v4) },
        },
      ],
    }),
  });
  new ApiGatewayPluginAttachment(gw, "PrepubRoutingPluginAttachment", {
    pluginId: plugin.id,
    groupId: group.id,
    apiId: api.apiId,
    stageName: "PRE",
  });
  const summaries = {
    release: `release → ${RELEASE_SUMMARY}`,
    prepub: `prepub → ${prepubSummary} | gateway canary0 → v4 (version)`,
    dev: "dev → LATEST (version)",
  };
  for (const s of STAGES) {
    new TerraformOutput(gw, `${s.stage}-url`, {
      value: `http://${group.subDomain}/ (X-Ca-Stage: ${s.alibaba})`,
      description: `Invoke URL of the ${s.stage} stage`,
    });
    new TerraformOutput(gw, `${s.stage}-routing`, {
      value: summaries[s.stage],
      description: `Routing of the ${s.stage} stage`,
    });
  }
}

/** The same estate with the generated provider classes directly. */
export function buildBaselineEstate(stack: TerraformStack, cloud: BenchCloud, n: number): void {
  if (cloud === "scf") {
    new TencentcloudProvider(stack, "tencentcloud-default-provider", {});
    for (let i = 0; i < n; i++) baselineScf(stack, i);
  } else {
    new AlicloudProvider(stack, "alicloud-default-provider", {});
    for (let i = 0; i < n; i++) baselineFc3(stack, i);
  }
}

/** Which program builds the estate: the library, the library with expectations, or the baseline. */
export type EstateVariant = "library" | "checks" | "baseline";

interface CdktfTokenMap {
  readonly stringTokenMap: Map<string, unknown>;
  readonly numberTokenMap: Map<number, unknown>;
}

/**
 * Builds the estate in a fresh App and synthesizes it to `outdir` (`stacks/bench/cdk.tf.json`).
 *
 * Afterwards the tokens the run registered are removed from cdktf's process-wide token map: it keeps
 * every token ever created (and, through their references, each app's whole construct tree), so
 * otherwise every run would pay GC over all the estates before it, unlike `cdktf synth`, which
 * synthesizes once per process. Tokens registered before the run (at module load) stay.
 */
export function synthEstate(variant: EstateVariant, cloud: BenchCloud, n: number, outdir: string): void {
  const tokens = (globalThis as { __cdktfTokenMap?: CdktfTokenMap }).__cdktfTokenMap;
  const strings = new Set(tokens?.stringTokenMap.keys());
  const numbers = new Set(tokens?.numberTokenMap.keys());
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "bench");
    if (variant === "baseline") buildBaselineEstate(stack, cloud, n);
    else buildLibraryEstate(stack, cloud, n, { expectations: variant === "checks" });
    app.synth();
  } finally {
    const map = (globalThis as { __cdktfTokenMap?: CdktfTokenMap }).__cdktfTokenMap;
    if (map) {
      for (const k of map.stringTokenMap.keys()) if (!strings.has(k)) map.stringTokenMap.delete(k);
      for (const k of map.numberTokenMap.keys()) if (!numbers.has(k)) map.numberTokenMap.delete(k);
    }
  }
}
