/** #13 item 1: a rule name copied with the console's `invoke.headers.` prefix is refused, never doubled. */
import { CanaryAlias, FunctionWithVersions, ReleaseValidationError, ScfAlias } from "../../src";
import { fnProps, newStack, thrown } from "../helpers/synth";

function prepub(name: string) {
  const { stack } = newStack();
  const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["3", "4"] }));
  return new CanaryAlias(stack, "prepub", {
    function: fn,
    aliasName: "prepub",
    version: "3",
    canary: { version: "4", rules: [{ source: "header", name, operator: "=", value: "Bob" }] },
  });
}

describe("SCF rule names with the invoke.headers. prefix", () => {
  it.each(["invoke.headers.User", "Invoke.Headers.User"])("%s is refused with the right form", (name) => {
    const e = thrown(() => prepub(name));
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect((e as ReleaseValidationError).constructPath).toBe("test/prepub");
    expect(e.message).toContain(`canary.rules[0].name ${JSON.stringify(name)}`);
    expect(e.message).toContain(
      'allowed: the RoutingKey name alone, e.g. name: "User" for key invoke.headers.User',
    );
    expect(e.message).not.toContain("is not"); // a refusal, not a type error
  });

  it("never produces a doubled key", () => {
    let key: string | undefined;
    try {
      key = (prepub("invoke.headers.User").routing as ScfAlias).matches![0].key;
    } catch {
      key = undefined;
    }
    expect(key).not.toBe("invoke.headers.invoke.headers.User");
  });

  it("the bare name still gives invoke.headers.User and matches RoutingKey User", () => {
    const alias = prepub("User");
    expect((alias.routing as ScfAlias).matches![0].key).toBe("invoke.headers.User");
    expect(alias.simulate({ routingKey: '{"User":"Bob"}' }).version).toBe("4");
  });
});
