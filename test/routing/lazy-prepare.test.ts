/**
 * #13 item 22: `Router.route` (and so `resolve`) keeps only the request names the compiled model's rules read
 * (NameReader), where `Router.prepare` keeps all of them. The lazy path must decide and fail exactly like the
 * eager one: compared here on generated models and requests. The eager path is the same router with its
 * readers removed (route() then normalises the whole request, as before #13 item 22).
 */
import fc from "fast-check";
import {
  Fc2FunctionModel,
  FcPolicyItem,
  FunctionModel,
  resolve,
  RouteDecision,
  RouteRequest,
  Router,
  RoutingOptions,
  RoutingValidationError,
  ScfFunctionModel,
} from "../../src/routing";

/** Names in several casings, so that lower-casing and "first value wins" decide matches. */
const NAMES = [
  "User",
  "user",
  "USER",
  "X-Tier",
  "x-tier",
  "uid",
  "Uid",
  "q",
  "Q",
  "cookie",
  "Cookie",
  "other",
];
const VALUES = ["Bob", "bob", "a", "b", "m", "z", "2.4.0", "10", "a,b", "uid=a; q=b", ""];

const name = fc.constantFrom(...NAMES);
const value = fc.constantFrom(...VALUES);

/** Valid policy items (the validator refuses empty values and percentages outside 1–100). */
const item: fc.Arbitrary<FcPolicyItem> = fc
  .record({
    type: fc.constantFrom("Header", "Cookie", "Param") as fc.Arbitrary<FcPolicyItem["type"]>,
    key: name,
    operator: fc.constantFrom("=", "!=", ">", "<", ">=", "<=", "in", "percent") as fc.Arbitrary<
      FcPolicyItem["operator"]
    >,
    value: fc.constantFrom(...VALUES.filter((v) => v !== "")),
    percent: fc.integer({ min: 1, max: 100 }),
  })
  .map(({ percent, ...i }) => (i.operator === "percent" ? { ...i, value: String(percent) } : i));

const fc2Model: fc.Arbitrary<FunctionModel> = fc
  .tuple(
    fc.array(item, { minLength: 1, maxLength: 3 }),
    fc.array(item, { minLength: 1, maxLength: 2 }),
    fc.constantFrom("AND", "OR") as fc.Arbitrary<"AND" | "OR">,
    fc.constantFrom("AND", "OR") as fc.Arbitrary<"AND" | "OR">,
  )
  .map(([a, b, ca, cb]): Fc2FunctionModel => ({
    platform: "fc2",
    serviceName: "svc",
    publishedVersions: ["1", "2", "3"],
    aliases: [
      {
        name: "a",
        versionId: "1",
        weights: { "2": 0.5 },
        resolvePolicy: "Content",
        routePolicy: { condition: ca, policyItems: a },
      },
      {
        name: "b",
        versionId: "2",
        weights: { "3": 0.2 },
        resolvePolicy: "Content",
        routePolicy: { condition: cb, policyItems: b },
      },
      { name: "w", versionId: "1", weights: { "3": 0.3 } },
    ],
  }));

const scfModel: fc.Arbitrary<FunctionModel> = fc
  .array(
    fc.record({
      key: name.map((n) => `invoke.headers.${n}`),
      method: fc.constantFrom("exact", "range") as fc.Arbitrary<"exact" | "range">,
      exact: value,
    }),
    { minLength: 1, maxLength: 1 },
  )
  .map((matches): ScfFunctionModel => ({
    platform: "scf",
    functionName: "f",
    publishedVersions: ["1", "2"],
    aliases: [
      {
        name: "a",
        primary: "1",
        matches: matches.map((m) => ({
          version: "2",
          key: m.key,
          method: m.method,
          expression: m.method === "exact" ? m.exact : "[0,50)",
        })),
      },
      { name: "w", primary: "1", weights: [{ version: "2", weight: 0.4 }] },
    ],
  }));

/** Multimaps with repeated names in other casings, lists, empty lists and (sometimes) invalid values. */
const multimap = fc.dictionary(
  name,
  fc.oneof(
    { weight: 16, arbitrary: value },
    { weight: 2, arbitrary: fc.array(value, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>([], [1, "x"], 7, null, [2]) },
  ),
  { maxKeys: 6 },
);

const request = fc.record(
  {
    qualifier: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom("a", "b") },
      {
        weight: 1,
        arbitrary: fc.constantFrom("w", "1", "2", "3", "LATEST", "$LATEST", "$DEFAULT", "nope", ""),
      },
    ),
    api: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom("apigateway", "http", "Invoke") },
      { weight: 1, arbitrary: fc.constantFrom("InvokeFunction", "trigger", "bogus") },
    ),
    headers: multimap,
    query: multimap,
    cookies: fc.dictionary(name, value, { maxKeys: 3 }),
    routingKey: fc.constantFrom(
      '{"User":"Bob"}',
      '{"user":"bob"}',
      '{"uid":"10"}',
      '{"USER":"a"}',
      "not json",
    ),
    stickyKey: fc.oneof(
      { weight: 8, arbitrary: value },
      { weight: 1, arbitrary: fc.constant(3 as unknown as string) },
    ),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<RouteRequest>;

const options: fc.Arbitrary<RoutingOptions> = fc.record(
  {
    gatewayRoutingKey: fc.boolean(),
    inMode: fc.constantFrom("list", "substring") as fc.Arbitrary<"list" | "substring">,
    contentMode: fc.constantFrom("all", "weighted") as fc.Arbitrary<"all" | "weighted">,
    stickyWeighted: fc.boolean(),
    percentHash: fc.constantFrom("sha256", "fnv1a32") as fc.Arbitrary<"sha256" | "fnv1a32">,
  },
  { requiredKeys: [] },
);

const index = fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.constant("req-1"));

/** The same router with route()'s readers removed: route() then normalises every name (the eager path). */
function eager(router: Router): Router {
  const copy = Object.create(
    Object.getPrototypeOf(router) as object,
    Object.getOwnPropertyDescriptors(router),
  );
  (copy as { readers?: unknown }).readers = undefined;
  return copy as Router;
}

type Outcome = { decision: RouteDecision } | { error: unknown };

function outcome(fn: () => RouteDecision): Outcome {
  try {
    return { decision: fn() };
  } catch (e) {
    if (!(e instanceof RoutingValidationError)) throw e;
    return { error: e.diagnostics };
  }
}

describe("route() keeps only the names the rules read, and decides exactly as with every name (#13 item 22)", () => {
  it.each([
    ["fc2", fc2Model],
    ["scf", scfModel],
  ] as const)("%s: the same decisions and errors on generated models and requests", (_p, models) => {
    let routed = 0;
    fc.assert(
      fc.property(
        models,
        options,
        fc.array(fc.tuple(request, index), { minLength: 1, maxLength: 8 }),
        (m, o, rs) => {
          let lazy: Router;
          try {
            lazy = new Router(m, { seed: 7, options: o });
          } catch (e) {
            if (e instanceof RoutingValidationError) return; // a generated model the validator refuses
            throw e;
          }
          const full = eager(lazy);
          for (const [r, i] of rs) {
            const a = outcome(() => lazy.route(r, i));
            const b = outcome(() => full.route(r, i));
            expect(a).toStrictEqual(b);
            if ("decision" in a) {
              routed++;
              // resolve() goes the same lazy way.
              expect(
                outcome(() =>
                  resolve(m, r, {
                    seed: 7,
                    options: o,
                    ...(typeof i === "string" ? { requestId: i } : { requestIndex: i }),
                  }),
                ),
              ).toStrictEqual(a);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
    // The generators must reach decisions, not only errors.
    expect(routed).toBeGreaterThan(200);
  });

  it("a rule reads a header whatever its casing, the first value of a name winning", () => {
    const model: FunctionModel = {
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
            condition: "AND",
            policyItems: [{ type: "Header", key: "x-tier", operator: "=", value: "pro" }],
          },
        },
      ],
    };
    const router = new Router(model);
    expect(router.route({ qualifier: "a", headers: { "X-Tier": "pro", other: "1" } }).version).toBe("2");
    expect(router.route({ qualifier: "a", headers: { "X-TIER": "pro", "x-tier": "free" } }).version).toBe(
      "2",
    );
    expect(router.route({ qualifier: "a", headers: { "x-tier": "free", "X-Tier": "pro" } }).version).toBe(
      "1",
    );
    // Names no rule reads are still validated.
    expect(() => router.route({ qualifier: "a", headers: { other: 3 as unknown as string } })).toThrow(
      RoutingValidationError,
    );
  });
});
