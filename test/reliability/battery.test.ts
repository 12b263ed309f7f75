/**
 * Bad-input battery (RELIABILITY.md, promise 1). Each row: the error type, the construct path (or the
 * model path) the message names, the bad value and what is allowed. Then malformed props in bulk:
 * any prop replaced by an odd value either builds (and conforms to the provider schemas) or fails
 * with a ReleaseValidationError naming the construct — never a TypeError.
 */
import "./support/fast-tokens";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { ReleaseValidationError, RoutingValidationError } from "../../src";
import { BatteryCase, CONSTRUCT_CASES, ROUTING_CASES, runCase } from "./support/battery";
import { recordFigures, reliabilityConfig } from "./support/config";
import { mutationArb, runMutation } from "./support/props-fuzz";

const config = reliabilityConfig();
let outdir: string;
beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-battery-"));
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** The message's lines: a multi-problem error lists one diagnostic per line. */
function check(c: BatteryCase, error: unknown): void {
  expect(error).toBeDefined();
  const e = error as Error;
  expect({ case: c.name, type: e?.constructor?.name }).toEqual({ case: c.name, type: c.type });
  const message = e.message;
  if (c.type === "ReleaseValidationError") {
    expect(e).toBeInstanceOf(ReleaseValidationError);
    // The path opens the message once: "<path>: …" or "<path> references …", never "<path>: <path> …".
    expect(message.startsWith(`${c.where}: `) || message.startsWith(`${c.where} `) ? c.where : message).toBe(
      c.where,
    );
    expect(message.startsWith(`${c.where}: ${c.where} `) ? message : "").toBe("");
    expect((e as ReleaseValidationError).constructPath).toBe(c.where);
  } else {
    expect(e).toBeInstanceOf(RoutingValidationError);
    const errors = (e as RoutingValidationError).diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => d.path)).toContain(c.where);
    if (c.code) expect(errors.map((d) => d.code)).toContain(c.code);
  }
  if (c.code && c.type === "ReleaseValidationError") expect(message).toContain(`[${c.code}]`);
  expect(message).toContain(c.bad);
  // What is allowed: after "allowed:" (validation) or "expected" (routing expectations).
  expect(message).toMatch(/allowed: |expected /);
  expect(message).toContain(c.allowed);
}

const ALL = [...CONSTRUCT_CASES, ...ROUTING_CASES];

describe("bad-input battery", () => {
  it("has at least 60 distinct invalid configurations", () => {
    expect(new Set(ALL.map((c) => c.name)).size).toBe(ALL.length);
    expect(ALL.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CONSTRUCT_CASES.map((c) => [`${c.category}: ${c.name}`, c] as const))("%s", (_name, c) => {
    check(c, runCase(c, outdir));
  });

  it.each(ROUTING_CASES.map((c) => [`${c.category}: ${c.name}`, c] as const))(
    "routing core %s",
    (_name, c) => {
      check(c, runCase(c, outdir));
    },
  );

  it("every construct error is thrown while the program is built, before anything is synthesized", () => {
    // runCase only constructs: a row that needed app.synth() to fail would have returned undefined.
    for (const c of CONSTRUCT_CASES)
      expect({ case: c.name, thrown: runCase(c, outdir) !== undefined }).toEqual({
        case: c.name,
        thrown: true,
      });
  });
});

describe("malformed props", () => {
  it("any prop replaced by an odd value builds or fails with a ReleaseValidationError", () => {
    let accepted = 0;
    let refused = 0;
    const runs = config.full ? 20000 : 1500;
    fc.assert(
      fc.property(mutationArb, (m) => {
        const outcome = runMutation(m, outdir);
        if (outcome.kind === "accepted") accepted++;
        else refused++;
      }),
      { numRuns: runs, seed: config.seed },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    recordFigures("battery", {
      cases: ALL.length,
      constructCases: CONSTRUCT_CASES.length,
      routingCases: ROUTING_CASES.length,
      malformedProps: runs,
      malformedAccepted: accepted,
      malformedRefused: refused,
    });
  }, 600_000);
});
