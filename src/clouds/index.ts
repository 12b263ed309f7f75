import { Platform } from "../routing";
import { CloudAdapter } from "./adapter";
import { fc2Adapter } from "./alicloud/fc2";
import { fc3Adapter } from "./alicloud/fc3";
import { scfAdapter } from "./tencentcloud/scf";

export * from "./adapter";

const ADAPTERS: Readonly<Record<Platform, CloudAdapter>> = { scf: scfAdapter, fc3: fc3Adapter, fc2: fc2Adapter };

export function adapterFor(platform: Platform): CloudAdapter | undefined {
  return Object.prototype.hasOwnProperty.call(ADAPTERS, platform) ? ADAPTERS[platform] : undefined;
}
