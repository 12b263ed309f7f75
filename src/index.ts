export * from "./routing";
export * from "./constructs";
export * from "./testing";
// Cloud modules: the registry the constructs and review look platforms up in (see ARCHITECTURE.md).
export { cloudModules, recordedWarnings, registerCloud, STACK_METADATA_KEY, unregisterCloud } from "./clouds";
export type { RecordedWarning } from "./clouds";
export type {
  AliasRuleSupport,
  CloudAdapter,
  CloudModule,
  CloudProfile,
  FunctionReadback,
  GatewayAdapter,
  GatewayProfile,
  GatewayReadback,
} from "./clouds";
