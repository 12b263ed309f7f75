/**
 * What a target can express, as the cloud-neutral constructs ask for it: the capabilities of one
 * platform and the message to show when it cannot do something. One profile per platform, in the
 * cloud's folder (`tencentcloud/profile.ts`, `alicloud/profile.ts`). Pure: no cdktf import, so the
 * review tooling may read it too.
 */
import { AnyAlias, FunctionModel, GatewayCloud, Platform, StageName } from "../routing";

/** The fields of a routing model every platform shares (`FunctionWithVersions.routingModel`). */
export interface FunctionModelBase {
  readonly functionName: string;
  readonly publishedVersions: readonly string[];
  readonly versionSnapshots: Readonly<Record<string, string>>;
  readonly versionIdsAssignedByCloud: boolean;
}

/**
 * How an alias routes by rules on this target:
 * - `match`: SCF-style `additional_version_matches` on the invoke RoutingKey (exact/range);
 * - `policy`: an FC `routePolicy` (header/cookie/query items); `deployable: false` when the provider
 *   cannot write it (the rules are then simulated only, or refused);
 * - `none`: weight only.
 */
export type AliasRuleSupport =
  | {
      readonly kind: "match";
      /** A rule this alias shape cannot express, or undefined. */
      ruleProblem(
        rule: { source: unknown; name: unknown; operator: unknown; value: unknown },
        index: number,
      ): string | undefined;
      /** Weight and rules in one alias. */
      weightAndRules(weight: unknown, ruleCount: number): string;
    }
  | {
      readonly kind: "policy";
      readonly deployable: boolean;
      /** Refusal when `deployable` is false and the user did not opt into simulate-only. */
      refusal(ruleCount: number): string;
      /** Warning when the rules are kept for the simulator only. */
      simulatedOnly(weight: number): string;
    }
  | { readonly kind: "none"; refusal(ruleCount: number): string };

/** What one target (platform) can express, and how the constructs word it. */
export interface CloudProfile {
  readonly platform: Platform;
  /** e.g. "Tencent SCF". */
  readonly displayName: string;
  /** The gateway cloud that fronts this platform. */
  readonly gatewayCloud: GatewayCloud;
  /** What owns the aliases, in messages: "service" (FC 2.0) or "function". */
  readonly aliasOwner: "service" | "function";
  /** The routing model's alias shape: SCF (`primary`/`weights`/`matches`) or FC (`versionId`/`weights`/`routePolicy`). */
  readonly aliasShape: "scf" | "fc";
  /** `LATEST` / `$LATEST`. */
  readonly latestQualifier: string;
  /** Qualifiers every function has without declaring them (SCF `$DEFAULT`, `$LATEST`; FC `LATEST`). */
  readonly builtInQualifiers: readonly string[];
  /** A built-in alias the provider cannot manage (SCF `$DEFAULT`): configured, simulated, never created. */
  readonly builtInAlias?: {
    readonly name: string;
    /** Info annotation for an alias configured under that name. */
    info(summary: string): string;
    /** Its routing when not configured (SCF: `$DEFAULT` → `$LATEST`). */
    readonly routing: AnyAlias;
  };
  /** What a gateway's dev stage calls by default. */
  readonly defaultDevQualifier: string;
  /** Version ids are assigned by the cloud at publish time (false: the labels are the ids). */
  readonly versionIdsAssignedByCloud: boolean;
  /** When versions are published outside Terraform: why nothing can be protected. */
  readonly versionsOutsideTerraform?: string;
  /** A version label this target cannot take, or undefined. */
  versionLabelProblem?(label: string): string | undefined;
  readonly aliasRules: AliasRuleSupport;
  /** The deployed description also carries the version ids (SCF skips UpdateAlias on an unchanged description). */
  readonly aliasDescriptionTracksIds: boolean;
  /** Longest alias description the cloud accepts, when the library must cut it. */
  readonly aliasDescriptionMax?: number;
  /** Alias owner name: the FC 2.0 service, else the function. */
  aliasOwnerName(names: { readonly functionName: string; readonly serviceName: string }): string;
  /** The routing model for this platform. */
  functionModel(
    base: FunctionModelBase,
    names: { readonly serviceName: string },
    aliases: readonly unknown[],
  ): FunctionModel;
  /** A function this target cannot put behind the gateway, or undefined. */
  gatewayFunctionProblem?(kind: "event" | "http"): string | undefined;
  /**
   * Validation rules (routing-semantics.md §8) whose verdict on this target the public record contests:
   * review reports a break as a note unless asked to treat it as a danger (FC 2.0: V6, see
   * `DangerOptions.fc2PrimaryInWeights`). @default - none
   */
  readonly contestedRules?: readonly string[];
  /** What ReleaseAlarms needs and allows here. Absent: alarms are not supported on this target. */
  readonly alarms?: AlarmProfile;
  /** How ProvisionedCapacity provisions here, or why it cannot. Absent: not supported on this target. */
  readonly capacity?: CapacityProfile;
  /** `review simulate` warnings for routing-key targets (SCF), when a request does not fit them. */
  readonly routingKeyHints?: {
    /** A routing key given for a stage: the gateway sets it. */
    readonly behindGateway: string;
    /** Headers but no routing key, for an alias. */
    readonly headersWithoutKey: string;
  };
}

/** What a gateway cloud can express. */
export interface GatewayProfile {
  readonly cloud: GatewayCloud;
  /**
   * Custom domains per stage (with the rule shown when a sub-domain is not a string at all; the
   * gateway adapter checks the string), else the refusal for a stage that sets one.
   */
  readonly customDomain:
    | { readonly notAString: { readonly what: string; readonly allowed: string } }
    | ((stage: string) => string);
  /** The function's region is required (Alibaba FcRegionId): the message for a missing one. */
  regionProblem?(region: unknown): string | undefined;
  /** Default HTTP method of the API. */
  readonly defaultMethod: string;
  /**
   * Where a gateway `name` must be unique: `app` (across every stack of one app, per region when the
   * cloud has one: Alibaba group names) or `stack`; and why, for the refusal of a second gateway.
   * @default - unique per stack
   */
  readonly nameUniqueness?: {
    readonly scope: "app" | "stack";
    /** Why a second gateway with the same name is refused, e.g. what the cloud API would do. */
    why(name: string, region: string | undefined): string;
  };
  /** The cloud's own stage/environment name: Tencent release/prepub/test, Alibaba RELEASE/PRE/TEST. */
  cloudStageName(stage: StageName): string;
  /** Per cloud-specific StagedApiGateway option: `true` where the cloud has it, else the refusal when set. */
  readonly options: {
    readonly experimentalFcRoutingPlugin: true | string;
    readonly allowDashInServiceName: true | string;
  };
  /**
   * Gateway routes that need an opt-in (Alibaba's routing plugin with an FC backend override): the
   * refusal without `experimentalFcRoutingPlugin`, and the warning with it. Absent: routes need no opt-in
   * (clouds without gateway routes refuse them in the routing core).
   */
  readonly experimentalRoutes?: {
    refusal(which: string, count: number): string;
    readonly warning: string;
  };
}

/** A ReleaseAlarms prop a target needs (`AlarmProfile.required`). */
export type AlarmRequirement =
  | "notification.tencentNoticeIds"
  | "notification.contactGroups"
  | "notification.slsActionPolicyId"
  | "region"
  | "fc3Logs";

/** What ReleaseAlarms needs and allows on one target; the cloud's alarm mapping writes the resources. */
export interface AlarmProfile {
  /** The props needed here, in the order they are checked, with what the error calls each. */
  readonly required: readonly { readonly prop: AlarmRequirement; readonly what: string }[];
  /** An alarm period (seconds) the cloud accepts. */
  periodAllowed(seconds: number): boolean;
  /** The periods it accepts, as the error for another says them. */
  readonly periodsAllowed: string;
  /** The alarm marker (the text the review reads) is stored where the cloud limits it: the error, or undefined. */
  markerProblem?(marker: string): string | undefined;
  /**
   * Signals that cannot be scoped to a version or alias are watched by function-level alarms on all
   * versions (FC 3.0): the text the warning adds, and the info annotation. Absent: no function-level alarms.
   */
  readonly functionLevel?: {
    watchedInstead(functionName: string): string;
    info(functionName: string): string;
  };
}

/**
 * How ProvisionedCapacity provisions on one target (the cloud's capacity mapping writes the resource):
 * per served published version (SCF), per alias (FC 3.0), or not at all, with the refusal (FC 2.0).
 */
export type CapacityProfile =
  PerVersionCapacity | PerAliasCapacity | { readonly per: "none"; readonly refusal: string };

/** One config per served, published version. */
export interface PerVersionCapacity {
  readonly per: "version";
  /** The provisioned sum over a function's versions stays at or below its quota minus this. */
  readonly quotaReserve: number;
  /** Warning: an alias serves the latest qualifier, which cannot be provisioned. */
  latestServed(alias: string): string;
  /** Warning: `proportional` changes a version's count when its weight changes, and what that does here. */
  readonly proportionalChanges: string;
  /** Error: a version already provisioned by another ProvisionedCapacity. */
  versionTaken(version: string, functionName: string, owner: string): string;
  /** Error: the provisioned sum is above the quota minus the reserve. */
  overQuota(o: {
    readonly functionName: string;
    readonly sum: number;
    readonly amounts: string;
    readonly quota: number;
    readonly limit: number;
  }): string;
}

/** One config on the alias as a whole. */
export interface PerAliasCapacity {
  readonly per: "alias";
  /** Largest amount of one config. */
  readonly max: number;
  /** Warning: the alias routes to more than one version (`versions`: `v1 and v2`). */
  weightedAlias(alias: string, versions: string): string;
  /** Warning: `proportional` cannot split an alias's config. */
  proportional(alias: string, total: number): string;
  /** Warning when a function has `count` > 1 configs (FC 3.0: they share one provider id). @default - none */
  severalConfigs?(count: number, functionName: string): string;
}
