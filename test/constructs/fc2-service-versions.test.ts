/**
 * FC 2.0 apply-time behaviour (issue #11, items 4 and 5):
 * - removing a canary must reach the cloud: the provider's UpdateAlias sends weights only when a
 *   routing_config block is present (resource_alicloud_fc_alias.go:166-172), so the library always
 *   emits the block, with an explicit empty map when there is no canary;
 * - an alias on a version the service has not published yet fails at CreateAlias: a precondition
 *   on the service's latest published version (Read: resource_alicloud_fc_service.go:370-391) turns
 *   that into a plan/apply error that says how to publish.
 */
import { CanaryAlias, FunctionWithVersions } from "../../src";
import { fnProps, resourcesOfType, synthStack, TfJson } from "../helpers/synth";

function fc2Alias(canary?: { version: string; weight: number }, versions = ["1", "2"]): TfJson {
  const { json } = synthStack((stack) => {
    const fn = new FunctionWithVersions(stack, "fn", fnProps("fc2", { versions }));
    new CanaryAlias(stack, "release", { function: fn, aliasName: "release", version: "1", canary });
  });
  const [[, body]] = resourcesOfType(json, "alicloud_fc_alias");
  return body;
}

describe("FC 2.0 alias routing_config", () => {
  it("is emitted with an explicit empty weight map when there is no canary", () => {
    expect(fc2Alias().routing_config).toEqual({ additional_version_weights: {} });
  });

  it("removing the canary changes routing_config to an empty map, so UpdateAlias clears the weights", () => {
    const before = fc2Alias({ version: "2", weight: 0.3 });
    const after = fc2Alias();
    expect(before.routing_config).toEqual({ additional_version_weights: { "2": 0.3 } });
    // The block stays: with no block the provider sends no weights and the canary stays live.
    expect(after.routing_config).toEqual({ additional_version_weights: {} });
    expect(after.service_version).toBe(before.service_version);
  });
});

describe("FC 2.0 alias on versions the service must already have published", () => {
  it("carries a precondition on the service's latest published version", () => {
    const body = fc2Alias({ version: "2", weight: 0.3 });
    const [pre] = body.lifecycle.precondition;
    expect(pre.condition).toMatch(
      /^\$\{\(try\(tonumber\(alicloud_fc_service\.[^.]+\.version\), 0\) >= 2\)\}$/,
    );
    expect(pre.error_message).toContain("FC 2.0 service");
    expect(pre.error_message).toContain("version 2");
    expect(pre.error_message).toContain("PublishServiceVersion");
  });

  it("an alias on version 1 only asks for version 1", () => {
    const body = fc2Alias(undefined, ["1"]);
    expect(body.lifecycle.precondition[0].condition).toMatch(/>= 1\)\}$/);
  });
});
