/** What Tencent SCF and Tencent API Gateway can express, and how the constructs word it. Pure. */
import {
  cloudStageName,
  formatVersion,
  FunctionModel,
  SCF_DEFAULT_ALIAS,
  SCF_LATEST,
  SCF_MATCH_KEY_PREFIX,
  ScfAlias,
  show as showValue,
} from "../../routing";
import { AlarmProfile, CapacityProfile, CloudProfile, GatewayProfile } from "../profile";

/**
 * Alarm periods of the QCE/SCF_V2 metrics: 60, 300, 3600 or 86400 s (monitoring-facts.md §2.1, metric table).
 */
export const SCF_ALARM_PERIODS: readonly number[] = [60, 300, 3600, 86400];

/** tencentcloud_monitor_alarm_policy.remark, where the marker goes, is at most 100 characters (resource_tc_monitor_alarm_policy.go:130-134). */
export const SCF_ALARM_REMARK_MAX = 100;

/**
 * SDK scf:4472: the provisioned total of a function is at most its concurrency quota minus this
 * (services/scf/resource_tc_scf_provisioned_concurrency_config.go:39-43).
 */
export const SCF_PROVISIONED_QUOTA_RESERVE = 100;

/** ReleaseAlarms on SCF: Cloud Monitor alarm policies (src/clouds/tencentcloud/monitoring.ts writes them). */
export const scfAlarmProfile: AlarmProfile = {
  required: [
    { prop: "notification.tencentNoticeIds", what: "notification.tencentNoticeIds (alarm notice ids)" },
  ],
  periodAllowed: (p) => SCF_ALARM_PERIODS.includes(p),
  periodsAllowed: SCF_ALARM_PERIODS.join(", "),
  markerProblem: (marker) =>
    marker.length > SCF_ALARM_REMARK_MAX
      ? `the alarm marker "${marker}" (the policy remark the review reads) is longer than ${SCF_ALARM_REMARK_MAX} characters; ` +
        `allowed: a shorter function name, alias name or version label`
      : undefined,
};

/**
 * ProvisionedCapacity on SCF: one tencentcloud_scf_provisioned_concurrency_config per served, published version
 * (src/clouds/tencentcloud/capacity.ts writes it; the provider behaviour relied on is listed there).
 */
export const scfCapacityProfile: CapacityProfile = {
  per: "version",
  quotaReserve: SCF_PROVISIONED_QUOTA_RESERVE,
  latestServed: (alias) =>
    `alias ${alias} serves $LATEST, which cannot be provisioned (resource_tc_scf_provisioned_concurrency_config.go:32-36): its share runs on elastic instances`,
  proportionalChanges:
    `proportional provisioning changes a version's count when its weight changes; every input of ` +
    `tencentcloud_scf_provisioned_concurrency_config is ForceNew, so each such step replaces that version's config ` +
    `(capacity is deleted, then re-created and warmed up): use "full" to keep configs stable across steps`,
  versionTaken: (version, functionName, owner) =>
    `version ${formatVersion(version)} of ${functionName} is already provisioned by ${owner}: a version has one config ` +
    `(the provider's id is function#version#namespace); allowed: one ProvisionedCapacity per version`,
  overQuota: ({ functionName, sum, amounts, quota, limit }) =>
    `provisioned concurrency of ${functionName} totals ${sum} (${amounts}), ` +
    `above quota ${quota} minus ${SCF_PROVISIONED_QUOTA_RESERVE} = ${limit} (resource_tc_scf_provisioned_concurrency_config.go:39-43); ` +
    `allowed: a smaller total, strategy "proportional", or a higher function concurrency quota`,
};

export const scfProfile: CloudProfile = {
  platform: "scf",
  displayName: "Tencent SCF",
  gatewayCloud: "tencent",
  aliasOwner: "function",
  aliasShape: "scf",
  latestQualifier: SCF_LATEST,
  builtInQualifiers: [SCF_DEFAULT_ALIAS, SCF_LATEST],
  builtInAlias: {
    name: SCF_DEFAULT_ALIAS,
    info: (summary) =>
      `$DEFAULT is built into every SCF function and cannot be managed by the tencentcloud provider: ` +
      `apply "${summary}" with your deploy tool (e.g. Serverless Framework traffic); it is simulated and output here`,
    routing: { name: SCF_DEFAULT_ALIAS, primary: SCF_LATEST } as ScfAlias,
  },
  defaultDevQualifier: SCF_DEFAULT_ALIAS,
  versionIdsAssignedByCloud: true,
  aliasRules: {
    kind: "match",
    ruleProblem: (rule, i) => {
      if (rule.source !== "header" || (rule.operator !== "=" && rule.operator !== "range")) {
        return (
          `canary.rules[${i}] (${[rule.source, rule.name, rule.operator].map((x) => (typeof x === "string" ? x : showValue(x))).join(" ")} ${showValue(rule.value)}) cannot be expressed ` +
          `by an SCF alias; allowed: source "header" with operator "=" (exact) or "range" on the invoke RoutingKey ` +
          `(invoke.headers.<name>); route cookie/query or other operators through StagedApiGateway gateway routing`
        );
      }
      // The console shows the full key (invoke.headers.User); the rule takes the RoutingKey name and the
      // library adds the prefix. Kept, the key would be invoke.headers.invoke.headers.User and never match.
      if (typeof rule.name === "string" && rule.name.toLowerCase().startsWith(SCF_MATCH_KEY_PREFIX)) {
        const bare = rule.name.slice(SCF_MATCH_KEY_PREFIX.length);
        return (
          `canary.rules[${i}].name ${JSON.stringify(rule.name)} includes the ${SCF_MATCH_KEY_PREFIX} prefix of the SCF match key, ` +
          `which the library adds (the key would be ${SCF_MATCH_KEY_PREFIX}${rule.name}); allowed: the RoutingKey name alone, ` +
          `e.g. name: ${JSON.stringify(bare || "User")} for key ${SCF_MATCH_KEY_PREFIX}${bare || "User"}`
        );
      }
      return undefined;
    },
    weightAndRules: (weight, ruleCount) =>
      `SCF aliases route by weight or by rules, not both (InvalidParameterValue.RoutingConfig); got weight ${weight} ` +
      `and ${ruleCount} rule(s); allowed: drop the weight, or move the rules to StagedApiGateway gateway routing`,
  },
  aliasDescriptionTracksIds: true,
  aliasOwnerName: (names) => names.functionName,
  functionModel: (base, _names, aliases) =>
    ({ ...base, platform: "scf", aliases: aliases as never }) as FunctionModel,
  alarms: scfAlarmProfile,
  capacity: scfCapacityProfile,
  routingKeyHints: {
    behindGateway:
      "--routing-key is ignored behind API Gateway: the gateway sets the RoutingKey (see --gateway-routing-key)",
    headersWithoutKey:
      'SCF alias rules read the invoke RoutingKey, not headers: pass --routing-key \'{"User":"Bob"}\'',
  },
};

export const tencentGatewayProfile: GatewayProfile = {
  cloud: "tencent",
  customDomain: {
    notAString: { what: "Tencent API Gateway custom domain", allowed: "a domain name string" },
  },
  defaultMethod: "ANY",
  nameUniqueness: {
    scope: "stack",
    why: (name) =>
      `both would create the API Gateway services ${name}_release, ${name}_prepub and ${name}_dev (service names ` +
      `are not unique keys on Tencent: two services of one name, and review and simulate could not tell them apart)`,
  },
  cloudStageName: (stage) => cloudStageName("tencent", stage),
  options: {
    experimentalFcRoutingPlugin:
      "experimentalFcRoutingPlugin is an Alibaba option; allowed: leave it unset on Tencent (gateway routes are refused there)",
    allowDashInServiceName: true,
  },
};
