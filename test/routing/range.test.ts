import fc from "fast-check";
import { isEmptyRange, parseRange, rangeContains } from "../../src/routing";

describe("parseRange (§7.7 grammar)", () => {
  it.each([
    ["[0,100]", 0n, 100n, true, true],
    ["(0,100)", 0n, 100n, false, false],
    ["[ -5 , 7 ]", -5n, 7n, true, true],
    ["(-10,-1)", -10n, -1n, false, false],
    ["[0,50)", 0n, 50n, true, false],
    ["(0,50]", 0n, 50n, false, true],
  ])("parses %s", (expression, lo, hi, loInclusive, hiInclusive) => {
    expect(parseRange(expression)).toEqual({ lo, hi, loInclusive, hiInclusive });
  });

  it("accepts mixed brackets by default and rejects them in strict mode", () => {
    expect(parseRange("[0,50)")).toBeDefined();
    expect(parseRange("(0,50]")).toBeDefined();
    expect(parseRange("[0,50)", true)).toBeUndefined();
    expect(parseRange("(0,50]", true)).toBeUndefined();
    expect(parseRange("[0,50]", true)).toBeDefined();
    expect(parseRange("(0,50)", true)).toBeDefined();
  });

  it.each([
    "",
    "0,100",
    "[0,100",
    "0,100]",
    "[0;100]",
    "[0.5,10]",
    "[a,b]",
    "[+1,5]",
    " [0,5]",
    "[0,5] ",
    "{0,5}",
    "[0,5,6]",
    "[,5]",
    "[1e3,5]",
  ])("rejects %j", (expression) => {
    expect(parseRange(expression)).toBeUndefined();
    expect(parseRange(expression, true)).toBeUndefined();
  });

  it("keeps integers beyond 2^53 exact (BigInt)", () => {
    const r = parseRange("[9007199254740993,18446744073709551616]");
    expect(r).toEqual({
      lo: 9007199254740993n,
      hi: 18446744073709551616n,
      loInclusive: true,
      hiInclusive: true,
    });
  });

  it("rejects non-string input without throwing", () => {
    expect(parseRange(5 as unknown as string)).toBeUndefined();
    expect(parseRange("[" + "1".repeat(300) + ",2]")).toBeUndefined();
  });
});

describe("rangeContains", () => {
  const closed = parseRange("[0,10]")!;
  const open = parseRange("(0,10)")!;
  const halfOpen = parseRange("[0,50)")!;

  it("honours inclusive and exclusive brackets", () => {
    expect(rangeContains(closed, "0")).toBe(true);
    expect(rangeContains(closed, "10")).toBe(true);
    expect(rangeContains(open, "0")).toBe(false);
    expect(rangeContains(open, "10")).toBe(false);
    expect(rangeContains(open, "1")).toBe(true);
    expect(rangeContains(open, "9")).toBe(true);
    expect(rangeContains(halfOpen, "0")).toBe(true);
    expect(rangeContains(halfOpen, "49")).toBe(true);
    expect(rangeContains(halfOpen, "50")).toBe(false);
    expect(rangeContains(closed, "-1")).toBe(false);
    expect(rangeContains(closed, "11")).toBe(false);
  });

  it.each(["5.0", " 5", "5 ", "+5", "5a", "0x5", "", "-", "5e0", "٥", "1_0"])(
    "never matches the non-integer %j",
    (v) => {
      expect(rangeContains(closed, v)).toBe(false);
    },
  );

  it("accepts leading zeros and negative values as integers", () => {
    expect(rangeContains(closed, "007")).toBe(true);
    expect(rangeContains(parseRange("[-5,-1]")!, "-3")).toBe(true);
    expect(rangeContains(parseRange("[-5,-1]")!, "-0")).toBe(false);
    expect(rangeContains(parseRange("[-5,0]")!, "-0")).toBe(true);
  });

  it("compares integers beyond 2^53 exactly", () => {
    const r = parseRange("[9007199254740993,9007199254740995)")!;
    expect(rangeContains(r, "9007199254740992")).toBe(false);
    expect(rangeContains(r, "9007199254740993")).toBe(true);
    expect(rangeContains(r, "9007199254740994")).toBe(true);
    expect(rangeContains(r, "9007199254740995")).toBe(false);
    const huge = parseRange("[0,100000000000000000000000000000]")!;
    expect(rangeContains(huge, "99999999999999999999999999999")).toBe(true);
    expect(rangeContains(huge, "100000000000000000000000000001")).toBe(false);
  });

  it("agrees with BigInt comparison for arbitrary bounds and values", () => {
    const int = fc.bigInt({ min: -(1n << 70n), max: 1n << 70n });
    fc.assert(
      fc.property(int, int, int, fc.boolean(), fc.boolean(), (a, b, v, li, hi) => {
        const [lo, up] = a <= b ? [a, b] : [b, a];
        const r = parseRange(`${li ? "[" : "("}${lo},${up}${hi ? "]" : ")"}`)!;
        const expected = (li ? v >= lo : v > lo) && (hi ? v <= up : v < up);
        return rangeContains(r, v.toString()) === expected;
      }),
      { numRuns: 1000 },
    );
  });
});

describe("isEmptyRange", () => {
  it.each([
    ["(5,5)", true],
    ["(5,6)", true],
    ["[5,5)", true],
    ["(5,5]", true],
    ["[5,5]", false],
    ["(5,7)", false],
    ["[0,50)", false],
  ])("%s empty = %s", (expression, empty) => {
    expect(isEmptyRange(parseRange(expression)!)).toBe(empty);
  });

  it("an empty range never contains anything", () => {
    const r = parseRange("(5,5)")!;
    for (const v of ["4", "5", "6"]) expect(rangeContains(r, v)).toBe(false);
  });
});
