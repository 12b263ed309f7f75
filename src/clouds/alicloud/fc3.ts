/** Alibaba FC 3.0 mapping: alicloud_fcv3_function, _function_version, _alias. */
import { Construct } from "constructs";
import { Fn } from "../../cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { Fcv3Alias } from "../../.gen/providers/alicloud/fcv3-alias";
import { Fcv3Function } from "../../.gen/providers/alicloud/fcv3-function";
import { Fcv3FunctionVersion } from "../../.gen/providers/alicloud/fcv3-function-version";
import {
  AliasSpec,
  CloudAdapter,
  DeployedFunction,
  DeployedVersion,
  FunctionSpec,
  VersionSpec,
} from "../adapter";
import { ensureProvider } from "../providers";

const FC3_FUNCTION_NAME = /^[0-9a-zA-Z_-]{1,128}$/;

export function ensureAlicloudProvider(scope: Construct): void {
  ensureProvider(scope, "alicloud", (stack) => new AlicloudProvider(stack, "alicloud-default-provider", {}));
}

export const fc3Adapter: CloudAdapter = {
  platform: "fc3",
  displayName: "Alibaba FC 3.0",

  checkFunctionName(name) {
    return FC3_FUNCTION_NAME.test(name) ? undefined : "1-128 letters, digits, '_' or '-'";
  },

  ensureProvider: ensureAlicloudProvider,

  createFunction(scope: Construct, id: string, spec: FunctionSpec): DeployedFunction {
    const code = spec.code;
    const fn = new Fcv3Function(scope, id, {
      functionName: spec.functionName,
      runtime: spec.runtime,
      handler: spec.handler,
      memorySize: spec.memorySize,
      timeout: spec.timeout,
      environmentVariables: spec.environment ? { ...spec.environment } : undefined,
      description: spec.description,
      role: spec.role,
      code:
        code.kind === "bucket"
          ? { ossBucketName: code.bucket, ossObjectName: code.key }
          : { zipFile: code.kind === "inlineZip" ? code.base64 : Fn.filebase64(code.path) },
    });
    return { resource: fn, functionNameRef: fn.functionName };
  },

  createVersion(scope: Construct, id: string, fn: DeployedFunction, spec: VersionSpec): DeployedVersion {
    const version = new Fcv3FunctionVersion(scope, id, {
      functionName: fn.functionNameRef,
      description: spec.description,
      // PublishVersion snapshots LATEST: publish after the code update.
      dependsOn: [fn.resource],
      lifecycle: { createBeforeDestroy: true },
    });
    return { resource: version, versionId: version.versionId };
  },

  createAlias(scope: Construct, id: string, fn: DeployedFunction, spec: AliasSpec) {
    const weights = Object.fromEntries(spec.weights.map((w) => [w.versionId, w.weight]));
    return new Fcv3Alias(scope, id, {
      functionName: fn.functionNameRef,
      aliasName: spec.name,
      versionId: spec.primaryVersionId,
      description: spec.description,
      additionalVersionWeight: spec.weights.length > 0 ? weights : undefined,
    });
  },
};
