/**
 * Simulation over a reviewed configuration: route N requests to a stage or an alias and report
 * each version's share with a 99% Wilson interval, plus one example rule chain per version.
 * Uses the routing core (Router, GatewayRouter): seeded, reproducible.
 */
import {
  AnyAlias,
  formatDiagnostic,
  FunctionModel,
  GatewayRouter,
  Interval,
  Platform,
  Router,
  RouteRequest,
  RoutingOptions,
  sample,
  StageName,
  STAGE_NAMES,
  weightEntries,
} from "../routing";
import { cloudModules, profileOf, samePlatform } from "../clouds/registry";
import { knownQualifiers } from "../routing/rules";
import { InputError } from "./errors";
import { ReviewFunction, ReviewStage, Snapshot } from "./model";
import { functionOf } from "./view";

export type SimulateTarget =
  | { readonly kind: "stage"; readonly stage: string; readonly gateway?: string }
  | { readonly kind: "alias"; readonly alias: string; readonly function?: string };

export interface SimulateOptions {
  /** @default 10000 */
  readonly count?: number;
  /** @default 0 */
  readonly seed?: string | number;
  /** Routing options such as gatewayRoutingKey. */
  readonly routingOptions?: RoutingOptions;
}

export interface SimulationResult {
  readonly target: {
    readonly kind: "stage" | "alias";
    readonly function: string;
    readonly functionId: string;
    readonly platform: Platform;
    readonly qualifier: string;
    readonly gateway?: string;
    readonly api?: string;
    readonly stage?: StageName;
    readonly cloudStage?: string;
  };
  readonly request: RouteRequest;
  readonly total: number;
  readonly seed: string;
  readonly versions: readonly {
    readonly version: string;
    readonly count: number;
    readonly share: number;
    readonly ci99: Interval;
  }[];
  /** For each version, the first request index that reached it and its rule chain. */
  readonly examples: readonly {
    readonly version: string;
    readonly index: number;
    readonly chain: readonly string[];
  }[];
  readonly assumptions: readonly string[];
  readonly warnings: readonly string[];
}

/** The stage a user names: release/prepub/dev, or the cloud's test/PRE/TEST/RELEASE. */
export function stageNameOf(name: string): StageName | undefined {
  // The neutral names, and each registered gateway cloud's own (Tencent test, Alibaba PRE), any case.
  const aliases: Record<string, StageName> = {};
  for (const stage of STAGE_NAMES) {
    aliases[stage] = stage;
    for (const m of cloudModules()) aliases[m.gateway.cloudStageName(stage).toLowerCase()] = stage;
  }
  return aliases[name.toLowerCase()];
}

/** The model as the simulator takes it: descriptions dropped (a free-form one is no routing error). */
function simulationModel(fn: ReviewFunction, source: string): FunctionModel {
  for (const a of fn.model.aliases as readonly AnyAlias[]) {
    if (weightEntries(fn.platform, a).some(([, w]) => !Number.isFinite(w))) {
      throw new InputError(`the weights of alias ${a.name} of ${fn.name} are only known after apply`, source);
    }
  }
  const aliases = (fn.model.aliases as readonly AnyAlias[]).map((a) => {
    const copy = { ...a } as { description?: string };
    delete copy.description;
    return copy;
  });
  return { ...fn.model, aliases } as unknown as FunctionModel;
}

function pickStage(
  snapshot: Snapshot,
  target: { stage: string; gateway?: string },
  source: string,
): ReviewStage {
  const stage = stageNameOf(target.stage);
  const all = snapshot.stages.map((s) => s.id);
  if (!stage) {
    throw new InputError(
      `unknown stage ${JSON.stringify(target.stage)} (allowed: release, prepub, dev, or test/PRE/TEST/RELEASE)`,
      source,
    );
  }
  let candidates = snapshot.stages.filter((s) => s.stage === stage);
  if (target.gateway !== undefined) {
    const g = target.gateway;
    candidates = candidates.filter(
      (s) =>
        s.gateway === g ||
        s.cloudName === g ||
        s.gatewayLabel === g ||
        s.stack === g ||
        s.id === g ||
        s.api === g,
    );
  }
  if (candidates.length === 0) {
    throw new InputError(
      `unknown stage ${JSON.stringify(target.stage)}${target.gateway !== undefined ? ` of gateway ${JSON.stringify(target.gateway)}` : ""} (stages: ${all.join(", ") || "none"})`,
      source,
    );
  }
  if (candidates.length > 1) {
    throw new InputError(
      `stage ${stage} exists in several gateways (${candidates.map((s) => s.id).join(", ")}); choose one with --gateway`,
      source,
    );
  }
  return candidates[0];
}

function pickFunction(
  snapshot: Snapshot,
  target: { alias: string; function?: string },
  source: string,
): ReviewFunction {
  let fns = snapshot.functions;
  if (target.function !== undefined) {
    const f = target.function;
    fns = fns.filter((x) => x.name === f || x.id === f || x.id.endsWith(`/${f}`));
    if (fns.length === 0) {
      throw new InputError(
        `unknown function ${JSON.stringify(f)} (functions: ${snapshot.functions.map((x) => x.name).join(", ") || "none"})`,
        source,
      );
    }
  }
  const declaring = fns.filter((f) => f.model.aliases.some((a) => a.name === target.alias));
  const candidates =
    declaring.length > 0 ? declaring : fns.filter((f) => knownQualifiers(f.model).has(target.alias));
  if (candidates.length === 0) {
    const aliases = [...new Set(fns.flatMap((f) => f.model.aliases.map((a) => a.name)))];
    throw new InputError(
      `unknown alias ${JSON.stringify(target.alias)} (aliases: ${aliases.join(", ") || "none"})`,
      source,
    );
  }
  if (candidates.length > 1) {
    throw new InputError(
      `alias ${target.alias} exists on several functions (${candidates.map((f) => f.name).join(", ")}); choose one with --function`,
      source,
    );
  }
  return candidates[0];
}

const EXAMPLE_SCAN_LIMIT = 100000;

/**
 * The routing options to simulate with, and where each came from: the options given (a CLI flag),
 * over what the app recorded for the function's aliases and the stage's gateway.
 */
function chooseOptions(
  snapshot: Snapshot,
  options: SimulateOptions,
  fn: ReviewFunction,
  stage?: ReviewStage,
): { options: RoutingOptions | undefined; sources: string[] } {
  const recorded = (snapshot.recorded ?? []).filter(
    (r) =>
      r.routingOptions !== undefined &&
      (r.kind === "alias"
        ? samePlatform(r.platform, fn.platform) && r.function === fn.name
        : stage !== undefined && r.gateway === stage.gateway && r.stack === stage.stack),
  );
  const merged: Record<string, unknown> = {};
  const sources: string[] = [];
  for (const r of recorded) {
    for (const [k, v] of Object.entries(r.routingOptions ?? {})) {
      if (k in merged) continue;
      merged[k] = v;
    }
  }
  const given = (options.routingOptions ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(merged)) {
    if (k in given) continue;
    const from = recorded.find((r) => (r.routingOptions as Record<string, unknown>)[k] !== undefined)!;
    sources.push(`${k}: ${JSON.stringify(v)} (recorded by the app in ${from.source})`);
  }
  for (const [k, v] of Object.entries(given))
    if (v !== undefined) sources.push(`${k}: ${JSON.stringify(v)} (given on the command line)`);
  const out = { ...merged, ...given } as RoutingOptions;
  return { options: Object.keys(out).length > 0 ? out : undefined, sources };
}

/** Routes `count` requests to a stage or alias of a snapshot. Throws InputError or RoutingValidationError. */
export function simulate(
  snapshot: Snapshot,
  target: SimulateTarget,
  request: RouteRequest,
  options: SimulateOptions = {},
): SimulationResult {
  const source = snapshot.source;
  const count = options.count ?? 10000;
  const seed = options.seed ?? 0;
  const warnings: string[] = [];
  if (target.kind === "stage") {
    const s = pickStage(snapshot, target, source);
    const fn = functionOf(snapshot, s);
    if (s.problem !== undefined || !fn || s.qualifier === undefined) {
      throw new InputError(`stage ${s.id} has no binding (${s.problem ?? "no function"})`, source);
    }
    if (s.unparsedRoutes.length > 0) {
      warnings.push(`gateway routes not simulated (unread): ${s.unparsedRoutes.join("; ")}`);
    }
    const hints = profileOf(fn.platform).routingKeyHints;
    if (hints && request.routingKey !== undefined) {
      warnings.push(hints.behindGateway);
    }
    const chosen = chooseOptions(snapshot, options, fn, s);
    const router = new GatewayRouter(
      {
        cloud: s.cloud,
        function: simulationModel(fn, source),
        stages: [{ stage: s.stage, qualifier: s.qualifier, routes: s.routes }],
      },
      { seed, options: chosen.options },
    );
    warnings.push(...router.functionRouter.warnings.map(formatDiagnostic));
    const result = router.sample(s.stage, request, count);
    const examples: { version: string; index: number; chain: string[] }[] = [];
    const wanted = new Set(result.versions.map((v) => v.version));
    for (let i = 0; i < Math.min(count, EXAMPLE_SCAN_LIMIT) && examples.length < wanted.size; i++) {
      const d = router.simulate(s.stage, request, i);
      if (!examples.some((e) => e.version === d.version))
        examples.push({ version: d.version, index: i, chain: [...d.chain] });
    }
    return {
      target: {
        kind: "stage",
        function: fn.name,
        functionId: fn.id,
        platform: fn.platform,
        qualifier: s.qualifier,
        gateway: s.cloudName ?? s.gateway,
        ...(s.api !== undefined ? { api: s.api } : {}),
        stage: s.stage,
        cloudStage: s.cloudStage,
      },
      request,
      total: result.total,
      seed: (
        BigInt(router.functionRouter.seed.hi) * 4294967296n +
        BigInt(router.functionRouter.seed.lo)
      ).toString(),
      versions: result.versions,
      examples,
      assumptions: [...result.assumptions, ...chosen.sources],
      warnings,
    };
  }

  const fn = pickFunction(snapshot, target, source);
  const hints = profileOf(fn.platform).routingKeyHints;
  if (
    hints &&
    request.routingKey === undefined &&
    request.headers &&
    Object.keys(request.headers).length > 0
  ) {
    warnings.push(hints.headersWithoutKey);
  }
  const chosen = chooseOptions(snapshot, options, fn);
  const router = new Router(simulationModel(fn, source), { seed, options: chosen.options });
  warnings.push(...router.warnings.map(formatDiagnostic));
  const req: RouteRequest = { ...request, qualifier: target.alias };
  const result = sample(router, req, count);
  const examples: { version: string; index: number; chain: string[] }[] = [];
  const wanted = new Set(result.versions.map((v) => v.version));
  for (let i = 0; i < Math.min(count, EXAMPLE_SCAN_LIMIT) && examples.length < wanted.size; i++) {
    const d = router.route(req, i);
    if (!examples.some((e) => e.version === d.version)) {
      examples.push({
        version: d.version,
        index: i,
        chain: [d.alias ? `alias ${d.alias}: ${d.explanation}` : d.explanation],
      });
    }
  }
  return {
    target: {
      kind: "alias",
      function: fn.name,
      functionId: fn.id,
      platform: fn.platform,
      qualifier: target.alias,
    },
    request,
    total: result.total,
    seed: result.seed,
    versions: result.versions,
    examples,
    assumptions: [...result.assumptions, ...chosen.sources],
    warnings,
  };
}
