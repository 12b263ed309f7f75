/**
 * #13 item 8: two StagedApiGateways with the same `name` are refused: within one stack on Tencent (two
 * services service_a_release…), across the stacks of one app on Alibaba (group names, per region).
 */
import { App, TerraformStack, Testing } from "cdktf";
import { FunctionWithVersions, ReleaseValidationError, StagedApiGateway } from "../../src";
import { fnProps, thrown } from "../helpers/synth";

type Platform = "scf" | "fc3";

function gateway(
  stack: TerraformStack,
  id: string,
  platform: Platform,
  name: string,
  region = "cn-hangzhou",
) {
  const fn = new FunctionWithVersions(
    stack,
    `${id}Fn`,
    fnProps(platform, { functionName: `${id.toLowerCase()}_fn`, versions: ["1"] }),
  );
  return new StagedApiGateway(stack, id, {
    function: fn,
    name,
    stages: { release: { alias: "1" }, prepub: false },
    ...(platform === "fc3" ? { region } : {}),
  });
}

describe("StagedApiGateway names are unique", () => {
  it.each<Platform>(["scf", "fc3"])(
    "%s: a second gateway with the same name in one stack is refused",
    (p) => {
      const stack = new TerraformStack(Testing.app(), "test");
      gateway(stack, "A", p, "service_a");
      const e = thrown(() => gateway(stack, "B", p, "service_a"));
      expect(e).toBeInstanceOf(ReleaseValidationError);
      expect((e as ReleaseValidationError).constructPath).toBe("test/B");
      expect(e.message).toContain('gateway name "service_a" is already used by test/A');
      expect(e.message).toContain("allowed: a name no other StagedApiGateway of this");
    },
  );

  it("fc3: the same group name in another stack of the same app is refused, with the region", () => {
    const app: App = Testing.app();
    gateway(new TerraformStack(app, "one"), "A", "fc3", "service_a");
    const e = thrown(() => gateway(new TerraformStack(app, "two"), "B", "fc3", "service_a"));
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toBe(
      'two/B: gateway name "service_a" is already used by one/A in this app: API Gateway group names are unique per ' +
        "region (cn-hangzhou) and account: the second CreateApiGroup for service_a would fail at apply, in whichever " +
        "stack of the app applies second; allowed: a name no other StagedApiGateway of this app uses in cn-hangzhou",
    );
  });

  it("fc3: the same group name in another region, or in another app, is fine", () => {
    const app = Testing.app();
    gateway(new TerraformStack(app, "one"), "A", "fc3", "service_a");
    gateway(new TerraformStack(app, "two"), "B", "fc3", "service_a", "cn-shanghai");
    gateway(new TerraformStack(Testing.app(), "three"), "C", "fc3", "service_a");
  });

  it("scf: the same service-name prefix in two stacks of one app is fine (one stack per region/account)", () => {
    const app = Testing.app();
    gateway(new TerraformStack(app, "one"), "A", "scf", "service_a");
    gateway(new TerraformStack(app, "two"), "B", "scf", "service_a");
  });
});
