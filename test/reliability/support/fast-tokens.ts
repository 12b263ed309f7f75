/**
 * Test-harness speed-up, imported first by the reliability tests that build thousands of stacks.
 *
 * cdktf records a full stack trace for every token it creates (`creationStack`), and only prints it
 * when a token cannot be resolved. Under Jest each trace is source-mapped, which makes building a
 * stack 5-10x slower. This replaces cdktf's capture with an empty trace for the importing test file
 * only (Jest keeps a module registry per test file); the library and its synthesized JSON are
 * unchanged — `withRealStackTraces` lets a test compare both.
 */
interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackTrace = require("cdktf/lib/tokens/private/stack-trace") as StackTraceModule;
const real = stackTrace.captureStackTrace;
const empty = (): string[] => [];
stackTrace.captureStackTrace = empty;

/** Runs `fn` with cdktf's real stack capture. */
export function withRealStackTraces<T>(fn: () => T): T {
  stackTrace.captureStackTrace = real;
  try {
    return fn();
  } finally {
    stackTrace.captureStackTrace = empty;
  }
}
