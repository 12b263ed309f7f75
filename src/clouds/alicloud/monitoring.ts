/**
 * Alibaba alarms.
 *
 * FC 3.0: CloudMonitor documents no version or alias dimension (monitoring-facts.md §1.1, [doc]); the
 * per-version signal is the function's request log in SLS (`versionId`, `qualifier`, `hasFunctionError`,
 * `durationMs`, §1.3). So errors and duration per version and per alias are `alicloud_sls_alert`s on the
 * function's request-metric logstore, grouped by `versionId`; throttles are not in the request log and are
 * watched by function-level `alicloud_cms_alarm`s (all versions), which say so.
 *
 * FC 2.0: CloudMonitor `FunctionQualifier*` metrics with a `qualifier` dimension (§1.2, [tool]): the
 * qualifier is the version id for a version, the alias name for the alias as a whole.
 *
 * Provider behaviour relied on (aliyun/terraform-provider-alicloud @81c43b67):
 * - alicloud_cms_alarm: project and metric are ForceNew (alicloud/resource_alicloud_cms_alarm.go:36-45), so a
 *   scope keeps its metric; metric_dimensions is a JSON array string sent verbatim as Resources (:51-60,
 *   :616-617); period defaults to 300 (:67-71) and silence_time to 86400 (:72-77): both are always set here;
 *   escalation `times` defaults to 3 (:114): always set.
 * - alicloud_sls_alert: configuration and schedule are Required single blocks (resource_alicloud_sls_alert.go:36-39,
 *   :392-395); integer fields are sent even when 0, so threshold is always >= 1 (:500-503); optional blocks are
 *   read back only when the API returns them (:803-985), so the sink blocks are declared disabled; status is
 *   compared exactly (:1347) and written in upper case.
 * - alicloud_fcv3_function.log_config: project, logstore, enable_request_metrics (resource_alicloud_fcv3_function.go:441-473),
 *   sent on update only when changed (:1479-1505).
 * - alicloud_log_store_index: field_search.type defaults to long (resource_alicloud_log_store_index.go:89-94), so
 *   every field sets its type; Create fails when the logstore already has an index (:179-182).
 */
import { Construct } from "constructs";
import { addDependsOn, TerraformResource } from "../../cdktf";
import { CmsAlarm } from "../../.gen/providers/alicloud/cms-alarm";
import { Fcv3Function } from "../../.gen/providers/alicloud/fcv3-function";
import { LogProject } from "../../.gen/providers/alicloud/log-project";
import { LogStore } from "../../.gen/providers/alicloud/log-store";
import { LogStoreIndex } from "../../.gen/providers/alicloud/log-store-index";
import { SlsAlert } from "../../.gen/providers/alicloud/sls-alert";
import { DeployedFunction } from "../adapter";
import { AlarmMapping, AlarmScope, AlarmSetSpec, AlarmSignal, alarmMarker, SignalRule } from "../monitoring";

/** CloudMonitor silence_time: 300 s (the minimum, :72-77) instead of the provider's 24 h default. */
export const CMS_SILENCE_SECONDS = 300;

const FC2_METRICS: Readonly<Record<AlarmSignal, string>> = {
  errors: "FunctionQualifierFunctionErrors",
  throttles: "FunctionQualifierConcurrencyThrottles",
  duration: "FunctionQualifierAvgDuration",
};

/** FC 3.0 function-level metrics (monitoring-facts.md §1.1): they count every version. */
const FC3_FUNCTION_METRICS: Readonly<Record<AlarmSignal, string>> = {
  errors: "FunctionFunctionErrors",
  throttles: "FunctionConcurrencyThrottles",
  duration: "FunctionAvgDuration",
};

/** SLS alert severities: 10 Critical, 6 Medium, 4 Low (log_alert.html.markdown:334). */
const SLS_SEVERITY = { critical: 10, warning: 6, info: 4 } as const;

function cmsAlarm(
  construct: Construct,
  id: string,
  spec: AlarmSetSpec,
  name: string,
  metric: string,
  dimensions: Record<string, string>,
  rule: SignalRule,
): CmsAlarm {
  const escalation = {
    comparisonOperator: ">",
    // The valid statistics per FC metric are [open] (monitoring-facts.md §1.4); the provider default and the
    // third-party FC example use Average. With a 60 s period FC has one 60 s data point, so Average is the value.
    statistics: "Average",
    threshold: String(rule.threshold),
    times: rule.consecutivePeriods,
  };
  return new CmsAlarm(construct, id, {
    name,
    project: "acs_fc",
    metric,
    contactGroups: [...spec.notification.contactGroups],
    metricDimensions: JSON.stringify([
      { ...(spec.accountId ? { userId: spec.accountId } : {}), ...dimensions },
    ]),
    period: rule.periodSeconds,
    silenceTime: CMS_SILENCE_SECONDS,
    enabled: true,
    ...(rule.severity === "critical"
      ? { escalationsCritical: escalation }
      : rule.severity === "warning"
        ? { escalationsWarn: escalation }
        : { escalationsInfo: escalation }),
  });
}

export const fc2AlarmMapping: AlarmMapping = {
  unsupported: () => undefined,
  create(construct, id, _fn, spec, scope, signal, rule) {
    if (scope.kind === "function") return [];
    const qualifier = scope.kind === "version" ? scope.versionId : spec.aliasName;
    const owner = spec.serviceName ?? spec.functionName;
    return [
      cmsAlarm(
        construct,
        id,
        spec,
        alarmMarker(owner, spec.aliasName, scope, signal),
        FC2_METRICS[signal],
        {
          region: spec.region!,
          serviceName: owner,
          functionName: spec.functionName,
          qualifier,
        },
        rule,
      ),
    ];
  },
};

/** Quoted SLS search value. */
const q = (value: string) => `"${value.replace(/"/g, '\\"')}"`;

function interval(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

export const fc3AlarmMapping: AlarmMapping = {
  configureRequestLogs: (construct, fn, logs) => configureFc3RequestLogs(construct, fn, logs),

  unsupported(scope, signal) {
    if (scope.kind !== "function" && signal === "throttles")
      return "throttles are not in FC 3.0 request logs and CloudMonitor has no version or alias dimension";
    return undefined;
  },

  create(construct, id, _fn, spec, scope, signal, rule): TerraformResource[] | undefined {
    const marker = alarmMarker(spec.functionName, spec.aliasName, scope, signal);
    if (scope.kind === "function") {
      return [
        cmsAlarm(
          construct,
          id,
          spec,
          `${marker} (all versions)`,
          FC3_FUNCTION_METRICS[signal],
          { region: spec.region!, functionName: spec.functionName },
          rule,
        ),
      ];
    }
    if (signal === "throttles") return undefined;
    const logs = spec.fc3Logs!;
    const filter = [
      `functionName: ${q(spec.functionName)}`,
      `qualifier: ${q(spec.aliasName)}`,
      ...(scope.kind === "version" ? [`versionId: ${q(scope.versionId)}`] : []),
      ...(signal === "errors" ? ["hasFunctionError: true"] : []),
    ].join(" and ");
    const value = signal === "errors" ? "count(1) as errors" : "avg(durationMs) as duration_ms";
    const column = signal === "errors" ? "errors" : "duration_ms";
    const query =
      scope.kind === "version"
        ? `${filter} | select versionId, ${value} group by versionId`
        : `${filter} | select ${value}`;
    const alert = new SlsAlert(construct, id, {
      projectName: logs.project,
      // alert_name: ForceNew, the id with the project (:31-35, :748); 3-63 of [a-z0-9_-] in SLS.
      alertName: alertName(spec, scope, signal),
      displayName: `${spec.functionName} ${scope.kind === "version" ? `v${scope.label}` : spec.aliasName} ${signal}`,
      description: marker,
      status: "ENABLED",
      schedule: { type: "FixedRate", interval: interval(rule.periodSeconds), runImmdiately: false },
      configuration: {
        version: "2.0",
        type: "default",
        dashboard: "internal-alert-analysis",
        threshold: Math.max(1, rule.consecutivePeriods),
        queryList: [
          {
            storeType: "log",
            project: logs.project,
            store: logs.logstore,
            query,
            timeSpanType: "Relative",
            start: `-${rule.periodSeconds}s`,
            end: "now",
            powerSqlMode: "auto",
          },
        ],
        groupConfiguration:
          scope.kind === "version" ? { type: "custom", fields: ["versionId"] } : { type: "no_group" },
        severityConfigurations: [
          {
            severity: SLS_SEVERITY[rule.severity],
            evalCondition: { condition: `${column} > ${rule.threshold}`, countCondition: "" },
          },
        ],
        policyConfiguration: {
          alertPolicyId: "sls.builtin.dynamic",
          actionPolicyId: spec.notification.slsActionPolicyId!,
          repeatInterval: "5m",
        },
        sinkCms: { enabled: false },
        sinkAlerthub: { enabled: false },
        sinkEventStore: { enabled: false },
      },
    });
    return [alert];
  },
};

/** `<fn>-<scope>-<signal>` in SLS's alert-name rule (lowercase letters, digits, '_' and '-', 3-63), hashed when long. */
function alertName(spec: AlarmSetSpec, scope: AlarmScope, signal: AlarmSignal): string {
  const where = scope.kind === "version" ? `v${scope.label}` : `alias-${spec.aliasName}`;
  const raw = `${spec.functionName}-${where}-${signal}`.toLowerCase().replace(/[^a-z0-9_-]/g, "-");
  if (raw.length <= 63) return raw;
  let h = 0;
  for (const c of raw) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${raw.slice(0, 54)}-${h.toString(16).padStart(8, "0")}`;
}

const configuredLogs = new WeakMap<
  TerraformResource,
  { project: string; logstore: string; resources: TerraformResource[] }
>();

/**
 * Turns on the function's request-metric logs into `logs` and indexes the fields the alerts query. Once per
 * function; a second ReleaseAlarms on the same function must name the same logstore.
 */
export function configureFc3RequestLogs(
  construct: Construct,
  fn: DeployedFunction,
  logs: { readonly project: string; readonly logstore: string; readonly create: boolean },
): { problem?: string; resources: TerraformResource[] } {
  const done = configuredLogs.get(fn.resource);
  if (done) {
    return done.project === logs.project && done.logstore === logs.logstore
      ? { resources: done.resources }
      : {
          problem: `the function's request logs already go to ${done.project}/${done.logstore}`,
          resources: [],
        };
  }
  const dependsOn: TerraformResource[] = [];
  if (logs.create) {
    const project = new LogProject(construct, "LogProject", {
      projectName: logs.project,
      description: `request logs of FC 3.0 function ${fn.resource.friendlyUniqueId}`,
    });
    const store = new LogStore(construct, "LogStore", {
      projectName: project.projectName,
      logstoreName: logs.logstore,
      retentionPeriod: 30,
    });
    dependsOn.push(project, store);
  }
  const fc = fn.resource as Fcv3Function;
  fc.putLogConfig({
    project: logs.project,
    logstore: logs.logstore,
    enableRequestMetrics: true,
    // as fc3.ts: every provider test pins "None" (R:fcv3_function_test.go:795)
    logBeginRule: "None",
  });
  if (dependsOn.length > 0) addDependsOn(fc, ...dependsOn);
  const text = (name: string) => ({
    name,
    type: "text",
    enableAnalytics: true,
    caseSensitive: false,
    includeChinese: false,
    token: " ,;\"'()[]{}?@&<>/:\n\t\r=",
  });
  const index = new LogStoreIndex(construct, "LogIndex", {
    project: logs.project,
    logstore: logs.logstore,
    fieldSearch: [
      text("functionName"),
      text("versionId"),
      text("qualifier"),
      text("hasFunctionError"),
      { name: "durationMs", type: "double", enableAnalytics: true },
    ],
    dependsOn,
  });
  const resources = [...dependsOn, index];
  configuredLogs.set(fn.resource, { ...logs, resources });
  return { resources };
}
