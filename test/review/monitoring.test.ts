import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import {
  CanaryAlias,
  CanarySpec,
  FunctionWithVersions,
  Platform,
  ProvisionedCapacity,
  ProvisionedCapacityProps,
  ReleaseAlarms,
} from "../../src";
import { alarmMarker } from "../../src/clouds/monitoring";
import {
  extractMonitoring,
  load,
  parseAlarmMarker,
  renderMarkdown,
  renderText,
  review,
  reviewJson,
} from "../../src/review";
import { fnProps } from "../helpers/synth";
import { tempDir } from "./fixtures";

interface Step {
  readonly versions: string[];
  readonly version: string;
  readonly canary?: CanarySpec;
  readonly alarms?: boolean;
  readonly capacity?: Partial<ProvisionedCapacityProps> | false;
}

function synth(platform: Platform, step: Step): string {
  const outdir = tempDir("monitoring-");
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "orders");
  const fn = new FunctionWithVersions(stack, "Orders", fnProps(platform, { versions: step.versions }));
  const alias = new CanaryAlias(stack, "release", {
    function: fn,
    aliasName: "release",
    version: step.version,
    canary: step.canary,
  });
  if (step.alarms !== false)
    new ReleaseAlarms(stack, "Alarms", {
      target: alias,
      ...(platform === "scf"
        ? { notification: { tencentNoticeIds: ["notice-ops"] } }
        : {
            notification: { contactGroups: ["ops"], slsActionPolicyId: "oncall" },
            region: "cn-hangzhou",
            fc3Logs: { project: "orders-logs", logstore: "requests" },
          }),
    });
  if (step.capacity !== false && step.capacity !== undefined && platform !== "fc2")
    new ProvisionedCapacity(stack, "Capacity", { target: alias, total: 10, ...step.capacity });
  app.synth();
  return outdir;
}

const run = (platform: Platform, head: Step, base?: Step) =>
  review(load(synth(platform, head)), base ? load(synth(platform, base)) : undefined);

const one: Step = { versions: ["1"], version: "1", capacity: {} };
const canary2: Step = {
  versions: ["1", "2"],
  version: "1",
  canary: { version: "2", weight: 0.1 },
  capacity: {},
};
const canary3: Step = {
  versions: ["1", "2", "3"],
  version: "1",
  canary: { version: "3", weight: 0.1 },
  capacity: {},
};
const promote3: Step = { versions: ["1", "2", "3"], version: "3", capacity: {} };

describe("review: alarms and provisioned capacity", () => {
  test("the marker round-trips", () => {
    expect(parseAlarmMarker(alarmMarker("orders", "release", { kind: "alias" }, "errors"))).toEqual({
      owner: "orders",
      alias: "release",
      where: "alias",
      signal: "errors",
    });
    const v = alarmMarker(
      "orders",
      "release",
      { kind: "version", label: "2", versionId: "x", role: "canary" },
      "duration",
    );
    expect(parseAlarmMarker(`${v} (all versions)`)?.where).toBe("v=2");
  });

  test("scf: rows per version with share, alarms and provisioned capacity; no danger", () => {
    const r = run("scf", canary2);
    const json = reviewJson(r);
    expect(json.monitoring.rows).toEqual([
      expect.objectContaining({
        alias: "release",
        version: "v1",
        share: "90%",
        alarms: "errors,throttles,duration",
        provisioned: "10",
      }),
      expect.objectContaining({
        alias: "release",
        version: "v2",
        share: "10%",
        alarms: "errors,throttles,duration",
        provisioned: "10",
      }),
      expect.objectContaining({ alias: "release", version: "alias", alarms: "errors,throttles,duration" }),
    ]);
    expect(r.dangers).toEqual([]);
    expect(renderText(r)).toMatch(/Alarms and provisioned capacity\n.*PROVISIONED/);
    expect(renderMarkdown(r)).toMatch(/### Alarms and provisioned capacity/);
  });

  test("release notes list alarm and capacity changes as the canary moves and is promoted", () => {
    const move = run("scf", canary3, canary2);
    const notes = move.releaseNotes.filter((n) => n.kind === "monitoring").map((n) => n.text);
    expect(notes).toEqual([
      "alarms: + orders v3 on release (errors, throttles, duration)",
      "alarms: - orders v2 on release (errors, throttles, duration)",
      "provisioned: + orders v3 10",
      "provisioned: - orders v2 10",
    ]);
    const promote = run("scf", promote3, canary3);
    expect(promote.releaseNotes.map((n) => n.text)).toEqual(
      expect.arrayContaining([
        "alarms: - orders v1 on release (errors, throttles, duration)",
        "provisioned: - orders v1 10",
      ]),
    );
    expect(promote.dangers.filter((d) => d.id === "capacity-removed")).toEqual([]);
  });

  test("unwatched-version: a version gains traffic and no alarm watches it", () => {
    // base has alarms; head drops them while v2 takes traffic
    const r = run("scf", { ...canary2, alarms: false }, one);
    expect(r.dangers.map((d) => d.id)).toContain("unwatched-version");
    expect(r.dangers.find((d) => d.id === "unwatched-version")!.message).toMatch(
      /v2 of orders gains traffic \(none → 10%\)/,
    );
    // functions without any release alarms are not checked
    const plain = run(
      "scf",
      { ...canary2, alarms: false, capacity: false },
      { ...one, alarms: false, capacity: false },
    );
    expect(plain.dangers.map((d) => d.id)).not.toContain("unwatched-version");
  });

  test("capacity-removed: a version that still serves loses its provisioned concurrency", () => {
    const r = run("scf", { ...canary2, capacity: false }, canary2);
    const found = r.dangers.filter((d) => d.id === "capacity-removed");
    expect(found).toHaveLength(2);
    expect(found[0].message).toMatch(/still serves but loses its provisioned capacity \(10\)/);
    const lowered = run("scf", { ...canary2, capacity: { strategy: "proportional" } }, canary2);
    expect(lowered.dangers.find((d) => d.id === "capacity-removed")!.message).toMatch(
      /drops 10 → 9.*ForceNew/,
    );
  });

  test("provisioned-over-quota: full capacity above the stated quota (read from the output)", () => {
    const outdir = synth("scf", { ...canary2, capacity: { total: 50, quota: 200 } });
    const file = path.join(outdir, "stacks", "orders", "cdk.tf.json");
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    // hand-edit the JSON as another tool (or an edit past the construct's check) would
    for (const c of Object.values<Record<string, unknown>>(
      json.resource.tencentcloud_scf_provisioned_concurrency_config,
    ))
      c.version_provisioned_concurrency_num = 80;
    fs.writeFileSync(file, JSON.stringify(json));
    const r = review(load(outdir));
    expect(r.dangers.find((d) => d.id === "provisioned-over-quota")!.message).toMatch(
      /totals 160 .*quota 200 minus 100 = 100/,
    );
  });

  test("fc3: version-scoped log alerts, function-level alarms, alias capacity", () => {
    const r = run("fc3", canary2);
    const rows = reviewJson(r).monitoring.rows;
    expect(rows.find((x) => x.version === "v2")).toMatchObject({
      alarms: "errors,duration",
      provisioned: "alias 10 (split undocumented)",
    });
    expect(rows.find((x) => x.version === "function (all versions)")).toMatchObject({
      alarms: "errors,throttles,duration",
    });
    expect(r.dangers).toEqual([]);
  });

  test("fc2: qualifier alarms per version", () => {
    const r = run("fc2", { versions: ["1", "2"], version: "1", canary: { version: "2", weight: 0.3 } });
    expect(reviewJson(r).monitoring.rows.map((x) => [x.version, x.share, x.alarms])).toEqual([
      ["v1", "70%", "errors,throttles,duration"],
      ["v2", "30%", "errors,throttles,duration"],
      ["alias", "100%", "errors,throttles,duration"],
    ]);
  });
});

describe("extractMonitoring on plan-like documents", () => {
  test("literal names and ids, unknown version ids fall back to the resource name", () => {
    const m = extractMonitoring([
      {
        stack: "s",
        file: "plan.json",
        resources: [
          {
            type: "tencentcloud_scf_function_version",
            name: "v1",
            address: "tencentcloud_scf_function_version.v1",
            body: { function_version: "7", description: "release 1" },
          },
          {
            type: "tencentcloud_scf_provisioned_concurrency_config",
            name: "Cap_v1_0A1B2C3D",
            address: "tencentcloud_scf_provisioned_concurrency_config.Cap_v1_0A1B2C3D",
            body: { function_name: "orders", qualifier: "7", version_provisioned_concurrency_num: 5 },
          },
          {
            type: "tencentcloud_scf_provisioned_concurrency_config",
            name: "Cap_v2_0A1B2C3E",
            address: "tencentcloud_scf_provisioned_concurrency_config.Cap_v2_0A1B2C3E",
            body: {
              function_name: "orders",
              qualifier: "${unknown}",
              version_provisioned_concurrency_num: 5,
            },
          },
          {
            type: "tencentcloud_monitor_alarm_policy",
            name: "p",
            address: "tencentcloud_monitor_alarm_policy.p",
            body: { remark: "canary orders/release v=2 errors" },
          },
        ],
      },
    ]);
    expect(m.capacity.map((c) => [c.key, c.amount])).toEqual([
      ["1", 5],
      ["2", 5],
    ]);
    expect(m.alarms).toEqual([
      expect.objectContaining({ owner: "orders", alias: "release", version: "2", signal: "errors" }),
    ]);
  });
});

describe("CLI", () => {
  test("simulate lists what watches and provisions each simulated version", async () => {
    const { main } = await import("../../src/cli/main");
    let stdout = "";
    const code = await main(["simulate", synth("fc3", canary2), "--alias", "release", "-n", "1000"], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => undefined },
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /Watched \(release alarms, provisioned capacity\):\n {2}v\d: alarms errors,duration; provisioned on release: 10 \(split undocumented\)/,
    );
  });

  test("review --format json has the monitoring rows", async () => {
    const { main } = await import("../../src/cli/main");
    let stdout = "";
    await main(["review", synth("scf", canary2), "--json"], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => undefined },
    });
    expect(JSON.parse(stdout).monitoring.rows).toHaveLength(3);
  });
});
