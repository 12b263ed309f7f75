/**
 * The FunctionComputeConfig of an Alibaba API Gateway backend model (and of a routing-plugin
 * backend override), with exactly the keys the API is expected to echo back.
 *
 * Why it matters: the provider's Read rebuilds `backend_model_data` from DescribeBackendInfo,
 * keeping `ServiceTimeout` when > 0 and every key of a fixed FunctionComputeConfig list whose value
 * is not "" — booleans included (service_alicloud_api_gateway.go:819-864) — and suppresses the diff
 * only when the old and new JSON are deeply equal (resource_alicloud_api_gateway_backend_model.go:54-66).
 * A key the API echoes but the library does not send (or the reverse) is a diff on every plan.
 *
 * What DescribeBackendInfo returns is partly not in the public record. Its response model lists
 * FcBaseUrl, FcRegionId, FcType, FunctionName, OnlyBusinessPath (a boolean), Qualifier, RoleArn,
 * ServiceName and TriggerName (aliyun/alibabacloud-java-sdk and alibabacloud-typescript-sdk,
 * cloudapi-20160714 DescribeBackendInfoResponseBody...FunctionComputeConfig); the request side
 * (CloudAPI data structure FunctionComputeConfig, help.aliyun.com/document_detail/109314) requires
 * fcVersion for both function types and path and method for HTTP functions. The keys whose echo is
 * open are switches (BackendModelKeys) with documented defaults.
 */
import { Platform } from "../../routing";

/**
 * The FunctionComputeConfig keys the provider's Read keeps (when their value is not ""), in its
 * order: service_alicloud_api_gateway.go:853-864. Used by the provider twin's Read.
 */
export const BACKEND_MODEL_READ_KEYS: readonly string[] = [
  "FcRegionId",
  "FcType",
  "ServiceName",
  "FunctionName",
  "RoleArn",
  "Qualifier",
  "FcVersion",
  "Path",
  "FcBaseUrl",
  "Method",
  "ContentTypeCatagory",
  "ContentTypeValue",
  "OnlyBusinessPath",
  "TriggerName",
];

/** Which FunctionComputeConfig keys whose echo is open are sent; see StagedApiGatewayProps.backendModelKeys. */
export interface ResolvedBackendModelKeys {
  readonly fcVersion: boolean;
  readonly onlyBusinessPath: boolean;
  readonly httpPathAndMethod: boolean;
  readonly triggerName: boolean;
}

export const DEFAULT_BACKEND_MODEL_KEYS: ResolvedBackendModelKeys = {
  fcVersion: true,
  onlyBusinessPath: true,
  httpPathAndMethod: true,
  triggerName: false,
};

export interface FunctionComputeTarget {
  readonly platform: Platform;
  readonly kind: "event" | "http";
  readonly region: string;
  /** Event functions: the function name (a reference). */
  readonly functionName?: string;
  /** FC 2.0: the service name (a reference). */
  readonly serviceName?: string;
  readonly qualifier: string;
  readonly roleArn: string;
  /** HTTP functions: the trigger URL (a reference) and the trigger's name. */
  readonly baseUrl?: string;
  readonly triggerName?: string;
  /** HTTP functions: the method the gateway calls the trigger with. */
  readonly method?: string;
}

/**
 * FunctionComputeConfig in a fixed key order with no `undefined` and no "" values (Read drops ""),
 * so what is sent is what Read rebuilds.
 */
export function functionComputeConfig(
  t: FunctionComputeTarget,
  keys: ResolvedBackendModelKeys = DEFAULT_BACKEND_MODEL_KEYS,
): Record<string, string | boolean> {
  const http = t.kind === "http";
  const out: Record<string, string | boolean | undefined> = {
    FcRegionId: t.region,
    FcVersion: keys.fcVersion ? (t.platform === "fc3" ? "3.0" : "2.0") : undefined,
    FcType: http ? "HttpTrigger" : "FCEvent",
    ...(http
      ? {
          FcBaseUrl: t.baseUrl,
          Method: keys.httpPathAndMethod ? t.method : undefined,
          Path: keys.httpPathAndMethod ? "/" : undefined,
          TriggerName: keys.triggerName ? t.triggerName : undefined,
        }
      : { FunctionName: t.functionName }),
    ServiceName: t.platform === "fc2" ? t.serviceName : undefined,
    Qualifier: t.qualifier,
    RoleArn: t.roleArn,
    // A boolean the response model carries: sent explicitly, it is echoed whether the API keeps it
    // as sent or defaults it to false; left out, it converges only in the first case.
    OnlyBusinessPath: keys.onlyBusinessPath ? false : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined && v !== "")) as Record<
    string,
    string | boolean
  >;
}

/** `backend_model_data`: the service timeout (ms, > 0, an integer: Read keeps it only then) and the config. */
export function backendModelData(
  timeoutSeconds: number,
  config: Readonly<Record<string, string | boolean>>,
): string {
  return JSON.stringify({ ServiceTimeout: Math.round(timeoutSeconds * 1000), FunctionComputeConfig: config });
}
