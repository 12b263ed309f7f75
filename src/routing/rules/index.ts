import { FC_ALIAS_RULES } from "./fc-alias";
import { LIBRARY_RULES } from "./library";
import { V22_EntryPointQualifier } from "./request";
import { RoutingRule } from "./rule";
import { SCF_ALIAS_RULES } from "./scf-alias";
import { V0_ModelShape } from "./shape";

export * from "./fc-alias";
export * from "./library";
export * from "./request";
export * from "./rule";
export * from "./scf-alias";
export * from "./shape";
export * from "./terraform";

/** Every model rule in id order (V21 and V26 check requests and Terraform JSON instead). */
export const ROUTING_RULES: readonly RoutingRule[] = [
  V0_ModelShape,
  ...FC_ALIAS_RULES,
  ...SCF_ALIAS_RULES,
  V22_EntryPointQualifier,
  ...LIBRARY_RULES,
];
