/**
 * Random release histories (RELIABILITY.md, promise 2): 1,000 fast-check histories of 5–20 steps
 * (publish, set a weight, add or remove a rule, promote, roll back, rebind a stage, drop a version,
 * toggle version protection), each step a full program built in a fresh App.
 *
 * Every step of every history is built through the constructs and checked (refusals are
 * ReleaseValidationErrors and agree with an independent oracle; aliases reference published
 * versions; sampled shares of aliases and stages match the declared weights; protected versions).
 * Histories whose seed is a multiple of RELIABILITY_SYNTH_EVERY (default 8) are also synthesized at
 * every step and checked as Terraform JSON against the previous synthesized step. RELIABILITY_FULL=1
 * synthesizes every step of every history.
 */
import "./support/fast-tokens";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { History, historyArb, newStats, runHistory, RunStats, zForFamily } from "./support/history";
import { recordFigures, reliabilityConfig } from "./support/config";

const config = reliabilityConfig();
const HISTORIES = config.histories;
const SYNTH_EVERY = config.full ? 1 : config.synthEvery;
/** At most 21 steps per history and 2 alias + 3 stage checks of two versions per step. */
const Z = zForFamily(HISTORIES * 21 * 10);

describe("random release histories", () => {
  let outdir: string;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-histories-"));
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it(`${HISTORIES} histories of 5-20 steps keep the release invariants at every step`, () => {
    const stats: RunStats = newStats();
    let synthesizedHistories = 0;
    const started = Date.now();
    fc.assert(
      fc.property(historyArb, (h: History) => {
        const synth = h.seed % SYNTH_EVERY === 0;
        if (synth) synthesizedHistories++;
        runHistory(h, { synth, z: Z, outdir }, stats);
      }),
      { numRuns: HISTORIES, seed: config.seed, endOnFailure: !config.shrink },
    );
    // Calibration: a plain per-check 99% interval misses about 1% of independent weighted checks.
    if (stats.weightedChecks >= 1000) expect(stats.outsideCi99 / stats.weightedChecks).toBeLessThan(0.02);
    // Every kind of outcome happened: the run exercises refusals and acceptances.
    expect(stats.refused).toBeGreaterThan(0);
    expect(stats.accepted).toBeGreaterThan(stats.refused);
    recordFigures("histories", {
      seed: config.seed,
      histories: HISTORIES,
      synthesizedHistories,
      ...stats,
      z: Number(Z.toFixed(3)),
      ms: Date.now() - started,
    });
  }, 1_800_000);
});
