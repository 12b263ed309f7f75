import fc from "fast-check";
import {
  drawBigInt,
  drawImplementation,
  splitmix64,
  toU64,
  draw,
  INTEGER_ALLOWED,
  requestIdIndex,
  Router,
  RoutingValidationError,
} from "../../src/routing";
import { drawHalves, drawHalvesJs } from "../../src/routing/random";

/** U(seed, i) vectors from routing-semantics.md §7.6. */
const VECTORS: Record<string, readonly number[]> = {
  "0": [0.6524484863740322, 0.36818951565166946, 0.3922164624235318, 0.7375181681915192],
  "42": [0.30315012456577295, 0.4949295270895354, 0.11599941521466184, 0.2643207504130085],
};

const halves = (x: bigint): [number, number] => [Number(x >> 32n), Number(x & 0xffffffffn)];

describe("splitmix64", () => {
  it("matches the spec's sanity value splitmix64(0) = 0xe220a8397b1dcdaf", () => {
    expect(splitmix64(0n)).toBe(0xe220a8397b1dcdafn);
  });

  it("reduces its input mod 2^64", () => {
    expect(splitmix64(1n << 64n)).toBe(0xe220a8397b1dcdafn);
    expect(splitmix64(-1n)).toBe(splitmix64((1n << 64n) - 1n));
  });
});

describe("U(seed, i) test vectors", () => {
  for (const [seed, values] of Object.entries(VECTORS)) {
    values.forEach((expected, i) => {
      it(`seed ${seed}, i=${i} → ${expected}`, () => {
        const s = BigInt(seed);
        const [sHi, sLo] = halves(s);
        expect(drawBigInt(s, BigInt(i))).toBe(expected);
        expect(drawHalves(sHi, sLo, 0, i)).toBe(expected);
        expect(drawHalvesJs(sHi, sLo, 0, i)).toBe(expected);
        expect(draw(toU64(s), i)).toBe(expected);
        expect(draw(toU64(seed), BigInt(i))).toBe(expected);
      });
    });
  }
});

describe("implementations agree", () => {
  it("uses the wasm draw in this runtime", () => {
    expect(drawImplementation).toBe("wasm");
    expect(drawHalves).not.toBe(drawHalvesJs);
  });

  it("wasm, 32-bit JS and BigInt agree on 10,000 random 64-bit (seed, index) pairs", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        (seed, index) => {
          const [sHi, sLo] = halves(seed);
          const [iHi, iLo] = halves(index);
          const reference = drawBigInt(seed, index);
          expect(drawHalves(sHi, sLo, iHi, iLo)).toBe(reference);
          expect(drawHalvesJs(sHi, sLo, iHi, iLo)).toBe(reference);
          expect(draw({ hi: sHi, lo: sLo }, index)).toBe(reference);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it("agree on edge values of both halves", () => {
    const edges = [
      0n,
      1n,
      0xffffffffn,
      0x100000000n,
      0x7fffffffffffffffn,
      0x8000000000000000n,
      (1n << 64n) - 1n,
    ];
    for (const seed of edges) {
      for (const index of edges) {
        const [sHi, sLo] = halves(seed);
        const [iHi, iLo] = halves(index);
        const reference = drawBigInt(seed, index);
        expect(drawHalves(sHi, sLo, iHi, iLo)).toBe(reference);
        expect(drawHalvesJs(sHi, sLo, iHi, iLo)).toBe(reference);
      }
    }
  });

  it("always draws in [0, 1)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        (seed, index) => {
          const u = drawBigInt(seed, index);
          return u >= 0 && u < 1;
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe("toU64", () => {
  it("splits numbers, bigints and decimal strings mod 2^64", () => {
    expect(toU64(0)).toEqual({ hi: 0, lo: 0 });
    expect(toU64(2 ** 32 + 5)).toEqual({ hi: 1, lo: 5 });
    expect(toU64("18446744073709551617")).toEqual({ hi: 0, lo: 1 });
    expect(toU64(-1n)).toEqual({ hi: 0xffffffff, lo: 0xffffffff });
  });

  it("refuses what is not an integer with a typed error (never RangeError or SyntaxError)", () => {
    for (const bad of [1.5, 2 ** 60, Number.NaN, "", "0x10", "1e3", " 1", "+1", "1.0", "abc"]) {
      let e: unknown;
      try {
        toU64(bad);
      } catch (err) {
        e = err;
      }
      expect(e).toBeInstanceOf(RoutingValidationError);
      expect((e as RoutingValidationError).diagnostics[0]).toMatchObject({
        code: "InvalidArgument",
        path: "seed",
        allowed: INTEGER_ALLOWED,
      });
    }
  });
});

/** #13 item 10: one rule for seeds and request indices, in the API and the CLI. */
describe("seeds and request indices", () => {
  const model = {
    platform: "scf" as const,
    functionName: "fn",
    publishedVersions: ["1", "2"],
    aliases: [{ name: "release", primary: "1", weights: [{ version: "2", weight: 0.5 }] }],
  };
  const draws = (seed: number | bigint | string) =>
    [0, 1, 2, 3].map((i) => new Router(model, { seed }).route({ qualifier: "release" }, i).draw);

  it("2**53 is an integer seed, the same as 2n**53n and its decimal string", () => {
    expect(draws(2 ** 53)).toEqual(draws(2n ** 53n));
    expect(draws("9007199254740992")).toEqual(draws(2n ** 53n));
  });

  it("negative seeds are taken mod 2^64, whatever their type", () => {
    expect(draws(-1)).toEqual(draws(2n ** 64n - 1n));
    expect(draws(-1n)).toEqual(draws(2n ** 64n - 1n));
    expect(draws("-1")).toEqual(draws(2n ** 64n - 1n));
  });

  it.each([[""], ["0x10"], ["1e3"], [" 7"], [1.5], [2 ** 53 + 2]])("seed %p is refused", (seed) => {
    expect(() => new Router(model, { seed })).toThrow(RoutingValidationError);
  });

  it("index -1 is -1n is 2^64 - 1, like seeds", () => {
    const r = new Router(model, { seed: 7 });
    const at = (i: number | bigint) => r.route({ qualifier: "release" }, i).draw;
    expect(at(-1)).toBe(at(2n ** 64n - 1n));
    expect(at(-1n)).toBe(at(2n ** 64n - 1n));
    expect(() => r.route({ qualifier: "release" }, 1.5)).toThrow(RoutingValidationError);
    expect(() => r.route({ qualifier: "release" }, 2 ** 60)).toThrow(RoutingValidationError);
  });

  it("the sha256 request-id index is the same value as a bigint index", () => {
    const r = new Router(model);
    expect(r.route({ qualifier: "release" }, "req-1").draw).toBe(
      r.route({ qualifier: "release" }, requestIdIndex("req-1")).draw,
    );
  });
});
