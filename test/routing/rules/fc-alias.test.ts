/** FC CreateAlias / UpdateAlias rules V1–V12 (routing-semantics.md §8), one describe per rule. */
import { show } from "../../../src/routing/diagnostics";
import {
  V1_FcAliasNameRequired,
  V2_FcAliasNameFormat,
  V3_FcAliasUnique,
  V4_FcPrimaryVersion,
  V5_FcDescriptionLength,
  V6_FcWeightsExcludePrimary,
  V7_FcWeights,
  V8_FcResolvePolicy,
  V9_FcRoutePolicy,
  V10_FcContentNeedsPolicyAndCanary,
  V11_Fc3VersionIdLength,
  V12_Fc3NoRules,
} from "../../../src/routing/rules";
import { FcAlias, FunctionModel } from "../../../src/routing/types";
import { validate, ValidateOptions } from "../../../src/routing/validate";
import {
  check,
  Expected,
  expectCompliant,
  expectNoncompliant,
  expectRuleSilent,
  fc2ContentAlias,
  fc2Model,
  fc2With,
  fc3Model,
  fc3With,
  fcAlias,
  isUnresolved,
  Loose,
  title,
  TOKEN,
} from "./fixtures";

interface Row {
  readonly label: string;
  readonly model: FunctionModel;
  readonly opts?: ValidateOptions;
  readonly expected: Expected;
}

/** V1–V7 apply to FC 2.0 and FC 3.0 (V11); messages name a service or a function. */
const FC = [
  {
    platform: "fc2",
    build: (alias: Loose<FcAlias>, model: object = {}): FunctionModel => fc2With(alias, model),
    owner: "service 'svc'",
  },
  {
    platform: "fc3",
    build: (alias: Loose<FcAlias>, model: object = {}): FunctionModel => fc3With(alias, model),
    owner: "function 'fn'",
  },
] as const;

type FcPlatform = (typeof FC)[number];

function onBothFc(rows: (p: FcPlatform) => Row[]): Row[] {
  return FC.flatMap((p) => rows(p).map((r) => ({ ...r, label: `${r.label} (${p.platform})` })));
}

const PUBLISHED = '"1", "2", "3"';
const A = "aliases[release]";

describe(title(V1_FcAliasNameRequired, "FcAliasNameRequired"), () => {
  test.each(FC)("Compliance ($platform)", ({ build }) => {
    expectCompliant(V1_FcAliasNameRequired, build({ name: "release" }));
  });

  test.each(
    onBothFc(({ build }) => [
      {
        label: "empty aliasName",
        model: build({ name: "" }),
        expected: { code: "InvalidArgument", path: "aliases[0].name", value: '""', allowed: "non-empty" },
      },
      {
        label: "missing aliasName",
        model: build({ name: undefined }),
        expected: {
          code: "InvalidArgument",
          path: "aliases[0].name",
          value: "undefined",
          allowed: "non-empty",
        },
      },
      {
        label: "aliasName not a string",
        model: build({ name: 7 }),
        expected: { code: "InvalidArgument", path: "aliases[0].name", value: "7", allowed: "non-empty" },
      },
    ]),
  )("Noncompliance $#: $label", ({ model, opts, expected }) => {
    const d = expectNoncompliant(V1_FcAliasNameRequired, model, expected, opts);
    expect(d.httpStatus).toBe(400);
  });
});

describe(title(V2_FcAliasNameFormat, "FcAliasNameFormat"), () => {
  test.each(
    FC.flatMap(({ platform, build }) =>
      ["release", "_canary", "a", "Prod-2_b", "latest", "a".repeat(128)].map((name) => ({
        platform,
        name,
        model: build({ name }),
      })),
    ),
  )("Compliance ($platform, $name)", ({ model }) => {
    expectCompliant(V2_FcAliasNameFormat, model);
  });

  const allowed = "1-128 letters, digits, '_' or '-', starting with a letter or '_', not LATEST";
  const long = "a".repeat(129);
  test.each(
    onBothFc(({ build }) =>
      [
        ["starts with a digit", "1abc", "aliases[1abc].name"],
        ["starts with '-'", "-abc", "aliases[-abc].name"],
        ["contains '.'", "a.b", "aliases[a.b].name"],
        ["contains a space", "a b", "aliases[a b].name"],
        ["non-ASCII letter", "名字", "aliases[名字].name"],
        ["reserved LATEST", "LATEST", "aliases[LATEST].name"],
        ["129 characters", long, "aliases[0].name"],
      ].map(([label, name, path]) => ({
        label,
        model: build({ name }),
        expected: { code: "InvalidArgument", path, value: show(name), allowed },
      })),
    ),
  )("Noncompliance $#: $label", ({ model, expected }) => {
    expectNoncompliant(V2_FcAliasNameFormat, model, expected);
  });
});

describe(title(V3_FcAliasUnique, "FcAliasUnique"), () => {
  test.each(FC)("Compliance ($platform)", ({ build }) => {
    expectCompliant(V3_FcAliasUnique, build({}, { aliases: [fcAlias(), fcAlias({ name: "canary" })] }));
  });

  test.each(
    onBothFc(({ build, owner }) => [
      {
        label: "two aliases named release",
        model: build({}, { aliases: [fcAlias(), fcAlias({ versionId: "2", weights: {} })] }),
        expected: {
          code: "AliasAlreadyExists",
          path: `${A}.name`,
          value: '"release"',
          allowed: "one alias per name",
          mentions: [`alias release of ${owner} already exists`],
        },
      },
      {
        label: "three aliases, one name twice among them",
        model: build(
          {},
          { aliases: [fcAlias(), fcAlias({ name: "canary" }), fcAlias({ name: "canary", weights: {} })] },
        ),
        expected: {
          code: "AliasAlreadyExists",
          path: "aliases[canary].name",
          value: '"canary"',
          allowed: "one alias per name",
        },
      },
    ]),
  )("Noncompliance $#: $label", ({ model, expected }) => {
    expect(expectNoncompliant(V3_FcAliasUnique, model, expected).httpStatus).toBe(409);
  });
});

describe(title(V4_FcPrimaryVersion, "FcPrimaryVersion"), () => {
  test.each(FC)("Compliance ($platform)", ({ build }) => {
    expectCompliant(V4_FcPrimaryVersion, build({ versionId: "3" }));
  });

  test.each(FC)("Compliance: LATEST with allowLatestPrimary ($platform)", ({ build }) => {
    expectCompliant(V4_FcPrimaryVersion, build({ versionId: "LATEST" }), {
      options: { allowLatestPrimary: true },
    });
  });

  test.each(
    onBothFc(({ build, owner }) => [
      {
        label: "versionId missing",
        model: build({ versionId: undefined }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.versionId`,
          value: "undefined",
          allowed: `a published version: ${PUBLISHED}`,
        },
      },
      {
        label: "versionId empty",
        model: build({ versionId: "" }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.versionId`,
          value: '""',
          allowed: `a published version: ${PUBLISHED}`,
        },
      },
      {
        label: "versionId LATEST",
        model: build({ versionId: "LATEST" }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.versionId`,
          value: '"LATEST"',
          allowed: `a published version (${PUBLISHED}), or LATEST with the allowLatestPrimary option`,
          mentions: ["must not point at LATEST"],
        },
      },
      {
        label: "versionId not published",
        model: build({ versionId: "9" }),
        expected: {
          code: "VersionNotFound",
          path: `${A}.versionId`,
          value: '"9"',
          allowed: `a published version: ${PUBLISHED}`,
          mentions: [`version '9' of ${owner} does not exist`],
        },
      },
      {
        label: "no version published yet",
        model: build({ versionId: "1", weights: {} }, { publishedVersions: [] }),
        expected: {
          code: "VersionNotFound",
          path: `${A}.versionId`,
          value: '"1"',
          allowed: "a published version: (none)",
        },
      },
    ]),
  )("Noncompliance $#: $label", ({ model, expected }) => {
    const d = expectNoncompliant(V4_FcPrimaryVersion, model, expected);
    expect(d.httpStatus).toBe(expected.code === "VersionNotFound" ? 404 : 400);
  });
});

describe(title(V5_FcDescriptionLength, "FcDescriptionLength"), () => {
  test.each(
    FC.flatMap(({ platform, build }) =>
      [undefined, "", "canary 10%", "d".repeat(256)].map((description) => ({
        platform,
        length: description?.length,
        model: build({ description }),
      })),
    ),
  )("Compliance ($platform, length $length)", ({ model }) => {
    expectCompliant(V5_FcDescriptionLength, model);
  });

  test.each(
    onBothFc(({ build }) => [
      {
        label: "257 characters",
        model: build({ description: "d".repeat(257) }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.description`,
          value: '"257 characters"',
          allowed: "0-256 characters",
        },
      },
      {
        label: "not a string",
        model: build({ description: 42 }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.description`,
          value: "42",
          allowed: "0-256 characters",
        },
      },
    ]),
  )("Noncompliance $#: $label", ({ model, expected }) => {
    expectNoncompliant(V5_FcDescriptionLength, model, expected);
  });
});

describe(title(V6_FcWeightsExcludePrimary, "FcWeightsExcludePrimary"), () => {
  test.each(FC)("Compliance ($platform)", ({ build }) => {
    expectCompliant(V6_FcWeightsExcludePrimary, build({ versionId: "1", weights: { "2": 0.5 } }));
  });

  test.each(
    onBothFc(({ build }) => [
      {
        label: "the primary is also the additional version",
        model: build({ versionId: "2", weights: { "2": 0.1 } }),
        expected: {
          code: "AdditionalVersionContainsMajorVersion",
          path: `${A}.weights["2"]`,
          value: '{"2":0.1}',
          allowed: "an additional version other than the primary '2'",
          mentions: ["additionalVersionWeight should not contain major version 2"],
        },
      },
      {
        label: "the primary among several entries",
        model: build({ versionId: "3", weights: { "2": 0.1, "3": 0 } }, {}),
        opts: { options: { maxAdditionalVersions: 2 } },
        expected: {
          code: "AdditionalVersionContainsMajorVersion",
          path: `${A}.weights["3"]`,
          value: '{"2":0.1,"3":0}',
          allowed: "other than the primary '3'",
        },
      },
    ]),
  )("Noncompliance $#: $label", ({ model, opts, expected }) => {
    expect(expectNoncompliant(V6_FcWeightsExcludePrimary, model, expected, opts).httpStatus).toBe(400);
  });
});

describe(title(V7_FcWeights, "FcWeights"), () => {
  test.each(
    FC.flatMap(({ platform, build }) =>
      [
        { label: "weight 0 (not 'unset')", weights: { "2": 0 } },
        { label: "weight 1 (all traffic to the canary)", weights: { "2": 1 } },
        { label: "weight 0.05", weights: { "2": 0.05 } },
        { label: "no weights", weights: undefined },
        { label: "empty map", weights: {} },
        { label: "two versions summing to exactly 1", weights: { "2": 0.3, "3": 0.7 }, max: 2 },
        { label: "float noise 0.1+0.2+0.7", weights: { "2": 0.1, "3": 0.2, "4": 0.7 }, max: 3 },
      ].map(({ label, weights, max }) => ({
        label: `${label} (${platform})`,
        model: build({ weights }, { publishedVersions: ["1", "2", "3", "4"] }),
        opts: { options: { maxAdditionalVersions: max ?? 1 } },
      })),
    ),
  )("Compliance: $label", ({ model, opts }) => {
    expectCompliant(V7_FcWeights, model, opts);
  });

  const FRACTION = "a fraction in [0, 1]";
  test.each(
    onBothFc(({ build, owner }) => [
      {
        label: "weight -0.1",
        model: build({ weights: { "2": -0.1 } }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.weights["2"]`,
          value: "-0.1",
          allowed: FRACTION,
          mentions: ["outside [0, 1]"],
        },
      },
      {
        label: "weight 1.5",
        model: build({ weights: { "2": 1.5 } }),
        expected: { code: "InvalidArgument", path: `${A}.weights["2"]`, value: "1.5", allowed: FRACTION },
      },
      {
        label: "weight NaN",
        model: build({ weights: { "2": NaN } }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.weights["2"]`,
          value: "NaN",
          allowed: FRACTION,
          mentions: ["not a finite number"],
        },
      },
      {
        label: "weight Infinity",
        model: build({ weights: { "2": Infinity } }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.weights["2"]`,
          value: "Infinity",
          allowed: FRACTION,
          mentions: ["not a finite number"],
        },
      },
      {
        label: "weight as a string",
        model: build({ weights: { "2": "0.1" } }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.weights["2"]`,
          value: '"0.1"',
          allowed: FRACTION,
          mentions: ["not a finite number"],
        },
      },
      {
        label: "weight 10 meant as 10%",
        model: build({ weights: { "2": 10 } }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.weights["2"]`,
          value: "10",
          allowed: FRACTION,
          mentions: ["looks like a percentage", "use 0.1 for 10%"],
        },
      },
      {
        label: "weight 150 (not even a percentage)",
        model: build({ weights: { "2": 150 } }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.weights["2"]`,
          value: "150",
          allowed: FRACTION,
          mentions: ["outside [0, 1]"],
        },
      },
      {
        label: "weights sum above 1 (0.6 + 0.5)",
        model: build({ weights: { "2": 0.6, "3": 0.5 } }),
        opts: { options: { maxAdditionalVersions: 2 } },
        expected: {
          code: "InvalidArgument",
          path: `${A}.weights`,
          value: "1.1",
          allowed: "a sum of weights of at most 1",
          mentions: ["sum above 1"],
        },
      },
      {
        label: "two additional versions",
        model: build({ weights: { "2": 0.1, "3": 0.1 } }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.weights`,
          value: '{"2":0.1,"3":0.1}',
          allowed: "at most 1 additional version(s) (maxAdditionalVersions)",
        },
      },
      {
        label: "three additional versions with maxAdditionalVersions 2",
        model: build(
          { weights: { "2": 0.1, "3": 0.1, "4": 0.1 } },
          { publishedVersions: ["1", "2", "3", "4"] },
        ),
        opts: { options: { maxAdditionalVersions: 2 } },
        expected: {
          code: "InvalidArgument",
          path: `${A}.weights`,
          value: '{"2":0.1,"3":0.1,"4":0.1}',
          allowed: "at most 2 additional version(s)",
        },
      },
      {
        label: "unknown additional version",
        model: build({ weights: { "9": 0.1 } }),
        expected: {
          code: "VersionNotFound",
          path: `${A}.weights["9"]`,
          value: '"9"',
          allowed: `a published version: ${PUBLISHED}`,
          mentions: [`version '9' of ${owner} does not exist`],
        },
      },
      {
        label: "additional version LATEST (not published)",
        model: build({ weights: { LATEST: 0.1 } }),
        expected: {
          code: "VersionNotFound",
          path: `${A}.weights["LATEST"]`,
          value: '"LATEST"',
          allowed: `a published version: ${PUBLISHED}`,
        },
      },
      {
        label: "weights not a map",
        model: build({ weights: [0.1] }),
        expected: {
          code: "InvalidArgument",
          path: `${A}.weights`,
          value: "[0.1]",
          allowed: 'a map of version id to fraction, e.g. {"2": 0.1}',
        },
      },
    ]),
  )("Noncompliance $#: $label", ({ model, opts, expected }) => {
    const d = expectNoncompliant(V7_FcWeights, model, expected, opts);
    expect(d.httpStatus).toBe(expected.code === "VersionNotFound" ? 404 : 400);
  });

  test("an invalid weight on an unknown version reports both", () => {
    const diags = check(V7_FcWeights, fc2With({ weights: { "9": 10 } }));
    expect(diags.map((d) => [d.code, d.path])).toEqual([
      ["InvalidArgument", `${A}.weights["9"]`],
      ["VersionNotFound", `${A}.weights["9"]`],
    ]);
  });
});

describe(title(V8_FcResolvePolicy, "FcResolvePolicy"), () => {
  test.each([
    { label: "Random", model: fc2With({ resolvePolicy: "Random" }) },
    { label: "Content", model: fc2Model({ aliases: [fc2ContentAlias()] }) },
    { label: "unset (Random)", model: fc2With({ resolvePolicy: undefined }) },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V8_FcResolvePolicy, model);
  });

  test("FC 3.0 is out of scope (V12 reports any resolvePolicy)", () => {
    expect(check(V8_FcResolvePolicy, fc3With({ resolvePolicy: "Weighted" }))).toEqual([]);
  });

  test.each(
    ["random", "Weighted", "CONTENT", ""].map((p) => ({
      label: JSON.stringify(p),
      model: fc2With({ resolvePolicy: p }),
      expected: {
        code: "InvalidArgument",
        path: `${A}.resolvePolicy`,
        value: JSON.stringify(p),
        allowed: "Random, Content",
      },
    })),
  )("Noncompliance $#: $label", ({ model, expected }) => {
    expectNoncompliant(V8_FcResolvePolicy, model, expected);
  });
});

describe(title(V9_FcRoutePolicy, "FcRoutePolicy"), () => {
  const item = (overrides: Record<string, unknown> = {}) => ({
    type: "Header",
    key: "x-test-uid",
    value: "42",
    operator: "=",
    ...overrides,
  });
  const withPolicy = (routePolicy: unknown) => fc2Model({ aliases: [fc2ContentAlias({ routePolicy })] });
  const withItems = (...policyItems: unknown[]) => withPolicy({ condition: "AND", policyItems });
  const RP = `${A}.routePolicy`;

  test.each([
    { label: "one Header = item", model: withItems(item()) },
    {
      label: "OR of Cookie and Param",
      model: withPolicy({
        condition: "OR",
        policyItems: [item({ type: "Cookie" }), item({ type: "Param" })],
      }),
    },
    ...["=", "!=", ">", "<", ">=", "<=", "in"].map((operator) => ({
      label: `operator ${operator}`,
      model: withItems(item({ operator })),
    })),
    { label: 'percent "1"', model: withItems(item({ operator: "percent", value: "1" })) },
    { label: 'percent "100"', model: withItems(item({ operator: "percent", value: "100" })) },
    { label: 'percent "50"', model: withItems(item({ operator: "percent", value: "50" })) },
    {
      label: "routePolicy in Random mode",
      model: fc2With({ routePolicy: { condition: "AND", policyItems: [item()] } }),
    },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V9_FcRoutePolicy, model);
  });

  const ITEM = "{ type, key, value, operator }";
  test.each<Omit<Row, "opts">>([
    {
      label: "routePolicy not an object",
      model: withPolicy("x-test-uid=42"),
      expected: {
        code: "InvalidArgument",
        path: RP,
        value: '"x-test-uid=42"',
        allowed: "{ condition: AND|OR, policyItems: [...] }",
      },
    },
    {
      label: "condition XOR",
      model: withPolicy({ condition: "XOR", policyItems: [item()] }),
      expected: { code: "InvalidArgument", path: `${RP}.condition`, value: '"XOR"', allowed: "AND, OR" },
    },
    {
      label: "condition lower-case",
      model: withPolicy({ condition: "and", policyItems: [item()] }),
      expected: { code: "InvalidArgument", path: `${RP}.condition`, value: '"and"', allowed: "AND, OR" },
    },
    {
      label: "condition missing",
      model: withPolicy({ policyItems: [item()] }),
      expected: { code: "InvalidArgument", path: `${RP}.condition`, value: "undefined", allowed: "AND, OR" },
    },
    {
      label: "policyItems missing",
      model: withPolicy({ condition: "AND" }),
      expected: {
        code: "InvalidArgument",
        path: `${RP}.policyItems`,
        value: "undefined",
        allowed: `a non-empty list of ${ITEM}`,
      },
    },
    {
      label: "policyItems empty",
      model: withItems(),
      expected: {
        code: "InvalidArgument",
        path: `${RP}.policyItems`,
        value: "[]",
        allowed: `a non-empty list of ${ITEM}`,
      },
    },
    {
      label: "policy item not an object",
      model: withItems(null),
      expected: { code: "InvalidArgument", path: `${RP}.policyItems[0]`, value: "null", allowed: ITEM },
    },
    ...["type", "key", "value", "operator"].map((field) => ({
      label: `item lacks ${field}`,
      model: withItems(item(), item({ [field]: undefined })),
      expected: {
        code: "InvalidArgument",
        path: `${RP}.policyItems[1].${field}`,
        value: "undefined",
        allowed: "a non-empty string",
        mentions: [`lacks ${field}`],
      },
    })),
    {
      label: "item key empty",
      model: withItems(item({ key: "" })),
      expected: {
        code: "InvalidArgument",
        path: `${RP}.policyItems[0].key`,
        value: '""',
        allowed: "a non-empty string",
      },
    },
    ...["Query", "header", "Body"].map((type) => ({
      label: `type ${type}`,
      model: withItems(item({ type })),
      expected: {
        code: "InvalidArgument",
        path: `${RP}.policyItems[0].type`,
        value: JSON.stringify(type),
        allowed: "Header, Cookie, Param",
      },
    })),
    ...["==", "contains", "percentage", "not in"].map((operator) => ({
      label: `operator ${operator}`,
      model: withItems(item({ operator })),
      expected: {
        code: "InvalidArgument",
        path: `${RP}.policyItems[0].operator`,
        value: JSON.stringify(operator),
        allowed: "= != > < >= <= in percent",
      },
    })),
    ...["0", "101", "abc", "50.5", "-5", "05", " 50"].map((value) => ({
      label: `percent value ${JSON.stringify(value)}`,
      model: withItems(item({ operator: "percent", value })),
      expected: {
        code: "InvalidArgument",
        path: `${RP}.policyItems[0].value`,
        value: JSON.stringify(value),
        allowed: "an integer from 1 to 100",
      },
    })),
  ])("Noncompliance $#: $label", ({ model, expected }) => {
    expect(expectNoncompliant(V9_FcRoutePolicy, model, expected).httpStatus).toBe(400);
  });

  test("reports every bad item, not just the first", () => {
    const diags = check(
      V9_FcRoutePolicy,
      withItems(item({ type: "Query" }), item(), item({ operator: "~" })),
    );
    expect(diags.map((d) => d.path)).toEqual([`${RP}.policyItems[0].type`, `${RP}.policyItems[2].operator`]);
  });
});

describe(title(V10_FcContentNeedsPolicyAndCanary, "FcContentNeedsPolicyAndCanary"), () => {
  test.each([
    { label: "Content with a policy and one canary", model: fc2Model({ aliases: [fc2ContentAlias()] }) },
    { label: "Random without a policy", model: fc2With({ resolvePolicy: "Random", weights: {} }) },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V10_FcContentNeedsPolicyAndCanary, model);
  });

  const noPolicy = fc2Model({ aliases: [fc2ContentAlias({ routePolicy: undefined })] });
  const cases = (severity: "error" | "warning", opts: ValidateOptions): Row[] => [
    {
      label: `Content without a routePolicy → ${severity}`,
      model: noPolicy,
      opts,
      expected: {
        code: "InvalidArgument",
        severity,
        path: `${A}.routePolicy`,
        value: "undefined",
        allowed: "a routePolicy when resolvePolicy is Content",
      },
    },
    {
      label: `Content without weights → ${severity}`,
      model: fc2Model({ aliases: [fc2ContentAlias({ weights: undefined })] }),
      opts,
      expected: {
        code: "InvalidArgument",
        severity,
        path: `${A}.weights`,
        value: "undefined",
        allowed: "exactly one additional version",
      },
    },
    {
      label: `Content with an empty weight map → ${severity}`,
      model: fc2Model({ aliases: [fc2ContentAlias({ weights: {} })] }),
      opts,
      expected: {
        code: "InvalidArgument",
        severity,
        path: `${A}.weights`,
        value: "{}",
        allowed: "exactly one additional version",
      },
    },
    {
      label: `Content with two canaries → ${severity}`,
      model: fc2Model({ aliases: [fc2ContentAlias({ weights: { "2": 0, "3": 0 } })] }),
      opts: { options: { ...opts.options, maxAdditionalVersions: 2 } },
      expected: {
        code: "InvalidArgument",
        severity,
        path: `${A}.weights`,
        value: '{"2":0,"3":0}',
        allowed: "exactly one additional version",
      },
    },
  ];

  test.each([...cases("error", {}), ...cases("warning", { options: { lenient: true } })])(
    "Noncompliance $#: $label",
    ({ model, opts, expected }) => {
      expectNoncompliant(V10_FcContentNeedsPolicyAndCanary, model, expected, opts);
    },
  );

  test("lenient: Content without a routePolicy validates ok with a warning", () => {
    const result = validate(noPolicy, { options: { lenient: true } });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((d) => d.rule)).toEqual(["V10"]);
  });

  test("both problems at once: two diagnostics", () => {
    const model = fc2Model({ aliases: [fc2ContentAlias({ routePolicy: undefined, weights: {} })] });
    expect(check(V10_FcContentNeedsPolicyAndCanary, model).map((d) => d.path)).toEqual([
      `${A}.routePolicy`,
      `${A}.weights`,
    ]);
  });
});

describe(title(V11_Fc3VersionIdLength, "Fc3VersionIdLength"), () => {
  const ten = "1234567890";
  const eleven = "12345678901";

  test.each([
    { label: "10 characters", model: fc3With({ versionId: ten }, { publishedVersions: [ten, "2"] }) },
    {
      label: "long library labels assigned by the cloud",
      model: fc3With(
        { versionId: `v-${eleven}` },
        { publishedVersions: [`v-${eleven}`, "2"], versionIdsAssignedByCloud: true },
      ),
    },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V11_Fc3VersionIdLength, model);
  });

  test("FC 2.0 is out of scope", () => {
    expectCompliant(
      V11_Fc3VersionIdLength,
      fc2With({ versionId: eleven }, { publishedVersions: [eleven, "2"] }),
    );
  });

  test.each<Omit<Row, "opts">>([
    {
      label: "11 characters",
      model: fc3With({ versionId: eleven }, { publishedVersions: [eleven, "2"] }),
      expected: {
        code: "InvalidArgument",
        path: `${A}.versionId`,
        value: `"${eleven}"`,
        allowed: "a version id of 1-10 characters",
      },
    },
  ])("Noncompliance $#: $label", ({ model, expected }) => {
    expectNoncompliant(V11_Fc3VersionIdLength, model, expected);
  });

  test.each([
    ["V1", fc3With({ name: "" })],
    ["V2", fc3With({ name: "LATEST" })],
    ["V3", fc3Model({ aliases: [fcAlias(), fcAlias()] })],
    ["V4", fc3With({ versionId: "9" })],
    ["V5", fc3With({ description: "d".repeat(300) })],
    ["V6", fc3With({ weights: { "1": 0.1 } })],
    ["V7", fc3With({ weights: { "2": 10 } })],
  ])("rules 1–7 apply to FC 3.0: %s", (rule, model) => {
    expect(validate(model).errors.map((d) => d.rule)).toContain(rule);
  });
});

describe(title(V12_Fc3NoRules, "Fc3NoRules"), () => {
  test("Compliance: weights only", () => {
    expectCompliant(V12_Fc3NoRules, fc3Model());
  });

  test("FC 2.0 is out of scope", () => {
    expect(check(V12_Fc3NoRules, fc2Model({ aliases: [fc2ContentAlias()] }))).toEqual([]);
  });

  const policy = { condition: "AND", policyItems: [{ type: "Header", key: "k", value: "v", operator: "=" }] };
  const cases = (severity: "error" | "warning", opts: ValidateOptions): Row[] => [
    {
      label: `resolvePolicy → ${severity}`,
      model: fc3With({ resolvePolicy: "Content" }),
      opts,
      expected: {
        code: "InvalidArgument",
        severity,
        path: `${A}.resolvePolicy`,
        value: '"Content"',
        allowed: "weights only",
        mentions: ["FC 3.0 aliases have no resolvePolicy"],
      },
    },
    {
      label: `resolvePolicy Random → ${severity}`,
      model: fc3With({ resolvePolicy: "Random" }),
      opts,
      expected: {
        code: "InvalidArgument",
        severity,
        path: `${A}.resolvePolicy`,
        value: '"Random"',
        allowed: "weights only",
      },
    },
    {
      label: `routePolicy → ${severity}`,
      model: fc3With({ routePolicy: policy }),
      opts,
      expected: {
        code: "InvalidArgument",
        severity,
        path: `${A}.routePolicy`,
        value: show(policy),
        allowed: "weights only",
        mentions: ["FC 3.0 aliases have no routePolicy"],
      },
    },
    {
      label: `both → ${severity}`,
      model: fc3With({ resolvePolicy: "Content", routePolicy: policy }),
      opts,
      expected: {
        code: "InvalidArgument",
        severity,
        path: `${A}.routePolicy`,
        value: show(policy),
        allowed: "weights only",
        count: 2,
      },
    },
  ];

  test.each([...cases("error", {}), ...cases("warning", { options: { fc3RulePolicy: "warn" } })])(
    "Noncompliance $#: $label",
    ({ model, opts, expected }) => {
      expectNoncompliant(V12_Fc3NoRules, model, expected, opts);
    },
  );

  test('fc3RulePolicy "warn": the model validates ok', () => {
    const result = validate(fc3With({ resolvePolicy: "Content", routePolicy: policy }), {
      options: { fc3RulePolicy: "warn" },
    });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((d) => d.rule)).toEqual(["V12", "V12"]);
  });
});

describe("Unresolved tokens are skipped (FC)", () => {
  const opts: ValidateOptions = { isUnresolved };

  test.each([
    {
      label: "aliasName",
      rules: [V1_FcAliasNameRequired, V2_FcAliasNameFormat, V3_FcAliasUnique],
      alias: { name: TOKEN },
    },
    {
      label: "versionId",
      rules: [V4_FcPrimaryVersion, V6_FcWeightsExcludePrimary],
      alias: { versionId: TOKEN },
    },
    { label: "description", rules: [V5_FcDescriptionLength], alias: { description: TOKEN } },
    { label: "weight", rules: [V7_FcWeights], alias: { weights: { "2": TOKEN } } },
    { label: "weight version", rules: [V7_FcWeights], alias: { weights: { [TOKEN]: 0.1 } } },
    { label: "whole weight map", rules: [V7_FcWeights], alias: { weights: TOKEN } },
    { label: "resolvePolicy", rules: [V8_FcResolvePolicy], alias: { resolvePolicy: TOKEN, weights: {} } },
    {
      label: "Content weights",
      rules: [V10_FcContentNeedsPolicyAndCanary],
      alias: { ...fc2ContentAlias(), weights: TOKEN },
    },
    { label: "routePolicy", rules: [V9_FcRoutePolicy], alias: { routePolicy: TOKEN } },
    {
      label: "policyItems",
      rules: [V9_FcRoutePolicy],
      alias: { ...fc2ContentAlias(), routePolicy: { condition: TOKEN, policyItems: TOKEN } },
    },
    {
      label: "policy item fields",
      rules: [V9_FcRoutePolicy],
      alias: {
        ...fc2ContentAlias(),
        routePolicy: {
          condition: "OR",
          policyItems: [
            { type: TOKEN, key: TOKEN, value: TOKEN, operator: TOKEN },
            { type: "Header", key: "k", value: TOKEN, operator: "percent" },
          ],
        },
      },
    },
  ])("token $label → no diagnostic", ({ rules, alias }) => {
    const model = fc2With(alias);
    for (const rule of rules) expect(check(rule, model, opts)).toEqual([]);
    expect(validate(model, opts).diagnostics).toEqual([]);
  });

  test("token versionId on FC 3.0 (V11 length check skipped)", () => {
    const model = fc3With({ versionId: "${alicloud_fcv3_function_version.v.version_id}" });
    expectRuleSilent(V11_Fc3VersionIdLength, model, opts);
    expect(validate(model, opts).diagnostics).toEqual([]);
  });

  test("without isUnresolved the same token is an error", () => {
    expect(check(V4_FcPrimaryVersion, fc2With({ versionId: TOKEN }))).toHaveLength(1);
    expect(check(V7_FcWeights, fc2With({ weights: { "2": TOKEN } }))).toHaveLength(1);
  });

  test("a token weight does not hide an unknown version", () => {
    const diags = check(V7_FcWeights, fc2With({ weights: { "9": TOKEN } }), opts);
    expect(diags.map((d) => [d.code, d.path])).toEqual([["VersionNotFound", `${A}.weights["9"]`]]);
  });
});
