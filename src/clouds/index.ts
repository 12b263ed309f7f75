/**
 * The cloud modules with their cdktf adapters and alarm and capacity mappings: `cloudFor(platform)` is
 * the one place the neutral constructs look a platform up. The pure half (profiles, read-backs) is
 * `./registry.ts`.
 */
import { Platform } from "../routing";
import { CloudAdapter, GatewayAdapter } from "./adapter";
import { alibabaGatewayAdapter } from "./alicloud/api-gateway";
import { fc3CapacityMapping } from "./alicloud/capacity";
import { fc2Adapter } from "./alicloud/fc2";
import { fc3Adapter } from "./alicloud/fc3";
import { fc2AlarmMapping, fc3AlarmMapping } from "./alicloud/monitoring";
import { AlarmMapping, CapacityMapping } from "./monitoring";
import { cloudModule, CloudModule, registerCloud } from "./registry";
import { tencentGatewayAdapter } from "./tencentcloud/api-gateway";
import { scfCapacityMapping } from "./tencentcloud/capacity";
import { scfAlarmMapping } from "./tencentcloud/monitoring";
import { scfAdapter } from "./tencentcloud/scf";

export * from "./adapter";
export * from "./code";
export * from "./monitoring";
export * from "./profile";
export * from "./readback";
export * from "./registry";
export * from "./stack-metadata";
export { DEFAULT_BACKEND_MODEL_KEYS } from "./alicloud/backend-model";
export type { ResolvedBackendModelKeys } from "./alicloud/backend-model";

const BUILT_IN: readonly [Platform, CloudAdapter, GatewayAdapter, AlarmMapping, CapacityMapping?][] = [
  ["scf", scfAdapter, tencentGatewayAdapter, scfAlarmMapping, scfCapacityMapping],
  ["fc3", fc3Adapter, alibabaGatewayAdapter, fc3AlarmMapping, fc3CapacityMapping],
  // FC 2.0: no provision-config resource in the provider (fc2CapacityProfile says so).
  ["fc2", fc2Adapter, alibabaGatewayAdapter, fc2AlarmMapping],
];
for (const [platform, adapter, gatewayAdapter, monitoring, capacity] of BUILT_IN) {
  registerCloud({
    ...cloudModule(platform)!,
    adapter,
    gatewayAdapter,
    monitoring,
    ...(capacity ? { capacity } : {}),
  });
}

/** A cloud module with both adapters: what the constructs build with. */
export type DeployableCloud = CloudModule & {
  readonly adapter: CloudAdapter;
  readonly gatewayAdapter: GatewayAdapter;
};

/** The deployable cloud module of `platform`, or undefined for an unknown platform. */
export function cloudFor(platform: Platform): DeployableCloud | undefined {
  const m = cloudModule(platform);
  return m?.adapter && m.gatewayAdapter ? (m as DeployableCloud) : undefined;
}

export function adapterFor(platform: Platform): CloudAdapter | undefined {
  return cloudFor(platform)?.adapter;
}

export function gatewayAdapterFor(platform: Platform): GatewayAdapter {
  return cloudFor(platform)!.gatewayAdapter;
}
