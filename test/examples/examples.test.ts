/**
 * Every example, every release step: synthesizes in-process, conforms to the real provider
 * schemas, passes its routing expectations (checked while the stacks are built), and between
 * consecutive steps no published version disappears or changes an input.
 */
import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack, Testing } from "cdktf";
import { assertConformsToSchemas, selectReleaseStep } from "../../src";
import { steps as stagedSteps } from "../../examples/tencent-staged-grayscale/steps";
import { InvokeGrayscaleStack, StagedGrayscaleStack } from "../../examples/tencent-staged-grayscale/stack";
import { steps as trafficSteps } from "../../examples/tencent-default-alias-traffic/steps";
import { DefaultAliasTrafficStack } from "../../examples/tencent-default-alias-traffic/stack";
import { steps as fc3Steps } from "../../examples/alicloud-fc3-canary/steps";
import { Fc3CanaryStack } from "../../examples/alicloud-fc3-canary/stack";
import { steps as fc2Steps } from "../../examples/alicloud-fc2-rules/steps";
import { Fc2RulesStack } from "../../examples/alicloud-fc2-rules/stack";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TfJson = any;

interface Example {
  readonly name: string;
  readonly steps: readonly { readonly name: string }[];
  readonly build: (app: App, step: never) => TerraformStack[];
}

const EXAMPLES: Example[] = [
  {
    name: "tencent-staged-grayscale",
    steps: stagedSteps,
    build: (app, step) => [
      new StagedGrayscaleStack(app, "staged-grayscale", step),
      new InvokeGrayscaleStack(app, "invoke-grayscale", step),
    ],
  },
  {
    name: "tencent-default-alias-traffic",
    steps: trafficSteps,
    build: (app, step) => [new DefaultAliasTrafficStack(app, "default-alias-traffic", step)],
  },
  {
    name: "alicloud-fc3-canary",
    steps: fc3Steps,
    build: (app, step) => [new Fc3CanaryStack(app, "fc3-canary", step)],
  },
  {
    name: "alicloud-fc2-rules",
    steps: fc2Steps,
    build: (app, step) => [new Fc2RulesStack(app, "fc2-rules", step)],
  },
];

const VERSION_TYPES = ["tencentcloud_scf_function_version", "alicloud_fcv3_function_version"];

/** stack → "<type>.<name>" → the version resource's JSON. */
function versionResources(stacks: Record<string, TfJson>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [stack, json] of Object.entries(stacks)) {
    for (const type of VERSION_TYPES) {
      for (const [name, body] of Object.entries(json.resource?.[type] ?? {}))
        out.set(`${stack}/${type}.${name}`, JSON.stringify(body));
    }
  }
  return out;
}

function synthStep(example: Example, step: { name: string }): Record<string, TfJson> {
  const app = Testing.app();
  const stacks = example.build(app, step as never);
  return Object.fromEntries(stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s))]));
}

describe.each(EXAMPLES)("example $name", (example) => {
  const synthesized = example.steps.map((step) => ({ step: step.name, stacks: synthStep(example, step) }));

  it.each(synthesized.map((s) => [s.step, s] as const))(
    "step %s conforms to the provider schemas",
    (_name, s) => {
      for (const json of Object.values(s.stacks)) assertConformsToSchemas(json);
      expect(Object.keys(s.stacks).length).toBeGreaterThan(0);
    },
  );

  it("between consecutive steps no published version disappears or changes an input", () => {
    for (let i = 1; i < synthesized.length; i++) {
      const before = versionResources(synthesized[i - 1].stacks);
      const after = versionResources(synthesized[i].stacks);
      for (const [key, body] of before) {
        expect({ step: synthesized[i].step, key, body: after.get(key) }).toEqual({
          step: synthesized[i].step,
          key,
          body,
        });
      }
    }
  });

  it("the default step is the last one, and RELEASE_STEP selects another", () => {
    const app = Testing.app();
    expect(selectReleaseStep(app, example.steps, {}).name).toBe(example.steps[example.steps.length - 1].name);
    expect(selectReleaseStep(app, example.steps, { RELEASE_STEP: example.steps[0].name }).name).toBe(
      example.steps[0].name,
    );
    expect(() => selectReleaseStep(app, example.steps, { RELEASE_STEP: "nope" })).toThrow(
      /unknown release step "nope" \(from RELEASE_STEP\); allowed: /,
    );
  });
});

describe("the main example's local code", () => {
  it("synthesized to disk, zip_file names a copy of code/function-b.zip inside each stack folder", () => {
    const app = Testing.app();
    const step = stagedSteps[stagedSteps.length - 1];
    const stacks = [
      new StagedGrayscaleStack(app, "staged", step),
      new InvokeGrayscaleStack(app, "invoke", step),
    ];
    const source = fs.readFileSync(
      path.join(__dirname, "../../examples/tencent-staged-grayscale/code/function-b.zip"),
    );
    for (const stack of stacks) {
      const stackDir = path.join(Testing.fullSynth(stack), "stacks", stack.node.id);
      const json = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
      const [fn] = Object.values<TfJson>(json.resource.tencentcloud_scf_function);
      expect(fs.readFileSync(path.join(stackDir, fn.zip_file)).equals(source)).toBe(true);
    }
  });
});

describe("the main example's story (seed 004)", () => {
  it("prepub sends Bob to version 4 and everyone else to version 3; release rolls back to 1", () => {
    const app = Testing.app();
    const step = stagedSteps.find((s) => s.name === "prepub-bob-4")!;
    const stack = new StagedGrayscaleStack(app, "staged", step);
    expect(stack.gateway.simulate("prepub", { headers: { User: "Bob" } }).chain).toEqual([
      "stage prepub (prepub) → prepub",
      'alias prepub: match 0 (invoke.headers.User exact "Bob") hit → v4',
    ]);
    expect(stack.gateway.simulate("prepub", { headers: { User: "Alice" } }).version).toBe("3");
    const rollback = new StagedGrayscaleStack(Testing.app(), "staged", stagedSteps[stagedSteps.length - 1]);
    expect(rollback.gateway.sample("release").versions.map((v) => [v.version, v.share])).toEqual([["1", 1]]);
  });

  it("a step whose expectation does not hold fails synthesis naming stage, request, expected and actual", () => {
    const step = {
      ...stagedSteps[4],
      expect: [{ stage: "release" as const, share: { version: "2", percent: 50, tolerance: 2 } }],
    };
    expect(() => new StagedGrayscaleStack(Testing.app(), "staged", step)).toThrow(
      /^staged\/ServiceA: routing expectation failed:\n {2}release sends 50% ± 2 points to v2: expected 50% ± 2 points to v2, actual 10\.\d% over 10000 requests: v1 9\d(\.\d)?% \| v2 1\d(\.\d)?% \(route: stage release \(release\) → release → alias release: /,
    );
  });
});

describe("the FC 2.0 example applies from an empty account (issue #11, item 4)", () => {
  const stacks = fc2Steps.map((step) => ({
    step,
    json: JSON.parse(Testing.synth(new Fc2RulesStack(Testing.app(), "fc2-rules", step))) as TfJson,
  }));

  it("the first step publishes nothing and creates nothing that needs a published version", () => {
    const [first] = stacks;
    expect(first.step.versions).toEqual([]);
    expect(Object.keys(first.json.resource).sort()).toEqual(["alicloud_fc_function", "alicloud_fc_service"]);
  });

  it("each step's versions are the previous step's plus what it says to publish before applying", () => {
    let published: string[] = [];
    for (const { step } of stacks) {
      published = [...published, ...(step.publish ?? [])];
      expect({ step: step.name, versions: step.versions }).toEqual({ step: step.name, versions: published });
    }
  });

  it("a version is published only after the code it snapshots was applied in an earlier step", () => {
    for (let i = 1; i < stacks.length; i++) {
      if ((stacks[i].step.publish ?? []).length === 0) continue;
      expect({ step: stacks[i].step.name, code: stacks[i - 1].step.code }).toEqual({
        step: stacks[i].step.name,
        code: stacks[i].step.code,
      });
    }
  });

  it("every alias checks that the versions it uses are published before CreateAlias/UpdateAlias", () => {
    for (const { step, json } of stacks.slice(1)) {
      const [alias] = Object.values<TfJson>(json.resource.alicloud_fc_alias);
      const needed = Math.max(...step.versions.map(Number));
      expect(alias.lifecycle.precondition[0].condition).toContain(`>= ${needed})`);
    }
  });
});
