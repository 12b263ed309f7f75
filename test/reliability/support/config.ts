/**
 * Sizes of the reliability runs (RELIABILITY.md, "Running"). Defaults keep `npm test` fast; the
 * environment makes them heavier:
 *
 *   RELIABILITY_FULL=1           synthesize every history step; 1,000,000 fuzzed requests; 20,000 CLI runs
 *   RELIABILITY_HISTORIES=n      histories (default 1000)
 *   RELIABILITY_SYNTH_EVERY=k    synthesize histories whose seed is a multiple of k (default 8)
 *   RELIABILITY_SEED=n           fast-check seed of histories and fuzzing (default 20261121)
 *   RELIABILITY_SHRINK=0         report the first failing history without shrinking it
 *   RELIABILITY_REQUESTS=n       fuzzed requests through resolve and stage simulation (default 100000)
 *   RELIABILITY_CLI_REQUESTS=n   fuzzed requests through the CLI (default 2000)
 *   RELIABILITY_REPORT=file      append each suite's figures to this file as JSON lines
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface ReliabilityConfig {
  readonly full: boolean;
  readonly histories: number;
  readonly synthEvery: number;
  readonly seed: number;
  readonly shrink: boolean;
  readonly requests: number;
  readonly cliRequests: number;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return n;
}

export function reliabilityConfig(): ReliabilityConfig {
  const full = process.env.RELIABILITY_FULL === "1";
  return {
    full,
    histories: int("RELIABILITY_HISTORIES", 1000),
    synthEvery: Math.max(1, int("RELIABILITY_SYNTH_EVERY", 8)),
    seed: int("RELIABILITY_SEED", 20261121),
    shrink: process.env.RELIABILITY_SHRINK !== "0",
    requests: int("RELIABILITY_REQUESTS", full ? 1_000_000 : 100_000),
    cliRequests: int("RELIABILITY_CLI_REQUESTS", full ? 20_000 : 2_000),
  };
}

/** Appends a suite's figures to RELIABILITY_REPORT (JSON lines), for RELIABILITY.md. */
export function recordFigures(suite: string, figures: Record<string, unknown>): void {
  const file = process.env.RELIABILITY_REPORT;
  if (!file) return;
  fs.appendFileSync(file, JSON.stringify({ suite, at: new Date().toISOString(), ...figures }) + "\n");
}

/**
 * One scratch outdir per test file (Jest loads this module once per file, while it collects the
 * tests): `Testing.app()` without an outdir leaves a temp folder behind for every App.
 */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

export function scratchOutdir(): string {
  return scratch;
}
