import {
  Fc2FunctionModel,
  resolve,
  Router,
  RoutingValidationError,
  sample,
  ScfFunctionModel,
  STICKY_ASSUMPTION,
  wilsonInterval,
  Z_99,
} from "../../src/routing";

const fc: Fc2FunctionModel = {
  platform: "fc2",
  serviceName: "svc",
  publishedVersions: ["1", "2", "3"],
  aliases: [
    { name: "canary", versionId: "1", weights: { "2": 0.1 } },
    { name: "stable", versionId: "1" },
    {
      name: "rules",
      versionId: "1",
      weights: { "2": 0.5 },
      resolvePolicy: "Content",
      routePolicy: {
        condition: "AND",
        policyItems: [{ type: "Header", key: "x-user", operator: "percent", value: "30" }],
      },
    },
  ],
};

const scf: ScfFunctionModel = {
  platform: "scf",
  functionName: "B",
  publishedVersions: ["1", "2", "3", "4"],
  aliases: [
    { name: "release", primary: "1", weights: [{ version: "2", weight: 0.25 }] },
    {
      name: "prepub",
      primary: "3",
      matches: [{ version: "4", key: "invoke.headers.User", method: "exact", expression: "Bob" }],
    },
  ],
};

const sum = (xs: readonly { count: number }[]) => xs.reduce((a, v) => a + v.count, 0);

describe("sample", () => {
  it("counts sum to the total, shares to 1, and reasons to the total", () => {
    const r = sample(fc, { qualifier: "canary" }, 20_000, { seed: 9 });
    expect(r.total).toBe(20_000);
    expect(sum(r.versions)).toBe(20_000);
    expect(r.versions.reduce((a, v) => a + v.share, 0)).toBeCloseTo(1, 12);
    expect(Object.values(r.reasons).reduce((a, n) => a + (n ?? 0), 0)).toBe(20_000);
    expect(r.versions.map((v) => v.version)).toEqual(["1", "2"]); // by count, descending
    expect(r.seed).toBe("9");
    expect(r.startIndex).toBe(0);
  });

  it("each version's 99% interval contains its declared share", () => {
    const r = sample(fc, { qualifier: "canary" }, 50_000, { seed: 1 });
    const canary = r.versions.find((v) => v.version === "2")!;
    const primary = r.versions.find((v) => v.version === "1")!;
    expect(canary.ci99.low).toBeLessThanOrEqual(0.1);
    expect(canary.ci99.high).toBeGreaterThanOrEqual(0.1);
    expect(primary.ci99.low).toBeLessThanOrEqual(0.9);
    expect(primary.ci99.high).toBeGreaterThanOrEqual(0.9);
    expect(r.reasons).toEqual({ "weighted:additional": canary.count, "weighted:primary": primary.count });
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const a = sample(fc, { qualifier: "canary" }, 5_000, { seed: 123 });
    const b = sample(fc, { qualifier: "canary" }, 5_000, { seed: 123 });
    const c = sample(fc, { qualifier: "canary" }, 5_000, { seed: 124 });
    expect(b).toEqual(a);
    expect(c.versions).not.toEqual(a.versions);
  });

  it("request i uses draw U(seed, startIndex + i), exactly as resolve does", () => {
    const n = 300;
    const start = 1_000;
    const r = sample(fc, { qualifier: "canary" }, n, { seed: 5, startIndex: start });
    let canary = 0;
    for (let i = 0; i < n; i++) {
      if (resolve(fc, { qualifier: "canary" }, { seed: 5, requestIndex: start + i }).version === "2")
        canary++;
    }
    expect(r.versions.find((v) => v.version === "2")?.count ?? 0).toBe(canary);
    expect(r.startIndex).toBe(start);
  });

  it("the generator form agrees with the fixed form and with resolve per index", () => {
    const fixed = sample(fc, { qualifier: "canary" }, 3_000, { seed: 77 });
    const generated = sample(fc, () => ({ qualifier: "canary" }), 3_000, { seed: 77 });
    expect(generated.versions).toEqual(fixed.versions);
    expect(generated.reasons).toEqual(fixed.reasons);
  });

  it("the generator form routes a different request per index", () => {
    const seen: number[] = [];
    const r = sample(
      scf,
      (i) => {
        seen.push(i);
        return { qualifier: "prepub", routingKey: JSON.stringify({ User: i % 4 === 0 ? "Bob" : "Alice" }) };
      },
      1_000,
      { startIndex: 10 },
    );
    expect(seen[0]).toBe(10);
    expect(seen).toHaveLength(1_000);
    expect(r.versions).toEqual([
      expect.objectContaining({ version: "3", count: 750, share: 0.75 }),
      expect.objectContaining({ version: "4", count: 250, share: 0.25 }),
    ]);
    expect(r.reasons).toEqual({ "rule:miss": 750, "rule:hit": 250 });
  });

  it("rule routing of a fixed request sends every request the same way", () => {
    const hit = sample(fc, { qualifier: "rules", headers: { "x-user": "alice" } }, 1_000); // bucket 7 < 30
    expect(hit.versions).toEqual([expect.objectContaining({ version: "2", count: 1_000, share: 1 })]);
    expect(hit.reasons).toEqual({ "rule:hit": 1_000 });
    const miss = sample(fc, { qualifier: "rules", headers: { "x-user": "bob" } }, 1_000); // bucket 50
    expect(miss.reasons).toEqual({ "rule:miss": 1_000 });
  });

  it("direct versions and aliases without weights", () => {
    expect(sample(fc, { qualifier: "3" }, 10).versions).toEqual([
      { version: "3", count: 10, share: 1, ci99: wilsonInterval(10, 10) },
    ]);
    expect(sample(fc, { qualifier: "3" }, 10).reasons).toEqual({ direct: 10 });
    expect(sample(fc, { qualifier: "stable" }, 10).reasons).toEqual({ primary: 10 });
    expect(sample(scf, undefined, 4).versions[0]).toMatchObject({ version: "$LATEST", count: 4 });
    expect(sample(scf, { api: "InvokeFunction" }, 4).reasons).toEqual({ primary: 4 });
  });

  it("count 0 gives an empty result", () => {
    const r = sample(fc, { qualifier: "canary" }, 0);
    expect(r.total).toBe(0);
    expect(r.versions).toEqual([]);
    expect(r.reasons).toEqual({});
  });

  it("accepts a Router and reuses its seed", () => {
    const router = new Router(scf, { seed: 11 });
    expect(sample(router, { qualifier: "release" }, 2_000)).toEqual(
      sample(scf, { qualifier: "release" }, 2_000, { seed: 11 }),
    );
  });

  it("collects assumptions (gateway, stickyWeighted) in both forms", () => {
    const gw = sample(scf, { qualifier: "prepub", api: "apigateway" }, 5);
    expect(gw.assumptions).toEqual([expect.stringContaining("gatewayRoutingKey=false")]);
    const options = { stickyWeighted: true };
    const fixed = sample(fc, { qualifier: "canary", stickyKey: "alice" }, 5, { options });
    const generated = sample(fc, () => ({ qualifier: "canary", stickyKey: "alice" }), 5, { options });
    expect(fixed.assumptions).toEqual([STICKY_ASSUMPTION]);
    expect(generated.assumptions).toEqual([STICKY_ASSUMPTION]);
    expect(fixed.versions).toEqual(generated.versions);
    // alice → bucket 7 → draw 0.07 < 0.1: every request goes to the canary
    expect(fixed.versions).toEqual([expect.objectContaining({ version: "2", count: 5 })]);
  });

  it.each([-1, 1.5, Number.NaN, 1e10, "10" as unknown as number])("refuses count %p", (count) => {
    expect(() => sample(fc, { qualifier: "canary" }, count)).toThrow(RoutingValidationError);
  });

  it.each([-1, 0.5, Number.MAX_SAFE_INTEGER])("refuses startIndex %p", (startIndex) => {
    expect(() => sample(fc, { qualifier: "canary" }, 10, { startIndex })).toThrow(RoutingValidationError);
  });

  it("refuses bad requests in either form", () => {
    expect(() => sample(fc, { qualifier: "nope" }, 10)).toThrow(RoutingValidationError);
    expect(() => sample(fc, () => ({ qualifier: "nope" }), 10)).toThrow(RoutingValidationError);
  });
});

describe("wilsonInterval", () => {
  it("is exactly [0, high] at k = 0 and [low, 1] at k = n", () => {
    for (const n of [1, 7, 13, 26, 100, 1_000, 100_000]) {
      const none = wilsonInterval(0, n);
      const all = wilsonInterval(n, n);
      expect(none.low).toBe(0);
      expect(all.high).toBe(1);
      expect(none.high).toBeGreaterThan(0);
      expect(all.low).toBeLessThan(1);
      // symmetric: the upper bound of 0/n mirrors the lower bound of n/n
      expect(none.high).toBeCloseTo(1 - all.low, 12);
    }
  });

  it("k = 0 upper bound is z²/(n + z²)", () => {
    const n = 1_000;
    expect(wilsonInterval(0, n).high).toBeCloseTo((Z_99 * Z_99) / (n + Z_99 * Z_99), 12);
  });

  it("contains the observed share, stays in [0, 1], and narrows with n", () => {
    for (const [k, n] of [
      [1, 10],
      [5, 10],
      [9, 10],
      [100, 1_000],
      [5_000, 10_000],
    ]) {
      const { low, high } = wilsonInterval(k, n);
      expect(low).toBeGreaterThanOrEqual(0);
      expect(high).toBeLessThanOrEqual(1);
      expect(low).toBeLessThanOrEqual(k / n);
      expect(high).toBeGreaterThanOrEqual(k / n);
    }
    const wide = wilsonInterval(50, 100);
    const narrow = wilsonInterval(5_000, 10_000);
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });

  it("matches a known value (k = 50, n = 100, z = 1.96 → [0.4038, 0.5962])", () => {
    const { low, high } = wilsonInterval(50, 100, 1.96);
    expect(low).toBeCloseTo(0.4038, 4);
    expect(high).toBeCloseTo(0.5962, 4);
  });

  it("is [0, 1] for n = 0", () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
