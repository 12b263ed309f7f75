/**
 * Terraform values on the wire (docs/plugin-protocol/object-wire-format.md): msgpack, where an
 * unknown value is extension type 0 and a refined unknown (Terraform ≥ 1.6) is extension type 12,
 * which the twin treats as plainly unknown. Objects carry every attribute and block of the schema,
 * null where unset; list and set blocks are arrays.
 */
import { decode, encode, ExtensionCodec } from "@msgpack/msgpack";

/** The unknown value ("known after apply"). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** A decoded Terraform value. */
export type TfValue = null | string | number | boolean | Unknown | TfValue[] | { [key: string]: TfValue };
export type TfObject = { [key: string]: TfValue };

const codec = new ExtensionCodec();
codec.register({
  type: 0,
  encode: (v: unknown) => (v === UNKNOWN ? new Uint8Array([0]) : null),
  decode: () => UNKNOWN,
});
codec.register({ type: 12, encode: () => null, decode: () => UNKNOWN });

export function decodeValue(bytes: Uint8Array | undefined | null): TfValue {
  if (!bytes || bytes.length === 0) return null;
  return normalize(decode(bytes, { extensionCodec: codec }));
}

export function encodeValue(value: TfValue): Uint8Array {
  return encode(value, { extensionCodec: codec });
}

function normalize(v: unknown): TfValue {
  if (v === UNKNOWN || v === null || v === undefined) return (v ?? null) as TfValue;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Map) {
    const out: TfObject = {};
    for (const [k, x] of v) out[String(k)] = normalize(x);
    return out;
  }
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === "object") {
    const out: TfObject = {};
    for (const [k, x] of Object.entries(v as object)) out[k] = normalize(x);
    return out;
  }
  return v as TfValue;
}

export function isUnknown(v: TfValue | undefined): v is Unknown {
  return v === UNKNOWN;
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(v: TfValue | undefined): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

export function deepEqual(a: TfValue | undefined, b: TfValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return (a ?? null) === (b ?? null);
  if (typeof a !== typeof b) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a as TfObject);
    const kb = Object.keys(b as TfObject);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => deepEqual((a as TfObject)[k], (b as TfObject)[k]));
  }
  return false;
}

/** Plain JSON copy (UNKNOWN becomes the string "(known after apply)" — for logs only). */
export function toJson(v: TfValue): unknown {
  return JSON.parse(JSON.stringify(v, (_k, x) => (x === UNKNOWN ? "(known after apply)" : x)));
}

export function clone<T extends TfValue>(v: T): T {
  if (v === UNKNOWN || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => clone(x)) as T;
  const out: TfObject = {};
  for (const [k, x] of Object.entries(v)) out[k] = clone(x);
  return out as T;
}
