/**
 * The twin's process entry: `node plugin.js <provider>`, started by Terraform through the mirror's
 * launcher. Wires the cloud-neutral protocol server (src/twin) to the per-resource behaviours of
 * each cloud (src/clouds/<provider>/twin.ts). The published package ships this file bundled with
 * its gRPC stack (scripts/build-flavours.ts, `bundleTwinPlugin`).
 */
import { serve } from "../twin/server";
import { loadProviderSchemas, schemasDir } from "../twin/schema";
import { TWINS } from "./twins";

export { TWINS };

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
