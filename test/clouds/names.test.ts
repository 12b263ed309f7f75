/**
 * Name rules per cloud (api-name-rules.md, "Suggested synth-time checks"): table tests with valid
 * and invalid rows, and the derived names, which must satisfy their rules for every valid input.
 */
import { ALIBABA_NAME_RULES, alibabaGatewayNames, fc3TriggerName } from "../../src/clouds/alicloud/names";
import { fitName, NameRule, nameProblem } from "../../src/clouds/names";
import {
  TENCENT_SUB_DOMAIN_RULE,
  tencentApiNameRule,
  tencentServiceNameRule,
  tencentStageNames,
} from "../../src/clouds/tencentcloud/names";

function table(rule: NameRule, valid: readonly string[], invalid: readonly unknown[]) {
  test.each(valid.map((v) => [v]))(`${rule.what}: valid %p`, (v) => {
    expect(nameProblem(rule, v)).toBeUndefined();
  });
  test.each(invalid.map((v) => [v]))(`${rule.what}: invalid %p`, (v) => {
    expect(nameProblem(rule, v)).toBe(rule.allowed);
  });
}

describe("Alibaba", () => {
  const R = ALIBABA_NAME_RULES;
  table(
    R.group,
    ["canary_demo", "orders_api", "Orders1", "订单服务", "订单_api", "abcd", "a".repeat(50)],
    [
      "canary-demo",
      "canary-fn-api",
      "abc",
      "1orders",
      "_orders",
      "orders api",
      "orders.api",
      "a".repeat(51),
      "",
      7,
    ],
  );
  table(R.api, ["orders_api", "订单接口"], ["orders-api", "abc", "9orders"]);
  table(R.backend, ["orders_api_fc"], ["orders-api-fc", "fc"]);
  table(
    R.plugin,
    ["orders_api_prepub_routing", "1abc", "订单abc"],
    ["_orders", "orders-routing", "abc", "a".repeat(51)],
  );
  table(
    R.ramRole,
    ["orders-api-apigw-invoke", "a.b-c", "A", "a".repeat(64)],
    ["orders_api-apigw-invoke", "订单-apigw-invoke", "", "a".repeat(65)],
  );
  table(
    R.ramPolicy,
    ["orders-api-invoke-fc", "a".repeat(128)],
    ["orders_api-invoke-fc", "a.b", "", "a".repeat(129)],
  );
  table(
    R.fc3Trigger,
    ["apigw-release-releasetrigger", "_t", "a".repeat(64)],
    ["1trigger", "-trigger", "a".repeat(65), "apigw.release"],
  );

  const VALID_GROUPS = [
    "canary_demo",
    "orders_api",
    "abcd",
    "a".repeat(50),
    "订单服务",
    "订单_api",
    "Z_" + "9".repeat(48),
    "x".repeat(20) + "_" + "y".repeat(29),
  ];

  it.each(VALID_GROUPS.map((g) => [g]))("every name derived from group %p satisfies its rule", (group) => {
    const n = alibabaGatewayNames(group);
    expect(nameProblem(R.group, n.group)).toBeUndefined();
    expect(nameProblem(R.api, n.api)).toBeUndefined();
    expect(nameProblem(R.backend, n.backend)).toBeUndefined();
    expect(nameProblem(R.ramRole, n.ramRole)).toBeUndefined();
    expect(nameProblem(R.ramPolicy, n.ramPolicy)).toBeUndefined();
    for (const stage of ["release", "prepub", "dev"])
      expect(nameProblem(R.plugin, n.plugin(stage))).toBeUndefined();
  });

  it("RAM names map '_' to '-' and keep the rest", () => {
    const n = alibabaGatewayNames("orders_api");
    expect(n.ramRole).toBe("orders-api-apigw-invoke");
    expect(n.ramPolicy).toBe("orders-api-invoke-fc");
    expect(n.backend).toBe("orders_api_fc");
    expect(n.plugin("prepub")).toBe("orders_api_prepub_routing");
  });

  it("RAM names of groups with Chinese characters keep the ASCII part and add a hash, so they stay apart", () => {
    const a = alibabaGatewayNames("订单_api");
    const b = alibabaGatewayNames("支付_api");
    expect(a.ramRole).toMatch(/^api-[0-9a-f]{6}-apigw-invoke$/);
    expect(a.ramRole).not.toBe(b.ramRole);
    expect(alibabaGatewayNames("订单服务").ramRole).toMatch(/^[0-9a-f]{6}-apigw-invoke$/);
  });

  it("long groups: derived names are capped without losing the suffix, and differ between groups", () => {
    const a = alibabaGatewayNames("a".repeat(49) + "b");
    const b = alibabaGatewayNames("a".repeat(49) + "c");
    expect(a.backend).toHaveLength(50);
    expect(a.backend.endsWith("_fc")).toBe(true);
    expect(a.backend).not.toBe(b.backend);
    expect(a.plugin("release")).toHaveLength(50);
    expect(a.plugin("release").endsWith("_release_routing")).toBe(true);
    expect(a.ramRole.length).toBeLessThanOrEqual(64);
    expect(a.ramRole).not.toBe(b.ramRole);
  });

  it("trigger names are capped at 64", () => {
    expect(fc3TriggerName("release", "ReleaseTrigger")).toBe("apigw-release-releasetrigger");
    const long = fc3TriggerName("prepub", `Prepub${"X".repeat(80)}Trigger`);
    expect(long).toHaveLength(64);
    expect(nameProblem(R.fc3Trigger, long)).toBeUndefined();
  });
});

describe("Tencent", () => {
  table(
    tencentServiceNameRule(),
    ["orders_api", "service_a", "S", "a".repeat(50)],
    ["orders-api", "service-a", "1orders", "_a", "orders api", "a".repeat(51), ""],
  );
  table(tencentServiceNameRule({ allowDash: true }), ["orders-api", "orders_api"], ["1orders", "-a", "a.b"]);
  table(tencentApiNameRule(), ["orders_api_release", "a".repeat(60)], ["orders-api", "a".repeat(61), ""]);
  table(tencentApiNameRule({ allowDash: true }), ["orders-api-release"], ["orders.api"]);
  table(
    TENCENT_SUB_DOMAIN_RULE,
    ["api.example.com", "a.b.cn", "x-1.example.com"],
    [
      "example",
      "*.example.com",
      "https://api.example.com",
      "api.example.com/x",
      "-a.example.com",
      "a_b.example.com",
    ],
  );

  it.each([["orders_api"], ["a".repeat(50)], ["S"]])(
    "stage names derived from %p satisfy the service and API rules",
    (name) => {
      for (const stage of ["release", "prepub", "dev"]) {
        const n = tencentStageNames(name, stage);
        expect(nameProblem(tencentServiceNameRule(), n.service)).toBeUndefined();
        expect(nameProblem(tencentApiNameRule(), n.api)).toBeUndefined();
      }
    },
  );

  it("joins with '_' by default and with '-' when dashes are allowed", () => {
    expect(tencentStageNames("orders_api", "release")).toEqual({
      service: "orders_api_release",
      api: "orders_api_release",
    });
    expect(tencentStageNames("orders-api", "release", { allowDash: true })).toEqual({
      service: "orders-api-release",
      api: "orders-api-release",
    });
  });
});

describe("fitName", () => {
  it.each([
    ["abc", "_x", 10, "abc_x"],
    ["abcdefghij", "_release", 12, undefined],
  ])("fitName(%p, %p, %p)", (base, suffix, max, expected) => {
    const out = fitName(base, suffix, max, "_");
    expect(out.length).toBeLessThanOrEqual(max);
    expect(out.endsWith(suffix)).toBe(true);
    if (expected !== undefined) expect(out).toBe(expected);
  });
});
