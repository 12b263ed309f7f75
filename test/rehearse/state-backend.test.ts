/**
 * The rehearsal keeps each stack's state in its own process, served to Terraform over the `http`
 * backend (src/rehearse/state-server.ts), instead of a local `terraform.tfstate` that Terraform
 * rewrites after every resource. The findings, plans and routing comparisons must be the same as with
 * the local backend.
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { rehearse, RehearsalReport } from "../../src/rehearse";
import { StateServer } from "../../src/rehearse/state-server";
import { EXAMPLES, requireTerraform } from "./helpers";

function request(url: string, method: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("the rehearsal's state server (Terraform's http backend protocol)", () => {
  it("answers 404 before a state is stored, keeps what is POSTed per stack, and forgets it on DELETE", async () => {
    const copies: string[] = [];
    const server = new StateServer((key) => copies.push(key));
    await server.start();
    try {
      const a = server.address("stack a");
      expect(a).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/state\/stack%20a$/);
      expect((await request(a, "GET")).status).toBe(404);
      expect((await request(a, "POST", '{"serial":1}')).status).toBe(200);
      expect(await request(a, "GET")).toEqual({ status: 200, body: '{"serial":1}' });
      expect(server.state("stack a")).toEqual({ serial: 1 });
      expect(server.state("other")).toBeUndefined();
      expect((await request(server.address("other"), "GET")).status).toBe(404);
      expect(copies).toEqual(["stack a"]);
      expect((await request(a, "DELETE")).status).toBe(200);
      expect(server.state("stack a")).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

/** What a rehearsal found and planned, without the parts that name the working folder. */
function outcome(report: RehearsalReport) {
  return {
    ok: report.ok,
    findings: report.findings,
    steps: report.steps.map((s) => ({
      step: s.step,
      stacks: s.stacks.map((st) => ({
        stack: st.stack,
        plan: st.plan,
        applied: st.applied,
        replanEmpty: st.replanEmpty,
        aliases: st.aliases,
        stages: st.stages,
      })),
    })),
  };
}

describe("rehearsal state backends", () => {
  const example = EXAMPLES["tencent-default-alias-traffic"];
  // Three steps (cheaper than all five): the later ones plan from the state the earlier persisted, and
  // the third (publish-traffic-0) changes resources.
  const steps = () => example.synth().slice(0, 3);
  let work: string;
  let viaHttp: RehearsalReport;
  let viaLocal: RehearsalReport;
  beforeAll(async () => {
    requireTerraform();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "rehearse-state-backend-"));
    viaHttp = await rehearse(steps(), { workDir: path.join(work, "http") });
    viaLocal = await rehearse(steps(), { workDir: path.join(work, "local"), stateBackend: "local" });
  }, 280_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("keeps the state in the rehearsal process by default: Terraform writes no terraform.tfstate", () => {
    const dir = path.join(work, "http", "default-alias-traffic");
    expect(fs.existsSync(path.join(dir, "terraform.tfstate"))).toBe(false);
    const config = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
    expect(Object.keys(config.terraform.backend)).toEqual(["http"]);
    // The kept working folder holds a copy of what Terraform persisted, for people to read.
    const state = JSON.parse(fs.readFileSync(path.join(dir, "rehearsal.tfstate"), "utf8"));
    expect(state.resources.length).toBeGreaterThan(0);
  });

  it('with stateBackend: "local", Terraform keeps terraform.tfstate in the stack\'s folder', () => {
    expect(fs.existsSync(path.join(work, "local", "default-alias-traffic", "terraform.tfstate"))).toBe(true);
  });

  it("gives the same plans, re-plans, routing comparisons and findings with both backends", () => {
    expect(viaHttp.steps.map((s) => s.step)).toEqual(example.stepNames.slice(0, 3));
    expect(viaHttp.steps[2].stacks[0].plan.length).toBeGreaterThan(0);
    expect(outcome(viaHttp)).toEqual(outcome(viaLocal));
  });
});
