/**
 * Shrunk counterexamples found by the reliability runs, kept as regression tests (RELIABILITY.md,
 * "Failures found and fixed"). Each entry says which run found it and what it did before the fix.
 * New counterexamples go here as they are found: a history as `History` JSON (replayed with full
 * synthesis), a malformed program as a `Mutation`.
 */
import "./support/fast-tokens";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatPercent } from "../../src";
import { expectationProblem } from "../../src/routing/expectations";
import { History, newStats, runHistory } from "./support/history";
import { Mutation, runMutation } from "./support/props-fuzz";

let outdir: string;
beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-regressions-"));
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** An object whose string conversion throws (`toString` is not a function), as fast-check's `fc.object` makes them. */
const noToString = { toString: 5 };
/** An object without a prototype: template literals and String() throw on it. */
const noPrototype = () => Object.create(null) as object;

interface MutationRegression {
  readonly found: string;
  readonly before: string;
  readonly mutation: Mutation;
}

const MUTATIONS: readonly MutationRegression[] = [
  {
    found: "malformed props, seed 1 (shrunk 7 times)",
    before: "TypeError: Cannot convert object to primitive value (adapterFor)",
    mutation: { platform: "scf", target: "function", path: ["platform"], value: noToString },
  },
  {
    found: "malformed props, seed 1 (shrunk)",
    before: "TypeError in FunctionWithVersions.registerAlias (String(aliasName))",
    mutation: { platform: "scf", target: "release", path: ["aliasName"], value: noToString },
  },
  {
    found: "malformed props, seed 4 (shrunk 11 times)",
    before: "TypeError in StagedApiGateway.checkProps (String(timeoutSeconds))",
    mutation: { platform: "scf", target: "gateway", path: ["timeoutSeconds"], value: noPrototype() },
  },
  {
    found: "malformed props, seed 40 (shrunk)",
    before: "TypeError in formatVersion via describeExpectedRoute",
    mutation: {
      platform: "scf",
      target: "gateway",
      path: ["expectations", 0, "share", "version"],
      value: noPrototype(),
    },
  },
  {
    found: "malformed props, seed 1 (shrunk)",
    before: "TypeError in CanaryAlias.scfMatch (rule description)",
    mutation: {
      platform: "scf",
      target: "prepub",
      path: ["canary", "rules", 0, "source"],
      value: noToString,
    },
  },
  {
    found: "malformed props, seed 2 (shrunk)",
    before: "TypeError in FunctionWithVersions.addVersion (codeDigest in the description)",
    mutation: {
      platform: "scf",
      target: "function",
      path: ["versions", 2, "codeDigest"],
      value: noPrototype(),
    },
  },
  {
    found: "malformed props, seed 6 (shrunk)",
    before: "TypeError in StagedApiGateway.bind (route name in a message)",
    mutation: {
      platform: "fc2",
      target: "gateway",
      path: ["stages", "release", "routes", 0, "name"],
      value: noToString,
    },
  },
  {
    found: "malformed props, seed 7 (shrunk)",
    before: "TypeError in describeExpectedRoute (share.percent)",
    mutation: {
      platform: "fc2",
      target: "gateway",
      path: ["expectations", 0, "share", "percent"],
      value: noPrototype(),
    },
  },
  {
    found: "malformed props, seed 7 (shrunk)",
    before: "TypeError in CanaryAlias.fcItem (object key lookup of the rule source)",
    mutation: {
      platform: "fc2",
      target: "prepub",
      path: ["canary", "rules", 0, "source"],
      value: noPrototype(),
    },
  },
  {
    found: "malformed props, seed 8 (shrunk)",
    before: "TypeError in CanaryAlias.scfMatch (invoke.headers.<name>)",
    mutation: {
      platform: "scf",
      target: "prepub",
      path: ["canary", "rules", 0, "name"],
      value: noPrototype(),
    },
  },
  {
    found: "bad-input battery (hand-minimised)",
    before: "TypeError: Cannot read properties of null (reading 'source')",
    mutation: { platform: "scf", target: "prepub", path: ["canary", "rules", 0], value: null },
  },
  {
    found: "bad-input battery (hand-minimised)",
    before: "TypeError: Cannot read properties of null (reading 'name')",
    mutation: { platform: "fc3", target: "gateway", path: ["stages", "release", "routes", 0], value: null },
  },
  {
    found: "bad-input battery (hand-minimised)",
    before: "TypeError: (...).map is not a function",
    mutation: { platform: "fc3", target: "gateway", path: ["stages", "release", "routes"], value: "x" },
  },
  {
    found: "bad-input battery (hand-minimised)",
    before: "TypeError: number 5 is not iterable",
    mutation: { platform: "fc2", target: "function", path: ["versions"], value: 5 },
  },
  {
    found: "bad-input battery (hand-minimised)",
    before: "TypeError: Cannot read properties of undefined (reading 'platform')",
    mutation: { platform: "scf", target: "function", path: [], value: undefined },
  },
  {
    found: "bad-input battery (hand-minimised)",
    before: "TypeError: Cannot read properties of null (reading 'request')",
    mutation: { platform: "scf", target: "gateway", path: ["expectations", 1], value: null },
  },
  {
    found: "bad-input battery (hand-minimised)",
    before: "TypeError: Spread syntax requires ...iterable[Symbol.iterator] to be a function",
    mutation: { platform: "fc3", target: "gateway", path: ["expectations"], value: { length: 1 } },
  },
  {
    found: "bad-input battery (hand-minimised)",
    before: 'accepted: match "xor" was deployed as AND',
    mutation: { platform: "fc2", target: "prepub", path: ["canary", "match"], value: "xor" },
  },
  {
    found: "bad-input battery (hand-minimised)",
    before: 'accepted: fc2Rules "maybe" behaved as "simulate-only"',
    mutation: { platform: "fc2", target: "prepub", path: ["fc2Rules"], value: "maybe" },
  },
  {
    found: "bad-input battery (hand-minimised)",
    before: 'accepted: maxAdditionalVersions "2" disabled the limit',
    mutation: {
      platform: "fc3",
      target: "function",
      path: ["routingOptions", "maxAdditionalVersions"],
      value: "2",
    },
  },
  {
    found: "bad-input battery (hand-minimised)",
    before: "accepted: expectationSamples 0 judged expectations over no request",
    mutation: { platform: "scf", target: "gateway", path: ["expectationSamples"], value: 0 },
  },
];

describe("malformed-props regressions", () => {
  it.each(MUTATIONS.map((m) => [`${m.found}: ${m.before}`, m] as const))("%s", (_name, m) => {
    const outcome = runMutation(m.mutation, outdir);
    expect(outcome.kind).toBe("refused");
    if (outcome.kind === "refused")
      expect(outcome.message).toMatch(/^fuzz\/(fn|release|prepub|api): .*(allowed|expected)/s);
  });
});

/** Release histories that broke an invariant (replayed with full synthesis at every step). */
const HISTORIES: readonly { readonly found: string; readonly before: string; readonly history: History }[] =
  [];

describe("release-history regressions", () => {
  it("the history runs have found no counterexample in the library so far (see RELIABILITY.md)", () => {
    expect(HISTORIES).toEqual([]);
  });
  for (const h of HISTORIES) {
    it(`${h.found}: ${h.before}`, () =>
      void runHistory(h.history, { synth: true, z: 6, outdir }, newStats()));
  }
});

describe("message regressions", () => {
  it("a failed share expectation rounds its actual share as the split next to it does (9.85% is 9.9% in both)", () => {
    const message = expectationProblem(
      "release sends 50% ± 2 points to v2",
      { share: { version: "2", percent: 50, tolerance: 2 } },
      {
        versions: [
          { version: "1", share: 0.9015 },
          { version: "2", share: 0.0985 },
        ],
      },
      2000,
      () => "route",
    );
    expect(formatPercent(0.0985)).toBe("9.9%");
    expect(message).toContain("actual 9.9% over 2000 requests: v1 90.2% | v2 9.9%");
  });
});
