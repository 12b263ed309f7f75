import { Construct } from "constructs";
import { addDependsOn, Annotations, TerraformOutput, TerraformResource, Token } from "../cdktf";
import { AlarmProfile, AlarmRequirement, cloudFor, cloudModules } from "../clouds";
import {
  ALARM_SIGNALS,
  alarmMarker,
  AlarmScope,
  AlarmSetSpec,
  AlarmSeverity,
  AlarmSignal,
  CreatedAlarm,
  ScfAlarmOptions,
  SignalRule,
} from "../clouds/monitoring";
import { formatVersion, show } from "../routing";
import { ReleaseValidationError } from "./errors";
import { FunctionWithVersions } from "./function-with-versions";
import { ReleaseTarget, resolveTarget, servedVersions } from "./release-target";

export type {
  AlarmScope,
  AlarmSeverity,
  AlarmSignal,
  CreatedAlarm,
  ScfAlarmOptions,
  SignalRule,
} from "../clouds/monitoring";

/** One signal's rule; unset fields take the signal's defaults (see DEFAULT_ALARM_RULES). */
export interface AlarmRuleProps {
  /** Alarm when the value is above this: errors/throttles a count per period, duration milliseconds (average). */
  readonly threshold?: number;
  /** Seconds; SCF: 60, 300, 3600 or 86400; Alibaba: a multiple of 60. @default 60 */
  readonly periodSeconds?: number;
  /** Periods in a row above the threshold before the alarm fires, 1..10. @default 1 (duration: 3) */
  readonly consecutivePeriods?: number;
  /** @default "critical" for errors, "warning" for throttles and duration */
  readonly severity?: AlarmSeverity;
}

/** Per-signal rules; `false` turns a signal off. */
export interface AlarmSignalsProps {
  readonly errors?: AlarmRuleProps | false;
  readonly throttles?: AlarmRuleProps | false;
  readonly duration?: AlarmRuleProps | false;
}

/**
 * Who is notified: ids and names of objects you manage elsewhere, never credentials.
 * - Tencent: `tencentNoticeIds`, ids of Cloud Monitor alarm notices (the tencentcloud provider's
 *   `monitor_alarm_notice`, e.g. "notice-abc123").
 * - Alibaba: `contactGroups`, CloudMonitor contact-group names (the `contact_groups` of the alicloud
 *   provider's CloudMonitor alarm, Required).
 * - Alibaba FC 3.0 log alerts: `slsActionPolicyId`, an SLS action policy id (the alerts' channels).
 */
export interface AlarmNotification {
  readonly tencentNoticeIds?: readonly string[];
  readonly contactGroups?: readonly string[];
  readonly slsActionPolicyId?: string;
}

/** FC 3.0: where the function's request-metric logs go; the construct turns them on and indexes them. */
export interface Fc3RequestLogsProps {
  /** SLS project (globally unique, 3-63 of a-z, 0-9, '-'). */
  readonly project: string;
  readonly logstore: string;
  /** Create the project and logstore (false: they exist; the index is created either way). @default true */
  readonly create?: boolean;
}

export interface ReleaseAlarmsProps {
  /** A CanaryAlias, or a stage of a StagedApiGateway (every alias the stage and its routes call). */
  readonly target: ReleaseTarget;
  readonly notification: AlarmNotification;
  /** Rules of every scope. @default DEFAULT_ALARM_RULES */
  readonly signals?: AlarmSignalsProps;
  /** Overrides for the primary version. @default - `signals` */
  readonly primary?: AlarmSignalsProps;
  /** Overrides for the canary version. @default - `signals` */
  readonly canary?: AlarmSignalsProps;
  /** Overrides for the alias as a whole (FC 3.0: also the function-level alarms). @default - `signals` */
  readonly alias?: AlarmSignalsProps;
  /** Alibaba: the function's region, a CloudMonitor dimension (e.g. "cn-hangzhou"). Required on FC. */
  readonly region?: string;
  /** Alibaba: your account id, added as the `userId` dimension (its need is [open]). @default - not sent */
  readonly accountId?: string;
  /** Tencent: policy types, dimension keys and metric names (not settled by the public record). @default - see ScfAlarmOptions */
  readonly scf?: ScfAlarmOptions;
  /** FC 3.0: the request-log destination. Required on FC 3.0. */
  readonly fc3Logs?: Fc3RequestLogsProps;
}

/** The documented defaults: any error or throttle in a minute; average duration above 3 s for 3 minutes. */
export const DEFAULT_ALARM_RULES: Readonly<Record<AlarmSignal, SignalRule>> = {
  errors: { threshold: 0, periodSeconds: 60, consecutivePeriods: 1, severity: "critical" },
  throttles: { threshold: 0, periodSeconds: 60, consecutivePeriods: 1, severity: "warning" },
  duration: { threshold: 3000, periodSeconds: 60, consecutivePeriods: 3, severity: "warning" },
};

const SEVERITIES: readonly AlarmSeverity[] = ["critical", "warning", "info"];
/** Strings shaped like access keys (Alibaba LTAI…, Tencent AKID…): notification takes names and ids only. */
const KEY_LIKE = /^(LTAI|AKID)[A-Za-z0-9]{8,}$/;

/** FC 3.0 function-level alarms, once per function. */
const functionLevel = new WeakMap<object, boolean>();

/**
 * Alarms per served version (primary and canary separately) and for the alias as a whole, following the
 * alias's routing: declared once, they move with the canary (v2 → v3 destroys v2's alarms and creates
 * v3's), and a version that no longer serves loses its alarms at promotion or rollback. Each alarm has a
 * resource address of its own per version label, so the primary's alarms are untouched by a canary move.
 *
 * - SCF: a Cloud Monitor alarm policy per (version | alias, signal), each with exactly one binding object.
 * - FC 3.0: SLS log alerts on the request logs grouped by `versionId` (errors, duration), function-level
 *   CloudMonitor alarms (all versions); throttles cannot be scoped to a version: annotated.
 * - FC 2.0: CloudMonitor FunctionQualifier* alarms with the `qualifier` dimension.
 */
export class ReleaseAlarms extends Construct {
  /** Every alarm created, with what it watches. */
  readonly alarms: readonly CreatedAlarm[];
  readonly output: TerraformOutput;

  constructor(scope: Construct, id: string, props: ReleaseAlarmsProps) {
    super(scope, id);
    if (typeof props !== "object" || props === null)
      throw new ReleaseValidationError(this.node.path, `props must be an object; got ${show(props)}`);
    const { fn, aliases } = resolveTarget(this, props.target);
    // What the target needs and allows (its profile) and how it writes alarms (its cloud module).
    const profile = fn.profile.alarms;
    const mapping = cloudFor(fn.platform)?.monitoring;
    if (!profile || !mapping) {
      const supported = cloudModules()
        .filter((m) => m.profile.alarms && m.monitoring)
        .map((m) => m.profile.platform);
      throw new ReleaseValidationError(
        this.node.path,
        `release alarms are not supported on ${fn.profile.displayName} (its cloud module has no alarm mapping); ` +
          `allowed: a target on ${supported.join(", ")}`,
      );
    }
    const spec0: AlarmSetSpec = {
      ...this.baseSpec(fn, profile, props),
      namespace: fn.deployed.namespace,
      serviceName: fn.profile.aliasOwner === "service" ? fn.serviceOrFunctionName : undefined,
    };
    const alarms: CreatedAlarm[] = [];
    const summary: string[] = [];

    let logResources: TerraformResource[] = [];
    if (mapping.configureRequestLogs && props.fc3Logs) {
      const logs = props.fc3Logs;
      const result = mapping.configureRequestLogs(this, fn.deployed, {
        project: logs.project,
        logstore: logs.logstore,
        create: logs.create ?? true,
      });
      if (result.problem)
        throw new ReleaseValidationError(
          this.node.path,
          `fc3Logs ${logs.project}/${logs.logstore}: ${result.problem}; allowed: the same project and logstore for every ReleaseAlarms of a function`,
        );
      logResources = result.resources;
    }

    const emit = (
      host: Construct,
      cid: string,
      spec: AlarmSetSpec,
      scope: AlarmScope,
      signal: AlarmSignal,
      rule: SignalRule,
    ): boolean => {
      const marker = alarmMarker(spec.serviceName ?? spec.functionName, spec.aliasName, scope, signal);
      // Where the cloud stores the marker may limit it (SCF: the policy remark).
      const markerProblem = profile.markerProblem?.(marker);
      if (markerProblem) throw new ReleaseValidationError(this.node.path, markerProblem);
      const resources = mapping.create(host, cid, fn.deployed, spec, scope, signal, rule);
      if (!resources) return false;
      for (const r of resources) if (logResources.length > 0) addDependsOn(r, ...logResources);
      alarms.push({ scope, signal, resources });
      return true;
    };

    for (const alias of aliases) {
      const spec: AlarmSetSpec = { ...spec0, aliasName: alias.aliasName };
      const host = new Construct(this, alias.aliasName);
      const parts: string[] = [];
      const unscoped: string[] = [];
      const reasons = new Set<string>();
      for (const v of servedVersions(alias)) {
        const scope: AlarmScope = { kind: "version", label: v.label, versionId: v.versionId, role: v.role };
        const watched: string[] = [];
        for (const signal of ALARM_SIGNALS) {
          const rule = this.rule(props, profile, v.role, signal);
          if (!rule) continue;
          if (emit(host, `v${v.label}-${signal}`, spec, scope, signal, rule)) watched.push(signal);
          else {
            unscoped.push(`${signal} of ${formatVersion(v.label)} (${v.role})`);
            reasons.add(mapping.unsupported(scope, signal) ?? "");
          }
        }
        parts.push(`${formatVersion(v.label)} ${v.role} ${watched.join(",") || "-"}`);
      }
      const watched: string[] = [];
      for (const signal of ALARM_SIGNALS) {
        const rule = this.rule(props, profile, "alias", signal);
        if (!rule) continue;
        if (emit(host, `alias-${signal}`, spec, { kind: "alias" }, signal, rule)) watched.push(signal);
        else {
          unscoped.push(`${signal} of the alias as a whole`);
          reasons.add(mapping.unsupported({ kind: "alias" }, signal) ?? "");
        }
      }
      parts.push(`alias ${watched.join(",") || "-"}`);
      summary.push(`${alias.aliasName}: ${parts.join(" | ")}`);
      // Watch before shifting: the alias waits for its versions' alarms (a new canary is watched before it gets
      // traffic; a version's alarms are destroyed only after the alias has moved off it), and the alias-wide
      // alarms, which name the alias, wait for the alias.
      if (alias.resource) {
        const mine = alarms.filter((a) =>
          a.resources.some((r) => r.node.scope === host || r.node.scope?.node.scope === host),
        );
        const versionScoped = mine.filter((a) => a.scope.kind === "version").flatMap((a) => a.resources);
        addDependsOn(alias.resource, ...versionScoped);
        for (const r of mine.filter((a) => a.scope.kind === "alias").flatMap((a) => a.resources))
          addDependsOn(r, alias.resource);
      }
      if (unscoped.length > 0) {
        const reason = [...reasons].filter((r) => r).join("; ");
        Annotations.of(this).addWarning(
          `alias ${alias.aliasName} of ${fn.serviceOrFunctionName}: ${unscoped.join(", ")} cannot be scoped on ${fn.cloudName}` +
            (reason ? ` (${reason})` : "") +
            (profile.functionLevel?.watchedInstead(fn.functionName) ?? ""),
        );
      }
    }

    if (profile.functionLevel && !functionLevel.has(fn.deployed.resource)) {
      functionLevel.set(fn.deployed.resource, true);
      const spec: AlarmSetSpec = { ...spec0, aliasName: aliases[0]?.aliasName ?? "function" };
      const watched: string[] = [];
      for (const signal of ALARM_SIGNALS) {
        const rule = this.rule(props, profile, "alias", signal);
        if (rule && emit(this, `function-${signal}`, spec, { kind: "function" }, signal, rule))
          watched.push(signal);
      }
      summary.push(`function ${fn.functionName} (all versions): ${watched.join(",")}`);
      Annotations.of(this).addInfo(profile.functionLevel.info(fn.functionName));
    }
    this.alarms = alarms;
    this.output = new TerraformOutput(this, "alarms", {
      value: summary.join(" || "),
      description: `Release alarms of ${fn.serviceOrFunctionName}: what each served version and alias is watched for`,
    });
  }

  /** The alarms that watch `label` (a version label) or, with "alias", the aliases as a whole. */
  watching(label: string | "alias" | "function"): CreatedAlarm[] {
    return this.alarms.filter((a) =>
      label === "alias" || label === "function"
        ? a.scope.kind === label
        : a.scope.kind === "version" && a.scope.label === label,
    );
  }

  private baseSpec(fn: FunctionWithVersions, profile: AlarmProfile, props: ReleaseAlarmsProps): AlarmSetSpec {
    const n = (props.notification ?? {}) as AlarmNotification;
    const list = (what: string, value: unknown): string[] => {
      if (value === undefined) return [];
      if (!Array.isArray(value))
        throw new ReleaseValidationError(
          this.node.path,
          `notification.${what} must be a list; got ${show(value)}`,
        );
      return value.map((v, i) => this.notificationValue(`notification.${what}[${i}]`, v));
    };
    const notification = {
      tencentNoticeIds: list("tencentNoticeIds", n.tencentNoticeIds),
      contactGroups: list("contactGroups", n.contactGroups),
      slsActionPolicyId:
        n.slsActionPolicyId === undefined
          ? undefined
          : this.notificationValue("notification.slsActionPolicyId", n.slsActionPolicyId),
    };
    const need = (ok: boolean, what: string) => {
      if (!ok)
        throw new ReleaseValidationError(this.node.path, `${what} is required on ${fn.adapter.displayName}`);
    };
    const given: Readonly<Record<AlarmRequirement, () => boolean>> = {
      "notification.tencentNoticeIds": () => notification.tencentNoticeIds.length > 0,
      "notification.contactGroups": () => notification.contactGroups.length > 0,
      "notification.slsActionPolicyId": () => notification.slsActionPolicyId !== undefined,
      region: () => props.region !== undefined,
      fc3Logs: () => props.fc3Logs !== undefined,
    };
    // What the target needs, in its order (SCF: notice ids; Alibaba: contact groups and region; FC 3.0: logs too).
    for (const { prop, what } of profile.required) {
      need(given[prop](), what);
      if (prop === "fc3Logs") {
        literal(this, "fc3Logs.project", props.fc3Logs!.project);
        literal(this, "fc3Logs.logstore", props.fc3Logs!.logstore);
      }
    }
    for (const s of [props.signals, props.primary, props.canary, props.alias])
      for (const signal of ALARM_SIGNALS) this.rule({ ...props, signals: s }, profile, "signals", signal);
    const scf = props.scf ?? {};
    return {
      platform: fn.platform,
      functionName: literal(this, "the function name", fn.functionName),
      aliasName: "",
      notification,
      region: props.region === undefined ? undefined : literal(this, "region", props.region),
      accountId: props.accountId === undefined ? undefined : literal(this, "accountId", props.accountId),
      scf: {
        versionPolicyType: scf.versionPolicyType ?? "SCF",
        aliasPolicyType: scf.aliasPolicyType ?? "scf_alias",
        namespaceKey: scf.namespaceKey ?? "namespace",
        metricNames: { errors: "Error", throttles: "Throttle", duration: "Duration", ...scf.metricNames },
        projectId: scf.projectId ?? 0,
      },
      ...(props.fc3Logs
        ? { fc3Logs: { project: props.fc3Logs.project, logstore: props.fc3Logs.logstore } }
        : {}),
    };
  }

  private notificationValue(what: string, value: unknown): string {
    const text = literal(this, what, value);
    if (KEY_LIKE.test(text))
      throw new ReleaseValidationError(
        this.node.path,
        `${what} looks like an access key; allowed: a notice id, contact-group name or action policy id (never credentials)`,
      );
    return text;
  }

  /** The rule of `signal` on a scope, defaults filled in; undefined when turned off. */
  private rule(
    props: ReleaseAlarmsProps,
    profile: AlarmProfile,
    role: "primary" | "canary" | "alias" | "signals",
    signal: AlarmSignal,
  ): SignalRule | undefined {
    const base = props.signals?.[signal];
    const own = role === "signals" ? undefined : props[role]?.[signal];
    if (own === false || (own === undefined && base === false)) return undefined;
    const merged = { ...DEFAULT_ALARM_RULES[signal], ...(base || {}), ...(own || {}) };
    const where = `${role === "signals" ? "signals" : role}.${signal}`;
    const bad = (field: string, value: unknown, allowed: string) =>
      new ReleaseValidationError(
        this.node.path,
        `invalid ${where}.${field} ${show(value)}; allowed: ${allowed}`,
      );
    if (typeof merged.threshold !== "number" || !Number.isFinite(merged.threshold) || merged.threshold < 0)
      throw bad("threshold", merged.threshold, "a number >= 0");
    const p = merged.periodSeconds;
    if (!profile.periodAllowed(p)) throw bad("periodSeconds", p, profile.periodsAllowed);
    const c = merged.consecutivePeriods;
    if (!Number.isInteger(c) || c < 1 || c > 10) throw bad("consecutivePeriods", c, "an integer 1..10");
    if (!SEVERITIES.includes(merged.severity)) throw bad("severity", merged.severity, SEVERITIES.join(", "));
    return merged;
  }
}

/** A literal string, or an error naming what must be literal (dimensions and queries need the text at synth). */
function literal(who: Construct, what: string, value: unknown): string {
  if (typeof value !== "string" || Token.isUnresolved(value) || value === "") {
    throw new ReleaseValidationError(
      who.node.path,
      `${what} must be a non-empty string known at synth time; got ${show(value)}`,
    );
  }
  return value;
}
