/**
 * Issue #11's Alibaba defects, each put back into an otherwise fixed stack (the synthesized JSON
 * edited as the library emitted it before the fix): the rehearsal must catch each with the right message.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { rehearse, RehearsalStep } from "../../src/rehearse";
import { EXAMPLES, FIX, findingsOf, fixAll, patch, requireTerraform } from "./helpers";

beforeAll(() => requireTerraform());

describe("defect 3: API Gateway group name with '-'", () => {
  it("fails at CreateApiGroup with the API's rule", async () => {
    const steps = patch(EXAMPLES["alicloud-fc3-canary"].synth().slice(0, 1), (json, dir) => {
      fixAll(json, dir);
      for (const g of Object.values<{ name: string }>(json.resource.alicloud_api_gateway_group))
        g.name = "canary-demo";
    });
    const report = await rehearse(steps);
    expect(findingsOf(report, "apply-failed").join("\n")).toMatch(
      /InvalidParameter\.GroupName \(twin label\): group name "canary-demo" refused: 4-50 letters, digits, Chinese characters or "_"/,
    );
  }, 120_000);
});

describe("defect 6: backend model without the keys the API echoes", () => {
  it("never converges: every re-plan updates backend_model_data", async () => {
    const steps = patch(EXAMPLES["alicloud-fc3-canary"].synth().slice(0, 1), (json, dir) => {
      fixAll(json, dir);
      for (const m of Object.values<{ backend_model_data: string }>(
        json.resource.alicloud_api_gateway_backend_model,
      )) {
        const data = JSON.parse(m.backend_model_data);
        delete data.FunctionComputeConfig.OnlyBusinessPath;
        m.backend_model_data = JSON.stringify(data);
      }
    });
    const report = await rehearse(steps);
    expect(findingsOf(report, "replan-not-empty").join("\n")).toMatch(
      /update alicloud_api_gateway_backend_model\.\S+ \(backend_model_data\)/,
    );
  }, 120_000);
});

describe("defect 4: FC 2.0 alias on versions the stack never published", () => {
  it("fails at CreateAlias: the version does not exist", async () => {
    const steps = patch(EXAMPLES["alicloud-fc2-rules"].synth().slice(0, 2), (json, dir) => {
      fixAll(json, dir);
      // Before the fix: no precondition on the service's published version.
      for (const a of Object.values<{ lifecycle?: unknown }>(json.resource.alicloud_fc_alias ?? {}))
        delete a.lifecycle;
    }).map((s) => ({ ...s, before: [] }));
    const report = await rehearse(steps);
    expect(findingsOf(report, "apply-failed", "alias-on-1").join("\n")).toMatch(
      /VersionNotFound \(twin label\): FC 2\.0 alias alias1: version 1 does not exist/,
    );
  }, 120_000);
});

describe("defect 5: FC 2.0 canary removed by dropping routing_config", () => {
  it("leaves the canary live on the cloud, and Read brings it back every plan", async () => {
    const all = patch(EXAMPLES["alicloud-fc2-rules"].synth(), fixAll);
    const upTo = all.findIndex((s) => s.name === "random-30");
    const canary = all[upTo];
    // A step after the canary that removes it the pre-fix way: no routing_config block at all.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rehearse-fc2-removal-"));
    const stacks: Record<string, string> = {};
    for (const [name, from] of Object.entries(canary.stacks)) {
      fs.cpSync(from, path.join(dir, name), { recursive: true });
      stacks[name] = path.join(dir, name);
    }
    const removal: RehearsalStep = { name: "remove-canary", stacks };
    patch([removal], (json) => {
      for (const a of Object.values<{ routing_config?: unknown; description?: string }>(
        json.resource.alicloud_fc_alias,
      )) {
        delete a.routing_config;
        a.description = "alias1: v1 100%";
      }
    });
    const report = await rehearse([...all.slice(0, upTo + 1), removal]);
    expect(findingsOf(report, undefined, "random-30")).toEqual([]);
    expect(findingsOf(report, "routing-differs", "remove-canary").join("\n")).toMatch(
      /alias canary-service\/alias1: the twin's cloud holds v1 70% \| v2 30%, the configuration declares v1$/m,
    );
    expect(findingsOf(report, "replan-not-empty", "remove-canary").join("\n")).toMatch(
      /update alicloud_fc_alias\.\S+ \(routing_config\)/,
    );
  }, 200_000);
});

describe("FC 2.0 publishing outside Terraform", () => {
  it("refuses a second publish without a code change (PublishServiceVersion)", async () => {
    const steps = patch(EXAMPLES["alicloud-fc2-rules"].synth().slice(0, 1), fixAll).map((s) => ({
      ...s,
      name: s.name,
    }));
    const service = "canary-service";
    const publish = (version: string) => ({
      provider: "alicloud",
      action: "fc2-publish",
      args: { service, version },
    });
    const again: RehearsalStep = {
      name: "publish-twice",
      stacks: steps[0].stacks,
      before: [publish("1"), publish("2")],
    };
    const report = await rehearse([steps[0], again]);
    expect(report.steps[1].before).toEqual([
      expect.stringMatching(/^published version 1 of FC 2\.0 service canary-service/),
    ]);
    expect(findingsOf(report, "apply-failed", "publish-twice").join("\n")).toMatch(
      /fc2-publish: VersionNotChanged \(twin label\): service canary-service: nothing changed since version 1/,
    );
    void FIX;
  }, 120_000);
});
