/**
 * The library: constructs (`FunctionWithVersions`, `CanaryAlias`, `StagedApiGateway`), the routing
 * model and simulator, and the schema checks — `import { … } from "cdktf-serverless-canary"` (cdktf)
 * or `"cdktn-serverless-canary"` (cdktn), the same API.
 *
 * @packageDocumentation
 * @module main
 */
// First: the framework check (src/cdktf.ts) runs before anything loads cdktf / cdktn.
import "./cdktf";

export * from "./routing";
export * from "./constructs";
export * from "./testing";
// Cloud modules: the registry the constructs and review look platforms up in (see ARCHITECTURE.md).
export { cloudModules, recordedWarnings, registerCloud, STACK_METADATA_KEY, unregisterCloud } from "./clouds";
export type { RecordedWarning } from "./clouds";
export type {
  AlarmMapping,
  AlarmProfile,
  AliasRuleSupport,
  CapacityMapping,
  CapacityProfile,
  CloudAdapter,
  CloudModule,
  CloudProfile,
  FunctionReadback,
  GatewayAdapter,
  GatewayProfile,
  GatewayReadback,
  MonitoringReadback,
} from "./clouds";
export { FRAMEWORK } from "./cdktf";
