/**
 * The examples' alarms and provisioned capacity follow the routing at every step: exactly the versions an
 * alias serves are watched (and, where declared, provisioned), and each resource passes the schema check.
 */
import { TerraformStack, Testing } from "cdktf";
import { assertConformsToSchemas, CanaryAlias, ProvisionedCapacity, ReleaseAlarms } from "../../src";
import { steps as stagedSteps } from "../../examples/tencent-staged-grayscale/steps";
import { StagedGrayscaleStack } from "../../examples/tencent-staged-grayscale/stack";
import { steps as fc3Steps } from "../../examples/alicloud-fc3-canary/steps";
import { Fc3CanaryStack } from "../../examples/alicloud-fc3-canary/stack";
import { steps as fc2Steps } from "../../examples/alicloud-fc2-rules/steps";
import { Fc2RulesStack } from "../../examples/alicloud-fc2-rules/stack";
import { servedVersions } from "../../src/constructs/release-target";

function all<T>(stack: TerraformStack, type: abstract new (...args: never[]) => T): T[] {
  return stack.node.findAll().filter((c): c is T & typeof c => c instanceof type) as T[];
}

function check(stack: TerraformStack) {
  assertConformsToSchemas(Testing.synth(stack));
  for (const alarms of all(stack, ReleaseAlarms)) {
    const aliases = new Set(
      alarms.alarms.filter((a) => a.scope.kind !== "function").map((a) => a.resources[0].node.scope!.node.id),
    );
    for (const aliasName of aliases) {
      const alias = all(stack, CanaryAlias).find((a) => a.aliasName === aliasName)!;
      const served = servedVersions(alias)
        .map((v) => v.label)
        .sort();
      const watched = [
        ...new Set(
          alarms.alarms
            .filter((a) => a.scope.kind === "version" && a.resources[0].node.scope!.node.id === aliasName)
            .map((a) => (a.scope.kind === "version" ? a.scope.label : "")),
        ),
      ].sort();
      expect({ alias: aliasName, watched }).toEqual({ alias: aliasName, watched: served });
    }
  }
  return all(stack, ProvisionedCapacity).flatMap((c) => c.targets.map((t) => `${t.key}=${t.amount}`));
}

test("main example: alarms and provisioned capacity follow release and prepub at every step", () => {
  const capacity = stagedSteps.map((step) => check(new StagedGrayscaleStack(Testing.app(), "s", step)));
  expect(Object.fromEntries(stagedSteps.map((s, i) => [s.name, capacity[i].join(" ")]))).toEqual({
    "publish-1": "1=50",
    "publish-2": "1=50",
    "publish-3": "1=50",
    "prepub-bob-4": "1=50",
    "release-10": "1=50 2=50",
    "release-50": "1=50 2=50",
    "release-100": "2=50",
    rollback: "1=50",
  });
});

test("FC 3.0 example: log alerts per served version, provisioned on alias1", () => {
  const capacity = fc3Steps.map((step) => check(new Fc3CanaryStack(Testing.app(), "s", step)));
  expect(capacity.map((c) => c.join(" "))).toEqual(["alias1=2", "alias1=2", "alias1=4", "alias1=2"]);
});

test("FC 2.0 example: qualifier alarms per served version", () => {
  for (const step of fc2Steps) check(new Fc2RulesStack(Testing.app(), "s", step));
});
