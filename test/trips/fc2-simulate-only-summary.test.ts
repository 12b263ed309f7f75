/**
 * #13 item 2: weight plus rules in fc2Rules "simulate-only". The summary and the simulator describe the same
 * alias: the one with its routePolicy applied (Content mode), where a request that misses the rules goes to
 * the primary whatever the weight (routing-semantics.md §7.4 step 5); what Terraform deploys meanwhile (the
 * weight, Random mode) is said separately.
 */
import { CanaryAlias, FunctionWithVersions, RoutingOptions } from "../../src";
import { fnProps, newStack, synthExisting, warnings } from "../helpers/synth";

function alias1(routingOptions?: RoutingOptions) {
  const { stack } = newStack();
  const fn = new FunctionWithVersions(stack, "fn", fnProps("fc2", { versions: ["1", "2"], routingOptions }));
  const alias = new CanaryAlias(stack, "alias1", {
    function: fn,
    aliasName: "alias1",
    version: "1",
    fc2Rules: "simulate-only",
    canary: {
      version: "2",
      weight: 0.3,
      rules: [{ source: "header", name: "x-test-uid", operator: "=", value: "1001" }],
    },
  });
  return { stack, alias };
}

describe("fc2 simulate-only: weight plus rules", () => {
  it("the summary routes non-matching requests as the simulator does (100% to the primary)", () => {
    const { stack, alias } = alias1();
    const miss = alias.sample({ headers: { "x-test-uid": "1002" } }, 2000);
    expect(miss.versions.map((v) => [v.version, v.share])).toEqual([["1", 1]]);
    const hit = alias.sample({ headers: { "x-test-uid": "1001" } }, 2000);
    expect(hit.versions.map((v) => [v.version, v.share])).toEqual([["2", 1]]);
    // The routing part of the summary is the simulated alias, not "v1 70% | v2 30%".
    expect(alias.summary).toBe(
      'alias1: v1 | Header x-test-uid = "1001" → v2 (rules simulated only; Terraform deploys v1 70% | v2 30%)',
    );
    const { json } = synthExisting(stack);
    const [body] = Object.values<{ description: string; routing_config: unknown }>(
      json.resource.alicloud_fc_alias,
    );
    expect(body.routing_config).toEqual({ additional_version_weights: { "2": 0.3 } });
    expect(body.description).toBe(alias.summary);
    expect(
      warnings(stack)
        .map((w) => w.message)
        .join("\n"),
    ).toContain("until it is applied the alias sends 30% of all requests to the canary at random");
  });

  it('contentMode "weighted": the summary shows the weight on a hit, as the simulator applies it', () => {
    const { alias } = alias1({ contentMode: "weighted" });
    expect(
      alias.summary.startsWith('alias1: v1 | Header x-test-uid = "1001" → v2 30% (rules simulated only'),
    ).toBe(true);
    const hit = alias.sample({ headers: { "x-test-uid": "1001" } }, 10000);
    const v2 = hit.versions.find((v) => v.version === "2")!;
    expect(v2.ci99.low).toBeLessThan(0.3);
    expect(v2.ci99.high).toBeGreaterThan(0.3);
    const miss = alias.sample({ headers: { "x-test-uid": "1002" } }, 2000);
    expect(miss.versions.map((v) => [v.version, v.share])).toEqual([["1", 1]]);
  });
});
