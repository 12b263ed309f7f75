/** #13 item 9: a "looks like a percentage" hint only where it helps. */
import { percentageHint } from "../../src";

describe("percentageHint", () => {
  it.each([
    [10, 0.1],
    [100, 1],
    [1.5, 0.015],
    [12.5, 0.125],
    [1.1, 0.011],
    [99.99, 0.9999],
  ])("%p reads as a percentage: %p", (w, fraction) => {
    expect(percentageHint(w)).toBe(fraction);
  });

  it.each([1, 0.5, 1 + 2 ** -52, 1.0001, 100.5, 101, 150, -10, Number.NaN, Infinity, "10"])(
    "%p gets no hint",
    (w) => {
      expect(percentageHint(w)).toBeUndefined();
    },
  );
});
