/** SCF CreateAlias / UpdateAlias rules V13–V20 (routing-semantics.md §8), one describe per rule. */
import { show } from "../../../src/routing/diagnostics";
import {
  V13_ScfAliasName,
  V14_ScfPrimaryVersion,
  V15_ScfWeightsXorMatches,
  V16_ScfOneAdditionalVersion,
  V17_ScfAdditionalVersion,
  V18_ScfWeights,
  V19_ScfMatchKeyAndMethod,
  V20_ScfRangeExpression,
} from "../../../src/routing/rules";
import { FunctionModel } from "../../../src/routing/types";
import { validate, ValidateOptions } from "../../../src/routing/validate";
import {
  check,
  Expected,
  expectCompliant,
  expectNoncompliant,
  isUnresolved,
  scfAlias,
  scfMatch,
  scfModel,
  scfRuleAlias,
  scfWith,
  title,
  TOKEN,
} from "./fixtures";

interface Row {
  readonly label: string;
  readonly model: FunctionModel;
  readonly opts?: ValidateOptions;
  readonly expected: Expected;
}

const A = "aliases[release]";
const PUBLISHED = '"1", "2", "3"';
const ROUTING_CONFIG = "InvalidParameterValue.RoutingConfig";
const WEIGHTS_CODE = "InvalidParameterValue.AdditionalVersionWeights";
const withMatches = (...matches: unknown[]) => scfModel({ aliases: [scfRuleAlias(matches)] });

describe(title(V13_ScfAliasName, "ScfAliasName"), () => {
  test.each([
    { label: "release", model: scfModel() },
    { label: "a-b_C9", model: scfWith({ name: "a-b_C9" }) },
    { label: "64 characters", model: scfWith({ name: "a".repeat(64) }) },
    { label: "the built-in $DEFAULT (configured, not created)", model: scfWith({ name: "$DEFAULT" }) },
    {
      label: "$DEFAULT next to release",
      model: scfModel({ aliases: [scfAlias(), scfAlias({ name: "$DEFAULT" })] }),
    },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V13_ScfAliasName, model);
  });

  const allowed = "1-64 letters, digits, '_' or '-', starting with a letter";
  const long = "a".repeat(65);
  test.each<Row>([
    ...[
      ["starts with a digit", "1abc", "aliases[1abc].name"],
      ["starts with '_' (allowed on FC, not on SCF)", "_abc", "aliases[_abc].name"],
      ["starts with '-'", "-abc", "aliases[-abc].name"],
      ["contains '.'", "a.b", "aliases[a.b].name"],
      ["$LATEST", "$LATEST", "aliases[$LATEST].name"],
      ["65 characters", long, `aliases[${long}].name`],
      ["empty", "", "aliases[0].name"],
    ].map(([label, name, path]) => ({
      label,
      model: scfWith({ name }),
      expected: { code: "InvalidParameterValue.Name", path, value: show(name), allowed },
    })),
    {
      label: "missing",
      model: scfWith({ name: undefined }),
      expected: { code: "InvalidParameterValue.Name", path: "aliases[0].name", value: "undefined", allowed },
    },
    {
      label: "name exists",
      model: scfModel({ aliases: [scfAlias(), scfAlias({ weights: [] })] }),
      expected: {
        code: "ResourceInUse.Alias",
        path: `${A}.name`,
        value: '"release"',
        allowed: "one alias per name",
        mentions: ["alias release of function 'fn' already exists"],
      },
    },
    {
      label: "$DEFAULT declared twice",
      model: scfModel({
        aliases: [scfAlias({ name: "$DEFAULT" }), scfAlias({ name: "$DEFAULT", weights: [] })],
      }),
      expected: {
        code: "ResourceInUse.Alias",
        path: "aliases[$DEFAULT].name",
        value: '"$DEFAULT"',
        allowed: "one alias per name",
      },
    },
  ])("Noncompliance $#: $label", ({ model, expected }) => {
    expectNoncompliant(V13_ScfAliasName, model, expected);
  });
});

describe(title(V14_ScfPrimaryVersion, "ScfPrimaryVersion"), () => {
  test.each([
    { label: "published version", model: scfWith({ primary: "3" }) },
    { label: "$LATEST", model: scfWith({ primary: "$LATEST" }) },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V14_ScfPrimaryVersion, model);
  });

  const allowed = `$LATEST or a published version: ${PUBLISHED}`;
  test.each<Row>([
    {
      label: "FunctionVersion missing",
      model: scfWith({ primary: undefined }),
      expected: { code: "InvalidParameterValue", path: `${A}.primary`, value: "undefined", allowed },
    },
    {
      label: "FunctionVersion empty",
      model: scfWith({ primary: "" }),
      expected: { code: "InvalidParameterValue", path: `${A}.primary`, value: '""', allowed },
    },
    {
      label: "FunctionVersion not published",
      model: scfWith({ primary: "9" }),
      expected: {
        code: "ResourceNotFound.FunctionVersion",
        path: `${A}.primary`,
        value: '"9"',
        allowed,
        mentions: ["version 9 of function 'fn' does not exist"],
      },
    },
    {
      label: "FC's LATEST is not SCF's $LATEST",
      model: scfWith({ primary: "LATEST" }),
      expected: {
        code: "ResourceNotFound.FunctionVersion",
        path: `${A}.primary`,
        value: '"LATEST"',
        allowed,
      },
    },
  ])("Noncompliance $#: $label", ({ model, expected }) => {
    expectNoncompliant(V14_ScfPrimaryVersion, model, expected);
  });
});

describe(title(V15_ScfWeightsXorMatches, "ScfWeightsXorMatches"), () => {
  test.each([
    { label: "weights only", model: scfModel() },
    { label: "matches only", model: withMatches(scfMatch()) },
    { label: "matches with an empty weight list", model: scfWith({ weights: [], matches: [scfMatch()] }) },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V15_ScfWeightsXorMatches, model);
  });

  const weights = [{ version: "2", weight: 0.1 }];
  const matches = [scfMatch()];
  test.each<Row>([
    {
      label: "weights and matches",
      model: scfWith({ weights, matches }),
      expected: {
        code: ROUTING_CONFIG,
        path: `${A}.routingConfig`,
        value: show({ weights, matches }),
        allowed: "either additional_version_weights or additional_version_matches, not both",
      },
    },
  ])("Noncompliance $#: $label", ({ model, expected }) => {
    expectNoncompliant(V15_ScfWeightsXorMatches, model, expected);
  });
});

describe(title(V16_ScfOneAdditionalVersion, "ScfOneAdditionalVersion"), () => {
  const tcbMatches = [
    scfMatch({ version: "2", key: "invoke.headers.X-Tcb-Route-Key", method: "range", expression: "[0,10)" }),
    scfMatch({
      version: "3",
      key: "invoke.headers.X-Tcb-Route-Key",
      method: "range",
      expression: "[10,100)",
    }),
  ];
  test.each([
    { label: "one weighted version", model: scfModel(), opts: {} },
    {
      label: "two match entries for one version",
      model: withMatches(scfMatch(), scfMatch({ expression: "Alice" })),
      opts: {},
    },
    {
      label: "tcbCompat: CloudBase's two range entries on $DEFAULT",
      model: scfModel({ aliases: [scfRuleAlias(tcbMatches, { name: "$DEFAULT" })] }),
      opts: { options: { tcbCompat: true } },
    },
    {
      label: "two weighted versions with maxAdditionalVersions 2",
      model: scfWith({
        weights: [
          { version: "2", weight: 0.1 },
          { version: "3", weight: 0.1 },
        ],
      }),
      opts: { options: { maxAdditionalVersions: 2 } },
    },
  ])("Compliance: $label", ({ model, opts }) => {
    expectCompliant(V16_ScfOneAdditionalVersion, model, opts);
  });

  test.each<Row>([
    {
      label: "two weighted versions",
      model: scfWith({
        weights: [
          { version: "2", weight: 0.1 },
          { version: "3", weight: 0.1 },
        ],
      }),
      expected: {
        code: ROUTING_CONFIG,
        path: `${A}.weights`,
        value: '["2","3"]',
        allowed: "at most 1 additional version(s)",
      },
    },
    {
      label: "two matched versions",
      model: withMatches(scfMatch({ version: "2" }), scfMatch({ version: "3", expression: "Alice" })),
      expected: {
        code: ROUTING_CONFIG,
        path: `${A}.matches`,
        value: '["2","3"]',
        allowed: "at most 1 additional version(s)",
      },
    },
    {
      label: "CloudBase's two range entries without tcbCompat",
      model: scfModel({ aliases: [scfRuleAlias(tcbMatches, { name: "$DEFAULT" })] }),
      expected: {
        code: ROUTING_CONFIG,
        path: "aliases[$DEFAULT].matches",
        value: '["2","3"]',
        allowed: "at most 1 additional version(s)",
      },
    },
    {
      label: "three matched versions with tcbCompat",
      model: withMatches(
        scfMatch({ version: "2" }),
        scfMatch({ version: "3", expression: "Alice" }),
        scfMatch({ version: "$LATEST", expression: "Eve" }),
      ),
      opts: { options: { tcbCompat: true } },
      expected: {
        code: ROUTING_CONFIG,
        path: `${A}.matches`,
        value: '["2","3","$LATEST"]',
        allowed: "at most 2 additional version(s)",
      },
    },
    {
      label: "tcbCompat does not allow two weighted versions",
      model: scfWith({
        weights: [
          { version: "2", weight: 0.1 },
          { version: "3", weight: 0.1 },
        ],
      }),
      opts: { options: { tcbCompat: true } },
      expected: {
        code: ROUTING_CONFIG,
        path: `${A}.weights`,
        value: '["2","3"]',
        allowed: "at most 1 additional version(s)",
      },
    },
  ])("Noncompliance $#: $label", ({ model, opts, expected }) => {
    expectNoncompliant(V16_ScfOneAdditionalVersion, model, expected, opts);
  });
});

describe(title(V17_ScfAdditionalVersion, "ScfAdditionalVersion"), () => {
  test.each([
    { label: "published weighted version", model: scfModel() },
    { label: "published matched version", model: withMatches(scfMatch({ version: "3" })) },
    { label: "$LATEST as the canary", model: scfWith({ weights: [{ version: "$LATEST", weight: 0.2 }] }) },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V17_ScfAdditionalVersion, model);
  });

  test.each<Row>([
    {
      label: "weighted version equals FunctionVersion",
      model: scfWith({ weights: [{ version: "1", weight: 0.1 }] }),
      expected: {
        code: ROUTING_CONFIG,
        path: `${A}.weights[0].version`,
        value: '"1"',
        allowed: "a version other than FunctionVersion '1'",
        mentions: ["equals FunctionVersion"],
      },
    },
    {
      label: "matched version equals FunctionVersion",
      model: withMatches(scfMatch({ version: "1" })),
      expected: {
        code: ROUTING_CONFIG,
        path: `${A}.matches[0].version`,
        value: '"1"',
        allowed: "a version other than FunctionVersion '1'",
      },
    },
    {
      label: "weighted version not published",
      model: scfWith({ weights: [{ version: "9", weight: 0.1 }] }),
      expected: {
        code: "ResourceNotFound.FunctionVersion",
        path: `${A}.weights[0].version`,
        value: '"9"',
        allowed: `$LATEST or a published version: ${PUBLISHED}`,
        mentions: ["version 9 of function 'fn' does not exist"],
      },
    },
    {
      label: "matched version not published",
      model: withMatches(scfMatch({ version: "9" })),
      expected: {
        code: "ResourceNotFound.FunctionVersion",
        path: `${A}.matches[0].version`,
        value: '"9"',
        allowed: `$LATEST or a published version: ${PUBLISHED}`,
      },
    },
    {
      label: "additional version missing",
      model: scfWith({ weights: [{ weight: 0.1 }] }),
      expected: {
        code: ROUTING_CONFIG,
        path: `${A}.weights[0].version`,
        value: "undefined",
        allowed: `a published version: ${PUBLISHED}`,
      },
    },
  ])("Noncompliance $#: $label", ({ model, expected }) => {
    expectNoncompliant(V17_ScfAdditionalVersion, model, expected);
  });
});

describe(title(V18_ScfWeights, "ScfWeights"), () => {
  test.each([
    { label: "weight 0 (not 'unset')", weights: [{ version: "2", weight: 0 }] },
    { label: "weight 1", weights: [{ version: "2", weight: 1 }] },
    { label: "weight 0.3", weights: [{ version: "2", weight: 0.3 }] },
    { label: "no weights", weights: undefined },
    { label: "empty list", weights: [] },
  ])("Compliance: $label", ({ weights }) => {
    expectCompliant(V18_ScfWeights, scfWith({ weights }));
  });

  const FRACTION = "a fraction in [0, 1]";
  const W0 = `${A}.weights[0].weight`;
  const one = (weight: unknown) => scfWith({ weights: [{ version: "2", weight }] });
  test.each<Row>([
    {
      label: "weight -0.1",
      model: one(-0.1),
      expected: {
        code: WEIGHTS_CODE,
        path: W0,
        value: "-0.1",
        allowed: FRACTION,
        mentions: ["outside [0, 1]"],
      },
    },
    {
      label: "weight 1.5",
      model: one(1.5),
      expected: { code: WEIGHTS_CODE, path: W0, value: "1.5", allowed: FRACTION },
    },
    {
      label: "weight NaN",
      model: one(NaN),
      expected: {
        code: WEIGHTS_CODE,
        path: W0,
        value: "NaN",
        allowed: FRACTION,
        mentions: ["not a finite number"],
      },
    },
    {
      label: "weight Infinity",
      model: one(Infinity),
      expected: { code: WEIGHTS_CODE, path: W0, value: "Infinity", allowed: FRACTION },
    },
    {
      label: "weight -Infinity",
      model: one(-Infinity),
      expected: { code: WEIGHTS_CODE, path: W0, value: "-Infinity", allowed: FRACTION },
    },
    {
      label: "weight as a string",
      model: one("0.1"),
      expected: { code: WEIGHTS_CODE, path: W0, value: '"0.1"', allowed: FRACTION },
    },
    {
      label: "weight missing",
      model: one(undefined),
      expected: { code: WEIGHTS_CODE, path: W0, value: "undefined", allowed: FRACTION },
    },
    {
      label: "weight 10 meant as 10%",
      model: one(10),
      expected: {
        code: WEIGHTS_CODE,
        path: W0,
        value: "10",
        allowed: FRACTION,
        mentions: ["looks like a percentage", "use 0.1 for 10%"],
      },
    },
    {
      label: "weights sum above 1 (0.6 + 0.5)",
      model: scfWith({
        weights: [
          { version: "2", weight: 0.6 },
          { version: "3", weight: 0.5 },
        ],
      }),
      opts: { options: { maxAdditionalVersions: 2 } },
      expected: {
        code: WEIGHTS_CODE,
        path: `${A}.weights`,
        value: "1.1",
        allowed: "a sum of weights of at most 1",
        mentions: ["sum above 1"],
      },
    },
    {
      label: "weights not a list",
      model: scfWith({ weights: { "2": 0.1 } }),
      expected: {
        code: WEIGHTS_CODE,
        path: `${A}.weights`,
        value: '{"2":0.1}',
        allowed: "a list of { version, weight }",
      },
    },
    {
      label: "weight entry not an object",
      model: scfWith({ weights: [0.1] }),
      expected: {
        code: WEIGHTS_CODE,
        path: W0,
        value: "0.1",
        allowed: FRACTION,
        mentions: ["not { version, weight }"],
      },
    },
  ])("Noncompliance $#: $label", ({ model, opts, expected }) => {
    expectNoncompliant(V18_ScfWeights, model, expected, opts);
  });
});

describe(title(V19_ScfMatchKeyAndMethod, "ScfMatchKeyAndMethod"), () => {
  test.each([
    { label: "exact on invoke.headers.User", model: withMatches(scfMatch()) },
    { label: "range", model: withMatches(scfMatch({ method: "range", expression: "[0,50]" })) },
    { label: "key with dots after the prefix", model: withMatches(scfMatch({ key: "invoke.headers.x.y" })) },
    { label: "exact on an empty string", model: withMatches(scfMatch({ expression: "" })) },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V19_ScfMatchKeyAndMethod, model);
  });

  const M0 = `${A}.matches[0]`;
  const KEY = "invoke.headers.<name>, e.g. invoke.headers.User";
  test.each<Row>([
    ...["regex", "Exact", "prefix", undefined].map((method) => ({
      label: `method ${String(method)}`,
      model: withMatches(scfMatch({ method })),
      expected: { code: ROUTING_CONFIG, path: `${M0}.method`, value: show(method), allowed: "exact, range" },
    })),
    ...[
      "User",
      "invoke.header.User",
      "invoke.headers.",
      "Invoke.Headers.User",
      "headers.User",
      undefined,
      42,
    ].map((key) => ({
      label: `key ${show(key)}`,
      model: withMatches(scfMatch({ key })),
      expected: { code: ROUTING_CONFIG, path: `${M0}.key`, value: show(key), allowed: KEY },
    })),
    {
      label: "exact expression not a string",
      model: withMatches(scfMatch({ expression: 5 })),
      expected: { code: ROUTING_CONFIG, path: `${M0}.expression`, value: "5", allowed: "the literal string" },
    },
    {
      label: "matches not a list",
      model: scfModel({ aliases: [scfRuleAlias(undefined, { matches: scfMatch() })] }),
      expected: {
        code: ROUTING_CONFIG,
        path: `${A}.matches`,
        value: show(scfMatch()),
        allowed: "a list of { version, key, method, expression }",
      },
    },
    {
      label: "match entry not an object",
      model: withMatches("invoke.headers.User=Bob"),
      expected: {
        code: ROUTING_CONFIG,
        path: M0,
        value: '"invoke.headers.User=Bob"',
        allowed: "{ version, key, method, expression }",
      },
    },
  ])("Noncompliance $#: $label", ({ model, expected }) => {
    expectNoncompliant(V19_ScfMatchKeyAndMethod, model, expected);
  });
});

describe(title(V20_ScfRangeExpression, "ScfRangeExpression"), () => {
  const range = (expression: unknown) => withMatches(scfMatch({ method: "range", expression }));

  test.each([
    { expression: "[0,50)", opts: {} },
    { expression: "(0,50]", opts: {} },
    { expression: "[1,5]", opts: {} },
    { expression: "(1,5)", opts: {} },
    { expression: "[5,5]", opts: {} },
    { expression: "[-10,-1]", opts: {} },
    { expression: "[ 0 , 99 ]", opts: {} },
    { expression: "[0,18446744073709551616]", opts: {} },
    { expression: "[1,5]", opts: { options: { strictRange: true } } },
    { expression: "(1,5)", opts: { options: { strictRange: true } } },
  ])("Compliance: $expression $opts", ({ expression, opts }) => {
    expectCompliant(V20_ScfRangeExpression, range(expression), opts);
  });

  test("exact expressions are not ranges", () => {
    expectCompliant(V20_ScfRangeExpression, withMatches(scfMatch({ method: "exact", expression: "[5,1]" })));
  });

  const E0 = `${A}.matches[0].expression`;
  const MIXED = "(a,b), [a,b], [a,b) or (a,b] with integers a <= b";
  const STRICT = "(a,b) or [a,b] with integers a <= b";
  test.each<Row>([
    {
      label: "[5,1]: lower bound above upper bound",
      model: range("[5,1]"),
      expected: {
        code: ROUTING_CONFIG,
        path: E0,
        value: '"[5,1]"',
        allowed: MIXED,
        mentions: ["lower bound above upper bound"],
      },
    },
    ...["(a,b)", "[1,5", "1,5", "[1;5]", "{1,5}", "[1.5,2]", "[+1,5]", "[1,5]x", ""].map((expression) => ({
      label: `${JSON.stringify(expression)}: malformed`,
      model: range(expression),
      expected: {
        code: ROUTING_CONFIG,
        path: E0,
        value: JSON.stringify(expression),
        allowed: MIXED,
        mentions: ["malformed"],
      },
    })),
    {
      label: "not a string",
      model: range(5),
      expected: { code: ROUTING_CONFIG, path: E0, value: "5", allowed: MIXED },
    },
    ...["[0,50)", "(0,50]"].map((expression) => ({
      label: `${expression} with strictRange`,
      model: range(expression),
      opts: { options: { strictRange: true } },
      expected: {
        code: ROUTING_CONFIG,
        path: E0,
        value: JSON.stringify(expression),
        allowed: STRICT,
        mentions: ["malformed"],
      },
    })),
    ...["(5,5)", "(5,6)", "[5,5)"].map((expression) => ({
      label: `${expression}: empty range warns`,
      model: range(expression),
      expected: {
        code: ROUTING_CONFIG,
        severity: "warning" as const,
        path: E0,
        value: JSON.stringify(expression),
        allowed: "a range that contains at least one integer",
        mentions: ["never matches"],
      },
    })),
  ])("Noncompliance $#: $label", ({ model, opts, expected }) => {
    expectNoncompliant(V20_ScfRangeExpression, model, expected, opts);
  });

  test("an empty range is only a warning: the model validates ok", () => {
    const result = validate(range("(5,5)"));
    expect(result.ok).toBe(true);
    expect(result.warnings.map((d) => d.rule)).toEqual(["V20"]);
  });
});

describe("Unresolved tokens are skipped (SCF)", () => {
  const opts: ValidateOptions = { isUnresolved };

  test.each([
    { label: "alias name", rules: [V13_ScfAliasName], model: scfWith({ name: TOKEN }) },
    { label: "FunctionVersion", rules: [V14_ScfPrimaryVersion], model: scfWith({ primary: TOKEN }) },
    {
      label: "weighted version",
      rules: [V17_ScfAdditionalVersion],
      model: scfWith({ weights: [{ version: TOKEN, weight: 0.1 }] }),
    },
    {
      label: "weight",
      rules: [V18_ScfWeights],
      model: scfWith({ weights: [{ version: "2", weight: TOKEN }] }),
    },
    { label: "weight list", rules: [V18_ScfWeights], model: scfWith({ weights: TOKEN }) },
    {
      label: "match list",
      rules: [V19_ScfMatchKeyAndMethod],
      model: scfWith({ weights: undefined, matches: TOKEN }),
    },
    {
      label: "match fields",
      rules: [V17_ScfAdditionalVersion, V19_ScfMatchKeyAndMethod, V20_ScfRangeExpression],
      model: withMatches(scfMatch({ version: TOKEN, key: TOKEN, method: TOKEN, expression: TOKEN })),
    },
    {
      label: "range expression",
      rules: [V20_ScfRangeExpression],
      model: withMatches(scfMatch({ method: "range", expression: TOKEN })),
    },
    {
      label: "exact expression",
      rules: [V19_ScfMatchKeyAndMethod],
      model: withMatches(scfMatch({ expression: TOKEN })),
    },
  ])("token $label → no diagnostic", ({ rules, model }) => {
    for (const rule of rules) expect(check(rule, model, opts)).toEqual([]);
    expect(validate(model, opts).diagnostics).toEqual([]);
  });

  test("without isUnresolved the same token is an error", () => {
    expect(check(V18_ScfWeights, scfWith({ weights: [{ version: "2", weight: TOKEN }] }))).toHaveLength(1);
    expect(check(V14_ScfPrimaryVersion, scfWith({ primary: TOKEN }))).toHaveLength(1);
  });
});
