/**
 * FC CreateAlias / UpdateAlias rules V1–V10 (routing-semantics.md §8). V1–V7 apply to FC 2.0
 * and FC 3.0 (V11); V8–V10 describe FC 2.0 rule routing.
 */
import { Diagnostic } from "../diagnostics";
import {
  FC_CONDITIONS,
  FC_LATEST,
  FC_OPERATORS,
  FC_POLICY_ITEM_TYPES,
  FC_RESOLVE_POLICIES,
  FcAlias,
  FunctionModel,
} from "../types";
import {
  aliasesOf,
  aliasPath,
  collect,
  defineRule,
  isNonEmptyString,
  isRecord,
  listOf,
  ownerLabel,
  publishedSet,
  Report,
  RoutingRule,
  RuleContext,
  RuleSpec,
} from "./rule";

/** The HTTP status FC returns with each error code these rules report. */
export const FC_HTTP_STATUS = {
  InvalidArgument: 400,
  AdditionalVersionContainsMajorVersion: 400,
  VersionNotFound: 404,
  AliasNotFound: 404,
  AliasAlreadyExists: 409,
} as const;

const FC_ALIAS_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

function fcAliases(model: FunctionModel): FcAlias[] {
  return model.platform === "scf" ? [] : (aliasesOf(model) as FcAlias[]);
}

/** Runs `check` on each FC alias with its path. */
function eachFcAlias(ctx: RuleContext, check: (alias: FcAlias, path: string) => void): void {
  fcAliases(ctx.model).forEach((alias, i) => check(alias, aliasPath(alias, i)));
}

export const V1_FcAliasNameRequired: RoutingRule = defineRule(
  {
    id: "V1",
    platforms: ["fc2", "fc3"],
    codes: ["InvalidArgument"],
    httpStatus: FC_HTTP_STATUS,
    summary: "aliasName is required",
  },
  (ctx, report) =>
    eachFcAlias(ctx, (alias, path) => {
      if (!isNonEmptyString(alias.name) && !ctx.isUnresolved(alias.name)) {
        report(`${path}.name`, alias.name, "a non-empty alias name", "aliasName is required");
      }
    }),
);

export const V2_FcAliasNameFormat: RoutingRule = defineRule(
  {
    id: "V2",
    platforms: ["fc2", "fc3"],
    codes: ["InvalidArgument"],
    httpStatus: FC_HTTP_STATUS,
    summary: "aliasName matches ^[A-Za-z_][A-Za-z0-9_-]{0,127}$ and is not LATEST",
  },
  (ctx, report) =>
    eachFcAlias(ctx, (alias, path) => {
      const name = alias.name;
      if (!isNonEmptyString(name) || ctx.isUnresolved(name)) return;
      if (!FC_ALIAS_NAME.test(name) || name === FC_LATEST) {
        report(
          `${path}.name`,
          name,
          "1-128 letters, digits, '_' or '-', starting with a letter or '_', not LATEST",
          "invalid aliasName",
        );
      }
    }),
);

export const V3_FcAliasUnique: RoutingRule = defineRule(
  {
    id: "V3",
    platforms: ["fc2", "fc3"],
    codes: ["AliasAlreadyExists"],
    httpStatus: FC_HTTP_STATUS,
    summary: "alias names are unique per service (FC 2.0) or function (FC 3.0)",
  },
  (ctx, report) => {
    const seen = new Set<string>();
    eachFcAlias(ctx, (alias, path) => {
      if (!isNonEmptyString(alias.name) || ctx.isUnresolved(alias.name)) return;
      if (seen.has(alias.name)) {
        report(
          `${path}.name`,
          alias.name,
          "one alias per name",
          `alias ${alias.name} of ${ownerLabel(ctx.model)} already exists`,
        );
      }
      seen.add(alias.name);
    });
  },
);

export const V4_FcPrimaryVersion: RoutingRule = defineRule(
  {
    id: "V4",
    platforms: ["fc2", "fc3"],
    codes: ["InvalidArgument", "VersionNotFound"],
    httpStatus: FC_HTTP_STATUS,
    summary: "versionId is required, published, and not LATEST unless allowLatestPrimary",
  },
  (ctx, report) => {
    const published = publishedSet(ctx.model);
    eachFcAlias(ctx, (alias, path) => {
      const v = alias.versionId;
      const at = `${path}.versionId`;
      if (ctx.isUnresolved(v)) return;
      if (!isNonEmptyString(v)) {
        report(at, v, `a published version: ${listOf(published)}`, "versionId is required");
      } else if (v === FC_LATEST) {
        if (!ctx.options.allowLatestPrimary) {
          report(
            at,
            v,
            `a published version (${listOf(published)}), or LATEST with the allowLatestPrimary option`,
            "an alias must not point at LATEST",
          );
        }
      } else if (!published.has(v)) {
        report(
          at,
          v,
          `a published version: ${listOf(published)}`,
          `version '${v}' of ${ownerLabel(ctx.model)} does not exist`,
          { code: "VersionNotFound" },
        );
      }
    });
  },
);

export const V5_FcDescriptionLength: RoutingRule = defineRule(
  {
    id: "V5",
    platforms: ["fc2", "fc3"],
    codes: ["InvalidArgument"],
    httpStatus: FC_HTTP_STATUS,
    summary: "description is a string of at most 256 characters",
  },
  (ctx, report) =>
    eachFcAlias(ctx, (alias, path) => {
      const d = alias.description;
      if (d === undefined || ctx.isUnresolved(d)) return;
      if (typeof d !== "string" || d.length > 256) {
        report(
          `${path}.description`,
          typeof d === "string" ? `${d.length} characters` : d,
          "a string of 0-256 characters",
          "description too long or not a string",
        );
      }
    }),
);

export const V6_FcWeightsExcludePrimary: RoutingRule = defineRule(
  {
    id: "V6",
    platforms: ["fc2", "fc3"],
    codes: ["AdditionalVersionContainsMajorVersion"],
    httpStatus: FC_HTTP_STATUS,
    summary: "additionalVersionWeight does not contain the primary versionId",
  },
  (ctx, report) =>
    eachFcAlias(ctx, (alias, path) => {
      if (!isRecord(alias.weights) || !isNonEmptyString(alias.versionId)) return;
      if (Object.prototype.hasOwnProperty.call(alias.weights, alias.versionId)) {
        report(
          `${path}.weights[${JSON.stringify(alias.versionId)}]`,
          alias.weights,
          `an additional version other than the primary '${alias.versionId}'`,
          `additionalVersionWeight should not contain major version ${alias.versionId}`,
        );
      }
    }),
);

/**
 * The fraction a number above 1 was probably meant as, or undefined when a hint would not help.
 * A hint is given for a value in (1, 100] written with at most two decimals (10, 12.5, 1.5: what a
 * person types for a percentage); `1 + 2⁻⁵²`, `1.0001` or `100.5` get none, since `/ 100` of float
 * noise is not what anyone meant. The suggestion is rounded to 4 decimals (`1.1` → `0.011`, not
 * `0.011000000000000001`). Shared by alias weights (V7, V18), gateway `random` shares (G4) and
 * `CanaryAlias.scfDefaultTraffic`.
 */
export function percentageHint(w: unknown): number | undefined {
  if (typeof w !== "number" || !(w > 1 && w <= 100) || Number(w.toFixed(2)) !== w) return undefined;
  return Number((w / 100).toFixed(4));
}

/** Shared by V7 (FC) and V18 (SCF): a fraction in [0,1], with a hint when it looks like a percentage. */
export function weightProblem(w: unknown): string | undefined {
  if (typeof w !== "number" || !Number.isFinite(w)) return "weight is not a finite number";
  const hint = percentageHint(w);
  if (hint !== undefined)
    return `weight ${w} looks like a percentage; weights are fractions (use ${hint} for ${w}%)`;
  if (w < 0 || w > 1) return "weight outside [0, 1]";
  return undefined;
}

/**
 * How far above 1 the additional weights of one alias may sum: 1e-9, the same for FC (V7) and SCF (V18).
 * Weights are decimal fractions whose binary sum can pass 1 by rounding alone (0.1 + 0.2 + 0.7 =
 * 1.0000000000000002); adding k doubles of at most 1 errs by less than k·2⁻⁵³ (about 1e-16 per weight), so
 * 1e-9 absorbs the rounding of any realistic number of weights while staying far below the smallest share
 * anyone routes (0.01% = 1e-4). A sum inside the tolerance gives the primary 0% (summary and simulator alike).
 */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

/** The `allowed` text of the weight-sum check (V7, V18). */
export const WEIGHT_SUM_ALLOWED = `a sum of weights of at most 1 (up to ${WEIGHT_SUM_TOLERANCE} above it is float rounding, accepted)`;

/** Sum with a tolerance for float noise such as 0.1 + 0.2 + 0.7 (WEIGHT_SUM_TOLERANCE). */
export function sumExceedsOne(weights: number[]): boolean {
  return weights.reduce((a, b) => a + b, 0) > 1 + WEIGHT_SUM_TOLERANCE;
}

export const V7_FcWeights: RoutingRule = defineRule(
  {
    id: "V7",
    platforms: ["fc2", "fc3"],
    codes: ["InvalidArgument", "VersionNotFound"],
    httpStatus: FC_HTTP_STATUS,
    summary:
      "each weight is a finite fraction in [0,1], they sum to at most 1 (WEIGHT_SUM_TOLERANCE = 1e-9 of float rounding above it is accepted), at most maxAdditionalVersions entries, each a published version",
  },
  (ctx, report) => {
    const published = publishedSet(ctx.model);
    const max = ctx.options.maxAdditionalVersions;
    eachFcAlias(ctx, (alias, path) => {
      const weights: unknown = alias.weights;
      if (weights === undefined || ctx.isUnresolved(weights)) return;
      const wPath = `${path}.weights`;
      if (!isRecord(weights)) {
        report(
          wPath,
          weights,
          'a map of version id to fraction, e.g. {"2": 0.1}',
          "additionalVersionWeight is not a map",
        );
        return;
      }
      const entries = Object.entries(weights);
      const numeric: number[] = [];
      for (const [version, w] of entries) {
        const at = `${wPath}[${JSON.stringify(version)}]`;
        const problem = ctx.isUnresolved(w) ? undefined : weightProblem(w);
        if (problem) {
          report(at, w, "a fraction in [0, 1]", problem);
        } else if (!ctx.isUnresolved(w)) {
          numeric.push(w as number);
        }
        if (!ctx.isUnresolved(version) && version !== alias.versionId && !published.has(version)) {
          report(
            at,
            version,
            `a published version: ${listOf(published)}`,
            `version '${version}' of ${ownerLabel(ctx.model)} does not exist`,
            { code: "VersionNotFound" },
          );
        }
      }
      if (sumExceedsOne(numeric)) {
        report(
          wPath,
          numeric.reduce((a, b) => a + b, 0),
          WEIGHT_SUM_ALLOWED,
          "weights sum above 1",
        );
      }
      if (entries.length > max) {
        report(
          wPath,
          weights,
          `at most ${max} additional version(s) (maxAdditionalVersions)`,
          "too many additional versions",
        );
      }
    });
  },
);

export const V8_FcResolvePolicy: RoutingRule = defineRule(
  {
    id: "V8",
    platforms: ["fc2"],
    codes: ["InvalidArgument"],
    httpStatus: FC_HTTP_STATUS,
    summary: "resolvePolicy is Random or Content",
  },
  (ctx, report) => {
    if (ctx.model.platform !== "fc2") return;
    eachFcAlias(ctx, (alias, path) => {
      const p: unknown = alias.resolvePolicy;
      if (p === undefined || ctx.isUnresolved(p)) return;
      if (!FC_RESOLVE_POLICIES.includes(p as never)) {
        report(`${path}.resolvePolicy`, p, FC_RESOLVE_POLICIES.join(", "), "unknown resolvePolicy");
      }
    });
  },
);

const INT_1_100 = /^(100|[1-9][0-9]?)$/;

const V9: RuleSpec<"InvalidArgument"> = {
  id: "V9",
  platforms: ["fc2"],
  codes: ["InvalidArgument"],
  httpStatus: FC_HTTP_STATUS,
  summary:
    "routePolicy: condition AND|OR, non-empty policyItems each with type Header|Cookie|Param, key, value and an operator of = != > < >= <= in percent; percent value an integer 1..100",
};

/** V9 on one routePolicy; exported for reuse by gateway rules. */
export function checkRoutePolicy(
  policy: unknown,
  path: string,
  ctx: Pick<RuleContext, "isUnresolved">,
): Diagnostic[] {
  return collect(V9, (report) => reportRoutePolicy(policy, path, ctx, report));
}

function reportRoutePolicy(
  policy: unknown,
  path: string,
  ctx: Pick<RuleContext, "isUnresolved">,
  report: Report<"InvalidArgument">,
): void {
  if (!isRecord(policy)) {
    report(path, policy, "{ condition: AND|OR, policyItems: [...] }", "routePolicy is not an object");
    return;
  }
  if (!ctx.isUnresolved(policy.condition) && !FC_CONDITIONS.includes(policy.condition as never)) {
    report(`${path}.condition`, policy.condition, FC_CONDITIONS.join(", "), "unknown condition");
  }
  const items: unknown = policy.policyItems;
  if (ctx.isUnresolved(items)) return;
  if (!Array.isArray(items) || items.length === 0) {
    report(
      `${path}.policyItems`,
      items,
      "a non-empty list of { type, key, value, operator }",
      "policyItems missing or empty",
    );
    return;
  }
  items.forEach((item: unknown, i) => {
    const at = `${path}.policyItems[${i}]`;
    if (!isRecord(item)) {
      report(at, item, "{ type, key, value, operator }", "policy item is not an object");
      return;
    }
    for (const field of ["type", "key", "value", "operator"]) {
      const v = item[field];
      if (!ctx.isUnresolved(v) && !isNonEmptyString(v)) {
        report(`${at}.${field}`, v, "a non-empty string", `policy item lacks ${field}`);
      }
    }
    if (
      isNonEmptyString(item.type) &&
      !ctx.isUnresolved(item.type) &&
      !FC_POLICY_ITEM_TYPES.includes(item.type as never)
    ) {
      report(`${at}.type`, item.type, FC_POLICY_ITEM_TYPES.join(", "), "unknown policy item type");
    }
    if (
      isNonEmptyString(item.operator) &&
      !ctx.isUnresolved(item.operator) &&
      !FC_OPERATORS.includes(item.operator as never)
    ) {
      report(`${at}.operator`, item.operator, FC_OPERATORS.join(" "), "unknown operator");
    }
    if (
      item.operator === "percent" &&
      typeof item.value === "string" &&
      !ctx.isUnresolved(item.value) &&
      !INT_1_100.test(item.value)
    ) {
      report(`${at}.value`, item.value, "an integer from 1 to 100", "percent value out of range");
    }
  });
}

export const V9_FcRoutePolicy: RoutingRule = defineRule(V9, (ctx, report) => {
  if (ctx.model.platform !== "fc2") return;
  eachFcAlias(ctx, (alias, path) => {
    if (alias.routePolicy === undefined || ctx.isUnresolved(alias.routePolicy)) return;
    reportRoutePolicy(alias.routePolicy, `${path}.routePolicy`, ctx, report);
  });
});

export const V10_FcContentNeedsPolicyAndCanary: RoutingRule = defineRule(
  {
    id: "V10",
    platforms: ["fc2"],
    codes: ["InvalidArgument"],
    httpStatus: FC_HTTP_STATUS,
    summary: "Content mode has a routePolicy and exactly one additional version (warning in lenient mode)",
  },
  (ctx, report) => {
    if (ctx.model.platform !== "fc2") return;
    const severity = ctx.options.lenient ? "warning" : "error";
    eachFcAlias(ctx, (alias, path) => {
      if (alias.resolvePolicy !== "Content") return;
      if (alias.routePolicy === undefined) {
        report(
          `${path}.routePolicy`,
          undefined,
          "a routePolicy when resolvePolicy is Content",
          "Content mode without a routePolicy",
          { severity },
        );
      }
      const keys = isRecord(alias.weights) ? Object.keys(alias.weights) : [];
      if (keys.length !== 1 && !ctx.isUnresolved(alias.weights)) {
        report(
          `${path}.weights`,
          alias.weights,
          "exactly one additional version: the canary that matching traffic goes to",
          "Content mode needs exactly one canary version",
          { severity },
        );
      }
    });
  },
);

export const V11_Fc3VersionIdLength: RoutingRule = defineRule(
  {
    id: "V11",
    platforms: ["fc3"],
    codes: ["InvalidArgument"],
    httpStatus: FC_HTTP_STATUS,
    summary: "FC 3.0: V1–V7 apply, and versionId is 1–10 characters",
  },
  (ctx, report) => {
    if (ctx.model.platform !== "fc3" || ctx.model.versionIdsAssignedByCloud) return;
    eachFcAlias(ctx, (alias, path) => {
      const v = alias.versionId;
      if (isNonEmptyString(v) && !ctx.isUnresolved(v) && v.length > 10) {
        report(`${path}.versionId`, v, "a version id of 1-10 characters", "versionId too long");
      }
    });
  },
);

export const V12_Fc3NoRules: RoutingRule = defineRule(
  {
    id: "V12",
    platforms: ["fc3"],
    codes: ["InvalidArgument"],
    httpStatus: FC_HTTP_STATUS,
    summary:
      "FC 3.0 aliases take no resolvePolicy or routePolicy (error, or warning with fc3RulePolicy=warn)",
  },
  (ctx, report) => {
    if (ctx.model.platform !== "fc3") return;
    const severity = ctx.options.fc3RulePolicy === "warn" ? "warning" : "error";
    eachFcAlias(ctx, (alias, path) => {
      for (const field of ["resolvePolicy", "routePolicy"] as const) {
        if (alias[field] !== undefined) {
          report(
            `${path}.${field}`,
            alias[field],
            "weights only; route header/cookie/query canaries through StagedApiGateway gateway routing",
            `FC 3.0 aliases have no ${field}`,
            { severity },
          );
        }
      }
    });
  },
);

export const FC_ALIAS_RULES: readonly RoutingRule[] = [
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
];
