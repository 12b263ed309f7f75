/**
 * The contract between the neutral ReleaseAlarms / ProvisionedCapacity constructs and each cloud's
 * monitoring and capacity mapping (src/clouds/<provider>/monitoring.ts, capacity.ts: the cloud module's
 * `monitoring` and `capacity` parts). The constructs read the routing and decide which versions are
 * watched or provisioned, asking the profile's `alarms` and `capacity` (src/clouds/profile.ts) what the
 * target needs and allows; the mappings only emit resources.
 */
import { Construct } from "constructs";
import { TerraformResource } from "../cdktf";
import { Platform } from "../routing";
import { DeployedFunction } from "./adapter";

/** What is watched: errors (count), throttles (count) and duration (average, milliseconds). */
export type AlarmSignal = "errors" | "throttles" | "duration";
export const ALARM_SIGNALS: readonly AlarmSignal[] = ["errors", "throttles", "duration"];

/** critical / warning / info; each cloud maps it to its own levels (see README, "Monitoring a release"). */
export type AlarmSeverity = "critical" | "warning" | "info";

/** One signal's rule, defaults filled in. */
export interface SignalRule {
  /** Alarm when the value is above this (errors/throttles: a count per period; duration: ms). */
  readonly threshold: number;
  readonly periodSeconds: number;
  /** Periods in a row above the threshold before the alarm fires. */
  readonly consecutivePeriods: number;
  readonly severity: AlarmSeverity;
}

/** Where one alarm looks: one version behind the alias, the alias as a whole, or the whole function. */
export type AlarmScope =
  | {
      readonly kind: "version";
      readonly label: string;
      readonly versionId: string;
      readonly role: "primary" | "canary";
    }
  | { readonly kind: "alias" }
  | { readonly kind: "function" };

/** Names and ids the user gives for notification: never credentials. */
export interface ResolvedNotification {
  readonly tencentNoticeIds: readonly string[];
  readonly contactGroups: readonly string[];
  readonly slsActionPolicyId?: string;
}

export interface AlarmSetSpec {
  readonly platform: Platform;
  /** The function's literal name (for dimensions and queries). */
  readonly functionName: string;
  readonly namespace?: string;
  readonly serviceName?: string;
  readonly aliasName: string;
  readonly notification: ResolvedNotification;
  readonly region?: string;
  readonly accountId?: string;
  readonly scf: Required<ScfAlarmOptions>;
  readonly fc3Logs?: { readonly project: string; readonly logstore: string };
}

/**
 * Tencent: which alarm policy types and dimension keys carry version and alias scoping is not settled by
 * the public record (monitoring-facts.md §2.2, §2.4: [open]); these are explicit, with documented defaults.
 */
export interface ScfAlarmOptions {
  /** Alarm policy type for per-version policies. @default "SCF" ("SCF-version", monitoring-facts.md §2.2) */
  readonly versionPolicyType?: string;
  /** Alarm policy type for the alias as a whole. @default "scf_alias" ("SCF-alias", monitoring-facts.md §2.2) */
  readonly aliasPolicyType?: string;
  /** Key of the namespace in dimensions_json. @default "namespace" (older pages spell it "namspace") */
  readonly namespaceKey?: string;
  /** Alarm metric names per signal. @default { errors: "Error", throttles: "Throttle", duration: "Duration" } (QCE/SCF_V2 names) */
  readonly metricNames?: Readonly<Record<AlarmSignal, string>>;
  /** `project_id` of the policies (ForceNew). @default 0 (the provider examples; -1 sends no project) */
  readonly projectId?: number;
}

/** One alarm as created, for outputs, tests and the annotation text. */
export interface CreatedAlarm {
  readonly scope: AlarmScope;
  readonly signal: AlarmSignal;
  readonly resources: readonly TerraformResource[];
}

export interface AlarmMapping {
  /**
   * Creates the alarm for `signal` on `scope` under `scope`; returns undefined when the cloud cannot scope
   * that signal there (the construct then annotates what is watched instead).
   */
  create(
    construct: Construct,
    id: string,
    fn: DeployedFunction,
    spec: AlarmSetSpec,
    scope: AlarmScope,
    signal: AlarmSignal,
    rule: SignalRule,
  ): TerraformResource[] | undefined;
  /** Why `signal` cannot be watched on `scope` here, or undefined when it can. */
  unsupported(scope: AlarmScope, signal: AlarmSignal): string | undefined;
  /**
   * Turns on and indexes the request logs the alarms query (FC 3.0 `fc3Logs`), once per function; the
   * problem when a second ReleaseAlarms of the function names other logs. Absent: the alarms need no logs.
   */
  configureRequestLogs?(
    construct: Construct,
    fn: DeployedFunction,
    logs: { readonly project: string; readonly logstore: string; readonly create: boolean },
  ): { problem?: string; resources: TerraformResource[] };
}

/** One provisioned-capacity target: a published version (SCF) or an alias (FC 3.0). */
export interface CapacityTarget {
  /** SCF: the version label; FC 3.0: the alias name. */
  readonly key: string;
  /** SCF: the version id (a reference); FC 3.0: the alias name. */
  readonly qualifier: string;
  readonly amount: number;
  readonly alwaysAllocateCpu: boolean;
  readonly alwaysAllocateGpu: boolean;
  readonly dependsOn: readonly TerraformResource[];
}

export interface CapacityMapping {
  create(construct: Construct, id: string, fn: DeployedFunction, target: CapacityTarget): TerraformResource;
}

/**
 * Marker written into each alarm's description (SCF `remark`, CMS `name`, SLS `description`) so the review
 * can read what it watches: `canary <function>/<alias> v=<label>|alias|function <signal>`. `<function>` is the
 * name the review keys functions by (FC 2.0: the service).
 */
export function alarmMarker(
  owner: string,
  aliasName: string,
  scope: AlarmScope,
  signal: AlarmSignal,
): string {
  const where = scope.kind === "version" ? `v=${scope.label}` : scope.kind;
  return `canary ${owner}/${aliasName} ${where} ${signal}`;
}
