/** Tencent SCF mapping: tencentcloud_scf_function, _function_version, _function_alias. */
import { Construct } from "constructs";
import { TencentcloudProvider } from "../../.gen/providers/tencentcloud/provider";
import { ScfFunction } from "../../.gen/providers/tencentcloud/scf-function";
import { ScfFunctionAlias } from "../../.gen/providers/tencentcloud/scf-function-alias";
import { ScfFunctionVersion } from "../../.gen/providers/tencentcloud/scf-function-version";
import { SCF_DEFAULT_ALIAS } from "../../routing";
import {
  AliasSpec,
  CloudAdapter,
  DeployedFunction,
  DeployedVersion,
  FunctionSpec,
  VersionSpec,
} from "../adapter";
import { nameProblem } from "../names";
import { scfProfile } from "./profile";
import { ensureProvider } from "../providers";
import { SCF_FUNCTION_NAME_RULE, SCF_NAMESPACE_RULE } from "./names";

/**
 * The namespace every SCF resource gets when the user gives none. The function's schema defaults to it
 * (resource_tc_scf_function.go:137-143), but the version and alias have no default: the version's Read sets
 * `namespace` from GetFunction (resource_tc_scf_function_version.go:41-46, 150-152) and the attribute is
 * ForceNew, so leaving it unset replaces every version on every plan after the first apply.
 */
export const SCF_DEFAULT_NAMESPACE = "default";

export const scfAdapter: CloudAdapter = {
  platform: "scf",
  displayName: scfProfile.displayName,

  checkFunctionName: (name) => nameProblem(SCF_FUNCTION_NAME_RULE, name),
  checkNamespace: (name) => nameProblem(SCF_NAMESPACE_RULE, name),

  ensureProvider(scope) {
    ensureProvider(
      scope,
      "tencentcloud",
      (stack) => new TencentcloudProvider(stack, "tencentcloud-default-provider", {}),
    );
  },

  createFunction(scope: Construct, id: string, spec: FunctionSpec): DeployedFunction {
    const code = spec.code;
    const namespace = spec.namespace ?? SCF_DEFAULT_NAMESPACE;
    const fn = new ScfFunction(scope, id, {
      name: spec.functionName,
      namespace,
      runtime: spec.runtime,
      handler: spec.handler,
      funcType: spec.kind === "http" ? "HTTP" : "Event",
      memSize: spec.memorySize,
      timeout: spec.timeout,
      environment: spec.environment ? { ...spec.environment } : undefined,
      description: spec.description,
      role: spec.role,
      // The schema default false makes Create and Update send PublicNetStatus DISABLE
      // (resource_tc_scf_function.go:729-744, 1557-1569), which the schema reserves for VPC functions (:205-210);
      // Read then writes ENABLE back as true (:1102-1105). The library creates no VPC functions.
      enablePublicNet: true,
      zipFile: code.kind === "localZip" ? code.path : undefined,
      cosBucketName: code.kind === "bucket" ? code.bucket : undefined,
      cosObjectName: code.kind === "bucket" ? code.key : undefined,
      cosBucketRegion: code.kind === "bucket" ? code.region : undefined,
    });
    return { resource: fn, functionNameRef: fn.name, namespace };
  },

  createVersion(scope: Construct, id: string, fn: DeployedFunction, spec: VersionSpec): DeployedVersion {
    const version = new ScfFunctionVersion(scope, id, {
      functionName: fn.functionNameRef,
      // resource_tc_scf_function_version.go:150-152: Read sets namespace; unset, it would replace the version.
      namespace: fn.namespace ?? SCF_DEFAULT_NAMESPACE,
      description: spec.description,
      dependsOn: [fn.resource],
      lifecycle: { createBeforeDestroy: true },
    });
    return { resource: version, versionId: version.functionVersion };
  },

  createAlias(scope: Construct, id: string, fn: DeployedFunction, spec: AliasSpec) {
    // $DEFAULT exists on every function; CreateAlias would collide and DeleteAlias is refused.
    if (spec.name === SCF_DEFAULT_ALIAS) return undefined;
    const weights = spec.weights.map((w) => ({ version: w.versionId, weight: w.weight }));
    const matches = spec.matches.map((m) => ({
      version: m.versionId,
      key: m.key,
      method: m.method,
      expression: m.expression,
    }));
    return new ScfFunctionAlias(scope, id, {
      name: spec.name,
      functionName: fn.functionNameRef,
      // resource_tc_scf_function_alias.go:146-148, 206, 242: the id (and Read) take the namespace as sent, and
      // Update ignores a later change (:317-327); send it from the start.
      namespace: fn.namespace ?? SCF_DEFAULT_NAMESPACE,
      functionVersion: spec.primaryVersionId,
      // Derived from the routing: the provider only sends UpdateAlias when description or routing changes.
      description: spec.description,
      // Read sets routing_config whenever GetAlias returns RoutingConfig (resource_tc_scf_function_alias.go:248-300),
      // which the API documents as always present (GetAlias output, no "may return null" unlike Description).
      // Without a canary the block is sent empty: it matches that read-back, and Update then sends an explicit
      // empty RoutingConfig (:342-377) instead of none.
      routingConfig:
        weights.length > 0
          ? { additionalVersionWeights: weights }
          : matches.length > 0
            ? { additionalVersionMatches: matches }
            : {},
    });
  },
};
