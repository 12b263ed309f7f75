import { Construct } from "constructs";
import { Annotations, TerraformOutput, TerraformResource, Token } from "../cdktf";
import { AliasRuleSupport, AliasSpec, CloudProfile } from "../clouds";
import {
  AnyAlias,
  FcAlias,
  FcOperator,
  formatVersion,
  percentageHint,
  describeExpectedRoute,
  ExpectedRoute,
  expectationProblem,
  RouteDecision,
  Router,
  RouteRequest,
  routingDigest,
  routingSummary,
  RoutingValidationError,
  sample,
  SampleResult,
  ScfAlias,
  show as showValue,
} from "../routing";
import { DEFAULT_ROUTING_OPTIONS } from "../routing";
import { nonDefaultOptions, simulatorOutput } from "../review/assumptions";
import { fitDescription } from "./description";
import { ReleaseValidationError } from "./errors";
import { FunctionWithVersions } from "./function-with-versions";
import { recordWarnings } from "./warnings";

const FC_ITEM_TYPES: ReadonlyMap<unknown, "Header" | "Cookie" | "Param"> = new Map([
  ["header", "Header"],
  ["cookie", "Cookie"],
  ["query", "Param"],
] as const);

/** Where a rule reads its value. On SCF only `header` exists: `invoke.headers.<name>` of the invoke RoutingKey. */
export type RuleSource = "header" | "cookie" | "query";

/** `=` … `percent` are FC 2.0 operators; SCF supports `=` (exact) and `range`. */
export type RuleOperator = FcOperator | "range";

export interface CanaryRule {
  readonly source: RuleSource;
  /** Header, cookie or query parameter name. */
  readonly name: string;
  readonly operator: RuleOperator;
  /** Compared value; `percent`: an integer 1..100; `range`: `[a,b]` or `(a,b)`. */
  readonly value: string;
}

export interface CanarySpec {
  /** Label of the canary (additional) version. */
  readonly version: string;
  /**
   * Share of random traffic for the canary, a fraction in [0, 1] (0.1 = 10%). 0 means "published,
   * no random traffic" (reachable by rules or by its version qualifier), not "unset".
   * @default 0 with rules; required without rules
   */
  readonly weight?: number;
  /**
   * Requests matching these rules go to the canary: SCF exact/range on the invoke RoutingKey;
   * FC 2.0 header/cookie/query rules (simulated only: the alicloud provider cannot deploy them).
   * FC 3.0 aliases have no rules: use StagedApiGateway gateway routing.
   * @default - weight routing only
   */
  readonly rules?: readonly CanaryRule[];
  /** FC 2.0: whether all rules or any rule must match. @default "all" */
  readonly match?: "all" | "any";
}

/** A routing expectation on one alias: `reaches` a version, or a `share` of requests to one. */
export interface AliasExpectation extends ExpectedRoute {
  /** e.g. `{ routingKey: '{"User":"Bob"}' }` on SCF, `{ headers: { "x-test-uid": "1001" } }` on FC 2.0. @default {} */
  readonly request?: RouteRequest;
  /** Requests sampled (seeded). @default 10000 */
  readonly samples?: number;
}

export interface CanaryAliasProps {
  readonly function: FunctionWithVersions;
  /** The alias name; `$DEFAULT` configures SCF's built-in alias (never created). */
  readonly aliasName: string;
  /** Label of the primary version (or LATEST / $LATEST). */
  readonly version: string;
  /** At most one additional version. @default - all traffic to `version` */
  readonly canary?: CanarySpec;
  /**
   * Your text, prefixed to the routing digest. The digest is always kept: SCF's provider skips
   * UpdateAlias when only the version changes, so the description must change with the routing. On SCF the
   * deployed description also ends with the version ids (`| ids v1=${…}`). On FC (256 characters) a text too
   * long is shortened at a word boundary and marked `… #<8 hex of sha256 of the full text>`, the digest kept
   * after it; the full digest is the `routing` output.
   * @default - the routing digest (SCF: and the version ids)
   */
  readonly description?: string;
  /**
   * FC 2.0 rules cannot be deployed by the alicloud provider (its FC 2.0 alias resource has no route_policy).
   * "error" refuses them; "simulate-only" keeps them in the routing model for the simulator and
   * deploys the canary with its weight only, with a warning.
   * @default "error"
   */
  readonly fc2Rules?: "error" | "simulate-only";
}

/**
 * An alias that sends traffic to a primary version and at most one canary, by weight or by rules.
 * Everything is validated by the routing core when the construct is built.
 */
export class CanaryAlias extends Construct {
  /**
   * SCF `$DEFAULT` in the Serverless Framework's traffic mode: `latestShare` of requests run
   * `$LATEST`, the rest the newest published version. Terraform cannot manage `$DEFAULT`; the
   * routing is modelled, simulated and output, and applied with your deploy tool.
   */
  static scfDefaultTraffic(
    scope: Construct,
    id: string,
    fn: FunctionWithVersions,
    latestShare: number,
  ): CanaryAlias {
    const builtIn = fn.profile.builtInAlias;
    if (!builtIn) {
      throw new ReleaseValidationError(
        `${scope.node.path}/${id}`,
        `scfDefaultTraffic is for Tencent SCF's built-in $DEFAULT alias; ${fn.node.path} is ${fn.cloudName}; ` +
          `allowed: a CanaryAlias with a weight on FC`,
      );
    }
    if (
      typeof latestShare !== "number" ||
      Token.isUnresolved(latestShare) ||
      !(latestShare >= 0 && latestShare <= 1)
    ) {
      const hint =
        percentageHint(latestShare) !== undefined
          ? ` (looks like a percentage: use ${percentageHint(latestShare)})`
          : "";
      throw new ReleaseValidationError(
        `${scope.node.path}/${id}`,
        `latestShare must be a number in [0, 1] known at synth time${hint}; got ${String(latestShare)}; allowed: e.g. 0.1 for 10% on $LATEST`,
      );
    }
    const last = fn.latestPublished;
    return new CanaryAlias(scope, id, {
      function: fn,
      aliasName: builtIn.name,
      version: fn.profile.latestQualifier,
      canary: last ? { version: last.label, weight: 1 - latestShare } : undefined,
    });
  }

  readonly aliasName: string;
  readonly function: FunctionWithVersions;
  /** The alias in the routing core's terms (version labels as ids). */
  readonly routing: AnyAlias;
  /** e.g. `release: v1 90% | v2 10%`. */
  readonly summary: string;
  /** The alias resource; undefined for SCF `$DEFAULT`. */
  readonly resource?: TerraformResource;
  readonly routingOutput: TerraformOutput;
  private router?: Router;

  constructor(scope: Construct, id: string, props: CanaryAliasProps) {
    super(scope, id);
    recordWarnings(this);
    if (typeof props !== "object" || props === null) {
      throw new ReleaseValidationError(
        this.node.path,
        `props must be an object; got ${showValue(props)}; allowed: { function, aliasName, version, canary? }`,
      );
    }
    if (!(props.function instanceof FunctionWithVersions)) {
      throw new ReleaseValidationError(
        this.node.path,
        `function must be a FunctionWithVersions; got ${showValue(props.function)}; allowed: a FunctionWithVersions construct`,
      );
    }
    this.checkCanaryShape(props);
    const fn = props.function;
    this.function = fn;
    this.aliasName = props.aliasName;
    // Unknown labels first: the error names this alias and lists the versions the function declares.
    for (const label of [props.version, props.canary?.version])
      if (label !== undefined) fn.version(label, this);
    this.routing = this.toRouting(fn.profile, props);
    fn.registerAlias({ construct: this, config: this.routing });
    this.summary = this.summarize(fn.profile, props);

    const builtIn = fn.profile.builtInAlias;
    if (builtIn && props.aliasName === builtIn.name) Annotations.of(this).addInfo(builtIn.info(this.summary));
    this.resource = fn.adapter.createAlias(this, "Resource", fn.deployed, this.toSpec(fn, props));
    // What the simulator needs that the resource does not say (#13 item 4): read by review/simulate.
    const { resolvePolicy, routePolicy } = this.routing as Partial<FcAlias>;
    const simulateOnly = props.fc2Rules === "simulate-only" && routePolicy !== undefined;
    const options = nonDefaultOptions(fn.routingOptions, DEFAULT_ROUTING_OPTIONS);
    if (simulateOnly || options)
      new TerraformOutput(
        this,
        "simulator",
        simulatorOutput({
          kind: "alias",
          platform: fn.platform,
          function: fn.serviceOrFunctionName,
          alias: props.aliasName,
          ...(simulateOnly
            ? { fc2Rules: "simulate-only" as const, rules: { resolvePolicy, routePolicy } }
            : {}),
          ...(options ? { routingOptions: options } : {}),
        }),
      );
    this.routingOutput = new TerraformOutput(this, "routing", {
      value: this.summary,
      description: `Routing of alias ${props.aliasName} of ${fn.profile.aliasOwner} ${fn.serviceOrFunctionName}`,
    });
  }

  /** Which version serves this request through the alias, and why (seeded, deterministic). */
  simulate(request: RouteRequest = {}, index = 0): RouteDecision {
    return this.withRouter((r) => r.route({ ...request, qualifier: this.aliasName }, index));
  }

  /** Routes `count` requests through the alias; each version's share with a 99% confidence interval. */
  sample(request: RouteRequest | ((i: number) => RouteRequest) = {}, count = 10000): SampleResult {
    const qualified =
      typeof request === "function"
        ? (i: number) => ({ ...request(i), qualifier: this.aliasName })
        : { ...request, qualifier: this.aliasName };
    return this.withRouter((r) => sample(r, qualified, count));
  }

  /**
   * Checks routing expectations now, e.g. `{ request: { routingKey: '{"User":"Bob"}' }, reaches: "4" }`
   * or `{ share: { version: "2", percent: 10, tolerance: 2 } }`; a failure throws with the alias path.
   */
  expect(...expectations: AliasExpectation[]): void {
    const failures: string[] = [];
    for (const e of expectations) {
      const samples = e.samples ?? 10000;
      const name = describeExpectedRoute(this.aliasName, e.request, e);
      const problem = expectationProblem(
        name,
        e,
        this.sample(e.request ?? {}, samples),
        samples,
        () => `request 0: ${this.simulate(e.request).explanation}`,
      );
      if (problem) failures.push(problem);
    }
    if (failures.length > 0) {
      throw new ReleaseValidationError(
        this.node.path,
        `routing expectation failed:\n  ${failures.join("\n  ")}`,
      );
    }
  }

  /** Shapes the routing core cannot see: a canary that is not an object, non-object rules, unknown enum values. */
  private checkCanaryShape(props: CanaryAliasProps): void {
    const canary: unknown = props.canary;
    if (canary !== undefined && canary !== null && (typeof canary !== "object" || Array.isArray(canary))) {
      throw new ReleaseValidationError(
        this.node.path,
        `canary must be an object; got ${showValue(canary)}; allowed: { version, weight?, rules?, match? } (at most one canary version)`,
      );
    }
    const rules: unknown = props.canary?.rules;
    if (rules !== undefined && !Array.isArray(rules)) {
      throw new ReleaseValidationError(
        this.node.path,
        `canary.rules must be a list of rules; got ${showValue(rules)}; allowed: [{ source, name, operator, value }, ...]`,
      );
    }
    (rules ?? []).forEach((r: unknown, i: number) => {
      if (typeof r !== "object" || r === null || Array.isArray(r)) {
        throw new ReleaseValidationError(
          this.node.path,
          `canary.rules[${i}] is not a rule; got ${showValue(r)}; allowed: { source, name, operator, value }`,
        );
      }
      const name: unknown = (r as { name?: unknown }).name;
      if (typeof name !== "string") {
        throw new ReleaseValidationError(
          this.node.path,
          `canary.rules[${i}].name ${showValue(name)} is not a name; allowed: a header, cookie or query parameter name`,
        );
      }
    });
    const match: unknown = props.canary?.match;
    if (match !== undefined && match !== "all" && match !== "any") {
      throw new ReleaseValidationError(
        this.node.path,
        `invalid canary.match ${showValue(match)}; allowed: "all", "any"`,
      );
    }
    const fc2Rules: unknown = props.fc2Rules;
    if (fc2Rules !== undefined && fc2Rules !== "error" && fc2Rules !== "simulate-only") {
      throw new ReleaseValidationError(
        this.node.path,
        `invalid fc2Rules ${showValue(fc2Rules)}; allowed: "error", "simulate-only"`,
      );
    }
  }

  /** The function's routing as it stands now (later aliases included), validated. */
  private withRouter<T>(use: (router: Router) => T): T {
    try {
      this.router ??= new Router(this.function.routingModel, {
        options: this.function.routingOptions,
        isUnresolved: Token.isUnresolved,
      });
      return use(this.router);
    } catch (e) {
      if (e instanceof RoutingValidationError)
        throw ReleaseValidationError.fromDiagnostics(this.node.path, e.diagnostics);
      throw e;
    }
  }

  /**
   * The routing digest. A weight given as a Token (e.g. a Terraform variable) is kept as a reference:
   * formatting it as a percentage would print the token's encoded number (`8.1e+300%`).
   */
  private summarize(profile: CloudProfile, props: CanaryAliasProps): string {
    const platform = profile.platform;
    const canary = props.canary;
    if (
      canary?.weight !== undefined &&
      Token.isUnresolved(canary.weight) &&
      (canary.rules ?? []).length === 0
    ) {
      return `${props.aliasName}: ${formatVersion(props.version)} | ${formatVersion(canary.version)} weight ${Token.asString(canary.weight)}`;
    }
    const summary = routingSummary(platform, this.routing, props.function.routingOptions);
    const fc = this.routing as FcAlias;
    if (
      profile.aliasRules.kind === "policy" &&
      !profile.aliasRules.deployable &&
      fc.resolvePolicy === "Content"
    ) {
      // The summary says what the simulator routes: the alias with its routePolicy applied (Content mode,
      // where a request that misses the rules goes to the primary whatever the weight, §7.4 step 5). Terraform
      // can only deploy the weight (Random mode) until the policy is applied outside it: say so, separately.
      const deployed = routingDigest(platform, { ...fc, resolvePolicy: undefined, routePolicy: undefined });
      return `${summary} (rules simulated only; Terraform deploys ${deployed})`;
    }
    return summary;
  }

  /** Props → the routing core's alias model (labels as version ids); rules the target cannot express are refused here. */
  private toRouting(profile: CloudProfile, props: CanaryAliasProps): AnyAlias {
    const support = profile.aliasRules;
    const canary = props.canary;
    const rules = canary?.rules ?? [];
    if (canary && canary.weight === undefined && rules.length === 0) {
      throw new ReleaseValidationError(
        this.node.path,
        `canary ${JSON.stringify(canary.version)} has neither a weight nor rules; allowed: a weight in [0, 1] (0.1 = 10%) and/or rules`,
      );
    }
    const weight = canary?.weight ?? 0;
    if (support.kind === "none" && rules.length > 0) {
      throw new ReleaseValidationError(this.node.path, support.refusal(rules.length));
    }
    if (support.kind === "match") {
      const alias: ScfAlias = {
        name: props.aliasName,
        primary: props.version,
        weights: canary && rules.length === 0 ? [{ version: canary.version, weight }] : undefined,
        matches:
          rules.length > 0 ? rules.map((r, i) => this.scfMatch(support, canary!.version, r, i)) : undefined,
      };
      if (canary?.weight !== undefined && rules.length > 0) {
        throw new ReleaseValidationError(this.node.path, support.weightAndRules(canary.weight, rules.length));
      }
      return alias;
    }
    const fc: FcAlias = {
      name: props.aliasName,
      versionId: props.version,
      weights: canary ? { [canary.version]: weight } : undefined,
      ...(rules.length > 0
        ? {
            resolvePolicy: "Content" as const,
            routePolicy: {
              condition: canary?.match === "any" ? ("OR" as const) : ("AND" as const),
              policyItems: rules.map((r, i) => this.fcItem(r, i)),
            },
          }
        : {}),
    };
    const undeployable = support.kind === "policy" && !support.deployable ? support : undefined;
    if (rules.length > 0 && undeployable && (props.fc2Rules ?? "error") === "error") {
      throw new ReleaseValidationError(this.node.path, undeployable.refusal(rules.length));
    }
    if (rules.length > 0 && undeployable) {
      Annotations.of(this).addWarning(undeployable.simulatedOnly(weight));
    }
    return fc;
  }

  private scfMatch(
    support: Extract<AliasRuleSupport, { kind: "match" }>,
    version: string,
    rule: CanaryRule,
    i: number,
  ): NonNullable<ScfAlias["matches"]>[number] {
    const problem = support.ruleProblem(rule, i);
    if (problem !== undefined) throw new ReleaseValidationError(this.node.path, problem);
    return {
      version,
      key: `invoke.headers.${rule.name}`,
      method: rule.operator === "=" ? "exact" : "range",
      expression: rule.value,
    };
  }

  private fcItem(rule: CanaryRule, i: number): NonNullable<FcAlias["routePolicy"]>["policyItems"][number] {
    // A Map, not an object literal: "toString" must not find Object.prototype, and objects are no keys.
    const type = FC_ITEM_TYPES.get(rule.source);
    if (!type || rule.operator === "range") {
      throw new ReleaseValidationError(
        this.node.path,
        `canary.rules[${i}] has source ${showValue(rule.source)} and operator ${showValue(rule.operator)}; ` +
          `allowed: source header, cookie or query with operator = != > < >= <= in percent`,
      );
    }
    return { type, key: rule.name, value: rule.value, operator: rule.operator };
  }

  /**
   * ` | ids v1=${…} v2=${…}`: the Terraform references of the versions an SCF alias routes to. SCF's provider
   * sends UpdateAlias only when routing_config or description changes (resource_tc_scf_function_alias.go:330-340),
   * and a label-only digest stays the same when the version id behind a label changes (a re-created version), so
   * the alias would stay on the old id. Literal ids ($LATEST) have nothing to track.
   */
  private versionIdsSuffix(fn: FunctionWithVersions, labels: readonly string[]): string {
    const ids = [...new Set(labels)]
      .map((label) => ({ label, id: fn.version(label, this).versionId }))
      .filter((v) => Token.isUnresolved(v.id))
      .map((v) => `${formatVersion(v.label)}=${v.id}`);
    return ids.length > 0 ? ` | ids ${ids.join(" ")}` : "";
  }

  /** Routing model → cloud alias spec: labels become cloud version ids (Terraform references). */
  private toSpec(fn: FunctionWithVersions, props: CanaryAliasProps): AliasSpec {
    const id = (label: string) => fn.version(label, this).versionId;
    const r = this.routing;
    const prefix = props.description ? `${props.description} | ` : "";
    if (fn.profile.aliasShape === "scf") {
      const a = r as ScfAlias;
      const labels = [
        a.primary,
        ...(a.weights ?? []).map((w) => w.version),
        ...(a.matches ?? []).map((m) => m.version),
      ];
      return {
        name: a.name,
        primaryVersionId: id(a.primary),
        weights: (a.weights ?? []).map((w) => ({ versionId: id(w.version), weight: w.weight })),
        matches: (a.matches ?? []).map((m) => ({
          versionId: id(m.version),
          key: m.key,
          method: m.method,
          expression: m.expression,
        })),
        // The summary (outputs, reports) stays label-only; the deployed description also tracks the ids.
        description:
          prefix +
          this.summary +
          (fn.profile.aliasDescriptionTracksIds ? this.versionIdsSuffix(fn, labels) : ""),
      };
    }
    const a = r as FcAlias;
    return {
      name: a.name,
      primaryVersionId: id(a.versionId),
      weights: Object.entries(a.weights ?? {}).map(([v, w]) => ({ versionId: id(v), weight: w })),
      matches: [],
      // FC accepts 1-256 characters (ROS ALIYUN::FC::Alias Description). Both FC alias Updates send a version
      // change on its own (R:fcv3_alias.go:172-175, R:fc_alias.go:156-159): no ids needed. Your text is
      // shortened first, with a hash suffix, so the digest stays; never through a reference. The full digest
      // is also the `routing` output.
      description:
        fn.profile.aliasDescriptionMax !== undefined
          ? fitDescription(
              props.description ?? "",
              fn.profile.aliasDescriptionMax,
              props.description ? ` | ${this.summary}` : this.summary,
            )
          : prefix + this.summary,
    };
  }
}
