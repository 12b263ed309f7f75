/**
 * Release review over synthesized Terraform JSON or a plan: routing per stage and alias, release
 * notes, danger checks and simulation. Pure TypeScript, no cdktf import; the CLI is src/cli.
 */
export * from "./errors";
export * from "./terraform";
export * from "./plan";
export * from "./load";
export * from "./model";
export * from "./extract";
export * from "./view";
export * from "./diff";
export * from "./danger";
export * from "./review";
export * from "./report";
export * from "./simulate";
export * from "./monitoring";
export * from "./assumptions";
