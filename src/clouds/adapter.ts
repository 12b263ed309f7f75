/**
 * The contract between the cloud-neutral constructs and each cloud's Terraform mapping.
 * Constructs build and validate the routing model; adapters only turn it into resources.
 */
import { Construct } from "constructs";
import { TerraformResource } from "../cdktf";
import { FunctionCodeSource } from "./code";
import { GatewayCloud, GatewayCondition, Platform, StageName } from "../routing";
import type { ResolvedBackendModelKeys } from "./alicloud/backend-model";
import { NameRule } from "./names";

export type FunctionKind = "event" | "http";

export interface FunctionSpec {
  readonly functionName: string;
  readonly runtime: string;
  readonly handler: string;
  /** A `localZip` path here is relative to the stack folder (a TerraformAsset's path), ready to emit. */
  readonly code: FunctionCodeSource;
  readonly kind: FunctionKind;
  readonly memorySize?: number;
  readonly timeout?: number;
  readonly environment?: Readonly<Record<string, string>>;
  readonly description?: string;
  readonly role?: string;
  /** SCF namespace. */
  readonly namespace?: string;
  /** FC 2.0 service name. */
  readonly serviceName?: string;
}

export interface DeployedFunction {
  /** The function resource (FC 2.0: the function; the service is `container`). */
  readonly resource: TerraformResource;
  /** FC 2.0 service resource. */
  readonly container?: TerraformResource;
  /** Reference to the function name for dependent resources. */
  readonly functionNameRef: string;
  /** Reference to the FC 2.0 service name. */
  readonly serviceNameRef?: string;
  readonly namespace?: string;
}

export interface VersionSpec {
  readonly label: string;
  /** Fixed at declaration: inputs of a version must never change. */
  readonly description: string;
}

export interface DeployedVersion {
  /** Absent when the cloud publishes versions outside Terraform (FC 2.0). */
  readonly resource?: TerraformResource;
  /** The cloud version id: a token for published-by-Terraform versions, a literal on FC 2.0. */
  readonly versionId: string;
}

/** An alias in cloud terms, with version labels already mapped to cloud version ids. */
export interface AliasSpec {
  readonly name: string;
  readonly primaryVersionId: string;
  readonly weights: readonly { readonly versionId: string; readonly weight: number }[];
  readonly matches: readonly {
    readonly versionId: string;
    readonly key: string;
    readonly method: string;
    readonly expression: string;
  }[];
  readonly description: string;
}

export interface CloudAdapter {
  readonly platform: Platform;
  /** e.g. "Tencent SCF". */
  readonly displayName: string;
  /** Problem with a function name under this cloud's rules, or undefined. */
  checkFunctionName(name: string): string | undefined;
  /** FC 2.0: problem with the service name, or undefined. Absent where the cloud has no service. */
  checkServiceName?(name: string): string | undefined;
  /** SCF: problem with the namespace, or undefined. Absent where the cloud has no namespace. */
  checkNamespace?(name: string): string | undefined;
  /** Adds the provider to the stack unless one is configured already. */
  ensureProvider(scope: Construct): void;
  createFunction(scope: Construct, id: string, spec: FunctionSpec): DeployedFunction;
  createVersion(scope: Construct, id: string, fn: DeployedFunction, spec: VersionSpec): DeployedVersion;
  /** Returns undefined for aliases the provider cannot manage (SCF `$DEFAULT`). */
  createAlias(
    scope: Construct,
    id: string,
    fn: DeployedFunction,
    spec: AliasSpec,
  ): TerraformResource | undefined;
}

/** One gateway stage in cloud terms: the qualifier is a Terraform value (alias name or version id). */
export interface GatewayStageSpec {
  readonly stage: StageName;
  readonly cloudStage: string;
  readonly qualifier: string;
  /** Stable text for the qualifier (alias name or version label), for hashes and descriptions. */
  readonly qualifierLabel: string;
  readonly routes: readonly {
    readonly name: string;
    readonly conditions: readonly GatewayCondition[];
    readonly qualifier: string;
  }[];
  readonly customDomain?: { readonly subDomain: string; readonly certificateId?: string };
  /** The aliases and versions this stage calls: created before the stage's API or backend model. */
  readonly dependsOn: readonly TerraformResource[];
}

export interface GatewayNameOptions {
  /** Tencent: '-' is allowed in names and joins derived names (StagedApiGatewayProps.allowDashInServiceName). */
  readonly allowDash?: boolean;
}

export interface GatewaySpec {
  /** Valid under the cloud's rule (GatewayAdapter.checkName), or a token. */
  readonly name: string;
  readonly nameOptions: GatewayNameOptions;
  readonly description: string;
  readonly path: string;
  readonly method: string;
  readonly kind: FunctionKind;
  readonly timeoutSeconds: number;
  /** Alibaba: the function's region (FunctionComputeConfig.FcRegionId). */
  readonly region?: string;
  /** Alibaba: the FunctionComputeConfig keys whose echo is open (StagedApiGatewayProps.backendModelKeys). */
  readonly backendModelKeys?: ResolvedBackendModelKeys;
  readonly functionName: string;
  readonly stages: readonly GatewayStageSpec[];
  /** Everything the stages call (the union of the stages' dependsOn). */
  readonly dependsOn: readonly TerraformResource[];
}

/**
 * The Terraform resources a gateway created, by role (escape hatches): keys are documented per cloud
 * (README, "Escape hatches"). Cast to the generated class from `cdktf-serverless-canary/providers/<provider>`.
 */
export interface GatewayResources {
  /** Resources the stages share (Alibaba `group`, `api`, `backend`, `invokeRole`, `invokePolicy`, …; Tencent none). */
  readonly shared: Readonly<Record<string, TerraformResource>>;
  /** Per stage (Tencent `service`, `api`, `release`, `customDomain`; Alibaba `backendModel`, `routingPlugin`, …). */
  readonly stages: Readonly<Partial<Record<StageName, Readonly<Record<string, TerraformResource>>>>>;
}

export interface CreatedGateway {
  /** Invoke URL per stage (a Terraform expression). */
  readonly urls: Readonly<Partial<Record<StageName, string>>>;
  /** The resources it created, by role. @default - none reported (a cloud module that does not list them) */
  readonly resources?: GatewayResources;
}

export interface GatewayAdapter {
  readonly cloud: GatewayCloud;
  /** The rule `name` breaks (the group name on Alibaba, the service-name prefix on Tencent), or undefined. */
  checkName(name: string, options: GatewayNameOptions): NameRule | undefined;
  /** The rule a stage's custom domain breaks, or undefined (only clouds with custom domains). */
  checkCustomDomain?(subDomain: string): NameRule | undefined;
  create(scope: Construct, fn: DeployedFunction, platform: Platform, spec: GatewaySpec): CreatedGateway;
}
