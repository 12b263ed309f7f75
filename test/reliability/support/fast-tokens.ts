/**
 * Test-harness speed-up, imported first by the reliability tests that build thousands of stacks.
 *
 * cdktf (and cdktn) record a full stack trace for every token they create (`creationStack`), and only
 * print it when a token cannot be resolved. Under Jest each trace is source-mapped, which makes
 * building a stack 5-10x slower. This skips the framework's capture for the importing test file only
 * (Jest gives each test file its own globals); the library and its synthesized JSON are unchanged —
 * `withRealStackTraces` lets a test compare both.
 *
 * Without reaching into a framework's private modules: both frameworks capture through the global
 * `Error.captureStackTrace(object, below)`, with `below` their own capture function
 * (`captureStackTrace` in cdktf, `captureCreationStack` in cdktn); only those calls are skipped.
 */
const FRAMEWORK_CAPTURES = new Set(["captureStackTrace", "captureCreationStack"]);

const realCapture = Error.captureStackTrace;
let skip = true;

Error.captureStackTrace = function captureUnlessFrameworkToken(target: object, below?: unknown): void {
  if (skip && typeof below === "function" && FRAMEWORK_CAPTURES.has(below.name)) {
    (target as { stack?: string }).stack = "";
    return;
  }
  realCapture.call(Error, target, below as never);
};

/** Runs `fn` with the framework's real stack capture. */
export function withRealStackTraces<T>(fn: () => T): T {
  skip = false;
  try {
    return fn();
  } finally {
    skip = true;
  }
}
