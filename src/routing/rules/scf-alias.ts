/** SCF CreateAlias / UpdateAlias rules V13–V20 (routing-semantics.md §8; codes from tencentcloud-sdk-go). */
import { diag, Diagnostic } from "../diagnostics";
import { isEmptyRange, parseRange } from "../range";
import { SCF_DEFAULT_ALIAS, SCF_LATEST, SCF_MATCH_METHODS, ScfAlias, ScfMatch, ScfWeight } from "../types";
import { weightProblem, sumExceedsOne } from "./fc-alias";
import {
  aliasesOf,
  aliasPath,
  isNonEmptyString,
  isRecord,
  listOf,
  ownerLabel,
  publishedSet,
  RoutingRule,
  RuleContext,
} from "./rule";

const SCF_ALIAS_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const SCF_MATCH_KEY_PREFIX = "invoke.headers.";

function eachScfAlias(
  ctx: RuleContext,
  check: (alias: ScfAlias, path: string, out: Diagnostic[]) => void,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (ctx.model.platform !== "scf") return out;
  (aliasesOf(ctx.model) as ScfAlias[]).forEach((alias, i) => check(alias, aliasPath(alias, i), out));
  return out;
}

const arrayOrEmpty = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const weightsOf = (alias: ScfAlias): ScfWeight[] =>
  arrayOrEmpty<ScfWeight>(alias.weights).filter(isRecord) as ScfWeight[];
const matchesOf = (alias: ScfAlias): ScfMatch[] =>
  arrayOrEmpty<ScfMatch>(alias.matches).filter(isRecord) as ScfMatch[];

export const V13_ScfAliasName: RoutingRule = {
  id: "V13",
  platforms: ["scf"],
  codes: ["InvalidParameterValue.Name", "ResourceInUse.Alias"],
  summary:
    "Name matches ^[A-Za-z][A-Za-z0-9_-]{0,63}$ (or is the built-in $DEFAULT) and is unique per function",
  check: (ctx) => {
    const seen = new Set<string>();
    return eachScfAlias(ctx, (alias, path, out) => {
      const name: unknown = alias.name;
      if (ctx.isUnresolved(name)) return;
      if (typeof name !== "string" || (name !== SCF_DEFAULT_ALIAS && !SCF_ALIAS_NAME.test(name))) {
        out.push(
          diag({
            rule: "V13",
            code: "InvalidParameterValue.Name",
            path: `${path}.name`,
            value: name,
            allowed:
              "1-64 letters, digits, '_' or '-', starting with a letter (or $DEFAULT to configure the built-in alias)",
            problem: "invalid alias name",
          }),
        );
        return;
      }
      if (seen.has(name)) {
        out.push(
          diag({
            rule: "V13",
            code: "ResourceInUse.Alias",
            path: `${path}.name`,
            value: name,
            allowed: "one alias per name",
            problem: `alias ${name} of ${ownerLabel(ctx.model)} already exists`,
          }),
        );
      }
      seen.add(name);
    });
  },
};

export const V14_ScfPrimaryVersion: RoutingRule = {
  id: "V14",
  platforms: ["scf"],
  codes: ["InvalidParameterValue", "ResourceNotFound.FunctionVersion"],
  summary: "FunctionVersion is required and is $LATEST or a published version",
  check: (ctx) => {
    const published = publishedSet(ctx.model);
    return eachScfAlias(ctx, (alias, path, out) => {
      const v: unknown = alias.primary;
      if (ctx.isUnresolved(v)) return;
      if (!isNonEmptyString(v)) {
        out.push(
          diag({
            rule: "V14",
            code: "InvalidParameterValue",
            path: `${path}.primary`,
            value: v,
            allowed: `$LATEST or a published version: ${listOf(published)}`,
            problem: "FunctionVersion is required",
          }),
        );
      } else if (v !== SCF_LATEST && !published.has(v)) {
        out.push(
          diag({
            rule: "V14",
            code: "ResourceNotFound.FunctionVersion",
            path: `${path}.primary`,
            value: v,
            allowed: `$LATEST or a published version: ${listOf(published)}`,
            problem: `version ${v} of ${ownerLabel(ctx.model)} does not exist`,
          }),
        );
      }
    });
  },
};

export const V15_ScfWeightsXorMatches: RoutingRule = {
  id: "V15",
  platforms: ["scf"],
  codes: ["InvalidParameterValue.RoutingConfig"],
  summary: "weighted and rule routing are not combined in one alias",
  check: (ctx) =>
    eachScfAlias(ctx, (alias, path, out) => {
      if (weightsOf(alias).length > 0 && matchesOf(alias).length > 0) {
        out.push(
          diag({
            rule: "V15",
            code: "InvalidParameterValue.RoutingConfig",
            path: `${path}.routingConfig`,
            value: { weights: alias.weights, matches: alias.matches },
            allowed: "either additional_version_weights or additional_version_matches, not both",
            problem: "weights and matches combined",
          }),
        );
      }
    }),
};

export const V16_ScfOneAdditionalVersion: RoutingRule = {
  id: "V16",
  platforms: ["scf"],
  codes: ["InvalidParameterValue.RoutingConfig"],
  summary:
    "at most maxAdditionalVersions (1) distinct additional version; tcbCompat allows two match entries",
  check: (ctx) =>
    eachScfAlias(ctx, (alias, path, out) => {
      for (const [field, entries] of [
        ["weights", weightsOf(alias)],
        ["matches", matchesOf(alias)],
      ] as const) {
        const versions = new Set(entries.map((e) => e.version));
        const limit = field === "matches" && ctx.options.tcbCompat ? 2 : ctx.options.maxAdditionalVersions;
        const count = field === "weights" ? entries.length : versions.size;
        if (count > limit) {
          out.push(
            diag({
              rule: "V16",
              code: "InvalidParameterValue.RoutingConfig",
              path: `${path}.${field}`,
              value: [...versions],
              allowed: `at most ${limit} additional version(s)`,
              problem: "too many additional versions",
            }),
          );
        }
      }
    }),
};

export const V17_ScfAdditionalVersion: RoutingRule = {
  id: "V17",
  platforms: ["scf"],
  codes: ["InvalidParameterValue.RoutingConfig", "ResourceNotFound.FunctionVersion"],
  summary: "the additional version differs from FunctionVersion and is $LATEST or published",
  check: (ctx) => {
    const published = publishedSet(ctx.model);
    return eachScfAlias(ctx, (alias, path, out) => {
      const entries: [string, { version: unknown }][] = [
        ...weightsOf(alias).map((w, i): [string, ScfWeight] => [`${path}.weights[${i}].version`, w]),
        ...matchesOf(alias).map((m, i): [string, ScfMatch] => [`${path}.matches[${i}].version`, m]),
      ];
      for (const [at, entry] of entries) {
        const v = entry.version;
        if (ctx.isUnresolved(v)) continue;
        if (!isNonEmptyString(v)) {
          out.push(
            diag({
              rule: "V17",
              code: "InvalidParameterValue.RoutingConfig",
              path: at,
              value: v,
              allowed: `a published version: ${listOf(published)}`,
              problem: "additional version missing",
            }),
          );
        } else if (v === alias.primary) {
          out.push(
            diag({
              rule: "V17",
              code: "InvalidParameterValue.RoutingConfig",
              path: at,
              value: v,
              allowed: `a version other than FunctionVersion '${alias.primary}'`,
              problem: "additional version equals FunctionVersion",
            }),
          );
        } else if (v !== SCF_LATEST && !published.has(v)) {
          out.push(
            diag({
              rule: "V17",
              code: "ResourceNotFound.FunctionVersion",
              path: at,
              value: v,
              allowed: `$LATEST or a published version: ${listOf(published)}`,
              problem: `version ${v} of ${ownerLabel(ctx.model)} does not exist`,
            }),
          );
        }
      }
    });
  },
};

export const V18_ScfWeights: RoutingRule = {
  id: "V18",
  platforms: ["scf"],
  codes: ["InvalidParameterValue.AdditionalVersionWeights"],
  summary: "each weight is a finite fraction in [0,1] and they sum to at most 1",
  check: (ctx) =>
    eachScfAlias(ctx, (alias, path, out) => {
      if (alias.weights === undefined || ctx.isUnresolved(alias.weights)) return;
      if (!Array.isArray(alias.weights)) {
        out.push(
          diag({
            rule: "V18",
            code: "InvalidParameterValue.AdditionalVersionWeights",
            path: `${path}.weights`,
            value: alias.weights,
            allowed: 'a list of { version, weight }, e.g. [{ version: "2", weight: 0.1 }]',
            problem: "weights is not a list",
          }),
        );
        return;
      }
      const numeric: number[] = [];
      alias.weights.forEach((w: unknown, i) => {
        const at = `${path}.weights[${i}].weight`;
        const weight = isRecord(w) ? w.weight : w;
        if (ctx.isUnresolved(weight)) return;
        const problem = isRecord(w) ? weightProblem(weight) : "weight entry is not { version, weight }";
        if (problem) {
          out.push(
            diag({
              rule: "V18",
              code: "InvalidParameterValue.AdditionalVersionWeights",
              path: at,
              value: weight,
              allowed: "a fraction in [0, 1]",
              problem,
            }),
          );
        } else {
          numeric.push(weight as number);
        }
      });
      if (sumExceedsOne(numeric)) {
        out.push(
          diag({
            rule: "V18",
            code: "InvalidParameterValue.AdditionalVersionWeights",
            path: `${path}.weights`,
            value: numeric.reduce((a, b) => a + b, 0),
            allowed: "a sum of weights of at most 1",
            problem: "weights sum above 1",
          }),
        );
      }
    }),
};

export const V19_ScfMatchKeyAndMethod: RoutingRule = {
  id: "V19",
  platforms: ["scf"],
  codes: ["InvalidParameterValue.RoutingConfig"],
  summary: "Method is exact or range; Key is invoke.headers.<k> with a non-empty <k>",
  check: (ctx) =>
    eachScfAlias(ctx, (alias, path, out) => {
      if (alias.matches !== undefined && !Array.isArray(alias.matches) && !ctx.isUnresolved(alias.matches)) {
        out.push(
          diag({
            rule: "V19",
            code: "InvalidParameterValue.RoutingConfig",
            path: `${path}.matches`,
            value: alias.matches,
            allowed: "a list of { version, key, method, expression }",
            problem: "matches is not a list",
          }),
        );
        return;
      }
      arrayOrEmpty<unknown>(alias.matches).forEach((m, i) => {
        const at = `${path}.matches[${i}]`;
        if (!isRecord(m)) {
          out.push(
            diag({
              rule: "V19",
              code: "InvalidParameterValue.RoutingConfig",
              path: at,
              value: m,
              allowed: "{ version, key, method, expression }",
              problem: "match entry is not an object",
            }),
          );
          return;
        }
        if (!ctx.isUnresolved(m.method) && !SCF_MATCH_METHODS.includes(m.method as never)) {
          out.push(
            diag({
              rule: "V19",
              code: "InvalidParameterValue.RoutingConfig",
              path: `${at}.method`,
              value: m.method,
              allowed: SCF_MATCH_METHODS.join(", "),
              problem: "unknown match method",
            }),
          );
        }
        const key = m.key;
        if (
          !ctx.isUnresolved(key) &&
          (typeof key !== "string" ||
            !key.startsWith(SCF_MATCH_KEY_PREFIX) ||
            key.length === SCF_MATCH_KEY_PREFIX.length)
        ) {
          out.push(
            diag({
              rule: "V19",
              code: "InvalidParameterValue.RoutingConfig",
              path: `${at}.key`,
              value: key,
              allowed: "invoke.headers.<name>, e.g. invoke.headers.User",
              problem: "unsupported match key",
            }),
          );
        }
        if (m.method === "exact" && typeof m.expression !== "string" && !ctx.isUnresolved(m.expression)) {
          out.push(
            diag({
              rule: "V19",
              code: "InvalidParameterValue.RoutingConfig",
              path: `${at}.expression`,
              value: m.expression,
              allowed: "the literal string to compare",
              problem: "exact expression is not a string",
            }),
          );
        }
      });
    }),
};

export const V20_ScfRangeExpression: RoutingRule = {
  id: "V20",
  platforms: ["scf"],
  codes: ["InvalidParameterValue.RoutingConfig"],
  summary:
    "a range Expression is (a,b) or [a,b] with integers a <= b (mixed brackets unless strictRange); an empty range warns",
  check: (ctx) =>
    eachScfAlias(ctx, (alias, path, out) => {
      matchesOf(alias).forEach((m, i) => {
        if (m.method !== "range" || ctx.isUnresolved(m.expression)) return;
        const at = `${path}.matches[${i}].expression`;
        const allowed = ctx.options.strictRange
          ? "(a,b) or [a,b] with integers a <= b"
          : "(a,b), [a,b], [a,b) or (a,b] with integers a <= b";
        const range =
          typeof m.expression === "string" ? parseRange(m.expression, ctx.options.strictRange) : undefined;
        if (!range) {
          out.push(
            diag({
              rule: "V20",
              code: "InvalidParameterValue.RoutingConfig",
              path: at,
              value: m.expression,
              allowed,
              problem: "malformed range expression",
            }),
          );
        } else if (range.lo > range.hi) {
          out.push(
            diag({
              rule: "V20",
              code: "InvalidParameterValue.RoutingConfig",
              path: at,
              value: m.expression,
              allowed,
              problem: "range lower bound above upper bound",
            }),
          );
        } else if (isEmptyRange(range)) {
          out.push(
            diag({
              rule: "V20",
              code: "InvalidParameterValue.RoutingConfig",
              severity: "warning",
              path: at,
              value: m.expression,
              allowed: "a range that contains at least one integer",
              problem: "range never matches",
            }),
          );
        }
      });
    }),
};

export const SCF_ALIAS_RULES: readonly RoutingRule[] = [
  V13_ScfAliasName,
  V14_ScfPrimaryVersion,
  V15_ScfWeightsXorMatches,
  V16_ScfOneAdditionalVersion,
  V17_ScfAdditionalVersion,
  V18_ScfWeights,
  V19_ScfMatchKeyAndMethod,
  V20_ScfRangeExpression,
];
