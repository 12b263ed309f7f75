/** Simulation over reviewed Terraform JSON: stage and alias targets, seeds, rule chains, errors. */
import * as path from "path";
import { RoutingValidationError } from "../../src";
import { InputError, load, simulate, snapshotOf, Snapshot, stageNameOf } from "../../src/review";
import { fixture, scfSnapshot, synthRelease, tempDir } from "./fixtures";

const snap = (name: string): Snapshot => snapshotOf(load(fixture(name)));
const shares = (r: ReturnType<typeof simulate>) =>
  Object.fromEntries(r.versions.map((v) => [v.version, v.count]));

describe("simulate on hand-written Terraform JSON", () => {
  test("a stage: the split with 99% intervals and one rule chain per version", () => {
    const r = simulate(
      snap("scf-handwritten.tf.json"),
      { kind: "stage", stage: "release" },
      {},
      { count: 20000, seed: 3 },
    );
    expect(r.target).toMatchObject({
      kind: "stage",
      stage: "release",
      cloudStage: "release",
      gateway: "billing-gw",
      qualifier: "live",
    });
    expect(r.total).toBe(20000);
    const v8 = r.versions.find((v) => v.version === "v8")!;
    expect(v8.ci99.low).toBeLessThan(0.25);
    expect(v8.ci99.high).toBeGreaterThan(0.25);
    expect(r.examples.map((e) => e.version).sort()).toEqual(["v7", "v8"]);
    expect(r.examples.find((e) => e.version === "v8")!.chain).toEqual([
      "stage release (release) → live",
      "alias live: draw in [0, 0.25) — weight 0.25 of v8 → v8",
    ]);
  });

  test("--seed makes it reproducible; another seed gives another sample", () => {
    const s = snap("scf-handwritten.tf.json");
    const run = (seed: number) =>
      shares(simulate(s, { kind: "stage", stage: "release" }, {}, { count: 5000, seed }));
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });

  test("an alias with a routing key rule (SCF reads RoutingKey, not headers)", () => {
    const s = snap("scf-handwritten.tf.json");
    const gold = simulate(
      s,
      { kind: "alias", alias: "beta" },
      { routingKey: '{"tier":"gold"}' },
      { count: 100 },
    );
    expect(shares(gold)).toEqual({ v8: 100 });
    expect(gold.examples[0].chain).toEqual([
      'alias beta: match 0 (invoke.headers.tier exact "gold") hit → v8',
    ]);
    const header = simulate(
      s,
      { kind: "alias", alias: "beta" },
      { headers: { tier: "gold" } },
      { count: 100 },
    );
    expect(shares(header)).toEqual({ v7: 100 });
    expect(header.warnings.join("\n")).toContain("SCF alias rules read the invoke RoutingKey");
  });

  test("Alibaba gateway routes on a query parameter, cloud stage names accepted", () => {
    const s = snap("fc3-handwritten.tf.json");
    const beta = simulate(s, { kind: "stage", stage: "PRE" }, { query: { beta: "yes" } }, { count: 100 });
    expect(shares(beta)).toEqual({ "13": 100 });
    expect(beta.examples[0].chain[1]).toBe('gateway route beta_users (query beta = "yes") → 13');
    const others = simulate(
      s,
      { kind: "stage", stage: "prepub" },
      { query: { beta: "no" } },
      { count: 10000 },
    );
    expect(Object.keys(shares(others)).sort()).toEqual(["12", "13"]);
  });

  test("a version or LATEST as the target", () => {
    const s = snap("fc3-handwritten.tf.json");
    expect(shares(simulate(s, { kind: "alias", alias: "12" }, {}, { count: 10 }))).toEqual({ "12": 10 });
    expect(shares(simulate(s, { kind: "alias", alias: "LATEST" }, {}, { count: 10 }))).toEqual({
      LATEST: 10,
    });
  });

  test("free-form alias descriptions are no routing error (V25 is about the library's own aliases)", () => {
    // scf-handwritten's alias "live" has the description "live traffic".
    expect(() =>
      simulate(snap("scf-handwritten.tf.json"), { kind: "alias", alias: "live" }, {}, { count: 1 }),
    ).not.toThrow();
  });
});

describe("simulate on a synthesized output", () => {
  let s: Snapshot;
  beforeAll(() => {
    s = snapshotOf(
      load(
        synthRelease(path.join(tempDir(), "cdktf.out"), {
          "orders-scf": {
            platform: "scf",
            versions: ["1", "2"],
            release: { version: "1", canary: { version: "2", weight: 0.1 } },
            gateway: true,
          },
          "orders-fc3": {
            platform: "fc3",
            versions: ["1", "2"],
            release: { version: "1" },
            prepub: { version: "1" },
            gateway: true,
            prepubRouteTo: "2",
          },
        }),
      ),
    );
  });

  test("a stage several gateways have needs --gateway (by gateway label or stack)", () => {
    expect(() => simulate(s, { kind: "stage", stage: "release" }, {})).toThrow(/exists in several gateways/);
    const r = simulate(s, { kind: "stage", stage: "release", gateway: "orders-scf" }, {}, { count: 10000 });
    expect(r.target.platform).toBe("scf");
    expect(Math.abs(r.versions.find((v) => v.version === "2")!.share - 0.1)).toBeLessThan(0.02);
    const fc3 = simulate(
      s,
      { kind: "stage", stage: "prepub", gateway: "orders_api@orders-fc3" },
      { headers: { User: "Bob" } },
      { count: 50 },
    );
    expect(shares(fc3)).toEqual({ "2": 50 });
  });

  test("an alias several functions have needs --function", () => {
    expect(() => simulate(s, { kind: "alias", alias: "release" }, {})).toThrow(
      /several functions.*--function/,
    );
  });
});

describe("errors", () => {
  const s = scfSnapshot({
    versions: ["v1"],
    aliases: { release: { primary: "v1" } },
    stages: { release: "release", prepub: "gone" },
  });

  test.each([
    [
      { kind: "stage", stage: "staging" } as const,
      /^unknown stage "staging" \(allowed: release, prepub, dev/,
    ],
    [
      { kind: "stage", stage: "dev" } as const,
      /^unknown stage "dev" \(stages: orders_api\/release, orders_api\/prepub\)$/,
    ],
    [
      { kind: "stage", stage: "prepub" } as const,
      /^stage orders_api\/prepub has no binding \(qualifier "gone" names no alias/,
    ],
    [{ kind: "alias", alias: "beta" } as const, /^unknown alias "beta" \(aliases: release\)$/],
    [
      { kind: "alias", alias: "release", function: "nope" } as const,
      /^unknown function "nope" \(functions: orders\)$/,
    ],
  ])("%j", (target, what) => {
    let error: unknown;
    try {
      simulate(s, target, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).what).toMatch(what);
    expect((error as InputError).where).toBe("test.tf.json");
  });

  test("a bad routing key or seed is the routing core's own error", () => {
    expect(() => simulate(s, { kind: "alias", alias: "release" }, { routingKey: "{bad" })).toThrow(
      RoutingValidationError,
    );
    expect(() => simulate(s, { kind: "alias", alias: "release" }, {}, { seed: "x" })).toThrow(
      RoutingValidationError,
    );
  });

  test("weights only known at apply cannot be simulated", () => {
    expect(() => simulate(snap("plan-fc3-delete.json"), { kind: "alias", alias: "prepub" }, {})).toThrow(
      /weights of alias prepub of checkout are only known after apply/,
    );
  });

  test("stageNameOf maps cloud names", () => {
    expect(
      ["release", "RELEASE", "prepub", "PRE", "pre", "dev", "test", "TEST", "x"].map(stageNameOf),
    ).toEqual(["release", "release", "prepub", "prepub", "prepub", "dev", "dev", "dev", undefined]);
  });
});
