/**
 * The twin's process entry: `node plugin.js <provider>`, started by Terraform through the mirror's
 * launcher. Wires the cloud-neutral protocol server (src/twin) to the per-resource behaviours of
 * each cloud (src/clouds/<provider>/twin.ts).
 */
import { serve } from "../twin/server";
import { loadProviderSchemas, schemasDir } from "../twin/schema";
import { TwinProvider } from "../twin/engine";
import { TENCENTCLOUD_TWIN } from "../clouds/tencentcloud/twin";
import { ALICLOUD_TWIN } from "../clouds/alicloud/twin";

export const TWINS: Record<string, TwinProvider> = {
  tencentcloud: TENCENTCLOUD_TWIN,
  alicloud: ALICLOUD_TWIN,
};

if (require.main === module) {
  const provider = process.argv[2] ?? "";
  const twin = TWINS[provider];
  if (!twin) {
    process.stderr.write(`serverless-canary twin: unknown provider ${JSON.stringify(provider)}\n`);
    process.exit(1);
  }
  const schemas = loadProviderSchemas(provider, process.env.SERVERLESS_CANARY_TWIN_SCHEMAS || schemasDir());
  serve({ provider, models: twin.models, schemas }).catch((e) => {
    process.stderr.write(`serverless-canary twin: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
