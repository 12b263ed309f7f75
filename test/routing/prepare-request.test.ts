/**
 * #13 item 22: preparing a request is cheap (no `Map` per request, no entry arrays, shared empty maps), and
 * gives exactly what the straightforward normalisation gives: the reference below is the previous
 * implementation (Object.entries into `Map`s), compared on generated requests.
 */
import fc from "fast-check";
import {
  Fc2FunctionModel,
  parseCookieHeader,
  resolve,
  RouteRequest,
  Router,
  routerFor,
} from "../../src/routing";
import { prepareRequest } from "../../src/routing/request";
import { DEFAULT_ROUTING_OPTIONS } from "../../src/routing/types";

function firstValue(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.find((v): v is string => typeof v === "string");
  return undefined;
}

/** The previous readMultiMap: Object.entries, first value of a (normalised) name wins. */
function referenceMap(input: unknown, normalise: (n: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  if (input === undefined) return out;
  for (const [name, raw] of Object.entries(input as object)) {
    const value = firstValue(raw);
    if (value === undefined) continue;
    const key = normalise(name);
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

const asEntries = (m: ReadonlyMap<string, string>) => [...m.entries()];

const name = fc.oneof(
  fc.constantFrom("User", "user", "USER", "X-Tier", "x-tier", "cookie", "Cookie", "constructor", "__proto__"),
  fc.string({ minLength: 1, maxLength: 6 }),
);
const value = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.constantFrom("a=1; b=2", "a=1;a=2; =x; c", ""),
);
const multimap = fc.dictionary(name, value, { maxKeys: 24 });

describe("prepareRequest (#13 item 22)", () => {
  it("gives the reference normalisation: lower-cased header names, first value wins, property order", () => {
    fc.assert(
      fc.property(multimap, fc.option(multimap, { nil: undefined }), (headers, query) => {
        const request = { headers, ...(query !== undefined ? { query } : {}) } as RouteRequest;
        const prepared = prepareRequest(request, "fc2", DEFAULT_ROUTING_OPTIONS);
        const refHeaders = referenceMap(headers, (n) => n.toLowerCase());
        expect(asEntries(prepared.headers)).toEqual(asEntries(refHeaders));
        expect(prepared.headers.size).toBe(refHeaders.size);
        for (const [k, v] of refHeaders) {
          expect(prepared.headers.get(k)).toBe(v);
          // A computed (non-canonical) copy of the name finds the same value.
          expect(prepared.headers.get([...k].join(""))).toBe(v);
          expect(prepared.headers.has(k)).toBe(true);
        }
        expect(prepared.headers.get("\u0000absent")).toBeUndefined();
        expect(asEntries(prepared.query)).toEqual(asEntries(referenceMap(query, (n) => n)));
        expect(asEntries(prepared.cookies)).toEqual(asEntries(parseCookieHeader(refHeaders.get("cookie"))));
        const seen: [string, string][] = [];
        prepared.headers.forEach((v, k) => seen.push([k, v]));
        expect(seen).toEqual(asEntries(refHeaders));
        expect([...prepared.headers.keys()]).toEqual([...refHeaders.keys()]);
        expect([...prepared.headers.values()]).toEqual([...refHeaders.values()]);
        expect([...prepared.headers]).toEqual(asEntries(refHeaders));
      }),
      { numRuns: 300 },
    );
  });

  it("many headers (past the scanned size) and inherited keys", () => {
    const headers: Record<string, string> = Object.create({ inherited: "no" });
    for (let i = 0; i < 40; i++) headers[`H-${i}`] = `v${i}`;
    headers["h-3"] = "second";
    const prepared = prepareRequest({ headers }, "fc2", DEFAULT_ROUTING_OPTIONS);
    expect(prepared.headers.size).toBe(40);
    expect(prepared.headers.get("h-3")).toBe("v3");
    // Like a Map: no own keys, serialised as {}.
    expect(Object.keys(prepared.headers)).toEqual([]);
    expect(JSON.stringify(prepared)).toBe(
      JSON.stringify({ ...prepared, headers: new Map(), query: new Map(), cookies: new Map() }),
    );
    expect(prepared.headers.get("h-39")).toBe("v39");
    expect(prepared.headers.get("inherited")).toBeUndefined();
  });

  it("an empty map shared between requests cannot carry one request's data into another", () => {
    const a = prepareRequest({}, "fc2", DEFAULT_ROUTING_OPTIONS);
    const b = prepareRequest({ headers: {} }, "fc2", DEFAULT_ROUTING_OPTIONS);
    expect(a.query.size + a.cookies.size + b.headers.size).toBe(0);
    expect((a.query as unknown as { set?: unknown }).set).toBeUndefined();
    expect(Object.isFrozen(a.assumptions)).toBe(true);
    // A decision's assumptions are its own array.
    const model: Fc2FunctionModel = {
      platform: "fc2",
      serviceName: "s",
      publishedVersions: ["1"],
      aliases: [{ name: "a", versionId: "1" }],
    };
    const d = resolve(model, { qualifier: "a" });
    expect(Object.isFrozen(d.assumptions)).toBe(false);
    expect(d.assumptions).not.toBe(resolve(model, { qualifier: "a" }).assumptions);
  });
});

describe("routerFor memo (#13 item 22)", () => {
  const model = (): Fc2FunctionModel => ({
    platform: "fc2",
    serviceName: "s",
    publishedVersions: ["1", "2"],
    aliases: [
      {
        name: "a",
        versionId: "1",
        weights: { "2": 0.5 },
        resolvePolicy: "Content",
        routePolicy: {
          condition: "AND",
          policyItems: [{ type: "Header", key: "x", operator: "in", value: "a,b" }],
        },
      },
    ],
  });

  it("a changed options object is not served a stale router (only calls without options are memoised)", () => {
    const m = model();
    const options: { inMode: "list" | "substring" } = { inMode: "list" };
    const request: RouteRequest = { qualifier: "a", headers: { x: "a,b" } };
    expect(resolve(m, request, { options }).version).toBe("1"); // "a,b" is not a list member
    options.inMode = "substring";
    expect(resolve(m, request, { options }).version).toBe("2"); // but a substring of "a,b"
  });

  it("the memo follows the seed; the same seed again is the same router", () => {
    const m = model();
    const r1 = routerFor(m, { seed: 1 });
    const r2 = routerFor(m, { seed: 2 });
    expect(r1).not.toBe(r2);
    expect(routerFor(m, { seed: 1 })).toBe(r1);
    expect(routerFor(m, { seed: 1 })).toBeInstanceOf(Router);
    expect(routerFor(m, { seed: "1" })).toBe(r1); // same options key, cached by key
  });
});
