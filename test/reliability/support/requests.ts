/**
 * Generated requests for fuzzing resolve, stage simulation and the CLI: unicode (astral, combining,
 * right-to-left, zero-width, control characters, lone surrogates), empty and oversized values,
 * repeated headers that differ in case, malformed cookies, routing keys that are not JSON objects of
 * strings or exceed 1024 bytes, odd qualifiers and APIs, and the occasional request that is not an
 * object at all. A seeded PRNG (splitmix32) makes every run reproducible: request i of seed s is the
 * same on every machine.
 */

/** A small, fast, seeded PRNG: integers and picks. */
export class Rng {
  /** In a typed array: a uint32 above 2^30 in a field would be a heap number, allocated on every call. */
  private readonly state = new Uint32Array(1);
  constructor(seed: number) {
    this.state[0] = seed >>> 0;
  }
  /** Uniform 32-bit unsigned integer (splitmix32). */
  next(): number {
    this.state[0] += 0x9e3779b9;
    let z = this.state[0];
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return this.next() % n;
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() / 4294967296 < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
}

/** Characters worth trying: ASCII, Latin-1, CJK, RTL, combining, zero-width, emoji, controls, lone surrogates. */
const CHARS = [
  "a",
  "B",
  "z",
  "0",
  "9",
  "-",
  "_",
  ".",
  " ",
  "=",
  ";",
  ",",
  '"',
  "'",
  "\\",
  "/",
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  ":",
  "é",
  "ß",
  "ÿ",
  "中",
  "文",
  "日",
  "한",
  "ب",
  "ע",
  "\u0301",
  "\u200b",
  "\u200f",
  "\ufeff",
  "😀",
  "👩‍👩‍👧",
  "𝔘",
  "\u0000",
  "\u0007",
  "\n",
  "\r",
  "\t",
  "\u007f",
  "\ud800",
  "\udfff",
  "\uffff",
];

export function randomString(rng: Rng, max = 12): string {
  const n = rng.int(max + 1);
  let s = "";
  for (let i = 0; i < n; i++) s += rng.pick(CHARS);
  return s;
}

/** An oversized value (2-20 KB). */
function oversized(rng: Rng): string {
  const unit = rng.pick(["x", "é", "中", "😀", "a=b; "]);
  return unit.repeat(2048 + rng.int(18 * 1024));
}

/** Names used by the rules of the fuzzed models, in several cases, plus junk and prototype keys. */
const NAMES = [
  "User",
  "user",
  "USER",
  "x-uid",
  "X-UID",
  "X-Uid",
  "x-beta",
  "X-BETA",
  "uid",
  "beta",
  "Cookie",
  "cookie",
  "COOKIE",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "",
  " ",
  "x uid",
  "x-uid ",
  "用户",
];
/** Values the rules compare with: hits, near-misses, numbers in and around ranges, list members. */
const VALUES = [
  "Bob",
  "bob",
  "BOB",
  "Bob ",
  " Bob",
  "Alice",
  "1",
  "5",
  "50",
  "100",
  "101",
  "0",
  "-1",
  "007",
  "1e3",
  "+5",
  "5.0",
  "0x10",
  "99999999999999999999",
  "1001",
  "1002",
  "1001,1002",
  "9",
  "10",
  "",
  " ",
  "true",
];

function value(rng: Rng): string {
  const r = rng.int(100);
  if (r < 55) return rng.pick(VALUES);
  if (r < 95) return randomString(rng);
  return oversized(rng);
}

function name(rng: Rng): string {
  return rng.chance(0.8) ? rng.pick(NAMES) : randomString(rng, 6);
}

/** name → a value, a list of values (repeated header), an empty list, or (rarely) a wrong type. */
function multiMap(rng: Rng, size: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < size; i++) {
    const k = name(rng);
    const r = rng.int(100);
    if (r < 70) out[k] = value(rng);
    else if (r < 92) out[k] = Array.from({ length: 1 + rng.int(3) }, () => value(rng));
    else if (r < 96) out[k] = [];
    else out[k] = rng.pick<unknown>([5, null, true, { a: "b" }, [1, "x"], undefined, Number.NaN]);
  }
  return out;
}

/** Cookie headers as browsers and broken clients send them. */
function cookieHeader(rng: Rng): string {
  const r = rng.int(12);
  switch (r) {
    case 0:
      return "";
    case 1:
      return "beta";
    case 2:
      return "=1";
    case 3:
      return ";;;";
    case 4:
      return "beta=1; beta=2";
    case 5:
      return "beta=1=2";
    case 6:
      return " beta = 1 ;uid=5";
    case 7:
      return `beta=${oversized(rng)}`;
    case 8:
      return `${randomString(rng)}=${randomString(rng)}`;
    case 9:
      return "beta=\u0000; uid=\ud800";
    case 10:
      return "BETA=1; Beta=1";
    default:
      return `uid=${rng.pick(VALUES)}; beta=${rng.pick(VALUES)}`;
  }
}

/** SCF RoutingKeys: valid objects, near-misses and everything a caller can get wrong. */
function routingKey(rng: Rng): string {
  const r = rng.int(20);
  switch (r) {
    case 0:
      return "";
    case 1:
      return "User=Bob";
    case 2:
      return "{";
    case 3:
      return "[]";
    case 4:
      return '["User","Bob"]';
    case 5:
      return "null";
    case 6:
      return "42";
    case 7:
      return '"User"';
    case 8:
      return '{"User":1}';
    case 9:
      return '{"User":{"name":"Bob"}}';
    case 10:
      return JSON.stringify({ User: "Bob", pad: "x".repeat(1024) }); // over 1024 bytes
    case 11:
      return JSON.stringify({ "x-uid": "中".repeat(340) }); // over 1024 bytes in UTF-8, under in characters
    case 12:
      return '{"User":"Bob","User":"Alice"}';
    case 13:
      return '{"__proto__":"Bob","constructor":"x"}';
    case 14:
      return "\ufeff" + JSON.stringify({ User: "Bob" });
    case 15:
      return JSON.stringify({ [name(rng)]: value(rng) }).slice(0, rng.int(40)); // truncated JSON
    default:
      return JSON.stringify(
        Object.fromEntries(
          Array.from({ length: rng.int(4) }, () => [
            name(rng),
            rng.chance(0.9) ? rng.pick(VALUES) : randomString(rng),
          ]),
        ),
      );
  }
}

export interface FuzzTargets {
  /** Qualifiers that exist in the fuzzed model (and a few that do not). */
  readonly qualifiers: readonly string[];
}

/** Request i of a seed: mostly well-formed objects with odd contents, sometimes malformed. */
export function generateRequest(rng: Rng, targets: FuzzTargets): unknown {
  const r = rng.int(1000);
  if (r === 0) return null;
  if (r === 1) return "User=Bob";
  if (r === 2) return [{ headers: { User: "Bob" } }];
  const req: Record<string, unknown> = {};
  if (rng.chance(0.5)) req.headers = multiMap(rng, rng.int(6));
  if (rng.chance(0.15)) {
    const headers = (req.headers as Record<string, unknown>) ?? {};
    headers[rng.pick(["Cookie", "cookie", "COOKIE"])] = rng.chance(0.8)
      ? cookieHeader(rng)
      : [cookieHeader(rng), cookieHeader(rng)];
    req.headers = headers;
  }
  if (rng.chance(0.1)) req.cookies = multiMap(rng, rng.int(3));
  if (rng.chance(0.3)) req.query = multiMap(rng, rng.int(4));
  if (rng.chance(0.35)) req.routingKey = routingKey(rng);
  if (rng.chance(0.3)) {
    req.qualifier = rng.chance(0.9)
      ? rng.pick([
          ...targets.qualifiers,
          "",
          "beta",
          "9",
          "$latest",
          "latest",
          "LATEST",
          "$LATEST",
          "$DEFAULT",
        ])
      : rng.pick<unknown>([5, null, ["release"], { name: "release" }]);
  }
  if (rng.chance(0.08))
    req.api = rng.pick<unknown>(["Invoke", "InvokeFunction", "trigger", "http", "apigateway", "grpc", "", 5]);
  if (rng.chance(0.05)) req.stickyKey = rng.chance(0.8) ? value(rng) : 5;
  return req;
}
