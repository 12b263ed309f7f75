/**
 * Alibaba API Gateway: one group and API, one backend with a model per stage whose
 * FunctionComputeConfig.Qualifier names the stage's alias, the RAM role API Gateway assumes to
 * invoke FC, and (optionally) a routing plugin per stage for header/query canaries.
 */
import { Construct } from "constructs";
import { ApiGatewayApi } from "../../.gen/providers/alicloud/api-gateway-api";
import { ApiGatewayBackend } from "../../.gen/providers/alicloud/api-gateway-backend";
import { ApiGatewayBackendModel } from "../../.gen/providers/alicloud/api-gateway-backend-model";
import { ApiGatewayGroup } from "../../.gen/providers/alicloud/api-gateway-group";
import { ApiGatewayPlugin } from "../../.gen/providers/alicloud/api-gateway-plugin";
import { ApiGatewayPluginAttachment } from "../../.gen/providers/alicloud/api-gateway-plugin-attachment";
import { Fcv3Trigger } from "../../.gen/providers/alicloud/fcv3-trigger";
import { RamPolicy } from "../../.gen/providers/alicloud/ram-policy";
import { RamRole } from "../../.gen/providers/alicloud/ram-role";
import { RamRolePolicyAttachment } from "../../.gen/providers/alicloud/ram-role-policy-attachment";
import { Fn, TerraformResource, Token } from "../../cdktf";
import { GatewayCondition, Platform, StageName } from "../../routing";
import { CreatedGateway, DeployedFunction, GatewayAdapter, GatewaySpec, GatewayStageSpec } from "../adapter";
import { nameProblem } from "../names";
import { backendModelData, DEFAULT_BACKEND_MODEL_KEYS, functionComputeConfig } from "./backend-model";
import { ALIBABA_NAME_RULES, AlibabaGatewayNames, alibabaGatewayNames, fc3TriggerName } from "./names";

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A routing-plugin condition: `$param = 'value'` on a declared API parameter, or `Random() < share`. */
export function pluginCondition(conditions: readonly GatewayCondition[]): string {
  return conditions
    .map((c) => ("random" in c ? `Random() < ${c.random}` : `$${c.name} ${c.operator} '${c.value}'`))
    .join(" and ");
}

const withoutUndefined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** A group name known only at apply: the same derivations in Terraform (no length cap possible). */
function tokenNames(group: string): AlibabaGatewayNames {
  const ram = Fn.replace(group, "_", "-");
  return {
    group,
    api: group,
    backend: `${group}_fc`,
    ramRole: `${ram}-apigw-invoke`,
    ramPolicy: `${ram}-invoke-fc`,
    plugin: (stage) => `${group}_${stage}_routing`,
  };
}

export const alibabaGatewayAdapter: GatewayAdapter = {
  cloud: "alibaba",

  checkName(name) {
    return nameProblem(ALIBABA_NAME_RULES.group, name) ? ALIBABA_NAME_RULES.group : undefined;
  },

  create(scope: Construct, fn: DeployedFunction, platform: Platform, spec: GatewaySpec): CreatedGateway {
    // Every name below follows its CloudAPI/RAM/FC rule (names.ts); the providers check none of them.
    const names = Token.isUnresolved(spec.name) ? tokenNames(spec.name) : alibabaGatewayNames(spec.name);
    const group = new ApiGatewayGroup(scope, "Group", { name: names.group, description: spec.description });
    const role = new RamRole(scope, "InvokeRole", {
      roleName: names.ramRole,
      description: `Lets API Gateway group ${spec.name} invoke ${spec.functionName}`,
      assumeRolePolicyDocument: JSON.stringify({
        Version: "1",
        Statement: [
          { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: ["apigateway.aliyuncs.com"] } },
        ],
      }),
    });
    // FC 3.0: the function and its qualifiers below it; FC 2.0 writes a qualifier as `service.qualifier`.
    const functionArns =
      platform === "fc3"
        ? [
            `acs:fc:${spec.region}:*:functions/${fn.functionNameRef}`,
            `acs:fc:${spec.region}:*:functions/${fn.functionNameRef}/*`,
          ]
        : [
            `acs:fc:${spec.region}:*:services/${fn.serviceNameRef}/functions/${fn.functionNameRef}`,
            `acs:fc:${spec.region}:*:services/${fn.serviceNameRef}.*/functions/${fn.functionNameRef}`,
          ];
    const policy = new RamPolicy(scope, "InvokePolicy", {
      policyName: names.ramPolicy,
      description: `Invoke ${spec.functionName} and its versions and aliases`,
      // resource_alicloud_ram_policy.go:277-304: every document change is a CreatePolicyVersion, sent
      // with RotateStrategy only when set; RAM keeps 5 versions, so the 6th change would fail.
      rotateStrategy: "DeleteOldestNonDefaultVersionWhenLimitExceeded",
      policyDocument: JSON.stringify({
        Version: "1",
        Statement: [{ Effect: "Allow", Action: ["fc:InvokeFunction"], Resource: functionArns }],
      }),
    });
    const attachment = new RamRolePolicyAttachment(scope, "InvokePolicyAttachment", {
      policyName: policy.policyName,
      policyType: "Custom",
      roleName: role.roleName,
    });

    const backendType = (
      platform === "fc3"
        ? { event: "FC_EVENT_V3", http: "FC_HTTP_V3" }
        : { event: "FC_EVENT", http: "FC_HTTP" }
    )[spec.kind];
    const backend = new ApiGatewayBackend(scope, "Backend", {
      backendName: names.backend,
      backendType,
      description: `Function Compute ${spec.functionName}`,
    });

    // HTTP functions are reached through an HTTP trigger bound to the qualifier, one per qualifier.
    const triggers = new Map<string, { url: string; name: string }>();
    const triggerIds = new Map<string, TerraformResource>();
    const triggerOf = (stage: GatewayStageSpec, qualifier: string, id: string) => {
      if (spec.kind !== "http") return undefined;
      const existing = triggers.get(qualifier);
      if (existing) return existing;
      const name = fc3TriggerName(stage.stage, id);
      const trigger = new Fcv3Trigger(scope, id, {
        functionName: fn.functionNameRef,
        qualifier,
        triggerType: "http",
        triggerName: name,
        // The full form the API stores (resource_alicloud_fcv3_trigger_test.go:257); Read sets the API's
        // JSON (resource_alicloud_fcv3_trigger.go:193) and the diff ignores key order only (:86-93).
        triggerConfig: JSON.stringify({
          authType: "anonymous",
          disableURLInternet: false,
          methods: ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"],
        }),
        dependsOn: [...stage.dependsOn],
      });
      triggerIds.set(id, trigger);
      const created = { url: trigger.httpTrigger.get(0).urlInternet, name };
      triggers.set(qualifier, created);
      return created;
    };
    // The FunctionComputeConfig of a model or route override: the keys the API echoes (backend-model.ts).
    const fcConfig = (stage: GatewayStageSpec, qualifier: string, triggerId: string) => {
      const trigger = triggerOf(stage, qualifier, triggerId);
      return functionComputeConfig(
        {
          platform,
          kind: spec.kind,
          region: spec.region ?? "",
          functionName: fn.functionNameRef,
          serviceName: fn.serviceNameRef,
          qualifier,
          roleArn: role.arn,
          baseUrl: trigger?.url,
          triggerName: trigger?.name,
          method: spec.method === "ANY" ? "GET" : spec.method,
        },
        spec.backendModelKeys ?? DEFAULT_BACKEND_MODEL_KEYS,
      );
    };

    const models: TerraformResource[] = [];
    const stages: Partial<Record<StageName, Record<string, TerraformResource>>> = {};
    for (const stage of spec.stages) {
      const id = capital(stage.stage);
      const model = new ApiGatewayBackendModel(scope, `${id}BackendModel`, {
        backendId: backend.id,
        backendType,
        stageName: stage.cloudStage,
        // ASCII: Read sets the API's Description (resource_alicloud_api_gateway_backend_model.go:134).
        description: `${stage.stage} -> ${stage.qualifierLabel}`,
        backendModelData: backendModelData(
          spec.timeoutSeconds,
          fcConfig(stage, stage.qualifier, `${id}Trigger`),
        ),
        dependsOn: [...stage.dependsOn],
      });
      models.push(model);
      stages[stage.stage] = { backendModel: model };
    }

    const release = spec.stages.find((s) => s.stage === "release") ?? spec.stages[0];
    const parameters = new Map<string, { name: string; in: string }>();
    for (const stage of spec.stages) {
      for (const route of stage.routes) {
        for (const c of route.conditions) {
          if (!("random" in c))
            parameters.set(`${c.source}:${c.name}`, {
              name: c.name,
              in: c.source === "header" ? "HEAD" : "QUERY",
            });
        }
      }
    }
    const api = new ApiGatewayApi(scope, "Api", {
      groupId: group.id,
      name: names.api,
      description: spec.description,
      authType: "ANONYMOUS",
      serviceType: "FunctionCompute",
      requestConfig: {
        protocol: "HTTP,HTTPS",
        method: spec.method,
        path: spec.path,
        mode: "PASSTHROUGH",
        bodyFormat: "STREAM",
      },
      // Required by the provider even with a backend; the per-stage backend models take precedence.
      // function_type and qualifier are always sent (Read sets them: resource_alicloud_api_gateway_api.go
      // :1144-1149); an HTTP function gets the complete HttpTrigger config (fcBaseUrl, path and method are
      // required for HTTP functions: CloudAPI FunctionComputeConfig), the release stage's trigger.
      fcServiceConfig: withoutUndefined({
        region: spec.region ?? "",
        functionName: spec.kind === "http" ? undefined : fn.functionNameRef,
        serviceName: platform === "fc2" ? fn.serviceNameRef : undefined,
        qualifier: release.qualifier,
        arnRole: role.arn,
        timeout: spec.timeoutSeconds * 1000,
        functionVersion: platform === "fc3" ? "3.0" : "2.0",
        functionType: spec.kind === "http" ? "HttpTrigger" : "FCEvent",
        ...(spec.kind === "http"
          ? {
              functionBaseUrl: triggers.get(release.qualifier)?.url,
              path: "/",
              method: spec.method === "ANY" ? "GET" : spec.method,
              onlyBusinessPath: false,
            }
          : {}),
      }),
      requestParameters:
        parameters.size > 0
          ? [...parameters.values()].map((p) => ({
              name: p.name,
              nameService: p.name,
              in: p.in,
              inService: p.in,
              type: "STRING",
              required: "OPTIONAL",
            }))
          : undefined,
      stageNames: spec.stages.map((s) => s.cloudStage),
      backendEnabled: true,
      backendId: backend.id,
      // DeployApi runs on create: the per-stage models and the invoke grant must exist first.
      dependsOn: [...models, attachment],
    });

    for (const stage of spec.stages) {
      if (stage.routes.length === 0) continue;
      const id = capital(stage.stage);
      const plugin = new ApiGatewayPlugin(scope, `${id}RoutingPlugin`, {
        pluginName: names.plugin(stage.stage),
        pluginType: "routing",
        description: `Gateway canary routes of the ${stage.stage} stage (experimental: FC backend override)`,
        pluginData: JSON.stringify({
          routes: stage.routes.map((r, i) => ({
            name: r.name,
            condition: pluginCondition(r.conditions),
            backend: {
              type: backendType,
              functionComputeConfig: fcConfig(stage, r.qualifier, `${id}Route${i}Trigger`),
            },
          })),
        }),
      });
      stages[stage.stage]!.routingPlugin = plugin;
      stages[stage.stage]!.routingPluginAttachment = new ApiGatewayPluginAttachment(
        scope,
        `${id}RoutingPluginAttachment`,
        {
          pluginId: plugin.id,
          groupId: group.id,
          apiId: api.apiId,
          stageName: stage.cloudStage,
        },
      );
    }

    const urls: Record<string, string> = {};
    for (const stage of spec.stages)
      urls[stage.stage] = `http://${group.subDomain}${spec.path} (X-Ca-Stage: ${stage.cloudStage})`;
    const triggerResources = Object.fromEntries(
      [...triggerIds].map(([id, trigger]) => [`trigger:${id}`, trigger]),
    );
    return {
      urls,
      resources: {
        shared: {
          group,
          invokeRole: role,
          invokePolicy: policy,
          invokePolicyAttachment: attachment,
          backend,
          api,
          ...triggerResources,
        },
        stages,
      },
    };
  },
};
