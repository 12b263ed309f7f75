/** V0: the model's shape. When it fails, validate() runs no other rule. */
import { V0_ModelShape } from "../../../src/routing/rules";
import { FunctionModel } from "../../../src/routing/types";
import { validate } from "../../../src/routing/validate";
import {
  check,
  Expected,
  expectCompliant,
  expectNoncompliant,
  fc2Model,
  fc3Model,
  scfModel,
  title,
} from "./fixtures";

const asModel = (value: unknown) => value as FunctionModel;

describe(title(V0_ModelShape, "ModelShape"), () => {
  test.each([
    { label: "fc2", model: fc2Model() },
    { label: "fc3", model: fc3Model() },
    { label: "scf", model: scfModel() },
    { label: "no versions, no aliases", model: scfModel({ publishedVersions: [], aliases: [] }) },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V0_ModelShape, model);
  });

  const MODEL = "an object { platform, publishedVersions, aliases }";
  test.each<{ label: string; model: FunctionModel; expected: Expected }>([
    {
      label: "null",
      model: asModel(null),
      expected: { code: "InvalidArgument", path: "model", value: "null", allowed: MODEL },
    },
    {
      label: "an array",
      model: asModel([]),
      expected: { code: "InvalidArgument", path: "model", value: "[]", allowed: MODEL },
    },
    {
      label: "a string",
      model: asModel("scf"),
      expected: { code: "InvalidArgument", path: "model", value: '"scf"', allowed: MODEL },
    },
    {
      label: "unknown platform",
      model: scfModel({ platform: "lambda" }),
      expected: { code: "InvalidArgument", path: "platform", value: '"lambda"', allowed: "fc2, fc3, scf" },
    },
    {
      label: "platform missing",
      model: scfModel({ platform: undefined }),
      expected: { code: "InvalidArgument", path: "platform", value: "undefined", allowed: "fc2, fc3, scf" },
    },
    {
      label: "publishedVersions missing",
      model: fc2Model({ publishedVersions: undefined }),
      expected: {
        code: "InvalidArgument",
        path: "publishedVersions",
        value: "undefined",
        allowed: "an array of version id strings",
      },
    },
    {
      label: "publishedVersions of numbers",
      model: fc3Model({ publishedVersions: [1, 2] }),
      expected: {
        code: "InvalidArgument",
        path: "publishedVersions",
        value: "[1,2]",
        allowed: "an array of version id strings",
      },
    },
    {
      label: "publishedVersions a string",
      model: scfModel({ publishedVersions: "1,2" }),
      expected: {
        code: "InvalidArgument",
        path: "publishedVersions",
        value: '"1,2"',
        allowed: "an array of version id strings",
      },
    },
    {
      label: "aliases missing",
      model: scfModel({ aliases: undefined }),
      expected: {
        code: "InvalidArgument",
        path: "aliases",
        value: "undefined",
        allowed: "an array of alias objects",
      },
    },
    {
      label: "aliases a map",
      model: fc2Model({ aliases: { release: { versionId: "1" } } }),
      expected: {
        code: "InvalidArgument",
        path: "aliases",
        value: '{"release":{"versionId":"1"}}',
        allowed: "an array of alias objects",
      },
    },
    {
      label: "an alias that is not an object",
      model: scfModel({ aliases: [scfModel().aliases[0], "release"] }),
      expected: {
        code: "InvalidArgument",
        path: "aliases[1]",
        value: '"release"',
        allowed: "an alias object",
      },
    },
  ])("Noncompliance $#: $label", ({ model, expected }) => {
    expectNoncompliant(V0_ModelShape, model, expected);
  });

  test("every shape problem is reported at once", () => {
    const model = asModel({ platform: "x", publishedVersions: null, aliases: [null] });
    expect(check(V0_ModelShape, model).map((d) => d.path)).toEqual([
      "platform",
      "publishedVersions",
      "aliases[0]",
    ]);
  });

  test("a shape error stops the other rules (no cascade)", () => {
    const model = scfModel({ platform: "fc4", aliases: [{ name: "1bad", primary: "9" }] });
    const result = validate(model);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.rule)).toEqual(["V0"]);
  });

  test("validate never throws, even on values a rule cannot read", () => {
    for (const value of [undefined, null, 0, "", [], {}, { platform: "scf" }]) {
      const result = validate(asModel(value));
      expect(result.ok).toBe(false);
      expect(result.errors.every((d) => d.rule === "V0")).toBe(true);
    }
  });
});

/** `[ <hole>, item ]`: a sparse array, as `[, item]` writes it. */
function holeBefore<T>(item: T): T[] {
  const list = new Array<T>(2);
  list[1] = item;
  return list;
}

describe("V0 sparse arrays and name fields", () => {
  // eslint-disable-next-line no-sparse-arrays
  const sparse = ["1", , "2"];
  it.each([
    ["publishedVersions", { platform: "fc3", publishedVersions: sparse, aliases: [] }, "publishedVersions"],
    [
      "aliases",
      {
        platform: "fc3",
        publishedVersions: ["1"],
        aliases: holeBefore({ name: "b", versionId: "1" }),
      },
      "aliases",
    ],
    [
      "scf weights",
      {
        platform: "scf",
        publishedVersions: ["1", "2"],
        aliases: [{ name: "a", primary: "1", weights: holeBefore({ version: "2", weight: 0.1 }) }],
      },
      "aliases[0].weights",
    ],
    [
      "fc2 policy items",
      {
        platform: "fc2",
        publishedVersions: ["1", "2"],
        aliases: [
          {
            name: "a",
            versionId: "1",
            weights: { "2": 0 },
            resolvePolicy: "Content",
            routePolicy: {
              condition: "AND",
              policyItems: holeBefore({ type: "Header", key: "k", value: "v", operator: "=" }),
            },
          },
        ],
      },
      "aliases[0].routePolicy.policyItems",
    ],
    [
      "functionName",
      { platform: "fc3", functionName: 42, publishedVersions: ["1"], aliases: [] },
      "functionName",
    ],
  ])("%s", (_name, model, path) => {
    const result = validate(model as never);
    expect(result.ok).toBe(false);
    expect(result.errors.map((d) => [d.rule, d.code, d.path])).toContainEqual([
      "V0",
      "InvalidArgument",
      path,
    ]);
  });
});
