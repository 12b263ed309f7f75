import {
  bucket,
  drawBigInt,
  Fc2FunctionModel,
  Fc3FunctionModel,
  FcOperator,
  FcPolicyItem,
  FunctionModel,
  resolve,
  ResolveContext,
  RouteDecision,
  RouteRequest,
  Router,
  RoutingOptions,
  RoutingValidationError,
  sample,
  ScfFunctionModel,
  ScfMatch,
  STICKY_ASSUMPTION,
  validate,
} from "../../src/routing";
import { sha256Index } from "../../src/routing/bucket";

/** U(0, i) for i = 0..3 (routing-semantics.md §7.6). */
const U0 = [0.6524484863740322, 0.36818951565166946, 0.3922164624235318, 0.7375181681915192];
/** U(42, i) for i = 0..3. */
const U42 = [0.30315012456577295, 0.4949295270895354, 0.11599941521466184, 0.2643207504130085];

/** Runs fn and returns the RoutingValidationError it must throw. */
function routingError(fn: () => unknown): RoutingValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RoutingValidationError);
    return e as RoutingValidationError;
  }
  throw new Error("expected a RoutingValidationError, nothing was thrown");
}

function expectCode(fn: () => unknown, code: string): RoutingValidationError {
  const err = routingError(fn);
  expect(err.diagnostics.map((d) => d.code)).toContain(code);
  return err;
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/** The seed-004 story: SCF function B, versions 1-4, release on 1, prepub on 3 with Bob → 4. */
const functionB: ScfFunctionModel = {
  platform: "scf",
  functionName: "B",
  publishedVersions: ["1", "2", "3", "4"],
  aliases: [
    { name: "release", primary: "1" },
    {
      name: "prepub",
      primary: "3",
      matches: [{ version: "4", key: "invoke.headers.User", method: "exact", expression: "Bob" }],
    },
  ],
};

const fcWeighted: Fc2FunctionModel = {
  platform: "fc2",
  serviceName: "svc",
  publishedVersions: ["1", "2", "3"],
  aliases: [
    { name: "stable", versionId: "1" },
    { name: "canary", versionId: "1", weights: { "2": 0.5 } },
    { name: "zero", versionId: "1", weights: { "2": 0 } },
    { name: "one", versionId: "1", weights: { "2": 1 } },
  ],
};

/** An fc2 Content-mode alias `rules` (primary 1, canary 2) over the given items. */
function contentModel(
  items: FcPolicyItem[],
  condition: "AND" | "OR" = "AND",
  extra: Partial<Fc2FunctionModel["aliases"][number]> = {},
): Fc2FunctionModel {
  return {
    platform: "fc2",
    serviceName: "svc",
    publishedVersions: ["1", "2"],
    aliases: [
      {
        name: "rules",
        versionId: "1",
        weights: { "2": 0.5 },
        resolvePolicy: "Content",
        routePolicy: { condition, policyItems: items },
        ...extra,
      },
    ],
  };
}

const header = (key: string, operator: FcOperator, value: string): FcPolicyItem => ({
  type: "Header",
  key,
  operator,
  value,
});

/** Routes a request to alias `rules` of a one-item Content model. */
function routeItem(
  item: FcPolicyItem,
  request: Omit<RouteRequest, "qualifier">,
  options?: RoutingOptions,
): RouteDecision {
  return resolve(contentModel([item]), { qualifier: "rules", ...request }, { options });
}

function scfModel(aliases: ScfFunctionModel["aliases"]): ScfFunctionModel {
  return { platform: "scf", functionName: "f", publishedVersions: ["1", "2", "3"], aliases };
}

const scfMatch = (expression: string, method: "exact" | "range" = "range", version = "2"): ScfMatch => ({
  version,
  key: "invoke.headers.X-Route",
  method,
  expression,
});

// ---------------------------------------------------------------------------------------------
// §7.3 Qualifier resolution
// ---------------------------------------------------------------------------------------------

describe("qualifier resolution (§7.3)", () => {
  it.each(["fc2", "fc3"] as const)("%s: no qualifier → LATEST, direct, no draw", (platform) => {
    const model = { ...fcWeighted, platform, aliases: [] } as FunctionModel;
    const d = resolve(model, {});
    expect(d).toMatchObject({ requested: "LATEST", version: "LATEST", reason: "direct" });
    expect(d.alias).toBeUndefined();
    expect(d.draw).toBeUndefined();
    expect(d.matchedRule).toBeUndefined();
    expect(d.observable).toEqual({ fc: { qualifier: "LATEST", versionId: "LATEST" } });
  });

  it("fc: no request at all → LATEST", () => {
    expect(resolve(fcWeighted).version).toBe("LATEST");
  });

  it.each([
    [undefined, "$LATEST"],
    ["Invoke", "$LATEST"],
    ["trigger", "$LATEST"],
    ["http", "$LATEST"],
    ["apigateway", "$LATEST"],
  ] as const)("scf api %s without qualifier → %s direct", (api, expected) => {
    const d = resolve(functionB, { api });
    expect(d).toMatchObject({ requested: expected, version: expected, reason: "direct" });
    expect(d.alias).toBeUndefined();
    expect(d.draw).toBeUndefined();
    expect(d.observable).toEqual({ scf: { "X-Scf-Version": "$LATEST" } });
  });

  it("scf InvokeFunction without qualifier → the implicit $DEFAULT alias → $LATEST", () => {
    const d = resolve(functionB, { api: "InvokeFunction" });
    expect(d).toMatchObject({
      requested: "$DEFAULT",
      alias: "$DEFAULT",
      version: "$LATEST",
      reason: "primary",
      draw: U0[0],
    });
    expect(d.matchedRule).toBeUndefined();
    expect(d.observable).toEqual({ scf: { "X-Scf-Version": "$LATEST" } });
  });

  it("scf: a declared $DEFAULT replaces the implicit one", () => {
    const model = scfModel([{ name: "$DEFAULT", primary: "2" }]);
    expect(resolve(model, { api: "InvokeFunction" })).toMatchObject({ alias: "$DEFAULT", version: "2" });
    expect(resolve(model, { qualifier: "$DEFAULT" }).version).toBe("2");
  });

  it("a published version is routed directly, without a draw", () => {
    const d = resolve(fcWeighted, { qualifier: "2" }, { requestIndex: 3 });
    expect(d).toMatchObject({ requested: "2", version: "2", reason: "direct" });
    expect(d.alias).toBeUndefined();
    expect(d.draw).toBeUndefined();
    expect(d.observable).toEqual({ fc: { qualifier: "2", versionId: "2" } });
    expect(resolve(functionB, { qualifier: "4" })).toMatchObject({
      version: "4",
      reason: "direct",
      observable: { scf: { "X-Scf-Version": "4" } },
    });
    expect(resolve(fcWeighted, { qualifier: "LATEST" }).reason).toBe("direct");
    expect(resolve(functionB, { qualifier: "$LATEST" }).reason).toBe("direct");
  });

  it("fc: an unknown alias name → AliasNotFound (404)", () => {
    const err = expectCode(() => resolve(fcWeighted, { qualifier: "nope" }), "AliasNotFound");
    expect(err.diagnostics[0]).toMatchObject({ rule: "V22", httpStatus: 404, path: "request.qualifier" });
  });

  it("fc: an unknown numeric qualifier → VersionNotFound", () => {
    expectCode(() => resolve(fcWeighted, { qualifier: "7" }), "VersionNotFound");
  });

  it("fc: $LATEST is not an FC qualifier; scf: LATEST is not an SCF qualifier", () => {
    expectCode(() => resolve(fcWeighted, { qualifier: "$LATEST" }), "AliasNotFound");
    expectCode(() => resolve(functionB, { qualifier: "LATEST" }), "InvalidParameterValue.Qualifier");
  });

  it("scf: an unknown qualifier → InvalidParameterValue.Qualifier", () => {
    expectCode(() => resolve(functionB, { qualifier: "nope" }), "InvalidParameterValue.Qualifier");
    expectCode(() => resolve(functionB, { qualifier: "9" }), "InvalidParameterValue.Qualifier");
  });

  it("an empty or non-string qualifier is a request error", () => {
    expectCode(() => resolve(fcWeighted, { qualifier: "" }), "InvalidParameterValue.Param");
    expectCode(
      () => resolve(fcWeighted, { qualifier: 5 as unknown as string }),
      "InvalidParameterValue.Param",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// §7.4 FC weighted routing
// ---------------------------------------------------------------------------------------------

describe("FC weighted routing (§7.4)", () => {
  it("an alias without weights → primary (one draw still taken)", () => {
    const d = resolve(fcWeighted, { qualifier: "stable" }, { requestIndex: 1 });
    expect(d).toMatchObject({
      requested: "stable",
      alias: "stable",
      version: "1",
      reason: "primary",
      draw: U0[1],
    });
    expect(d.observable).toEqual({ fc: { qualifier: "stable", versionId: "1" } });
  });

  it("u < w → weighted:additional; u ≥ w → weighted:primary", () => {
    // U(0,1) = 0.368 < 0.5; U(0,0) = 0.652 ≥ 0.5
    expect(resolve(fcWeighted, { qualifier: "canary" }, { requestIndex: 1 })).toMatchObject({
      alias: "canary",
      version: "2",
      reason: "weighted:additional",
      draw: U0[1],
      observable: { fc: { qualifier: "canary", versionId: "2" } },
    });
    const d = resolve(fcWeighted, { qualifier: "canary" }, { requestIndex: 0 });
    expect(d).toMatchObject({ version: "1", reason: "weighted:primary", draw: U0[0] });
    expect(d.matchedRule).toBeUndefined();
    expect(d.explanation).toMatch(/primary v1/);
  });

  it("weight 0 never selects the additional version; weight 1 always does", () => {
    for (let i = 0; i < 50; i++) {
      expect(resolve(fcWeighted, { qualifier: "zero" }, { requestIndex: i })).toMatchObject({
        version: "1",
        reason: "weighted:primary",
      });
      expect(resolve(fcWeighted, { qualifier: "one" }, { requestIndex: i })).toMatchObject({
        version: "2",
        reason: "weighted:additional",
      });
    }
  });

  it("sorts weight entries by numeric version: 9 before 10", () => {
    const model: Fc2FunctionModel = {
      platform: "fc2",
      serviceName: "svc",
      publishedVersions: ["1", "9", "10"],
      aliases: [{ name: "multi", versionId: "1", weights: { "10": 0.3, "9": 0.3 } }],
    };
    const ctx = (requestIndex: number): ResolveContext => ({
      seed: 42,
      requestIndex,
      options: { maxAdditionalVersions: 2 },
    });
    // U(42,2) = 0.116 < 0.3 → the first entry, which is "9" (string order would put "10" first)
    expect(resolve(model, { qualifier: "multi" }, ctx(2))).toMatchObject({
      version: "9",
      reason: "weighted:additional",
      draw: U42[2],
    });
    // U(42,0) = 0.303 in [0.3, 0.6) → "10"
    expect(resolve(model, { qualifier: "multi" }, ctx(0))).toMatchObject({ version: "10", draw: U42[0] });
    // U(0,3) = 0.7375 ≥ 0.6 → primary
    expect(resolve(model, { qualifier: "multi" }, { ...ctx(3), seed: 0 })).toMatchObject({
      version: "1",
      reason: "weighted:primary",
    });
  });

  it("fc3 routes by weight", () => {
    const model: Fc3FunctionModel = {
      platform: "fc3",
      functionName: "fn",
      publishedVersions: ["1", "2"],
      aliases: [{ name: "live", versionId: "1", weights: { "2": 0.5 } }],
    };
    expect(resolve(model, { qualifier: "live" }, { requestIndex: 1 })).toMatchObject({
      version: "2",
      reason: "weighted:additional",
      observable: { fc: { qualifier: "live", versionId: "2" } },
    });
  });

  it("fc3 rejects rule routing by default and ignores it when downgraded to a warning", () => {
    const model = {
      platform: "fc3",
      functionName: "fn",
      publishedVersions: ["1", "2"],
      aliases: [
        {
          name: "live",
          versionId: "1",
          weights: { "2": 0 },
          resolvePolicy: "Content",
          routePolicy: { condition: "AND", policyItems: [header("x", "=", "y")] },
        },
      ],
    } as unknown as Fc3FunctionModel;
    expectCode(() => resolve(model, { qualifier: "live", headers: { x: "y" } }), "InvalidArgument");
    const d = resolve(
      model,
      { qualifier: "live", headers: { x: "y" } },
      { options: { fc3RulePolicy: "warn" } },
    );
    expect(d).toMatchObject({ version: "1", reason: "weighted:primary" });
  });

  it("fc2 Random mode (explicit or default) ignores a routePolicy", () => {
    for (const resolvePolicy of ["Random", undefined] as const) {
      const model = contentModel([header("x-canary", "=", "yes")], "AND", {
        resolvePolicy,
        weights: { "2": 0 },
      });
      const d = resolve(model, { qualifier: "rules", headers: { "x-canary": "yes" } });
      expect(d).toMatchObject({ version: "1", reason: "weighted:primary" });
      expect(d.matchedRule).toBeUndefined();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// §7.4 FC 2.0 Content mode
// ---------------------------------------------------------------------------------------------

describe("FC 2.0 Content mode (§7.4)", () => {
  const andModel = contentModel([header("x-a", "=", "1"), header("x-b", "=", "2")], "AND");
  const orModel = contentModel([header("x-a", "=", "1"), header("x-b", "=", "2")], "OR");

  it("AND: every item must match; a hit goes to the canary whatever its weight", () => {
    for (let i = 0; i < 4; i++) {
      const d = resolve(
        andModel,
        { qualifier: "rules", headers: { "x-a": "1", "x-b": "2" } },
        { requestIndex: i },
      );
      expect(d).toMatchObject({
        requested: "rules",
        alias: "rules",
        version: "2",
        reason: "rule:hit",
        matchedRule: 0,
        draw: U0[i],
        observable: { fc: { qualifier: "rules", versionId: "2" } },
      });
    }
    const miss = resolve(andModel, { qualifier: "rules", headers: { "x-a": "1", "x-b": "3" } });
    expect(miss).toMatchObject({ version: "1", reason: "rule:miss", draw: U0[0] });
    expect(miss.matchedRule).toBeUndefined();
    expect(miss.explanation).toMatch(/did not match/);
  });

  it("OR: any item matches; matchedRule is the first item that matched", () => {
    expect(resolve(orModel, { qualifier: "rules", headers: { "x-a": "1" } })).toMatchObject({
      version: "2",
      reason: "rule:hit",
      matchedRule: 0,
    });
    const second = resolve(orModel, { qualifier: "rules", headers: { "x-b": "2" } });
    expect(second).toMatchObject({ version: "2", reason: "rule:hit", matchedRule: 1 });
    expect(second.explanation).toContain("item 1");
    expect(resolve(orModel, { qualifier: "rules", headers: { "x-a": "1", "x-b": "2" } }).matchedRule).toBe(0);
    expect(resolve(orModel, { qualifier: "rules", headers: { "x-a": "0" } })).toMatchObject({
      version: "1",
      reason: "rule:miss",
    });
  });

  it('contentMode "weighted" applies the weight to matching traffic; a miss is still rule:miss', () => {
    const options: RoutingOptions = { contentMode: "weighted" };
    const hit = { qualifier: "rules", headers: { "x-a": "1", "x-b": "2" } };
    // weight 0.5: U(0,1) = 0.368 → canary, U(0,0) = 0.652 → primary
    expect(resolve(andModel, hit, { options, requestIndex: 1 })).toMatchObject({
      version: "2",
      reason: "weighted:additional",
    });
    expect(resolve(andModel, hit, { options, requestIndex: 0 })).toMatchObject({
      version: "1",
      reason: "weighted:primary",
    });
    expect(resolve(andModel, { qualifier: "rules" }, { options, requestIndex: 1 })).toMatchObject({
      version: "1",
      reason: "rule:miss",
    });
  });

  describe("Header items", () => {
    it("look the name up case-insensitively", () => {
      const item = header("X-Test-UID", "=", "42");
      expect(routeItem(item, { headers: { "x-test-uid": "42" } }).reason).toBe("rule:hit");
      expect(routeItem(item, { headers: { "X-TEST-UID": "42" } }).reason).toBe("rule:hit");
      expect(routeItem(header("x-test-uid", "=", "42"), { headers: { "X-Test-Uid": "42" } }).reason).toBe(
        "rule:hit",
      );
    });

    it("use the first value of a repeated header", () => {
      const item = header("x-a", "=", "first");
      expect(routeItem(item, { headers: { "x-a": ["first", "second"] } }).reason).toBe("rule:hit");
      expect(
        routeItem(header("x-a", "=", "second"), { headers: { "x-a": ["first", "second"] } }).reason,
      ).toBe("rule:miss");
      // two spellings of one name: the first in insertion order wins
      expect(routeItem(item, { headers: { "X-A": "first", "x-a": "second" } }).reason).toBe("rule:hit");
    });

    it("treat an empty value list as a missing header", () => {
      expect(routeItem(header("x-a", "!=", "v"), { headers: { "x-a": [] } }).reason).toBe("rule:miss");
    });
  });

  describe("Cookie items", () => {
    const cookie = (key: string, value: string): FcPolicyItem => ({
      type: "Cookie",
      key,
      value,
      operator: "=",
    });

    it("read the `cookies` map by exact name", () => {
      expect(routeItem(cookie("uid", "u1"), { cookies: { uid: "u1" } }).reason).toBe("rule:hit");
      expect(routeItem(cookie("UID", "u1"), { cookies: { uid: "u1" } }).reason).toBe("rule:miss");
    });

    it("parse the Cookie header (split on ';', trimmed) when no map is given", () => {
      const headers = { Cookie: "a=1;  uid = u1 ; theme=dark" };
      expect(routeItem(cookie("uid", "u1"), { headers }).reason).toBe("rule:hit");
      expect(routeItem(cookie("theme", "dark"), { headers }).reason).toBe("rule:hit");
      expect(routeItem(cookie("a", "1"), { headers }).reason).toBe("rule:hit");
    });

    it("skip malformed parts and keep the first of a repeated name", () => {
      const headers = { cookie: "novalue; =orphan; ;; eq=a=b; uid=first; uid=second" };
      expect(routeItem(cookie("uid", "first"), { headers }).reason).toBe("rule:hit");
      expect(routeItem(cookie("eq", "a=b"), { headers }).reason).toBe("rule:hit");
      expect(routeItem({ ...cookie("novalue", "x"), operator: "!=" }, { headers }).reason).toBe("rule:miss");
      expect(routeItem({ ...cookie("orphan", "x"), operator: "!=" }, { headers }).reason).toBe("rule:miss");
    });

    it("prefer the `cookies` map over the Cookie header", () => {
      const request = { cookies: { uid: "map" }, headers: { Cookie: "uid=header" } };
      expect(routeItem(cookie("uid", "map"), request).reason).toBe("rule:hit");
      expect(routeItem(cookie("uid", "header"), request).reason).toBe("rule:miss");
    });
  });

  describe("Param items", () => {
    const param = (key: string, value: string): FcPolicyItem => ({
      type: "Param",
      key,
      value,
      operator: "=",
    });

    it("read the query by exact name, first value", () => {
      expect(routeItem(param("q", "x"), { query: { q: ["x", "y"] } }).reason).toBe("rule:hit");
      expect(routeItem(param("q", "y"), { query: { q: ["x", "y"] } }).reason).toBe("rule:miss");
      expect(routeItem(param("Q", "x"), { query: { q: "x" } }).reason).toBe("rule:miss");
      // a header of the same name is not a query parameter
      expect(routeItem(param("q", "x"), { headers: { q: "x" } }).reason).toBe("rule:miss");
    });
  });

  it.each(["=", "!=", ">", "<", ">=", "<=", "in", "percent"] as const)(
    "a missing value makes %s false",
    (operator) => {
      const value = operator === "percent" ? "100" : "a";
      for (const type of ["Header", "Cookie", "Param"] as const) {
        const d = routeItem({ type, key: "absent", operator, value }, { headers: { other: "a" } });
        expect(d).toMatchObject({ version: "1", reason: "rule:miss" });
      }
      // under OR too: the missing item never makes the policy true
      const or = contentModel([{ type: "Header", key: "absent", operator, value }], "OR");
      expect(resolve(or, { qualifier: "rules" }).reason).toBe("rule:miss");
    },
  );

  it("an empty present value is not missing", () => {
    expect(routeItem(header("x-a", "!=", "a"), { headers: { "x-a": "" } }).reason).toBe("rule:hit");
    expect(routeItem(header("x-a", "<", "a"), { headers: { "x-a": "" } }).reason).toBe("rule:hit");
  });

  it.each([
    ["=", "abc", "abc", true],
    ["=", "abc", "ABC", false],
    ["!=", "abc", "abd", true],
    ["!=", "abc", "abc", false],
    [">", "9", "10", false],
    ["<", "9", "10", true],
    [">", "10", "9", true],
    [">=", "9", "9", true],
    ["<=", "9", "9", true],
    [">=", "9", "10", false],
    ["<=", "10", "9", false],
    [">", "b", "ab", false],
    [">", "a", "ab", true],
    ["<", "B", "a", false],
  ] as const)(
    "lexicographic: actual %s%s — item %s %j vs actual %j → %s",
    (operator, value, actual, hits) => {
      expect(routeItem(header("x-v", operator, value), { headers: { "x-v": actual } }).reason).toBe(
        hits ? "rule:hit" : "rule:miss",
      );
    },
  );

  it("orders astral characters after U+FFFF (UTF-8 byte order, not UTF-16 units)", () => {
    const astral = "😀"; // U+1F600, UTF-16 D83D DE00: a naive JS comparison puts it below U+FFFF
    expect(astral < "\uffff").toBe(true);
    expect(routeItem(header("x-v", ">", "\uffff"), { headers: { "x-v": astral } }).reason).toBe("rule:hit");
    expect(routeItem(header("x-v", "<", "\uffff"), { headers: { "x-v": astral } }).reason).toBe("rule:miss");
    expect(routeItem(header("x-v", "<", astral), { headers: { "x-v": "\ue000" } }).reason).toBe("rule:hit");
    expect(routeItem(header("x-v", ">=", "😀"), { headers: { "x-v": "😁" } }).reason).toBe("rule:hit");
    expect(routeItem(header("x-v", "<", "😁"), { headers: { "x-v": "😀" } }).reason).toBe("rule:hit");
    expect(Buffer.compare(Buffer.from(astral), Buffer.from("\uffff"))).toBe(1);
  });

  describe("in", () => {
    const item = header("x-user", "in", "alice, bob ,carol");

    it("is list membership after splitting on ',' and trimming (default)", () => {
      expect(routeItem(item, { headers: { "x-user": "bob" } }).reason).toBe("rule:hit");
      expect(routeItem(item, { headers: { "x-user": "carol" } }).reason).toBe("rule:hit");
      expect(routeItem(item, { headers: { "x-user": "bo" } }).reason).toBe("rule:miss");
      expect(routeItem(item, { headers: { "x-user": "alice, bob" } }).reason).toBe("rule:miss");
      expect(routeItem(item, { headers: { "x-user": " bob" } }).reason).toBe("rule:miss");
    });

    it('is a substring test with inMode "substring"', () => {
      const options: RoutingOptions = { inMode: "substring" };
      expect(routeItem(item, { headers: { "x-user": "bo" } }, options).reason).toBe("rule:hit");
      expect(routeItem(item, { headers: { "x-user": "alice, bob" } }, options).reason).toBe("rule:hit");
      expect(routeItem(item, { headers: { "x-user": "dave" } }, options).reason).toBe("rule:miss");
    });
  });

  describe("percent", () => {
    const item = header("x-user", "percent", "50");

    it("hits when bucket(value) < percent (sha256 buckets: alice 7, 0 40, bob 50, user-1 94)", () => {
      expect(routeItem(item, { headers: { "x-user": "alice" } }).reason).toBe("rule:hit");
      expect(routeItem(item, { headers: { "x-user": "0" } }).reason).toBe("rule:hit");
      expect(routeItem(item, { headers: { "x-user": "bob" } }).reason).toBe("rule:miss");
      expect(routeItem(item, { headers: { "x-user": "user-1" } }).reason).toBe("rule:miss");
      expect(routeItem(header("x-user", "percent", "51"), { headers: { "x-user": "bob" } }).reason).toBe(
        "rule:hit",
      );
      expect(routeItem(header("x-user", "percent", "100"), { headers: { "x-user": "user-1" } }).reason).toBe(
        "rule:hit",
      );
    });

    it("is sticky per value and ignores the seed and index", () => {
      const model = contentModel([item]);
      for (const user of ["alice", "bob", "user-1", "user-2", ""]) {
        const expected = bucket(user) < 50 ? "2" : "1";
        for (let i = 0; i < 20; i++) {
          const d = resolve(
            model,
            { qualifier: "rules", headers: { "x-user": user } },
            { seed: i * 7, requestIndex: i },
          );
          expect(d.version).toBe(expected);
        }
      }
    });

    it.each(["fnv1a32", "murmur2"] as const)("uses percentHash %s when chosen", (percentHash) => {
      for (const user of ["alice", "bob", "user-1", "user-2", "carol", "dave"]) {
        const expected = bucket(user, percentHash) < 50 ? "rule:hit" : "rule:miss";
        expect(routeItem(item, { headers: { "x-user": user } }, { percentHash }).reason).toBe(expected);
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------
// §7.5 SCF
// ---------------------------------------------------------------------------------------------

describe("SCF routing (§7.5)", () => {
  describe("the seed-004 story (function B)", () => {
    it("release → version 1 (primary)", () => {
      expect(resolve(functionB, { qualifier: "release" })).toMatchObject({
        requested: "release",
        alias: "release",
        version: "1",
        reason: "primary",
        observable: { scf: { "X-Scf-Version": "1" } },
      });
    });

    it("prepub: Bob → 4 (rule:hit 0), others → 3 (rule:miss)", () => {
      const bob = resolve(functionB, { qualifier: "prepub", routingKey: '{"User":"Bob"}' });
      expect(bob).toMatchObject({
        requested: "prepub",
        alias: "prepub",
        version: "4",
        reason: "rule:hit",
        matchedRule: 0,
        draw: U0[0],
        observable: { scf: { "X-Scf-Version": "4" } },
      });
      expect(bob.explanation).toContain("invoke.headers.User exact");
      expect(bob.observable.fc).toBeUndefined();
      const alice = resolve(functionB, { qualifier: "prepub", routingKey: '{"User":"Alice"}' });
      expect(alice).toMatchObject({ version: "3", reason: "rule:miss" });
      expect(alice.matchedRule).toBeUndefined();
    });

    it("prepub: the key and value are case-sensitive", () => {
      expect(resolve(functionB, { qualifier: "prepub", routingKey: '{"user":"Bob"}' }).version).toBe("3");
      expect(resolve(functionB, { qualifier: "prepub", routingKey: '{"User":"bob"}' }).version).toBe("3");
    });

    it("prepub: a missing RoutingKey or one without the key → rule:miss", () => {
      expect(resolve(functionB, { qualifier: "prepub" })).toMatchObject({
        version: "3",
        reason: "rule:miss",
      });
      expect(resolve(functionB, { qualifier: "prepub", routingKey: "{}" })).toMatchObject({
        version: "3",
        reason: "rule:miss",
      });
      expect(resolve(functionB, { qualifier: "prepub", routingKey: '{"Other":"Bob"}' }).reason).toBe(
        "rule:miss",
      );
    });

    it("prepub: HTTP headers are not a RoutingKey", () => {
      expect(resolve(functionB, { qualifier: "prepub", headers: { User: "Bob" } }).version).toBe("3");
    });

    it("a prototype key in the RoutingKey is an ordinary key", () => {
      const model = scfModel([
        {
          name: "p",
          primary: "1",
          matches: [{ version: "2", key: "invoke.headers.constructor", method: "exact", expression: "x" }],
        },
      ]);
      expect(resolve(model, { qualifier: "p", routingKey: "{}" }).reason).toBe("rule:miss");
      expect(resolve(model, { qualifier: "p", routingKey: '{"constructor":"x"}' }).reason).toBe("rule:hit");
    });
  });

  describe("range matches", () => {
    const model = scfModel([{ name: "r", primary: "1", matches: [scfMatch("[0,50)")] }]);
    const route = (value: string, options?: RoutingOptions) =>
      resolve(model, { qualifier: "r", routingKey: JSON.stringify({ "X-Route": value }) }, { options });

    it("hit when the value is an integer inside the range", () => {
      expect(route("0")).toMatchObject({ version: "2", reason: "rule:hit", matchedRule: 0 });
      expect(route("49")).toMatchObject({ version: "2", reason: "rule:hit" });
      expect(route("50")).toMatchObject({ version: "1", reason: "rule:miss" });
      expect(route("-1")).toMatchObject({ version: "1", reason: "rule:miss" });
    });

    it.each(["5.0", " 5", "+5", "5 ", "five", ""])("%j never hits", (value) => {
      expect(route(value)).toMatchObject({ version: "1", reason: "rule:miss" });
    });

    it("mixed brackets are accepted by default and rejected with strictRange", () => {
      expect(route("10").reason).toBe("rule:hit");
      expectCode(() => route("10", { strictRange: true }), "InvalidParameterValue.RoutingConfig");
    });

    it("an empty range is valid (with a warning) and never hits", () => {
      const empty = scfModel([{ name: "r", primary: "1", matches: [scfMatch("(5,5)")] }]);
      expect(validate(empty).ok).toBe(true);
      expect(new Router(empty).warnings.length).toBeGreaterThan(0);
      for (const v of ["4", "5", "6"]) {
        expect(resolve(empty, { qualifier: "r", routingKey: `{"X-Route":"${v}"}` }).reason).toBe("rule:miss");
      }
    });

    it("compares big integers exactly", () => {
      const big = scfModel([
        { name: "r", primary: "1", matches: [scfMatch("[9007199254740993,9007199254740993]")] },
      ]);
      const at = (v: string) => resolve(big, { qualifier: "r", routingKey: `{"X-Route":"${v}"}` }).reason;
      expect(at("9007199254740993")).toBe("rule:hit");
      expect(at("9007199254740992")).toBe("rule:miss");
      expect(at("9007199254740994")).toBe("rule:miss");
    });
  });

  it("exact matches compare the whole string", () => {
    const model = scfModel([{ name: "e", primary: "1", matches: [scfMatch("10", "exact")] }]);
    const at = (v: string) => resolve(model, { qualifier: "e", routingKey: `{"X-Route":"${v}"}` });
    expect(at("10")).toMatchObject({ version: "2", reason: "rule:hit", matchedRule: 0 });
    expect(at("010").reason).toBe("rule:miss");
    expect(at("10 ").reason).toBe("rule:miss");
  });

  it("walks matches in list order; the first hit wins (tcbCompat)", () => {
    const model = scfModel([
      {
        name: "tcb",
        primary: "1",
        matches: [scfMatch("[0,50)", "range", "2"), scfMatch("[40,100)", "range", "3")],
      },
    ]);
    const options: RoutingOptions = { tcbCompat: true };
    expectCode(() => resolve(model, { qualifier: "tcb" }), "InvalidParameterValue.RoutingConfig");
    const at = (v: string) =>
      resolve(model, { qualifier: "tcb", routingKey: `{"X-Route":"${v}"}` }, { options });
    expect(at("45")).toMatchObject({ version: "2", reason: "rule:hit", matchedRule: 0 });
    expect(at("60")).toMatchObject({ version: "3", reason: "rule:hit", matchedRule: 1 });
    expect(at("100")).toMatchObject({ version: "1", reason: "rule:miss" });
  });

  it("weights accumulate in list order (weight 0 never, weight 1 always)", () => {
    const model = scfModel([
      { name: "half", primary: "1", weights: [{ version: "2", weight: 0.5 }] },
      { name: "zero", primary: "1", weights: [{ version: "2", weight: 0 }] },
      { name: "one", primary: "1", weights: [{ version: "2", weight: 1 }] },
    ]);
    expect(resolve(model, { qualifier: "half" }, { requestIndex: 1 })).toMatchObject({
      version: "2",
      reason: "weighted:additional",
      draw: U0[1],
      observable: { scf: { "X-Scf-Version": "2" } },
    });
    expect(resolve(model, { qualifier: "half" }, { requestIndex: 0 })).toMatchObject({
      version: "1",
      reason: "weighted:primary",
    });
    for (let i = 0; i < 20; i++) {
      expect(resolve(model, { qualifier: "zero" }, { requestIndex: i }).version).toBe("1");
      expect(resolve(model, { qualifier: "one" }, { requestIndex: i }).version).toBe("2");
    }
  });

  describe("RoutingKey validation (V21)", () => {
    it.each([
      ["invalid JSON", "{User:Bob}"],
      ["a JSON array", '["Bob"]'],
      ["a JSON string", '"Bob"'],
      ["null", "null"],
      ["a non-string value", '{"User":1}'],
      ["a nested object", '{"User":{"name":"Bob"}}'],
    ])("%s → InvalidParameterValue.Param", (_what, routingKey) => {
      const err = expectCode(
        () => resolve(functionB, { qualifier: "prepub", routingKey }),
        "InvalidParameterValue.Param",
      );
      expect(err.diagnostics[0]).toMatchObject({ rule: "V21", path: "request.routingKey" });
    });

    it("is an invocation error even for a direct version", () => {
      expectCode(
        () => resolve(functionB, { qualifier: "1", routingKey: "{" }),
        "InvalidParameterValue.Param",
      );
    });

    it("a non-string RoutingKey is refused", () => {
      expectCode(
        () => resolve(functionB, { qualifier: "prepub", routingKey: { User: "Bob" } as unknown as string }),
        "InvalidParameterValue.Param",
      );
    });

    it("accepts 1024 bytes and refuses 1025 (bytes, not characters)", () => {
      const keyOf = (valueLength: number, char = "a") => `{"User":"${char.repeat(valueLength)}"}`;
      const overhead = Buffer.byteLength(keyOf(0));
      expect(Buffer.byteLength(keyOf(1024 - overhead))).toBe(1024);
      expect(resolve(functionB, { qualifier: "prepub", routingKey: keyOf(1024 - overhead) }).reason).toBe(
        "rule:miss",
      );
      expectCode(
        () => resolve(functionB, { qualifier: "prepub", routingKey: keyOf(1025 - overhead) }),
        "InvalidParameterValue.Param",
      );
      // "é" is 2 UTF-8 bytes: under 1024 characters but over 1024 bytes
      const wide = keyOf(510, "é");
      expect(wide.length).toBeLessThan(1024);
      expect(Buffer.byteLength(wide)).toBeGreaterThan(1024);
      expectCode(
        () => resolve(functionB, { qualifier: "prepub", routingKey: wide }),
        "InvalidParameterValue.Param",
      );
    });

    it("is ignored on FC", () => {
      expect(resolve(fcWeighted, { qualifier: "stable", routingKey: "{not json" }).version).toBe("1");
    });
  });

  describe('api "apigateway"', () => {
    const viaGateway: RouteRequest = {
      qualifier: "prepub",
      api: "apigateway",
      headers: { User: "Bob" },
      routingKey: '{"User":"Bob"}',
    };

    it("by default carries no RoutingKey (client headers and routingKey ignored) and says so", () => {
      const d = resolve(functionB, viaGateway);
      expect(d).toMatchObject({ version: "3", reason: "rule:miss" });
      expect(d.assumptions).toEqual([expect.stringContaining("gatewayRoutingKey=false")]);
    });

    it("with gatewayRoutingKey the client headers become the RoutingKey, names compared case-insensitively", () => {
      const options: RoutingOptions = { gatewayRoutingKey: true };
      const d = resolve(functionB, viaGateway, { options });
      expect(d).toMatchObject({ version: "4", reason: "rule:hit", matchedRule: 0 });
      expect(d.assumptions).toEqual([expect.stringContaining("gatewayRoutingKey=true")]);
      expect(resolve(functionB, { ...viaGateway, headers: { user: "Bob" } }, { options }).version).toBe("4");
      expect(
        resolve(functionB, { ...viaGateway, headers: { User: ["Bob", "Eve"] } }, { options }).version,
      ).toBe("4");
    });

    it("with gatewayRoutingKey a header named like an Object.prototype member is an ordinary key", () => {
      const model = scfModel([
        {
          name: "p",
          primary: "1",
          matches: [{ version: "2", key: "invoke.headers.constructor", method: "exact", expression: "x" }],
        },
      ]);
      const options: RoutingOptions = { gatewayRoutingKey: true };
      expect(resolve(model, { qualifier: "p", api: "apigateway", headers: {} }, { options }).reason).toBe(
        "rule:miss",
      );
      expect(
        resolve(model, { qualifier: "p", api: "apigateway", headers: { constructor: "x" } }, { options })
          .reason,
      ).toBe("rule:hit");
    });

    it("other APIs list no assumption", () => {
      expect(resolve(functionB, { qualifier: "prepub", routingKey: '{"User":"Bob"}' }).assumptions).toEqual(
        [],
      );
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Draws: stickyWeighted, requestId, seed
// ---------------------------------------------------------------------------------------------

describe("draws (§7.6)", () => {
  const model = fcWeighted; // canary: weight 0.5 on version 2

  it("requestIndex i uses U(seed, i); the default index is 0 and the default seed 0", () => {
    U0.forEach((u, i) => expect(resolve(model, { qualifier: "canary" }, { requestIndex: i }).draw).toBe(u));
    U42.forEach((u, i) =>
      expect(resolve(model, { qualifier: "canary" }, { requestIndex: BigInt(i), seed: 42n }).draw).toBe(u),
    );
    expect(resolve(model, { qualifier: "canary" }, { seed: "42" }).draw).toBe(U42[0]);
    expect(resolve(model, { qualifier: "canary" }).draw).toBe(U0[0]);
  });

  it("indices at and beyond 2^32 use the full 64-bit counter", () => {
    for (const i of [2 ** 32, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER]) {
      expect(resolve(model, { qualifier: "canary" }, { requestIndex: i }).draw).toBe(
        drawBigInt(0n, BigInt(i)),
      );
    }
    const i = (1n << 64n) - 1n;
    expect(resolve(model, { qualifier: "canary" }, { requestIndex: i }).draw).toBe(drawBigInt(0n, i));
  });

  it("a requestId uses i = uint64_be(sha256(id)[0:8]) and takes precedence over requestIndex", () => {
    const id = "req-7f3a";
    const expected = drawBigInt(7n, sha256Index(id));
    expect(resolve(model, { qualifier: "canary" }, { seed: 7, requestId: id }).draw).toBe(expected);
    expect(resolve(model, { qualifier: "canary" }, { seed: 7, requestId: id, requestIndex: 3 }).draw).toBe(
      expected,
    );
    expect(resolve(model, { qualifier: "canary" }, { seed: 7, requestId: "" }).draw).toBe(
      drawBigInt(7n, sha256Index("")),
    );
  });

  it("a fractional requestIndex and a non-integer seed are refused; -1 is 2^64 - 1, as -1n (one rule, #13)", () => {
    expect(resolve(model, { qualifier: "canary" }, { requestIndex: -1 }).draw).toBe(
      resolve(model, { qualifier: "canary" }, { requestIndex: 2n ** 64n - 1n }).draw,
    );
    expectCode(() => resolve(model, { qualifier: "canary" }, { requestIndex: 1.5 }), "InvalidArgument");
    expectCode(() => resolve(model, { qualifier: "canary" }, { seed: 1.5 }), "InvalidArgument");
    expectCode(() => resolve(model, { qualifier: "canary" }, { seed: "abc" }), "InvalidArgument");
  });

  it("stickyWeighted replaces the draw with bucket(stickyKey)/100 and lists the assumption", () => {
    const options: RoutingOptions = { stickyWeighted: true };
    // alice → bucket 7 → 0.07 < 0.5 → canary; user-1 → 0.94 → primary, at every index
    for (let i = 0; i < 10; i++) {
      const alice = resolve(model, { qualifier: "canary", stickyKey: "alice" }, { options, requestIndex: i });
      expect(alice).toMatchObject({ version: "2", reason: "weighted:additional", draw: 0.07 });
      expect(alice.assumptions).toContain(STICKY_ASSUMPTION);
      const user1 = resolve(
        model,
        { qualifier: "canary", stickyKey: "user-1" },
        { options, requestIndex: i },
      );
      expect(user1).toMatchObject({ version: "1", reason: "weighted:primary", draw: 0.94 });
    }
  });

  it("stickyWeighted without a stickyKey, or off, keeps the random draw", () => {
    const on = resolve(
      model,
      { qualifier: "canary" },
      { options: { stickyWeighted: true }, requestIndex: 2 },
    );
    expect(on.draw).toBe(U0[2]);
    expect(on.assumptions).toEqual([]);
    const off = resolve(model, { qualifier: "canary", stickyKey: "alice" }, { requestIndex: 2 });
    expect(off.draw).toBe(U0[2]);
    expect(off.assumptions).toEqual([]);
  });

  it("a non-string stickyKey is a request error", () => {
    expectCode(
      () => resolve(model, { qualifier: "canary", stickyKey: 5 as unknown as string }),
      "InvalidParameterValue.Param",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Invalid models and requests
// ---------------------------------------------------------------------------------------------

describe("invalid input is refused, never routed", () => {
  const badFc = {
    platform: "fc2",
    serviceName: "svc",
    publishedVersions: ["1", "2"],
    aliases: [{ name: "canary", versionId: "1", weights: { "1": 0.1 } }],
  } as Fc2FunctionModel;
  const badScf = scfModel([
    { name: "both", primary: "1", weights: [{ version: "2", weight: 0.1 }], matches: [scfMatch("[0,5]")] },
  ]);

  it("resolve throws RoutingValidationError carrying the validator's diagnostics", () => {
    const err = expectCode(
      () => resolve(badFc, { qualifier: "canary" }),
      "AdditionalVersionContainsMajorVersion",
    );
    expect(err.diagnostics).toEqual(validate(badFc).diagnostics);
    expect(err.message).toContain("AdditionalVersionContainsMajorVersion");
    // even a request that would not touch the broken alias is refused
    expectCode(() => resolve(badFc, { qualifier: "2" }), "AdditionalVersionContainsMajorVersion");
    expectCode(() => resolve(badScf, { qualifier: "1" }), "InvalidParameterValue.RoutingConfig");
  });

  it("sample and Router refuse them too", () => {
    expectCode(() => sample(badFc, { qualifier: "canary" }, 10), "AdditionalVersionContainsMajorVersion");
    expectCode(
      () => sample(badScf, () => ({ qualifier: "both" }), 10),
      "InvalidParameterValue.RoutingConfig",
    );
    expectCode(() => new Router(badFc), "AdditionalVersionContainsMajorVersion");
  });

  it("a model of the wrong shape is refused with V0", () => {
    const err = expectCode(() => resolve({ platform: "aws" } as unknown as FunctionModel), "InvalidArgument");
    expect(err.diagnostics[0].rule).toBe("V0");
    expectCode(() => resolve(null as unknown as FunctionModel), "InvalidArgument");
  });

  it("warnings do not block routing", () => {
    const lenient = contentModel([header("x", "=", "y")], "AND", { weights: undefined });
    expectCode(() => resolve(lenient, { qualifier: "rules" }), "InvalidArgument");
    const router = new Router(lenient, { options: { lenient: true } });
    expect(router.warnings.length).toBeGreaterThan(0);
    expect(router.route({ qualifier: "rules", headers: { x: "y" } }).version).toBe("1");
  });

  it.each([
    ["request not an object", "GET /" as unknown as RouteRequest],
    ["unknown api", { api: "Lambda" } as unknown as RouteRequest],
    ["headers not an object", { headers: "x-a: 1" } as unknown as RouteRequest],
    ["header value not a string", { headers: { "x-a": 1 } } as unknown as RouteRequest],
    ["query not an object", { query: ["a"] } as unknown as RouteRequest],
    ["cookies not an object", { cookies: 5 } as unknown as RouteRequest],
  ])("a malformed request (%s) → InvalidParameterValue.Param", (_what, request) => {
    expectCode(() => resolve(fcWeighted, request), "InvalidParameterValue.Param");
  });
});

describe("regressions found by fuzzing", () => {
  it("a null-prototype seed, index or request id is refused with a typed error", () => {
    const odd = Object.create(null) as object;
    expectCode(
      () => resolve(fcWeighted, { qualifier: "canary" }, { seed: odd as unknown as number }),
      "InvalidArgument",
    );
    expectCode(
      () => resolve(fcWeighted, { qualifier: "canary" }, { requestIndex: odd as unknown as number }),
      "InvalidArgument",
    );
    expectCode(
      () => resolve(fcWeighted, { qualifier: "canary" }, { requestId: odd as unknown as string }),
      "InvalidArgument",
    );
    expectCode(
      () => resolve(fcWeighted, { qualifier: "canary" }, { requestId: 5 as unknown as string }),
      "InvalidArgument",
    );
    expectCode(
      () => sample(fcWeighted, { qualifier: "canary" }, odd as unknown as number),
      "InvalidArgument",
    );
  });

  it("a non-string function or service name is refused by V0, with a typed error", () => {
    const scf = { ...functionB, functionName: Object.create(null) } as ScfFunctionModel;
    expectCode(() => resolve(scf, { qualifier: "nope" }), "InvalidArgument");
    const fc2 = { ...fcWeighted, serviceName: [{}] } as unknown as Fc2FunctionModel;
    expectCode(() => resolve(fc2, { qualifier: "nope" }), "InvalidArgument");
  });

  it("sparse lists are refused by V0 instead of being routed around", () => {
    // eslint-disable-next-line no-sparse-arrays
    const matches = [, scfMatch("[0,10]")] as ScfMatch[];
    expectCode(
      () => resolve(scfModel([{ name: "r", primary: "1", matches }]), { qualifier: "r" }),
      "InvalidArgument",
    );
    // eslint-disable-next-line no-sparse-arrays
    const items = [, header("x-a", "=", "1")] as FcPolicyItem[];
    expectCode(() => resolve(contentModel(items, "OR"), { qualifier: "rules" }), "InvalidArgument");
    // eslint-disable-next-line no-sparse-arrays
    const aliases = [, { name: "w", primary: "1", weights: [, { version: "2", weight: 1 }] }];
    expectCode(
      () => resolve(scfModel(aliases as ScfFunctionModel["aliases"]), { qualifier: "w" }),
      "InvalidArgument",
    );
  });
});

describe("Router", () => {
  it.each([
    [
      "fc2 Random with a routePolicy",
      contentModel([header("x-a", "=", "1")], "OR", { resolvePolicy: "Random" }),
    ],
    ["fc2 Content AND", contentModel([header("x-a", "=", "1"), header("x-b", "!=", "2")], "AND")],
    ["fc2 Content OR", contentModel([header("x-a", "=", "1"), header("x-b", "!=", "2")], "OR")],
    ["fc2 Content weighted", contentModel([header("x-a", "=", "1")], "AND", { weights: { "2": 0.4 } })],
  ])("%s: pickVersion(prepare(r), i) agrees with route(r, i)", (_label, model) => {
    for (const options of [{}, { contentMode: "weighted" as const }]) {
      const router = new Router(model, { seed: 5, options });
      const requests: RouteRequest[] = [
        { qualifier: "rules", headers: { "x-a": "1" } },
        { qualifier: "rules", headers: { "x-a": "1", "x-b": "2" } },
        { qualifier: "rules" },
        { qualifier: "2" },
        {},
      ];
      for (const request of requests) {
        const prepared = router.prepare(request);
        for (let i = 0; i < 50; i++) {
          expect(router.pickVersion(prepared, i)).toBe(router.route(request, i).version);
        }
      }
    }
  });

  it("SCF: pickVersion agrees with route, and the qualifier memo follows qualifier changes", () => {
    const router = new Router(functionB);
    const requests: RouteRequest[] = [
      { qualifier: "prepub", routingKey: '{"User":"Bob"}' },
      { qualifier: "release" },
      { qualifier: "prepub" },
      { api: "InvokeFunction" },
      { qualifier: "4" },
      {},
    ];
    for (let i = 0; i < 30; i++) {
      const request = requests[i % requests.length];
      expect(router.pickVersion(router.prepare(request), i)).toBe(router.route(request, i).version);
    }
    expectCode(() => router.route({ qualifier: "nope" }), "InvalidParameterValue.Qualifier");
    expect(router.route({ qualifier: "release" }).version).toBe("1");
  });

  it("route accepts a request id string as the index", () => {
    const router = new Router(fcWeighted, { seed: 3 });
    expect(router.route({ qualifier: "canary" }, "abc").draw).toBe(drawBigInt(3n, sha256Index("abc")));
  });

  it("every decision explains itself", () => {
    const d = resolve(functionB, { qualifier: "prepub", routingKey: '{"User":"Bob"}' });
    expect(d.explanation).toMatch(/→ v4/);
    expect(resolve(fcWeighted, { qualifier: "2" }).explanation).toMatch(/directly/);
  });
});
