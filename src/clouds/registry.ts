/**
 * The cloud modules, keyed by platform: what the neutral constructs and the review tooling look up
 * instead of comparing platforms. This file holds the pure half of each module (profile, gateway
 * profile, read-backs); `./index.ts` adds the cdktf adapters and the alarm and capacity mappings for the
 * constructs. Pure: no cdktf import.
 */
import { GatewayCloud, Platform } from "../routing";
import type { CloudAdapter, GatewayAdapter } from "./adapter";
import type { AlarmMapping, CapacityMapping } from "./monitoring";
import { alibabaGatewayProfile, fc2Profile, fc3Profile } from "./alicloud/profile";
import {
  ALIBABA_TYPES,
  alibabaGatewayReadback,
  alibabaMonitoringReadback,
  BACKEND_MODEL_INPUTS,
  fc2Readback,
  fc3Readback,
  parsePluginCondition,
} from "./alicloud/readback";
import { CloudProfile, GatewayProfile } from "./profile";
import { FunctionReadback, GatewayReadback, MonitoringReadback } from "./readback";
import { scfProfile, tencentGatewayProfile } from "./tencentcloud/profile";
import {
  RELEASE_INPUTS,
  scfMonitoringReadback,
  scfReadback,
  tencentGatewayReadback,
  TENCENT_TYPES,
} from "./tencentcloud/readback";

/**
 * Facts of the built-in read-backs that `cdktf-serverless-canary/review` has always exported
 * (`T`, `RELEASE_INPUTS`, `BACKEND_MODEL_INPUTS`, `parsePluginCondition`).
 */
export const BUILT_IN_RESOURCE_TYPES = { ...TENCENT_TYPES, ...ALIBABA_TYPES } as const;
export { BACKEND_MODEL_INPUTS, parsePluginCondition, RELEASE_INPUTS };

/**
 * Everything the library knows about one platform. The adapters and mappings are absent until
 * `src/clouds/index.ts` (which loads cdktf) is imported; the review tooling only needs the profile and the
 * read-backs. What alarms and provisioned capacity need and allow is in the profile (`alarms`, `capacity`).
 */
export interface CloudModule {
  readonly profile: CloudProfile;
  readonly gateway: GatewayProfile;
  /** Reads the function, version and alias resources back from Terraform JSON (review). */
  readonly readback?: FunctionReadback;
  /** Reads the gateway's stages back (review); shared by the platforms of one gateway cloud. */
  readonly gatewayReadback?: GatewayReadback;
  /** Writes the function, version and alias resources (cdktf). */
  readonly adapter?: CloudAdapter;
  /** Writes the gateway resources (cdktf). */
  readonly gatewayAdapter?: GatewayAdapter;
  /** Reads the alarm and provisioned-capacity resources back (review); shared by the platforms of one cloud. */
  readonly monitoringReadback?: MonitoringReadback;
  /** Writes the alarms ReleaseAlarms declares (cdktf). Absent: alarms are not supported on this platform. */
  readonly monitoring?: AlarmMapping;
  /** Writes the configs ProvisionedCapacity declares (cdktf). Absent: capacity is not supported here. */
  readonly capacity?: CapacityMapping;
}

const modules = new Map<string, CloudModule>([
  [
    "scf",
    {
      profile: scfProfile,
      gateway: tencentGatewayProfile,
      readback: scfReadback,
      gatewayReadback: tencentGatewayReadback,
      monitoringReadback: scfMonitoringReadback,
    },
  ],
  [
    "fc3",
    {
      profile: fc3Profile,
      gateway: alibabaGatewayProfile,
      readback: fc3Readback,
      gatewayReadback: alibabaGatewayReadback,
      monitoringReadback: alibabaMonitoringReadback,
    },
  ],
  [
    "fc2",
    {
      profile: fc2Profile,
      gateway: alibabaGatewayProfile,
      readback: fc2Readback,
      gatewayReadback: alibabaGatewayReadback,
      monitoringReadback: alibabaMonitoringReadback,
    },
  ],
]);

/**
 * Adds (or replaces) the module of `module.profile.platform`. The built-in three are registered already;
 * see ARCHITECTURE.md, "Adding a cloud".
 */
export function registerCloud(module: CloudModule): void {
  modules.set(module.profile.platform, module);
}

/** Removes a module registered with `registerCloud` (tests). The built-in three cannot be removed. */
export function unregisterCloud(platform: string): void {
  if (platform === "scf" || platform === "fc3" || platform === "fc2") return;
  modules.delete(platform);
}

/** The cloud module of `platform`, or undefined for an unknown platform. */
export function cloudModule(platform: Platform | string): CloudModule | undefined {
  // A non-string key would be coerced (and an object without a usable toString throws).
  return typeof platform === "string" ? modules.get(platform) : undefined;
}

/** The profile of a platform known to be registered (models already validated). */
export function profileOf(platform: Platform | string): CloudProfile {
  const m = cloudModule(platform);
  if (!m) throw new Error(`no cloud module registered for platform ${JSON.stringify(platform)}`);
  return m.profile;
}

/** The gateway profile of a gateway cloud. */
export function gatewayProfileOf(cloud: GatewayCloud | string): GatewayProfile | undefined {
  for (const m of modules.values()) if (m.gateway.cloud === cloud) return m.gateway;
  return undefined;
}

/** Every registered module, built-in first. */
export function cloudModules(): readonly CloudModule[] {
  return [...modules.values()];
}

/** The function read-backs, in registration order. */
export function functionReadbacks(): readonly FunctionReadback[] {
  return cloudModules().flatMap((m) => (m.readback ? [m.readback] : []));
}

/** The read-back of a platform, or undefined. */
export function readbackOf(platform: Platform | string): FunctionReadback | undefined {
  return cloudModule(platform)?.readback;
}

/** The gateway read-backs, once per gateway cloud, in registration order. */
export function gatewayReadbacks(): readonly GatewayReadback[] {
  const out: GatewayReadback[] = [];
  for (const m of cloudModules()) {
    const g = m.gatewayReadback;
    if (g && !out.some((x) => x === g || x.cloud === g.cloud)) out.push(g);
  }
  return out;
}

/** The monitoring read-backs, once each (the platforms of one cloud share theirs), in registration order. */
export function monitoringReadbacks(): readonly MonitoringReadback[] {
  const out: MonitoringReadback[] = [];
  for (const m of cloudModules()) {
    const r = m.monitoringReadback;
    if (r && !out.includes(r)) out.push(r);
  }
  return out;
}

/**
 * Whether two records are on the same platform: an identity check of two keys (which function a
 * record names), never a branch on which cloud it is.
 */
export function samePlatform(a: Platform | string | undefined, b: Platform | string | undefined): boolean {
  return a === b;
}
