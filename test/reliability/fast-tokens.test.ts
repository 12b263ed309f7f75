/** The harness speed-up (support/fast-tokens.ts) takes effect in both frameworks, and can be undone. */
import "./support/fast-tokens";
import { Lazy, Tokenization } from "cdktf";
import { withRealStackTraces } from "./support/fast-tokens";

const creationStack = (): string[] =>
  Tokenization.reverseString(Lazy.stringValue({ produce: () => "x" })).firstToken!.creationStack;

it("tokens are created without a stack trace, unless asked for one", () => {
  expect(creationStack()).toEqual([]);
  expect(withRealStackTraces(creationStack).length).toBeGreaterThan(0);
  expect(creationStack()).toEqual([]);
});
