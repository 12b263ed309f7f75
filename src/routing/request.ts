/** Normalises a simulated request once, so rule evaluation is a few map lookups. */
import { diag, Diagnostic, RoutingValidationError } from "./diagnostics";
import { parseRoutingKey } from "./rules/request";
import { isRecord } from "./rules/rule";
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

/** A header name lower-cased, as its canonical copy (object keys, e.g. an already lower-case name, are one already). */
function lowerCaseKey(name: string): string {
  const lower = name.toLowerCase();
  return lower === name ? name : canonicalKey(lower);
}

/** Reads a multimap; the first value of a name wins (names compared after `normalise`). */
function readMultiMap(
  input: unknown,
  path: string,
  normalise: (name: string) => string,
  errors: Diagnostic[],
): Map<string, string> {
  const out = new Map<string, string>();
  if (input === undefined) return out;
  if (!isRecord(input)) {
    errors.push(
      badRequest(path, input, "an object of name → string or string[]", `${path} is not an object`),
    );
    return out;
  }
  for (const [name, raw] of Object.entries(input)) {
    const value = firstValue(raw);
    if (value === undefined) {
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
      continue;
    }
    const key = normalise(name);
    if (!out.has(key)) out.set(key, value);
  }
  return out;
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

/** Validates and normalises a request; throws RoutingValidationError (never anything else) on bad input. */
export function prepareRequest(
  request: RouteRequest | undefined,
  platform: Platform,
  options: ResolvedRoutingOptions,
): PreparedRequest {
  const errors: Diagnostic[] = [];
  const req: Record<string, unknown> =
    request === undefined ? {} : (request as unknown as Record<string, unknown>);
  if (!isRecord(req)) {
    throw new RoutingValidationError([
      badRequest("request", request, "an object { qualifier?, headers?, ... }", "request is not an object"),
    ]);
  }
  const api = (req.api ?? (platform === "scf" ? "Invoke" : "http")) as InvokeApi;
  if (!API_VALUES.includes(api)) {
    errors.push(badRequest("request.api", req.api, API_VALUES.join(", "), "unknown invoke API"));
  }
  if (req.qualifier !== undefined && (typeof req.qualifier !== "string" || req.qualifier.length === 0)) {
    errors.push(
      badRequest(
        "request.qualifier",
        req.qualifier,
        "a version or alias name",
        "qualifier is not a non-empty string",
      ),
    );
  }
  const headers = readMultiMap(req.headers, "request.headers", lowerCaseKey, errors);
  const query = readMultiMap(req.query, "request.query", (n) => n, errors);
  const cookies =
    req.cookies !== undefined
      ? readMultiMap(req.cookies, "request.cookies", (n) => n, errors)
      : parseCookieHeader(headers.get("cookie"));
  if (req.stickyKey !== undefined && typeof req.stickyKey !== "string") {
    errors.push(badRequest("request.stickyKey", req.stickyKey, "a string", "stickyKey is not a string"));
  }

  const assumptions: string[] = [];
  let routingKey: Record<string, string> | undefined;
  let routingKeyFromHeaders = false;
  if (platform === "scf") {
    if (api === "apigateway") {
      if (options.gatewayRoutingKey) {
        // A prototype-less map, like parseRoutingKey's: a header key such as "constructor" must not
        // read Object.prototype. Header names are case-insensitive (RFC 9110 §5.1; HTTP/2 sends them
        // lower-cased), so a client's casing cannot decide a match: the names are compared lower-cased.
        const fromHeaders: Record<string, string> = Object.create(null);
        for (const [name, value] of headers) fromHeaders[name] = value;
        routingKey = fromHeaders;
        routingKeyFromHeaders = true;
        assumptions.push(GATEWAY_ROUTING_KEY_ASSUMPTION);
      } else {
        assumptions.push(
          "gatewayRoutingKey=false: API Gateway does not fill the SCF RoutingKey from client headers (undocumented)",
        );
      }
    } else if (req.routingKey !== undefined) {
      const parsed = parseRoutingKey(req.routingKey);
      if (parsed.ok) routingKey = parsed.value;
      else errors.push(parsed.diagnostic);
    }
  }
  if (errors.length > 0) throw new RoutingValidationError(errors);
  return {
    qualifier: (req.qualifier as string | undefined) ?? defaultQualifier(platform, api),
    api,
    headers,
    cookies,
    query,
    routingKey,
    routingKeyFromHeaders,
    stickyKey: req.stickyKey as string | undefined,
    assumptions,
  };
}
