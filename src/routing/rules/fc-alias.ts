/**
 * FC CreateAlias / UpdateAlias rules V1–V10 (routing-semantics.md §8). V1–V7 apply to FC 2.0
 * and FC 3.0 (V11); V8–V10 describe FC 2.0 rule routing.
 */
import { diag, Diagnostic } from "../diagnostics";
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
  isNonEmptyString,
  isRecord,
  listOf,
  ownerLabel,
  publishedSet,
  RoutingRule,
  RuleContext,
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
function eachFcAlias(
  ctx: RuleContext,
  check: (alias: FcAlias, path: string, out: Diagnostic[]) => void,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  fcAliases(ctx.model).forEach((alias, i) => check(alias, aliasPath(alias, i), out));
  return out;
}

export const V1_FcAliasNameRequired: RoutingRule = {
  id: "V1",
  platforms: ["fc2", "fc3"],
  codes: ["InvalidArgument"],
  summary: "aliasName is required",
  check: (ctx) =>
    eachFcAlias(ctx, (alias, path, out) => {
      if (!isNonEmptyString(alias.name) && !ctx.isUnresolved(alias.name)) {
        out.push(
          diag({
            rule: "V1",
            code: "InvalidArgument",
            httpStatus: 400,
            path: `${path}.name`,
            value: alias.name,
            allowed: "a non-empty alias name",
            problem: "aliasName is required",
          }),
        );
      }
    }),
};

export const V2_FcAliasNameFormat: RoutingRule = {
  id: "V2",
  platforms: ["fc2", "fc3"],
  codes: ["InvalidArgument"],
  summary: "aliasName matches ^[A-Za-z_][A-Za-z0-9_-]{0,127}$ and is not LATEST",
  check: (ctx) =>
    eachFcAlias(ctx, (alias, path, out) => {
      const name = alias.name;
      if (!isNonEmptyString(name) || ctx.isUnresolved(name)) return;
      if (!FC_ALIAS_NAME.test(name) || name === FC_LATEST) {
        out.push(
          diag({
            rule: "V2",
            code: "InvalidArgument",
            httpStatus: 400,
            path: `${path}.name`,
            value: name,
            allowed: "1-128 letters, digits, '_' or '-', starting with a letter or '_', not LATEST",
            problem: "invalid aliasName",
          }),
        );
      }
    }),
};

export const V3_FcAliasUnique: RoutingRule = {
  id: "V3",
  platforms: ["fc2", "fc3"],
  codes: ["AliasAlreadyExists"],
  summary: "alias names are unique per service (FC 2.0) or function (FC 3.0)",
  check: (ctx) => {
    const seen = new Set<string>();
    return eachFcAlias(ctx, (alias, path, out) => {
      if (!isNonEmptyString(alias.name) || ctx.isUnresolved(alias.name)) return;
      if (seen.has(alias.name)) {
        out.push(
          diag({
            rule: "V3",
            code: "AliasAlreadyExists",
            httpStatus: 409,
            path: `${path}.name`,
            value: alias.name,
            allowed: "one alias per name",
            problem: `alias ${alias.name} of ${ownerLabel(ctx.model)} already exists`,
          }),
        );
      }
      seen.add(alias.name);
    });
  },
};

export const V4_FcPrimaryVersion: RoutingRule = {
  id: "V4",
  platforms: ["fc2", "fc3"],
  codes: ["InvalidArgument", "VersionNotFound"],
  summary: "versionId is required, published, and not LATEST unless allowLatestPrimary",
  check: (ctx) => {
    const published = publishedSet(ctx.model);
    return eachFcAlias(ctx, (alias, path, out) => {
      const v = alias.versionId;
      if (ctx.isUnresolved(v)) return;
      if (!isNonEmptyString(v)) {
        out.push(
          diag({
            rule: "V4",
            code: "InvalidArgument",
            httpStatus: 400,
            path: `${path}.versionId`,
            value: v,
            allowed: `a published version: ${listOf(published)}`,
            problem: "versionId is required",
          }),
        );
      } else if (v === FC_LATEST) {
        if (!ctx.options.allowLatestPrimary) {
          out.push(
            diag({
              rule: "V4",
              code: "InvalidArgument",
              httpStatus: 400,
              path: `${path}.versionId`,
              value: v,
              allowed: `a published version (${listOf(published)}), or LATEST with the allowLatestPrimary option`,
              problem: "an alias must not point at LATEST",
            }),
          );
        }
      } else if (!published.has(v)) {
        out.push(
          diag({
            rule: "V4",
            code: "VersionNotFound",
            httpStatus: 404,
            path: `${path}.versionId`,
            value: v,
            allowed: `a published version: ${listOf(published)}`,
            problem: `version '${v}' of ${ownerLabel(ctx.model)} does not exist`,
          }),
        );
      }
    });
  },
};

export const V5_FcDescriptionLength: RoutingRule = {
  id: "V5",
  platforms: ["fc2", "fc3"],
  codes: ["InvalidArgument"],
  summary: "description is a string of at most 256 characters",
  check: (ctx) =>
    eachFcAlias(ctx, (alias, path, out) => {
      const d = alias.description;
      if (d === undefined || ctx.isUnresolved(d)) return;
      if (typeof d !== "string" || d.length > 256) {
        out.push(
          diag({
            rule: "V5",
            code: "InvalidArgument",
            httpStatus: 400,
            path: `${path}.description`,
            value: typeof d === "string" ? `${d.length} characters` : d,
            allowed: "a string of 0-256 characters",
            problem: "description too long or not a string",
          }),
        );
      }
    }),
};

export const V6_FcWeightsExcludePrimary: RoutingRule = {
  id: "V6",
  platforms: ["fc2", "fc3"],
  codes: ["AdditionalVersionContainsMajorVersion"],
  summary: "additionalVersionWeight does not contain the primary versionId",
  check: (ctx) =>
    eachFcAlias(ctx, (alias, path, out) => {
      if (!isRecord(alias.weights) || !isNonEmptyString(alias.versionId)) return;
      if (Object.prototype.hasOwnProperty.call(alias.weights, alias.versionId)) {
        out.push(
          diag({
            rule: "V6",
            code: "AdditionalVersionContainsMajorVersion",
            httpStatus: 400,
            path: `${path}.weights[${JSON.stringify(alias.versionId)}]`,
            value: alias.weights,
            allowed: `an additional version other than the primary '${alias.versionId}'`,
            problem: `additionalVersionWeight should not contain major version ${alias.versionId}`,
          }),
        );
      }
    }),
};

/** Shared by V7 (FC) and V18 (SCF): a fraction in [0,1], with a hint when it looks like a percentage. */
export function weightProblem(w: unknown): string | undefined {
  if (typeof w !== "number" || !Number.isFinite(w)) return "weight is not a finite number";
  if (w > 1 && w <= 100)
    return `weight ${w} looks like a percentage; weights are fractions (use ${w / 100} for ${w}%)`;
  if (w < 0 || w > 1) return "weight outside [0, 1]";
  return undefined;
}

/** Sum with a tolerance for float noise such as 0.1 + 0.2 + 0.7. */
export function sumExceedsOne(weights: number[]): boolean {
  return weights.reduce((a, b) => a + b, 0) > 1 + 1e-9;
}

export const V7_FcWeights: RoutingRule = {
  id: "V7",
  platforms: ["fc2", "fc3"],
  codes: ["InvalidArgument", "VersionNotFound"],
  summary:
    "each weight is a finite fraction in [0,1], they sum to at most 1, at most maxAdditionalVersions entries, each a published version",
  check: (ctx) => {
    const published = publishedSet(ctx.model);
    const max = ctx.options.maxAdditionalVersions;
    return eachFcAlias(ctx, (alias, path, out) => {
      const weights: unknown = alias.weights;
      if (weights === undefined || ctx.isUnresolved(weights)) return;
      const wPath = `${path}.weights`;
      if (!isRecord(weights)) {
        out.push(
          diag({
            rule: "V7",
            code: "InvalidArgument",
            httpStatus: 400,
            path: wPath,
            value: weights,
            allowed: 'a map of version id to fraction, e.g. {"2": 0.1}',
            problem: "additionalVersionWeight is not a map",
          }),
        );
        return;
      }
      const entries = Object.entries(weights);
      const numeric: number[] = [];
      for (const [version, w] of entries) {
        const at = `${wPath}[${JSON.stringify(version)}]`;
        const problem = ctx.isUnresolved(w) ? undefined : weightProblem(w);
        if (problem) {
          out.push(
            diag({
              rule: "V7",
              code: "InvalidArgument",
              httpStatus: 400,
              path: at,
              value: w,
              allowed: "a fraction in [0, 1]",
              problem,
            }),
          );
        } else if (!ctx.isUnresolved(w)) {
          numeric.push(w as number);
        }
        if (!ctx.isUnresolved(version) && version !== alias.versionId && !published.has(version)) {
          out.push(
            diag({
              rule: "V7",
              code: "VersionNotFound",
              httpStatus: 404,
              path: at,
              value: version,
              allowed: `a published version: ${listOf(published)}`,
              problem: `version '${version}' of ${ownerLabel(ctx.model)} does not exist`,
            }),
          );
        }
      }
      if (sumExceedsOne(numeric)) {
        out.push(
          diag({
            rule: "V7",
            code: "InvalidArgument",
            httpStatus: 400,
            path: wPath,
            value: numeric.reduce((a, b) => a + b, 0),
            allowed: "a sum of weights of at most 1",
            problem: "weights sum above 1",
          }),
        );
      }
      if (entries.length > max) {
        out.push(
          diag({
            rule: "V7",
            code: "InvalidArgument",
            httpStatus: 400,
            path: wPath,
            value: weights,
            allowed: `at most ${max} additional version(s) (maxAdditionalVersions)`,
            problem: "too many additional versions",
          }),
        );
      }
    });
  },
};

export const V8_FcResolvePolicy: RoutingRule = {
  id: "V8",
  platforms: ["fc2"],
  codes: ["InvalidArgument"],
  summary: "resolvePolicy is Random or Content",
  check: (ctx) =>
    ctx.model.platform !== "fc2"
      ? []
      : eachFcAlias(ctx, (alias, path, out) => {
          const p: unknown = alias.resolvePolicy;
          if (p === undefined || ctx.isUnresolved(p)) return;
          if (!FC_RESOLVE_POLICIES.includes(p as never)) {
            out.push(
              diag({
                rule: "V8",
                code: "InvalidArgument",
                httpStatus: 400,
                path: `${path}.resolvePolicy`,
                value: p,
                allowed: FC_RESOLVE_POLICIES.join(", "),
                problem: "unknown resolvePolicy",
              }),
            );
          }
        }),
};

const INT_1_100 = /^(100|[1-9][0-9]?)$/;

/** V9 on one routePolicy; exported for reuse by gateway rules. */
export function checkRoutePolicy(
  policy: unknown,
  path: string,
  ctx: Pick<RuleContext, "isUnresolved">,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bad = (at: string, value: unknown, allowed: string, problem: string) =>
    out.push(
      diag({ rule: "V9", code: "InvalidArgument", httpStatus: 400, path: at, value, allowed, problem }),
    );
  if (!isRecord(policy)) {
    bad(path, policy, "{ condition: AND|OR, policyItems: [...] }", "routePolicy is not an object");
    return out;
  }
  if (!ctx.isUnresolved(policy.condition) && !FC_CONDITIONS.includes(policy.condition as never)) {
    bad(`${path}.condition`, policy.condition, FC_CONDITIONS.join(", "), "unknown condition");
  }
  const items: unknown = policy.policyItems;
  if (ctx.isUnresolved(items)) return out;
  if (!Array.isArray(items) || items.length === 0) {
    bad(
      `${path}.policyItems`,
      items,
      "a non-empty list of { type, key, value, operator }",
      "policyItems missing or empty",
    );
    return out;
  }
  items.forEach((item: unknown, i) => {
    const at = `${path}.policyItems[${i}]`;
    if (!isRecord(item)) {
      bad(at, item, "{ type, key, value, operator }", "policy item is not an object");
      return;
    }
    for (const field of ["type", "key", "value", "operator"]) {
      const v = item[field];
      if (!ctx.isUnresolved(v) && !isNonEmptyString(v)) {
        bad(`${at}.${field}`, v, "a non-empty string", `policy item lacks ${field}`);
      }
    }
    if (
      isNonEmptyString(item.type) &&
      !ctx.isUnresolved(item.type) &&
      !FC_POLICY_ITEM_TYPES.includes(item.type as never)
    ) {
      bad(`${at}.type`, item.type, FC_POLICY_ITEM_TYPES.join(", "), "unknown policy item type");
    }
    if (
      isNonEmptyString(item.operator) &&
      !ctx.isUnresolved(item.operator) &&
      !FC_OPERATORS.includes(item.operator as never)
    ) {
      bad(`${at}.operator`, item.operator, FC_OPERATORS.join(" "), "unknown operator");
    }
    if (
      item.operator === "percent" &&
      typeof item.value === "string" &&
      !ctx.isUnresolved(item.value) &&
      !INT_1_100.test(item.value)
    ) {
      bad(`${at}.value`, item.value, "an integer from 1 to 100", "percent value out of range");
    }
  });
  return out;
}

export const V9_FcRoutePolicy: RoutingRule = {
  id: "V9",
  platforms: ["fc2"],
  codes: ["InvalidArgument"],
  summary:
    "routePolicy: condition AND|OR, non-empty policyItems each with type Header|Cookie|Param, key, value and an operator of = != > < >= <= in percent; percent value an integer 1..100",
  check: (ctx) =>
    ctx.model.platform !== "fc2"
      ? []
      : eachFcAlias(ctx, (alias, path, out) => {
          if (alias.routePolicy === undefined || ctx.isUnresolved(alias.routePolicy)) return;
          out.push(...checkRoutePolicy(alias.routePolicy, `${path}.routePolicy`, ctx));
        }),
};

export const V10_FcContentNeedsPolicyAndCanary: RoutingRule = {
  id: "V10",
  platforms: ["fc2"],
  codes: ["InvalidArgument"],
  summary: "Content mode has a routePolicy and exactly one additional version (warning in lenient mode)",
  check: (ctx) =>
    ctx.model.platform !== "fc2"
      ? []
      : eachFcAlias(ctx, (alias, path, out) => {
          if (alias.resolvePolicy !== "Content") return;
          const severity = ctx.options.lenient ? "warning" : "error";
          if (alias.routePolicy === undefined) {
            out.push(
              diag({
                rule: "V10",
                code: "InvalidArgument",
                httpStatus: 400,
                severity,
                path: `${path}.routePolicy`,
                value: undefined,
                allowed: "a routePolicy when resolvePolicy is Content",
                problem: "Content mode without a routePolicy",
              }),
            );
          }
          const keys = isRecord(alias.weights) ? Object.keys(alias.weights) : [];
          if (keys.length !== 1 && !ctx.isUnresolved(alias.weights)) {
            out.push(
              diag({
                rule: "V10",
                code: "InvalidArgument",
                httpStatus: 400,
                severity,
                path: `${path}.weights`,
                value: alias.weights,
                allowed: "exactly one additional version: the canary that matching traffic goes to",
                problem: "Content mode needs exactly one canary version",
              }),
            );
          }
        }),
};

export const V11_Fc3VersionIdLength: RoutingRule = {
  id: "V11",
  platforms: ["fc3"],
  codes: ["InvalidArgument"],
  summary: "FC 3.0: V1–V7 apply, and versionId is 1–10 characters",
  check: (ctx) => {
    if (ctx.model.platform !== "fc3" || ctx.model.versionIdsAssignedByCloud) return [];
    return eachFcAlias(ctx, (alias, path, out) => {
      const v = alias.versionId;
      if (isNonEmptyString(v) && !ctx.isUnresolved(v) && v.length > 10) {
        out.push(
          diag({
            rule: "V11",
            code: "InvalidArgument",
            httpStatus: 400,
            path: `${path}.versionId`,
            value: v,
            allowed: "a version id of 1-10 characters",
            problem: "versionId too long",
          }),
        );
      }
    });
  },
};

export const V12_Fc3NoRules: RoutingRule = {
  id: "V12",
  platforms: ["fc3"],
  codes: ["InvalidArgument"],
  summary: "FC 3.0 aliases take no resolvePolicy or routePolicy (error, or warning with fc3RulePolicy=warn)",
  check: (ctx) => {
    if (ctx.model.platform !== "fc3") return [];
    const severity = ctx.options.fc3RulePolicy === "warn" ? "warning" : "error";
    return eachFcAlias(ctx, (alias, path, out) => {
      for (const field of ["resolvePolicy", "routePolicy"] as const) {
        if (alias[field] !== undefined) {
          out.push(
            diag({
              rule: "V12",
              code: "InvalidArgument",
              httpStatus: 400,
              severity,
              path: `${path}.${field}`,
              value: alias[field],
              allowed:
                "weights only; route header/cookie/query canaries through StagedApiGateway gateway routing",
              problem: `FC 3.0 aliases have no ${field}`,
            }),
          );
        }
      }
    });
  },
};

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
