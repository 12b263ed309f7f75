/**
 * The per-provider twins (src/clouds/<provider>/twin.ts), keyed by provider type. Apart from
 * `plugin.ts` so the rehearsal runner can read the models without loading the gRPC server: in the
 * published package the plugin is one bundled file and the gRPC stack is not a runtime dependency.
 */
import { TwinProvider } from "../twin/engine";
import { TENCENTCLOUD_TWIN } from "../clouds/tencentcloud/twin";
import { ALICLOUD_TWIN } from "../clouds/alicloud/twin";

export const TWINS: Record<string, TwinProvider> = {
  tencentcloud: TENCENTCLOUD_TWIN,
  alicloud: ALICLOUD_TWIN,
};
