/**
 * The seam: a new cloud is one folder. A fake cloud module (test/clouds/fakecloud/, test-only) is
 * registered with `registerCloud`; the neutral constructs build a function, an alias and a gateway
 * on it, and `review` reads the synthesized output back through the module's read-back. Alarms and
 * provisioned capacity are refused on a module without those parts, and built and read back through
 * them on one that has them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack, Testing } from "cdktf";
import {
  CanaryAlias,
  cloudModules,
  FunctionCode,
  FunctionWithVersions,
  ProvisionedCapacity,
  registerCloud,
  ReleaseAlarms,
  ReleaseValidationError,
  StagedApiGateway,
  unregisterCloud,
} from "../../src";
import { load, review, snapshotOf } from "../../src/review";
import { thrown } from "../helpers/synth";
import { FAKE, fakeCloud, fakeCloudWithMonitoring } from "./fakecloud";

beforeAll(() => registerCloud(fakeCloud));
afterAll(() => unregisterCloud(FAKE));

function fakeFunction(stack: TerraformStack): FunctionWithVersions {
  return new FunctionWithVersions(stack, "Orders", {
    platform: FAKE,
    functionName: "orders",
    runtime: "node20",
    handler: "index.handler",
    code: FunctionCode.fromInlineZip("UEsDBAo="),
    versions: ["1", "2"],
  });
}

function synthFake(outdir: string): { gateway: StagedApiGateway; alias: CanaryAlias } {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "fake");
  const fn = fakeFunction(stack);
  const alias = new CanaryAlias(stack, "Release", {
    function: fn,
    aliasName: "release",
    version: "1",
    canary: { version: "2", weight: 0.1 },
  });
  const gateway = new StagedApiGateway(stack, "Api", {
    function: fn,
    name: "orders_api",
    stages: { release: { alias }, prepub: { alias: "2" } },
  });
  app.synth();
  return { gateway, alias };
}

describe("a fake cloud registered with registerCloud", () => {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fake-cloud-")), "cdktf.out");
  let built: { gateway: StagedApiGateway; alias: CanaryAlias };
  beforeAll(() => {
    built = synthFake(outdir);
  });

  test("is listed next to the built-in three", () => {
    expect(cloudModules().map((m) => m.profile.platform)).toEqual(["scf", "fc3", "fc2", FAKE]);
  });

  test("the neutral constructs write its resources, and only its", () => {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "fake", "cdk.tf.json"), "utf8"));
    expect(Object.keys(json.resource).sort()).toEqual([
      "fakecloud_alias",
      "fakecloud_function",
      "fakecloud_function_version",
      "fakecloud_gateway_stage",
    ]);
    const stages = Object.values(json.resource.fakecloud_gateway_stage) as {
      stage: string;
      qualifier: string;
    }[];
    const byStage = Object.fromEntries(stages.map((s) => [s.stage, s.qualifier]));
    expect(byStage).toEqual({
      live: "release",
      staging: expect.stringMatching(/^\$\{fakecloud_function_version\.[^.]+\.version_id\}$/),
      sandbox: "LATEST",
    });
  });

  test("the routing model and the simulator work through the seam", () => {
    expect(built.alias.summary).toBe("release: v1 90% | v2 10%");
    expect(built.gateway.stageSummary("dev")).toBe("dev → LATEST (version)");
    const shares = built.gateway.sample("release", {}, 2000).versions.map((v) => v.version);
    expect(shares.sort()).toEqual(["1", "2"]);
  });

  test("review reads its output back through the module's read-back", () => {
    const snapshot = snapshotOf(load(outdir));
    expect(snapshot.functions).toHaveLength(1);
    const fn = snapshot.functions[0];
    expect(fn).toMatchObject({ id: "fakecloud:orders", platform: FAKE, name: "orders", versionsKnown: true });
    expect(fn.versions.map((v) => v.label)).toEqual(["1", "2"]);
    expect(fn.model.aliases).toEqual([
      expect.objectContaining({ name: "release", versionId: "1", weights: { "2": 0.1 } }),
    ]);
    const stages = snapshot.stages.map((s) => [s.stage, s.cloudStage, s.qualifier, s.functionId, s.problem]);
    expect(stages.sort()).toEqual([
      ["dev", "sandbox", "LATEST", "fakecloud:orders", undefined],
      ["prepub", "staging", "2", "fakecloud:orders", undefined],
      ["release", "live", "release", "fakecloud:orders", undefined],
    ]);
    const result = review(load(outdir));
    expect(result.dangers).toEqual([]);
    expect(result.exitCode).toBe(0);
  });
});

function fakeRelease(stack: TerraformStack): CanaryAlias {
  return new CanaryAlias(stack, "Release", {
    function: fakeFunction(stack),
    aliasName: "release",
    version: "1",
    canary: { version: "2", weight: 0.1 },
  });
}

describe("alarms and provisioned capacity on a fake cloud", () => {
  test("a module without alarm and capacity parts refuses them, naming the cloud and what is allowed", () => {
    const stack = new TerraformStack(Testing.app(), "refused");
    const alias = fakeRelease(stack);
    const alarms = thrown(() => new ReleaseAlarms(stack, "Alarms", { target: alias, notification: {} }));
    expect(alarms).toBeInstanceOf(ReleaseValidationError);
    expect(alarms.message).toBe(
      "refused/Alarms: release alarms are not supported on Fake Cloud (its cloud module has no alarm mapping); " +
        "allowed: a target on scf, fc3, fc2",
    );
    const capacity = thrown(() => new ProvisionedCapacity(stack, "Capacity", { target: alias, total: 2 }));
    expect(capacity).toBeInstanceOf(ReleaseValidationError);
    expect(capacity.message).toBe(
      "refused/Capacity: provisioned capacity is not supported on Fake Cloud (its cloud module has no capacity mapping); " +
        "allowed: a target on scf, fc3",
    );
  });

  describe("a module with them", () => {
    beforeAll(() => registerCloud(fakeCloudWithMonitoring));
    afterAll(() => registerCloud(fakeCloud));

    test("the neutral constructs write its alarm and capacity resources, and review reads them back", () => {
      const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fake-monitoring-")), "cdktf.out");
      const app = new App({ outdir });
      const stack = new TerraformStack(app, "fake");
      const alias = fakeRelease(stack);
      const alarms = new ReleaseAlarms(stack, "Alarms", { target: alias, notification: {} });
      const capacity = new ProvisionedCapacity(stack, "Capacity", { target: alias, total: 5 });
      app.synth();
      expect(alarms.watching("2").map((a) => a.signal)).toEqual(["errors", "throttles", "duration"]);
      expect(capacity.targets.map((t) => [t.key, t.kind, t.amount])).toEqual([["release", "alias", 5]]);

      const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "fake", "cdk.tf.json"), "utf8"));
      expect(Object.keys(json.resource.fakecloud_alarm)).toHaveLength(9);
      expect(Object.keys(json.resource.fakecloud_capacity)).toHaveLength(1);

      const { monitoring } = snapshotOf(load(outdir));
      const watched = monitoring!.alarms.map(
        (a) => `${a.owner} ${a.alias} ${a.version ?? a.scope} ${a.signal}`,
      );
      expect(watched.sort()).toEqual(
        ["1", "2", "alias"].flatMap((w) =>
          ["duration", "errors", "throttles"].map((s) => `orders release ${w} ${s}`),
        ),
      );
      expect(monitoring!.capacity).toEqual([
        expect.objectContaining({ owner: "orders", kind: "alias", key: "release", amount: 5 }),
      ]);
      expect(review(load(outdir)).dangers).toEqual([]);
    });

    test("its profile decides the periods and the largest amount", () => {
      const stack = new TerraformStack(Testing.app(), "limits");
      const alias = fakeRelease(stack);
      expect(
        thrown(
          () =>
            new ReleaseAlarms(stack, "Alarms", {
              target: alias,
              notification: {},
              signals: { errors: { periodSeconds: 300 } },
            }),
        ).message,
      ).toBe("limits/Alarms: invalid signals.errors.periodSeconds 300; allowed: 60");
      expect(
        thrown(() => new ProvisionedCapacity(stack, "Capacity", { target: alias, total: 51 })).message,
      ).toBe("limits/Capacity: invalid total 51; allowed: an integer 1..50 known at synth time");
    });
  });
});
