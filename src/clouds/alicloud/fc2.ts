/**
 * Alibaba FC 2.0 mapping (deprecated in the provider, still run by many): alicloud_fc_service,
 * alicloud_fc_function and alicloud_fc_alias. Versions belong to the service and the provider
 * has no version resource, so FC 2.0 versions are ids your service has already published;
 * aliases route by weight only (the provider has no route_policy).
 */
import { Construct } from "constructs";
import { Fn, Op } from "../../cdktf";
import { FcAlias } from "../../.gen/providers/alicloud/fc-alias";
import { FcFunction } from "../../.gen/providers/alicloud/fc-function";
import { FcService } from "../../.gen/providers/alicloud/fc-service";
import {
  AliasSpec,
  CloudAdapter,
  DeployedFunction,
  DeployedVersion,
  FunctionSpec,
  VersionSpec,
} from "../adapter";
import { nameProblem } from "../names";
import { fc2Profile } from "./profile";
import { ensureAlicloudProvider } from "./fc3";
import { FC2_FUNCTION_NAME_RULE, FC2_SERVICE_NAME_RULE } from "./names";

export const fc2Adapter: CloudAdapter = {
  platform: "fc2",
  displayName: fc2Profile.displayName,

  checkFunctionName: (name) => nameProblem(FC2_FUNCTION_NAME_RULE, name),
  checkServiceName: (name) => nameProblem(FC2_SERVICE_NAME_RULE, name),

  ensureProvider: ensureAlicloudProvider,

  createFunction(scope: Construct, id: string, spec: FunctionSpec): DeployedFunction {
    const service = new FcService(scope, `${id}Service`, {
      name: spec.serviceName ?? spec.functionName,
      role: spec.role,
      // Publishing is left to you: the provider publishes only when the service itself changes,
      // which snapshots the old function code (see README, FC 2.0).
      publish: false,
    });
    const code = spec.code;
    const fn = new FcFunction(scope, id, {
      service: service.name,
      name: spec.functionName,
      runtime: spec.runtime,
      handler: spec.handler,
      memorySize: spec.memorySize,
      timeout: spec.timeout,
      environmentVariables: spec.environment ? { ...spec.environment } : undefined,
      description: spec.description,
      filename: code.kind === "localZip" ? code.path : undefined,
      ossBucket: code.kind === "bucket" ? code.bucket : undefined,
      ossKey: code.kind === "bucket" ? code.key : undefined,
    });
    return { resource: fn, container: service, functionNameRef: fn.name, serviceNameRef: service.name };
  },

  createVersion(_scope: Construct, _id: string, _fn: DeployedFunction, spec: VersionSpec): DeployedVersion {
    return { versionId: spec.label };
  },

  createAlias(scope: Construct, id: string, fn: DeployedFunction, spec: AliasSpec) {
    const weights = Object.fromEntries(spec.weights.map((w) => [w.versionId, w.weight]));
    const service = fn.container as FcService;
    return new FcAlias(scope, id, {
      serviceName: fn.serviceNameRef!,
      aliasName: spec.name,
      serviceVersion: spec.primaryVersionId,
      description: spec.description,
      // Always a block, with an explicit empty map when there is no canary: UpdateAlias sends weights
      // only when the block is present (resource_alicloud_fc_alias.go:166-172, GetOk), so removing
      // the block would leave the old canary live, and Read would bring it back (:235-244).
      routingConfig: { additionalVersionWeights: weights },
      dependsOn: [fn.resource],
      lifecycle: { precondition: [publishedVersionPrecondition(service, spec)] },
    });
  },
};

/**
 * FC 2.0 versions are published outside Terraform, and CreateAlias fails on a version that does not
 * exist yet. The service's `version` is its newest published version (Read lists versions BACKWARD
 * with limit 1: resource_alicloud_fc_service.go:370-391; empty when none is published), so the
 * alias checks it first and fails with the steps to publish instead of an API error.
 */
function publishedVersionPrecondition(service: FcService, spec: AliasSpec) {
  const needed = Math.max(...[spec.primaryVersionId, ...spec.weights.map((w) => w.versionId)].map(Number));
  return {
    condition: Op.gte(Fn.try([Fn.tonumber(service.version), 0]), needed),
    errorMessage:
      `FC 2.0 service ${service.name} has not published version ${needed} yet, which alias ${spec.name} uses: ` +
      `publish it first (the FC API's PublishServiceVersion, from the console or Serverless Devs), then apply again`,
  };
}
