/**
 * Tencent SCF alarms: one tencentcloud_monitor_alarm_policy per watched (scope, signal) and exactly one
 * tencentcloud_monitor_policy_binding_object per policy.
 *
 * Provider behaviour relied on (tencentcloudstack/terraform-provider-tencentcloud @f6970a90):
 * - monitor_type and namespace are ForceNew (services/monitor/resource_tc_monitor_alarm_policy.go:118-129):
 *   a scope keeps its policy type for its lifetime, so a version's policy is never re-typed.
 * - the binding object has no Update: policy_id and dimensions_json are ForceNew
 *   (resource_tc_monitor_policy_binding_object.go:29-74), its id is the policy id (:134), and Delete calls
 *   UnBindingAllPolicyObject, which unbinds every object of the policy (:199-252). Hence one policy per
 *   watched version and one binding per policy: moving the canary from v2 to v3 destroys v2's policy and
 *   binding and creates v3's, never touching the primary's.
 * - rules are sent with continue_period and notice_frequency (resource_tc_monitor_alarm_policy.go:393-400);
 *   is_power_notice is not read back for metric rules (provider-monitoring.md, :731-741 vs :775), so it is
 *   never set here.
 */
import { Construct } from "constructs";
import { TerraformResource } from "../../cdktf";
import { MonitorAlarmPolicy } from "../../.gen/providers/tencentcloud/monitor-alarm-policy";
import { MonitorPolicyBindingObject } from "../../.gen/providers/tencentcloud/monitor-policy-binding-object";
import { DeployedFunction } from "../adapter";
import { AlarmMapping, AlarmScope, AlarmSetSpec, AlarmSignal, alarmMarker, SignalRule } from "../monitoring";
import { SCF_DEFAULT_NAMESPACE } from "./scf";

/** Tencent alarm policies have no severity field: the severity is written into the policy name and remark. */
const SEVERITY_TEXT = { critical: "P1", warning: "P2", info: "P3" } as const;

/** SCF notice_frequency values the API accepts (SDK monitor models.go:524); 300 s repeats a firing alarm every 5 min. */
export const SCF_NOTICE_FREQUENCY = 300;

export const scfAlarmMapping: AlarmMapping = {
  unsupported: () => undefined,

  create(
    construct: Construct,
    id: string,
    _fn: DeployedFunction,
    spec: AlarmSetSpec,
    scope: AlarmScope,
    signal: AlarmSignal,
    rule: SignalRule,
  ): TerraformResource[] {
    if (scope.kind === "function") return [];
    const namespace = spec.namespace ?? SCF_DEFAULT_NAMESPACE;
    const marker = alarmMarker(spec.functionName, spec.aliasName, scope, signal);
    const where = scope.kind === "version" ? `v${scope.label}` : spec.aliasName;
    const policy = new MonitorAlarmPolicy(construct, `${id}Policy`, {
      policyName: `${spec.functionName} ${where} ${signal} ${SEVERITY_TEXT[rule.severity]}`.slice(0, 60),
      monitorType: "MT_QCE",
      namespace: scope.kind === "version" ? spec.scf.versionPolicyType : spec.scf.aliasPolicyType,
      projectId: spec.scf.projectId,
      // remark is at most 100 characters (resource_tc_monitor_alarm_policy.go:130-134)
      remark: marker,
      enable: 1,
      noticeIds: [...spec.notification.tencentNoticeIds],
      conditions: {
        isUnionRule: 0,
        rules: [
          {
            metricName: spec.scf.metricNames[signal],
            period: rule.periodSeconds,
            operator: "gt",
            value: String(rule.threshold),
            continuePeriod: rule.consecutivePeriods,
            noticeFrequency: SCF_NOTICE_FREQUENCY,
            ruleType: "STATIC",
          },
        ],
      },
    });
    // Dimension keys of QCE/SCF_V2: functionName, namespace, version | alias (monitoring-facts.md §2.1, [doc]);
    // as binding keys they are [open] (§2.4): the namespace key is an option.
    const dims: Record<string, string> = {
      functionName: spec.functionName,
      [spec.scf.namespaceKey]: namespace,
      ...(scope.kind === "version" ? { version: scope.versionId } : { alias: spec.aliasName }),
    };
    const binding = new MonitorPolicyBindingObject(construct, `${id}Binding`, {
      policyId: policy.id,
      dimensions: [{ dimensionsJson: JSON.stringify(dims) }],
    });
    return [policy, binding];
  },
};
