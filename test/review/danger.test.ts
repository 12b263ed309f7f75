/**
 * Danger checks, one describe per check with firing ("Noncompliance") and not firing
 * ("Compliance") cases, over hand-written Terraform JSON (cdk-nag style, no snapshots).
 */
import {
  backendModelChanges,
  checkBackendModelReplaced,
  checkInvalidRouting,
  checkMultipleNewVersions,
  checkReleaseCreateBeforeDestroy,
  checkServiceReleaseReplaced,
  checkStageUnbound,
  checkUnpublishedVersion,
  checkVersionDeleted,
  checkWeightJump,
  DANGER_IDS,
  DangerCheck,
  DangerOptions,
  findDangers,
  movedPoints,
  releaseChanges,
  Snapshot,
  versionChanges,
} from "../../src/review";
import { scfSnapshot, ScfJsonSpec, snapshotOfJson } from "./fixtures";
import { PlanFacts } from "../../src/review";

interface Case {
  readonly name: string;
  readonly base?: ScfJsonSpec | Snapshot;
  readonly head: ScfJsonSpec | Snapshot;
  readonly options?: DangerOptions;
  /** Expected danger ids (in order); [] for none. */
  readonly expect: readonly string[];
  /** Substrings expected in the messages. */
  readonly messages?: readonly string[];
}

const toSnapshot = (s: ScfJsonSpec | Snapshot): Snapshot => ("functions" in s ? s : scfSnapshot(s));

function run(check: DangerCheck, c: Case) {
  const head = toSnapshot(c.head);
  const base = c.base ? toSnapshot(c.base) : undefined;
  return check.check({
    head,
    base,
    versionChanges: base ? versionChanges(base, head) : [],
    releaseChanges: base ? releaseChanges(base, head) : [],
    backendModelChanges: base ? backendModelChanges(base, head) : [],
    options: c.options ?? {},
  });
}

function table(check: DangerCheck, cases: readonly Case[]) {
  test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const found = run(check, c);
    expect(found.map((d) => d.id)).toEqual(c.expect);
    for (const m of c.messages ?? []) expect(found.map((d) => d.message).join("\n")).toContain(m);
    for (const d of found) {
      expect(d.message).not.toMatch(/\n/);
      expect(d.where).not.toBe("");
    }
  });
}

const release = (primary: string, weights: [string, number][] = []) => ({ release: { primary, weights } });

describe("version deleted or replaced", () => {
  table(checkVersionDeleted, [
    {
      name: "Compliance: nothing changes",
      base: { versions: ["v1", "v2"], aliases: release("v2") },
      head: { versions: ["v1", "v2"], aliases: release("v2") },
      expect: [],
    },
    {
      name: "Compliance: a new version is published",
      base: { versions: ["v1"], aliases: release("v1") },
      head: { versions: ["v1", "v2"], aliases: release("v1", [["v2", 0.1]]) },
      expect: [],
    },
    {
      // resource_tc_scf_function_version.go:150-152: Read already put "default" into state.
      name: 'Compliance: an SCF version\'s namespace becomes an explicit "default"',
      base: { versions: ["v1", "v2"], aliases: release("v2") },
      head: { versions: ["v1", "v2"], versionNamespace: "default", aliases: release("v2") },
      expect: [],
    },
    {
      name: "Noncompliance 1: an unreferenced version is deleted (high)",
      base: { versions: ["v1", "v2"], aliases: release("v2") },
      head: { versions: ["v2"], aliases: release("v2") },
      expect: ["version-deleted"],
      messages: ["orders v1 is deleted"],
    },
    {
      name: "Noncompliance 2: a version the base alias references is deleted (critical)",
      base: { versions: ["v1", "v2"], aliases: release("v1", [["v2", 0.1]]) },
      head: { versions: ["v2"], aliases: release("v2") },
      expect: ["referenced-version-deleted"],
      messages: ["orders v1 is deleted while still referenced by alias release"],
    },
    {
      name: "Noncompliance 3: a referenced version is replaced (its description changes)",
      base: { versions: ["v1"], aliases: release("v1") },
      head: { versions: ["v1"], versionDescriptions: { v1: "release 1 code abc" }, aliases: release("v1") },
      expect: ["referenced-version-deleted"],
      messages: ["orders v1 is replaced"],
    },
    {
      name: "Noncompliance 4: a version a stage calls directly is deleted",
      base: { versions: ["v1", "v2"], aliases: release("v2"), stages: { test: "v1" } },
      head: { versions: ["v2"], aliases: release("v2"), stages: { test: "v2" } },
      expect: ["referenced-version-deleted"],
      messages: ["stage dev of orders_api"],
    },
  ]);
});

describe("more than one new version of one function", () => {
  table(checkMultipleNewVersions, [
    {
      name: "Compliance: one new version",
      base: { versions: ["v1"] },
      head: { versions: ["v1", "v2"] },
      expect: [],
    },
    {
      name: "Noncompliance 1: two new versions",
      base: { versions: ["v1"] },
      head: { versions: ["v1", "v2", "v3"] },
      expect: ["multiple-new-versions"],
      messages: ["2 new versions in one change (v2, v3)"],
    },
    {
      name: "Noncompliance 2: a new version and a replaced one",
      base: { versions: ["v1"] },
      head: { versions: ["v1", "v2"], versionDescriptions: { v1: "release 1 code b" } },
      expect: ["multiple-new-versions"],
    },
  ]);
});

describe("alias pointing to an unpublished version", () => {
  table(checkUnpublishedVersion, [
    {
      name: "Compliance: every alias version is published",
      head: { versions: ["v1", "v2"], aliases: release("v1", [["v2", 0.1]]) },
      expect: [],
    },
    {
      name: "Compliance: a literal id on a function without version resources (published elsewhere)",
      head: { versions: [], aliases: release("7") },
      expect: [],
    },
    {
      name: "Compliance: FC 2.0 (no version resources exist)",
      head: snapshotOfJson({
        resource: {
          alicloud_fc_service: { s: { name: "svc" } },
          alicloud_fc_alias: {
            a: { service_name: "${alicloud_fc_service.s.name}", alias_name: "live", service_version: "3" },
          },
        },
      }),
      expect: [],
    },
    {
      name: "Noncompliance 1: a literal id no version resource publishes",
      head: { versions: ["v1"], aliases: release("v1", [["9", 0.1]]) },
      expect: ["unpublished-version"],
      messages: ["points to v9, which is not published (published: v1)"],
    },
    {
      name: "Noncompliance 2: a reference to a version resource that is gone",
      head: snapshotOfJson({
        resource: {
          alicloud_fcv3_function: { f: { function_name: "orders", runtime: "nodejs20", handler: "i.h" } },
          alicloud_fcv3_function_version: { v2: { function_name: "orders", description: "release 2" } },
          alicloud_fcv3_alias: {
            release: {
              function_name: "${alicloud_fcv3_function.f.function_name}",
              alias_name: "release",
              version_id: "${alicloud_fcv3_function_version.v1.version_id}",
            },
          },
        },
      }),
      expect: ["unpublished-version"],
      messages: ["version resource v1, which this configuration no longer has"],
    },
  ]);
});

describe("canary weight jump", () => {
  table(checkWeightJump, [
    {
      name: "Compliance: 0 → 10%",
      base: { versions: ["v1", "v2"], aliases: release("v1") },
      head: { versions: ["v1", "v2"], aliases: release("v1", [["v2", 0.1]]) },
      expect: [],
    },
    {
      name: "Compliance: exactly the threshold (10% → 60%)",
      base: { versions: ["v1", "v2"], aliases: release("v1", [["v2", 0.1]]) },
      head: { versions: ["v1", "v2"], aliases: release("v1", [["v2", 0.6]]) },
      expect: [],
    },
    {
      name: "Compliance: a raised threshold",
      base: { versions: ["v1", "v2"], aliases: release("v1") },
      head: { versions: ["v1", "v2"], aliases: release("v2") },
      options: { maxWeightJump: 100 },
      expect: [],
    },
    {
      name: "Noncompliance 1: 10% → 100% (promotion in one step)",
      base: { versions: ["v1", "v2"], aliases: release("v1", [["v2", 0.1]]) },
      head: { versions: ["v1", "v2"], aliases: release("v2") },
      expect: ["weight-jump"],
      messages: ["moves 90 points", "v1 90% | v2 10% → v2 100%", "the limit is 50"],
    },
    {
      name: "Noncompliance 2: a lowered threshold",
      base: { versions: ["v1", "v2"], aliases: release("v1") },
      head: { versions: ["v1", "v2"], aliases: release("v1", [["v2", 0.2]]) },
      options: { maxWeightJump: 10 },
      expect: ["weight-jump"],
      messages: ["moves 20 points"],
    },
    {
      name: "Noncompliance 3: a stage rebound from an alias to another version",
      base: { versions: ["v1", "v2"], aliases: release("v1"), stages: { release: "release" } },
      head: { versions: ["v1", "v2"], aliases: release("v1"), stages: { release: "v2" } },
      expect: ["weight-jump"],
      messages: ["stage release of orders_api_release is rebound from release to 2"],
    },
  ]);

  test("movedPoints is the traffic moved onto other versions", () => {
    expect(
      movedPoints(
        new Map([["1", 1]]),
        new Map([
          ["1", 0.9],
          ["2", 0.1],
        ]),
      ),
    ).toBe(10);
    expect(
      movedPoints(
        new Map([
          ["1", 0.9],
          ["2", 0.1],
        ]),
        new Map([
          ["2", 0.9],
          ["3", 0.1],
        ]),
      ),
    ).toBe(90);
    expect(movedPoints(new Map([["1", 0.5]]), new Map([["1", 0.5]]))).toBe(0);
  });
});

describe("Tencent service release replaced", () => {
  table(checkServiceReleaseReplaced, [
    {
      name: "Compliance: the release is unchanged",
      base: { versions: ["v1"], aliases: release("v1"), stages: { release: "release" } },
      head: { versions: ["v1"], aliases: release("v1"), stages: { release: "release" } },
      expect: [],
    },
    {
      name: "Compliance: only alias weights change (the stage still calls the alias)",
      base: { versions: ["v1", "v2"], aliases: release("v1"), stages: { release: "release" } },
      head: { versions: ["v1", "v2"], aliases: release("v1", [["v2", 0.1]]), stages: { release: "release" } },
      expect: [],
    },
    {
      name: "Noncompliance: release_desc changes (every input is ForceNew)",
      base: {
        versions: ["v1"],
        aliases: release("v1"),
        stages: { release: "release" },
        releaseDesc: { release: "a" },
      },
      head: {
        versions: ["v1"],
        aliases: release("v1"),
        stages: { release: "release" },
        releaseDesc: { release: "b" },
      },
      expect: ["service-release-replaced"],
      messages: ["the release environment of orders_api", "offline"],
    },
  ]);
});

/** Hand-written Alibaba gateway JSON: group `orders_api`, one backend, a model per stage. */
interface AliGatewaySpec {
  readonly backendType?: string;
  /** Resource name of the backend. @default "backend" */
  readonly backend?: string;
  /** Stage → model resource name. @default RELEASE → "release", PRE → "prepub" */
  readonly models?: Readonly<Record<string, string>>;
  readonly qualifiers?: Readonly<Record<string, string>>;
}

function aliGatewayJson(spec: AliGatewaySpec = {}): Record<string, unknown> {
  const backendType = spec.backendType ?? "FC_EVENT_V3";
  const backend = spec.backend ?? "backend";
  const models = spec.models ?? { RELEASE: "release", PRE: "prepub" };
  return {
    resource: {
      alicloud_fcv3_function: {
        orders: { function_name: "orders", runtime: "nodejs20", handler: "index.handler" },
      },
      alicloud_api_gateway_group: { group: { name: "orders_api", description: "orders" } },
      alicloud_api_gateway_backend: {
        [backend]: { backend_name: "orders_api_fc", backend_type: backendType, description: "orders" },
      },
      alicloud_api_gateway_backend_model: Object.fromEntries(
        Object.entries(models).map(([stage, name]) => [
          name,
          {
            backend_id: `\${alicloud_api_gateway_backend.${backend}.id}`,
            backend_type: backendType,
            stage_name: stage,
            backend_model_data: JSON.stringify({
              FunctionComputeConfig: {
                FcType: "FCEvent",
                FunctionName: "${alicloud_fcv3_function.orders.function_name}",
                Qualifier: spec.qualifiers?.[stage] ?? "LATEST",
              },
            }),
          },
        ]),
      ),
      alicloud_api_gateway_api: {
        api: {
          group_id: "${alicloud_api_gateway_group.group.id}",
          name: "orders_api",
          service_type: "FunctionCompute",
          backend_enabled: true,
          backend_id: `\${alicloud_api_gateway_backend.${backend}.id}`,
          stage_names: Object.keys(models),
        },
      },
    },
  };
}
const ali = (spec?: AliGatewaySpec): Snapshot => snapshotOfJson(aliGatewayJson(spec));

describe("Alibaba backend model replaced (DeleteBackendModel takes the stage offline)", () => {
  table(checkBackendModelReplaced, [
    {
      name: "Compliance: nothing changes",
      base: ali(),
      head: ali(),
      expect: [],
    },
    {
      name: "Compliance: only the model's Qualifier changes (ModifyBackendModel, in place)",
      base: ali(),
      head: ali({ qualifiers: { RELEASE: "release" } }),
      expect: [],
    },
    {
      name: "Compliance: a stage is removed with its model (stage-unbound reports that)",
      base: ali(),
      head: ali({ models: { RELEASE: "release" } }),
      expect: [],
    },
    {
      name: "Noncompliance 1: backend_type changes (event → HTTP function): every model is replaced",
      base: ali(),
      head: ali({ backendType: "FC_HTTP_V3" }),
      expect: ["backend-model-replaced", "backend-model-replaced"],
      messages: [
        "the RELEASE backend model of orders_api is replaced (backend_type FC_EVENT_V3 → FC_HTTP_V3)",
        "takes the stage's APIs offline",
      ],
    },
    {
      name: "Noncompliance 2: a model gets another address (construct id): delete and create",
      base: ali(),
      head: ali({ models: { RELEASE: "release2", PRE: "prepub" } }),
      expect: ["backend-model-replaced"],
      messages: [
        "the RELEASE backend model of orders_api is replaced (alicloud_api_gateway_backend_model.release → alicloud_api_gateway_backend_model.release2)",
      ],
    },
    {
      name: "Noncompliance 3: the backend gets another address: every model's backend_id changes",
      base: ali(),
      head: ali({ backend: "backend2" }),
      expect: ["backend-model-replaced", "backend-model-replaced"],
      messages: [
        "backend_id ${alicloud_api_gateway_backend.backend.id} → ${alicloud_api_gateway_backend.backend2.id}",
      ],
    },
  ]);

  test("a plan that replaces a model is a critical danger; an in-place update is not", () => {
    const base = ali();
    const head = ali();
    const plan = (actions: string[]): PlanFacts => ({
      before: base,
      changes: [
        {
          address: "alicloud_api_gateway_backend_model.release",
          type: "alicloud_api_gateway_backend_model",
          actions,
          before: { stage_name: "RELEASE", backend_type: "FC_EVENT_V3" },
        },
      ],
    });
    const replaced = backendModelChanges(base, head, plan(["delete", "create"]));
    expect(replaced).toEqual([expect.objectContaining({ change: "replaced", stageName: "RELEASE" })]);
    const found = checkBackendModelReplaced.check({
      head,
      base,
      versionChanges: [],
      releaseChanges: [],
      backendModelChanges: replaced,
      options: {},
    });
    expect(found.map((d) => [d.id, d.severity, d.where])).toEqual([
      ["backend-model-replaced", "critical", "alicloud_api_gateway_backend_model.release"],
    ]);
    expect(backendModelChanges(base, head, plan(["update"]))).toEqual([]);
  });
});

describe("create_before_destroy on a service release (V26)", () => {
  table(checkReleaseCreateBeforeDestroy, [
    {
      name: "Compliance: default lifecycle",
      head: { versions: ["v1"], aliases: release("v1"), stages: { release: "release" } },
      expect: [],
    },
    {
      name: "Noncompliance: create_before_destroy",
      head: {
        versions: ["v1"],
        aliases: release("v1"),
        stages: { release: "release" },
        releaseCreateBeforeDestroy: true,
      },
      expect: ["service-release-create-before-destroy"],
      messages: ["(V26)"],
    },
  ]);
});

describe("stage left without a binding", () => {
  table(checkStageUnbound, [
    {
      name: "Compliance: every stage calls a known alias, $DEFAULT or a version",
      head: {
        versions: ["v1"],
        aliases: release("v1"),
        stages: { release: "release", prepub: "v1", test: "$DEFAULT" },
      },
      expect: [],
    },
    {
      name: "Noncompliance 1: a stage calls an alias that does not exist",
      head: { versions: ["v1"], aliases: release("v1"), stages: { release: "live" } },
      expect: ["stage-unbound"],
      messages: ['qualifier "live" names no alias or version of orders'],
    },
    {
      name: "Noncompliance 2: a stage is removed",
      base: { versions: ["v1"], aliases: release("v1"), stages: { release: "release", prepub: "release" } },
      head: { versions: ["v1"], aliases: release("v1"), stages: { release: "release" } },
      expect: ["stage-unbound"],
      messages: ["stage prepub of orders_api_prepub loses its binding"],
    },
    {
      name: "Noncompliance 3: a Tencent service without an SCF API",
      head: snapshotOfJson({
        resource: {
          tencentcloud_api_gateway_service: {
            s: { service_name: "empty", protocol: "http", net_type: ["OUTER"] },
          },
          tencentcloud_api_gateway_service_release: {
            r: {
              service_id: "${tencentcloud_api_gateway_service.s.id}",
              environment_name: "release",
              release_desc: "x",
            },
          },
        },
      }),
      expect: ["stage-unbound"],
      messages: ["the service has no SCF API to publish"],
    },
  ]);
});

describe("routing the cloud would reject", () => {
  table(checkInvalidRouting, [
    {
      name: "Compliance: a 10% canary",
      head: { versions: ["v1", "v2"], aliases: release("v1", [["v2", 0.1]]) },
      expect: [],
    },
    {
      name: "Compliance: a missing version is left to unpublished-version",
      head: { versions: ["v1"], aliases: release("v1", [["9", 0.1]]) },
      expect: [],
    },
    {
      name: "Noncompliance 1: a weight written as a percentage",
      head: { versions: ["v1", "v2"], aliases: release("v1", [["v2", 10]]) },
      expect: ["invalid-routing"],
      messages: [
        "[InvalidParameterValue.AdditionalVersionWeights]",
        "weight 10 looks like a percentage",
        "use 0.1 for 10%",
      ],
    },
    {
      name: "Noncompliance 2: two additional versions",
      head: {
        versions: ["v1", "v2", "v3"],
        aliases: release("v1", [
          ["v2", 0.1],
          ["v3", 0.1],
        ]),
      },
      expect: ["invalid-routing"],
      messages: ["too many additional versions"],
    },
    {
      name: "Noncompliance 3: the canary is the primary",
      head: { versions: ["v1"], aliases: release("v1", [["v1", 0.1]]) },
      expect: ["invalid-routing"],
      messages: ["additional version equals FunctionVersion"],
    },
  ]);
});

describe("findDangers", () => {
  test("without a base only the single-configuration checks run", () => {
    const head = scfSnapshot({ versions: ["v1"], aliases: release("v1", [["9", 0.5]]) });
    const ids = findDangers({ head, versionChanges: [], releaseChanges: [], options: {} }).map((d) => d.id);
    expect(ids).toEqual(["unpublished-version"]);
  });

  test("every id has a check", () => {
    expect(DANGER_IDS).toEqual([
      "invalid-routing",
      "referenced-version-deleted",
      "version-deleted",
      "multiple-new-versions",
      "unpublished-version",
      "weight-jump",
      "service-release-replaced",
      "service-release-create-before-destroy",
      "backend-model-replaced",
      "stage-unbound",
      "unwatched-version",
      "capacity-removed",
      "provisioned-over-quota",
    ]);
  });
});
