/**
 * The routing simulator (routing-semantics.md §7.3–§7.6): for one request, which version runs and why.
 *
 * A model is validated and compiled once into a Router. Each alias compiles to a few prebuilt
 * "plans" (cumulative weights + outcomes); a request only selects a plan (rules) and compares
 * one counter-based draw against it, so sampling millions of requests allocates nothing.
 */
import { bucket } from "./bucket";
import { diag, RoutingValidationError, Diagnostic } from "./diagnostics";
import { describeFcItem, describeScfMatch, formatVersion } from "./digest";
import { drawHalves, INTEGER_ALLOWED, toU64, U64 } from "./random";
import { DrawFunction } from "./wasm-draw";
import { sha256Index } from "./bucket";
import { isEmptyRange, parseRange, rangeContains, ScfRange } from "./range";
import { canonicalKey, NameReader, prepareRequest, PreparedRequest, RequestReaders } from "./request";
import { unknownQualifier } from "./rules/request";
import { aliasesOf, publishedSet } from "./rules/rule";
import { SCF_MATCH_KEY_PREFIX } from "./rules/scf-alias";
import {
  FcAlias,
  FcPolicyItem,
  FunctionModel,
  latestQualifier,
  resolveOptions,
  ResolvedRoutingOptions,
  RouteDecision,
  RouteReason,
  RouteRequest,
  RoutingOptions,
  SCF_DEFAULT_ALIAS,
  SCF_LATEST,
  ScfAlias,
} from "./types";
import { validate, ValidateOptions } from "./validate";

/**
 * The draw, bound once: a module-level binding is a plain load on the hot path, while transpilers that
 * emit CommonJS with export getters (tsx/esbuild) would otherwise call a getter per draw.
 */
const drawU: DrawFunction = drawHalves;
/** prepareRequest, bound once for the same reason (it runs once per routed request). */
const prepareOne: typeof prepareRequest = prepareRequest;

/** One possible result of an alias, prebuilt so routing allocates nothing. */
export interface Outcome {
  readonly version: string;
  readonly reason: RouteReason;
  readonly matchedRule?: number;
  readonly explanation: string;
}

/** A weighted lottery: the first k with u < cumulative[k] wins, else the fallback. */
export interface Plan {
  readonly cumulative: readonly number[];
  readonly outcomes: readonly Outcome[];
  readonly fallback: Outcome;
}

export interface CompiledAlias {
  readonly name: string;
  /** Selects the plan for a request (rules); the draw then picks within it. */
  planFor(request: PreparedRequest): Plan;
}

function pick(plan: Plan, u: number): Outcome {
  const cum = plan.cumulative;
  for (let k = 0; k < cum.length; k++) if (u < cum[k]) return plan.outcomes[k];
  return plan.fallback;
}

const fixed = (outcome: Outcome): Plan => ({ cumulative: [], outcomes: [], fallback: outcome });

/** Entries with their indices (V0 refuses sparse lists, so every index holds an entry). */
const indexed = <T>(list: readonly T[]): [T, number][] => list.map((item, i) => [item, i]);

/** Numeric version ids ascending, others after them in string order (§7.4 step 2). */
function compareVersions(a: string, b: string): number {
  const na = /^[0-9]+$/.test(a);
  const nb = /^[0-9]+$/.test(b);
  if (na && nb) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function weightedPlan(alias: string, primary: string, weights: [string, number][]): Plan {
  if (weights.length === 0) {
    return fixed({
      version: primary,
      reason: "primary",
      explanation: `alias ${alias} has no additional version → ${formatVersion(primary)}`,
    });
  }
  let cum = 0;
  const cumulative: number[] = [];
  const outcomes: Outcome[] = [];
  for (const [version, w] of weights) {
    const lo = cum;
    cum += w;
    cumulative.push(cum);
    outcomes.push({
      version,
      reason: "weighted:additional",
      explanation: `draw in [${round(lo)}, ${round(cum)}) — weight ${round(w)} of ${formatVersion(version)} → ${formatVersion(version)}`,
    });
  }
  return {
    cumulative,
    outcomes,
    fallback: {
      version: primary,
      reason: "weighted:primary",
      explanation: `draw ≥ ${round(cum)} (total additional weight) → primary ${formatVersion(primary)}`,
    },
  };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Code-point order equals UTF-8 byte order; JS `<` compares UTF-16 units, which differs above U+FFFF. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF, which sort after all BMP characters.
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    if (sa !== sb) return sa ? 1 : -1;
    return ca < cb ? -1 : 1;
  }
  return a.length - b.length;
}

// Item sources and operators as small integers (plain constants: isolatedModules-safe, folded by the JIT).
/** Where a policy item reads its value from. */
type Source = 0 | 1 | 2;
const HEADER = 0;
const COOKIE = 1;
const PARAM = 2;

type Op = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
const EQ = 0;
const NE = 1;
const GT = 2;
const LT = 3;
const GE = 4;
const LE = 5;
const IN_LIST = 6;
const IN_SUBSTRING = 7;
const PERCENT = 8;

/**
 * A policy item compiled to plain data, evaluated by one monomorphic function (fcItemMatches):
 * header names are lower-cased once here, not per request, and no closure is called per item.
 */
interface CompiledFcItem {
  readonly source: Source;
  /** Lower-cased for headers, exact for cookies and query parameters. */
  readonly key: string;
  readonly op: Op;
  readonly value: string;
  /** `in` list members (inMode "list"). */
  readonly list: ReadonlySet<string>;
  /** `percent` threshold. */
  readonly threshold: number;
  readonly percentHash: ResolvedRoutingOptions["percentHash"];
}

const OPS: ReadonlyMap<string, Op> = new Map<string, Op>([
  ["=", EQ],
  ["!=", NE],
  [">", GT],
  ["<", LT],
  [">=", GE],
  ["<=", LE],
  ["percent", PERCENT],
]);

function compileFcItem(item: FcPolicyItem, options: ResolvedRoutingOptions): CompiledFcItem {
  const source = item.type === "Header" ? HEADER : item.type === "Cookie" ? COOKIE : PARAM;
  const op =
    item.operator === "in"
      ? options.inMode === "substring"
        ? IN_SUBSTRING
        : IN_LIST
      : (OPS.get(item.operator) ?? PERCENT);
  return {
    source,
    key: canonicalKey(source === HEADER ? item.key.toLowerCase() : item.key),
    op,
    value: item.value,
    list: new Set(item.value.split(",").map((s) => canonicalKey(s.trim()))),
    threshold: Number.parseInt(item.value, 10),
    percentHash: options.percentHash,
  };
}

/** One FC 2.0 policy item; a missing value is false for every operator, including `!=` (§7.4). */
function fcItemMatches(item: CompiledFcItem, req: PreparedRequest): boolean {
  const actual = (
    item.source === HEADER ? req.headers : item.source === COOKIE ? req.cookies : req.query
  ).get(item.key);
  if (actual === undefined) return false;
  switch (item.op) {
    case EQ:
      return actual === item.value;
    case NE:
      return actual !== item.value;
    case GT:
      return compareUtf8(actual, item.value) > 0;
    case LT:
      return compareUtf8(actual, item.value) < 0;
    case GE:
      return compareUtf8(actual, item.value) >= 0;
    case LE:
      return compareUtf8(actual, item.value) <= 0;
    case IN_LIST:
      return item.list.has(actual);
    case IN_SUBSTRING:
      return item.value.includes(actual);
    default:
      return bucket(actual, item.percentHash) < item.threshold;
  }
}

/** The names a model's rules read, collected while it compiles (see NameReader). */
interface ReadsCollector {
  readonly headers: Set<string>;
  readonly cookies: Set<string>;
  readonly query: Set<string>;
}

function compileFcAlias(
  model: FunctionModel,
  alias: FcAlias,
  options: ResolvedRoutingOptions,
  reads: ReadsCollector,
): CompiledAlias {
  const weights = Object.entries(alias.weights ?? {}).sort(([a], [b]) => compareVersions(a, b));
  const random = weightedPlan(alias.name, alias.versionId, weights);
  const contentMode =
    model.platform === "fc2" && alias.resolvePolicy === "Content" && alias.routePolicy !== undefined;
  if (!contentMode) return { name: alias.name, planFor: () => random };

  const policy = alias.routePolicy!;
  const items = indexed(policy.policyItems);
  const tests = items.map(([item]) => compileFcItem(item, options));
  for (const t of tests) {
    if (t.source === HEADER) reads.headers.add(t.key);
    else if (t.source === COOKIE) {
      reads.cookies.add(t.key);
      // Without request.cookies, they come from the Cookie header.
      reads.headers.add(COOKIE_HEADER);
    } else reads.query.add(t.key);
  }
  const ruleText = items.map(([item]) => describeFcItem(item)).join(` ${policy.condition} `);
  const canary = weights[0]?.[0] ?? alias.versionId;
  const all = policy.condition === "AND";
  const weightedHit =
    options.contentMode === "weighted" ? weightedPlan(alias.name, alias.versionId, weights) : undefined;
  // AND: the whole policy decides (reported as rule 0); OR: the first item that matched decides.
  const hitAll: Plan =
    weightedHit ??
    fixed({
      version: canary,
      reason: "rule:hit",
      matchedRule: 0,
      explanation: `routePolicy (${ruleText}) matched → canary ${formatVersion(canary)}`,
    });
  const hitOr: Plan[] = items.map(
    ([item, i]) =>
      weightedHit ??
      fixed({
        version: canary,
        reason: "rule:hit",
        matchedRule: i,
        explanation: `routePolicy (${ruleText}) matched on item ${i} (${describeFcItem(item)}) → canary ${formatVersion(canary)}`,
      }),
  );
  const miss = fixed({
    version: alias.versionId,
    reason: "rule:miss",
    explanation: `routePolicy (${ruleText}) did not match → primary ${formatVersion(alias.versionId)}`,
  });
  return {
    name: alias.name,
    planFor: all
      ? (req) => {
          for (let i = 0; i < tests.length; i++) if (!fcItemMatches(tests[i], req)) return miss;
          return hitAll;
        }
      : (req) => {
          for (let i = 0; i < tests.length; i++) if (fcItemMatches(tests[i], req)) return hitOr[i];
          return miss;
        },
  };
}

const COOKIE_HEADER = canonicalKey("cookie");

function compileScfAlias(alias: ScfAlias, reads: ReadsCollector): CompiledAlias {
  const matches = indexed(alias.matches ?? []);
  const weights: [string, number][] = indexed(alias.weights ?? []).map(([w]) => [w.version, w.weight]);
  if (matches.length === 0) {
    const plan = weightedPlan(alias.name, alias.primary, weights);
    return { name: alias.name, planFor: () => plan };
  }
  const compiled = matches.map(([m, i]) => {
    const name = m.key.slice(SCF_MATCH_KEY_PREFIX.length);
    // A RoutingKey built from headers has lower-cased names (header names are case-insensitive).
    const headerName = canonicalKey(name.toLowerCase());
    // Behind API Gateway (gatewayRoutingKey), the RoutingKey is built from the headers.
    reads.headers.add(headerName);
    const range: ScfRange | undefined = m.method === "range" ? parseRange(m.expression) : undefined;
    const hits =
      m.method === "exact"
        ? (v: string) => v === m.expression
        : range && !isEmptyRange(range)
          ? (v: string) => rangeContains(range, v)
          : () => false;
    const plan = fixed({
      version: m.version,
      reason: "rule:hit",
      matchedRule: i,
      explanation: `match ${i} (${describeScfMatch(m)}) hit → ${formatVersion(m.version)}`,
    });
    return { name, headerName, hits, plan };
  });
  const miss = fixed({
    version: alias.primary,
    reason: "rule:miss",
    explanation: `no match rule hit (RoutingKey missing or different) → primary ${formatVersion(alias.primary)}`,
  });
  return {
    name: alias.name,
    planFor(req) {
      const key = req.routingKey;
      if (key === undefined) return miss;
      const fromHeaders = req.routingKeyFromHeaders === true;
      for (const m of compiled) {
        const v = key[fromHeaders ? m.headerName : m.name];
        if (v !== undefined && m.hits(v)) return m.plan;
      }
      return miss;
    },
  };
}

/** The assumption reported when stickyWeighted replaces the random draw. */
export const STICKY_ASSUMPTION =
  "stickyWeighted=true: the draw is bucket(stickyKey)/100, not platform behaviour";

export interface RouterOptions extends ValidateOptions {
  /** Seed of the counter-based draws. @default 0 */
  readonly seed?: number | bigint | string;
}

/** A validated, compiled model. */
export class Router {
  readonly model: FunctionModel;
  readonly options: ResolvedRoutingOptions;
  readonly warnings: readonly Diagnostic[];
  readonly seed: U64;
  private readonly aliases = new Map<string, CompiledAlias>();
  private readonly versions: Set<string>;
  /** The request names the compiled aliases read: route() keeps only those (#13 item 22). */
  private readonly readers: RequestReaders;
  private readonly latest: string;
  private lastQualifier: string | undefined;
  private lastTarget: CompiledAlias | undefined;
  /** The model as error messages name it: a non-string service or function name (V0 does not check them) is dropped. */
  private readonly labelModel: FunctionModel;

  /** Throws RoutingValidationError when the model breaks a rule: a rejected configuration is never routed. */
  constructor(model: FunctionModel, opts: RouterOptions = {}) {
    const result = validate(model, opts);
    if (!result.ok) throw new RoutingValidationError(result.diagnostics);
    this.model = model;
    this.options = resolveOptions(opts.options);
    this.warnings = result.warnings;
    this.seed = parseSeed(opts.seed ?? 0);
    this.versions = publishedSet(model);
    this.latest = latestQualifier(model.platform);
    const name = (value: unknown) => (typeof value === "string" ? value : undefined);
    this.labelModel = {
      ...model,
      functionName: name(model.functionName),
      ...(model.platform === "fc2" ? { serviceName: name(model.serviceName) } : {}),
    } as FunctionModel;
    const reads: ReadsCollector = { headers: new Set(), cookies: new Set(), query: new Set() };
    // aliasesOf skips holes of a sparse array, which V0's forEach does not see either.
    for (const alias of aliasesOf(model)) {
      this.aliases.set(
        alias.name,
        model.platform === "scf"
          ? compileScfAlias(alias as ScfAlias, reads)
          : compileFcAlias(model, alias as FcAlias, this.options, reads),
      );
    }
    if (model.platform === "scf" && !this.aliases.has(SCF_DEFAULT_ALIAS)) {
      // Every SCF function has $DEFAULT, initially pointing at $LATEST.
      this.aliases.set(
        SCF_DEFAULT_ALIAS,
        compileScfAlias({ name: SCF_DEFAULT_ALIAS, primary: SCF_LATEST }, reads),
      );
    }
    this.readers = {
      headers: new NameReader(reads.headers, true),
      cookies: new NameReader(reads.cookies, false),
      query: new NameReader(reads.query, false),
    };
  }

  /** Validates and normalises a request (throws RoutingValidationError). */
  prepare(request?: RouteRequest): PreparedRequest {
    return prepareOne(request, this.model.platform, this.options);
  }

  /** The compiled alias a qualifier names, undefined for versions; throws V22 for unknown qualifiers. */
  target(qualifier: string): CompiledAlias | undefined {
    // A one-entry memo: simulations route long runs of requests to one qualifier.
    if (qualifier === this.lastQualifier) return this.lastTarget;
    return this.lookUp(qualifier);
  }

  /** target() past its memo. */
  private lookUp(qualifier: string): CompiledAlias | undefined {
    const alias = this.aliases.get(qualifier);
    if (alias || qualifier === this.latest || this.versions.has(qualifier)) {
      this.lastQualifier = qualifier;
      this.lastTarget = alias;
      return alias;
    }
    throw new RoutingValidationError([unknownQualifier(this.labelModel, qualifier, "request.qualifier")]);
  }

  /** U(seed, index) for this router's seed, or the sticky bucket when stickyWeighted. */
  drawFor(req: PreparedRequest, index: number | bigint): number {
    // The common case first, the rest in a function of its own (drawFor runs per routed request).
    if (
      typeof index === "number" &&
      !this.options.stickyWeighted &&
      index >= 0 &&
      index < 4294967296 &&
      Number.isInteger(index)
    ) {
      return drawU(this.seed.hi, this.seed.lo, 0, index);
    }
    return this.otherDraw(req, index);
  }

  /** drawFor past its common case. */
  private otherDraw(req: PreparedRequest, index: number | bigint): number {
    if (this.options.stickyWeighted && req.stickyKey !== undefined) {
      return bucket(req.stickyKey, this.options.percentHash) / 100;
    }
    if (typeof index === "number" && index >= 0 && index < 4294967296 && Number.isInteger(index)) {
      return drawU(this.seed.hi, this.seed.lo, 0, index);
    }
    const i = toU64(index, "requestIndex");
    return drawU(this.seed.hi, this.seed.lo, i.hi, i.lo);
  }

  /** The hot path: the version for a prepared request at a request index. */
  pickVersion(req: PreparedRequest, index: number | bigint, alias = this.target(req.qualifier)): string {
    if (!alias) return req.qualifier;
    const plan = alias.planFor(req);
    // A fixed plan ignores the draw; with counter-based draws, skipping it shifts nothing (§7.6).
    if (plan.cumulative.length === 0) return plan.fallback.version;
    return pick(plan, this.drawFor(req, index)).version;
  }

  /** Routes one request and explains why (§7.2). `index` may be a request id string (hashed, §7.6). */
  route(request: RouteRequest | undefined, index: number | bigint | string = 0): RouteDecision {
    // Only the names the rules read are kept; the request is still validated in full (#13 item 22).
    const req = prepareOne(request, this.model.platform, this.options, this.readers);
    const alias = this.target(req.qualifier);
    if (!alias) return this.decision(req, undefined, directOutcome(req.qualifier), undefined);
    const u = this.drawFor(req, typeof index === "string" ? requestIdIndex(index) : checkIndex(index));
    return this.decision(req, alias.name, pick(alias.planFor(req), u), u);
  }

  /** The explained decision (a function of route's own, which stays small enough to be inlined). */
  private decision(
    req: PreparedRequest,
    alias: string | undefined,
    outcome: Outcome,
    u: number | undefined,
  ): RouteDecision {
    const assumptions = req.assumptions.length === 0 ? [] : [...req.assumptions];
    if (u !== undefined && this.options.stickyWeighted && req.stickyKey !== undefined) {
      assumptions.push(STICKY_ASSUMPTION);
    }
    return {
      requested: req.qualifier,
      alias,
      version: outcome.version,
      reason: outcome.reason,
      matchedRule: outcome.matchedRule,
      draw: u,
      explanation: outcome.explanation,
      observable:
        this.model.platform === "scf"
          ? { scf: { "X-Scf-Version": outcome.version } }
          : { fc: { qualifier: req.qualifier, versionId: outcome.version } },
      assumptions,
    };
  }
}

/** The outcome of a qualifier that names a version. */
function directOutcome(qualifier: string): Outcome {
  return {
    version: qualifier,
    reason: "direct",
    explanation: `qualifier ${qualifier} names a version directly`,
  };
}

function parseSeed(seed: unknown): U64 {
  if (typeof seed === "number" || typeof seed === "bigint" || typeof seed === "string")
    return toU64(seed, "seed");
  // diag() renders the value without throwing (String() throws on null-prototype objects).
  throw new RoutingValidationError([
    diag({
      rule: "V0",
      code: "InvalidArgument",
      path: "seed",
      value: seed,
      allowed: INTEGER_ALLOWED,
      problem: "seed is not an integer",
    }),
  ]);
}

/** A request index: the seed's rule (toU64), as a number or bigint (a string is a request id, hashed). */
function checkIndex(index: unknown): number | bigint {
  // The common case, a counter in [0, 2^32): valid by the rule below without going through a bigint.
  if (typeof index === "number" && index >= 0 && index < 4294967296 && Number.isInteger(index)) return index;
  return checkOtherIndex(index);
}

/** checkIndex past its common case (a function of its own: checkIndex is inlined on the per-request path). */
function checkOtherIndex(index: unknown): number | bigint {
  if (typeof index === "number" || typeof index === "bigint") {
    toU64(index, "requestIndex");
    return index;
  }
  throw new RoutingValidationError([
    diag({
      rule: "V0",
      code: "InvalidArgument",
      path: "requestIndex",
      value: index,
      allowed: `${INTEGER_ALLOWED}, or a request id string`,
      problem: "request index is not an integer",
    }),
  ]);
}

function checkRequestId(requestId: unknown): string {
  if (typeof requestId === "string") return requestId;
  throw new RoutingValidationError([
    diag({
      rule: "V0",
      code: "InvalidArgument",
      path: "requestId",
      value: requestId,
      allowed: "a string",
      problem: "request id is not a string",
    }),
  ]);
}

/** i = uint64_be(sha256(utf8(requestId))[0:8]) (§7.6). */
export function requestIdIndex(requestId: string): bigint {
  return sha256Index(requestId);
}

export interface ResolveContext extends RouterOptions {
  /** The request's counter. @default 0 */
  readonly requestIndex?: number | bigint;
  /** Derives the counter from a request id instead (sha256). */
  readonly requestId?: string;
}

/** Per model object: routers by options key, and the router of the last call without options, by seed. */
interface CachedRouters {
  readonly byKey: Map<string, Router>;
  lastSeed: RouterOptions["seed"];
  last: Router | undefined;
}

const routerCache = new WeakMap<object, CachedRouters>();

/**
 * A Router for a model, cached per model object and options. **Models are treated as immutable**: the
 * first call validates and compiles the model, later calls with the same object reuse that; a model
 * changed after its first use keeps routing as it was (build a new model object instead). Calls without
 * routing options and with the seed of the last such call skip even the options key, so a loop of
 * `resolve(model, …)` costs one WeakMap lookup over `router.route`.
 */
export function routerFor(model: FunctionModel, opts: RouterOptions = {}): Router {
  if (
    typeof model !== "object" ||
    model === null ||
    Array.isArray(model) ||
    opts.previous ||
    opts.isUnresolved
  )
    return new Router(model, opts);
  // Without routing options (an options object may have changed since: it goes through its key), the
  // same seed as the last such call is the same router.
  const plain = opts.options === undefined;
  let cached = routerCache.get(model);
  if (plain && cached !== undefined && cached.last !== undefined && cached.lastSeed === opts.seed)
    return cached.last;
  let key: string;
  try {
    key = JSON.stringify([opts.options ?? {}, String(opts.seed ?? 0)]);
  } catch {
    return new Router(model, opts);
  }
  if (!cached) {
    cached = { byKey: new Map(), lastSeed: undefined, last: undefined };
    routerCache.set(model, cached);
  }
  let router = cached.byKey.get(key);
  if (!router) cached.byKey.set(key, (router = new Router(model, opts)));
  if (plain) {
    cached.lastSeed = opts.seed;
    cached.last = router;
  }
  return router;
}

/**
 * The last call of resolve() without options: its model, seed and router. A loop of `resolve(model, …)`
 * then finds its router by two pointer comparisons, not a WeakMap lookup (#13 item 22). It only ever
 * holds what routerFor's cache holds for that model and seed (whose routers are never replaced), so it
 * returns the same router; it keeps that one model reachable until the next such call.
 */
let lastModel: object | undefined;
let lastSeed: RouterOptions["seed"];
let lastRouter: Router | undefined;

/** resolve()'s router past its memo: routerFor, remembered when routerFor cached it for a call without options. */
function routerForCall(model: FunctionModel, ctx: ResolveContext): Router {
  const router = routerFor(model, ctx);
  if (
    ctx.options === undefined &&
    !ctx.previous &&
    !ctx.isUnresolved &&
    routerCache.get(model)?.last === router
  ) {
    lastModel = model;
    lastSeed = ctx.seed;
    lastRouter = router;
  }
  return router;
}

/** Which version serves this request, and why. Throws only RoutingValidationError. */
export function resolve(
  model: FunctionModel,
  request?: RouteRequest,
  ctx: ResolveContext = {},
): RouteDecision {
  // The common call (no options, the model and seed of the last call) is a few comparisons; else routerFor.
  // Kept small, so that the JIT can inline route() here.
  const router =
    model === lastModel &&
    ctx.seed === lastSeed &&
    ctx.options === undefined &&
    !ctx.previous &&
    !ctx.isUnresolved
      ? (lastRouter as Router)
      : routerForCall(model, ctx);
  return router.route(
    request,
    ctx.requestId !== undefined ? checkRequestId(ctx.requestId) : checkIndex(ctx.requestIndex ?? 0),
  );
}

export type { RoutingOptions };
