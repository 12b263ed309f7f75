/**
 * Tencent Cloud name rules for what StagedApiGateway emits, and the names it derives from the
 * gateway `name` (the service-name prefix). The provider validates none of these at plan
 * (../shared/reference/api-name-rules.md, "Suggested synth-time checks"). Pure: no cdktf import.
 */
import { fitName, NameRule } from "../names";

/** How service and API names are formed; see StagedApiGatewayProps.allowDashInServiceName. */
export interface TencentNameOptions {
  /** Allow '-' in names and join derived names with '-'. @default false */
  readonly allowDash?: boolean;
}

/**
 * The service-name rule. The console allows at most 50 letters, digits and '_', starting with a
 * letter (tencentcloud.com/document/product/628/11787); the SDK and API pages state no rule, and
 * the provider's website example uses '-' (`tf-example`, resource_tc_api_gateway_service.go:29-33
 * has no validator). The console rule is the default; `allowDash` admits '-'.
 */
export function tencentServiceNameRule(options: TencentNameOptions = {}): NameRule {
  return options.allowDash
    ? {
        what: "Tencent API Gateway service name",
        pattern: /^[A-Za-z][A-Za-z0-9_-]{0,49}$/,
        allowed: "1-50 letters, digits, '_' or '-', starting with a letter",
      }
    : {
        what: "Tencent API Gateway service name",
        pattern: /^[A-Za-z][A-Za-z0-9_]{0,49}$/,
        allowed:
          "1-50 letters, digits or '_', starting with a letter (the console's rule; allowDashInServiceName admits '-')",
      };
}

/**
 * The API-name rule: at most 60 characters, unique in the service (tencentcloud.com/document/product/628/39484);
 * no character rule is documented, so letters, digits and '_' (and '-' with `allowDash`).
 * resource_tc_api_gateway_api.go:31-35: no validator.
 */
export function tencentApiNameRule(options: TencentNameOptions = {}): NameRule {
  return {
    what: "Tencent API Gateway API name",
    pattern: options.allowDash ? /^[A-Za-z0-9_-]{1,60}$/ : /^[A-Za-z0-9_]{1,60}$/,
    allowed: options.allowDash ? "1-60 letters, digits, '_' or '-'" : "1-60 letters, digits or '_'",
  };
}

/** The stage's service and API names: `<name>_<stage>` (`<name>-<stage>` with `allowDash`), within the limits. */
export function tencentStageNames(
  name: string,
  stage: string,
  options: TencentNameOptions = {},
): { readonly service: string; readonly api: string } {
  const joiner = options.allowDash ? "-" : "_";
  return {
    service: fitName(name, `${joiner}${stage}`, 50, joiner),
    api: fitName(name, `${joiner}${stage}`, 60, joiner),
  };
}

/**
 * A custom domain: a fully qualified domain name (FailedOperation.SubDomainFormatError), no
 * wildcard. resource_tc_api_gateway_custom_domain.go:30-34 checks nothing.
 */
export const TENCENT_SUB_DOMAIN_RULE: NameRule = {
  what: "Tencent API Gateway custom domain",
  pattern:
    /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/,
  allowed: "a fully qualified domain name such as api.example.com (no wildcard, no scheme or path)",
};

/**
 * SCF function names: 2-60 letters, digits, '-' or '_', starting with a letter and not ending with
 * '-' or '_' (the API: tencentcloud.com/document/api/583/18586). The provider's check is looser: it
 * also accepts ':' and non-ASCII letters (resource_tc_scf_function.go:27-56,69-78), which the API refuses.
 */
export const SCF_FUNCTION_NAME_RULE: NameRule = {
  what: "Tencent SCF function name",
  pattern: /^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$/,
  allowed: "2-60 letters, digits, '-' or '_', starting with a letter and not ending with '-' or '_'",
};

/** SCF namespaces: 1-30 letters, digits, '-' or '_' (api-name-rules.md; the provider checks none). */
export const SCF_NAMESPACE_RULE: NameRule = {
  what: "Tencent SCF namespace",
  pattern: /^[A-Za-z0-9_-]{1,30}$/,
  allowed: "1-30 letters, digits, '-' or '_'",
};
