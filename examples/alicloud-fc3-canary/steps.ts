/**
 * Function Compute 3.0 canary (seed 001): version 1, alias `alias1` on it, version 2 as a 30%
 * canary, then the full switch. Select a step with `RELEASE_STEP=<name> npx cdktf synth`.
 */
export interface Fc3Step {
  readonly name: string;
  readonly note: string;
  readonly versions: readonly string[];
  readonly alias1: {
    readonly version: string;
    readonly canary?: { readonly version: string; readonly weight: number };
  };
  /** Provisioned instances on alias1 (FC 3.0 provisions the alias as a whole). */
  readonly provisioned: number;
}

export const steps: readonly Fc3Step[] = [
  {
    name: "publish-1",
    note: "publish version 1; alias1 points to it",
    versions: ["1"],
    alias1: { version: "1" },
    provisioned: 2,
  },
  {
    name: "publish-2",
    note: "publish version 2 (no traffic yet)",
    versions: ["1", "2"],
    alias1: { version: "1" },
    provisioned: 2,
  },
  {
    name: "canary-30",
    note: "version 2 takes 30% of alias1",
    versions: ["1", "2"],
    alias1: { version: "1", canary: { version: "2", weight: 0.3 } },
    provisioned: 4,
  },
  {
    name: "full-switch",
    note: "version 2 takes all of alias1",
    versions: ["1", "2"],
    alias1: { version: "2" },
    provisioned: 2,
  },
];
