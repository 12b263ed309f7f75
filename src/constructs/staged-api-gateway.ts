import * as fs from "node:fs";
import { Construct, IConstruct } from "constructs";
import { Annotations, TerraformOutput, TerraformResource, TerraformStack, Token } from "../cdktf";
import {
  cloudFor,
  DEFAULT_BACKEND_MODEL_KEYS,
  GatewayAdapter,
  GatewayProfile,
  GatewayResources,
} from "../clouds";
import {
  checkExpectations,
  EntryPoint,
  formatVersion,
  FunctionModel,
  routingSummary,
  GatewayCloud,
  GatewayCondition,
  GatewayModel,
  GatewayRouter,
  RouteRequest,
  RoutingExpectation,
  RoutingValidationError,
  SCF_DEFAULT_ALIAS,
  STAGE_NAMES,
  StageDecision,
  StageModel,
  StageName,
  StageSample,
  validateGateway,
  show,
  FcAlias,
  ScfAlias,
} from "../routing";
import {
  backendModelChanges,
  checkBackendModelReplaced,
  checkServiceReleaseReplaced,
  extract,
  InputError,
  load,
  releaseChanges,
  terraformDoc,
  TfDoc,
} from "../review";
import { DEFAULT_ROUTING_OPTIONS } from "../routing";
import { nonDefaultOptions, simulatorOutput } from "../review/assumptions";
import { CanaryAlias } from "./canary-alias";
import { ReleaseValidationError } from "./errors";
import { FunctionWithVersions } from "./function-with-versions";
import { recordWarnings } from "./warnings";

/** A gateway canary route (Alibaba API Gateway routing plugin): when all conditions hold, call `to`. */
export interface GatewayRouteProps {
  /** Route name, letters, digits and '_'. @default "canary<N>" */
  readonly name?: string;
  /** Header/query comparisons and `{ random: 0.05 }` shares; all must hold. */
  readonly when: readonly GatewayCondition[];
  /** The alias or version label matching requests call. */
  readonly to: CanaryAlias | string;
}

export interface StageOptions {
  /**
   * The alias (or version label, `$DEFAULT`/`$LATEST` on SCF, `LATEST` on FC) this stage calls.
   * @default release → alias "release", prepub → alias "prepub", dev → `$DEFAULT` (SCF) / `LATEST` (FC)
   */
  readonly alias?: CanaryAlias | string;
  /** Alibaba only: header/query canaries in front of the alias; need `experimentalFcRoutingPlugin: true`. @default - none */
  readonly routes?: readonly GatewayRouteProps[];
  /** Tencent only: a custom domain bound to this stage's service with path mapping `/` → the stage. @default - default domain */
  readonly customDomain?: { readonly subDomain: string; readonly certificateId?: string };
}

/**
 * Alibaba: FunctionComputeConfig keys of each backend model whose echo by DescribeBackendInfo is
 * not in the public record. The provider's read keeps every key the API returns with a value other
 * than "" (booleans included) and shows a diff unless the JSON is deeply equal, so the keys sent
 * must be the keys echoed; switch one off if the first `terraform plan` after an apply shows it
 * coming and going (README, "Backend models").
 */
export interface BackendModelKeys {
  /**
   * `FcVersion` ("3.0"/"2.0"): required by the CloudAPI FunctionComputeConfig structure and kept by
   * the provider's read, but not in the DescribeBackendInfo response model.
   * @default true
   */
  readonly fcVersion?: boolean;
  /**
   * `OnlyBusinessPath: false`, on event and HTTP backends: a boolean of the response model, so it is
   * sent explicitly (echoed whether the API keeps it as sent or defaults it to false).
   * @default true
   */
  readonly onlyBusinessPath?: boolean;
  /**
   * HTTP backends: `Path: "/"` and `Method`, required for HTTP functions by the FunctionComputeConfig
   * structure, not in the response model.
   * @default true
   */
  readonly httpPathAndMethod?: boolean;
  /**
   * HTTP backends: `TriggerName`, the HTTP trigger the URL belongs to (in the response model, optional
   * in the request).
   * @default false
   */
  readonly triggerName?: boolean;
}

const BACKEND_MODEL_KEYS = ["fcVersion", "onlyBusinessPath", "httpPathAndMethod", "triggerName"] as const;

export interface StagedApiGatewayProps {
  readonly function: FunctionWithVersions;
  /**
   * Alibaba: the API Gateway group name (also the API name), 4-50 letters, digits, Chinese
   * characters or '_', starting with a letter or a Chinese character. Tencent: the service-name
   * prefix, 1-50 letters, digits or '_' (and '-' with `allowDashInServiceName`), starting with a
   * letter. Checked at synth, since the providers check nothing and a bad name fails at apply; the
   * names derived from it (backend, plugins, RAM role and policy, services, APIs) always follow
   * their own rules (README, "Names").
   */
  readonly name: string;
  /**
   * Tencent only: allow '-' in `name` and join the derived service and API names with '-'
   * (`orders-api-release`) instead of '_' (`orders_api_release`). Tencent's console allows only
   * letters, digits and '_' in service names; the provider's website example uses '-' and the API
   * pages state no rule, so '-' is unverified: set this once your account has accepted such a name.
   * @default false
   */
  readonly allowDashInServiceName?: boolean;
  /** @default - "<name> stages" */
  readonly description?: string;
  /** Request path. @default "/" */
  readonly path?: string;
  /** HTTP method. @default "ANY" on Tencent, "GET" on Alibaba */
  readonly method?: string;
  /** Backend timeout in seconds. @default 15 */
  readonly timeoutSeconds?: number;
  /** Alibaba: region of the function (FunctionComputeConfig.FcRegionId). Required on Alibaba. */
  readonly region?: string;
  /**
   * Alibaba: which FunctionComputeConfig keys whose echo is open each backend model sends.
   * @default { fcVersion: true, onlyBusinessPath: true, httpPathAndMethod: true, triggerName: false }
   */
  readonly backendModelKeys?: BackendModelKeys;
  /** Stages to create; `false` leaves one out. @default all three with their default aliases */
  readonly stages?: { readonly [S in StageName]?: StageOptions | false };
  /** Routing expectations checked when the gateway is built; a failure fails synthesis. @default - none */
  readonly expectations?: readonly RoutingExpectation[];
  /** Requests sampled per share expectation (seeded). @default 10000 */
  readonly expectationSamples?: number;
  /**
   * Simulator assumption for SCF behind API Gateway: whether the gateway passes client headers as
   * the invoke RoutingKey (undocumented; Tencent's staged-release guide implies it does).
   * @default false
   */
  readonly gatewayRoutingKey?: boolean;
  /**
   * The previous synthesis of this stack, to warn at synth about changes that take a stage offline:
   * an Alibaba backend model replaced (DeleteBackendModel takes the stage's APIs offline) or a
   * Tencent service release replaced (its delete unpublishes the environment). A `cdktf.out` folder,
   * a `cdk.tf.json` path or its parsed JSON; pass `app.outdir` to compare with the last synthesis. A
   * path with nothing at it yet (the first synthesis) is skipped with an info annotation.
   * @default - no comparison (`serverless-canary review --base <old> --head <new>` runs the same checks)
   */
  readonly previousSynthesis?: string | Readonly<Record<string, unknown>>;
  /** Seed of the simulator's draws. @default 0 */
  readonly seed?: number;
  /**
   * Alibaba: emit gateway routes (`stages.<stage>.routes`) although they are undocumented for
   * Function Compute. A route is a routing-plugin backend override to another FC qualifier, and
   * Alibaba documents backend overrides only for HTTP, HTTP-VPC and MOCK backends; an incomplete
   * override answers clients with `I504RB`. Without this flag, routes are refused at synth; with it,
   * they are emitted with a warning. Verify each route on a test stage before relying on it.
   * @default false
   */
  readonly experimentalFcRoutingPlugin?: boolean;
  /**
   * Puts Terraform's `prevent_destroy` on the version resources the release stage serves (its alias's
   * primary and canary, and the targets of release gateway routes), so no plan can delete them.
   * Trade-off: it also blocks a deliberate teardown (`cdktf destroy`, `terraform destroy`, `-replace`):
   * set it to false and apply first. The flag follows the routing: a version the release stage moves
   * off loses it in the same synthesis. FC 2.0 has no version resources, so nothing is protected there.
   * @default false
   */
  readonly protectReleaseVersions?: boolean;
}

/** An alias's routing summary, `$DEFAULT`'s implicit one, or a version. */
function describeTarget(model: FunctionModel, qualifier: string): string {
  const alias = model.aliases.find((a) => a.name === qualifier);
  if (alias) return routingSummary(model.platform, alias);
  if (qualifier === SCF_DEFAULT_ALIAS) return `${SCF_DEFAULT_ALIAS}: $LATEST 100%`;
  return `${formatVersion(qualifier)} (version)`;
}

/** Gateway names claimed per app (root construct) or per stack: construct path by cloud, region and name. */
const CLAIMED_NAMES = new WeakMap<IConstruct, Map<string, string>>();

/**
 * API Gateway stages `release`, `prepub` and `dev`, each bound to an alias. Requests flow
 * stage → (gateway route) → alias → version; `simulate` and `sample` follow that chain.
 */
export class StagedApiGateway extends Construct {
  readonly cloud: GatewayCloud;
  readonly function: FunctionWithVersions;
  /** The stage → alias model the simulator uses. */
  readonly model: GatewayModel;
  /** Invoke URL per stage (Terraform expressions). */
  readonly urls: Readonly<Partial<Record<StageName, string>>>;
  /** Version labels whose resources carry `prevent_destroy` (`protectReleaseVersions`). */
  readonly protectedVersions: readonly string[];
  /**
   * Escape hatch: the Terraform resources of the gateway by role, shared and per stage (README, "Escape
   * hatches"). Cast to the generated class from `cdktf-serverless-canary/providers/<provider>`.
   */
  readonly resources: GatewayResources;
  private readonly router: GatewayRouter;
  private readonly gatewayName: string;
  private readonly samples: number;
  private readonly gatewayProfile: GatewayProfile;

  constructor(scope: Construct, id: string, props: StagedApiGatewayProps) {
    super(scope, id);
    recordWarnings(this);
    if (typeof props !== "object" || props === null) {
      throw new ReleaseValidationError(
        this.node.path,
        `props must be an object; got ${show(props)}; allowed: { function, name, stages?, expectations?, ... }`,
      );
    }
    const fn = props.function;
    if (!(fn instanceof FunctionWithVersions))
      throw new ReleaseValidationError(
        this.node.path,
        `function must be a FunctionWithVersions; got ${show(fn)}; allowed: a FunctionWithVersions construct`,
      );
    this.function = fn;
    this.gatewayName = props.name;
    const cloud = cloudFor(fn.platform)!;
    this.cloud = cloud.gateway.cloud;
    this.gatewayProfile = cloud.gateway;
    this.samples = props.expectationSamples ?? 10000;
    const adapter = cloud.gatewayAdapter;
    const nameOptions = { allowDash: props.allowDashInServiceName === true };
    this.checkProps(props, adapter);
    this.claimName(props);

    const dependsOn: TerraformResource[] = [];
    const stageModels: StageModel[] = [];
    const stageSpecs = [];
    for (const stage of STAGE_NAMES) {
      const options = props.stages?.[stage];
      if (options === false) continue;
      // What this stage calls must exist before its API or backend model does.
      const stageDependsOn: TerraformResource[] = [];
      const bound = this.bind(stage, options?.alias ?? this.defaultAlias(stage), stageDependsOn);
      const routes = (options?.routes ?? []).map((r, i) => ({
        name: r.name ?? `canary${i}`,
        conditions: r.when,
        bound: this.bind(stage, r.to, stageDependsOn, r.name ?? `canary${i}`),
      }));
      for (const r of stageDependsOn) if (!dependsOn.includes(r)) dependsOn.push(r);
      stageModels.push({
        stage,
        qualifier: bound.label,
        routes: routes.map((r) => ({ name: r.name, conditions: r.conditions, qualifier: r.bound.label })),
      });
      const customDomain = this.gatewayProfile.customDomain;
      if (options?.customDomain && typeof customDomain === "function") {
        throw new ReleaseValidationError(this.node.path, customDomain(stage));
      }
      const subDomain: unknown = options?.customDomain?.subDomain;
      if (options?.customDomain && typeof customDomain !== "function" && !Token.isUnresolved(subDomain)) {
        const rule =
          typeof subDomain === "string" ? adapter.checkCustomDomain?.(subDomain) : customDomain.notAString;
        if (rule) {
          throw new ReleaseValidationError(
            this.node.path,
            `stage ${stage}: invalid customDomain.subDomain ${show(subDomain)} (${rule.what}); allowed: ${rule.allowed}`,
          );
        }
      }
      stageSpecs.push({
        stage,
        cloudStage: this.gatewayProfile.cloudStageName(stage),
        qualifier: bound.value,
        qualifierLabel: bound.label,
        routes: routes.map((r) => ({ name: r.name, conditions: r.conditions, qualifier: r.bound.value })),
        customDomain: options?.customDomain,
        dependsOn: stageDependsOn,
      });
    }
    if (stageSpecs.length === 0) {
      throw new ReleaseValidationError(
        this.node.path,
        `no stage left; allowed: at least one of ${STAGE_NAMES.join(", ")}`,
      );
    }

    const entryPoints: EntryPoint[] = stageModels.flatMap((s) => [
      { name: s.stage, qualifier: s.qualifier, via: "apigateway" as const },
      ...(s.routes ?? []).map((r) => ({
        name: `${s.stage}/${r.name}`,
        qualifier: r.qualifier,
        via: "apigateway" as const,
      })),
    ]);
    this.model = { cloud: this.cloud, function: { ...fn.routingModel, entryPoints }, stages: stageModels };
    const gatewayCheck = validateGateway(this.model);
    if (!gatewayCheck.ok) throw ReleaseValidationError.fromDiagnostics(this.node.path, gatewayCheck.errors);
    try {
      this.router = new GatewayRouter(this.model, {
        options: {
          ...fn.routingOptions,
          gatewayRoutingKey: props.gatewayRoutingKey ?? fn.routingOptions.gatewayRoutingKey,
        },
        seed: props.seed ?? 0,
        isUnresolved: Token.isUnresolved,
      });
    } catch (e) {
      if (e instanceof RoutingValidationError)
        throw ReleaseValidationError.fromDiagnostics(this.node.path, e.diagnostics);
      throw e;
    }
    for (const w of this.router.functionRouter.warnings)
      Annotations.of(this).addWarning(`[${w.code}] ${w.path}: ${w.message}`);
    const routed = stageModels.filter((s) => (s.routes ?? []).length > 0);
    const optIn = this.gatewayProfile.experimentalRoutes;
    if (routed.length > 0 && optIn && props.experimentalFcRoutingPlugin !== true) {
      const count = routed.reduce((n, s) => n + (s.routes ?? []).length, 0);
      const which =
        routed.length === 1
          ? `stage ${routed[0].stage} has`
          : `stages ${routed.map((s) => s.stage).join(", ")} have`;
      throw new ReleaseValidationError(this.node.path, optIn.refusal(which, count));
    }
    if (routed.length > 0 && optIn) {
      Annotations.of(this).addWarning(optIn.warning);
    }

    this.protectedVersions = props.protectReleaseVersions ? this.protectReleaseVersions() : [];

    const created = adapter.create(this, fn.deployed, fn.platform, {
      name: props.name,
      nameOptions,
      description: props.description ?? `${props.name} stages`,
      path: props.path ?? "/",
      method: props.method ?? this.gatewayProfile.defaultMethod,
      kind: fn.kind,
      timeoutSeconds: props.timeoutSeconds ?? 15,
      region: props.region,
      backendModelKeys: { ...DEFAULT_BACKEND_MODEL_KEYS, ...props.backendModelKeys },
      functionName: fn.functionName,
      stages: stageSpecs,
      dependsOn,
    });
    this.urls = created.urls;
    this.resources = created.resources ?? { shared: {}, stages: {} };
    // The routing options the gateway's simulation used (#13 item 4): read by review/simulate.
    const options = nonDefaultOptions(
      {
        ...fn.routingOptions,
        gatewayRoutingKey: props.gatewayRoutingKey ?? fn.routingOptions.gatewayRoutingKey,
      },
      DEFAULT_ROUTING_OPTIONS,
    );
    if (options)
      new TerraformOutput(
        this,
        "simulator",
        simulatorOutput({
          kind: "gateway",
          gateway: props.name,
          cloud: this.cloud,
          routingOptions: options,
        }),
      );
    if (props.previousSynthesis !== undefined) this.compareWithPrevious(props.previousSynthesis);
    for (const s of stageModels) {
      new TerraformOutput(this, `${s.stage}-url`, {
        value: created.urls[s.stage],
        description: `Invoke URL of the ${s.stage} stage`,
      });
      new TerraformOutput(this, `${s.stage}-routing`, {
        value: this.stageSummary(s.stage),
        description: `Routing of the ${s.stage} stage`,
      });
    }
    if (props.expectations?.length) this.expect(...props.expectations);
  }

  /** Follows stage → gateway route → alias → version for one request. */
  simulate(stage: StageName, request: RouteRequest = {}, index = 0): StageDecision {
    return this.typed(() => this.router.simulate(stage, request, index));
  }

  /** Routes `count` requests to a stage (seeded) and reports each version's share with a 99% CI. */
  sample(
    stage: StageName,
    request: RouteRequest | ((i: number) => RouteRequest) = {},
    count = 10000,
  ): StageSample {
    return this.typed(() => this.router.sample(stage, request, count));
  }

  /** Runs a routing-core call, turning its RoutingValidationError into one naming this construct. */
  private typed<T>(call: () => T): T {
    try {
      return call();
    } catch (e) {
      if (e instanceof RoutingValidationError)
        throw ReleaseValidationError.fromDiagnostics(this.node.path, e.diagnostics);
      throw e;
    }
  }

  /** Checks routing expectations now; a failure throws naming the stage, request, expected and actual route. */
  expect(...expectations: RoutingExpectation[]): void {
    const failures = this.typed(() => checkExpectations(this.router, expectations, this.samples));
    if (failures.length > 0) {
      throw new ReleaseValidationError(
        this.node.path,
        `routing expectation failed:\n  ${failures.map((f) => f.message).join("\n  ")}`,
      );
    }
  }

  /** `release → release: v1 90% | v2 10%` */
  stageSummary(stage: StageName): string {
    const s = this.model.stages.find((x) => x.stage === stage);
    if (!s) return `${stage}: (no stage)`;
    const routes = (s.routes ?? [])
      .map((r) => ` | gateway ${r.name} → ${describeTarget(this.model.function, r.qualifier)}`)
      .join("");
    return `${stage} → ${describeTarget(this.model.function, s.qualifier)}${routes}`;
  }

  /**
   * Loads the previous synthesis now (before this synthesis overwrites it) and, when the app is
   * synthesized, warns about each backend model or service release of this gateway it would replace.
   */
  private compareWithPrevious(previous: string | Readonly<Record<string, unknown>>): void {
    const stack = TerraformStack.of(this);
    const allowed = "allowed: a cdktf.out folder, a cdk.tf.json path or its parsed JSON";
    let base: TfDoc | undefined;
    try {
      if (typeof previous === "string") {
        if (!fs.existsSync(previous)) {
          Annotations.of(this).addInfo(
            `previousSynthesis: nothing at ${previous} yet; replacements are not checked`,
          );
          return;
        }
        const loaded = load(previous);
        base =
          loaded.kind === "plan"
            ? loaded.before
            : loaded.docs.length === 1
              ? loaded.docs[0]
              : loaded.docs.find((d) => d.stack === stack.node.id);
        if (!base) {
          Annotations.of(this).addInfo(
            `previousSynthesis: ${previous} has no stack ${stack.node.id}; replacements are not checked`,
          );
          return;
        }
      } else if (typeof previous === "object" && previous !== null && !Array.isArray(previous)) {
        base = terraformDoc(previous, "previousSynthesis", stack.node.id);
      } else {
        throw new ReleaseValidationError(
          this.node.path,
          `invalid previousSynthesis ${show(previous)}; ${allowed}`,
        );
      }
    } catch (e) {
      if (e instanceof InputError) {
        throw new ReleaseValidationError(
          this.node.path,
          `invalid previousSynthesis ${show(previous)}: ${e.what}; ${allowed}`,
        );
      }
      throw e;
    }
    const before = extract([base], "previousSynthesis", "synth");
    this.node.addValidation({
      validate: () => {
        const head = extract(
          [terraformDoc(stack.toTerraform(), "this synthesis", stack.node.id)],
          "this synthesis",
          "synth",
        );
        // This gateway's changes: by its name, or by the address of one of its resources.
        const addresses = new Set(
          this.node
            .findAll()
            .filter((c): c is TerraformResource => c instanceof TerraformResource)
            .map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`),
        );
        const mine = (c: { gateway: string; address: string }) =>
          c.gateway === this.gatewayName || addresses.has(c.address);
        const dangers = [
          ...checkBackendModelReplaced.check({
            head,
            base: before,
            versionChanges: [],
            releaseChanges: [],
            backendModelChanges: backendModelChanges(before, head).filter(mine),
            options: {},
          }),
          ...checkServiceReleaseReplaced.check({
            head,
            base: before,
            versionChanges: [],
            releaseChanges: releaseChanges(before, head).filter(mine),
            options: {},
          }),
        ];
        for (const d of dangers) {
          const code = d.id === "backend-model-replaced" ? "BackendModelReplaced" : "ServiceReleaseReplaced";
          const at = d.message.includes(d.where) ? "" : ` (${d.where})`;
          Annotations.of(this).addWarning(`[${code}] ${d.message}${at}`);
        }
        return [];
      },
    });
  }

  /** Version labels a qualifier can route to: an alias's primary and additional versions, or the version itself. */
  private versionsServedBy(qualifier: string): string[] {
    const model = this.model.function;
    const alias = model.aliases.find((a) => a.name === qualifier);
    if (!alias) return model.publishedVersions.includes(qualifier) ? [qualifier] : [];
    const labels =
      this.function.profile.aliasShape === "scf"
        ? [
            (alias as ScfAlias).primary,
            ...((alias as ScfAlias).weights ?? []).map((w) => w.version),
            ...((alias as ScfAlias).matches ?? []).map((m) => m.version),
          ]
        : [(alias as FcAlias).versionId, ...Object.keys((alias as FcAlias).weights ?? {})];
    return labels.filter((l) => model.publishedVersions.includes(l));
  }

  /** `prevent_destroy` on every version resource the release stage (and its gateway routes) can reach. */
  private protectReleaseVersions(): string[] {
    const release = this.model.stages.find((s) => s.stage === "release");
    const qualifiers = release ? [release.qualifier, ...(release.routes ?? []).map((r) => r.qualifier)] : [];
    const labels = [...new Set(qualifiers.flatMap((q) => this.versionsServedBy(q)))];
    const protectedLabels: string[] = [];
    for (const label of labels) {
      const resource = this.function.version(label, this).resource;
      if (!resource) continue;
      resource.lifecycle = { ...resource.lifecycle, preventDestroy: true };
      protectedLabels.push(label);
    }
    if (protectedLabels.length === 0) {
      Annotations.of(this).addWarning(
        `protectReleaseVersions: no version resource to protect (${
          this.function.profile.versionsOutsideTerraform !== undefined
            ? this.function.profile.versionsOutsideTerraform
            : release
              ? `the release stage serves ${release.qualifier}`
              : "no release stage"
        })`,
      );
    }
    return protectedLabels;
  }

  private defaultAlias(stage: StageName): string {
    if (stage === "dev") return this.function.profile.defaultDevQualifier;
    return stage;
  }

  /** A stage target → its model label and Terraform value (alias name, or the version's id). */
  private bind(
    stage: StageName,
    target: CanaryAlias | string,
    dependsOn: TerraformResource[],
    route?: string,
  ): { label: string; value: string } {
    const fn = this.function;
    const subject =
      route === undefined ? `stage ${stage} is bound to` : `route ${route} of stage ${stage} targets`;
    const depend = (r: TerraformResource | undefined) => {
      if (r && !dependsOn.includes(r)) dependsOn.push(r);
    };
    if (target instanceof CanaryAlias) {
      if (target.function !== fn) {
        throw new ReleaseValidationError(
          this.node.path,
          `${subject} ${target.node.path}, an alias of another function; allowed: aliases of ${fn.node.path}`,
        );
      }
      depend(target.resource);
      return { label: target.aliasName, value: target.aliasName };
    }
    const alias = fn.aliasRegistrations.find((a) => (a.construct as CanaryAlias).aliasName === target)
      ?.construct as CanaryAlias | undefined;
    if (alias) {
      depend(alias.resource);
      return { label: target, value: target };
    }
    if (fn.profile.builtInQualifiers.includes(target)) return { label: target, value: target };
    if (fn.versionLabels.includes(target)) {
      const v = fn.version(target, this);
      depend(v.resource);
      return { label: target, value: v.versionId };
    }
    const aliases = fn.aliasRegistrations.map((a) => (a.construct as CanaryAlias).aliasName);
    const builtIns = fn.profile.builtInQualifiers;
    throw new ReleaseValidationError(
      this.node.path,
      `[StageBindingNotFound] ${subject} ${JSON.stringify(target)}, which ${fn.node.path} has as neither alias nor version; ` +
        `allowed: ${[...aliases, ...builtIns, ...fn.versionLabels].map((x) => JSON.stringify(x)).join(", ")} ` +
        (route === undefined
          ? `(declare the CanaryAlias before the gateway, or leave the stage out with ${stage}: false)`
          : "(declare the CanaryAlias before the gateway)"),
    );
  }

  /**
   * Refuses a second gateway with the same `name` where the cloud needs it unique: across the stacks of one
   * app (Alibaba group names, per region) or within one stack (Tencent service names).
   */
  private claimName(props: StagedApiGatewayProps): void {
    if (typeof props.name !== "string" || Token.isUnresolved(props.name)) return;
    const { scope, why } = this.gatewayProfile.nameUniqueness ?? {
      scope: "stack" as const,
      why: (name: string) => `two gateways would create resources named after ${name}`,
    };
    const owner: IConstruct = scope === "app" ? this.node.root : TerraformStack.of(this);
    const region =
      typeof props.region === "string" && !Token.isUnresolved(props.region) ? props.region : undefined;
    const key = `${this.cloud}\u0000${region ?? ""}\u0000${props.name}`;
    let claimed = CLAIMED_NAMES.get(owner);
    if (!claimed) CLAIMED_NAMES.set(owner, (claimed = new Map()));
    const first = claimed.get(key);
    if (first !== undefined && first !== this.node.path) {
      throw new ReleaseValidationError(
        this.node.path,
        `gateway name ${JSON.stringify(props.name)} is already used by ${first} in this ${scope}: ${why(props.name, region)}; ` +
          `allowed: a name no other StagedApiGateway of this ${scope} uses${region ? ` in ${region}` : ""}`,
      );
    }
    claimed.set(key, this.node.path);
  }

  private checkProps(props: StagedApiGatewayProps, adapter: GatewayAdapter): void {
    const dash: unknown = props.allowDashInServiceName;
    if (dash !== undefined && typeof dash !== "boolean") {
      throw new ReleaseValidationError(
        this.node.path,
        `invalid allowDashInServiceName ${show(dash)}; allowed: true, false`,
      );
    }
    const experimental: unknown = props.experimentalFcRoutingPlugin;
    if (experimental !== undefined && typeof experimental !== "boolean") {
      throw new ReleaseValidationError(
        this.node.path,
        `invalid experimentalFcRoutingPlugin ${show(experimental)}; allowed: true, false`,
      );
    }
    const { experimentalFcRoutingPlugin, allowDashInServiceName } = this.gatewayProfile.options;
    if (experimental === true && experimentalFcRoutingPlugin !== true) {
      throw new ReleaseValidationError(this.node.path, experimentalFcRoutingPlugin);
    }
    if (dash === true && allowDashInServiceName !== true) {
      throw new ReleaseValidationError(this.node.path, allowDashInServiceName);
    }
    if (!Token.isUnresolved(props.name)) {
      const options = { allowDash: dash === true };
      const rule =
        typeof props.name === "string"
          ? adapter.checkName(props.name, options)
          : (adapter.checkName("", options) ?? { what: "gateway name", allowed: "a string" });
      if (rule) {
        // A '-' is the usual mistake: suggest the name with '_' when that one is valid.
        const fixed = typeof props.name === "string" ? props.name.replace(/-/g, "_") : undefined;
        const hint =
          fixed !== undefined && fixed !== props.name && !adapter.checkName(fixed, options)
            ? `; e.g. ${JSON.stringify(fixed)}`
            : "";
        throw new ReleaseValidationError(
          this.node.path,
          `invalid gateway name ${show(props.name)} (${rule.what}); allowed: ${rule.allowed}${hint}`,
        );
      }
    }
    if (props.path !== undefined && (typeof props.path !== "string" || !props.path.startsWith("/"))) {
      throw new ReleaseValidationError(
        this.node.path,
        `invalid path ${JSON.stringify(props.path)}; allowed: a path starting with "/"`,
      );
    }
    const regionProblem = this.gatewayProfile.regionProblem?.(props.region);
    if (regionProblem !== undefined) throw new ReleaseValidationError(this.node.path, regionProblem);
    const kindProblem = this.function.profile.gatewayFunctionProblem?.(this.function.kind);
    if (kindProblem !== undefined) throw new ReleaseValidationError(this.node.path, kindProblem);
    const keys: unknown = props.backendModelKeys;
    if (keys !== undefined) {
      if (typeof keys !== "object" || keys === null || Array.isArray(keys)) {
        throw new ReleaseValidationError(
          this.node.path,
          `backendModelKeys must be an object; got ${show(keys)}; allowed: { ${BACKEND_MODEL_KEYS.join("?, ")}? }`,
        );
      }
      for (const [k, v] of Object.entries(keys)) {
        if (!(BACKEND_MODEL_KEYS as readonly string[]).includes(k)) {
          throw new ReleaseValidationError(
            this.node.path,
            `unknown backendModelKeys key ${JSON.stringify(k)}; allowed: ${BACKEND_MODEL_KEYS.join(", ")}`,
          );
        }
        if (v !== undefined && typeof v !== "boolean") {
          throw new ReleaseValidationError(
            this.node.path,
            `invalid backendModelKeys.${k} ${show(v)}; allowed: true, false`,
          );
        }
      }
    }
    const stages = props.stages ?? {};
    if (typeof stages !== "object" || Array.isArray(stages)) {
      throw new ReleaseValidationError(
        this.node.path,
        `stages must be an object; got ${show(stages)}; allowed: { release?, prepub?, dev? }, each StageOptions or false`,
      );
    }
    for (const [key, options] of Object.entries(stages)) {
      if (!STAGE_NAMES.includes(key as StageName)) {
        throw new ReleaseValidationError(
          this.node.path,
          `unknown stage ${JSON.stringify(key)}; allowed: ${STAGE_NAMES.join(", ")}`,
        );
      }
      if (options === false || options === undefined || options === null) continue;
      if (typeof options !== "object" || Array.isArray(options)) {
        throw new ReleaseValidationError(
          this.node.path,
          `stage ${key}: options must be an object or false; got ${show(options)}; allowed: { alias?, routes?, customDomain? } or false`,
        );
      }
      const routes: unknown = (options as StageOptions).routes;
      if (routes === undefined) continue;
      if (!Array.isArray(routes)) {
        throw new ReleaseValidationError(
          this.node.path,
          `stage ${key}: routes must be a list; got ${show(routes)}; allowed: [{ when, to, name? }, ...]`,
        );
      }
      routes.forEach((r: unknown, i) => {
        if (typeof r !== "object" || r === null || Array.isArray(r)) {
          throw new ReleaseValidationError(
            this.node.path,
            `stage ${key}: routes[${i}] is not a route; got ${show(r)}; allowed: { when: [conditions], to: alias or version, name? }`,
          );
        }
        const name: unknown = (r as { name?: unknown }).name;
        if (name !== undefined && typeof name !== "string") {
          throw new ReleaseValidationError(
            this.node.path,
            `stage ${key}: routes[${i}].name ${show(name)} is not a name; allowed: 1-50 letters, digits or '_'`,
          );
        }
      });
    }
    const expectations: unknown = props.expectations;
    if (expectations !== undefined) {
      if (!Array.isArray(expectations)) {
        throw new ReleaseValidationError(
          this.node.path,
          `expectations must be a list; got ${show(expectations)}; allowed: [{ stage, request?, reaches | share }, ...]`,
        );
      }
      expectations.forEach((e: unknown, i) => {
        if (typeof e !== "object" || e === null || Array.isArray(e)) {
          throw new ReleaseValidationError(
            this.node.path,
            `expectations[${i}] is not an expectation; got ${show(e)}; allowed: { stage, request?, reaches | share }`,
          );
        }
      });
    }
    const n = props.expectationSamples;
    if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 10_000_000)) {
      throw new ReleaseValidationError(
        this.node.path,
        `invalid expectationSamples ${show(n)}; allowed: an integer from 1 to 10000000`,
      );
    }
    const protect: unknown = props.protectReleaseVersions;
    if (protect !== undefined && typeof protect !== "boolean") {
      throw new ReleaseValidationError(
        this.node.path,
        `invalid protectReleaseVersions ${show(protect)}; allowed: true, false`,
      );
    }
    const t = props.timeoutSeconds;
    if (t !== undefined && !(Number.isInteger(t) && t >= 1 && t <= 1800)) {
      throw new ReleaseValidationError(
        this.node.path,
        `invalid timeoutSeconds ${show(t)}; allowed: an integer from 1 to 1800`,
      );
    }
  }
}
