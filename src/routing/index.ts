/** The routing core: model, validation, simulator. Pure TypeScript, no cdktf import. */
export * from "./types";
export * from "./diagnostics";
export * from "./validate";
export * from "./resolve";
export * from "./sample";
export * from "./digest";
export * from "./range";
export { bucket, fnv1a32, murmur2, sha256Bucket, sha256Index } from "./bucket";
export { draw, drawBigInt, drawImplementation, INTEGER_ALLOWED, splitmix64, toU64 } from "./random";
export type { U64 } from "./random";
export {
  ROUTING_RULES,
  SCF_MATCH_KEY_PREFIX,
  SERVICE_RELEASE_TYPE,
  checkServiceReleaseLifecycle,
  parseRoutingKey,
  referencedVersions,
} from "./rules";
export type { RoutingRule, RuleContext } from "./rules";
export { percentageHint, WEIGHT_SUM_TOLERANCE } from "./rules/fc-alias";
export { parseCookieHeader } from "./request";
export type { PreparedRequest } from "./request";
export * from "./gateway";
export * from "./expectations";
