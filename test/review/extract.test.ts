/**
 * Terraform JSON → routing models, on stacks synthesized with the library and on hand-written
 * Terraform JSON that only uses the same resource types.
 */
import * as path from "path";
import { AnyAlias } from "../../src";
import {
  load,
  parsePluginCondition,
  ReviewFunction,
  snapshotOf,
  Snapshot,
  ReviewStage,
} from "../../src/review";
import { fixture, snapshotOfJson, synthRelease, tempDir } from "./fixtures";

const fnNamed = (s: Snapshot, platform: string): ReviewFunction =>
  s.functions.find((f) => f.platform === platform)!;
const stageOf = (s: Snapshot, id: string): ReviewStage => {
  const found = s.stages.find((x) => x.id === id);
  if (!found) throw new Error(`no stage ${id} in ${s.stages.map((x) => x.id).join(", ")}`);
  return found;
};
const aliasOf = (f: ReviewFunction, name: string): AnyAlias =>
  (f.model.aliases as readonly AnyAlias[]).find((a) => a.name === name)!;

describe("synthesized with the library", () => {
  let snapshot: Snapshot;
  beforeAll(() => {
    const out = synthRelease(path.join(tempDir(), "cdktf.out"), {
      "orders-scf": {
        platform: "scf",
        versions: ["1", "2", "3"],
        release: { version: "1", canary: { version: "2", weight: 0.1 } },
        prepub: { version: "2", rule: { header: "User", value: "Bob", version: "3" } },
        gateway: true,
      },
      "orders-fc3": {
        platform: "fc3",
        versions: ["1", "2"],
        release: { version: "1", canary: { version: "2", weight: 0.25 } },
        prepub: { version: "1" },
        gateway: true,
        prepubRouteTo: "2",
      },
      "orders-fc2": {
        platform: "fc2",
        versions: ["4", "5"],
        release: { version: "4", canary: { version: "5", weight: 0.5 } },
        prepub: { version: "5" },
        gateway: true,
      },
    });
    snapshot = snapshotOf(load(out));
  });

  test("functions: one per platform, labelled apart, version labels from `release <label>`", () => {
    expect(snapshot.functions.map((f) => [f.id, f.label]).sort()).toEqual([
      ["fc2:orders", "orders (fc2)"],
      ["fc3:orders", "orders (fc3)"],
      ["scf:default/orders", "orders (scf)"],
    ]);
    const scf = fnNamed(snapshot, "scf");
    expect(scf.versions.map((v) => v.label)).toEqual(["1", "2", "3"]);
    expect(scf.versionsKnown).toBe(true);
    expect(scf.model.publishedVersions).toEqual(["1", "2", "3"]);
    // FC 2.0 has no version resource: the ids the aliases name are taken as published elsewhere.
    const fc2 = fnNamed(snapshot, "fc2");
    expect(fc2.versionsKnown).toBe(false);
    expect(fc2.model.publishedVersions).toEqual(["4", "5"]);
  });

  test("aliases: references to version resources become labels", () => {
    const scf = fnNamed(snapshot, "scf");
    expect(aliasOf(scf, "release")).toMatchObject({ primary: "1", weights: [{ version: "2", weight: 0.1 }] });
    expect(aliasOf(scf, "prepub")).toMatchObject({
      primary: "2",
      matches: [{ version: "3", key: "invoke.headers.User", method: "exact", expression: "Bob" }],
    });
    expect(aliasOf(fnNamed(snapshot, "fc3"), "release")).toMatchObject({
      versionId: "1",
      weights: { "2": 0.25 },
    });
    expect(aliasOf(fnNamed(snapshot, "fc2"), "release")).toMatchObject({
      versionId: "4",
      weights: { "5": 0.5 },
    });
  });

  test("Tencent stages: one service per environment, test → dev", () => {
    expect(
      snapshot.stages.filter((s) => s.cloud === "tencent").map((s) => [s.stage, s.cloudStage, s.qualifier]),
    ).toEqual([
      ["dev", "test", "$DEFAULT"],
      ["prepub", "prepub", "prepub"],
      ["release", "release", "release"],
    ]);
    const release = stageOf(snapshot, "orders_api@orders-scf/release");
    expect(release.gateway).toBe("orders_api");
    expect(release.functionId).toBe("scf:default/orders");
    expect(release.releaseAddress).toMatch(/^tencentcloud_api_gateway_service_release\.Api_ReleaseRelease/);
  });

  test("Alibaba stages: backend model per stage, routing-plugin routes", () => {
    const prepub = stageOf(snapshot, "orders_api@orders-fc3/prepub");
    expect(prepub).toMatchObject({ cloudStage: "PRE", qualifier: "prepub", functionId: "fc3:orders" });
    expect(prepub.routes).toEqual([
      {
        name: "canary0",
        conditions: [{ source: "header", name: "User", operator: "=", value: "Bob" }],
        qualifier: "2",
      },
    ]);
    expect(stageOf(snapshot, "orders_api@orders-fc3/dev").qualifier).toBe("LATEST");
    expect(stageOf(snapshot, "orders_api@orders-fc2/release")).toMatchObject({
      functionId: "fc2:orders",
      qualifier: "release",
    });
    expect(snapshot.stages.every((s) => s.problem === undefined)).toBe(true);
  });
});

describe("hand-written Terraform JSON", () => {
  test("SCF: labels from resource names, a literal function name, one service released to two environments", () => {
    const s = snapshotOf(load(fixture("scf-handwritten.tf.json")));
    const fn = s.functions[0];
    expect(fn).toMatchObject({ id: "scf:default/billing", versionsKnown: true, external: false });
    expect(fn.model.publishedVersions).toEqual(["v7", "v8"]);
    expect(aliasOf(fn, "live")).toMatchObject({ primary: "v7", weights: [{ version: "v8", weight: 0.25 }] });
    expect(s.stages.map((x) => [x.id, x.qualifier])).toEqual([
      ["billing-gw/release", "live"],
      ["billing-gw/dev", "live"],
    ]);
  });

  test("FC 3.0: inline fc_service_config on two stages, a query route from a routing plugin", () => {
    const s = snapshotOf(load(fixture("fc3-handwritten.tf.json")));
    expect(s.functions[0].model.publishedVersions).toEqual(["12", "13"]);
    expect(s.stages.map((x) => [x.id, x.qualifier])).toEqual([
      ["search-api/release", "prod"],
      ["search-api/prepub", "prod"],
    ]);
    expect(stageOf(s, "search-api/prepub").routes).toEqual([
      {
        name: "beta_users",
        conditions: [{ source: "query", name: "beta", operator: "=", value: "yes" }],
        qualifier: "13",
      },
    ]);
    expect(stageOf(s, "search-api/release").routes).toEqual([]);
  });

  test("FC 2.0: service-level aliases, backend models, a stage without a model", () => {
    const s = snapshotOf(load(fixture("fc2-handwritten.tf.json")));
    expect(s.functions.map((f) => f.id)).toEqual(["fc2:legacy"]);
    expect(stageOf(s, "legacy-gw/prepub")).toMatchObject({ qualifier: "4", functionId: "fc2:legacy" });
    expect(stageOf(s, "legacy-gw/dev").problem).toBe("no backend model for stage TEST of backend legacy_fc");
  });

  test("an alias of a function the configuration does not define is external", () => {
    const s = snapshotOfJson({
      resource: {
        tencentcloud_scf_function_alias: {
          a: { name: "live", function_name: "elsewhere", function_version: "3" },
        },
      },
    });
    expect(s.functions[0]).toMatchObject({
      id: "scf:default/elsewhere",
      external: true,
      versionsKnown: false,
    });
    expect(s.functions[0].model.publishedVersions).toEqual(["3"]);
  });

  test("values only known at apply are kept as expressions and noted", () => {
    const s = snapshotOfJson({
      resource: {
        tencentcloud_scf_function: { f: { name: "orders" } },
        tencentcloud_scf_function_version: { v1: { function_name: "orders", description: "release 1" } },
        tencentcloud_scf_function_alias: {
          a: { name: "live", function_name: "orders", function_version: "${var.stable_version}" },
        },
      },
    });
    expect(aliasOf(s.functions[0], "live")).toMatchObject({ primary: "var.stable_version" });
    expect(s.functions[0].unknownVersions).toEqual(["var.stable_version"]);
    expect(s.notes).toEqual(["orders: versions known only after apply: var.stable_version"]);
  });

  test("duplicate `release <label>` descriptions fall back to resource names", () => {
    const s = snapshotOfJson({
      resource: {
        alicloud_fcv3_function: { f: { function_name: "x" } },
        alicloud_fcv3_function_version: {
          a: { function_name: "x", description: "release 1" },
          b: { function_name: "x", description: "release 1" },
          c: { function_name: "x", description: "release 2 code 9f" },
        },
      },
    });
    expect(s.functions[0].versions.map((v) => v.label)).toEqual(["a", "b", "2"]);
  });
});

describe("plans", () => {
  test("after: new versions by configuration reference, existing ones by cloud id", () => {
    const loaded = load(fixture("plan-fc3-delete.json"));
    if (loaded.kind !== "plan") throw new Error("expected a plan");
    const head = snapshotOf(loaded);
    const fn = head.functions[0];
    expect(fn.model.publishedVersions).toEqual(["1", "3", "4"]);
    expect(aliasOf(fn, "release")).toEqual({ name: "release", versionId: "2" });
    // The whole map is unknown in the plan: its reference is known, its weight is not.
    const prepub = aliasOf(fn, "prepub") as { weights: Record<string, number> };
    expect(Object.keys(prepub.weights)).toEqual(["3"]);
    expect(prepub.weights["3"]).toBeNaN();
  });

  test("a plan's literal service id is matched to the service resource by its id", () => {
    const head = snapshotOf(load(fixture("plan-scf-replace.json")));
    expect(head.stages.map((s) => [s.id, s.qualifier])).toEqual([["orders_api/release", "release"]]);
  });
});

describe("parsePluginCondition", () => {
  const declared = (n: string) => (n === "User" ? "header" : n === "beta" ? "query" : undefined);
  test.each([
    ["$User = 'Bob'", [{ source: "header", name: "User", operator: "=", value: "Bob" }]],
    [
      "$beta != 'no' and Random() < 0.25",
      [{ source: "query", name: "beta", operator: "!=", value: "no" }, { random: 0.25 }],
    ],
    ["Random() < .5", [{ random: 0.5 }]],
  ])("%s", (condition, expected) => {
    expect(parsePluginCondition(condition, declared)).toEqual(expected);
  });
  test.each(["$Undeclared = 'x'", "$User == 'Bob'", "$User = Bob", "", "$User = 'a' or $User = 'b'"])(
    "unreadable: %s",
    (condition) => {
      expect(parsePluginCondition(condition, declared)).toBeUndefined();
    },
  );
});
