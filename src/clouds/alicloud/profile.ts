/** What Alibaba FC 3.0, FC 2.0 and Alibaba API Gateway can express, and how the constructs word it. Pure. */
import { cloudStageName, FC_LATEST, FunctionModel } from "../../routing";
import { AlarmProfile, CapacityProfile, CloudProfile, GatewayProfile } from "../profile";

/** alicloud_fcv3_provision_config.target is 0..10000 (resource_alicloud_fcv3_provision_config.go:90-94). */
export const FC3_PROVISION_MAX = 10000;

/** What ReleaseAlarms needs on both FC targets: CloudMonitor contact groups and the region dimension. */
const fcAlarmRequired = [
  {
    prop: "notification.contactGroups",
    what: "notification.contactGroups (CloudMonitor contact-group names)",
  },
  { prop: "region", what: 'region (the CloudMonitor region dimension, e.g. "cn-hangzhou")' },
] as const;

/** Alibaba alarm periods: a multiple of 60 s up to a day (FC data is 60 s granular; README, "Monitoring a release"). */
const fcAlarmPeriods = {
  periodAllowed: (p: number) => Number.isInteger(p) && p >= 60 && p % 60 === 0 && p <= 86400,
  periodsAllowed: "a multiple of 60 up to 86400",
};

/**
 * ReleaseAlarms on FC 3.0: SLS log alerts on the request logs per version and alias, function-level
 * CloudMonitor alarms for the rest (src/clouds/alicloud/monitoring.ts writes them).
 */
export const fc3AlarmProfile: AlarmProfile = {
  required: [
    ...fcAlarmRequired,
    {
      prop: "notification.slsActionPolicyId",
      what: "notification.slsActionPolicyId (the SLS action policy of the log alerts)",
    },
    { prop: "fc3Logs", what: "fc3Logs ({ project, logstore }: where the request logs go)" },
  ],
  ...fcAlarmPeriods,
  functionLevel: {
    watchedInstead: (functionName) =>
      `; watched instead by function-level CloudMonitor alarms on all versions of ${functionName}`,
    info: (functionName) =>
      `function-level CloudMonitor alarms on ${functionName} watch all versions together (FC 3.0 CloudMonitor has no version or alias dimension)`,
  },
};

/** ReleaseAlarms on FC 2.0: CloudMonitor FunctionQualifier* alarms with the `qualifier` dimension. */
export const fc2AlarmProfile: AlarmProfile = { required: fcAlarmRequired, ...fcAlarmPeriods };

/**
 * ProvisionedCapacity on FC 3.0: one alicloud_fcv3_provision_config on the alias (src/clouds/alicloud/capacity.ts
 * writes it; the provider behaviour relied on is listed there).
 */
export const fc3CapacityProfile: CapacityProfile = {
  per: "alias",
  max: FC3_PROVISION_MAX,
  weightedAlias: (alias, versions) =>
    `alias ${alias} routes to ${versions}: how FC 3.0 splits ` +
    `provisioned instances under a weighted alias is undocumented (monitoring-facts.md §4.1, [open]); canary traffic may run on on-demand instances`,
  proportional: (alias, total) =>
    `FC 3.0 provisions alias ${alias} as a whole (a numbered version is no valid qualifier): "proportional" cannot split it; ${total} provisioned on the alias`,
  severalConfigs: (count, functionName) =>
    `${count} provision configs on ${functionName}: alicloud_fcv3_provision_config's id is the function name ` +
    `(R:fcv3_provision_config.go:221) and Read ignores the qualifier, so they share an id and read back the same config`,
};

/** FC 2.0: the alicloud provider has no FC 2.0 provision-config resource (monitoring-facts.md §4.2). */
export const fc2CapacityProfile: CapacityProfile = {
  per: "none",
  refusal:
    `provisioned capacity cannot be declared on Alibaba FC 2.0: the alicloud provider has no FC 2.0 provision-config ` +
    `resource (only alicloud_fcv3_provision_config); allowed: provision with Serverless Devs (s provision put) or move to FC 3.0`,
};

const fcCommon = {
  gatewayCloud: "alibaba",
  aliasShape: "fc",
  latestQualifier: FC_LATEST,
  builtInQualifiers: [FC_LATEST],
  defaultDevQualifier: FC_LATEST,
  aliasDescriptionTracksIds: false,
  // FC accepts 1-256 characters (ROS ALIYUN::FC::Alias Description).
  aliasDescriptionMax: 256,
} as const;

export const fc3Profile: CloudProfile = {
  ...fcCommon,
  platform: "fc3",
  displayName: "Alibaba FC 3.0",
  aliasOwner: "function",
  versionIdsAssignedByCloud: true,
  aliasRules: {
    kind: "none",
    refusal: (ruleCount) =>
      `FC 3.0 aliases route by weight only (no resolvePolicy/routePolicy in the API); got ${ruleCount} rule(s); ` +
      `allowed: a weight, or header/query canaries through StagedApiGateway gateway routing`,
  },
  aliasOwnerName: (names) => names.functionName,
  functionModel: (base, _names, aliases) =>
    ({ ...base, platform: "fc3", aliases: aliases as never }) as FunctionModel,
  alarms: fc3AlarmProfile,
  capacity: fc3CapacityProfile,
};

export const fc2Profile: CloudProfile = {
  ...fcCommon,
  platform: "fc2",
  displayName: "Alibaba FC 2.0",
  aliasOwner: "service",
  // Labels stand for ids the cloud assigns at publish time (FC 2.0: they are the ids).
  versionIdsAssignedByCloud: false,
  versionsOutsideTerraform: "FC 2.0 versions are published outside Terraform",
  versionLabelProblem: (label) =>
    /^[0-9]{1,10}$/.test(label)
      ? undefined
      : `FC 2.0 version ${JSON.stringify(label)} is not a version id; allowed: the numeric ids your service has already ` +
        `published (the alicloud provider cannot publish FC 2.0 versions per function)`,
  aliasRules: {
    kind: "policy",
    deployable: false,
    refusal: (ruleCount) =>
      `FC 2.0 rule routing cannot be expressed by the alicloud provider (alicloud_fc_alias has no route_policy); ` +
      `got ${ruleCount} rule(s); allowed: StagedApiGateway gateway routing for header/query/cookie canaries, ` +
      `or fc2Rules: "simulate-only" to keep them for the simulator and deploy the weight only`,
    simulatedOnly: (weight) =>
      `FC 2.0 rules are simulated only: the deployed alias routes by weight (${weight}); apply the routePolicy ` +
      `with Serverless Devs (s alias publish --resolve-policy Content) or use StagedApiGateway gateway routing` +
      (weight > 0
        ? `; until it is applied the alias sends ${Math.round(weight * 1000) / 10}% of all requests to the canary at random, ` +
          `and once it is (Content mode) requests that miss the rules go to the primary, as the simulator and summary say`
        : ""),
  },
  aliasOwnerName: (names) => names.serviceName,
  functionModel: (base, names, aliases) =>
    ({
      ...base,
      platform: "fc2",
      serviceName: names.serviceName,
      aliases: aliases as never,
    }) as FunctionModel,
  gatewayFunctionProblem: (kind) =>
    kind === "http"
      ? "FC 2.0 HTTP functions cannot sit behind StagedApiGateway: alicloud_fc_trigger has no qualifier, so no trigger can target an alias; allowed: event functions"
      : undefined,
  // V6 (the primary also in the weights): FC 3.0 documents AdditionalVersionContainsMajorVersion, but the
  // provider's own acceptance test applies service_version "1" with additional_version_weights {1 = 0.3}
  // against the live FC 2.0 API (alicloud/resource_alicloud_fc_alias_test.go:39-79).
  contestedRules: ["V6"],
  alarms: fc2AlarmProfile,
  capacity: fc2CapacityProfile,
};

export const alibabaGatewayProfile: GatewayProfile = {
  cloud: "alibaba",
  customDomain: (stage) =>
    `stage ${stage}: customDomain is supported on Tencent only; allowed: bind the group's domain on Alibaba`,
  regionProblem: (region) =>
    typeof region !== "string" || region.length === 0
      ? `region is required on Alibaba (FunctionComputeConfig.FcRegionId); got ${JSON.stringify(region)}; allowed: e.g. "cn-hangzhou"`
      : undefined,
  defaultMethod: "GET",
  nameUniqueness: {
    scope: "app",
    why: (name, region) =>
      `API Gateway group names are unique per region${region ? ` (${region})` : ""} and account: the second ` +
      `CreateApiGroup for ${name} would fail at apply, in whichever stack of the app applies second`,
  },
  cloudStageName: (stage) => cloudStageName("alibaba", stage),
  options: {
    experimentalFcRoutingPlugin: true,
    allowDashInServiceName:
      "allowDashInServiceName is a Tencent option; allowed: leave it unset on Alibaba (group names never allow '-')",
  },
  experimentalRoutes: {
    refusal: (which, count) =>
      `${which} gateway routes: they need the API Gateway routing plugin to override the backend with another ` +
      "Function Compute qualifier, which Alibaba documents only for HTTP, HTTP-VPC and MOCK backends " +
      `(an incomplete override answers clients with I504RB); got ${count} route${count === 1 ? "" : "s"}; ` +
      "allowed: no gateway routes (alias weights, or FC 2.0 alias rules), or experimentalFcRoutingPlugin: true to emit them anyway",
    warning:
      "gateway routes use the API Gateway routing plugin with a Function Compute backend override, which Alibaba documents only for HTTP/VPC/MOCK backends: experimental",
  },
};
