import { TerraformStack } from "cdktf";
import {
  CanaryAlias,
  CanarySpec,
  FunctionWithVersions,
  ProvisionedCapacity,
  ProvisionedCapacityProps,
  ReleaseAlarms,
  ReleaseAlarmsProps,
  StagedApiGateway,
} from "../../src";
import { fnProps, resourcesOfType, synthStack, thrown, TfJson, warnings } from "../helpers/synth";

type Platform = "scf" | "fc3" | "fc2";

const NOTIFY: Record<Platform, Partial<ReleaseAlarmsProps>> = {
  scf: { notification: { tencentNoticeIds: ["notice-ops"] } },
  fc3: {
    notification: { contactGroups: ["ops"], slsActionPolicyId: "fc-oncall" },
    region: "cn-hangzhou",
    fc3Logs: { project: "orders-logs", logstore: "requests" },
  },
  fc2: { notification: { contactGroups: ["ops"] }, region: "cn-hangzhou" },
};

interface Step {
  readonly name: string;
  readonly versions: string[];
  readonly version: string;
  readonly canary?: CanarySpec;
}

/** A release: publish 1, canary 2 at 10%, canary moves to 3, promote 3, roll back to 1. */
const STEPS: Step[] = [
  { name: "one", versions: ["1"], version: "1" },
  { name: "canary-2", versions: ["1", "2"], version: "1", canary: { version: "2", weight: 0.1 } },
  { name: "canary-3", versions: ["1", "2", "3"], version: "1", canary: { version: "3", weight: 0.3 } },
  { name: "promote-3", versions: ["1", "2", "3"], version: "3" },
  { name: "rollback-1", versions: ["1", "2", "3"], version: "1" },
];

function build(
  platform: Platform,
  step: Step,
  extra: { capacity?: Partial<ProvisionedCapacityProps>; alarms?: Partial<ReleaseAlarmsProps> } = {},
) {
  let alarms!: ReleaseAlarms;
  let capacity: ProvisionedCapacity | undefined;
  let alias!: CanaryAlias;
  const result = synthStack((stack: TerraformStack) => {
    const fn = new FunctionWithVersions(stack, "fn", fnProps(platform, { versions: step.versions }));
    alias = new CanaryAlias(stack, "release", {
      function: fn,
      aliasName: "release",
      version: step.version,
      canary: step.canary,
    });
    alarms = new ReleaseAlarms(stack, "alarms", {
      target: alias,
      ...(NOTIFY[platform] as Omit<ReleaseAlarmsProps, "target">),
      ...extra.alarms,
    });
    if (extra.capacity)
      capacity = new ProvisionedCapacity(stack, "capacity", { target: alias, total: 10, ...extra.capacity });
  });
  return { ...result, alarms, capacity, alias };
}

/** Version labels that have version-scoped alarms, per signal. */
function watched(alarms: ReleaseAlarms): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of alarms.alarms) {
    const key = a.scope.kind === "version" ? a.scope.label : a.scope.kind;
    (out[key] ??= []).push(a.signal);
  }
  return out;
}

function addresses(json: TfJson, types: string[]): string[] {
  return types.flatMap((t) => resourcesOfType(json, t).map(([name]) => `${t}.${name}`)).sort();
}

describe("ReleaseAlarms follow the routing", () => {
  const served: Record<string, string[]> = {
    one: ["1"],
    "canary-2": ["1", "2"],
    "canary-3": ["1", "3"],
    "promote-3": ["3"],
    "rollback-1": ["1"],
  };

  test.each(["scf", "fc3", "fc2"] as Platform[])(
    "%s: alarms on exactly the served versions at every step",
    (platform) => {
      const seen: string[][] = [];
      for (const step of STEPS) {
        const { alarms, json } = build(platform, step);
        const w = watched(alarms);
        const versions = Object.keys(w)
          .filter((k) => k !== "alias" && k !== "function")
          .sort();
        expect({ step: step.name, versions }).toEqual({ step: step.name, versions: served[step.name] });
        expect(w.alias).toBeDefined();
        const types =
          platform === "scf"
            ? ["tencentcloud_monitor_alarm_policy", "tencentcloud_monitor_policy_binding_object"]
            : platform === "fc3"
              ? ["alicloud_sls_alert", "alicloud_cms_alarm"]
              : ["alicloud_cms_alarm"];
        seen.push(addresses(json, types));
      }
      // canary 2 → 3: v2's alarms go, v3's come, v1's keep their addresses.
      const v1 = (list: string[]) => list.filter((a) => /v1-/.test(a));
      expect(v1(seen[1])).toEqual(v1(seen[2]));
      expect(seen[1].some((a) => /v2-/.test(a))).toBe(true);
      expect(seen[2].some((a) => /v2-/.test(a))).toBe(false);
      expect(seen[2].some((a) => /v3-/.test(a))).toBe(true);
      // promotion: v1 stops serving, its alarms go; v3's keep their addresses.
      expect(seen[3].some((a) => /v1-/.test(a))).toBe(false);
      expect(seen[3].filter((a) => /v3-/.test(a))).toEqual(seen[2].filter((a) => /v3-/.test(a)));
      // rollback: only v1.
      expect(seen[4].some((a) => /v3-/.test(a))).toBe(false);
      expect(v1(seen[4])).toEqual(v1(seen[0]));
    },
  );

  test("scf: one policy per (scope, signal) and exactly one binding per policy, version and alias dimensions", () => {
    const { json } = build("scf", STEPS[1]);
    const policies = resourcesOfType(json, "tencentcloud_monitor_alarm_policy");
    const bindings = resourcesOfType(json, "tencentcloud_monitor_policy_binding_object");
    expect(policies).toHaveLength(9);
    expect(bindings).toHaveLength(9);
    const byPolicy = new Map<string, number>();
    for (const [, b] of bindings) byPolicy.set(b.policy_id, (byPolicy.get(b.policy_id) ?? 0) + 1);
    expect([...byPolicy.values()].every((n) => n === 1)).toBe(true);
    expect(byPolicy.size).toBe(9);
    const dims = bindings.map(([, b]) => JSON.parse(b.dimensions[0].dimensions_json));
    expect(dims.filter((d) => d.alias === "release")).toHaveLength(3);
    expect(
      dims.filter((d) => typeof d.version === "string" && d.version.includes("function_version")),
    ).toHaveLength(6);
    const types = new Set(policies.map(([, p]) => p.namespace));
    expect(types).toEqual(new Set(["SCF", "scf_alias"]));
    const errors = policies.find(([, p]) => /v=2 errors/.test(p.remark))![1];
    expect(errors.conditions.rules[0]).toMatchObject({
      metric_name: "Error",
      operator: "gt",
      value: "0",
      period: 60,
      continue_period: 1,
    });
    expect(errors.notice_ids).toEqual(["notice-ops"]);
  });

  test("watch before shifting: the alias depends on its versions' alarms; alias-wide alarms depend on the alias", () => {
    const { json } = build("scf", STEPS[1]);
    const [aliasName, alias] = resourcesOfType(json, "tencentcloud_scf_function_alias")[0];
    const deps: string[] = alias.depends_on;
    // Plain addresses: Terraform refuses `${...}` in depends_on ("A single static variable reference").
    expect(deps.filter((d) => d.startsWith("$"))).toEqual([]);
    expect(deps.filter((d) => /monitor_alarm_policy\..*_v[12]-/.test(d))).toHaveLength(6);
    expect(deps.filter((d) => /monitor_policy_binding_object\..*_v[12]-/.test(d))).toHaveLength(6);
    expect(deps.some((d) => /_alias-/.test(d))).toBe(false);
    const aliasWide = resourcesOfType(json, "tencentcloud_monitor_policy_binding_object").filter(([n]) =>
      /_alias-/.test(n),
    );
    expect(
      aliasWide.every(([, b]) => b.depends_on.includes(`tencentcloud_scf_function_alias.${aliasName}`)),
    ).toBe(true);
  });

  test("scf: policy types, namespace key and metric names are options", () => {
    const { json } = build("scf", STEPS[0], {
      alarms: {
        scf: {
          versionPolicyType: "scf_version_containers",
          namespaceKey: "namspace",
          metricNames: { errors: "13007", throttles: "t", duration: "d" },
        },
      },
    });
    const policies = resourcesOfType(json, "tencentcloud_monitor_alarm_policy").map(([, p]) => p);
    expect(policies.some((p) => p.namespace === "scf_version_containers")).toBe(true);
    expect(policies.some((p) => p.conditions.rules[0].metric_name === "13007")).toBe(true);
    const dims = resourcesOfType(json, "tencentcloud_monitor_policy_binding_object").map(([, b]) =>
      JSON.parse(b.dimensions[0].dimensions_json),
    );
    expect(dims.every((d) => d.namspace === "default")).toBe(true);
  });

  test("fc3: SLS alerts grouped by versionId, request logs and indexes configured, function-level CMS alarms", () => {
    const { json, alarms } = build("fc3", STEPS[1]);
    const alerts = resourcesOfType(json, "alicloud_sls_alert").map(([, a]) => a);
    // errors + duration for v1, v2 and the alias
    expect(alerts).toHaveLength(6);
    const v2 = alerts.find((a) => /v=2 errors/.test(a.description))!;
    expect(v2.configuration.query_list[0].query).toMatch(/versionId: "\$\{alicloud_fcv3_function_version\./);
    expect(v2.configuration.query_list[0].query).toMatch(/qualifier: "release"/);
    expect(v2.configuration.group_configuration).toEqual({ type: "custom", fields: ["versionId"] });
    expect(v2.configuration.policy_configuration.action_policy_id).toBe("fc-oncall");
    const fn = Object.values<TfJson>(json.resource.alicloud_fcv3_function)[0];
    expect(fn.log_config[0] ?? fn.log_config).toMatchObject({
      project: "orders-logs",
      logstore: "requests",
      enable_request_metrics: true,
    });
    const index = Object.values<TfJson>(json.resource.alicloud_log_store_index)[0];
    expect(index.field_search.map((f: TfJson) => [f.name, f.type])).toEqual([
      ["functionName", "text"],
      ["versionId", "text"],
      ["qualifier", "text"],
      ["hasFunctionError", "text"],
      ["durationMs", "double"],
    ]);
    const cms = resourcesOfType(json, "alicloud_cms_alarm").map(([, a]) => a);
    expect(cms.map((a) => a.metric).sort()).toEqual([
      "FunctionAvgDuration",
      "FunctionConcurrencyThrottles",
      "FunctionFunctionErrors",
    ]);
    expect(cms.every((a) => /all versions/.test(a.name))).toBe(true);
    expect(JSON.parse(cms[0].metric_dimensions)).toEqual([{ region: "cn-hangzhou", functionName: "orders" }]);
    expect(watched(alarms).function).toHaveLength(3);
  });

  test("fc3: throttles cannot be scoped to a version: a warning names the alias", () => {
    const { stack } = build("fc3", STEPS[1]);
    const w = warnings(stack).map((x) => x.message);
    expect(
      w.some((m) => /alias release of orders: throttles of v1 \(primary\)/.test(m) && /all versions/.test(m)),
    ).toBe(true);
  });

  test("fc2: FunctionQualifier* metrics with the qualifier dimension (version id, alias name)", () => {
    const { json } = build("fc2", STEPS[1]);
    const cms = resourcesOfType(json, "alicloud_cms_alarm").map(([, a]) => a);
    expect(cms).toHaveLength(9);
    expect(new Set(cms.map((a) => a.metric))).toEqual(
      new Set([
        "FunctionQualifierFunctionErrors",
        "FunctionQualifierConcurrencyThrottles",
        "FunctionQualifierAvgDuration",
      ]),
    );
    const qualifiers = cms.map((a) => JSON.parse(a.metric_dimensions)[0].qualifier).sort();
    expect(new Set(qualifiers)).toEqual(new Set(["1", "2", "release"]));
    expect(cms.every((a) => a.silence_time === 300 && a.period === 60 && a.contact_groups[0] === "ops")).toBe(
      true,
    );
  });

  test("thresholds, period, consecutive periods and severity are props; a signal can be turned off", () => {
    const { json } = build("fc2", STEPS[1], {
      alarms: {
        signals: { duration: false },
        canary: { errors: { threshold: 5, periodSeconds: 120, consecutivePeriods: 2, severity: "warning" } },
      },
    });
    const cms = resourcesOfType(json, "alicloud_cms_alarm").map(([, a]) => a);
    expect(cms).toHaveLength(6);
    const canary = cms.find((a) => /v=2 errors/.test(a.name))!;
    expect(canary.period).toBe(120);
    expect(canary.escalations_warn[0] ?? canary.escalations_warn).toMatchObject({ threshold: "5", times: 2 });
    expect(canary.escalations_critical).toBeUndefined();
  });

  test.each([
    [{ signals: { errors: { periodSeconds: 90 } } }, /periodSeconds 90/],
    [{ signals: { errors: { consecutivePeriods: 0 } } }, /consecutivePeriods 0/],
    [{ signals: { errors: { severity: "loud" } } }, /severity "loud"/],
    [{ notification: { tencentNoticeIds: [] } }, /tencentNoticeIds/],
    [{ notification: { tencentNoticeIds: ["AKIDabcdefghijklmnop"] } }, /looks like an access key/],
  ])("invalid props are refused: %j", (alarms, message) => {
    expect(
      thrown(() => build("scf", STEPS[0], { alarms: alarms as Partial<ReleaseAlarmsProps> })).message,
    ).toMatch(message);
  });

  test("fc3 requires the log destination and the action policy", () => {
    expect(thrown(() => build("fc3", STEPS[0], { alarms: { fc3Logs: undefined } })).message).toMatch(
      /fc3Logs/,
    );
  });

  test("a stage target watches the aliases the stage calls", () => {
    let alarms!: ReleaseAlarms;
    synthStack((stack) => {
      const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1", "2"] }));
      const release = new CanaryAlias(stack, "release", {
        function: fn,
        aliasName: "release",
        version: "1",
        canary: { version: "2", weight: 0.2 },
      });
      const gw = new StagedApiGateway(stack, "api", {
        function: fn,
        name: "orders_api",
        stages: { release: { alias: release }, prepub: false, dev: false },
      });
      alarms = new ReleaseAlarms(stack, "alarms", {
        target: { gateway: gw, stage: "release" },
        notification: { tencentNoticeIds: ["notice-ops"] },
      });
    });
    expect(Object.keys(watched(alarms)).sort()).toEqual(["1", "2", "alias"]);
  });
});

describe("ReleaseAlarms edge cases", () => {
  test("scf rule canary: the rule-routed version is watched and provisioned in full", () => {
    const { alarms, capacity, stack } = build(
      "scf",
      {
        name: "rule",
        versions: ["1", "2"],
        version: "1",
        canary: { version: "2", rules: [{ source: "header", name: "User", operator: "=", value: "Bob" }] },
      },
      { capacity: { strategy: "proportional" } },
    );
    expect(Object.keys(watched(alarms)).sort()).toEqual(["1", "2", "alias"]);
    expect(capacity!.targets.map((t) => [t.key, t.amount])).toEqual([
      ["1", 10],
      ["2", 10],
    ]);
    expect(warnings(stack).some((w) => /decided by rules/.test(w.message))).toBe(true);
  });

  test("scf $DEFAULT traffic: $LATEST and the newest version are watched; $LATEST is not provisioned", () => {
    let alarms!: ReleaseAlarms;
    let capacity!: ProvisionedCapacity;
    const { stack } = synthStack((stack) => {
      const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1"] }));
      const alias = CanaryAlias.scfDefaultTraffic(stack, "default", fn, 0.2);
      alarms = new ReleaseAlarms(stack, "alarms", {
        target: alias,
        notification: { tencentNoticeIds: ["n-1"] },
      });
      capacity = new ProvisionedCapacity(stack, "cap", { target: alias, total: 5 });
    });
    expect(Object.keys(watched(alarms)).sort()).toEqual(["$LATEST", "1", "alias"]);
    expect(capacity.targets.map((t) => t.key)).toEqual(["1"]);
    expect(warnings(stack).some((w) => /\$LATEST, which cannot be provisioned/.test(w.message))).toBe(true);
  });

  test("scf: a remark marker over 100 characters is refused", () => {
    expect(
      thrown(() =>
        synthStack((stack) => {
          const fn = new FunctionWithVersions(
            stack,
            "fn",
            fnProps("scf", { functionName: "f".repeat(60), versions: ["1"] }),
          );
          const alias = new CanaryAlias(stack, "a", {
            function: fn,
            aliasName: "a".repeat(40),
            version: "1",
          });
          new ReleaseAlarms(stack, "alarms", { target: alias, notification: { tencentNoticeIds: ["n-1"] } });
        }),
      ).message,
    ).toMatch(/longer than 100 characters/);
  });

  test("a canary with weight 0 and no rules serves nothing through the alias: no alarms, no capacity", () => {
    const { alarms, capacity } = build(
      "scf",
      { name: "w0", versions: ["1", "2"], version: "1", canary: { version: "2", weight: 0 } },
      { capacity: {} },
    );
    expect(Object.keys(watched(alarms)).sort()).toEqual(["1", "alias"]);
    expect(capacity!.targets.map((t) => t.key)).toEqual(["1"]);
  });
});

describe("FC 3.0 request logs", () => {
  function two(
    second: { project: string; logstore: string; create?: boolean },
    first = { project: "p-logs", logstore: "s", create: false },
  ) {
    return synthStack((stack) => {
      const fn = new FunctionWithVersions(stack, "fn", fnProps("fc3", { versions: ["1"] }));
      const notify = {
        notification: { contactGroups: ["ops"], slsActionPolicyId: "x" },
        region: "cn-hangzhou",
      };
      const a = new CanaryAlias(stack, "a", { function: fn, aliasName: "a", version: "1" });
      const b = new CanaryAlias(stack, "b", { function: fn, aliasName: "b", version: "1" });
      new ReleaseAlarms(stack, "alarmsA", { target: a, ...notify, fc3Logs: first });
      new ReleaseAlarms(stack, "alarmsB", { target: b, ...notify, fc3Logs: second });
    });
  }

  test("create: false keeps your project and logstore; the index and function-level alarms are made once", () => {
    const { json } = two({ project: "p-logs", logstore: "s" });
    expect(json.resource.alicloud_log_project).toBeUndefined();
    expect(json.resource.alicloud_log_store).toBeUndefined();
    expect(Object.keys(json.resource.alicloud_log_store_index)).toHaveLength(1);
    expect(resourcesOfType(json, "alicloud_cms_alarm")).toHaveLength(3);
    expect(resourcesOfType(json, "alicloud_sls_alert")).toHaveLength(8);
  });

  test("a second ReleaseAlarms on the function must use the same logstore", () => {
    expect(thrown(() => two({ project: "other-logs", logstore: "s" })).message).toMatch(
      /request logs already go to p-logs\/s/,
    );
  });
});

describe("ProvisionedCapacity follows the routing", () => {
  const scfConfigs = (json: TfJson) =>
    resourcesOfType(json, "tencentcloud_scf_provisioned_concurrency_config").map(([name, c]) => ({
      name,
      qualifier: c.qualifier as string,
      n: c.version_provisioned_concurrency_num as number,
    }));

  test("scf full: one config per served version, stable across steps, gone when the version stops serving", () => {
    const seen = STEPS.map((s) => scfConfigs(build("scf", s, { capacity: { strategy: "full" } }).json));
    expect(seen.map((s) => s.length)).toEqual([1, 2, 2, 1, 1]);
    expect(seen.every((s) => s.every((c) => c.n === 10))).toBe(true);
    const v1 = (s: (typeof seen)[number]) => s.find((c) => /v1/.test(c.name));
    expect(v1(seen[1])).toEqual(v1(seen[0]));
    expect(v1(seen[2])).toEqual(v1(seen[0]));
    expect(v1(seen[3])).toBeUndefined();
    expect(seen[3][0].name).toEqual(seen[2].find((c) => /v3/.test(c.name))!.name);
    expect(seen.flat().every((c) => /function_version/.test(c.qualifier))).toBe(true);
  });

  test("scf: the alias depends on the configs (provisioned before traffic shifts)", () => {
    const { json } = build("scf", STEPS[1], { capacity: {} });
    const alias = Object.values<TfJson>(json.resource.tencentcloud_scf_function_alias)[0];
    expect(alias.depends_on.filter((d: string) => d.startsWith("tencentcloud_scf_provisioned"))).toHaveLength(
      2,
    );
  });

  test("scf proportional: ceil(total × share), with a warning about ForceNew replacements", () => {
    const { json, stack } = build("scf", STEPS[2], { capacity: { strategy: "proportional", total: 10 } });
    expect(
      scfConfigs(json)
        .map((c) => c.n)
        .sort((a, b) => a - b),
    ).toEqual([3, 7]);
    expect(warnings(stack).some((w) => /ForceNew/.test(w.message))).toBe(true);
  });

  test("scf: the quota is checked (sum <= quota - 100)", () => {
    expect(thrown(() => build("scf", STEPS[1], { capacity: { total: 60, quota: 200 } })).message).toMatch(
      /totals 120 .*quota 200 minus 100 = 100/,
    );
    expect(() => build("scf", STEPS[1], { capacity: { total: 50, quota: 200 } })).not.toThrow();
  });

  test("fc3: one provision config per alias, qualifier = alias, both always_allocate flags sent, split warning", () => {
    const a = build("fc3", STEPS[1], { capacity: {} });
    const b = build("fc3", STEPS[3], { capacity: {} });
    const cfg = (json: TfJson) => resourcesOfType(json, "alicloud_fcv3_provision_config");
    expect(cfg(a.json)).toHaveLength(1);
    expect(cfg(a.json)[0][0]).toEqual(cfg(b.json)[0][0]);
    expect(cfg(a.json)[0][1]).toMatchObject({
      qualifier: "release",
      target: 10,
      always_allocate_cpu: true,
      always_allocate_gpu: false,
    });
    expect(warnings(a.stack).some((w) => /undocumented/.test(w.message))).toBe(true);
  });

  test("invalid props are refused", () => {
    expect(thrown(() => build("scf", STEPS[0], { capacity: { total: 0 } })).message).toMatch(
      /invalid total 0/,
    );
    expect(thrown(() => build("scf", STEPS[0], { capacity: { strategy: "half" as never } })).message).toMatch(
      /invalid strategy "half"/,
    );
    expect(
      thrown(() => build("fc3", STEPS[0], { capacity: { alwaysAllocateCpu: "yes" as never } })).message,
    ).toMatch(/invalid alwaysAllocateCpu "yes"/);
  });

  test("fc3: the stated quota is checked against the total on the alias", () => {
    expect(thrown(() => build("fc3", STEPS[1], { capacity: { total: 20, quota: 10 } })).message).toMatch(
      /total 20, above the stated quota 10/,
    );
  });

  test("fc2 is refused with a clear message", () => {
    expect(thrown(() => build("fc2", STEPS[0], { capacity: {} })).message).toMatch(
      /cannot be declared on Alibaba FC 2.0: the alicloud provider has no FC 2.0 provision-config resource/,
    );
  });
});
