/**
 * A failing synthesis leaves an existing cdktf.out exactly as it was (RELIABILITY.md, promise 1):
 * synthesize a good program into a real outdir, then run bad programs against the same outdir and
 * compare every file's bytes and modification time, and the set of files and folders.
 */
import "./support/fast-tokens";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { ReleaseValidationError } from "../../src";
import { steps as stagedSteps } from "../../examples/tencent-staged-grayscale/steps";
import { InvokeGrayscaleStack, StagedGrayscaleStack } from "../../examples/tencent-staged-grayscale/stack";
import { CONSTRUCT_CASES } from "./support/battery";

/** path → sha256 and mtime of every file; folders as entries too. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isDirectory()) {
        out.set(`${rel}/`, "dir");
        walk(p);
      } else {
        const st = fs.statSync(p);
        out.set(rel, `${crypto.createHash("sha256").update(fs.readFileSync(p)).digest("hex")} ${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out;
}

describe("a failing synthesis leaves an existing cdktf.out as it was", () => {
  let outdir: string;
  let before: Map<string, string>;

  beforeAll(() => {
    outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "reliability-out-")), "cdktf.out");
    const app = new App({ outdir, stackTraces: false });
    const step = stagedSteps.find((s) => s.name === "release-10")!;
    new StagedGrayscaleStack(app, "staged-grayscale", step);
    new InvokeGrayscaleStack(app, "invoke-grayscale", step);
    app.synth();
    before = snapshot(outdir);
  });
  afterAll(() => fs.rmSync(path.dirname(outdir), { recursive: true, force: true }));

  it("the good program wrote both stacks and a manifest", () => {
    expect([...before.keys()].sort()).toEqual(
      expect.arrayContaining([
        "manifest.json",
        "stacks/",
        "stacks/staged-grayscale/cdk.tf.json",
        "stacks/invoke-grayscale/cdk.tf.json",
      ]),
    );
  });

  it("a bad step of the same program (weight given as a percentage) changes nothing", () => {
    const step = {
      ...stagedSteps.find((s) => s.name === "release-10")!,
      release: { version: "1", canary: { version: "2", weight: 10 } },
    };
    const app = new App({ outdir, stackTraces: false });
    // The first stack fails while it is built; app.synth() is never reached.
    expect(() => {
      new StagedGrayscaleStack(app, "staged-grayscale", step);
      new InvokeGrayscaleStack(app, "invoke-grayscale", step);
      app.synth();
    }).toThrow(ReleaseValidationError);
    expect(snapshot(outdir)).toEqual(before);
  });

  it("a program whose second stack fails changes nothing either", () => {
    const good = stagedSteps.find((s) => s.name === "release-50")!;
    const bad = { ...good, versions: ["2", "3", "4"] }; // release still serves version 1
    const app = new App({ outdir, stackTraces: false });
    expect(() => {
      new StagedGrayscaleStack(app, "staged-grayscale", good);
      new InvokeGrayscaleStack(app, "invoke-grayscale", bad);
      app.synth();
    }).toThrow(/^invoke-grayscale\/ReleaseAlias references version "1"/);
    expect(snapshot(outdir)).toEqual(before);
  });

  it(`none of the ${CONSTRUCT_CASES.length} invalid programs of the battery touches it`, () => {
    for (const c of CONSTRUCT_CASES) {
      const app = new App({ outdir, stackTraces: false });
      expect(() => {
        c.run(app);
        app.synth();
      }).toThrow(ReleaseValidationError);
    }
    expect(snapshot(outdir)).toEqual(before);
  });
});
