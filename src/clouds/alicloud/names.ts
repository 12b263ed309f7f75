/**
 * Alibaba Cloud name rules for what StagedApiGateway emits, and the names it derives from the
 * gateway `name` (the API Gateway group name). The provider validates none of these at plan, so a
 * bad name fails only at `terraform apply`, after earlier resources were created
 * (../shared/reference/api-name-rules.md, "Suggested synth-time checks"). Pure: no cdktf import.
 */
import { fitName, NameRule, shortHash } from "../names";

/** CJK Unified Ideographs, the "Chinese characters" of the CloudAPI name rules. */
const CJK = "\\u4E00-\\u9FA5";

const GROUP_RULE = new RegExp(`^[A-Za-z${CJK}][A-Za-z0-9_${CJK}]{3,49}$`);
const GROUP_ALLOWED =
  "4-50 letters, digits, Chinese characters or '_', starting with a letter or a Chinese character";

export const ALIBABA_NAME_RULES = {
  /**
   * CreateApiGroup GroupName. resource_alicloud_api_gateway_group.go:24-27: `name` has no validator,
   * so `canary-demo` passes the plan and fails at CreateApiGroup.
   */
  group: { what: "Alibaba API Gateway group name", pattern: GROUP_RULE, allowed: GROUP_ALLOWED },
  /** CreateApi ApiName: the group rule. resource_alicloud_api_gateway_api.go:36-39: no validator. */
  api: { what: "Alibaba API Gateway API name", pattern: GROUP_RULE, allowed: GROUP_ALLOWED },
  /**
   * CreateBackend BackendName: no rule is documented, so the group rule (the safe subset).
   * resource_alicloud_api_gateway_backend.go:25-28: no validator.
   */
  backend: { what: "Alibaba API Gateway backend name", pattern: GROUP_RULE, allowed: GROUP_ALLOWED },
  /**
   * CreatePlugin PluginName. resource_alicloud_api_gateway_plugin.go:44-48 checks the characters
   * only; the length (4-50) and the leading '_' are not checked.
   */
  plugin: {
    what: "Alibaba API Gateway plugin name",
    pattern: new RegExp(`^[A-Za-z0-9${CJK}][A-Za-z0-9_${CJK}]{3,49}$`),
    allowed: "4-50 letters, digits, Chinese characters or '_', not starting with '_'",
  },
  /** RAM CreateRole RoleName: no '_'. resource_alicloud_ram_role.go:63-69: no validator. */
  ramRole: {
    what: "RAM role name",
    pattern: /^[A-Za-z0-9.-]{1,64}$/,
    allowed: "1-64 letters, digits, '.' or '-' (no '_')",
  },
  /** RAM CreatePolicy PolicyName (InvalidParameter.PolicyName.InvalidChars). resource_alicloud_ram_policy.go:50-56: no validator. */
  ramPolicy: {
    what: "RAM policy name",
    pattern: /^[A-Za-z0-9-]{1,128}$/,
    allowed: "1-128 letters, digits or '-'",
  },
  /**
   * FC 3.0 CreateTrigger triggerName, capped at 64 like the function name (ROS says 64, the
   * OpenAPI 128). resource_alicloud_fcv3_trigger.go:98-103: no validator.
   */
  fc3Trigger: {
    what: "FC 3.0 trigger name",
    pattern: /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/,
    allowed: "1-64 letters, digits, '_' or '-', not starting with a digit or '-'",
  },
} as const satisfies Readonly<Record<string, NameRule>>;

/**
 * The group name turned into a RAM name base: '_' becomes '-' (RAM refuses '_'); characters RAM
 * refuses (Chinese characters) are dropped, and then a hash of the group name keeps the base unique.
 */
function ramBase(group: string): string {
  const dashed = group.replace(/_/g, "-");
  const cleaned = dashed.replace(/[^A-Za-z0-9-]/g, "").replace(/^-+|-+$/g, "");
  return cleaned === dashed ? cleaned : `${cleaned}${cleaned ? "-" : ""}${shortHash(group)}`;
}

/** Every name the Alibaba gateway of group `group` emits; each satisfies its rule when `group` does. */
export interface AlibabaGatewayNames {
  readonly group: string;
  readonly api: string;
  readonly backend: string;
  readonly ramRole: string;
  readonly ramPolicy: string;
  /** The routing plugin of a stage (`release`, `prepub`, `dev`). */
  plugin(stage: string): string;
}

/** The names derived from a valid group name (ALIBABA_NAME_RULES.group). */
export function alibabaGatewayNames(group: string): AlibabaGatewayNames {
  const ram = ramBase(group);
  return {
    group,
    api: group,
    backend: fitName(group, "_fc", 50, "_"),
    ramRole: fitName(ram, "-apigw-invoke", 64, "-"),
    ramPolicy: fitName(ram, "-invoke-fc", 128, "-"),
    plugin: (stage) => fitName(group, `_${stage}_routing`, 50, "_"),
  };
}

/** The HTTP trigger a stage (or a route of it) calls: `apigw-<stage>-<id>`, at most 64 characters. */
export function fc3TriggerName(stage: string, id: string): string {
  return fitName(`apigw-${stage}-${id.toLowerCase()}`, "", 64, "-");
}

/**
 * FC 3.0 function names: letters, digits, '_' and '-', not starting with a digit or '-' (the API's
 * CreateFunctionInput.functionName). The provider checks the characters only
 * (resource_alicloud_fcv3_function.go:299-305). The length is 128 in the OpenAPI metadata and 64 in
 * ROS; 64 until a live test settles it (api-name-rules.md, open points).
 */
export const FC3_FUNCTION_NAME_RULE: NameRule = {
  what: "Alibaba FC 3.0 function name",
  pattern: /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/,
  allowed: "1-64 letters, digits, '_' or '-', starting with a letter or '_'",
};

/**
 * FC 2.0 function names: 1-64 characters (CreateFunction); the provider allows 128
 * (resource_alicloud_fc_function.go:35-48), which the API refuses past 64.
 */
export const FC2_FUNCTION_NAME_RULE: NameRule = {
  what: "Alibaba FC 2.0 function name",
  pattern: /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/,
  allowed: "1-64 letters, digits, '_' or '-', starting with a letter or '_'",
};

/** FC 2.0 service names: 1-128 characters, same characters (resource_alicloud_fc_service.go:30-43 checks the length only). */
export const FC2_SERVICE_NAME_RULE: NameRule = {
  what: "Alibaba FC 2.0 service name",
  pattern: /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/,
  allowed: "1-128 letters, digits, '_' or '-', starting with a letter or '_'",
};
