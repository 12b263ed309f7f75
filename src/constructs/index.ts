export * from "./errors";
export * from "./function-code";
export * from "./function-with-versions";
export * from "./canary-alias";
export * from "./staged-api-gateway";
export * from "./release-steps";
