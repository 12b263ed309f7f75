/**
 * The generated `tencentcloudstack/tencentcloud` bindings (1.83.25 schema subset in `schemas/`), one namespace per
 * resource as a published provider package lays them out:
 * `import { scfFunctionAlias } from "cdktf-serverless-canary/providers/tencentcloud"`.
 */
export * from "../.gen/providers/tencentcloud";
