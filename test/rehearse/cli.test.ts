/**
 * `serverless-canary rehearse` in-process: input forms, formats and exit codes. One small
 * rehearsal (two steps of the SCF $DEFAULT-traffic example, synthesized once, with issue #11's
 * fixes applied to the JSON so the result does not depend on the branch).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
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

let outputs: string[];
beforeAll(() => {
  requireTerraform();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "rehearse-cli-"));
  const steps = patch(EXAMPLES["tencent-default-alias-traffic"].synth().slice(0, 2), fixAll);
  // --synthesized takes one cdktf.out per step, named after the folder.
  outputs = steps.map((s) => {
    const out = path.join(root, s.name);
    for (const [stack, dir] of Object.entries(s.stacks))
      fs.cpSync(dir, path.join(out, "stacks", stack), { recursive: true });
    return out;
  });
});

describe("serverless-canary rehearse", () => {
  it("prints the per-step table and exits 0 when every check passes", async () => {
    const t = io();
    const code = await main(["rehearse", ...outputs.flatMap((o) => ["--synthesized", o])], t.io);
    expect(t.err()).not.toMatch(/unexpected error/);
    expect(code).toBe(0);
    expect(t.out()).toMatch(/^step traffic-0\.1\n {2}stack default-alias-traffic: plan 2 create\n/);
    expect(t.out()).toMatch(/re-plan: empty/);
    expect(t.out()).toMatch(/rehearsal ok: 2 steps/);
  }, 120_000);

  it("--json gives the report; --format markdown a pull-request comment", async () => {
    const j = io();
    expect(await main(["rehearse", "--json", "--synthesized", outputs[0]], j.io)).toBe(0);
    const report = JSON.parse(j.out());
    expect(report.ok).toBe(true);
    expect(report.steps[0].stacks[0].plan.map((c: { action: string }) => c.action)).toEqual([
      "create",
      "create",
    ]);
    const m = io();
    expect(await main(["rehearse", "--format", "markdown", "--synthesized", outputs[0]], m.io)).toBe(0);
    expect(m.out()).toMatch(/^## Rehearsal ✅ passed\n/);
    expect(m.out()).toMatch(/\| traffic-0\.1 \| default-alias-traffic \| 2 create \| ok \| empty \|/);
  }, 120_000);

  it("exits 2 with one line on bad input", async () => {
    const a = io();
    expect(await main(["rehearse", path.join(os.tmpdir(), "no-such-app-folder")], a.io)).toBe(2);
    expect(a.err()).toMatch(/^serverless-canary: no cdktf\.json in the app folder: .*\n$/);
    const b = io();
    expect(await main(["rehearse", "--format", "yaml"], b.io)).toBe(2);
    expect(b.err()).toMatch(/--format must be table, markdown or json/);
    const c = io();
    expect(await main(["rehearse", "--synthesized", outputs[0], "--publish", "nope"], c.io)).toBe(2);
    expect(c.err()).toMatch(/--publish needs STEP:SERVICE/);
  });
});
