/**
 * The alarm and capacity resources' models without Terraform: what each API call does to the twin's cloud
 * and what Read returns (the rules a rehearsal would need extra steps to reach).
 */
import {
  ApiError,
  ApplyContext,
  applyResource,
  nextIdIn,
  planResource,
  readResource,
} from "../../src/twin/engine";
import type { CloudData } from "../../src/twin/cloud";
import { loadProviderSchemas } from "../../src/twin/schema";
import { TfObject } from "../../src/twin/values";
import { TENCENTCLOUD_TWIN } from "../../src/clouds/tencentcloud/twin";
import { ALICLOUD_TWIN } from "../../src/clouds/alicloud/twin";

const schemas = {
  tencentcloud: loadProviderSchemas("tencentcloud"),
  alicloud: loadProviderSchemas("alicloud"),
};
const twins = { tencentcloud: TENCENTCLOUD_TWIN, alicloud: ALICLOUD_TWIN };

/** Every attribute and block of the type's schema, null / [] unless given. */
function full(provider: keyof typeof twins, type: string, values: TfObject): TfObject {
  const block = schemas[provider].resources[type].block;
  const out: TfObject = {};
  for (const n of Object.keys(block.attributes ?? {})) out[n] = null;
  for (const n of Object.keys(block.block_types ?? {})) out[n] = [];
  return { ...out, ...values };
}

/** One ApplyResourceChange as the server makes it (plan first, as Terraform does). */
function apply(
  provider: keyof typeof twins,
  cloud: CloudData,
  type: string,
  prior: TfObject | null,
  config: TfObject | null,
): TfObject | null {
  const schema = schemas[provider].resources[type];
  const model = twins[provider].models[type];
  const cfg = config && full(provider, type, config);
  const proposed = cfg && prior ? { ...prior, ...config } : cfg;
  const { planned } = planResource(type, schema, model, prior, proposed, cfg);
  const ctx: ApplyContext = {
    type,
    schema,
    cloud,
    prior,
    planned,
    config: cfg,
    nextId: (kind) => nextIdIn(cloud, kind),
    complete: (s) => s,
  };
  return applyResource(ctx, model);
}

function read(
  provider: keyof typeof twins,
  cloud: CloudData,
  type: string,
  state: TfObject,
): TfObject | null {
  return readResource(
    { type, schema: schemas[provider].resources[type], cloud, state },
    twins[provider].models[type],
  );
}

function apiError(f: () => unknown): ApiError {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("no ApiError");
}

describe("tencentcloud_scf_provisioned_concurrency_config", () => {
  const PCC = "tencentcloud_scf_provisioned_concurrency_config";
  function scfWithVersions(cloud: CloudData, n: number): void {
    apply("tencentcloud", cloud, "tencentcloud_scf_function", null, { name: "f", namespace: "default" });
    for (let i = 0; i < n; i++)
      apply("tencentcloud", cloud, "tencentcloud_scf_function_version", null, {
        function_name: "f",
        namespace: "default",
        description: `v${i + 1}`,
      });
  }
  const config = (qualifier: string, n: number) => ({
    function_name: "f",
    namespace: "default",
    qualifier,
    version_provisioned_concurrency_num: n,
  });

  it("reads the count the cloud has available: 0 while provisioning lags, the count once done", () => {
    const cloud: CloudData = {};
    scfWithVersions(cloud, 1);
    TENCENTCLOUD_TWIN.actions!["twin-options"](cloud, { provisionedReadyAfterApply: "false" });
    const state = apply("tencentcloud", cloud, PCC, null, config("1", 50))!;
    expect(state.id).toBe("f#1#default");
    expect(state.version_provisioned_concurrency_num).toBe(0);
    // While the task runs the API refuses another Put on the version.
    expect(apiError(() => apply("tencentcloud", cloud, PCC, null, config("1", 50))).code).toBe(
      "FailedOperation.ProvisionedInProgress",
    );
    expect(TENCENTCLOUD_TWIN.actions!["scf-provisioning-done"](cloud, {})).toBe(
      "provisioning done: f v1: 50",
    );
    expect(read("tencentcloud", cloud, PCC, state)!.version_provisioned_concurrency_num).toBe(50);
  });

  it("is ready right after apply by default", () => {
    const cloud: CloudData = {};
    scfWithVersions(cloud, 1);
    expect(
      apply("tencentcloud", cloud, PCC, null, config("1", 50))!.version_provisioned_concurrency_num,
    ).toBe(50);
  });

  it("refuses $LATEST, an alias, a version that does not exist, and a total above the quota minus 100", () => {
    const cloud: CloudData = {};
    scfWithVersions(cloud, 2);
    expect(apiError(() => apply("tencentcloud", cloud, PCC, null, config("$LATEST", 1))).code).toBe(
      "InvalidParameterValue.Qualifier",
    );
    expect(apiError(() => apply("tencentcloud", cloud, PCC, null, config("release", 1))).code).toBe(
      "InvalidParameterValue.Qualifier",
    );
    expect(apiError(() => apply("tencentcloud", cloud, PCC, null, config("3", 1))).code).toBe(
      "ResourceNotFound.Version",
    );
    TENCENTCLOUD_TWIN.actions!["twin-options"](cloud, { scfFunctionConcurrencyQuota: "200" });
    apply("tencentcloud", cloud, PCC, null, config("1", 50));
    const e = apiError(() => apply("tencentcloud", cloud, PCC, null, config("2", 51)));
    expect(`${e.code}: ${e.message}`).toBe(
      "LimitExceeded.FunctionTotalProvisionedConcurrencyNum: PutProvisionedConcurrencyConfig: f would provision 101 (version 2: 51, other versions: 50), above its concurrency quota 200 minus 100",
    );
    expect(apply("tencentcloud", cloud, PCC, null, config("2", 50))).not.toBeNull();
  });

  it("replaces on any input change (no Update)", () => {
    const schema = schemas.tencentcloud.resources[PCC];
    const prior = full("tencentcloud", PCC, { ...config("1", 50), id: "f#1#default" });
    const proposed = { ...prior, version_provisioned_concurrency_num: 60 };
    expect(
      planResource(PCC, schema, TENCENTCLOUD_TWIN.models[PCC], prior, proposed, proposed).requiresReplace,
    ).toEqual(["version_provisioned_concurrency_num"]);
  });
});

describe("tencentcloud_monitor_policy_binding_object and tencentcloud_monitor_alarm_policy", () => {
  const POLICY = "tencentcloud_monitor_alarm_policy";
  const BINDING = "tencentcloud_monitor_policy_binding_object";
  const dims = (alias: string) => [{ dimensions_json: JSON.stringify({ functionName: "f", alias }) }];

  it("reads every object of the policy, and a delete unbinds them all", () => {
    const cloud: CloudData = {};
    const policy = apply("tencentcloud", cloud, POLICY, null, {
      policy_name: "p",
      monitor_type: "MT_QCE",
      namespace: "scf_alias",
    })!;
    const a = apply("tencentcloud", cloud, BINDING, null, { policy_id: policy.id, dimensions: dims("a") })!;
    expect(a.id).toBe(policy.id);
    expect(a.dimensions).toEqual([
      { dimensions_json: dims("a")[0].dimensions_json, unique_id: "uniq-1", region: "ap-guangzhou" },
    ]);
    const b = apply("tencentcloud", cloud, BINDING, null, { policy_id: policy.id, dimensions: dims("b") })!;
    expect(
      (read("tencentcloud", cloud, BINDING, a)!.dimensions as TfObject[]).map((d) => d.dimensions_json),
    ).toEqual([...dims("a"), ...dims("b")].map((d) => d.dimensions_json));
    apply("tencentcloud", cloud, BINDING, b, null);
    expect(read("tencentcloud", cloud, BINDING, a)!.dimensions).toEqual([]);
  });

  it("refuses a binding on a policy that does not exist (the provider's own check)", () => {
    const e = apiError(() =>
      apply("tencentcloud", {}, BINDING, null, { policy_id: "policy-x", dimensions: dims("a") }),
    );
    expect(e.message).toBe("alarm policy policy-x not exist");
  });

  it("reads metric rules back without is_power_notice, binds only the first policy_tag, and replaces on a namespace change", () => {
    const cloud: CloudData = {};
    const rule = {
      metric_name: "Error",
      period: 60,
      operator: "gt",
      value: "0",
      is_power_notice: 1,
      filter: [],
    };
    const policy = apply("tencentcloud", cloud, POLICY, null, {
      policy_name: "p",
      monitor_type: "MT_QCE",
      namespace: "SCF",
      conditions: [{ is_union_rule: 0, rules: [rule] }],
    })!;
    expect(((policy.conditions as TfObject[])[0].rules as TfObject[])[0].is_power_notice).toBe(0);
    const tagged = apply("tencentcloud", cloud, POLICY, null, {
      policy_name: "t",
      monitor_type: "MT_QCE",
      namespace: "SCF",
      policy_tag: [
        { key: "team", value: "a" },
        { key: "env", value: "prod" },
      ],
    })!;
    expect(tagged.policy_tag).toEqual([{ key: "team", value: "a" }]);
    expect(policy.enable).toBe(1);
    const schema = schemas.tencentcloud.resources[POLICY];
    const proposed = { ...policy, namespace: "scf_alias" };
    expect(
      planResource(POLICY, schema, TENCENTCLOUD_TWIN.models[POLICY], policy, proposed, proposed)
        .requiresReplace,
    ).toEqual(["namespace"]);
  });
});

describe("alicloud_fcv3_provision_config", () => {
  const FPC = "alicloud_fcv3_provision_config";
  function fc3(cloud: CloudData): void {
    apply("alicloud", cloud, "alicloud_fcv3_function", null, { function_name: "f" });
    const v = apply("alicloud", cloud, "alicloud_fcv3_function_version", null, { function_name: "f" })!;
    for (const alias of ["a1", "a2"])
      apply("alicloud", cloud, "alicloud_fcv3_alias", null, {
        function_name: "f",
        alias_name: alias,
        version_id: v.version_id,
      });
  }

  it("sends nothing for a qualifier change alone: the cloud keeps the config on the old alias", () => {
    const cloud: CloudData = {};
    fc3(cloud);
    const state = apply("alicloud", cloud, FPC, null, { function_name: "f", qualifier: "a1", target: 2 })!;
    expect(state.id).toBe("f");
    const moved = apply("alicloud", cloud, FPC, state, { function_name: "f", qualifier: "a2", target: 2 })!;
    expect(moved.qualifier).toBe("a2");
    expect(Object.keys(cloud.fc3.f.provision)).toEqual(["a1"]);
    // Delete sends the qualifier in state: the config on a1 stays behind.
    apply("alicloud", cloud, FPC, moved, null);
    expect(Object.keys(cloud.fc3.f.provision)).toEqual(["a1"]);
  });

  it("with an unqualified read that only answers for LATEST, a config on an alias fails its create", () => {
    const cloud: CloudData = {};
    fc3(cloud);
    ALICLOUD_TWIN.actions!["twin-options"](cloud, { fc3ProvisionUnqualifiedRead: "latest" });
    expect(
      apiError(() => apply("alicloud", cloud, FPC, null, { function_name: "f", qualifier: "a1", target: 2 }))
        .code,
    ).toBe("ProvisionConfigNotFound (twin label)");
  });

  it("refuses a version number as the qualifier", () => {
    const cloud: CloudData = {};
    fc3(cloud);
    expect(
      apiError(() => apply("alicloud", cloud, FPC, null, { function_name: "f", qualifier: "1", target: 2 }))
        .code,
    ).toBe("InvalidArgument (twin label)");
  });
});

describe("alicloud_sls_alert", () => {
  const SLS = "alicloud_sls_alert";
  const alert = (sinks: TfObject) => ({
    project_name: "p",
    alert_name: "a",
    display_name: "a",
    status: "ENABLED",
    schedule: [{ type: "FixedRate", interval: "1m" }],
    configuration: [{ ...fullConfiguration(), ...sinks }],
  });
  function fullConfiguration(): TfObject {
    const block = schemas.alicloud.resources[SLS].block.block_types!.configuration.block;
    const out: TfObject = {};
    for (const n of Object.keys(block.attributes ?? {})) out[n] = null;
    for (const n of Object.keys(block.block_types ?? {})) out[n] = [];
    return out;
  }
  it("holds the status in upper case and fills omitted sink blocks in as disabled", () => {
    const cloud: CloudData = {};
    const state = apply("alicloud", cloud, SLS, null, { ...alert({}), status: "enabled" })!;
    expect(state.id).toBe("p:a");
    expect(state.status).toBe("ENABLED");
    const conf = (state.configuration as TfObject[])[0];
    expect([conf.sink_cms, conf.sink_alerthub]).toEqual([[{ enabled: false }], [{ enabled: false }]]);
    const declared = { sink_cms: [{ enabled: false }], sink_alerthub: [{ enabled: true }] };
    const kept = (apply("alicloud", {}, SLS, null, alert(declared))!.configuration as TfObject[])[0];
    expect([kept.sink_cms, kept.sink_alerthub]).toEqual([[{ enabled: false }], [{ enabled: true }]]);
    ALICLOUD_TWIN.actions!["twin-options"](cloud, { slsAlertOmittedSink: "empty" });
    const empty = (
      apply("alicloud", cloud, SLS, null, { ...alert({}), alert_name: "b" })!.configuration as TfObject[]
    )[0];
    expect(empty.sink_cms).toEqual([]);
  });
});

describe("alicloud_cms_alarm", () => {
  const CMS = "alicloud_cms_alarm";
  it("replaces on a metric change, compares metric_dimensions as JSON, and splits contact groups on commas", () => {
    const cloud: CloudData = {};
    const state = apply("alicloud", cloud, CMS, null, {
      name: "a",
      project: "acs_fc",
      metric: "FunctionFunctionErrors",
      contact_groups: ["ops,oncall"],
      metric_dimensions: '[{"functionName":"f","region":"cn-hangzhou"}]',
    })!;
    expect(state.silence_time).toBe(86400);
    expect(read("alicloud", cloud, CMS, state)!.contact_groups).toEqual(["ops", "oncall"]);
    const schema = schemas.alicloud.resources[CMS];
    const model = ALICLOUD_TWIN.models[CMS];
    const reordered = { ...state, metric_dimensions: '[{"region":"cn-hangzhou","functionName":"f"}]' };
    const plan = planResource(CMS, schema, model, state, reordered, reordered);
    expect(plan.planned!.metric_dimensions).toBe(state.metric_dimensions);
    const metric = { ...state, metric: "FunctionAvgDuration" };
    expect(planResource(CMS, schema, model, state, metric, metric).requiresReplace).toEqual(["metric"]);
  });
});

describe("twin-options (both providers, one action)", () => {
  it.each([
    ["tencentcloud", "provisionedReadyAfterApply", "false", false],
    ["tencentcloud", "scfFunctionConcurrencyQuota", "200", 200],
    ["alicloud", "fc3ProvisionUnqualifiedRead", "latest", "latest"],
  ] as const)('%s sets %s=%s as %p, and "" goes back to the default', (provider, key, value, parsed) => {
    const cloud: CloudData = {};
    const line = twins[provider].actions!["twin-options"](cloud, { [key]: value });
    expect(cloud.twinOptions).toEqual({ [key]: parsed });
    expect(line).toBe(`${provider} twin options: ${JSON.stringify({ [key]: parsed })}`);
    twins[provider].actions!["twin-options"](cloud, { [key]: "" });
    expect(cloud.twinOptions).toEqual({});
  });

  it("refuses an option the twin does not have, naming the ones it has", () => {
    const e = apiError(() =>
      ALICLOUD_TWIN.actions!["twin-options"]({}, { provisionedReadyAfterApply: "true" }),
    );
    expect(e.code).toBe("UnknownOption (rehearsal)");
    expect(e.message).toBe(
      "twin option provisionedReadyAfterApply is not settable; allowed: fc3ProvisionUnqualifiedRead, slsAlertOmittedSink",
    );
  });
});
