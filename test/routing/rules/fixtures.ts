/**
 * Small builders and assertions for the table-driven rule tests (cdk-nag style: one `describe` per rule,
 * a "Compliance" case and "Noncompliance N" tables). Builders accept `unknown` overrides so a table row can
 * hold a malformed value (NaN, a string weight, a missing field) without casts at the call site.
 */
import { Diagnostic, Severity } from "../../../src/routing/diagnostics";
import { RoutingRule, RuleContext } from "../../../src/routing/rules/rule";
import {
  Fc2FunctionModel,
  Fc3FunctionModel,
  FcAlias,
  FunctionModel,
  resolveOptions,
  ScfAlias,
  ScfFunctionModel,
  ScfMatch,
} from "../../../src/routing/types";
import { validate, ValidateOptions } from "../../../src/routing/validate";

/** Every field optional and of any type: lets a row describe an invalid value. */
export type Loose<T> = { [K in keyof T]?: unknown };

/** A cdktf-like token: unresolved until apply. */
export const TOKEN = "${var.canary}";
export const isUnresolved = (v: unknown): boolean => typeof v === "string" && v.startsWith("${");

/** `release`: 90% on version 1, 10% on version 2. */
export function fcAlias(overrides: Loose<FcAlias> = {}): FcAlias {
  return { name: "release", versionId: "1", weights: { "2": 0.1 }, ...overrides } as FcAlias;
}

/** An FC 2.0 `release` alias in Content mode: header x-test-uid = 42 goes to version 2. */
export function fc2ContentAlias(overrides: Loose<FcAlias> = {}): FcAlias {
  return fcAlias({
    resolvePolicy: "Content",
    weights: { "2": 0 },
    routePolicy: {
      condition: "AND",
      policyItems: [{ type: "Header", key: "x-test-uid", value: "42", operator: "=" }],
    },
    ...overrides,
  });
}

/** FC 2.0 service `svc` with versions 1–3 and one alias (fcAlias() unless given). */
export function fc2Model(overrides: Loose<Fc2FunctionModel> = {}): Fc2FunctionModel {
  return {
    platform: "fc2",
    serviceName: "svc",
    publishedVersions: ["1", "2", "3"],
    aliases: [fcAlias()],
    ...overrides,
  } as Fc2FunctionModel;
}

/** FC 3.0 function `fn` with versions 1–3 and one alias (fcAlias() unless given). */
export function fc3Model(overrides: Loose<Fc3FunctionModel> = {}): Fc3FunctionModel {
  return {
    platform: "fc3",
    functionName: "fn",
    publishedVersions: ["1", "2", "3"],
    aliases: [fcAlias()],
    ...overrides,
  } as Fc3FunctionModel;
}

/** SCF `release`: 90% on version 1, 10% on version 2. */
export function scfAlias(overrides: Loose<ScfAlias> = {}): ScfAlias {
  return {
    name: "release",
    primary: "1",
    weights: [{ version: "2", weight: 0.1 }],
    ...overrides,
  } as ScfAlias;
}

/** One SCF rule-routing entry: RoutingKey {"User":"Bob"} goes to version 2. */
export function scfMatch(overrides: Loose<ScfMatch> = {}): ScfMatch {
  return {
    version: "2",
    key: "invoke.headers.User",
    method: "exact",
    expression: "Bob",
    ...overrides,
  } as ScfMatch;
}

/** An SCF alias routing by rule (no weights). */
export function scfRuleAlias(matches: unknown[] = [scfMatch()], overrides: Loose<ScfAlias> = {}): ScfAlias {
  return scfAlias({ weights: undefined, matches, ...overrides });
}

/** SCF function `fn` with versions 1–3 and one alias (scfAlias() unless given). */
export function scfModel(overrides: Loose<ScfFunctionModel> = {}): ScfFunctionModel {
  return {
    platform: "scf",
    functionName: "fn",
    publishedVersions: ["1", "2", "3"],
    aliases: [scfAlias()],
    ...overrides,
  } as ScfFunctionModel;
}

/** Shorthands: a model of the platform with exactly this one alias. */
export const fc2With = (alias: Loose<FcAlias>, model: Loose<Fc2FunctionModel> = {}): Fc2FunctionModel =>
  fc2Model({ aliases: [fcAlias(alias)], ...model });
export const fc3With = (alias: Loose<FcAlias>, model: Loose<Fc3FunctionModel> = {}): Fc3FunctionModel =>
  fc3Model({ aliases: [fcAlias(alias)], ...model });
export const scfWith = (alias: Loose<ScfAlias>, model: Loose<ScfFunctionModel> = {}): ScfFunctionModel =>
  scfModel({ aliases: [scfAlias(alias)], ...model });

export function ctxOf(model: FunctionModel, opts: ValidateOptions = {}): RuleContext {
  return {
    model,
    options: resolveOptions(opts.options),
    previous: opts.previous,
    isUnresolved: opts.isUnresolved ?? (() => false),
  };
}

/** The rule on its own, as validate() would call it. */
export function check(rule: RoutingRule, model: FunctionModel, opts: ValidateOptions = {}): Diagnostic[] {
  return rule.check(ctxOf(model, opts));
}

/** The rule reports nothing, and the whole validation of the model is clean. */
export function expectCompliant(rule: RoutingRule, model: FunctionModel, opts: ValidateOptions = {}): void {
  expect(check(rule, model, opts)).toEqual([]);
  const result = validate(model, opts);
  expect(result.diagnostics).toEqual([]);
  expect(result.ok).toBe(true);
}

/** The rule reports nothing (other rules may still warn or fail, e.g. a companion rule on the same input). */
export function expectRuleSilent(rule: RoutingRule, model: FunctionModel, opts: ValidateOptions = {}): void {
  expect(check(rule, model, opts)).toEqual([]);
  expect(validate(model, opts).diagnostics.filter((d) => d.rule === rule.id)).toEqual([]);
}

export interface Expected {
  readonly code: string;
  readonly path: string;
  /** @default "error" */
  readonly severity?: Severity;
  /** The offending value as rendered in the message, e.g. `"LATEST"` or `NaN`. */
  readonly value: string;
  /** A substring of the allowed values (checked in `allowed` and in the message). */
  readonly allowed: string;
  /** Further substrings the message must contain (hints, names). */
  readonly mentions?: readonly string[];
  /** How many diagnostics the rule reports for the model. @default 1 */
  readonly count?: number;
}

/** The rule reports the expected diagnostic (and validate() reports the same one). */
export function expectNoncompliant(
  rule: RoutingRule,
  model: FunctionModel,
  expected: Expected,
  opts: ValidateOptions = {},
): Diagnostic {
  const diagnostics = check(rule, model, opts);
  expect(diagnostics).toHaveLength(expected.count ?? 1);
  const d = diagnostics.find((x) => x.path === expected.path && x.code === expected.code);
  if (!d)
    throw new Error(`no ${expected.code} at ${expected.path} in ${JSON.stringify(diagnostics, null, 2)}`);
  expectDiagnostic(d, { rule: rule.id, ...expected });
  const result = validate(model, opts);
  expect(result.diagnostics).toContainEqual(d);
  if (d.severity === "error") expect(result.ok).toBe(false);
  return d;
}

/** Field-by-field check of one diagnostic. */
export function expectDiagnostic(d: Diagnostic, expected: Expected & { readonly rule: string }): void {
  expect({ rule: d.rule, code: d.code, severity: d.severity, path: d.path }).toEqual({
    rule: expected.rule,
    code: expected.code,
    severity: expected.severity ?? "error",
    path: expected.path,
  });
  expect(d.value).toBe(expected.value);
  expect(d.message).toContain(expected.value);
  expect(d.allowed).toContain(expected.allowed);
  expect(d.message).toContain(expected.allowed);
  for (const m of expected.mentions ?? []) expect(d.message).toContain(m);
}

/** `describe` title: "V6 FcWeightsExcludePrimary [AdditionalVersionContainsMajorVersion]". */
export function title(rule: RoutingRule, name: string): string {
  return `${rule.id} ${name} [${rule.codes.join(", ")}]`;
}
