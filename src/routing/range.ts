/** SCF `range` expressions (routing-semantics.md §7.7). */

export interface ScfRange {
  readonly lo: bigint;
  readonly hi: bigint;
  readonly loInclusive: boolean;
  readonly hiInclusive: boolean;
}

const RANGE = /^([[(])\s*(-?\d+)\s*,\s*(-?\d+)\s*([\])])$/;
const INTEGER = /^-?[0-9]+$/;

/** Parses `(a,b)`, `[a,b]` and (unless strict) mixed brackets; undefined when the grammar fails. */
export function parseRange(expression: string, strict = false): ScfRange | undefined {
  if (typeof expression !== "string" || expression.length > 200) return undefined;
  const m = RANGE.exec(expression);
  if (!m) return undefined;
  const loInclusive = m[1] === "[";
  const hiInclusive = m[4] === "]";
  if (strict && loInclusive !== hiInclusive) return undefined;
  return { lo: BigInt(m[2]), hi: BigInt(m[3]), loInclusive, hiInclusive };
}

/** True when the range can hold no integer, e.g. `(5,5)` or `(5,6)`. */
export function isEmptyRange(r: ScfRange): boolean {
  const first = r.loInclusive ? r.lo : r.lo + 1n;
  const last = r.hiInclusive ? r.hi : r.hi - 1n;
  return first > last;
}

/** A value hits when it is an integer string inside the range; "5.0", " 5" and "+5" never hit. */
export function rangeContains(r: ScfRange, value: string): boolean {
  if (value.length > 400 || !INTEGER.test(value)) return false;
  const v = BigInt(value);
  const aboveLo = r.loInclusive ? v >= r.lo : v > r.lo;
  const belowHi = r.hiInclusive ? v <= r.hi : v < r.hi;
  return aboveLo && belowHi;
}
