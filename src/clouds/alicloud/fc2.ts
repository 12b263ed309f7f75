/**
 * Alibaba FC 2.0 mapping (deprecated in the provider, still run by many): alicloud_fc_service,
 * alicloud_fc_function and alicloud_fc_alias. Versions belong to the service and the provider
 * has no version resource, so FC 2.0 versions are ids your service has already published;
 * aliases route by weight only (the provider has no route_policy).
 */
import { Construct } from "constructs";
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
import { ensureAlicloudProvider } from "./fc3";

const FC2_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

export const fc2Adapter: CloudAdapter = {
  platform: "fc2",
  displayName: "Alibaba FC 2.0",

  checkFunctionName(name) {
    return FC2_NAME.test(name)
      ? undefined
      : "1-128 letters, digits, '_' or '-', starting with a letter or '_'";
  },

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
    return new FcAlias(scope, id, {
      serviceName: fn.serviceNameRef!,
      aliasName: spec.name,
      serviceVersion: spec.primaryVersionId,
      description: spec.description,
      routingConfig:
        spec.weights.length > 0
          ? { additionalVersionWeights: Object.fromEntries(spec.weights.map((w) => [w.versionId, w.weight])) }
          : undefined,
      dependsOn: [fn.resource],
    });
  },
};
