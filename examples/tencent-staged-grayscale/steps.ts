/**
 * The release, one step per line-sized change (Tencent's staged grayscale guide, seed 004):
 * function B, versions 1-4, aliases `release` and `prepub`, stages release/prepub/dev.
 * Select a step with `RELEASE_STEP=<name> npx cdktf synth` (default: the last step).
 */
import type {
  AlarmSignalsProps,
  CanarySpec,
  ProvisionStrategy,
  RoutingExpectation,
} from "cdktf-serverless-canary";

export interface AliasTarget {
  readonly version: string;
  readonly canary?: CanarySpec;
}

export interface StagedStep {
  readonly name: string;
  readonly note: string;
  /** Published versions, append-only. */
  readonly versions: readonly string[];
  readonly release: AliasTarget;
  readonly prepub: AliasTarget;
  /** Checked at synth time through the gateway stages. */
  readonly expect: readonly RoutingExpectation[];
  /**
   * Alarms on both aliases (per served version, and each alias as a whole); they follow the routing. Canary
   * overrides tighten the canary's rules. @default - the library's defaults
   */
  readonly alarms: { readonly canary?: AlarmSignalsProps };
  /** Provisioned concurrency on the release alias, per served version (SCF provisions versions, not aliases). */
  readonly provisioned: { readonly total: number; readonly strategy: ProvisionStrategy };
}

/** Full provisioning: every version release serves gets 50, so no weight cold-starts (Tencent's documented pattern). */
const provisioned = { total: 50, strategy: "full" } as const;
/** The canary alarms on any error in a minute; its latency alarm fires after 2 minutes over 1.5 s. */
const alarms = { canary: { duration: { threshold: 1500, consecutivePeriods: 2 } } };

const bob = { headers: { User: "Bob" } };
const alice = { headers: { User: "Alice" } };
const bobRule: CanarySpec = {
  version: "4",
  rules: [{ source: "header", name: "User", operator: "=", value: "Bob" }],
};

export const steps: readonly StagedStep[] = [
  {
    name: "publish-1",
    note: "version 1 serves release and prepub",
    versions: ["1"],
    release: { version: "1" },
    prepub: { version: "1" },
    expect: [
      { stage: "release", reaches: "1" },
      { stage: "dev", reaches: "$LATEST" },
    ],
    alarms,
    provisioned,
  },
  {
    name: "publish-2",
    note: "version 2 in pre-release",
    versions: ["1", "2"],
    release: { version: "1" },
    prepub: { version: "2" },
    expect: [
      { stage: "release", reaches: "1" },
      { stage: "prepub", reaches: "2" },
    ],
    alarms,
    provisioned,
  },
  {
    name: "publish-3",
    note: "version 3 enters pre-release",
    versions: ["1", "2", "3"],
    release: { version: "1" },
    prepub: { version: "3" },
    expect: [{ stage: "prepub", reaches: "3" }],
    alarms,
    provisioned,
  },
  {
    name: "prepub-bob-4",
    note: "user Bob tries version 4 in pre-release, everyone else version 3",
    versions: ["1", "2", "3", "4"],
    release: { version: "1" },
    prepub: { version: "3", canary: bobRule },
    expect: [
      { stage: "prepub", request: bob, reaches: "4" },
      { stage: "prepub", request: alice, reaches: "3" },
      { stage: "release", reaches: "1" },
    ],
    alarms,
    provisioned,
  },
  {
    name: "release-10",
    note: "release shifts 10% to version 2",
    versions: ["1", "2", "3", "4"],
    release: { version: "1", canary: { version: "2", weight: 0.1 } },
    prepub: { version: "3", canary: bobRule },
    expect: [{ stage: "release", share: { version: "2", percent: 10, tolerance: 2 } }],
    alarms,
    provisioned,
  },
  {
    name: "release-50",
    note: "release shifts 50% to version 2",
    versions: ["1", "2", "3", "4"],
    release: { version: "1", canary: { version: "2", weight: 0.5 } },
    prepub: { version: "3", canary: bobRule },
    expect: [{ stage: "release", share: { version: "2", percent: 50, tolerance: 2 } }],
    alarms,
    provisioned,
  },
  {
    name: "release-100",
    note: "version 2 serves all of release",
    versions: ["1", "2", "3", "4"],
    release: { version: "2" },
    prepub: { version: "3", canary: bobRule },
    expect: [{ stage: "release", reaches: "2" }],
    alarms,
    provisioned,
  },
  {
    name: "rollback",
    note: "failure on version 2: release rolls back to version 1",
    versions: ["1", "2", "3", "4"],
    release: { version: "1" },
    prepub: { version: "3", canary: bobRule },
    expect: [
      { stage: "release", reaches: "1" },
      { stage: "prepub", request: bob, reaches: "4" },
    ],
    alarms,
    provisioned,
  },
];
