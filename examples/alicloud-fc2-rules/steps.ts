/**
 * Function Compute 2.0 canary (seed 000): service versions, alias `alias1` on version 1 with
 * version 2 as a random 30% canary, then rule-based canaries on the `x-test-uid` header
 * (all rules / any rule, and the value-distribution percentage).
 *
 * The alicloud provider cannot deploy FC 2.0 rules (alicloud_fc_alias has no route_policy), so
 * the rule steps keep the rules for the simulator (`fc2Rules: "simulate-only"`) and route the
 * same requests at the gateway instead, with an API Gateway routing plugin on the release stage.
 * From an empty account: apply `service`, publish version 1, apply `alias-on-1`, deploy the new
 * code and publish version 2, apply `random-30`, and so on (each step's `publish`).
 * Select a step with `RELEASE_STEP=<name> npx cdktf synth`.
 */
import type { CanaryRule, GatewayCondition } from "cdktf-serverless-canary";

export interface Fc2Step {
  readonly name: string;
  readonly note: string;
  /**
   * Versions to publish before applying this step (FC 2.0 publishes outside Terraform: the FC API's
   * PublishServiceVersion, from the console's Versions tab or Serverless Devs). Each publish
   * snapshots the service's LATEST code, so deploy the code first (the previous step's apply).
   * @default - none
   */
  readonly publish?: readonly string[];
  /** The OSS object the function's LATEST code comes from. */
  readonly code: string;
  /** Versions the service has already published: FC 2.0 ids, append-only. */
  readonly versions: readonly string[];
  /** The alias and the gateway in front of it; absent before any version is published. */
  readonly alias1?: {
    readonly version: string;
    readonly canary?: {
      readonly version: string;
      readonly weight?: number;
      readonly rules?: readonly CanaryRule[];
      readonly match?: "all" | "any";
    };
  };
  /** The Terraform-deployable equivalent of the rules: gateway routes to the canary version. */
  readonly gatewayRoutes?: readonly { readonly when: readonly GatewayCondition[] }[];
}

const uid = (operator: CanaryRule["operator"], value: string): CanaryRule => ({
  source: "header",
  name: "x-test-uid",
  operator,
  value,
});

/** Code of version 1, and the new code that version 2 snapshots. */
const CODE_1 = "canary-fn/77aa01.zip";
const CODE_2 = "canary-fn/9c41e2.zip";

export const steps: readonly Fc2Step[] = [
  {
    name: "service",
    note: "the service and its function (LATEST); no alias yet, nothing is published",
    code: CODE_1,
    versions: [],
  },
  {
    name: "alias-on-1",
    note: "publish version 1, then alias1 points to it",
    publish: ["1"],
    code: CODE_1,
    versions: ["1"],
    alias1: { version: "1" },
  },
  {
    name: "code-2",
    note: "the new code goes to LATEST; alias1 still serves version 1",
    code: CODE_2,
    versions: ["1"],
    alias1: { version: "1" },
  },
  {
    name: "random-30",
    note: "publish version 2 (it snapshots the new code), then a random 30% canary",
    publish: ["2"],
    code: CODE_2,
    versions: ["1", "2"],
    alias1: { version: "1", canary: { version: "2", weight: 0.3 } },
  },
  {
    name: "rules-all",
    note: "x-test-uid = 1001 (all rules must match) goes to version 2",
    code: CODE_2,
    versions: ["1", "2"],
    alias1: { version: "1", canary: { version: "2", rules: [uid("=", "1001")], match: "all" } },
    gatewayRoutes: [{ when: [{ source: "header", name: "x-test-uid", operator: "=", value: "1001" }] }],
  },
  {
    name: "rules-any",
    note: "x-test-uid 1001 or 1002 (any rule) goes to version 2",
    code: CODE_2,
    versions: ["1", "2"],
    alias1: {
      version: "1",
      canary: { version: "2", rules: [uid("=", "1001"), uid("=", "1002")], match: "any" },
    },
    gatewayRoutes: [
      { when: [{ source: "header", name: "x-test-uid", operator: "=", value: "1001" }] },
      { when: [{ source: "header", name: "x-test-uid", operator: "=", value: "1002" }] },
    ],
  },
  {
    name: "percent-20",
    note: "20% of x-test-uid values (sticky per value) go to version 2",
    code: CODE_2,
    versions: ["1", "2"],
    alias1: { version: "1", canary: { version: "2", rules: [uid("percent", "20")] } },
    // The gateway has no per-value hash; Random() is the nearest deployable rule (not sticky).
    gatewayRoutes: [{ when: [{ random: 0.2 }] }],
  },
];
