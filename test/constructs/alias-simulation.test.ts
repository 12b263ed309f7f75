import { TencentcloudProvider } from "../../src/.gen/providers/tencentcloud/provider";
import { AlicloudProvider } from "../../src/.gen/providers/alicloud/provider";
import { CanaryAlias, FunctionWithVersions, ReleaseValidationError } from "../../src";
import { fnProps, newStack, synthExisting, synthStack, thrown } from "../helpers/synth";

const BOB = { source: "header", name: "User", operator: "=", value: "Bob" } as const;

describe("CanaryAlias.simulate / sample / expect", () => {
  it("scf: routes by the invoke RoutingKey and explains the rule", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1", "2", "3", "4"] }));
    const prepub = new CanaryAlias(stack, "prepub", {
      function: fn,
      aliasName: "prepub",
      version: "3",
      canary: { version: "4", rules: [BOB] },
    });
    const bob = prepub.simulate({ routingKey: '{"User":"Bob"}' });
    expect(bob).toMatchObject({ alias: "prepub", version: "4", reason: "rule:hit", matchedRule: 0 });
    expect(bob.explanation).toBe('match 0 (invoke.headers.User exact "Bob") hit → v4');
    expect(prepub.simulate({ routingKey: '{"User":"Alice"}' })).toMatchObject({
      version: "3",
      reason: "rule:miss",
    });
    prepub.expect({ request: { routingKey: '{"User":"Bob"}' }, reaches: "4" }, { reaches: "3" });
  });

  it("a weighted alias samples its declared share, and a wrong expectation fails naming the alias", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("fc3", { versions: ["1", "2"] }));
    const release = new CanaryAlias(stack, "release", {
      function: fn,
      aliasName: "release",
      version: "1",
      canary: { version: "2", weight: 0.1 },
    });
    const result = release.sample({}, 20000);
    const v2 = result.versions.find((v) => v.version === "2")!;
    expect(v2.ci99.low).toBeLessThan(0.1);
    expect(v2.ci99.high).toBeGreaterThan(0.1);
    release.expect({ share: { version: "2", percent: 10, tolerance: 1.5 } });
    const e = thrown(() =>
      release.expect({ share: { version: "2", percent: 30, tolerance: 2 }, samples: 20000 }),
    );
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toMatch(
      /^test\/release: routing expectation failed:\n {2}release sends 30% ± 2 points to v2: expected 30% ± 2 points to v2, actual 9\.8% over 20000 requests: v1 90\.2% \| v2 9\.8% \(request 0: draw ≥ 0\.1 \(total additional weight\) → primary v1\)$/,
    );
    expect(thrown(() => release.expect({ reaches: "2" })).message).toContain(
      "release reaches v2: expected every request to reach v2, actual over 10000 requests: v1 90",
    );
  });

  it("fc2 simulate-only rules: the simulator applies the rule, the deployed description says it is weight-only", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("fc2", { versions: ["1", "2"] }));
    const alias = new CanaryAlias(stack, "alias1", {
      function: fn,
      aliasName: "alias1",
      version: "1",
      fc2Rules: "simulate-only",
      canary: {
        version: "2",
        rules: [{ source: "header", name: "x-test-uid", operator: "=", value: "1001" }],
      },
    });
    expect(alias.simulate({ headers: { "X-Test-Uid": "1001" } })).toMatchObject({
      version: "2",
      reason: "rule:hit",
    });
    expect(alias.simulate({ headers: { "x-test-uid": "1002" } })).toMatchObject({
      version: "1",
      reason: "rule:miss",
    });
    expect(alias.summary).toBe(
      'alias1: v1 | Header x-test-uid = "1001" → v2 (rules simulated only; Terraform deploys v1 100% | v2 0%)',
    );
    const { json } = synthExisting(stack);
    const [body] = Object.values<{ description: string }>(json.resource.alicloud_fc_alias);
    expect(body.description).toBe(alias.summary);
  });
});

describe("CanaryAlias.scfDefaultTraffic", () => {
  it("is refused on FC with a clear message", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("fc3", { versions: ["1"] }));
    expect(thrown(() => CanaryAlias.scfDefaultTraffic(stack, "d", fn, 0.1)).message).toBe(
      "test/d: scfDefaultTraffic is for Tencent SCF's built-in $DEFAULT alias; test/fn is Alibaba FC 3.0; allowed: a CanaryAlias with a weight on FC",
    );
  });

  it.each([
    [10, " (looks like a percentage: use 0.1)"],
    [1.1, " (looks like a percentage: use 0.011)"],
    [1 + 2 ** -52, ""],
    [1.0001, ""],
    [-0.5, ""],
    [Number.NaN, ""],
  ])("refuses latestShare %p", (share, hint) => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1"] }));
    expect(thrown(() => CanaryAlias.scfDefaultTraffic(stack, "d", fn, share)).message).toBe(
      `test/d: latestShare must be a number in [0, 1] known at synth time${hint}; got ${share}; allowed: e.g. 0.1 for 10% on $LATEST`,
    );
  });

  it("traffic 0.1 sends 10% to $LATEST and 90% to the last published version", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1", "2"] }));
    const d = CanaryAlias.scfDefaultTraffic(stack, "d", fn, 0.1);
    expect(d.summary).toBe("$DEFAULT: $LATEST 10% | v2 90%");
    d.expect({ share: { version: "$LATEST", percent: 10, tolerance: 1.5 } });
  });
});

describe("default providers", () => {
  it("one default provider block per cloud, however many functions", () => {
    const { json } = synthStack((stack) => {
      new FunctionWithVersions(stack, "a", fnProps("scf", { functionName: "a1" }));
      new FunctionWithVersions(stack, "b", fnProps("scf", { functionName: "b1" }));
      new FunctionWithVersions(stack, "c", fnProps("fc3", { functionName: "c1" }));
    });
    expect(json.provider).toEqual({ tencentcloud: [{}], alicloud: [{}] });
  });

  it("a provider the user declares after the function replaces the library's default one", () => {
    const { json } = synthStack((stack) => {
      new FunctionWithVersions(stack, "a", fnProps("scf"));
      new TencentcloudProvider(stack, "tencentcloud", { region: "ap-shanghai" });
      new FunctionWithVersions(stack, "c", fnProps("fc3"));
      new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    });
    expect(json.provider).toEqual({
      tencentcloud: [{ region: "ap-shanghai" }],
      alicloud: [{ region: "cn-hangzhou" }],
    });
  });

  it("an aliased user provider does not replace the default one", () => {
    const { json } = synthStack((stack) => {
      new FunctionWithVersions(stack, "a", fnProps("scf"));
      new TencentcloudProvider(stack, "sh", { region: "ap-shanghai", alias: "sh" });
    });
    expect(json.provider.tencentcloud).toEqual([{}, { alias: "sh", region: "ap-shanghai" }]);
  });
});
