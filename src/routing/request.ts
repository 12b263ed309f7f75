/** Normalises a simulated request once, so rule evaluation is a few map lookups. */
import { diag, Diagnostic, RoutingValidationError } from "./diagnostics";
import { parseRoutingKey } from "./rules/request";
import {
  InvokeApi,
  MultiValue,
  Platform,
  ResolvedRoutingOptions,
  RouteRequest,
  SCF_DEFAULT_ALIAS,
  SCF_LATEST,
  FC_LATEST,
} from "./types";

export interface PreparedRequest {
  readonly qualifier: string;
  readonly api: InvokeApi;
  /** Lower-cased header name → first value. */
  readonly headers: ReadonlyMap<string, string>;
  readonly cookies: ReadonlyMap<string, string>;
  readonly query: ReadonlyMap<string, string>;
  /** SCF RoutingKey parsed (V21), when the call carries one. */
  readonly routingKey?: Readonly<Record<string, string>>;
  /**
   * The RoutingKey came from HTTP headers (gatewayRoutingKey): its names are lower-cased and a rule's key
   * is looked up lower-cased, since header names are case-insensitive. An explicit RoutingKey (Invoke) is
   * looked up exactly (routing-semantics.md §7.5).
   */
  readonly routingKeyFromHeaders?: boolean;
  readonly stickyKey?: string;
  readonly assumptions: readonly string[];
}

const API_VALUES: readonly InvokeApi[] = ["Invoke", "InvokeFunction", "trigger", "http", "apigateway"];

function isInvokeApi(api: unknown): api is InvokeApi {
  switch (api) {
    case "Invoke":
    case "InvokeFunction":
    case "trigger":
    case "http":
    case "apigateway":
      return true;
    default:
      return false;
  }
}

function firstValue(value: MultiValue | unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.find((v): v is string => typeof v === "string");
  return undefined;
}

function badRequest(path: string, value: unknown, allowed: string, problem: string): Diagnostic {
  return diag({ rule: "V21", code: "InvalidParameterValue.Param", path, value, allowed, problem });
}

/**
 * The engine's canonical copy of a string: V8 keeps one internalized copy per property-key text, so
 * two canonical copies compare by pointer where two equal computed strings compare by content (a
 * rule's header lookup is then a third of the time).
 */
export function canonicalKey(s: string): string {
  const o: Record<string, true> = {};
  o[s] = true;
  return Object.keys(o)[0] ?? s;
}

/**
 * Lower-cased header names by name, as canonical copies: a request's header names are property keys (already
 * canonical), so a hit is one lookup instead of lower-casing and interning per request. Bounded: past
 * LOWER_CACHE_MAX distinct names, a name is lower-cased per call (same result, only slower).
 */
const lowerCache = new Map<string, string>();
const LOWER_CACHE_MAX = 4096;

/** A header name lower-cased, as its canonical copy (object keys, e.g. an already lower-case name, are one already). */
function lowerCaseKey(name: string): string {
  const cached = lowerCache.get(name);
  if (cached !== undefined) return cached;
  const lower = name.toLowerCase();
  const key = lower === name ? name : canonicalKey(lower);
  if (lowerCache.size < LOWER_CACHE_MAX) lowerCache.set(name, key);
  return key;
}

/**
 * The names of the last request's headers by position, and their lower-cased copies: requests in a loop
 * usually carry the same names in the same order, and comparing a name with the one at its position is a
 * pointer comparison, where even the cache above is a hash lookup per name (#13 item 22). A pure cache:
 * a name that differs is looked up and replaces the entry.
 */
const lastNames: string[] = [];
const lastLower: string[] = [];
const LAST_NAMES_MAX = 64;

function lowerCaseAt(name: string, position: number): string {
  if (lastNames[position] === name) return lastLower[position];
  const lower = lowerCaseKey(name);
  if (position < LAST_NAMES_MAX && position <= lastNames.length) {
    lastNames[position] = name;
    lastLower[position] = lower;
  }
  return lower;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * rules/rule.ts's isRecord, local: on the per-request path a call into another module's export is a getter
 * call under transpilers that emit CommonJS with export getters (tsx/esbuild), as resolve.ts's drawU notes.
 */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The read-only map of a prepared request's headers, query or cookies: names and values in two arrays,
 * looked up by scanning them. A request carries a handful of names, and the names a rule looks up and the
 * request's (lower-cased) names are canonical copies, so each comparison is a pointer comparison: cheaper
 * to build and to read than a `Map`, which dominated preparing a request (#13 item 22). Past
 * SMALL_MAP_SCAN names it indexes them in a `Map` as well. Insertion order, first value of a name wins.
 */
const SMALL_MAP_SCAN = 16;

class SmallMap implements ReadonlyMap<string, string> {
  /** Name, value, name, value… (one array: one allocation per request). Private fields: like a `Map`, no own keys. */
  readonly #items: string[] = [];
  #index: Map<string, number> | undefined;

  get size(): number {
    return this.#items.length >> 1;
  }

  /** The position of a name's value in `items`, or -1. */
  #valueAt(name: string): number {
    if (this.#index !== undefined) return this.#index.get(name) ?? -1;
    const items = this.#items;
    for (let i = 0; i < items.length; i += 2) if (items[i] === name) return i + 1;
    return -1;
  }

  /** Adds a name unless it is there already (the first value wins). */
  add(name: string, value: string): void {
    if (this.#valueAt(name) < 0) this.append(name, value);
  }

  /** Adds a name known not to be there. */
  append(name: string, value: string): void {
    const items = this.#items;
    items.push(name);
    items.push(value);
    if (this.#index !== undefined) this.#index.set(name, items.length - 1);
    else if (items.length > 2 * SMALL_MAP_SCAN) {
      const index = new Map<string, number>();
      for (let i = 0; i < items.length; i += 2) index.set(items[i], i + 1);
      this.#index = index;
    }
  }

  get(name: string): string | undefined {
    const at = this.#valueAt(name);
    return at < 0 ? undefined : this.#items[at];
  }

  has(name: string): boolean {
    return this.#valueAt(name) >= 0;
  }

  forEach(
    fn: (value: string, key: string, map: ReadonlyMap<string, string>) => void,
    thisArg?: unknown,
  ): void {
    const items = this.#items;
    for (let i = 0; i < items.length; i += 2) fn.call(thisArg, items[i + 1], items[i], this);
  }

  *entries(): MapIterator<[string, string]> {
    const items = this.#items;
    for (let i = 0; i < items.length; i += 2) yield [items[i], items[i + 1]];
  }

  *keys(): MapIterator<string> {
    const items = this.#items;
    for (let i = 0; i < items.length; i += 2) yield items[i];
  }

  *values(): MapIterator<string> {
    const items = this.#items;
    for (let i = 0; i < items.length; i += 2) yield items[i + 1];
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return "Map";
  }
}

/** The map of requests without query, cookies or Cookie header (most of them): shared, and never added to. */
const EMPTY: ReadonlyMap<string, string> = new SmallMap();

/** No assumption: shared and frozen (PreparedRequest.assumptions is read-only). */
const NO_ASSUMPTIONS: readonly string[] = Object.freeze([]);

/**
 * What a compiled model's rules can read from one source of a request (headers, cookies or query), and how
 * route() finds those names (#13 item 22): `Router.route` keeps only these names of a request, where
 * `Router.prepare` keeps all of them. A map that holds only the names a rule looks up gives every rule the
 * same answer as the full map (a lookup never depends on the other names), and the request is validated in
 * full either way, so decisions and errors are the same (`test/routing/lazy-prepare.test.ts` compares both
 * paths on generated models and requests).
 */
export class NameReader {
  /** The names read (lower-cased for headers), as canonical copies; a name's position is its slot. */
  readonly names: readonly string[];
  /** name → slot, past SMALL_MAP_SCAN names. */
  readonly #index: ReadonlyMap<string, number> | undefined;
  /** A values array with every slot empty, copied per request (packed, of the right length). */
  readonly template: readonly undefined[];
  /** The last request's names by position and their slots (-1: not read), as lowerCaseAt caches names. */
  readonly seen: string[] = [];
  readonly slots: number[] = [];

  constructor(
    names: Iterable<string>,
    /** Header names are compared lower-cased. */
    readonly lowerCase: boolean,
  ) {
    this.names = [...new Set([...names].map(canonicalKey))];
    this.#index = this.names.length > SMALL_MAP_SCAN ? new Map(this.names.map((n, i) => [n, i])) : undefined;
    this.template = this.names.map(() => undefined);
  }

  /** The slot of a name (already normalised), or -1. */
  slotOf(name: string): number {
    if (this.#index !== undefined) return this.#index.get(name) ?? -1;
    const names = this.names;
    for (let i = 0; i < names.length; i++) if (names[i] === name) return i;
    return -1;
  }

  /** The slot of a request's name (not yet normalised) at a position of its request's names. */
  slotAt(name: string, position: number): number {
    const seen = this.seen;
    if (seen[position] === name) return this.slots[position];
    const slot = this.slotOf(this.lowerCase ? lowerCaseKey(name) : name);
    if (position < LAST_NAMES_MAX && position <= seen.length) {
      seen[position] = name;
      this.slots[position] = slot;
    }
    return slot;
  }
}

/** The readers of a compiled model: what route() keeps of a request. */
export interface RequestReaders {
  readonly headers: NameReader;
  readonly cookies: NameReader;
  readonly query: NameReader;
}

/**
 * The read-only map of the names a NameReader reads: its names, this request's values by slot (undefined:
 * absent). Never leaves `Router.route`.
 */
class ReadMap implements ReadonlyMap<string, string> {
  constructor(
    private readonly reader: NameReader,
    private readonly slots: (string | undefined)[],
  ) {}

  get size(): number {
    let n = 0;
    for (const v of this.slots) if (v !== undefined) n++;
    return n;
  }

  get(name: string): string | undefined {
    const at = this.reader.slotOf(name);
    return at < 0 ? undefined : this.slots[at];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  forEach(
    fn: (value: string, key: string, map: ReadonlyMap<string, string>) => void,
    thisArg?: unknown,
  ): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[string, string]> {
    const names = this.reader.names;
    const slots = this.slots;
    for (let i = 0; i < names.length; i++) {
      const v = slots[i];
      if (v !== undefined) yield [names[i], v];
    }
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return "Map";
  }
}

/** The error of a value that is not a string or a list with one (an empty list is skipped silently). */
function badValue(path: string, name: string, raw: unknown, errors: Diagnostic[]): void {
  if (!(Array.isArray(raw) && raw.length === 0)) {
    errors.push(
      badRequest(
        `${path}[${JSON.stringify(name)}]`,
        raw,
        "a string or a list of strings",
        "value is not a string",
      ),
    );
  }
}

/**
 * readMultiMap for route(): the same checks and errors, but only the names the reader reads are kept (their
 * first value, names compared after lower-casing for headers).
 */
function readNames(
  input: unknown,
  path: string,
  reader: NameReader,
  errors: Diagnostic[],
): ReadonlyMap<string, string> {
  if (input === undefined) return EMPTY;
  if (!isObject(input)) {
    errors.push(
      badRequest(path, input, "an object of name → string or string[]", `${path} is not an object`),
    );
    return EMPTY;
  }
  const read = reader.names.length > 0;
  const seen = reader.seen;
  const slots = reader.slots;
  let values: (string | undefined)[] | undefined;
  let position = 0;
  for (const name in input) {
    if (!hasOwn.call(input, name)) continue;
    const raw = input[name];
    const value = typeof raw === "string" ? raw : firstValue(raw);
    if (value === undefined) {
      badValue(path, name, raw, errors);
      continue;
    }
    if (!read) continue;
    // The position cache's hit, inline (slotAt fills it).
    const slot = seen[position] === name ? slots[position] : reader.slotAt(name, position);
    position++;
    if (slot < 0) continue;
    values ??= new Array<string | undefined>(reader.names.length);
    if (values[slot] === undefined) values[slot] = value;
  }
  return values === undefined ? EMPTY : new ReadMap(reader, values);
}

/**
 * Reads a multimap; the first value of a name wins (names compared after `normalise`). Own enumerable string
 * keys in property order, as `Object.entries` gives them (a `for…in` that skips inherited keys: no entry arrays).
 */
function readMultiMap(
  input: unknown,
  path: string,
  lowerCase: boolean,
  errors: Diagnostic[],
): ReadonlyMap<string, string> {
  if (input === undefined) return EMPTY;
  if (!isObject(input)) {
    errors.push(
      badRequest(path, input, "an object of name → string or string[]", `${path} is not an object`),
    );
    return EMPTY;
  }
  let out: SmallMap | undefined;
  let position = 0;
  let lowered = false;
  for (const name in input) {
    if (!hasOwn.call(input, name)) continue;
    const raw = input[name];
    const value = typeof raw === "string" ? raw : firstValue(raw);
    if (value === undefined) {
      badValue(path, name, raw, errors);
      continue;
    }
    out ??= new SmallMap();
    if (!lowerCase) {
      // Own keys of one object are distinct: nothing to look for.
      out.append(name, value);
      continue;
    }
    const key = lowerCaseAt(name, position++);
    // Two names can only meet once lower-cased, so until a name changed (`X-Tier`) none can be there yet.
    if (key !== name) lowered = true;
    if (lowered) out.add(key, value);
    else out.append(key, value);
  }
  return out ?? EMPTY;
}

/** Cookie header → name → first value; parts without `=` are skipped, as servers do. */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

export function defaultQualifier(platform: Platform, api: InvokeApi): string {
  if (platform !== "scf") return FC_LATEST;
  return api === "InvokeFunction" ? SCF_DEFAULT_ALIAS : SCF_LATEST;
}

/** The assumption a gateway request reports under gatewayRoutingKey. */
export const GATEWAY_ROUTING_KEY_ASSUMPTION =
  "gatewayRoutingKey=true: API Gateway passes client headers as the SCF RoutingKey, names compared case-insensitively (undocumented)";

/** The request of a call without one. */
const NO_REQUEST: Record<string, unknown> = Object.freeze({});

/**
 * Validates and normalises a request; throws RoutingValidationError (never anything else) on bad input.
 * With `readers` (route()), the headers, cookies and query keep only the names the readers read. The rare
 * branches (errors, SCF's RoutingKey) are functions of their own: this one runs per routed request and
 * stays small enough for the JIT to inline its callers' way (#13 item 22).
 */
export function prepareRequest(
  request: RouteRequest | undefined,
  platform: Platform,
  options: ResolvedRoutingOptions,
  readers?: RequestReaders,
): PreparedRequest {
  const req: Record<string, unknown> =
    request === undefined ? NO_REQUEST : (request as unknown as Record<string, unknown>);
  if (!isObject(req)) throw notAnObject(request);
  const errors: Diagnostic[] = [];
  const api = (req.api ?? (platform === "scf" ? "Invoke" : "http")) as InvokeApi;
  if (!isInvokeApi(api)) errors.push(badApi(req.api));
  const qualifier = req.qualifier;
  if (qualifier !== undefined && (typeof qualifier !== "string" || qualifier.length === 0))
    errors.push(badQualifier(qualifier));
  const headers =
    readers === undefined
      ? readMultiMap(req.headers, "request.headers", true, errors)
      : readNames(req.headers, "request.headers", readers.headers, errors);
  const rawQuery = req.query;
  const query =
    rawQuery === undefined
      ? EMPTY // most requests: no call
      : readers === undefined
        ? readMultiMap(rawQuery, "request.query", false, errors)
        : readNames(rawQuery, "request.query", readers.query, errors);
  let cookies: ReadonlyMap<string, string>;
  if (req.cookies !== undefined)
    cookies =
      readers === undefined
        ? readMultiMap(req.cookies, "request.cookies", false, errors)
        : readNames(req.cookies, "request.cookies", readers.cookies, errors);
  else if (readers !== undefined && readers.cookies.names.length === 0)
    cookies = EMPTY; // no rule reads them
  else {
    const header = headers.get("cookie");
    cookies = header ? parseCookieHeader(header) : EMPTY;
  }
  const stickyKey = req.stickyKey;
  if (stickyKey !== undefined && typeof stickyKey !== "string") errors.push(badStickyKey(stickyKey));
  const scf = platform === "scf" ? scfRouting(req, api, headers, options, errors) : undefined;
  if (errors.length > 0) throw new RoutingValidationError(errors);
  return {
    qualifier: (qualifier as string | undefined) ?? defaultQualifier(platform, api),
    api,
    headers,
    cookies,
    query,
    routingKey: scf?.routingKey,
    routingKeyFromHeaders: scf?.routingKeyFromHeaders ?? false,
    stickyKey: stickyKey as string | undefined,
    assumptions: scf?.assumptions ?? NO_ASSUMPTIONS,
  };
}

function notAnObject(request: unknown): RoutingValidationError {
  return new RoutingValidationError([
    badRequest("request", request, "an object { qualifier?, headers?, ... }", "request is not an object"),
  ]);
}

function badApi(api: unknown): Diagnostic {
  return badRequest("request.api", api, API_VALUES.join(", "), "unknown invoke API");
}

function badQualifier(qualifier: unknown): Diagnostic {
  return badRequest(
    "request.qualifier",
    qualifier,
    "a version or alias name",
    "qualifier is not a non-empty string",
  );
}

function badStickyKey(stickyKey: unknown): Diagnostic {
  return badRequest("request.stickyKey", stickyKey, "a string", "stickyKey is not a string");
}

/** An SCF request's RoutingKey and the assumptions it rests on (errors of an explicit one go to `errors`). */
function scfRouting(
  req: Record<string, unknown>,
  api: InvokeApi,
  headers: ReadonlyMap<string, string>,
  options: ResolvedRoutingOptions,
  errors: Diagnostic[],
): Pick<PreparedRequest, "routingKey" | "routingKeyFromHeaders" | "assumptions"> | undefined {
  if (api === "apigateway") {
    if (options.gatewayRoutingKey) {
      // A prototype-less map, like parseRoutingKey's: a header key such as "constructor" must not
      // read Object.prototype. Header names are case-insensitive (RFC 9110 §5.1; HTTP/2 sends them
      // lower-cased), so a client's casing cannot decide a match: the names are compared lower-cased.
      const fromHeaders: Record<string, string> = Object.create(null);
      for (const [name, value] of headers) fromHeaders[name] = value;
      return {
        routingKey: fromHeaders,
        routingKeyFromHeaders: true,
        assumptions: [GATEWAY_ROUTING_KEY_ASSUMPTION],
      };
    }
    return {
      routingKeyFromHeaders: false,
      assumptions: [
        "gatewayRoutingKey=false: API Gateway does not fill the SCF RoutingKey from client headers (undocumented)",
      ],
    };
  }
  if (req.routingKey === undefined) return undefined;
  const parsed = parseRoutingKey(req.routingKey);
  if (parsed.ok)
    return { routingKey: parsed.value, routingKeyFromHeaders: false, assumptions: NO_ASSUMPTIONS };
  errors.push(parsed.diagnostic);
  return undefined;
}
