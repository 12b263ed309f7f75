/**
 * Random release histories. A history is a platform, a few switches and 5–20 operations (publish,
 * set a weight, add or remove a rule, promote, roll back, rebind a stage, drop a version, toggle
 * version protection). Each operation turns the last accepted state into a new one; each state is
 * a full program, built in a fresh App as a user's next commit would be. A state the library
 * rejects is like a rejected commit: the next operation starts from the last accepted state.
 *
 * `problems(state)` is an independent oracle of what the library must refuse; every step checks
 * that the library and the oracle agree, and that accepted steps keep the release invariants.
 */
import fc from "fast-check";
import { App, TerraformStack, Testing } from "cdktf";
import {
  assertConformsToSchemas,
  CanaryAlias,
  CanaryRule,
  FunctionCode,
  FunctionWithVersions,
  ReleaseValidationError,
  sample,
  StageName,
  StagedApiGateway,
  wilsonInterval,
} from "../../../src";
import { aliasReferences, findSecrets, TfJson, versionInputs, versionMentions, versionResources } from "./tf";

export type Platform = "scf" | "fc3" | "fc2";
export type AliasName = "release" | "prepub";
export const ALIAS_NAMES: readonly AliasName[] = ["release", "prepub"];
export const STAGES: readonly StageName[] = ["release", "prepub", "dev"];

export interface CanaryState {
  readonly version: string;
  readonly weight?: number;
  readonly rules?: readonly number[];
}

export interface AliasState {
  readonly primary: string;
  readonly canary?: CanaryState;
}

/** A stage's binding: an alias name, a version label, a built-in qualifier, or false (no stage). */
export type Binding = string | false;

export interface HistoryState {
  readonly platform: Platform;
  readonly versions: readonly string[];
  /** The next label `publish` appends: labels are never reused. */
  readonly next: number;
  readonly aliases: Readonly<Record<AliasName, AliasState>>;
  readonly gateway: boolean;
  readonly stages: Readonly<Record<StageName, Binding>>;
  readonly protect: boolean;
  readonly fc2Rules: "error" | "simulate-only";
  readonly gatewayRoutingKey: boolean;
  readonly seed: number;
}

/** Rules an operation can add, and the platforms on which each is valid. */
export const RULES: readonly { readonly rule: CanaryRule; readonly validOn: readonly Platform[] }[] = [
  { rule: { source: "header", name: "User", operator: "=", value: "Bob" }, validOn: ["scf", "fc2"] },
  { rule: { source: "header", name: "x-uid", operator: "range", value: "[1,100]" }, validOn: ["scf"] },
  { rule: { source: "header", name: "x-uid", operator: "range", value: "(0,50]" }, validOn: ["scf"] },
  { rule: { source: "cookie", name: "beta", operator: "=", value: "1" }, validOn: ["fc2"] },
  { rule: { source: "query", name: "uid", operator: "percent", value: "20" }, validOn: ["fc2"] },
  { rule: { source: "header", name: "x-uid", operator: "in", value: "1001,1002" }, validOn: ["fc2"] },
  { rule: { source: "header", name: "x-uid", operator: ">=", value: "5" }, validOn: ["fc2"] },
  // Invalid on every platform.
  { rule: { source: "header", name: "x-uid", operator: "range", value: "[5,1]" }, validOn: [] },
  { rule: { source: "header", name: "x-uid", operator: "range", value: "(a,b)" }, validOn: [] },
  { rule: { source: "header", name: "x-uid", operator: "range", value: "[1,5" }, validOn: [] },
  { rule: { source: "header", name: "x-uid", operator: "percent", value: "0" }, validOn: [] },
  { rule: { source: "header", name: "x-uid", operator: "percent", value: "101" }, validOn: [] },
  { rule: { source: "header", name: "x-uid", operator: "~=" as never, value: "1" }, validOn: [] },
];

export type Op =
  | { readonly kind: "publish" }
  | { readonly kind: "setWeight"; readonly alias: AliasName; readonly weight: number }
  /** `valid`: a rule the platform accepts (when it has any), else one it refuses; `rule` picks among them. */
  | { readonly kind: "addRule"; readonly alias: AliasName; readonly rule: number; readonly valid: boolean }
  | { readonly kind: "removeRule"; readonly alias: AliasName }
  | { readonly kind: "promote"; readonly alias: AliasName }
  | { readonly kind: "rollback"; readonly alias: AliasName }
  /** Point the alias's primary at the mutable version ($LATEST on SCF; LATEST is refused on FC by default). */
  | { readonly kind: "latest"; readonly alias: AliasName }
  | { readonly kind: "rebind"; readonly stage: StageName; readonly target: number }
  /** `unreferenced`: pick among versions no alias or stage uses (when there are any), else among all. */
  | { readonly kind: "drop"; readonly pick: number; readonly unreferenced: boolean }
  | { readonly kind: "protect" };

export interface History {
  readonly platform: Platform;
  readonly gateway: boolean;
  readonly protect: boolean;
  readonly fc2Rules: "error" | "simulate-only";
  readonly gatewayRoutingKey: boolean;
  readonly seed: number;
  readonly ops: readonly Op[];
}

const latest = (p: Platform) => (p === "scf" ? "$LATEST" : "LATEST");

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/** Valid weights in whole percent points, and the invalid inputs the battery lists. */
export const weightArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 100 }).map((k) => k / 100) },
  { weight: 1, arbitrary: fc.constantFrom(-0.1, 1.5, 10, 50, 100, Number.NaN, Infinity, -Infinity) },
);
const aliasArb = fc.constantFrom<AliasName>(...ALIAS_NAMES);
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: "publish" as const }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("setWeight" as const), alias: aliasArb, weight: weightArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("addRule" as const),
      alias: aliasArb,
      rule: fc.nat({ max: RULES.length - 1 }),
      valid: fc.oneof(
        { weight: 3, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("removeRule" as const), alias: aliasArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("promote" as const), alias: aliasArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("rollback" as const), alias: aliasArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("latest" as const), alias: aliasArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("rebind" as const),
      stage: fc.constantFrom<StageName>(...STAGES),
      target: fc.nat({ max: 24 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("drop" as const),
      pick: fc.nat({ max: 24 }),
      unreferenced: fc.oneof(
        { weight: 3, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "protect" as const }) },
);

export const historyArb: fc.Arbitrary<History> = fc.record({
  platform: fc.constantFrom<Platform>("scf", "fc3", "fc2"),
  gateway: fc.boolean(),
  protect: fc.boolean(),
  fc2Rules: fc.oneof(
    { weight: 3, arbitrary: fc.constant<"error" | "simulate-only">("simulate-only") },
    { weight: 1, arbitrary: fc.constant<"error" | "simulate-only">("error") },
  ),
  gatewayRoutingKey: fc.boolean(),
  seed: fc.nat(),
  ops: fc.array(opArb, { minLength: 5, maxLength: 20 }),
});

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

const defaultStages = (p: Platform): Record<StageName, Binding> => ({
  release: "release",
  prepub: "prepub",
  dev: p === "scf" ? "$DEFAULT" : "LATEST",
});

export function initialState(h: History): HistoryState {
  return {
    platform: h.platform,
    versions: ["1"],
    next: 2,
    aliases: { release: { primary: "1" }, prepub: { primary: "1" } },
    gateway: h.gateway,
    stages: defaultStages(h.platform),
    protect: h.protect,
    fc2Rules: h.fc2Rules,
    gatewayRoutingKey: h.gatewayRoutingKey,
    seed: h.seed,
  };
}

/** The canary version an operation picks when the alias has none: the newest other version. */
function newCanary(s: HistoryState, primary: string): string {
  const others = s.versions.filter((v) => v !== primary);
  return others[others.length - 1] ?? primary;
}

/** The binding targets a rebind chooses from (modulo): aliases, a missing one, built-ins, no stage, versions. */
export function bindingTargets(s: HistoryState): Binding[] {
  return ["release", "prepub", "canary", latest(s.platform), "$DEFAULT", false, ...s.versions];
}

export function apply(s: HistoryState, op: Op): HistoryState {
  const withAlias = (name: AliasName, a: AliasState): HistoryState => ({
    ...s,
    aliases: { ...s.aliases, [name]: a },
  });
  switch (op.kind) {
    case "publish":
      return { ...s, versions: [...s.versions, String(s.next)], next: s.next + 1 };
    case "setWeight": {
      const a = s.aliases[op.alias];
      const version = a.canary?.version ?? newCanary(s, a.primary);
      // SCF routes by weight or by rules: a weight replaces the rules. FC 2.0 keeps both (Content mode).
      const rules = s.platform === "fc2" ? a.canary?.rules : undefined;
      return withAlias(op.alias, { ...a, canary: { version, weight: op.weight, rules } });
    }
    case "addRule": {
      const a = s.aliases[op.alias];
      const rules = a.canary?.rules ?? [];
      if (rules.length >= 3) return s;
      const version = a.canary?.version ?? newCanary(s, a.primary);
      const weight = s.platform === "scf" ? undefined : a.canary?.weight;
      const valid = RULES.map((_, i) => i).filter((i) => RULES[i].validOn.includes(s.platform));
      const invalid = RULES.map((_, i) => i).filter((i) => !RULES[i].validOn.includes(s.platform));
      const pool = op.valid && valid.length > 0 ? valid : invalid;
      return withAlias(op.alias, {
        ...a,
        canary: { version, weight, rules: [...rules, pool[op.rule % pool.length]] },
      });
    }
    case "removeRule": {
      const a = s.aliases[op.alias];
      const rules = a.canary?.rules ?? [];
      if (!a.canary || rules.length === 0) return s;
      const left = rules.slice(0, -1);
      if (left.length === 0 && a.canary.weight === undefined)
        return withAlias(op.alias, { primary: a.primary });
      return withAlias(op.alias, {
        ...a,
        canary: { ...a.canary, rules: left.length > 0 ? left : undefined },
      });
    }
    case "promote": {
      const a = s.aliases[op.alias];
      if (a.canary) return withAlias(op.alias, { primary: a.canary.version });
      return withAlias(op.alias, { primary: s.versions[s.versions.length - 1] ?? a.primary });
    }
    case "rollback": {
      const a = s.aliases[op.alias];
      if (a.canary) return withAlias(op.alias, { primary: a.primary });
      const i = s.versions.indexOf(a.primary);
      return i > 0 ? withAlias(op.alias, { primary: s.versions[i - 1] }) : s;
    }
    case "latest":
      return withAlias(op.alias, { ...s.aliases[op.alias], primary: latest(s.platform) });
    case "rebind": {
      const targets = bindingTargets(s);
      const stages = s.gateway ? s.stages : defaultStages(s.platform);
      return { ...s, gateway: true, stages: { ...stages, [op.stage]: targets[op.target % targets.length] } };
    }
    case "drop": {
      if (s.versions.length === 0) return s;
      const used = referenced(s);
      const free = s.versions.filter((v) => !used.has(v));
      const pool = op.unreferenced && free.length > 0 ? free : s.versions;
      const label = pool[op.pick % pool.length];
      return { ...s, versions: s.versions.filter((v) => v !== label) };
    }
    case "protect":
      return { ...s, protect: !s.protect };
  }
}

// ---------------------------------------------------------------------------------------------
// Oracle
// ---------------------------------------------------------------------------------------------

const validWeight = (w: number) => Number.isFinite(w) && w >= 0 && w <= 1;

/** Why the library must refuse this state (empty: it must accept it). Written from the rules, not the code. */
export function problems(s: HistoryState): string[] {
  const out: string[] = [];
  const declared = (v: string) => s.versions.includes(v);
  for (const name of ALIAS_NAMES) {
    const a = s.aliases[name];
    if (a.primary === latest(s.platform)) {
      if (s.platform !== "scf") out.push(`${name}: FC alias on LATEST without allowLatestPrimary`);
    } else if (!declared(a.primary)) out.push(`${name}: primary ${a.primary} is not declared`);
    const c = a.canary;
    if (!c) continue;
    const rules = c.rules ?? [];
    if (!declared(c.version)) out.push(`${name}: canary ${c.version} is not declared`);
    if (c.version === a.primary) out.push(`${name}: canary equals primary ${a.primary}`);
    if (c.weight !== undefined && !validWeight(c.weight)) out.push(`${name}: weight ${c.weight}`);
    if (c.weight === undefined && rules.length === 0) out.push(`${name}: canary without weight or rules`);
    if (rules.length > 0) {
      if (s.platform === "fc3") out.push(`${name}: FC 3.0 aliases take no rules`);
      if (s.platform === "fc2" && s.fc2Rules === "error")
        out.push(`${name}: FC 2.0 rules refused (fc2Rules error)`);
      if (s.platform === "scf" && c.weight !== undefined) out.push(`${name}: SCF weight and rules`);
      for (const r of rules)
        if (!RULES[r].validOn.includes(s.platform)) out.push(`${name}: rule ${r} invalid on ${s.platform}`);
    }
  }
  if (s.gateway) {
    const bound = STAGES.filter((st) => s.stages[st] !== false);
    if (bound.length === 0) out.push("gateway: no stage left");
    for (const st of bound) {
      const t = s.stages[st] as string;
      const ok =
        (ALIAS_NAMES as readonly string[]).includes(t) ||
        t === latest(s.platform) ||
        (t === "$DEFAULT" && s.platform === "scf") ||
        declared(t);
      if (!ok) out.push(`gateway: stage ${st} bound to ${t}`);
    }
  }
  return out;
}

/** Versions a state references: alias primaries and canaries, and stages bound to versions. */
export function referenced(s: HistoryState): Set<string> {
  const out = new Set<string>();
  for (const name of ALIAS_NAMES) {
    out.add(s.aliases[name].primary);
    if (s.aliases[name].canary) out.add(s.aliases[name].canary!.version);
  }
  if (s.gateway) for (const st of STAGES) if (s.stages[st] !== false) out.add(s.stages[st] as string);
  return new Set([...out].filter((v) => s.versions.includes(v)));
}

/** Versions the release stage serves (what protectReleaseVersions must mark). */
export function servedByRelease(s: HistoryState): string[] {
  if (!s.gateway || s.stages.release === false || s.platform === "fc2") return [];
  const t = s.stages.release;
  const alias = (ALIAS_NAMES as readonly string[]).includes(t) ? s.aliases[t as AliasName] : undefined;
  if (!alias) return s.versions.includes(t) ? [t] : [];
  return [alias.primary, ...(alias.canary ? [alias.canary.version] : [])]
    .filter((v) => s.versions.includes(v))
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Building a step
// ---------------------------------------------------------------------------------------------

export interface Built {
  readonly stack: TerraformStack;
  readonly fn: FunctionWithVersions;
  readonly aliases: Readonly<Record<AliasName, CanaryAlias>>;
  readonly gateway?: StagedApiGateway;
}

/** The state as a program: function, both aliases and (optionally) the gateway, in a fresh App. */
export function build(s: HistoryState, app: App): Built {
  const stack = new TerraformStack(app, "history");
  const fn = new FunctionWithVersions(stack, "fn", {
    platform: s.platform,
    functionName: "orders",
    runtime: s.platform === "scf" ? "Nodejs18.15" : "nodejs20",
    handler: "index.handler",
    code: FunctionCode.fromBucket("code-bucket", "orders/3f2a9c.zip"),
    versions: s.versions,
  });
  const alias = (name: AliasName) => {
    const a = s.aliases[name];
    return new CanaryAlias(stack, name, {
      function: fn,
      aliasName: name,
      version: a.primary,
      fc2Rules: s.fc2Rules,
      canary: a.canary && {
        version: a.canary.version,
        weight: a.canary.weight,
        rules: a.canary.rules?.map((r) => RULES[r].rule),
      },
    });
  };
  const aliases = { release: alias("release"), prepub: alias("prepub") };
  const gateway = s.gateway
    ? new StagedApiGateway(stack, "api", {
        function: fn,
        name: "orders_api",
        region: s.platform === "scf" ? undefined : "cn-hangzhou",
        stages: Object.fromEntries(
          STAGES.map((st) => [st, s.stages[st] === false ? false : { alias: s.stages[st] as string }]),
        ),
        gatewayRoutingKey: s.gatewayRoutingKey,
        seed: s.seed,
        protectReleaseVersions: s.protect,
      })
    : undefined;
  return { stack, fn, aliases, gateway };
}

// ---------------------------------------------------------------------------------------------
// Running a history
// ---------------------------------------------------------------------------------------------

export interface RunOptions {
  /** Synthesize every accepted step (Testing.synth, schemas, JSON invariants, secrets). */
  readonly synth: boolean;
  /** Requests per alias share check (a fresh seed per step). @default 5000 */
  readonly samples?: number;
  /** Requests per stage share check (the gateway's seed). @default 1000 */
  readonly stageSamples?: number;
  /** z of the per-check interval: the family-wise 99% interval over the run (Bonferroni). */
  readonly z: number;
  /** An outdir shared by the run's Apps (Testing.app would create a temp folder per App). */
  readonly outdir: string;
}

export interface RunStats {
  steps: number;
  accepted: number;
  refused: number;
  synthesized: number;
  shareChecks: number;
  /** Alias checks of a weight strictly between 0 and 1, each with its own seed. */
  weightedChecks: number;
  /** Of those, how many fell outside the plain per-check 99% Wilson interval (expected about 1%). */
  outsideCi99: number;
  protectedChecks: number;
  /** Accepted steps that repeated the previous accepted state: their JSON must be byte-identical. */
  repeats: number;
}

export const newStats = (): RunStats => ({
  steps: 0,
  accepted: 0,
  refused: 0,
  synthesized: 0,
  shareChecks: 0,
  weightedChecks: 0,
  outsideCi99: 0,
  protectedChecks: 0,
  repeats: 0,
});

/** A broken invariant, with the step and state for the report. */
export class InvariantViolation extends Error {}

function fail(step: number, s: HistoryState, message: string): never {
  throw new InvariantViolation(`step ${step}: ${message}\n  state: ${stateKey(s)}`);
}

/** A stable text for a state (numbers spelled out: NaN and Infinity would be null in JSON). */
export function stateKey(s: HistoryState): string {
  return JSON.stringify(s, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
}

/** The expected split of a qualifier for a request without headers: version → share. */
function expectedSplit(s: HistoryState, qualifier: string): Map<string, number> {
  const alias = (ALIAS_NAMES as readonly string[]).includes(qualifier)
    ? s.aliases[qualifier as AliasName]
    : undefined;
  if (!alias) return new Map([[qualifier === "$DEFAULT" ? "$LATEST" : qualifier, 1]]);
  const c = alias.canary;
  // Rules never match a request without headers, cookies or query: everything reaches the primary.
  if (!c || (c.rules ?? []).length > 0 || !c.weight) return new Map([[alias.primary, 1]]);
  if (c.weight === 1) return new Map([[c.version, 1]]);
  return new Map([
    [alias.primary, 1 - c.weight],
    [c.version, c.weight],
  ]);
}

function checkShares(
  step: number,
  s: HistoryState,
  what: string,
  result: { total: number; versions: readonly { version: string; count: number }[] },
  expected: Map<string, number>,
  opts: RunOptions,
  stats: RunStats,
  calibrate: boolean,
): void {
  const counts = new Map(result.versions.map((v) => [v.version, v.count]));
  for (const v of counts.keys())
    if (!expected.has(v))
      fail(step, s, `${what}: ${counts.get(v)} requests reached ${v}, which it does not route to`);
  for (const [version, weight] of expected) {
    const k = counts.get(version) ?? 0;
    const wide = wilsonInterval(k, result.total, opts.z);
    const ci99 = wilsonInterval(k, result.total);
    stats.shareChecks++;
    if (calibrate && weight > 0 && weight < 1 && version !== [...expected.keys()][0]) {
      stats.weightedChecks++;
      if (!(weight >= ci99.low && weight <= ci99.high)) stats.outsideCi99++;
    }
    if (!(weight >= wide.low && weight <= wide.high)) {
      fail(
        step,
        s,
        `${what}: v${version} declared ${weight}, sampled ${k}/${result.total} ` +
          `(family-wise interval [${wide.low.toFixed(4)}, ${wide.high.toFixed(4)}])`,
      );
    }
  }
}

/** Routing checks on a built step: aliases reference declared versions; sampled shares match weights. */
function checkRouting(step: number, s: HistoryState, built: Built, opts: RunOptions, stats: RunStats): void {
  const n = opts.samples ?? 5000;
  const model = built.fn.routingModel;
  const known = new Set([...s.versions, latest(s.platform)]);
  for (const a of model.aliases) {
    const refs =
      s.platform === "scf"
        ? [
            (a as { primary: string }).primary,
            ...((a as { weights?: { version: string }[] }).weights ?? []).map((w) => w.version),
            ...((a as { matches?: { version: string }[] }).matches ?? []).map((m) => m.version),
          ]
        : [(a as { versionId: string }).versionId, ...Object.keys((a as { weights?: object }).weights ?? {})];
    for (const v of refs)
      if (!known.has(v)) fail(step, s, `alias ${a.name} references ${v}, which is not published`);
  }
  for (const name of ALIAS_NAMES) {
    // A different seed per step: the share checks are independent draws.
    const result = sample(model, { qualifier: name }, n, {
      seed: s.seed * 64 + step,
      options: built.fn.routingOptions,
    });
    checkShares(step, s, `alias ${name}`, result, expectedSplit(s, name), opts, stats, true);
  }
  if (built.gateway) {
    for (const st of STAGES) {
      if (s.stages[st] === false) continue;
      const stageSample = built.gateway.sample(st, {}, opts.stageSamples ?? 1000);
      checkShares(
        step,
        s,
        `stage ${st}`,
        stageSample,
        expectedSplit(s, s.stages[st] as string),
        opts,
        stats,
        false,
      );
    }
    const expected = s.protect ? servedByRelease(s) : [];
    const actual = [...built.gateway.protectedVersions].sort();
    stats.protectedChecks++;
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      fail(step, s, `protected versions ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
}

/** JSON checks on a synthesized step, against the previous accepted step's JSON. */
function checkJson(
  step: number,
  s: HistoryState,
  json: TfJson,
  prev: { s: HistoryState; json: TfJson } | undefined,
  stats: RunStats,
): void {
  const versions = versionResources(json);
  if (s.platform !== "fc2") {
    const labels = [...versions.keys()].sort();
    if (JSON.stringify(labels) !== JSON.stringify([...s.versions].sort()))
      fail(step, s, `version resources ${JSON.stringify(labels)}, declared ${JSON.stringify(s.versions)}`);
  }
  const byKey = new Map([...versions.values()].map((v) => [`${v.type}.${v.id}`, v]));
  // Every mention of a version resource (alias, stage, depends_on, output) names one that exists.
  for (const [key, by] of versionMentions(json))
    if (!byKey.has(key)) fail(step, s, `${by.join(", ")} reference(s) ${key}, which is not in the stack`);
  // Every alias routes to published versions.
  for (const a of aliasReferences(json)) {
    for (const v of a.versions) {
      const label = byKey.get(v)?.label ?? v;
      if (!s.versions.includes(label) && label !== latest(s.platform))
        fail(step, s, `${a.address} routes to ${v}, which is not published`);
    }
  }
  // What Terraform deploys is what the state declares: primary, canary weight or match entries.
  const label = (v: string) => byKey.get(v)?.label ?? v;
  for (const name of ALIAS_NAMES) {
    const found = deployedAliases(json).filter((a) => a.name === name);
    if (found.length !== 1) fail(step, s, `${found.length} alias resources named ${name}`);
    const d = found[0];
    const a = s.aliases[name];
    const c = a.canary;
    const rules = c?.rules ?? [];
    const want = {
      primary: a.primary,
      weights: c && (rules.length === 0 || s.platform === "fc2") ? [[c.version, c.weight ?? 0]] : [],
      matches: c && rules.length > 0 && s.platform === "scf" ? rules.map(() => c.version) : [],
    };
    const got = {
      primary: label(d.primary),
      weights: d.weights.map(([v, w]) => [label(v), w]),
      matches: d.matches.map(label),
    };
    if (JSON.stringify(got) !== JSON.stringify(want))
      fail(step, s, `alias ${name} deploys ${JSON.stringify(got)}, declared ${JSON.stringify(want)}`);
  }
  // prevent_destroy exactly on the versions the release stage serves.
  const expectedProtected = s.protect ? servedByRelease(s) : [];
  const protectedLabels = [...versions.values()]
    .filter((v) => v.body.lifecycle?.prevent_destroy === true)
    .map((v) => v.label)
    .sort();
  if (JSON.stringify(protectedLabels) !== JSON.stringify(expectedProtected))
    fail(
      step,
      s,
      `prevent_destroy on ${JSON.stringify(protectedLabels)}, expected ${JSON.stringify(expectedProtected)}`,
    );
  for (const v of versions.values()) {
    if (v.body.lifecycle?.create_before_destroy !== true)
      fail(step, s, `version ${v.label} lost create_before_destroy`);
  }
  const secrets = findSecrets(json);
  if (secrets.length > 0) fail(step, s, `credential-like values: ${JSON.stringify(secrets)}`);
  if (!prev) return;
  if (stateKey(prev.s) === stateKey(s)) {
    // The same program twice: synthesis is deterministic.
    stats.repeats++;
    if (JSON.stringify(prev.json) !== JSON.stringify(json))
      fail(step, s, "the same state synthesized to different JSON");
  }
  // Between consecutive synthesized steps: no version either step references disappears, and no
  // version present in both changes an input (Terraform would replace it: a new cloud version).
  const before = versionResources(prev.json);
  const mustStay = new Set([...referenced(prev.s), ...referenced(s)]);
  for (const label of mustStay) {
    if (before.has(label) && !versions.has(label)) fail(step, s, `referenced version ${label} was removed`);
    if (s.platform === "fc2" && prev.s.versions.includes(label) && !s.versions.includes(label))
      fail(step, s, `referenced FC 2.0 version ${label} was removed`);
  }
  for (const [label, v] of before) {
    const now = versions.get(label);
    if (now && versionInputs(now.body) !== versionInputs(v.body))
      fail(
        step,
        s,
        `version ${label} changed an input: ${versionInputs(v.body)} → ${versionInputs(now.body)}`,
      );
    if (now && now.id !== v.id) fail(step, s, `version ${label} changed its logical id ${v.id} → ${now.id}`);
  }
}

/** Alias resources as deployed: primary, additional weights and match versions (references or labels). */
function deployedAliases(
  json: TfJson,
): { name: string; primary: string; weights: [string, number][]; matches: string[] }[] {
  const out: { name: string; primary: string; weights: [string, number][]; matches: string[] }[] = [];
  const ref = (x: string) => {
    const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(x);
    return m ? `${m[1]}.${m[2]}` : x;
  };
  for (const a of Object.values<TfJson>(json?.resource?.tencentcloud_scf_function_alias ?? {})) {
    const rc = a.routing_config ?? {};
    out.push({
      name: a.name,
      primary: ref(a.function_version),
      weights: (rc.additional_version_weights ?? []).map((w: TfJson) => [ref(w.version), w.weight]),
      matches: (rc.additional_version_matches ?? []).map((m: TfJson) => ref(m.version)),
    });
  }
  for (const a of Object.values<TfJson>(json?.resource?.alicloud_fcv3_alias ?? {})) {
    out.push({
      name: a.alias_name,
      primary: ref(a.version_id),
      weights: Object.entries<number>(a.additional_version_weight ?? {}).map(([v, w]) => [ref(v), w]),
      matches: [],
    });
  }
  for (const a of Object.values<TfJson>(json?.resource?.alicloud_fc_alias ?? {})) {
    out.push({
      name: a.alias_name,
      primary: a.service_version,
      weights: Object.entries<number>(a.routing_config?.additional_version_weights ?? {}),
      matches: [],
    });
  }
  return out;
}

export interface StepRecord {
  readonly op: Op;
  readonly accepted: boolean;
  readonly error?: string;
}

/**
 * Runs a history: every step is built in a fresh App (and synthesized with `opts.synth`); throws an
 * InvariantViolation (or the unexpected error) when an invariant breaks. Returns what each step did.
 */
export function runHistory(h: History, opts: RunOptions, stats: RunStats = newStats()): StepRecord[] {
  let accepted = initialState(h);
  let prev: { s: HistoryState; json: TfJson } | undefined;
  const records: StepRecord[] = [];
  // Step 0 is the initial program; step i applies ops[i - 1] to the last accepted state.
  for (let i = 0; i <= h.ops.length; i++) {
    const op = i === 0 ? undefined : h.ops[i - 1];
    const s = op ? apply(accepted, op) : accepted;
    const expectedProblems = problems(s);
    stats.steps++;
    let built: Built | undefined;
    let json: TfJson | undefined;
    let error: unknown;
    try {
      const app = Testing.app({ outdir: opts.outdir, stackTraces: false });
      built = build(s, app);
      if (opts.synth) {
        const text = Testing.synth(built.stack);
        assertConformsToSchemas(text);
        json = JSON.parse(text);
      }
    } catch (e) {
      error = e;
    }
    if (error !== undefined) {
      if (!(error instanceof ReleaseValidationError)) {
        throw new InvariantViolation(
          `step ${i}: not a validation error: ${(error as Error)?.stack ?? String(error)}\n  state: ${stateKey(s)}`,
        );
      }
      if (!/^history\/[A-Za-z0-9-]+[: ]/.test(error.message))
        fail(i, s, `message does not start with a construct path: ${error.message}`);
      if (/^(history\/[A-Za-z0-9-]+): \1 /.test(error.message))
        fail(i, s, `message names its construct path twice: ${error.message}`);
      if (expectedProblems.length === 0) fail(i, s, `refused a valid state: ${error.message}`);
      if (i === 0) fail(i, s, `the initial state was refused: ${error.message}`);
      stats.refused++;
      records.push({ op: op!, accepted: false, error: error.message });
      continue;
    }
    if (expectedProblems.length > 0) fail(i, s, `accepted an invalid state (${expectedProblems.join("; ")})`);
    stats.accepted++;
    checkRouting(i, s, built!, opts, stats);
    if (opts.synth) {
      stats.synthesized++;
      checkJson(i, s, json, prev, stats);
      prev = { s, json };
    }
    accepted = s;
    if (op) records.push({ op, accepted: true });
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

/** erfc(x) for x ≥ 0 (Numerical Recipes erfcc; relative error below 1.2e-7). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  return (
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  );
}

/**
 * z of a two-sided interval that holds for all `checks` at once with probability 1 - alpha
 * (Bonferroni): P(|Z| > z) = alpha / checks.
 */
export function zForFamily(checks: number, alpha = 0.01): number {
  const target = alpha / Math.max(1, checks);
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (erfc(mid / Math.SQRT2) > target) lo = mid;
    else hi = mid;
  }
  return hi;
}
