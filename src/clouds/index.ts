import { Platform } from "../routing";
import { CloudAdapter, GatewayAdapter } from "./adapter";
import { alibabaGatewayAdapter } from "./alicloud/api-gateway";
import { tencentGatewayAdapter } from "./tencentcloud/api-gateway";
import { fc2Adapter } from "./alicloud/fc2";
import { fc3Adapter } from "./alicloud/fc3";
import { scfAdapter } from "./tencentcloud/scf";

export * from "./adapter";

const ADAPTERS: Readonly<Record<Platform, CloudAdapter>> = {
  scf: scfAdapter,
  fc3: fc3Adapter,
  fc2: fc2Adapter,
};

export function adapterFor(platform: Platform): CloudAdapter | undefined {
  // A non-string key would be coerced (and an object without a usable toString throws).
  return typeof platform === "string" && Object.prototype.hasOwnProperty.call(ADAPTERS, platform)
    ? ADAPTERS[platform]
    : undefined;
}

export function gatewayAdapterFor(platform: Platform): GatewayAdapter {
  return platform === "scf" ? tencentGatewayAdapter : alibabaGatewayAdapter;
}
