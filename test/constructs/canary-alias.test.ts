import { TerraformStack, TerraformVariable, Token } from "cdktf";
import {
  CanaryAlias,
  CanaryAliasProps,
  CanaryRule,
  FunctionWithVersions,
  ReleaseValidationError,
  routingSummary,
} from "../../src";
import { FcAlias } from "../../src/.gen/providers/alicloud/fc-alias";
import { Fcv3Alias } from "../../src/.gen/providers/alicloud/fcv3-alias";
import { ScfFunctionAlias } from "../../src/.gen/providers/tencentcloud/scf-function-alias";
import {
  annotations,
  fnProps,
  newStack,
  resourcesOfType,
  synthExisting,
  synthStack,
  thrown,
  warnings,
} from "../helpers/synth";

type Platform = "scf" | "fc3" | "fc2";
const PLATFORMS: readonly Platform[] = ["scf", "fc3", "fc2"];

/** Logical ids cdktf gives the version resources of function "fn" (stable: they derive from the construct path). */
const SCF_V = (label: string) =>
  `\${tencentcloud_scf_function_version.${{ "1": "fn_Version-1_D8D22B22", "2": "fn_Version-2_B683D582" }[label]}.function_version}`;
const FC3_V = (label: string) =>
  `\${alicloud_fcv3_function_version.${{ "1": "fn_Version-1_D8D22B22", "2": "fn_Version-2_B683D582" }[label]}.version_id}`;

const HEADER_BOB: CanaryRule = { source: "header", name: "User", operator: "=", value: "Bob" };

/** A function "fn" (versions 1, 2, 3) and one alias "release" built from `alias` props. */
function withAlias(
  platform: Platform,
  alias: Partial<CanaryAliasProps> = {},
  stack?: TerraformStack,
): { stack: TerraformStack; fn: FunctionWithVersions; alias: CanaryAlias } {
  const s = stack ?? newStack().stack;
  const fn = new FunctionWithVersions(s, "fn", fnProps(platform, { versions: ["1", "2", "3"] }));
  const a = new CanaryAlias(s, "release", { function: fn, aliasName: "release", version: "1", ...alias });
  return { stack: s, fn, alias: a };
}

/** The message of the error building `alias` throws; asserts it is a ReleaseValidationError at test/release. */
function aliasError(platform: Platform, alias: Partial<CanaryAliasProps>): string {
  const e = thrown(() => withAlias(platform, alias));
  expect(e).toBeInstanceOf(ReleaseValidationError);
  expect((e as ReleaseValidationError).constructPath).toBe("test/release");
  // The path opens the message once ("test/release: …" or "test/release references …").
  expect(/^test\/release[: ]/.test(e.message) && !e.message.startsWith("test/release: test/release")).toBe(
    true,
  );
  return e.message;
}

describe("CanaryAlias on Tencent SCF", () => {
  it("weighted canary: routing_config.additional_version_weights with version references and the digest as description", () => {
    let alias!: CanaryAlias;
    const { json, synthesized } = synthStack((stack) => {
      alias = withAlias("scf", { canary: { version: "2", weight: 0.1 } }, stack).alias;
    });
    const [[fnId]] = resourcesOfType(json, "tencentcloud_scf_function");
    expect(synthesized).toHaveResourceWithProperties(ScfFunctionAlias, {
      name: "release",
      function_name: `\${tencentcloud_scf_function.${fnId}.name}`,
      function_version: SCF_V("1"),
      description: `release: v1 90% | v2 10% | ids v1=${SCF_V("1")} v2=${SCF_V("2")}`,
      routing_config: { additional_version_weights: [{ version: SCF_V("2"), weight: 0.1 }] },
    });
    expect(alias.summary).toBe("release: v1 90% | v2 10%");
    expect(alias.summary).toBe(routingSummary("scf", alias.routing));
    expect(alias.routing).toEqual({
      name: "release",
      primary: "1",
      weights: [{ version: "2", weight: 0.1 }],
      matches: undefined,
    });
    expect(alias.resource).toBeInstanceOf(ScfFunctionAlias);
    const [[, body]] = resourcesOfType(json, "tencentcloud_scf_function_alias");
    expect(body.routing_config).not.toHaveProperty("additional_version_matches");
  });

  it("header rule: additional_version_matches key invoke.headers.User, method exact", () => {
    const { json, synthesized } = synthStack((stack) => {
      withAlias("scf", { canary: { version: "2", rules: [HEADER_BOB] } }, stack);
    });
    expect(synthesized).toHaveResourceWithProperties(ScfFunctionAlias, {
      function_version: SCF_V("1"),
      description: `release: v1 | invoke.headers.User exact "Bob" → v2 | ids v1=${SCF_V("1")} v2=${SCF_V("2")}`,
      routing_config: {
        additional_version_matches: [
          { version: SCF_V("2"), key: "invoke.headers.User", method: "exact", expression: "Bob" },
        ],
      },
    });
    const [[, body]] = resourcesOfType(json, "tencentcloud_scf_function_alias");
    expect(body.routing_config).not.toHaveProperty("additional_version_weights");
  });

  it("range rule: method range with the interval as expression", () => {
    const { synthesized } = synthStack((stack) => {
      withAlias(
        "scf",
        {
          canary: {
            version: "2",
            rules: [{ source: "header", name: "Uid", operator: "range", value: "[0,30]" }],
          },
        },
        stack,
      );
    });
    expect(synthesized).toHaveResourceWithProperties(ScfFunctionAlias, {
      routing_config: {
        additional_version_matches: [
          { version: SCF_V("2"), key: "invoke.headers.Uid", method: "range", expression: "[0,30]" },
        ],
      },
    });
  });

  it("without a canary: an empty routing_config, 100% digest; namespace and description prefix are passed", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { namespace: "shop", versions: ["1"] }));
    new CanaryAlias(stack, "release", {
      function: fn,
      aliasName: "release",
      version: "1",
      description: "Checkout",
    });
    const { json } = synthExisting(stack);
    const [[, body]] = resourcesOfType(json, "tencentcloud_scf_function_alias");
    expect(body.routing_config).toEqual({});
    expect(body.namespace).toBe("shop");
    expect(body.description).toBe(`Checkout | release: v1 100% | ids v1=${SCF_V("1")}`);
  });

  it("$DEFAULT creates no alias resource, but is modelled, output and annotated", () => {
    let alias!: CanaryAlias;
    const { json, stack } = synthStack((stack) => {
      const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1", "2"] }));
      alias = new CanaryAlias(stack, "default", {
        function: fn,
        aliasName: "$DEFAULT",
        version: "1",
        canary: { version: "2", weight: 0.25 },
      });
    });
    expect(alias.resource).toBeUndefined();
    expect(json.resource).not.toHaveProperty("tencentcloud_scf_function_alias");
    expect(alias.summary).toBe("$DEFAULT: v1 75% | v2 25%");
    expect(Object.values(json.output)).toEqual([
      { value: "$DEFAULT: v1 75% | v2 25%", description: "Routing of alias $DEFAULT of function orders" },
    ]);
    const info = annotations(stack, "info");
    expect(info).toHaveLength(1);
    expect(info[0].path).toBe("test/default");
    expect(info[0].message).toContain("$DEFAULT is built into every SCF function");
  });

  it("scfDefaultTraffic: $LATEST primary, the rest to the newest published version", () => {
    let alias!: CanaryAlias;
    const { json } = synthStack((stack) => {
      const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1", "2", "3"] }));
      alias = CanaryAlias.scfDefaultTraffic(stack, "default", fn, 0.1);
    });
    expect(alias.aliasName).toBe("$DEFAULT");
    expect(alias.routing).toEqual({
      name: "$DEFAULT",
      primary: "$LATEST",
      weights: [{ version: "3", weight: 0.9 }],
      matches: undefined,
    });
    expect(alias.summary).toBe("$DEFAULT: $LATEST 10% | v3 90%");
    expect(alias.resource).toBeUndefined();
    expect(json.resource).not.toHaveProperty("tencentcloud_scf_function_alias");
    expect(Object.values(json.output).map((o: unknown) => (o as { value: string }).value)).toEqual([
      "$DEFAULT: $LATEST 10% | v3 90%",
    ]);
  });

  it("scfDefaultTraffic without published versions: all traffic to $LATEST", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("scf"));
    const alias = CanaryAlias.scfDefaultTraffic(stack, "default", fn, 0.1);
    expect(alias.summary).toBe("$DEFAULT: $LATEST 100%");
    synthExisting(stack);
  });
});

describe("CanaryAlias on Alibaba FC 3.0", () => {
  it("weighted canary: additional_version_weight map keyed by the version reference", () => {
    let alias!: CanaryAlias;
    const { json, synthesized } = synthStack((stack) => {
      alias = withAlias("fc3", { canary: { version: "2", weight: 0.1 } }, stack).alias;
    });
    const [[fnId]] = resourcesOfType(json, "alicloud_fcv3_function");
    expect(synthesized).toHaveResourceWithProperties(Fcv3Alias, {
      function_name: `\${alicloud_fcv3_function.${fnId}.function_name}`,
      alias_name: "release",
      version_id: FC3_V("1"),
      description: "release: v1 90% | v2 10%",
      additional_version_weight: { [FC3_V("2")]: 0.1 },
    });
    expect(alias.routing).toEqual({ name: "release", versionId: "1", weights: { "2": 0.1 } });
    expect(alias.resource).toBeInstanceOf(Fcv3Alias);
  });

  it("without a canary: an empty additional_version_weight", () => {
    const { json } = synthStack((stack) => {
      withAlias("fc3", {}, stack);
    });
    const [[, body]] = resourcesOfType(json, "alicloud_fcv3_alias");
    expect(body.additional_version_weight).toEqual({});
    expect(body.description).toBe("release: v1 100%");
  });

  it("truncates a long description to the 256 characters FC accepts", () => {
    const { json } = synthStack((stack) => {
      withAlias("fc3", { description: "x".repeat(300), canary: { version: "2", weight: 0.1 } }, stack);
    });
    const [[, body]] = resourcesOfType(json, "alicloud_fcv3_alias");
    expect(body.description).toHaveLength(256);
    expect(body.description).toMatch(/… #[0-9a-f]{8} \| release: v1 90% \| v2 10%$/);
  });
});

describe("CanaryAlias on Alibaba FC 2.0", () => {
  it("weighted canary: alicloud_fc_alias routing_config.additional_version_weights keyed by the version id", () => {
    const { json, synthesized } = synthStack((stack) => {
      withAlias("fc2", { canary: { version: "2", weight: 0.1 } }, stack);
    });
    const [[serviceId]] = resourcesOfType(json, "alicloud_fc_service");
    const [[fnId]] = resourcesOfType(json, "alicloud_fc_function");
    expect(synthesized).toHaveResourceWithProperties(FcAlias, {
      service_name: `\${alicloud_fc_service.${serviceId}.name}`,
      alias_name: "release",
      service_version: "1",
      description: "release: v1 90% | v2 10%",
      routing_config: { additional_version_weights: { "2": 0.1 } },
      depends_on: [`alicloud_fc_function.${fnId}`],
    });
  });

  it('fc2Rules "simulate-only": weight-only Terraform, a warning, and the rules kept in the routing model', () => {
    let alias!: CanaryAlias;
    const { json, stack } = synthStack((stack) => {
      alias = withAlias(
        "fc2",
        {
          fc2Rules: "simulate-only",
          canary: {
            version: "2",
            weight: 0.2,
            match: "any",
            rules: [HEADER_BOB, { source: "query", name: "beta", operator: "=", value: "1" }],
          },
        },
        stack,
      ).alias;
    });
    const [[, body]] = resourcesOfType(json, "alicloud_fc_alias");
    expect(body.routing_config).toEqual({ additional_version_weights: { "2": 0.2 } });
    expect(Object.keys(body).sort()).toEqual([
      "alias_name",
      "depends_on",
      "description",
      "lifecycle",
      "routing_config",
      "service_name",
      "service_version",
    ]);
    expect(alias.routing).toEqual({
      name: "release",
      versionId: "1",
      weights: { "2": 0.2 },
      resolvePolicy: "Content",
      routePolicy: {
        condition: "OR",
        policyItems: [
          { type: "Header", key: "User", value: "Bob", operator: "=" },
          { type: "Param", key: "beta", value: "1", operator: "=" },
        ],
      },
    });
    const w = warnings(stack);
    expect(w).toHaveLength(1);
    expect(w[0].path).toBe("test/release");
    expect(w[0].message).toContain(
      "FC 2.0 rules are simulated only: the deployed alias routes by weight (0.2)",
    );
  });

  it('fc2Rules "simulate-only" without a weight deploys weight 0', () => {
    let alias!: CanaryAlias;
    const { json } = synthStack((stack) => {
      alias = withAlias(
        "fc2",
        { fc2Rules: "simulate-only", canary: { version: "2", rules: [HEADER_BOB] } },
        stack,
      ).alias;
    });
    const [[, body]] = resourcesOfType(json, "alicloud_fc_alias");
    expect(body.routing_config).toEqual({ additional_version_weights: { "2": 0 } });
    expect(alias.routing).toMatchObject({ resolvePolicy: "Content", routePolicy: { condition: "AND" } });
  });
});

describe("routing output", () => {
  it.each(PLATFORMS)("%s: one TerraformOutput per alias with the summary", (platform) => {
    const { json } = synthStack((stack) => {
      const { fn } = withAlias(platform, { canary: { version: "2", weight: 0.5 } }, stack);
      new CanaryAlias(stack, "prepub", { function: fn, aliasName: "prepub", version: "3" });
    });
    const outputs = Object.entries<{ value: string; description: string }>(json.output).sort(([a], [b]) =>
      a.localeCompare(b),
    );
    expect(outputs.map(([id]) => id)).toEqual([
      expect.stringMatching(/^prepub_routing_/),
      expect.stringMatching(/^release_routing_/),
    ]);
    // FC 2.0 aliases belong to the service, FC 3.0 and SCF aliases to the function.
    const owner = platform === "fc2" ? "service" : "function";
    expect(outputs.map(([, o]) => o)).toEqual([
      { value: "prepub: v3 100%", description: `Routing of alias prepub of ${owner} orders` },
      { value: "release: v1 50% | v2 50%", description: `Routing of alias release of ${owner} orders` },
    ]);
  });
});

describe("validation messages", () => {
  describe.each(PLATFORMS)("%s", (platform) => {
    it("weight 10 looks like a percentage and suggests 0.1", () => {
      const m = aliasError(platform, { canary: { version: "2", weight: 10 } });
      expect(m).toContain("weight 10 looks like a percentage; weights are fractions (use 0.1 for 10%)");
    });

    it("weight 1.5 looks like a percentage", () => {
      expect(aliasError(platform, { canary: { version: "2", weight: 1.5 } })).toContain(
        "weight 1.5 looks like a percentage; weights are fractions (use 0.015 for 1.5%)",
      );
    });

    it.each([1 + 2 ** -52, 1.0001, 100.5, 150])(
      "weight %p gets no percentage hint (it would not help)",
      (w) => {
        const m = aliasError(platform, { canary: { version: "2", weight: w } });
        expect(m).toContain(`weight outside [0, 1]: got ${w}`);
        expect(m).not.toContain("percentage");
      },
    );

    it("weight 1.1 suggests 0.011, not 0.011000000000000001", () => {
      expect(aliasError(platform, { canary: { version: "2", weight: 1.1 } })).toContain(
        "weight 1.1 looks like a percentage; weights are fractions (use 0.011 for 1.1%)",
      );
    });

    it("weight -0.1 is outside [0, 1]", () => {
      expect(aliasError(platform, { canary: { version: "2", weight: -0.1 } })).toContain(
        "weight outside [0, 1]: got -0.1; allowed: a fraction in [0, 1]",
      );
    });

    it("weight NaN is not a finite number", () => {
      expect(aliasError(platform, { canary: { version: "2", weight: NaN } })).toContain(
        "weight is not a finite number: got NaN",
      );
    });

    it("weights 0 and 1 are accepted", () => {
      for (const weight of [0, 1]) {
        synthStack((stack) => {
          withAlias(platform, { canary: { version: "2", weight } }, stack);
        });
      }
    });

    it("an unknown canary label names the alias path, the label and the known labels", () => {
      const m = aliasError(platform, { canary: { version: "9", weight: 0.1 } });
      const latest = platform === "scf" ? "$LATEST" : "LATEST";
      expect(m).toBe(
        `test/release references version "9", which test/fn does not declare; ` +
          `allowed: "${latest}", "1", "2", "3". A version an alias or stage still serves cannot be removed: move them off it first`,
      );
    });

    it("an unknown primary label is refused the same way", () => {
      expect(aliasError(platform, { version: "7" })).toContain('test/release references version "7"');
    });

    it("a canary with neither weight nor rules is refused", () => {
      expect(aliasError(platform, { canary: { version: "2" } })).toBe(
        'test/release: canary "2" has neither a weight nor rules; allowed: a weight in [0, 1] (0.1 = 10%) and/or rules',
      );
    });

    it("a duplicate alias name is refused at the second alias", () => {
      const { stack, fn } = withAlias(platform);
      const e = thrown(
        () => new CanaryAlias(stack, "again", { function: fn, aliasName: "release", version: "2" }),
      );
      expect(e).toBeInstanceOf(ReleaseValidationError);
      expect(e.message).toMatch(/^test\/again: /);
      expect(e.message).toContain(platform === "scf" ? "[ResourceInUse.Alias]" : "[AliasAlreadyExists]");
      expect(e.message).toContain("alias release of");
      expect(e.message).toContain("already exists");
    });

    it("the same alias name on two functions is fine", () => {
      synthStack((stack) => {
        for (const name of ["orders", "billing"]) {
          const fn = new FunctionWithVersions(
            stack,
            name,
            fnProps(platform, { functionName: name, versions: ["1"] }),
          );
          new CanaryAlias(stack, `${name}-release`, { function: fn, aliasName: "release", version: "1" });
        }
      });
    });

    it("a Token weight is skipped by validation, synthesized as a reference and kept in the summary", () => {
      let alias!: CanaryAlias;
      const { json } = synthStack((stack) => {
        const w = Token.asNumber(new TerraformVariable(stack, "w", { type: "number" }).value);
        alias = withAlias(platform, { canary: { version: "2", weight: w } }, stack).alias;
      });
      const type = {
        scf: "tencentcloud_scf_function_alias",
        fc3: "alicloud_fcv3_alias",
        fc2: "alicloud_fc_alias",
      }[platform];
      const [[, body]] = resourcesOfType(json, type);
      const weight = {
        scf: () => body.routing_config.additional_version_weights[0].weight,
        fc3: () => Object.values(body.additional_version_weight)[0],
        fc2: () => body.routing_config.additional_version_weights["2"],
      }[platform]();
      expect(weight).toBe("${var.w}");
      const ids = platform === "scf" ? ` | ids v1=${SCF_V("1")} v2=${SCF_V("2")}` : "";
      expect(body.description).toBe(`release: v1 | v2 weight \${var.w}${ids}`);
      expect(body.description).not.toMatch(/e\+\d+/);
      expect(Token.isUnresolved(alias.summary)).toBe(true);
    });
  });

  it("canary equal to primary: AdditionalVersionContainsMajorVersion on FC", () => {
    for (const platform of ["fc3", "fc2"] as const) {
      const m = aliasError(platform, { canary: { version: "1", weight: 0.1 } });
      expect(m).toContain("[AdditionalVersionContainsMajorVersion]");
      expect(m).toContain("an additional version other than the primary '1'");
    }
  });

  it("canary equal to primary: InvalidParameterValue.RoutingConfig on SCF", () => {
    const m = aliasError("scf", { canary: { version: "1", weight: 0.1 } });
    expect(m).toContain("[InvalidParameterValue.RoutingConfig]");
    expect(m).toContain("additional version equals FunctionVersion");
  });

  it.each<[string, CanaryRule]>([
    ["cookie", { source: "cookie", name: "uid", operator: "=", value: "b" }],
    ["query", { source: "query", name: "beta", operator: "=", value: "1" }],
    ["header !=", { source: "header", name: "User", operator: "!=", value: "Bob" }],
  ])("scf: a %s rule is refused, naming StagedApiGateway", (_name, rule) => {
    const m = aliasError("scf", { canary: { version: "2", rules: [rule] } });
    expect(m).toContain("canary.rules[0]");
    expect(m).toContain("cannot be expressed by an SCF alias");
    expect(m).toContain("StagedApiGateway");
  });

  it("scf: weight together with rules is refused", () => {
    const m = aliasError("scf", { canary: { version: "2", weight: 0.1, rules: [HEADER_BOB] } });
    expect(m).toBe(
      "test/release: SCF aliases route by weight or by rules, not both (InvalidParameterValue.RoutingConfig); " +
        "got weight 0.1 and 1 rule(s); allowed: drop the weight, or move the rules to StagedApiGateway gateway routing",
    );
  });

  it("fc3: rules are refused in one line, naming StagedApiGateway", () => {
    const m = aliasError("fc3", { canary: { version: "2", weight: 0.1, rules: [HEADER_BOB] } });
    expect(m).toBe(
      "test/release: FC 3.0 aliases route by weight only (no resolvePolicy/routePolicy in the API); got 1 rule(s); " +
        "allowed: a weight, or header/query canaries through StagedApiGateway gateway routing",
    );
  });

  it("fc2: rules are refused by default, pointing at StagedApiGateway and simulate-only", () => {
    const m = aliasError("fc2", { canary: { version: "2", weight: 0.1, rules: [HEADER_BOB] } });
    expect(m).toContain("FC 2.0 rule routing cannot be expressed by the alicloud provider");
    expect(m).toContain("StagedApiGateway");
    expect(m).toContain('fc2Rules: "simulate-only"');
  });

  it("fc: a range rule is refused", () => {
    for (const platform of ["fc2"] as const) {
      const m = aliasError(platform, {
        fc2Rules: "simulate-only",
        canary: {
          version: "2",
          rules: [{ source: "header", name: "Uid", operator: "range", value: "[0,30]" }],
        },
      });
      expect(m).toContain('canary.rules[0] has source "header" and operator "range"');
    }
  });

  it("an invalid alias name is refused with the cloud's rule", () => {
    expect(aliasError("scf", { aliasName: "1bad name" })).toContain("[InvalidParameterValue.Name]");
    expect(aliasError("fc3", { aliasName: "1bad name" })).toContain("invalid aliasName");
  });

  it("FC aliases must not point at LATEST", () => {
    expect(aliasError("fc3", { version: "LATEST" })).toContain("an alias must not point at LATEST");
  });

  it("function must be a FunctionWithVersions", () => {
    const { stack } = newStack();
    const e = thrown(
      () =>
        new CanaryAlias(stack, "release", {
          function: {} as FunctionWithVersions,
          aliasName: "release",
          version: "1",
        }),
    );
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toBe(
      "test/release: function must be a FunctionWithVersions; got {}; allowed: a FunctionWithVersions construct",
    );
  });
});
