import { createHash } from "node:crypto";
import fc from "fast-check";
import { bucket, fnv1a32, murmur2, sha256Bucket } from "../../src/routing";
import { sha256Index } from "../../src/routing/bucket";

/** Percent buckets from routing-semantics.md §7.6. */
const BUCKETS: [string, number][] = [
  ["", 52],
  ["0", 40],
  ["1", 13],
  ["11111", 71],
  ["alice", 7],
  ["bob", 50],
  ["user-1", 94],
  ["user-2", 87],
];

/**
 * MurmurHash2 (Austin Appleby's endian-neutral reference, seed 0) written independently with BigInt
 * arithmetic mod 2^32, to cross-check the Math.imul implementation.
 */
function murmur2Reference(s: string): number {
  const M = 0x5bd1e995n;
  const mask = 0xffffffffn;
  const data = [...Buffer.from(s, "utf8")].map(BigInt);
  let len = data.length;
  let h = BigInt(len) & mask; // seed 0 ^ len
  let p = 0;
  while (len >= 4) {
    let k = data[p] | (data[p + 1] << 8n) | (data[p + 2] << 16n) | (data[p + 3] << 24n);
    k = (k * M) & mask;
    k ^= k >> 24n;
    k = (k * M) & mask;
    h = ((h * M) & mask) ^ k;
    p += 4;
    len -= 4;
  }
  // the reference's fall-through switch on the 1-3 tail bytes
  if (len === 3) h ^= data[p + 2] << 16n;
  if (len >= 2) h ^= data[p + 1] << 8n;
  if (len >= 1) {
    h ^= data[p];
    h = (h * M) & mask;
  }
  h ^= h >> 13n;
  h = (h * M) & mask;
  h ^= h >> 15n;
  return Number(h);
}

/** FNV-1a 32 with BigInt, straight from the definition. */
function fnv1aReference(s: string): number {
  let h = 0x811c9dc5n;
  for (const b of Buffer.from(s, "utf8")) h = ((h ^ BigInt(b)) * 0x01000193n) & 0xffffffffn;
  return Number(h);
}

describe("sha256 percent bucket (default)", () => {
  it.each(BUCKETS)("bucket(%j) = %i", (s, expected) => {
    expect(sha256Bucket(s)).toBe(expected);
    expect(bucket(s)).toBe(expected);
    expect(bucket(s, "sha256")).toBe(expected);
  });

  it("is uint64_be(sha256(utf8(s))[0:8]) mod 100, including non-ASCII input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        const first8 = createHash("sha256").update(Buffer.from(s, "utf8")).digest().subarray(0, 8);
        const index = BigInt("0x" + first8.toString("hex"));
        expect(sha256Index(s)).toBe(index);
        expect(bucket(s)).toBe(Number(index % 100n));
      }),
      { numRuns: 300 },
    );
  });
});

describe("fnv1a32", () => {
  it("matches the published FNV-1a 32-bit vectors", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });

  it("agrees with a BigInt reference on arbitrary unicode", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 64 }), (s) => fnv1a32(s) === fnv1aReference(s)),
      { numRuns: 500 },
    );
  });

  it("gives bucket fnv1a32(s) mod 100", () => {
    expect(bucket("", "fnv1a32")).toBe(0x811c9dc5 % 100);
    expect(bucket("a", "fnv1a32")).toBe(0xe40c292c % 100);
  });
});

describe("murmur2 (seed 0)", () => {
  it("hashes the empty string to 0 (h = 0 ^ len stays 0 through the final mix)", () => {
    expect(murmur2("")).toBe(0);
  });

  it.each([
    "a",
    "ab",
    "abc",
    "abcd",
    "abcde",
    "alice",
    "user-1",
    "The quick brown fox jumps over the lazy dog",
    "é€😀",
  ])("agrees with an independent BigInt reference on %j", (s) => {
    expect(murmur2(s)).toBe(murmur2Reference(s));
  });

  it("agrees with the reference on arbitrary strings of every tail length", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 64 }), (s) => murmur2(s) === murmur2Reference(s)),
      { numRuns: 500 },
    );
  });

  it("returns an unsigned 32-bit integer", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const h = murmur2(s);
        return Number.isInteger(h) && h >= 0 && h < 2 ** 32;
      }),
    );
  });

  it("gives bucket floor(murmur2(s)·100/2^32) (nginx split_clients)", () => {
    for (const s of ["alice", "bob", "user-1"]) {
      expect(bucket(s, "murmur2")).toBe(Math.floor((murmur2Reference(s) * 100) / 2 ** 32));
    }
  });
});

describe("bucket", () => {
  it.each(["sha256", "fnv1a32", "murmur2"] as const)(
    "%s buckets are integers in [0, 100) and stable",
    (hash) => {
      fc.assert(
        fc.property(fc.string({ maxLength: 30 }), (s) => {
          const b = bucket(s, hash);
          return Number.isInteger(b) && b >= 0 && b < 100 && bucket(s, hash) === b;
        }),
        { numRuns: 300 },
      );
    },
  );
});
