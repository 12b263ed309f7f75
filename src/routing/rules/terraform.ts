/** V26: a rule over synthesized Terraform JSON rather than the routing model. */
import { Diagnostic } from "../diagnostics";
import { diagnosticOf, isRecord } from "./rule";

export const SERVICE_RELEASE_TYPE = "tencentcloud_api_gateway_service_release";

const v26 = diagnosticOf({ id: "V26", codes: ["ReleaseCreateBeforeDestroy"] });

/**
 * V26: `create_before_destroy` on a Tencent API Gateway service release publishes the new
 * release, then the old resource's delete unpublishes the same environment: it ends up offline.
 */
export function checkServiceReleaseLifecycle(tfJson: unknown): Diagnostic[] {
  if (!isRecord(tfJson) || !isRecord(tfJson.resource)) return [];
  const releases = tfJson.resource[SERVICE_RELEASE_TYPE];
  if (!isRecord(releases)) return [];
  const out: Diagnostic[] = [];
  for (const [name, body] of Object.entries(releases)) {
    const lifecycle = isRecord(body) ? body.lifecycle : undefined;
    if (isRecord(lifecycle) && lifecycle.create_before_destroy === true) {
      out.push(
        v26(
          `${SERVICE_RELEASE_TYPE}.${name}.lifecycle`,
          lifecycle,
          "the default destroy-then-create replacement (a short outage, never an offline environment)",
          "create_before_destroy on a service release leaves its environment unpublished",
        ),
      );
    }
  }
  return out;
}
