/**
 * Stage-level routing: a request to a gateway stage → (Alibaba) a gateway routing rule → an
 * alias or version → the function's alias routing. Pure; the constructs build this model.
 */
import { diag, Diagnostic, RoutingValidationError } from "./diagnostics";
import { describeExpectedRoute, ExpectedRoute, expectationProblem } from "./expectations";
import { compareUtf8, Router, RouterOptions } from "./resolve";
import { percentageHint } from "./rules/fc-alias";
import { PreparedRequest } from "./request";
import { knownQualifiers } from "./rules/request";
import { isRecord, listOf } from "./rules/rule";
import { Interval, sample as sampleAlias, wilsonInterval } from "./sample";
import { FunctionModel, RouteDecision, RouteRequest } from "./types";
import { ValidationResult } from "./validate";

export type StageName = "release" | "prepub" | "dev";
export const STAGE_NAMES: readonly StageName[] = ["release", "prepub", "dev"];
export type GatewayCloud = "tencent" | "alibaba";

/** The cloud's own stage/environment name: Tencent release/prepub/test, Alibaba RELEASE/PRE/TEST. */
export function cloudStageName(cloud: GatewayCloud, stage: StageName): string {
  const names =
    cloud === "tencent"
      ? { release: "release", prepub: "prepub", dev: "test" }
      : { release: "RELEASE", prepub: "PRE", dev: "TEST" };
  return names[stage];
}

export type GatewayOperator = "=" | "!=" | ">" | "<" | ">=" | "<=";
export const GATEWAY_OPERATORS: readonly GatewayOperator[] = ["=", "!=", ">", "<", ">=", "<="];

/** A condition of an Alibaba API Gateway routing plugin route, on a declared header or query parameter. */
export interface GatewayParameterCondition {
  readonly source: "header" | "query";
  readonly name: string;
  readonly operator: GatewayOperator;
  readonly value: string;
}

/** `Random() < fraction`: a share of the stage's traffic. */
export interface GatewayRandomCondition {
  readonly random: number;
}

export type GatewayCondition = GatewayParameterCondition | GatewayRandomCondition;

/** A gateway route: when every condition holds, the request goes to `qualifier` (an alias or version). */
export interface GatewayRoute {
  readonly name: string;
  readonly conditions: readonly GatewayCondition[];
  readonly qualifier: string;
}

export interface StageModel {
  readonly stage: StageName;
  /** The alias or version this stage invokes (`$DEFAULT`, `LATEST`, an alias name or a version). */
  readonly qualifier: string;
  /** Alibaba routing-plugin routes, evaluated in order before the stage's own qualifier. */
  readonly routes?: readonly GatewayRoute[];
}

export interface GatewayModel {
  readonly cloud: GatewayCloud;
  readonly function: FunctionModel;
  readonly stages: readonly StageModel[];
}

const ROUTE_NAME = /^[A-Za-z0-9_]{1,50}$/;

/** G-rules: stages and gateway routes are well-formed and name known qualifiers. Never throws. */
export function validateGateway(model: GatewayModel): ValidationResult {
  const out: Diagnostic[] = [];
  const known = knownQualifiers(model.function);
  const seen = new Set<string>();
  (Array.isArray(model.stages) ? model.stages : []).forEach((s: unknown, i) => {
    const stage = isRecord(s) ? s : {};
    const at = `stages[${typeof stage.stage === "string" ? stage.stage : i}]`;
    if (!STAGE_NAMES.includes(stage.stage as StageName)) {
      out.push(
        diag({
          rule: "G1",
          code: "InvalidStage",
          path: `${at}.stage`,
          value: stage.stage,
          allowed: STAGE_NAMES.join(", "),
          problem: "unknown stage",
        }),
      );
      return;
    }
    if (seen.has(stage.stage as string)) {
      out.push(
        diag({
          rule: "G1",
          code: "DuplicateStage",
          path: at,
          value: stage.stage,
          allowed: "each stage once",
          problem: "stage declared twice",
        }),
      );
    }
    seen.add(stage.stage as string);
    if (typeof stage.qualifier !== "string" || !known.has(stage.qualifier)) {
      out.push(
        diag({
          rule: "G2",
          code: "StageBindingNotFound",
          path: `${at}.qualifier`,
          value: stage.qualifier,
          allowed: listOf(known),
          problem: `stage ${String(stage.stage)} is bound to no alias or version`,
        }),
      );
    }
    const routes: unknown = stage.routes ?? [];
    if (!Array.isArray(routes)) {
      out.push(
        diag({
          rule: "G3",
          code: "InvalidGatewayRoute",
          path: `${at}.routes`,
          value: routes,
          allowed: "a list of routes",
          problem: "routes is not a list",
        }),
      );
      return;
    }
    if (routes.length > 0 && model.cloud === "tencent") {
      out.push(
        diag({
          rule: "G3",
          code: "GatewayRoutingUnsupported",
          path: `${at}.routes`,
          value: routes.length,
          allowed:
            "SCF alias rules on the invoke RoutingKey (CanaryAlias rules); Tencent's routing plugin with SCF backends is undocumented in the provider",
          problem: "gateway routes are not supported on Tencent API Gateway",
        }),
      );
    }
    const names = new Set<string>();
    routes.forEach((r: unknown, j) => {
      const rat = `${at}.routes[${j}]`;
      if (!isRecord(r)) {
        out.push(
          diag({
            rule: "G3",
            code: "InvalidGatewayRoute",
            path: rat,
            value: r,
            allowed: "{ name, conditions, qualifier }",
            problem: "route is not an object",
          }),
        );
        return;
      }
      if (typeof r.name !== "string" || !ROUTE_NAME.test(r.name) || names.has(r.name)) {
        out.push(
          diag({
            rule: "G3",
            code: "InvalidGatewayRoute",
            path: `${rat}.name`,
            value: r.name,
            allowed: "a unique name of 1-50 letters, digits or '_'",
            problem: "invalid or duplicate route name",
          }),
        );
      }
      if (typeof r.name === "string") names.add(r.name);
      if (typeof r.qualifier !== "string" || !known.has(r.qualifier)) {
        out.push(
          diag({
            rule: "G2",
            code: "StageBindingNotFound",
            path: `${rat}.qualifier`,
            value: r.qualifier,
            allowed: listOf(known),
            problem: "route target names no alias or version",
          }),
        );
      }
      const conditions: unknown = r.conditions;
      if (!Array.isArray(conditions) || conditions.length === 0) {
        out.push(
          diag({
            rule: "G3",
            code: "InvalidGatewayRoute",
            path: `${rat}.conditions`,
            value: conditions,
            allowed: "a non-empty list of conditions (all must hold)",
            problem: "route without conditions",
          }),
        );
        return;
      }
      conditions.forEach((c: unknown, k) => {
        const cat = `${rat}.conditions[${k}]`;
        if (isRecord(c) && "random" in c) {
          if (typeof c.random !== "number" || !(c.random >= 0 && c.random <= 1)) {
            const pct = percentageHint(c.random);
            out.push(
              diag({
                rule: "G4",
                code: "InvalidGatewayRoute",
                path: `${cat}.random`,
                value: c.random,
                allowed: "a fraction in [0, 1]",
                problem:
                  pct !== undefined
                    ? `random ${String(c.random)} looks like a percentage; use ${pct}`
                    : "random share outside [0, 1]",
              }),
            );
          }
          return;
        }
        if (!isRecord(c) || (c.source !== "header" && c.source !== "query")) {
          out.push(
            diag({
              rule: "G4",
              code: "InvalidGatewayRoute",
              path: `${cat}.source`,
              value: isRecord(c) ? c.source : c,
              allowed: "header or query (API Gateway parameters; cookies are not parameters), or { random }",
              problem: "unsupported condition source",
            }),
          );
          return;
        }
        if (typeof c.name !== "string" || !/^[A-Za-z0-9_-]{1,50}$/.test(c.name)) {
          out.push(
            diag({
              rule: "G4",
              code: "InvalidGatewayRoute",
              path: `${cat}.name`,
              value: c.name,
              allowed: "1-50 letters, digits, '_' or '-'",
              problem: "invalid parameter name",
            }),
          );
        }
        if (!GATEWAY_OPERATORS.includes(c.operator as GatewayOperator)) {
          out.push(
            diag({
              rule: "G4",
              code: "InvalidGatewayRoute",
              path: `${cat}.operator`,
              value: c.operator,
              allowed: GATEWAY_OPERATORS.join(" "),
              problem: "unsupported operator",
            }),
          );
        }
        if (typeof c.value !== "string" || c.value.includes("'")) {
          out.push(
            diag({
              rule: "G4",
              code: "InvalidGatewayRoute",
              path: `${cat}.value`,
              value: c.value,
              allowed: "a string without single quotes",
              problem: "invalid comparison value",
            }),
          );
        }
      });
    });
  });
  const errors = out.filter((d) => d.severity === "error");
  return {
    ok: errors.length === 0,
    errors,
    warnings: out.filter((d) => d.severity === "warning"),
    diagnostics: out,
  };
}

/** Gateway draws use their own stream so the alias draw of the same request is unchanged. */
const GATEWAY_STREAM = 0x6761746577617921n; // "gateway!"

export interface StageDecision {
  readonly stage: StageName;
  readonly cloudStage: string;
  /** The gateway route that matched, if any. */
  readonly gatewayRoute?: string;
  /** The qualifier the gateway invoked. */
  readonly qualifier: string;
  readonly version: string;
  readonly decision: RouteDecision;
  /** stage → gateway rule → alias → version, one line per hop. */
  readonly chain: readonly string[];
  readonly assumptions: readonly string[];
}

export interface StageShare {
  readonly version: string;
  readonly count: number;
  readonly share: number;
  readonly ci99: Interval;
}

export interface StageSample {
  readonly stage: StageName;
  readonly total: number;
  readonly versions: readonly StageShare[];
  readonly assumptions: readonly string[];
}

function describeCondition(c: GatewayCondition): string {
  return "random" in c
    ? `Random() < ${c.random}`
    : `${c.source} ${c.name} ${c.operator} ${JSON.stringify(c.value)}`;
}

/** A validated gateway model: simulate one request to a stage, or sample many. */
export class GatewayRouter {
  readonly model: GatewayModel;
  readonly functionRouter: Router;
  private gatewayDraws?: Router;
  private readonly opts: RouterOptions;
  private readonly stages = new Map<StageName, StageModel>();

  constructor(model: GatewayModel, opts: RouterOptions = {}) {
    const result = validateGateway(model);
    this.functionRouter = new Router(model.function, opts);
    if (!result.ok) throw new RoutingValidationError(result.diagnostics);
    this.model = model;
    this.opts = opts;
    for (const s of model.stages) this.stages.set(s.stage, s);
  }

  /**
   * A router over the same model used only for its draw function, on the gateway stream. Built on
   * the first `{ random }` condition: most gateways have none, and building it validates the model again.
   */
  private get gatewayRouter(): Router {
    if (!this.gatewayDraws) {
      const seed = BigInt.asUintN(
        64,
        BigInt(this.functionRouter.seed.hi) * 4294967296n + BigInt(this.functionRouter.seed.lo),
      );
      this.gatewayDraws = new Router(this.model.function, {
        ...this.opts,
        seed: (seed ^ GATEWAY_STREAM).toString(),
      });
    }
    return this.gatewayDraws;
  }

  private stageModel(stage: StageName): StageModel {
    const s = this.stages.get(stage);
    if (!s) {
      throw new RoutingValidationError([
        diag({
          rule: "G2",
          code: "StageNotFound",
          path: "stage",
          value: stage,
          allowed: listOf([...this.stages.keys()]),
          problem: "the gateway has no such stage",
        }),
      ]);
    }
    return s;
  }

  /** Follows stage → gateway rule → alias → version for one request. */
  simulate(stage: StageName, request: RouteRequest = {}, index: number | bigint = 0): StageDecision {
    const s = this.stageModel(stage);
    const platform = this.model.function.platform;
    const api = platform === "scf" ? "apigateway" : "http";
    const base: RouteRequest = { ...request, api, qualifier: s.qualifier };
    const prepared = this.functionRouter.prepare(base);
    const chain = [`stage ${stage} (${cloudStageName(this.model.cloud, stage)}) → ${s.qualifier}`];
    let qualifier = s.qualifier;
    let gatewayRoute: string | undefined;
    for (const route of s.routes ?? []) {
      const hit = route.conditions.every((c) =>
        "random" in c ? this.gatewayRouter.drawFor(prepared, index) < c.random : parameterHolds(c, prepared),
      );
      if (hit) {
        gatewayRoute = route.name;
        qualifier = route.qualifier;
        chain.push(
          `gateway route ${route.name} (${route.conditions.map(describeCondition).join(" and ")}) → ${qualifier}`,
        );
        break;
      }
    }
    const decision = this.functionRouter.route({ ...base, qualifier }, index);
    chain.push(decision.alias ? `alias ${decision.alias}: ${decision.explanation}` : decision.explanation);
    const assumptions = [...decision.assumptions];
    if (platform !== "scf")
      assumptions.push(
        "FC via API Gateway: rules see the client's headers, cookies and query (undocumented)",
      );
    if ((s.routes ?? []).length > 0)
      assumptions.push(
        "gateway routing-plugin routes with an FC backend override are experimental (undocumented)",
      );
    return {
      stage,
      cloudStage: cloudStageName(this.model.cloud, stage),
      gatewayRoute,
      qualifier,
      version: decision.version,
      decision,
      chain,
      assumptions,
    };
  }

  /** Routes `count` requests to a stage; request i uses index startIndex + i. */
  sample(
    stage: StageName,
    requests: RouteRequest | ((i: number) => RouteRequest) = {},
    count = 10000,
    startIndex = 0,
  ): StageSample {
    const s = this.stageModel(stage);
    if (
      typeof requests !== "function" &&
      !(s.routes ?? []).some((r) => r.conditions.some((c) => "random" in c))
    ) {
      // The gateway's choice is fixed for a fixed request: sample the alias directly (same draws).
      const first = this.simulate(stage, requests, startIndex);
      const platform = this.model.function.platform;
      const result = sampleAlias(
        this.functionRouter,
        { ...requests, api: platform === "scf" ? "apigateway" : "http", qualifier: first.qualifier },
        count,
        { startIndex },
      );
      return { stage, total: count, versions: result.versions, assumptions: first.assumptions };
    }
    const counts = new Map<string, number>();
    const assumptions = new Set<string>();
    // Routes compiled like aliases (#13): the parameter conditions are settled once per request, the
    // random ones compare one gateway draw per index, and the alias picks with pickVersion — the same
    // decisions as simulate(), without building a chain or an explanation per request.
    const platform = this.model.function.platform;
    const api = platform === "scf" ? "apigateway" : "http";
    const routes = s.routes ?? [];
    const fr = this.functionRouter;
    let prepared: PreparedRequest | undefined;
    let candidates: { qualifier: string; random: number[] }[] = [];
    for (let i = 0; i < count; i++) {
      const index = startIndex + i;
      if (typeof requests === "function") {
        // One request per index: each needs its own normalisation; simulate() it (assumptions vary too).
        const d = this.simulate(stage, requests(index), index);
        d.assumptions.forEach((a) => assumptions.add(a));
        counts.set(d.version, (counts.get(d.version) ?? 0) + 1);
        continue;
      }
      if (i === 0) {
        const d = this.simulate(stage, requests, index);
        d.assumptions.forEach((a) => assumptions.add(a));
        prepared = fr.prepare({ ...requests, api, qualifier: s.qualifier });
        const p = prepared;
        candidates = routes
          .filter((r) => r.conditions.every((c) => "random" in c || parameterHolds(c, p)))
          .map((r) => ({
            qualifier: r.qualifier,
            random: r.conditions.flatMap((c) => ("random" in c ? [c.random] : [])),
          }));
        counts.set(d.version, (counts.get(d.version) ?? 0) + 1);
        continue;
      }
      let qualifier = s.qualifier;
      let u = -1;
      for (const c of candidates) {
        if (c.random.length > 0 && u < 0) u = this.gatewayRouter.drawFor(prepared!, index);
        if (c.random.every((r) => u < r)) {
          qualifier = c.qualifier;
          break;
        }
      }
      const alias = fr.target(qualifier);
      const version = alias ? fr.pickVersion(prepared!, index, alias) : qualifier;
      counts.set(version, (counts.get(version) ?? 0) + 1);
    }
    const versions = [...counts.entries()]
      .map(([version, c]) => ({ version, count: c, share: c / count, ci99: wilsonInterval(c, count) }))
      .sort((a, b) => b.count - a.count || (a.version < b.version ? -1 : 1));
    return { stage, total: count, versions, assumptions: [...assumptions] };
  }
}

/** Whether a header or query condition of a gateway route holds for a prepared request. */
function parameterHolds(c: GatewayParameterCondition, prepared: PreparedRequest): boolean {
  const actual =
    c.source === "header" ? prepared.headers.get(c.name.toLowerCase()) : prepared.query.get(c.name);
  if (actual === undefined) return false;
  const cmp = compareUtf8(actual, c.value);
  switch (c.operator) {
    case "=":
      return cmp === 0;
    case "!=":
      return cmp !== 0;
    case ">":
      return cmp > 0;
    case "<":
      return cmp < 0;
    case ">=":
      return cmp >= 0;
    default:
      return cmp <= 0;
  }
}

/** A routing expectation on a stage, checked at synth time. */
export interface RoutingExpectation extends ExpectedRoute {
  readonly stage: StageName;
  /** The request (headers, query, cookies, routing key); @default {} */
  readonly request?: RouteRequest;
  /** A name for messages. @default - derived */
  readonly description?: string;
}

export interface ExpectationFailure {
  readonly expectation: RoutingExpectation;
  readonly message: string;
}

export function describeExpectation(e: RoutingExpectation): string {
  return describeExpectedRoute(e.stage, e.request, e);
}

/** Checks expectations by sampling `samples` requests per expectation (seeded, deterministic). */
export function checkExpectations(
  router: GatewayRouter,
  expectations: readonly RoutingExpectation[],
  samples = 10000,
): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  for (const e of expectations) {
    const request = e.request ?? {};
    const result = router.sample(e.stage, request, samples);
    const context = () => {
      const chain = router.simulate(e.stage, request, 0).chain.join(" → ");
      return `route: ${chain}; assumptions: ${result.assumptions.join("; ") || "none"}`;
    };
    const problem = expectationProblem(e.description ?? describeExpectation(e), e, result, samples, context);
    if (problem) failures.push({ expectation: e, message: problem });
  }
  return failures;
}
