/**
 * Counter-based random draws (routing-semantics.md §7.6).
 *
 * U(seed, i) = (splitmix64(seed ^ splitmix64(i)) >> 11) / 2^53, all arithmetic mod 2^64.
 *
 * The hot path works on 32-bit halves (Math.imul plus a 16-bit split for the high word of
 * each partial product) because BigInt costs tens of nanoseconds per draw. `drawBigInt`
 * is the readable reference; the tests prove both against the spec's vectors.
 */

import { diag, RoutingValidationError } from "./diagnostics";
import { DrawFunction, loadWasmDraw } from "./wasm-draw";

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** A 64-bit unsigned integer as two unsigned 32-bit halves. */
export interface U64 {
  readonly hi: number;
  readonly lo: number;
}

/** The largest magnitude a number seed or index may have: beyond 2^53 a number cannot hold every integer. */
const MAX_EXACT = TWO_POW_53;

/** What a seed or request index may be (one rule for the API and the CLI). */
export const INTEGER_ALLOWED =
  'an integer: a number from -2^53 to 2^53, a bigint, or a decimal string such as "-1" or "18446744073709551615"; taken mod 2^64';

/**
 * A seed or request index as a bigint, or undefined when it breaks the rule (INTEGER_ALLOWED): a number
 * must be an integer of magnitude at most 2^53 (beyond, a number may not be the integer that was written:
 * pass a bigint or a decimal string); a string must be decimal digits with an optional leading `-`
 * (`""`, `"0x10"`, `"1e3"`, `" 1"` are refused, not read as 0 or 16); a bigint is taken as is.
 */
function integerOf(value: unknown): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") {
    return Number.isInteger(value) && Math.abs(value) <= MAX_EXACT ? BigInt(value) : undefined;
  }
  if (typeof value === "string") return /^-?[0-9]+$/.test(value) ? BigInt(value) : undefined;
  return undefined;
}

/**
 * Splits a seed or request index into 32-bit halves, mod 2^64 (so `-1`, `-1n` and `"-1"` are all 2^64 − 1).
 * Anything else (1.5, 2^60 as a number, `""`, `"0x10"`) throws a RoutingValidationError (V0
 * `InvalidArgument`) at `path`.
 */
export function toU64(value: number | bigint | string, path = "seed"): U64 {
  const integer = integerOf(value);
  if (integer === undefined) {
    const what = path === "seed" ? "seed" : "request index";
    throw new RoutingValidationError([
      diag({
        rule: "V0",
        code: "InvalidArgument",
        path,
        value,
        allowed: INTEGER_ALLOWED,
        problem:
          typeof value === "number" && Number.isInteger(value)
            ? `${what} is beyond 2^53, where a number cannot hold every integer (pass a bigint or a decimal string)`
            : `${what} is not an integer`,
      }),
    ]);
  }
  const big = BigInt.asUintN(64, integer);
  return { hi: Number(big >> 32n), lo: Number(big & 0xffffffffn) };
}

// Output registers of the 32-bit mixer; module-level to avoid an allocation per draw.
let outHi = 0;
let outLo = 0;

/** High 32 bits of the unsigned 64-bit product of two unsigned 32-bit integers (exact in float64). */
function mulHi32(a: number, b: number): number {
  const low = a * (b & 0xffff); // < 2^48
  return Math.floor((a * (b >>> 16) + Math.floor(low / 65536)) / 65536);
}

/** (hi, lo) * (mHi, mLo) mod 2^64, into outHi/outLo. */
function mul64(hi: number, lo: number, mHi: number, mLo: number): void {
  const carry = mulHi32(lo, mLo);
  outLo = Math.imul(lo, mLo) >>> 0;
  outHi = (carry + Math.imul(hi, mLo) + Math.imul(lo, mHi)) >>> 0;
}

/** splitmix64 on 32-bit halves; result in outHi/outLo. */
function splitmix64Halves(hi: number, lo: number): void {
  // z = x + 0x9E3779B97F4A7C15
  let zLo = lo + 0x7f4a7c15;
  let zHi = (hi + 0x9e3779b9 + (zLo >= TWO_POW_32 ? 1 : 0)) >>> 0;
  zLo = zLo >>> 0;
  // z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
  let sLo = ((zLo >>> 30) | (zHi << 2)) >>> 0;
  let sHi = zHi >>> 30;
  mul64((zHi ^ sHi) >>> 0, (zLo ^ sLo) >>> 0, 0xbf58476d, 0x1ce4e5b9);
  zHi = outHi;
  zLo = outLo;
  // z = (z ^ (z >> 27)) * 0x94D049BB133111EB
  sLo = ((zLo >>> 27) | (zHi << 5)) >>> 0;
  sHi = zHi >>> 27;
  mul64((zHi ^ sHi) >>> 0, (zLo ^ sLo) >>> 0, 0x94d049bb, 0x133111eb);
  zHi = outHi;
  zLo = outLo;
  // z ^ (z >> 31)
  outLo = (zLo ^ (((zLo >>> 31) | (zHi << 1)) >>> 0)) >>> 0;
  outHi = (zHi ^ (zHi >>> 31)) >>> 0;
}

/** splitmix64(x) as a bigint, computed on the fast path. */
export function splitmix64(x: bigint): bigint {
  const v = BigInt.asUintN(64, x);
  splitmix64Halves(Number(v >> 32n), Number(v & 0xffffffffn));
  return (BigInt(outHi) << 32n) | BigInt(outLo);
}

/** U(seed, i) in [0, 1) from 32-bit halves, in plain JavaScript (the fallback). */
export function drawHalvesJs(seedHi: number, seedLo: number, iHi: number, iLo: number): number {
  splitmix64Halves(iHi, iLo);
  splitmix64Halves((seedHi ^ outHi) >>> 0, (seedLo ^ outLo) >>> 0);
  // top 53 bits: hi (32 bits) then the top 21 bits of lo
  return (outHi * 2097152 + (outLo >>> 11)) / TWO_POW_53;
}

/** U(seed, i) in [0, 1). `i` is a request index (an integer as toU64 takes it, mod 2^64). */
export function draw(seed: U64, index: number | bigint): number {
  if (typeof index === "number" && index >= 0 && index < TWO_POW_32 && Number.isInteger(index)) {
    return drawHalves(seed.hi, seed.lo, 0, index);
  }
  const i = toU64(index, "requestIndex");
  return drawHalves(seed.hi, seed.lo, i.hi, i.lo);
}

/** U(seed, i) from 32-bit halves: the wasm build where available, else the JavaScript one. */
export const drawHalves: DrawFunction = loadWasmDraw() ?? drawHalvesJs;

/** Which implementation `drawHalves` uses (reported by the benchmark). */
export const drawImplementation: "wasm" | "js" = drawHalves === drawHalvesJs ? "js" : "wasm";

const MASK64 = (1n << 64n) - 1n;

/** Reference implementation with BigInt, straight from the spec (for tests and documentation). */
export function drawBigInt(seed: bigint, index: bigint): number {
  const mix = (x: bigint): bigint => {
    let z = (x + 0x9e3779b97f4a7c15n) & MASK64;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
  const z = mix(BigInt.asUintN(64, seed) ^ mix(BigInt.asUintN(64, index)));
  return Number(z >> 11n) / TWO_POW_53;
}
