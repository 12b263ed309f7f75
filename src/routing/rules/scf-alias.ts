/** SCF CreateAlias / UpdateAlias rules V13–V20 (routing-semantics.md §8; codes from tencentcloud-sdk-go). */
import { isEmptyRange, parseRange } from "../range";
import { SCF_DEFAULT_ALIAS, SCF_LATEST, SCF_MATCH_METHODS, ScfAlias, ScfMatch, ScfWeight } from "../types";
import { weightProblem, sumExceedsOne, WEIGHT_SUM_ALLOWED } from "./fc-alias";
import {
  aliasesOf,
  aliasPath,
  defineRule,
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

function eachScfAlias(ctx: RuleContext, check: (alias: ScfAlias, path: string) => void): void {
  if (ctx.model.platform !== "scf") return;
  (aliasesOf(ctx.model) as ScfAlias[]).forEach((alias, i) => check(alias, aliasPath(alias, i)));
}

const arrayOrEmpty = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const weightsOf = (alias: ScfAlias): ScfWeight[] =>
  arrayOrEmpty<ScfWeight>(alias.weights).filter(isRecord) as ScfWeight[];
const matchesOf = (alias: ScfAlias): ScfMatch[] =>
  arrayOrEmpty<ScfMatch>(alias.matches).filter(isRecord) as ScfMatch[];

export const V13_ScfAliasName: RoutingRule = defineRule(
  {
    id: "V13",
    platforms: ["scf"],
    codes: ["InvalidParameterValue.Name", "ResourceInUse.Alias"],
    summary:
      "Name matches ^[A-Za-z][A-Za-z0-9_-]{0,63}$ (or is the built-in $DEFAULT) and is unique per function",
  },
  (ctx, report) => {
    const seen = new Set<string>();
    eachScfAlias(ctx, (alias, path) => {
      const name: unknown = alias.name;
      if (ctx.isUnresolved(name)) return;
      if (typeof name !== "string" || (name !== SCF_DEFAULT_ALIAS && !SCF_ALIAS_NAME.test(name))) {
        report(
          `${path}.name`,
          name,
          "1-64 letters, digits, '_' or '-', starting with a letter (or $DEFAULT to configure the built-in alias)",
          "invalid alias name",
        );
        return;
      }
      if (seen.has(name)) {
        report(
          `${path}.name`,
          name,
          "one alias per name",
          `alias ${name} of ${ownerLabel(ctx.model)} already exists`,
          { code: "ResourceInUse.Alias" },
        );
      }
      seen.add(name);
    });
  },
);

export const V14_ScfPrimaryVersion: RoutingRule = defineRule(
  {
    id: "V14",
    platforms: ["scf"],
    codes: ["InvalidParameterValue", "ResourceNotFound.FunctionVersion"],
    summary: "FunctionVersion is required and is $LATEST or a published version",
  },
  (ctx, report) => {
    const published = publishedSet(ctx.model);
    const allowed = `$LATEST or a published version: ${listOf(published)}`;
    eachScfAlias(ctx, (alias, path) => {
      const v: unknown = alias.primary;
      if (ctx.isUnresolved(v)) return;
      if (!isNonEmptyString(v)) {
        report(`${path}.primary`, v, allowed, "FunctionVersion is required");
      } else if (v !== SCF_LATEST && !published.has(v)) {
        report(`${path}.primary`, v, allowed, `version ${v} of ${ownerLabel(ctx.model)} does not exist`, {
          code: "ResourceNotFound.FunctionVersion",
        });
      }
    });
  },
);

export const V15_ScfWeightsXorMatches: RoutingRule = defineRule(
  {
    id: "V15",
    platforms: ["scf"],
    codes: ["InvalidParameterValue.RoutingConfig"],
    summary: "weighted and rule routing are not combined in one alias",
  },
  (ctx, report) =>
    eachScfAlias(ctx, (alias, path) => {
      if (weightsOf(alias).length > 0 && matchesOf(alias).length > 0) {
        report(
          `${path}.routingConfig`,
          { weights: alias.weights, matches: alias.matches },
          "either additional_version_weights or additional_version_matches, not both",
          "weights and matches combined",
        );
      }
    }),
);

export const V16_ScfOneAdditionalVersion: RoutingRule = defineRule(
  {
    id: "V16",
    platforms: ["scf"],
    codes: ["InvalidParameterValue.RoutingConfig"],
    summary:
      "at most maxAdditionalVersions (1) distinct additional version; tcbCompat allows two match entries",
  },
  (ctx, report) =>
    eachScfAlias(ctx, (alias, path) => {
      for (const [field, entries] of [
        ["weights", weightsOf(alias)],
        ["matches", matchesOf(alias)],
      ] as const) {
        const versions = new Set(entries.map((e) => e.version));
        const limit = field === "matches" && ctx.options.tcbCompat ? 2 : ctx.options.maxAdditionalVersions;
        const count = field === "weights" ? entries.length : versions.size;
        if (count > limit) {
          report(
            `${path}.${field}`,
            [...versions],
            `at most ${limit} additional version(s)`,
            "too many additional versions",
          );
        }
      }
    }),
);

export const V17_ScfAdditionalVersion: RoutingRule = defineRule(
  {
    id: "V17",
    platforms: ["scf"],
    codes: ["InvalidParameterValue.RoutingConfig", "ResourceNotFound.FunctionVersion"],
    summary: "the additional version differs from FunctionVersion and is $LATEST or published",
  },
  (ctx, report) => {
    const published = publishedSet(ctx.model);
    eachScfAlias(ctx, (alias, path) => {
      const entries: [string, { version: unknown }][] = [
        ...weightsOf(alias).map((w, i): [string, ScfWeight] => [`${path}.weights[${i}].version`, w]),
        ...matchesOf(alias).map((m, i): [string, ScfMatch] => [`${path}.matches[${i}].version`, m]),
      ];
      for (const [at, entry] of entries) {
        const v = entry.version;
        if (ctx.isUnresolved(v)) continue;
        if (!isNonEmptyString(v)) {
          report(at, v, `a published version: ${listOf(published)}`, "additional version missing");
        } else if (v === alias.primary) {
          report(
            at,
            v,
            `a version other than FunctionVersion '${alias.primary}'`,
            "additional version equals FunctionVersion",
          );
        } else if (v !== SCF_LATEST && !published.has(v)) {
          report(
            at,
            v,
            `$LATEST or a published version: ${listOf(published)}`,
            `version ${v} of ${ownerLabel(ctx.model)} does not exist`,
            { code: "ResourceNotFound.FunctionVersion" },
          );
        }
      }
    });
  },
);

export const V18_ScfWeights: RoutingRule = defineRule(
  {
    id: "V18",
    platforms: ["scf"],
    codes: ["InvalidParameterValue.AdditionalVersionWeights"],
    summary:
      "each weight is a finite fraction in [0,1] and they sum to at most 1 (WEIGHT_SUM_TOLERANCE = 1e-9 of float rounding above it is accepted)",
  },
  (ctx, report) =>
    eachScfAlias(ctx, (alias, path) => {
      if (alias.weights === undefined || ctx.isUnresolved(alias.weights)) return;
      if (!Array.isArray(alias.weights)) {
        report(
          `${path}.weights`,
          alias.weights,
          'a list of { version, weight }, e.g. [{ version: "2", weight: 0.1 }]',
          "weights is not a list",
        );
        return;
      }
      const numeric: number[] = [];
      alias.weights.forEach((w: unknown, i) => {
        const weight = isRecord(w) ? w.weight : w;
        if (ctx.isUnresolved(weight)) return;
        const problem = isRecord(w) ? weightProblem(weight) : "weight entry is not { version, weight }";
        if (problem) {
          report(`${path}.weights[${i}].weight`, weight, "a fraction in [0, 1]", problem);
        } else {
          numeric.push(weight as number);
        }
      });
      if (sumExceedsOne(numeric)) {
        report(
          `${path}.weights`,
          numeric.reduce((a, b) => a + b, 0),
          WEIGHT_SUM_ALLOWED,
          "weights sum above 1",
        );
      }
    }),
);

export const V19_ScfMatchKeyAndMethod: RoutingRule = defineRule(
  {
    id: "V19",
    platforms: ["scf"],
    codes: ["InvalidParameterValue.RoutingConfig"],
    summary: "Method is exact or range; Key is invoke.headers.<k> with a non-empty <k>",
  },
  (ctx, report) =>
    eachScfAlias(ctx, (alias, path) => {
      if (alias.matches !== undefined && !Array.isArray(alias.matches) && !ctx.isUnresolved(alias.matches)) {
        report(
          `${path}.matches`,
          alias.matches,
          "a list of { version, key, method, expression }",
          "matches is not a list",
        );
        return;
      }
      arrayOrEmpty<unknown>(alias.matches).forEach((m, i) => {
        const at = `${path}.matches[${i}]`;
        if (!isRecord(m)) {
          report(at, m, "{ version, key, method, expression }", "match entry is not an object");
          return;
        }
        if (!ctx.isUnresolved(m.method) && !SCF_MATCH_METHODS.includes(m.method as never)) {
          report(`${at}.method`, m.method, SCF_MATCH_METHODS.join(", "), "unknown match method");
        }
        const key = m.key;
        if (
          !ctx.isUnresolved(key) &&
          (typeof key !== "string" ||
            !key.startsWith(SCF_MATCH_KEY_PREFIX) ||
            key.length === SCF_MATCH_KEY_PREFIX.length)
        ) {
          report(
            `${at}.key`,
            key,
            "invoke.headers.<name>, e.g. invoke.headers.User",
            "unsupported match key",
          );
        }
        if (m.method === "exact" && typeof m.expression !== "string" && !ctx.isUnresolved(m.expression)) {
          report(
            `${at}.expression`,
            m.expression,
            "the literal string to compare",
            "exact expression is not a string",
          );
        }
      });
    }),
);

export const V20_ScfRangeExpression: RoutingRule = defineRule(
  {
    id: "V20",
    platforms: ["scf"],
    codes: ["InvalidParameterValue.RoutingConfig"],
    summary:
      "a range Expression is (a,b) or [a,b] with integers a <= b (mixed brackets unless strictRange); an empty range warns",
  },
  (ctx, report) =>
    eachScfAlias(ctx, (alias, path) => {
      matchesOf(alias).forEach((m, i) => {
        if (m.method !== "range" || ctx.isUnresolved(m.expression)) return;
        const at = `${path}.matches[${i}].expression`;
        const allowed = ctx.options.strictRange
          ? "(a,b) or [a,b] with integers a <= b"
          : "(a,b), [a,b], [a,b) or (a,b] with integers a <= b";
        const range =
          typeof m.expression === "string" ? parseRange(m.expression, ctx.options.strictRange) : undefined;
        if (!range) {
          report(at, m.expression, allowed, "malformed range expression");
        } else if (range.lo > range.hi) {
          report(at, m.expression, allowed, "range lower bound above upper bound");
        } else if (isEmptyRange(range)) {
          report(at, m.expression, "a range that contains at least one integer", "range never matches", {
            severity: "warning",
          });
        }
      });
    }),
);

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
