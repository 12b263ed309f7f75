/**
 * What a review sees in one synthesized output or one side of a plan: functions with their
 * published versions and aliases (as routing models, version labels as ids) and gateway stages
 * bound to aliases. Pure data.
 */
import { RecordedAssumptions } from "./assumptions";
import { FunctionModel, GatewayCloud, GatewayRoute, Platform, StageName } from "../routing";
import type { MonitoringSnapshot } from "./monitoring";

/** A published version (a version resource), by label. */
export interface ReviewVersion {
  /** `2` for a version resource described `release 2` (the library's form), else its resource name. */
  readonly label: string;
  readonly address: string;
  readonly description?: string;
  /** The cloud's version id when known (plans of existing versions). */
  readonly cloudId?: string;
  /** Its ForceNew inputs (every input of a version resource), resolved where literal: a change replaces it. */
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface ReviewFunction {
  /** `scf:default/orders`, `fc3:orders`, `fc2:my-service` (with `@stack` when two stacks share it). */
  readonly id: string;
  /** The id without stack: what matches the same function in another snapshot. */
  readonly key: string;
  readonly stack: string;
  readonly platform: Platform;
  /** The function name; on FC 2.0 the service name (versions and aliases belong to the service). */
  readonly name: string;
  /** The name as reports show it: with ` (platform)` or `@stack` when another function shares the name. */
  readonly label: string;
  readonly namespace?: string;
  /** The function (FC 2.0: service) resource, absent when the configuration only references it. */
  readonly address?: string;
  /** Referenced by an alias or API but not defined in this configuration. */
  readonly external: boolean;
  readonly versions: readonly ReviewVersion[];
  /**
   * Whether this configuration publishes the function's versions, so a version it does not list is
   * unpublished. False on FC 2.0 (no version resource), for external functions and for functions
   * without version resources (aliases then name ids published elsewhere).
   */
  readonly versionsKnown: boolean;
  /** Labels of references to version resources that do not exist in the configuration. */
  readonly missingVersions: readonly string[];
  /** Version values only known at apply time, shown as their expression. */
  readonly unknownVersions: readonly string[];
  /** The routing model: labels as version ids. Weights only known at apply time are NaN. */
  readonly model: FunctionModel;
  /** Alias name → its resource address. */
  readonly aliasAddresses: Readonly<Record<string, string>>;
}

export interface ReviewStage {
  /** `orders-api/release` (`orders-api@stack/release` when stacks share the gateway name; `#api` with several APIs). */
  readonly id: string;
  /** The id without stack: what matches the same stage in another snapshot. */
  readonly key: string;
  readonly stack: string;
  readonly cloud: GatewayCloud;
  /** Alibaba: the group name; Tencent: the service name (without a `-<stage>` suffix). */
  readonly gateway: string;
  /** The gateway as reports show it: with `@stack` when stacks share the name. */
  readonly gatewayLabel: string;
  /** The real name in the cloud when it differs from `gateway` (Tencent: the service `orders-release`). */
  readonly cloudName?: string;
  /** The API, when the gateway has more than one. */
  readonly api?: string;
  readonly stage: StageName;
  /** Tencent test/prepub/release, Alibaba TEST/PRE/RELEASE. */
  readonly cloudStage: string;
  readonly functionId?: string;
  /** The alias, version label, `$DEFAULT` or `LATEST` the stage calls. */
  readonly qualifier?: string;
  /** Alibaba routing-plugin routes in front of the qualifier. */
  readonly routes: readonly GatewayRoute[];
  /** Routes that could not be read (shown as text, not simulated). */
  readonly unparsedRoutes: readonly string[];
  /** The resource that binds the stage: the Tencent API, the Alibaba backend model or API. */
  readonly address: string;
  /** Tencent: the service release that publishes the stage. */
  readonly releaseAddress?: string;
  /** Why the stage has no usable binding, when it has none. */
  readonly problem?: string;
}

/** A Tencent API Gateway service release: replacing one takes its environment offline. */
export interface ReviewRelease {
  readonly address: string;
  readonly stack: string;
  readonly environment: string;
  /** The gateway label of its service. */
  readonly gateway: string;
  /** Every input is ForceNew. */
  readonly inputs: Readonly<Record<string, unknown>>;
}

/**
 * An Alibaba API Gateway backend model: `backend_id`, `backend_type` and `stage_name` are
 * ForceNew, and DeleteBackendModel takes the stage's APIs offline, so replacing one is an outage.
 */
export interface ReviewBackendModel {
  readonly address: string;
  readonly stack: string;
  /** The group name of the API that uses the backend, else the backend's name. */
  readonly gateway: string;
  /** The backend's name (or its address when not defined here): matches the model across snapshots. */
  readonly backend: string;
  /** RELEASE, PRE, TEST or a custom stage. */
  readonly stageName: string;
  /** Its ForceNew inputs, and the backend's own ForceNew `backend.backend_type`, resolved where literal. */
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** A finding on the Terraform JSON itself (V26: create_before_destroy on a service release). */
export interface JsonFinding {
  readonly rule: string;
  readonly stack: string;
  readonly address: string;
  readonly message: string;
}

/** Something raw JSON cannot evaluate (a module, `count`, `for_each`, `dynamic`, a name only Terraform knows). */
export interface NotEvaluated {
  /** The resource or module address. */
  readonly address: string;
  readonly stack: string;
  /** `has count`, `is a module call (source ./m)`… */
  readonly reason: string;
}

export interface Snapshot {
  /** The path as given (`<plan> (before)` for a plan's implied base). */
  readonly source: string;
  readonly kind: "synth" | "plan";
  readonly stacks: readonly string[];
  readonly functions: readonly ReviewFunction[];
  readonly stages: readonly ReviewStage[];
  readonly releases: readonly ReviewRelease[];
  readonly backendModels: readonly ReviewBackendModel[];
  readonly findings: readonly JsonFinding[];
  /** Things the reader should know (unread routes, custom stages, values known only after apply). */
  readonly notes: readonly string[];
  /** Release alarms and provisioned capacity (src/review/monitoring.ts). @default - none */
  readonly monitoring?: MonitoringSnapshot;
  /** What the review could not evaluate without Terraform: "not evaluated — run with a plan". Never a danger. */
  readonly notEvaluated?: readonly NotEvaluated[];
  /** What the app recorded for the simulator (routing options, simulate-only rules), per output. */
  readonly recorded?: readonly RecordedAssumptions[];
}
