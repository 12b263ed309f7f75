/**
 * The review CLI on real `terraform show -json` plans: the plans the rehearsal produced for each step
 * of two examples (issue #11's fixes applied to the JSON), reviewed as `review PLAN` and as
 * `review --base PREVIOUS_PLAN --head PLAN`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { rehearse, RehearsalReport } from "../../src/rehearse";
import { EXAMPLES, fixAll, patch, requireTerraform } from "./helpers";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), "rehearse-review-"));
const plans: Record<string, string[]> = {};

beforeAll(async () => {
  requireTerraform();
  for (const name of ["alicloud-fc3-canary", "tencent-default-alias-traffic"] as const) {
    const report: RehearsalReport = await rehearse(patch(EXAMPLES[name].synth().slice(0, 3), fixAll), {
      keepPlans: true,
    });
    plans[name] = report.steps.map((s, i) => {
      const file = path.join(root, `${name}-${i}-${s.step}.json`);
      fs.writeFileSync(file, JSON.stringify(s.stacks[0].planJson));
      return file;
    });
  }
}, 200_000);

describe.each(["alicloud-fc3-canary", "tencent-default-alias-traffic"])(
  "review on %s's rehearsal plans",
  (name) => {
    it("reads every step's plan (exit 0 or 1, never bad input)", async () => {
      for (const file of plans[name]) {
        const t = io();
        const code = await main(["review", file, "--json"], t.io);
        expect({ file: path.basename(file), code, err: t.err() }).toEqual({
          file: path.basename(file),
          code: expect.any(Number),
          err: "",
        });
        expect([0, 1]).toContain(code);
        const json = JSON.parse(t.out());
        expect(json.functions.length).toBeGreaterThan(0);
      }
    });

    it("compares consecutive steps' plans as release notes", async () => {
      const t = io();
      const code = await main(
        ["review", "--base", plans[name][0], "--head", plans[name][plans[name].length - 1], "--json"],
        t.io,
      );
      expect(t.err()).toBe("");
      expect([0, 1]).toContain(code);
      expect(JSON.parse(t.out()).mode).toBeDefined();
    });
  },
);
