/**
 * The alarm and capacity resources' provider quirks (issue #14 item 4), each put into an otherwise clean
 * example step through the escape hatch (the synthesized JSON edited): the rehearsal must catch each. One
 * rehearsal per cloud, one step each, so the new Terraform runs stay few. The examples' own steps (one
 * binding per policy, one provision config per FC 3.0 function, capacity ready after apply) rehearse clean
 * in test/rehearse/example-*.test.ts.
 */
import { rehearse, RehearsalReport, RehearsalStep } from "../../src/rehearse";
import { EXAMPLES, findingsOf, fixAll, patch, requireTerraform, TfJson } from "./helpers";

beforeAll(() => requireTerraform());

/** The addresses a re-plan finding names for one resource type, with the attributes in parentheses. */
function replanned(report: RehearsalReport, type: string, step?: string): string[] {
  const text = findingsOf(report, "replan-not-empty", step).join("\n");
  return [...text.matchAll(new RegExp(`(update|replace) ${type}\\.(\\S+) \\(([^)]*)\\)`, "g"))].map(
    (m) => `${m[1]} ${m[2]} (${m[3]})`,
  );
}

describe("Tencent: provisioned concurrency that lags, and two binding objects on one policy", () => {
  let report: RehearsalReport;
  let doubled: string[];
  beforeAll(async () => {
    // The library's first step of the main example, its function-only stack (no gateway: fewer resources).
    const [first] = EXAMPLES["tencent-staged-grayscale"].synth();
    const step: RehearsalStep = {
      name: first.name,
      stacks: { "invoke-grayscale": first.stacks["invoke-grayscale"] },
      // The cloud has not finished provisioning when the provider reads back (5 s after the Put).
      before: [
        { provider: "tencentcloud", action: "twin-options", args: { provisionedReadyAfterApply: "false" } },
      ],
    };
    patch([step], (json: TfJson, dir) => {
      fixAll(json, dir);
      // A second binding object on the release alias's errors policy, binding another object.
      const bindings = json.resource.tencentcloud_monitor_policy_binding_object;
      const [name, binding] = Object.entries<TfJson>(bindings).find(([n]) => /release_alias-errors/.test(n))!;
      const second = JSON.parse(JSON.stringify(binding));
      second.dimensions = [
        {
          dimensions_json: JSON.stringify({
            functionName: "function-b-invoke",
            namespace: "default",
            alias: "prepub",
          }),
        },
      ];
      bindings[`${name}_second`] = second;
      doubled = [name, `${name}_second`];
    });
    // The same configuration again once the cloud has finished provisioning.
    const done: RehearsalStep = {
      name: "provisioning-done",
      stacks: step.stacks,
      before: [{ provider: "tencentcloud", action: "scf-provisioning-done", args: {} }],
    };
    report = await rehearse([step, done]);
  }, 200_000);

  it("applies", () => {
    expect(findingsOf(report, "apply-failed")).toEqual([]);
  });

  it("replaces the provisioned config on the next plan: Read returns the available count (0), not the 50 set", () => {
    expect(replanned(report, "tencentcloud_scf_provisioned_concurrency_config", "publish-1")).toEqual([
      expect.stringMatching(/^replace ReleaseCapacity_v1_\w+ \(version_provisioned_concurrency_num\)$/),
    ]);
  });

  it("replaces both bindings of the doubled policy (each reads every object of the policy), and no other", () => {
    expect(replanned(report, "tencentcloud_monitor_policy_binding_object", "publish-1").sort()).toEqual(
      doubled.map((n) => `replace ${n} (dimensions)`).sort(),
    );
  });

  it("settles the provisioned config once provisioning is done; the two bindings keep fighting", () => {
    const [done] = report.steps.filter((s) => s.step === "provisioning-done");
    expect(done.before).toEqual(["provisioning done: function-b-invoke v1: 50"]);
    const changed = done.stacks.flatMap((st) => st.plan).map((c) => `${c.action} ${c.address}`);
    expect(changed.filter((c) => c.includes("provisioned_concurrency"))).toEqual([]);
    expect(replanned(report, "tencentcloud_scf_provisioned_concurrency_config", "provisioning-done")).toEqual(
      [],
    );
    const fighting = replanned(report, "tencentcloud_monitor_policy_binding_object", "provisioning-done");
    expect(fighting.length).toBeGreaterThan(0);
    for (const f of fighting) expect(doubled.map((n) => `replace ${n} (dimensions)`)).toContain(f);
  });
});

describe("Alibaba: two FC 3.0 provision configs on one function, and an SLS alert status in lower case", () => {
  let report: RehearsalReport;
  beforeAll(async () => {
    const steps = patch(EXAMPLES["alicloud-fc3-canary"].synth().slice(0, 1), (json: TfJson, dir) => {
      fixAll(json, dir);
      const configs = json.resource.alicloud_fcv3_provision_config;
      const [name, config] = Object.entries<TfJson>(configs)[0];
      // The construct gives a function one config per alias; a second one on LATEST shares its id (the
      // function name) and its unqualified read.
      configs[`${name}_latest`] = { ...JSON.parse(JSON.stringify(config)), qualifier: "LATEST", target: 1 };
      const alert = Object.values<TfJson>(json.resource.alicloud_sls_alert)[0];
      alert.status = "enabled";
    });
    report = await rehearse(steps);
  }, 200_000);

  it("applies", () => {
    expect(findingsOf(report, "apply-failed")).toEqual([]);
  });

  it("updates one of the two configs on the next plan: both read the function's one config", () => {
    expect(replanned(report, "alicloud_fcv3_provision_config")).toEqual([
      expect.stringMatching(/^update Capacity_alias-alias1_\w+(_latest)? \(target\)$/),
    ]);
  });

  it("updates the alert whose status is not in the API's upper case", () => {
    expect(replanned(report, "alicloud_sls_alert")).toEqual([expect.stringMatching(/ \(status\)$/)]);
  });
});
