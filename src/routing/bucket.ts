/**
 * Stable percent buckets (routing-semantics.md §7.6): a value always lands in the same bucket
 * in [0, 100), so an FC `percent` rule is sticky per value. FC does not publish its hash; the
 * default reproduces the distribution with the same scheme as Alibaba's Higress traffic-tag plugin.
 */
import { createHash } from "node:crypto";

export type PercentHash = "sha256" | "fnv1a32" | "murmur2";

/** uint64_be(sha256(utf8(s))[0:8]) mod 100 */
export function sha256Bucket(s: string): number {
  const digest = createHash("sha256").update(s, "utf8").digest();
  return Number(digest.readBigUInt64BE(0) % 100n);
}

/** uint64_be(sha256(utf8(s))[0:8]): the request index derived from a request id. */
export function sha256Index(s: string): bigint {
  return createHash("sha256").update(s, "utf8").digest().readBigUInt64BE(0);
}

/** FNV-1a 32-bit over UTF-8 bytes. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(s, "utf8")) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** MurmurHash2 32-bit (seed 0) over UTF-8 bytes, as nginx split_clients uses it. */
export function murmur2(s: string): number {
  const data = Buffer.from(s, "utf8");
  const m = 0x5bd1e995;
  let len = data.length;
  let h = len >>> 0;
  let i = 0;
  while (len >= 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
    i += 4;
    len -= 4;
  }
  // the 1-3 trailing bytes, as MurmurHash2's fall-through switch
  if (len === 3) h ^= data[i + 2] << 16;
  if (len >= 2) h ^= data[i + 1] << 8;
  if (len >= 1) {
    h ^= data[i];
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h >>> 0;
}

/** The bucket in [0, 100) of a value under the chosen hash. */
export function bucket(s: string, hash: PercentHash = "sha256"): number {
  switch (hash) {
    case "fnv1a32":
      return fnv1a32(s) % 100;
    case "murmur2":
      return Math.floor((murmur2(s) * 100) / 4294967296);
    default:
      return sha256Bucket(s);
  }
}
