/**
 * Random release histories (publish, canary on/move/weight, promote, roll back) on every target: at every
 * step the alarms and the provisioned capacity cover exactly the versions the alias serves, a version that
 * keeps serving keeps its alarm and capacity construct paths (so its resource addresses), and every
 * synthesized step passes the schema check.
 */
import fc from "fast-check";
import { Testing, TerraformStack } from "cdktf";
import {
  assertConformsToSchemas,
  CanaryAlias,
  FunctionWithVersions,
  ProvisionedCapacity,
  ReleaseAlarms,
  ReleaseAlarmsProps,
} from "../../src";
import { fnProps } from "../helpers/synth";

type Platform = "scf" | "fc3" | "fc2";

interface Step {
  readonly versions: string[];
  readonly primary: string;
  readonly canary?: { readonly version: string; readonly weight: number };
}

type Move =
  { kind: "publish" } | { kind: "canary"; weight: number } | { kind: "promote" } | { kind: "rollback" };

const moveArb: fc.Arbitrary<Move> = fc.oneof(
  fc.constant<Move>({ kind: "publish" }),
  fc.integer({ min: 1, max: 99 }).map<Move>((w) => ({ kind: "canary", weight: w / 100 })),
  fc.constant<Move>({ kind: "promote" }),
  fc.constant<Move>({ kind: "rollback" }),
);

/** Applies moves to a history that starts with version 1 serving. */
function history(moves: readonly Move[]): Step[] {
  const steps: Step[] = [{ versions: ["1"], primary: "1" }];
  let previous = "1";
  for (const m of moves) {
    const s = steps[steps.length - 1];
    const newest = s.versions[s.versions.length - 1];
    if (m.kind === "publish") steps.push({ ...s, versions: [...s.versions, String(s.versions.length + 1)] });
    else if (m.kind === "canary" && newest !== s.primary)
      steps.push({ ...s, canary: { version: newest, weight: m.weight } });
    else if (m.kind === "promote" && s.canary) {
      previous = s.primary;
      steps.push({ versions: s.versions, primary: s.canary.version });
    } else if (m.kind === "rollback" && s.primary !== previous)
      steps.push({ versions: s.versions, primary: previous });
  }
  return steps;
}

const NOTIFY: Record<Platform, Omit<ReleaseAlarmsProps, "target">> = {
  scf: { notification: { tencentNoticeIds: ["notice-ops"] } },
  fc3: {
    notification: { contactGroups: ["ops"], slsActionPolicyId: "oncall" },
    region: "cn-hangzhou",
    fc3Logs: { project: "orders-logs", logstore: "requests" },
  },
  fc2: { notification: { contactGroups: ["ops"] }, region: "cn-hangzhou" },
};

function build(platform: Platform, step: Step, synth: boolean) {
  const app = Testing.app();
  const stack = new TerraformStack(app, "h");
  const fn = new FunctionWithVersions(stack, "fn", fnProps(platform, { versions: step.versions }));
  const alias = new CanaryAlias(stack, "release", {
    function: fn,
    aliasName: "release",
    version: step.primary,
    canary: step.canary,
  });
  const alarms = new ReleaseAlarms(stack, "alarms", { target: alias, ...NOTIFY[platform] });
  const capacity =
    platform === "fc2" ? undefined : new ProvisionedCapacity(stack, "cap", { target: alias, total: 4 });
  if (synth) assertConformsToSchemas(Testing.synth(stack));
  return { alarms, capacity };
}

describe("alarms and capacity follow random release histories", () => {
  test.each(["scf", "fc3", "fc2"] as Platform[])("%s", (platform) => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(moveArb, { minLength: 2, maxLength: 10 }), (moves) => {
        const synth = run++ % 10 === 0;
        let before: Map<string, string[]> | undefined;
        let beforeCap: Map<string, string> | undefined;
        for (const step of history(moves)) {
          const { alarms, capacity } = build(platform, step, synth);
          const served = [step.primary, ...(step.canary ? [step.canary.version] : [])].sort();
          const paths = new Map<string, string[]>();
          for (const a of alarms.alarms)
            if (a.scope.kind === "version")
              paths.set(a.scope.label, [
                ...(paths.get(a.scope.label) ?? []),
                ...a.resources.map((r) => r.node.path),
              ]);
          expect([...paths.keys()].sort()).toEqual(served);
          expect(alarms.watching("alias").length).toBe(platform === "fc3" ? 2 : 3);
          const cap = new Map((capacity?.targets ?? []).map((t) => [t.key, t.resource.node.path]));
          if (platform === "scf") expect([...cap.keys()].sort()).toEqual(served);
          if (platform === "fc3") expect([...cap.keys()]).toEqual(["release"]);
          // A version that keeps serving keeps its alarms and its capacity at the same construct paths.
          for (const v of served) {
            if (before?.has(v)) expect(paths.get(v)).toEqual(before.get(v));
            if (beforeCap?.has(v)) expect(cap.get(v)).toEqual(beforeCap.get(v));
          }
          before = paths;
          beforeCap = cap;
        }
      }),
      { numRuns: 25, seed: 14 },
    );
  });
});
