/**
 * The generated `aliyun/alicloud` bindings (1.289.0 schema subset in `schemas/`), one namespace per resource as a
 * published provider package lays them out: `import { fcv3Alias } from "cdktf-serverless-canary/providers/alicloud"`,
 * then `new fcv3Alias.Fcv3Alias(…)` or `gateway.resources.shared.group as apiGatewayGroup.ApiGatewayGroup`.
 */
export * from "../.gen/providers/alicloud";
