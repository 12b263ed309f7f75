/** Alibaba FC 3.0 mapping: alicloud_fcv3_function, _function_version, _alias. */
import { Construct } from "constructs";
import { Fn, Token } from "../../cdktf";
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
import { nameProblem } from "../names";
import { fc3Profile } from "./profile";
import { ensureProvider } from "../providers";
import { FC3_FUNCTION_NAME_RULE } from "./names";

export function ensureAlicloudProvider(scope: Construct): void {
  ensureProvider(scope, "alicloud", (stack) => new AlicloudProvider(stack, "alicloud-default-provider", {}));
}

export const fc3Adapter: CloudAdapter = {
  platform: "fc3",
  displayName: fc3Profile.displayName,

  checkFunctionName: (name) => nameProblem(FC3_FUNCTION_NAME_RULE, name),

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
      // The API returns logConfig even when none was set, and Read writes it back whenever it is non-empty
      // (R:fcv3_function.go:1255-1272): without the block every plan shows `- log_config`. Every provider test
      // pins log_begin_rule "None" ("there is a bug in api", R:fcv3_function_test.go:795, 962, 1461).
      logConfig: { logBeginRule: "None" },
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
    // A 0 weight routes nothing on FC 3.0 (no rules), and an API that drops it would leave `{"2" = 0} → {}`
    // in every plan (Read sets the map as returned, R:fcv3_alias.go:126-128). Without entries the map is sent
    // empty: Update then PUTs `{}` (:177-180), which clears a canary. Token weights stay (unknown at synth).
    const weights = Object.fromEntries(
      spec.weights
        .filter((w) => Token.isUnresolved(w.weight) || w.weight !== 0)
        .map((w) => [w.versionId, w.weight]),
    );
    return new Fcv3Alias(scope, id, {
      functionName: fn.functionNameRef,
      aliasName: spec.name,
      versionId: spec.primaryVersionId,
      description: spec.description,
      additionalVersionWeight: weights,
    });
  },
};
