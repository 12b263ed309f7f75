/**
 * Property tests of the routing simulator (routing-semantics.md §7.6): determinism, weighted shares,
 * sticky percent rules, draw isolation between aliases, weight 0 / 1, and fuzzing for typed errors only.
 */
import fc from "fast-check";
import {
  bucket,
  Fc2FunctionModel,
  FunctionModel,
  Platform,
  resolve,
  ResolveContext,
  RouteRequest,
  Router,
  RoutingOptions,
  RoutingValidationError,
  sample,
  ScfFunctionModel,
  wilsonInterval,
} from "../../src/routing";

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const index = fc.oneof(fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), u64);

/** A model with one weighted alias `a` (primary 1, additional 2, weight w) on any platform. */
function weightedModel(platform: Platform, w: number): FunctionModel {
  if (platform === "scf") {
    return {
      platform,
      functionName: "f",
      publishedVersions: ["1", "2"],
      aliases: [{ name: "a", primary: "1", weights: [{ version: "2", weight: w }] }],
    };
  }
  return {
    platform,
    serviceName: "svc",
    functionName: "f",
    publishedVersions: ["1", "2"],
    aliases: [{ name: "a", versionId: "1", weights: { "2": w } }],
  } as FunctionModel;
}

const platform = fc.constantFrom<Platform>("fc2", "fc3", "scf");

describe("determinism", () => {
  it("the same seed and index give the same decision, from fresh routers and in any order", () => {
    fc.assert(
      fc.property(platform, fc.double({ min: 0, max: 1, noNaN: true }), u64, index, (p, w, seed, i) => {
        const model = weightedModel(p, w);
        const a = resolve(model, { qualifier: "a" }, { seed, requestIndex: i });
        const b = new Router(weightedModel(p, w), { seed }).route({ qualifier: "a" }, i);
        expect(b).toEqual(a);
        expect(resolve(model, { qualifier: "a" }, { seed, requestIndex: i })).toEqual(a);
        // the decision is exactly "u < w"
        expect(a.version).toBe(a.draw! < w ? "2" : "1");
      }),
      { numRuns: 500 },
    );
  });

  it("a batch routed in reverse order matches the forward order", () => {
    const router = new Router(weightedModel("fc2", 0.3), { seed: 99 });
    const forward = Array.from({ length: 200 }, (_, i) => router.route({ qualifier: "a" }, i).version);
    const reverse = Array.from({ length: 200 }, (_, k) => router.route({ qualifier: "a" }, 199 - k).version);
    expect(reverse.reverse()).toEqual(forward);
  });
});

describe("weighted shares over 100,000 draws", () => {
  /** Φ⁻¹(1 − 0.01 / (2·24)): a two-sided 99% family-wise (Bonferroni) bound for up to 24 checks. */
  const Z_BONFERRONI_24 = 3.529296088834735;
  const N = 100_000;
  const SEEDS = [1, 2024];

  const configs: {
    label: string;
    model: FunctionModel;
    options?: RoutingOptions;
    shares: Record<string, number>;
  }[] = [
    { label: "fc2 10%", model: weightedModel("fc2", 0.1), shares: { "1": 0.9, "2": 0.1 } },
    { label: "fc2 50%", model: weightedModel("fc2", 0.5), shares: { "1": 0.5, "2": 0.5 } },
    { label: "fc3 1%", model: weightedModel("fc3", 0.01), shares: { "1": 0.99, "2": 0.01 } },
    { label: "scf 30%", model: weightedModel("scf", 0.3), shares: { "1": 0.7, "2": 0.3 } },
    {
      label: "fc2 two canaries 20% + 30%",
      model: {
        platform: "fc2",
        serviceName: "svc",
        publishedVersions: ["1", "9", "10"],
        aliases: [{ name: "a", versionId: "1", weights: { "10": 0.3, "9": 0.2 } }],
      },
      options: { maxAdditionalVersions: 2 },
      shares: { "1": 0.5, "9": 0.2, "10": 0.3 },
    },
  ];

  it("uses at most 24 checks (the Bonferroni bound above)", () => {
    const checks = configs.reduce((n, c) => n + Object.keys(c.shares).length, 0) * SEEDS.length;
    expect(checks).toBeLessThanOrEqual(24);
  });

  for (const { label, model, options, shares } of configs) {
    it.each(SEEDS)(
      `${label}: every declared share lies in the interval of the observed share (seed %i)`,
      (seed) => {
        const r = sample(model, { qualifier: "a" }, N, { seed, options });
        expect(r.versions.reduce((n, v) => n + v.count, 0)).toBe(N);
        for (const [version, declared] of Object.entries(shares)) {
          const count = r.versions.find((v) => v.version === version)?.count ?? 0;
          const { low, high } = wilsonInterval(count, N, Z_BONFERRONI_24);
          expect({ version, declared, low, high, ok: low <= declared && declared <= high }).toMatchObject({
            ok: true,
          });
          // and the default 99% interval reported by sample() is consistent with the counts
          const reported = r.versions.find((v) => v.version === version);
          if (reported) expect(reported.ci99).toEqual(wilsonInterval(count, N));
        }
      },
    );
  }
});

describe("percent rules are sticky per value", () => {
  const model = (percent: number): Fc2FunctionModel => ({
    platform: "fc2",
    serviceName: "svc",
    publishedVersions: ["1", "2"],
    aliases: [
      {
        name: "r",
        versionId: "1",
        weights: { "2": 0.5 },
        resolvePolicy: "Content",
        routePolicy: {
          condition: "AND",
          policyItems: [{ type: "Header", key: "x-uid", operator: "percent", value: String(percent) }],
        },
      },
    ],
  });

  it("a key value goes to the same version at every seed and index", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 30 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.tuple(u64, index), { minLength: 2, maxLength: 8 }),
        fc.constantFrom<"sha256" | "fnv1a32" | "murmur2">("sha256", "fnv1a32", "murmur2"),
        (value, percent, contexts, percentHash) => {
          const m = model(percent);
          const expected = bucket(value, percentHash) < percent ? "2" : "1";
          for (const [seed, requestIndex] of contexts) {
            const d = resolve(
              m,
              { qualifier: "r", headers: { "X-UID": value } },
              { seed, requestIndex, options: { percentHash } },
            );
            expect(d.version).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the share of distinct keys sent to the canary tracks the percentage", () => {
    const n = 20_000;
    const m = model(25);
    const r = sample(m, (i) => ({ qualifier: "r", headers: { "x-uid": `user-${i}` } }), n);
    const canary = r.versions.find((v) => v.version === "2")!.count;
    const { low, high } = wilsonInterval(canary, n);
    expect(low).toBeLessThanOrEqual(0.25);
    expect(high).toBeGreaterThanOrEqual(0.25);
  });
});

describe("adding or removing a canary on one alias does not shift other requests", () => {
  /** Aliases x and y; `xCanary` toggles x's canary (weighted, rules or none). */
  function fcModel(xCanary: "none" | "weighted" | "rules"): Fc2FunctionModel {
    const x =
      xCanary === "none"
        ? { name: "x", versionId: "1" }
        : xCanary === "weighted"
          ? { name: "x", versionId: "1", weights: { "2": 0.3 } }
          : {
              name: "x",
              versionId: "1",
              weights: { "2": 0.3 },
              resolvePolicy: "Content" as const,
              routePolicy: {
                condition: "OR" as const,
                policyItems: [{ type: "Header" as const, key: "x-a", operator: "=" as const, value: "1" }],
              },
            };
    return {
      platform: "fc2",
      serviceName: "svc",
      publishedVersions: ["1", "2", "3"],
      aliases: [x, { name: "y", versionId: "1", weights: { "3": 0.5 } }],
    };
  }

  function scfModel(xCanary: "none" | "weighted" | "rules"): ScfFunctionModel {
    const x =
      xCanary === "none"
        ? { name: "x", primary: "1" }
        : xCanary === "weighted"
          ? { name: "x", primary: "1", weights: [{ version: "2", weight: 0.3 }] }
          : {
              name: "x",
              primary: "1",
              matches: [{ version: "2", key: "invoke.headers.U", method: "exact" as const, expression: "1" }],
            };
    return {
      platform: "scf",
      functionName: "f",
      publishedVersions: ["1", "2", "3"],
      aliases: [x, { name: "y", primary: "1", weights: [{ version: "3", weight: 0.5 }] }],
    };
  }

  const variants = ["none", "weighted", "rules"] as const;
  const request = fc.record({
    qualifier: fc.constantFrom("x", "y"),
    headers: fc.constantFrom<Record<string, string>>({}, { "x-a": "1" }),
    routingKey: fc.constantFrom(undefined, '{"U":"1"}', '{"U":"0"}'),
  });

  it.each([
    ["fc2", fcModel],
    ["scf", scfModel],
  ] as const)("%s: draws of every request and decisions of the other alias are identical", (_p, build) => {
    fc.assert(
      fc.property(
        u64,
        fc.array(fc.tuple(request, index), { minLength: 1, maxLength: 20 }),
        fc.constantFrom(...variants),
        fc.constantFrom(...variants),
        (seed, requests, before, after) => {
          const a = new Router(build(before), { seed });
          const b = new Router(build(after), { seed });
          for (const [req, i] of requests) {
            const r: RouteRequest = {
              qualifier: req.qualifier,
              headers: req.headers,
              ...(req.routingKey !== undefined ? { routingKey: req.routingKey } : {}),
            };
            const da = a.route(r, i);
            const db = b.route(r, i);
            expect(db.draw).toBe(da.draw);
            if (req.qualifier === "y") expect(db).toEqual(da);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a whole traffic mix keeps y's counts when x's canary is added", () => {
    const mix = (i: number): RouteRequest => ({ qualifier: i % 3 === 0 ? "x" : "y" });
    const ys = (model: FunctionModel) => {
      const router = new Router(model, { seed: 8 });
      const out: string[] = [];
      for (let i = 0; i < 5_000; i++) if (i % 3 !== 0) out.push(router.route(mix(i), i).version);
      return out;
    };
    expect(ys(fcModel("weighted"))).toEqual(ys(fcModel("none")));
    expect(ys(scfModel("rules"))).toEqual(ys(scfModel("weighted")));
  });
});

describe("weight 0 and weight 1", () => {
  it("weight 0 never selects the additional version; weight 1 always does", () => {
    fc.assert(
      fc.property(platform, u64, index, (p, seed, i) => {
        expect(resolve(weightedModel(p, 0), { qualifier: "a" }, { seed, requestIndex: i }).version).toBe("1");
        expect(resolve(weightedModel(p, 1), { qualifier: "a" }, { seed, requestIndex: i }).version).toBe("2");
      }),
      { numRuns: 500 },
    );
  });

  it.each(["fc2", "fc3", "scf"] as const)("%s: over 100,000 draws", (p) => {
    expect(sample(weightedModel(p, 0), { qualifier: "a" }, 100_000, { seed: 3 }).versions).toEqual([
      expect.objectContaining({ version: "1", count: 100_000 }),
    ]);
    expect(sample(weightedModel(p, 1), { qualifier: "a" }, 100_000, { seed: 3 }).versions).toEqual([
      expect.objectContaining({ version: "2", count: 100_000 }),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzing: every failure is a RoutingValidationError
// ---------------------------------------------------------------------------------------------

/** Calls fn; anything thrown must be a RoutingValidationError with at least one diagnostic. */
function returnsOrThrowsTyped(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof RoutingValidationError)) {
      throw new Error(`expected RoutingValidationError, got ${String(e)}\n${(e as Error)?.stack ?? ""}`);
    }
    expect(e.diagnostics.length).toBeGreaterThan(0);
  }
}

const junk = fc.anything({
  maxDepth: 3,
  maxKeys: 5,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
});

const headerValue = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.constant(""),
  fc.string({ unit: "grapheme", minLength: 5_000, maxLength: 20_000 }),
  fc.array(fc.string({ unit: "binary" }), { maxLength: 3 }),
);

/** Valid models exercising every routing feature (the fuzz targets). */
const VALID_MODELS: FunctionModel[] = [
  weightedModel("fc2", 0.3),
  weightedModel("fc3", 0.3),
  weightedModel("scf", 0.3),
  {
    platform: "fc2",
    serviceName: "svc",
    publishedVersions: ["1", "2"],
    aliases: [
      {
        name: "a",
        versionId: "1",
        weights: { "2": 0.5 },
        resolvePolicy: "Content",
        routePolicy: {
          condition: "OR",
          policyItems: [
            { type: "Header", key: "x-a", operator: ">=", value: "m" },
            { type: "Cookie", key: "uid", operator: "in", value: "a,b" },
            { type: "Param", key: "q", operator: "percent", value: "50" },
            { type: "Header", key: "x-b", operator: "!=", value: "z" },
          ],
        },
      },
    ],
  },
  {
    platform: "scf",
    functionName: "f",
    publishedVersions: ["1", "2"],
    aliases: [
      {
        name: "a",
        primary: "1",
        matches: [{ version: "2", key: "invoke.headers.x-a", method: "range", expression: "[0,50)" }],
      },
    ],
  },
];

describe("fuzz", () => {
  it("arbitrary unicode, empty and huge header, cookie and query values route without throwing", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_MODELS),
        fc.dictionary(fc.constantFrom("x-a", "X-B", "cookie", "Cookie", "other"), headerValue),
        fc.dictionary(fc.constantFrom("q", "Q", "x"), headerValue),
        fc.option(fc.dictionary(fc.constantFrom("uid", "x"), fc.string({ unit: "binary" }))),
        index,
        (model, headers, query, cookies, i) => {
          const request: RouteRequest = { qualifier: "a", headers, query, ...(cookies ? { cookies } : {}) };
          const d = resolve(model, request, { requestIndex: i, options: { inMode: "substring" } });
          expect(["1", "2"]).toContain(d.version);
          const router = new Router(model);
          expect(router.pickVersion(router.prepare(request), i)).toBe(router.route(request, i).version);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("arbitrary routing keys either route or are refused with a typed error", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_MODELS.filter((m) => m.platform === "scf")),
        fc.oneof(
          fc.string({ unit: "binary" }),
          junk.map((v) => {
            try {
              return JSON.stringify(v) ?? "";
            } catch {
              return "";
            }
          }),
          fc
            .dictionary(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }))
            .map((o) => JSON.stringify(o)),
          junk as fc.Arbitrary<unknown> as fc.Arbitrary<string>,
        ),
        (model, routingKey) => {
          returnsOrThrowsTyped(() => resolve(model, { qualifier: "a", routingKey }));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("random objects as requests either route or are refused with a typed error", () => {
    const requestLike = fc.oneof(
      junk,
      fc.record(
        {
          qualifier: fc.oneof(fc.constantFrom("a", "1", "2", "LATEST", "$LATEST", "$DEFAULT", ""), junk),
          api: fc.oneof(fc.constantFrom("Invoke", "InvokeFunction", "trigger", "http", "apigateway"), junk),
          headers: junk,
          cookies: junk,
          query: junk,
          routingKey: junk,
          stickyKey: junk,
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...VALID_MODELS), requestLike, (model, request) => {
        returnsOrThrowsTyped(() => resolve(model, request as RouteRequest));
        returnsOrThrowsTyped(() => sample(model, request as RouteRequest, 3));
        returnsOrThrowsTyped(() => sample(model, () => request as RouteRequest, 3));
      }),
      { numRuns: 500 },
    );
  });

  it("random junk contexts (seed, index, options) either route or are refused with a typed error", () => {
    const ctx = fc.record(
      {
        seed: junk,
        requestIndex: junk,
        requestId: junk,
        options: fc.oneof(
          junk,
          fc.record(
            {
              contentMode: junk,
              inMode: junk,
              percentHash: junk,
              stickyWeighted: junk,
              strictRange: junk,
              maxAdditionalVersions: junk,
              gatewayRoutingKey: junk,
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.constantFrom(...VALID_MODELS), ctx, (model, c) => {
        returnsOrThrowsTyped(() => resolve(model, { qualifier: "a", stickyKey: "k" }, c as ResolveContext));
        returnsOrThrowsTyped(() => sample(model, { qualifier: "a" }, 3, c as ResolveContext));
      }),
      { numRuns: 500 },
    );
  });

  it("random junk as models is refused with a typed error (or routed when it happens to be valid)", () => {
    fc.assert(
      fc.property(junk, (model) => {
        returnsOrThrowsTyped(() => resolve(model as FunctionModel, { qualifier: "a" }));
        returnsOrThrowsTyped(() => sample(model as FunctionModel, { qualifier: "a" }, 3));
      }),
      { numRuns: 500 },
    );
  });

  it("valid models with one field replaced by junk are refused with a typed error or routed", () => {
    /** Replaces the value at a random path of a deep copy of `model` with `value`. */
    function mutate(model: FunctionModel, pick: number, value: unknown): unknown {
      const copy = JSON.parse(JSON.stringify(model)) as unknown;
      const slots: [Record<string, unknown> | unknown[], string | number][] = [];
      const walk = (node: unknown) => {
        if (Array.isArray(node)) {
          node.forEach((child, i) => {
            slots.push([node, i]);
            walk(child);
          });
        } else if (typeof node === "object" && node !== null) {
          for (const [k, child] of Object.entries(node)) {
            slots.push([node as Record<string, unknown>, k]);
            walk(child);
          }
        }
      };
      walk(copy);
      const [parent, key] = slots[pick % slots.length];
      (parent as Record<string | number, unknown>)[key] = value;
      return copy;
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_MODELS),
        fc.nat(),
        fc.oneof(
          junk,
          fc.constantFrom(undefined, null, "", "0", -1, 2, NaN, Infinity, [], {}, "LATEST", "$DEFAULT"),
        ),
        fc.array(fc.tuple(fc.constantFrom("a", "1", "2", "LATEST", "$LATEST", "$DEFAULT"), headerValue), {
          maxLength: 3,
        }),
        (model, pick, value, requests) => {
          const broken = mutate(model, pick, value) as FunctionModel;
          for (const [qualifier, v] of requests) {
            const request: RouteRequest = {
              qualifier,
              headers: { "x-a": v },
              query: { q: v },
              routingKey: JSON.stringify({ "x-a": typeof v === "string" ? v : "" }),
            };
            returnsOrThrowsTyped(() => resolve(broken, request));
          }
          returnsOrThrowsTyped(() => sample(broken, { qualifier: "a" }, 3));
          returnsOrThrowsTyped(() => new Router(broken));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
