/**
 * Terraform JSON → routing models: the cloud-neutral walk. Each cloud module's read-back
 * (`src/clouds/<provider>/readback.ts`) reads its own resource types — functions, versions,
 * aliases, gateway stages, releases, backend models — and this file ties them together: version
 * references become labels, aliases become routing models, stages are bound and checked.
 *
 * References to version resources become version labels: `release <label>` from the version's
 * description (the library's form), else the resource name. Literal ids stay literal.
 */
import {
  FunctionLookup,
  FunctionReadback,
  FunctionRecord,
  ReadContext,
  StageRecord,
  str,
} from "../clouds/readback";
import {
  BACKEND_MODEL_INPUTS,
  BUILT_IN_RESOURCE_TYPES,
  functionReadbacks,
  gatewayReadbacks,
  profileOf,
  readbackOf,
  RELEASE_INPUTS,
  samePlatform,
} from "../clouds/registry";
import {
  checkServiceReleaseLifecycle,
  FcAlias,
  FunctionModel,
  GatewayRoute,
  Platform,
  ScfAlias,
  ScfMatch,
  ScfWeight,
} from "../routing";
import { knownQualifiers } from "../routing/rules";
import { JsonFinding, NotEvaluated, ReviewFunction, ReviewStage, ReviewVersion, Snapshot } from "./model";
import { readSimulatorRecords } from "./assumptions";
import { expressionText, isExpression, parseReference, ResourceIndex, TfDoc } from "./terraform";

export { parsePluginCondition } from "../clouds/registry";
export { BACKEND_MODEL_INPUTS, RELEASE_INPUTS };

/** The resource types of the built-in clouds (from their read-backs). */
export const T = BUILT_IN_RESOURCE_TYPES;

/** Version resource types of the built-in clouds; every input of each is ForceNew. */
export const VERSION_TYPES: ReadonlySet<string> = new Set(functionReadbacks().flatMap((r) => r.versionTypes));

/** A version resource type of any registered cloud (every input ForceNew). */
export function isVersionType(type: string): boolean {
  return functionReadbacks().some((r) => r.versionTypes.includes(type));
}

/** A release resource type (its replacement takes a stage offline) of any registered gateway cloud. */
export function isReleaseType(type: string): boolean {
  return gatewayReadbacks().some((g) => g.releaseType === type);
}

/** A backend model resource type of any registered gateway cloud. */
export function isBackendModelType(type: string): boolean {
  return gatewayReadbacks().some((g) => g.backendModelType === type);
}

/** The ForceNew inputs of releases, of every registered gateway cloud. */
export function releaseInputs(): readonly string[] {
  return [...new Set(gatewayReadbacks().flatMap((g) => g.releaseInputs ?? []))];
}

/** The ForceNew inputs of backend models, of every registered gateway cloud. */
export function backendModelInputs(): readonly string[] {
  return [...new Set(gatewayReadbacks().flatMap((g) => g.backendModelInputs ?? []))];
}

/** Where a version value points, once read. */
interface VersionRef {
  readonly label: string;
  /** version: a version resource; missing: a reference to a version resource not in the config. */
  readonly kind: "version" | "missing" | "unknown" | "literal" | "latest";
}

type FnRec = FunctionRecord;
type VersionRec = FunctionRecord["versions"][number];
type StageDraft = StageRecord;

const RELEASE_LABEL = /^release (\S+)(?: code \S+)?$/;

/** Every registered cloud's latest qualifier (`$LATEST`, `LATEST`). */
const latestQualifiers = (): readonly string[] =>
  functionReadbacks().map((r) => profileOf(r.platform).latestQualifier);

function readbackFor(platform: Platform): FunctionReadback {
  const r = readbackOf(platform);
  if (!r) throw new Error(`no read-back registered for platform ${JSON.stringify(platform)}`);
  return r;
}

/** Functions of one doc, found by resource address or by name. */
class FunctionTable implements FunctionLookup {
  readonly list: FnRec[] = [];
  private readonly byAddress = new Map<string, FnRec>();
  /** The first function of each platform, name (and namespace where the cloud has them). */
  private readonly byName = new Map<string, FnRec>();

  constructor(private readonly idx: ResourceIndex) {}

  add(rec: FnRec): FnRec {
    this.list.push(rec);
    if (rec.address) this.byAddress.set(rec.address, rec);
    const key = this.nameKey(rec.platform, rec.name, rec.namespace);
    if (!this.byName.has(key)) this.byName.set(key, rec);
    return rec;
  }

  private nameKey(platform: Platform, name: string, namespace: string | undefined): string {
    return readbackFor(platform).namespaced
      ? `${platform}\u0000${name}\u0000${namespace}`
      : `${platform}\u0000${name}`;
  }

  /** The function a `function_name` (FC 2.0: `service_name`) value names; external if not defined here. */
  forValue(platform: Platform, value: unknown, namespaceValue?: unknown): FnRec | undefined {
    const readback = readbackFor(platform);
    const ref = parseReference(value);
    if (ref) {
      const direct = this.byAddress.get(ref.address);
      if (direct) return direct;
      // A resource that stands for its owner (FC 2.0: a function's service).
      const target = this.idx.get(ref.address);
      const owner = target ? readback.ownerValue?.(target) : undefined;
      if (owner) return this.forValue(platform, owner.value);
    }
    const resolved = this.idx.resolveString(value);
    if (resolved === undefined || resolved === "") return undefined;
    const name = isExpression(resolved) ? expressionText(resolved) : resolved;
    const namespace = readback.namespaced ? (this.idx.resolveString(namespaceValue) ?? "default") : undefined;
    return (
      this.byName.get(this.nameKey(platform, name, namespace)) ??
      this.add({ platform, name, namespace, external: true, versions: [], aliases: [] })
    );
  }
}

/** Version label lookups over every function of a doc (a reference may cross functions). */
class VersionTable {
  private readonly byAddress = new Map<string, VersionRec>();

  constructor(
    functions: readonly FnRec[],
    private readonly idx?: ResourceIndex,
  ) {
    for (const f of functions) for (const v of f.versions) this.byAddress.set(v.address, v);
  }

  read(fn: FnRec, raw: unknown): VersionRef {
    if (raw === undefined || raw === null || raw === "") return { label: "?", kind: "unknown" };
    // A version counted or for_each'd in raw JSON: only Terraform knows its instances.
    if (this.idx?.unevaluated(raw)) return { label: expressionText(String(raw)), kind: "unknown" };
    const first = parseReference(raw);
    // Variable defaults, and references to other resources' literal attributes (a stage qualifier that
    // references an alias resource's name attribute is that alias).
    const value = first && isVersionType(first.type) ? raw : (this.idx?.resolve(raw) ?? raw);
    if (value === undefined || value === null || value === "") return { label: "?", kind: "unknown" };
    const ref = parseReference(value);
    if (ref && isVersionType(ref.type)) {
      const instances = [...this.byAddress.values()].filter((x) => x.address.startsWith(`${ref.address}[`));
      // `type.name` of a counted version (`v[each.value]` in the configuration): which instance only Terraform knows.
      if (!this.byAddress.has(ref.address) && instances.length > 1)
        return { label: expressionText(String(value)), kind: "unknown" };
      const v = this.byAddress.get(ref.address) ?? instances[0];
      return v ? { label: v.label, kind: "version" } : { label: ref.name, kind: "missing" };
    }
    if (isExpression(value)) return { label: expressionText(value), kind: "unknown" };
    const s = str(value) ?? "";
    if (latestQualifiers().includes(s)) return { label: s, kind: "latest" };
    const byId = fn.versions.find((v) => v.cloudId === s);
    if (byId) return { label: byId.label, kind: "version" };
    const byLabel = fn.versions.find((v) => v.label === s);
    if (byLabel) return { label: s, kind: "version" };
    return { label: s, kind: "literal" };
  }
}

/** Labels: `release <label>` from the description, else the resource name; duplicates fall back to names. */
function assignLabels(fn: FnRec): void {
  const wanted = fn.versions.map((v) => RELEASE_LABEL.exec(v.description ?? "")?.[1] ?? v.name);
  const counts = new Map<string, number>();
  wanted.forEach((l) => counts.set(l, (counts.get(l) ?? 0) + 1));
  fn.versions.forEach((v, i) => (v.label = counts.get(wanted[i])! > 1 ? v.name : wanted[i]));
}

function collectFunctions(ctx: ReadContext, table: FunctionTable): void {
  const readbacks = functionReadbacks();
  for (const r of readbacks) r.readFunctions(ctx);
  for (const r of readbacks) r.readVersions(ctx);
  for (const fn of table.list) assignLabels(fn);
  for (const r of readbacks) r.readAliases(ctx);
}

/** The review function and its routing model (version labels as ids). */
function buildFunction(fn: FnRec, versions: VersionTable, stack: string): ReviewFunction {
  const missing = new Set<string>();
  const unknown = new Set<string>();
  const literals = new Set<string>();
  const read = (value: unknown): string => {
    const v = versions.read(fn, value);
    if (v.kind === "missing") missing.add(v.label);
    if (v.kind === "unknown") unknown.add(v.label);
    if (v.kind === "literal") literals.add(v.label);
    return v.label;
  };
  const readback = readbackFor(fn.platform);
  const versionsKnown = readback.versionResources && !fn.external && fn.versions.length > 0;
  const aliasAddresses: Record<string, string> = {};
  let aliases: (ScfAlias | FcAlias)[];
  if (profileOf(fn.platform).aliasShape === "scf") {
    aliases = fn.aliases.map((a): ScfAlias => {
      aliasAddresses[a.name] = a.address;
      const weights: ScfWeight[] = a.weights.map(([v, w]) => ({ version: read(v), weight: w }));
      const matches: ScfMatch[] = a.matches.map((m) => ({
        version: read(m.version),
        key: m.key,
        method: m.method as ScfMatch["method"],
        expression: m.expression,
      }));
      return {
        name: a.name,
        primary: read(a.primary),
        ...(a.description !== undefined ? { description: a.description } : {}),
        ...(weights.length > 0 ? { weights } : {}),
        ...(matches.length > 0 ? { matches } : {}),
      };
    });
  } else {
    aliases = fn.aliases.map((a): FcAlias => {
      aliasAddresses[a.name] = a.address;
      const weights: Record<string, number> = {};
      for (const [v, w] of a.weights) weights[read(v)] = w;
      return {
        name: a.name,
        versionId: read(a.primary),
        ...(a.description !== undefined ? { description: a.description } : {}),
        ...(a.weights.length > 0 ? { weights } : {}),
      };
    });
  }
  const labels = fn.versions.map((v) => v.label);
  // Without version resources the aliases name ids published elsewhere: take them as published.
  const extra = [...literals]
    .filter((l) => !labels.includes(l))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const published = versionsKnown ? labels : [...labels, ...extra];
  const base = {
    functionName: fn.name,
    publishedVersions: published,
    // Labels that stand for resource names, not cloud ids (V11's id format does not apply).
    versionIdsAssignedByCloud: fn.versions.length > 0,
  };
  const model: FunctionModel = readback.functionModel(base, fn, aliases);
  const reviewVersions: ReviewVersion[] = fn.versions.map((v) => ({
    label: v.label,
    address: v.address,
    ...(v.description !== undefined ? { description: v.description } : {}),
    ...(v.cloudId !== undefined ? { cloudId: v.cloudId } : {}),
    inputs: v.inputs,
  }));
  return {
    id: readback.functionId(fn),
    key: readback.functionId(fn),
    stack,
    platform: fn.platform,
    name: fn.name,
    label: fn.name,
    ...(fn.namespace !== undefined ? { namespace: fn.namespace } : {}),
    ...(fn.address !== undefined ? { address: fn.address } : {}),
    external: fn.external,
    versions: reviewVersions,
    versionsKnown,
    missingVersions: [...missing],
    unknownVersions: [...unknown],
    model,
    aliasAddresses,
  };
}

function buildStage(
  d: StageDraft,
  versions: VersionTable,
  fnIds: Map<FnRec, ReviewFunction>,
  stack: string,
): ReviewStage {
  const fn = d.fn ? fnIds.get(d.fn) : undefined;
  const label = (q: unknown): string => (d.fn ? versions.read(d.fn, q).label : expressionText(str(q) ?? ""));
  const qualifier = d.qualifier !== undefined ? label(d.qualifier) : undefined;
  let problem = d.problem;
  if (!problem && fn && qualifier !== undefined && d.fn) {
    const kind = versions.read(d.fn, d.qualifier).kind;
    const known = knownQualifiers(fn.model);
    if (kind === "missing")
      problem = `qualifier ${qualifier} references a version resource that does not exist`;
    else if (kind !== "unknown" && !known.has(qualifier)) {
      problem = `qualifier ${JSON.stringify(qualifier)} names no alias or version of ${fn.name}`;
    }
  }
  return {
    id: `${d.gateway}/${d.stage}${d.api ? `#${d.api}` : ""}`,
    key: `${d.gateway}/${d.stage}${d.api ? `#${d.api}` : ""}`,
    stack,
    cloud: d.cloud,
    gateway: d.gateway,
    gatewayLabel: d.gateway,
    ...(d.cloudName !== undefined ? { cloudName: d.cloudName } : {}),
    ...(d.api !== undefined ? { api: d.api } : {}),
    stage: d.stage,
    cloudStage: d.cloudStage,
    ...(fn ? { functionId: fn.id } : {}),
    ...(qualifier !== undefined ? { qualifier } : {}),
    routes: d.routes.map((r): GatewayRoute => ({
      name: r.name,
      conditions: r.conditions,
      qualifier: label(r.qualifier),
    })),
    unparsedRoutes: d.unparsedRoutes,
    address: d.address,
    ...(d.releaseAddress !== undefined ? { releaseAddress: d.releaseAddress } : {}),
    ...(problem !== undefined ? { problem } : {}),
  };
}

/** One doc (a stack, or one side of a plan) → its functions, stages and releases. */
export function extractDoc(doc: TfDoc): Omit<Snapshot, "source" | "kind"> {
  const idx = new ResourceIndex(doc);
  const notes: string[] = [];
  const fns = new FunctionTable(idx);
  const ctx: ReadContext = { idx, fns, notes, stack: doc.stack };
  collectFunctions(ctx, fns);
  const gateways = gatewayReadbacks().map((g) => g.read(ctx));
  // Stages may have added external functions; versions are final now.
  const versions = new VersionTable(fns.list, idx);
  const notEvaluated: NotEvaluated[] = (doc.notEvaluated ?? []).map((n) => ({ ...n, stack: doc.stack }));
  for (const fn of fns.list) {
    // An alias name only Terraform can evaluate (`each.key`, `var.x` without a default).
    const unevaluated = fn.aliases.filter((a) => isExpression(a.name));
    for (const a of unevaluated) {
      notEvaluated.push({
        address: a.address,
        stack: doc.stack,
        reason: `has the name ${expressionText(a.name)}, which only Terraform can evaluate`,
      });
      fn.aliases.splice(fn.aliases.indexOf(a), 1);
    }
  }
  const built = new Map<FnRec, ReviewFunction>();
  for (const fn of fns.list) built.set(fn, buildFunction(fn, versions, doc.stack));
  // What the app recorded for the simulator (issue #13 item 4): FC 2.0 simulate-only rules.
  const recorded = readSimulatorRecords(doc.json, doc.stack);
  for (const r of recorded) {
    if (r.kind !== "alias" || !r.rules) continue;
    const entry = [...built.entries()].find(
      ([, f]) => samePlatform(f.platform, r.platform) && f.name === r.function,
    );
    const aliases = entry ? (entry[1].model.aliases as readonly { name: string }[]) : [];
    if (!entry || !aliases.some((a) => a.name === r.alias)) continue;
    const [key, f] = entry;
    const withRules = aliases.map((a) => (a.name === r.alias ? { ...a, ...r.rules } : a));
    built.set(key, { ...f, model: { ...f.model, aliases: withRules } as unknown as FunctionModel });
    notes.push(
      `${f.name}: alias ${r.alias}: rules simulated only (${r.platform} does not deploy them), as recorded by the app in ${r.source}`,
    );
  }
  const stages = gateways
    .flatMap((g) => g.stages)
    .map((d: StageDraft) => buildStage(d, versions, built, doc.stack));
  const findings: JsonFinding[] = checkServiceReleaseLifecycle(doc.json).map((d) => ({
    rule: d.rule,
    stack: doc.stack,
    address: d.path.replace(/\.lifecycle$/, ""),
    message: d.message,
  }));
  for (const f of built.values()) {
    if (f.unknownVersions.length > 0) {
      notes.push(`${f.name}: versions known only after apply: ${f.unknownVersions.join(", ")}`);
    }
  }
  return {
    stacks: [doc.stack],
    functions: [...built.values()],
    stages,
    releases: gateways.flatMap((g) => g.releases),
    backendModels: gateways.flatMap((g) => g.backendModels),
    findings,
    notes,
    notEvaluated,
    recorded,
  };
}

/** Counts of items per key. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of items) out.set(key(i), (out.get(key(i)) ?? 0) + 1);
  return out;
}

/** Labels: the name, with ` (platform)` or `@stack` when another function of the snapshot has the same name. */
function functionLabels(all: readonly ReviewFunction[]): (fn: ReviewFunction) => string {
  const byName = countBy(all, (f) => f.name);
  const byPlatform = countBy(all, (f) => `${f.name}\u0000${f.platform}`);
  return (fn) => {
    if ((byName.get(fn.name) ?? 0) <= 1) return fn.name;
    const withPlatform = `${fn.name} (${fn.platform})`;
    return (byPlatform.get(`${fn.name}\u0000${fn.platform}`) ?? 0) <= 1
      ? withPlatform
      : `${withPlatform}@${fn.stack}`;
  };
}

/** The gateway name, with `@stack` when stages of another stack have the same gateway name. */
function gatewayLabels(all: readonly ReviewStage[]): (s: ReviewStage) => string {
  const stacks = new Map<string, Set<string>>();
  for (const s of all) stacks.set(s.gateway, (stacks.get(s.gateway) ?? new Set()).add(s.stack));
  return (s) => (stacks.get(s.gateway)!.size > 1 ? `${s.gateway}@${s.stack}` : s.gateway);
}

/** Every doc of a synthesized output (or one side of a plan) → one snapshot. */
export function extract(docs: readonly TfDoc[], source: string, kind: Snapshot["kind"]): Snapshot {
  const parts = docs.map(extractDoc);
  // Ids are unique in a snapshot: `@stack` where two stacks have the same function or gateway.
  const fnStacks = new Map<string, Set<string>>();
  for (const f of parts.flatMap((p) => p.functions))
    fnStacks.set(f.key, (fnStacks.get(f.key) ?? new Set()).add(f.stack));
  const fnId = (key: string, stack: string) => (fnStacks.get(key)!.size > 1 ? `${key}@${stack}` : key);
  const rawFunctions = parts.flatMap((p) => p.functions).map((f) => ({ ...f, id: fnId(f.key, f.stack) }));
  const labelOf = functionLabels(rawFunctions);
  const functions = rawFunctions.map((f) => ({ ...f, label: labelOf(f) }));
  const rawStages = parts.flatMap((p) => p.stages);
  const gatewayLabelOf = gatewayLabels(rawStages);
  const seen = new Map<string, number>();
  const stages = rawStages.map((s) => {
    const gatewayLabel = gatewayLabelOf(s);
    let id = `${gatewayLabel}/${s.stage}${s.api !== undefined ? `#${s.api}` : ""}`;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n > 0) id = `${id}~${n + 1}`;
    return {
      ...s,
      id,
      gatewayLabel,
      ...(s.functionId !== undefined ? { functionId: fnId(s.functionId, s.stack) } : {}),
    };
  });
  return {
    source,
    kind,
    stacks: docs.map((d) => d.stack),
    functions,
    stages,
    releases: parts.flatMap((p) => p.releases),
    backendModels: parts.flatMap((p) => p.backendModels),
    findings: parts.flatMap((p) => p.findings),
    notes: parts.flatMap((p) => p.notes),
    notEvaluated: parts.flatMap((p) => p.notEvaluated ?? []),
    recorded: parts.flatMap((p) => p.recorded ?? []),
  };
}
