/**
 * Tencent API Gateway: one service per stage. A release snapshots every API of a service and an
 * API has one SCF qualifier, so stages that call different aliases need their own services.
 */
import { createHash } from "node:crypto";
import { Construct } from "constructs";
import { ApiGatewayApi } from "../../.gen/providers/tencentcloud/api-gateway-api";
import { ApiGatewayCustomDomain } from "../../.gen/providers/tencentcloud/api-gateway-custom-domain";
import { ApiGatewayService } from "../../.gen/providers/tencentcloud/api-gateway-service";
import { ApiGatewayServiceRelease } from "../../.gen/providers/tencentcloud/api-gateway-service-release";
import { TerraformResource, Token } from "../../cdktf";
import { checkServiceReleaseLifecycle, SERVICE_RELEASE_TYPE, StageName } from "../../routing";
import { CreatedGateway, DeployedFunction, GatewayAdapter, GatewaySpec } from "../adapter";
import { nameProblem, shortHash } from "../names";
import { TENCENT_SUB_DOMAIN_RULE, tencentServiceNameRule, tencentStageNames } from "./names";

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const tencentGatewayAdapter: GatewayAdapter = {
  cloud: "tencent",

  checkName(name, options) {
    const rule = tencentServiceNameRule(options);
    return nameProblem(rule, name) ? rule : undefined;
  },

  checkCustomDomain(subDomain) {
    return nameProblem(TENCENT_SUB_DOMAIN_RULE, subDomain) ? TENCENT_SUB_DOMAIN_RULE : undefined;
  },

  create(scope: Construct, fn: DeployedFunction, _platform, spec: GatewaySpec): CreatedGateway {
    const urls: Record<string, string> = {};
    const stages: Partial<Record<StageName, Record<string, TerraformResource>>> = {};
    for (const stage of spec.stages) {
      const id = capital(stage.stage);
      // `<name>_<stage>` within the service (50) and API (60) limits (names.ts); a token is joined as is.
      const joiner = spec.nameOptions.allowDash ? "-" : "_";
      const names = Token.isUnresolved(spec.name)
        ? { service: `${spec.name}${joiner}${stage.stage}`, api: `${spec.name}${joiner}${stage.stage}` }
        : tencentStageNames(spec.name, stage.stage, spec.nameOptions);
      const service = new ApiGatewayService(scope, `${id}Service`, {
        serviceName: names.service,
        serviceDesc: `${spec.description} (${stage.stage} stage)`,
        protocol: "http&https",
        netType: ["OUTER"],
      });
      const definition = {
        path: spec.path,
        method: spec.method,
        functionName: spec.functionName,
        namespace: fn.namespace ?? "default",
        qualifier: stage.qualifierLabel,
        kind: spec.kind,
        timeout: spec.timeoutSeconds,
      };
      const api = new ApiGatewayApi(scope, `${id}Api`, {
        serviceId: service.id,
        apiName: names.api,
        apiDesc: `${spec.description}: calls ${spec.functionName}:${stage.qualifierLabel}`,
        authType: "NONE",
        protocol: "HTTP",
        requestConfigPath: spec.path,
        requestConfigMethod: spec.method,
        serviceConfigType: "SCF",
        serviceConfigTimeout: spec.timeoutSeconds,
        serviceConfigScfFunctionName: fn.functionNameRef,
        serviceConfigScfFunctionNamespace: fn.namespace ?? "default",
        serviceConfigScfFunctionQualifier: stage.qualifier,
        serviceConfigScfFunctionType: spec.kind === "http" ? "HTTP" : "EVENT",
        serviceConfigScfIsIntegratedResponse: spec.kind === "event" ? true : undefined,
        dependsOn: [...stage.dependsOn],
      });
      // Every input of a release is ForceNew: a digest of the API definition republishes it when the
      // API changes. Never create_before_destroy (V26): the old release's delete would unpublish
      // the environment the new one was just published to.
      const digest = createHash("sha256").update(JSON.stringify(definition)).digest("hex").slice(0, 12);
      const release = new ApiGatewayServiceRelease(scope, `${id}Release`, {
        serviceId: service.id,
        environmentName: stage.cloudStage,
        // Printable ASCII: Read sets release_desc from the release history's VersionDesc
        // (resource_tc_api_gateway_service_release.go:160-166) and the field is ForceNew (:38-43), so any
        // server-side normalisation of it would replace the release and unpublish the environment.
        releaseDesc: `${stage.stage} -> ${stage.qualifierLabel} (api ${digest})`,
        dependsOn: [api],
      });
      // V26 also catches create_before_destroy added later through an escape hatch (fails app.synth()).
      release.node.addValidation({
        validate: () =>
          checkServiceReleaseLifecycle({
            resource: {
              [SERVICE_RELEASE_TYPE]: {
                [id]: release.toTerraform().resource?.[SERVICE_RELEASE_TYPE]?.[release.friendlyUniqueId],
              },
            },
          }).map((d) => `[${d.code}] ${d.message}`),
      });
      if (stage.customDomain) {
        // sub_domain is not ForceNew but the id keeps the old one, so a rename would ModifySubDomain the
        // old binding (resource_tc_api_gateway_custom_domain.go:30-34,119,198-201): the construct id
        // carries the domain, so a new sub_domain is a new resource (a token keeps the plain id).
        const subDomain = stage.customDomain.subDomain;
        const domainId = Token.isUnresolved(subDomain)
          ? `${id}Domain`
          : `${id}Domain-${shortHash(subDomain)}`;
        stages[stage.stage] = { ...stages[stage.stage] };
        stages[stage.stage]!.customDomain = new ApiGatewayCustomDomain(scope, domainId, {
          serviceId: service.id,
          subDomain: stage.customDomain.subDomain,
          protocol: stage.customDomain.certificateId ? "http&https" : "http",
          certificateId: stage.customDomain.certificateId,
          netType: "OUTER",
          defaultDomain: service.outerSubDomain,
          isDefaultMapping: false,
          pathMappings: [`/#${stage.cloudStage}`],
        });
      }
      stages[stage.stage] = { service, api, release, ...stages[stage.stage] };
      urls[stage.stage] = stage.customDomain
        ? `${stage.customDomain.certificateId ? "https" : "http"}://${stage.customDomain.subDomain}${spec.path}`
        : `https://${service.outerSubDomain}/${stage.cloudStage}${spec.path}`;
    }
    return { urls, resources: { shared: {}, stages } };
  },
};
