/**
 * #13 item 14: what the .d.ts files declare for users is exported by an entry point, and the exported
 * helpers throw only the typed RoutingValidationError.
 */
import * as root from "../../src";
import * as routing from "../../src/routing";

describe("entry points", () => {
  it.each(["sha256Index", "parseCookieHeader", "toU64", "requestIdIndex"])(
    "%s is exported by the package and by /routing",
    (name) => {
      expect(typeof (root as Record<string, unknown>)[name]).toBe("function");
      expect(typeof (routing as Record<string, unknown>)[name]).toBe("function");
    },
  );

  it("sha256Index is the request-id index the router uses", () => {
    expect(root.sha256Index("req-1")).toBe(root.requestIdIndex("req-1"));
    expect(typeof root.sha256Index("")).toBe("bigint");
  });

  it("parseCookieHeader keeps the first value of a name and skips parts without =", () => {
    expect([...root.parseCookieHeader("a=1; b; a=2; c = 3")]).toEqual([
      ["a", "1"],
      ["c", "3"],
    ]);
    expect(root.parseCookieHeader(undefined).size).toBe(0);
  });

  it.each([1.5, 2 ** 60, "", "0x10", "12n", "--1"])("toU64(%p) throws a RoutingValidationError", (v) => {
    expect(() => root.toU64(v)).toThrow(root.RoutingValidationError);
  });
});
