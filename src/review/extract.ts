/**
 * Terraform JSON → routing models. Reads the resource types the library synthesizes, whether this
 * library wrote them or not:
 *
 * - Tencent: tencentcloud_scf_function, _function_version, _function_alias; API Gateway
 *   tencentcloud_api_gateway_service, _api (service_config_scf_function_qualifier) and
 *   _service_release (environment test/prepub/release → stage dev/prepub/release).
 * - Alibaba FC 3.0: alicloud_fcv3_function, _function_version, _alias; FC 2.0: alicloud_fc_service,
 *   _function, _alias (versions are ids the service already published).
 * - Alibaba API Gateway: alicloud_api_gateway_group, _api, _backend, _backend_model (stage RELEASE/PRE/TEST
 *   → release/prepub/dev, JSON backend_model_data FunctionComputeConfig.Qualifier), and routing
 *   plugins attached per stage.
 *
 * References to version resources become version labels: `release <label>` from the version's
 * description (the library's form), else the resource name. Literal ids stay literal.
 */
import {
  checkServiceReleaseLifecycle,
  FC_LATEST,
  FcAlias,
  FunctionModel,
  GatewayCloud,
  GatewayCondition,
  GatewayOperator,
  GatewayRoute,
  Platform,
  SCF_LATEST,
  ScfAlias,
  ScfMatch,
  ScfWeight,
  StageName,
} from "../routing";
import { knownQualifiers } from "../routing/rules";
import {
  JsonFinding,
  ReviewBackendModel,
  ReviewFunction,
  ReviewRelease,
  ReviewStage,
  ReviewVersion,
  Snapshot,
} from "./model";
import {
  block,
  blockList,
  expressionText,
  isExpression,
  isRecord,
  parseReference,
  ResourceIndex,
  TfDoc,
  TfResource,
} from "./terraform";

export const T = {
  scfFunction: "tencentcloud_scf_function",
  scfVersion: "tencentcloud_scf_function_version",
  scfAlias: "tencentcloud_scf_function_alias",
  tcService: "tencentcloud_api_gateway_service",
  tcApi: "tencentcloud_api_gateway_api",
  tcRelease: "tencentcloud_api_gateway_service_release",
  fc3Function: "alicloud_fcv3_function",
  fc3Version: "alicloud_fcv3_function_version",
  fc3Alias: "alicloud_fcv3_alias",
  fc3Trigger: "alicloud_fcv3_trigger",
  fc2Service: "alicloud_fc_service",
  fc2Function: "alicloud_fc_function",
  fc2Alias: "alicloud_fc_alias",
  agGroup: "alicloud_api_gateway_group",
  agApi: "alicloud_api_gateway_api",
  agBackend: "alicloud_api_gateway_backend",
  agBackendModel: "alicloud_api_gateway_backend_model",
  agPlugin: "alicloud_api_gateway_plugin",
  agPluginAttachment: "alicloud_api_gateway_plugin_attachment",
} as const;

/** Version resource types; every input of both is ForceNew. */
export const VERSION_TYPES: ReadonlySet<string> = new Set([T.scfVersion, T.fc3Version]);

/** Every input of a Tencent service release is ForceNew. */
export const RELEASE_INPUTS = ["service_id", "environment_name", "release_desc", "release_version"];

/**
 * The ForceNew inputs of an Alibaba backend model (resource_alicloud_api_gateway_backend_model.go:30-45),
 * and the backend's own ForceNew `backend_type` (resource_alicloud_api_gateway_backend.go:29-33), which
 * replaces the backend and so gives every model a new `backend_id`.
 */
export const BACKEND_MODEL_INPUTS = ["backend_id", "backend_type", "stage_name", "backend.backend_type"];

const TENCENT_STAGES: Readonly<Record<string, StageName>> = {
  test: "dev",
  prepub: "prepub",
  release: "release",
};
const ALIBABA_STAGES: Readonly<Record<string, StageName>> = {
  TEST: "dev",
  PRE: "prepub",
  RELEASE: "release",
};

/** Where a version value points, once read. */
interface VersionRef {
  readonly label: string;
  /** version: a version resource; missing: a reference to a version resource not in the config. */
  readonly kind: "version" | "missing" | "unknown" | "literal" | "latest";
}

interface VersionRec {
  readonly address: string;
  readonly name: string;
  readonly description?: string;
  readonly cloudId?: string;
  readonly inputs: Record<string, unknown>;
  label: string;
}

interface RawAlias {
  readonly name: string;
  readonly address: string;
  readonly description?: string;
  readonly primary: unknown;
  /** Version value → weight (NaN when only known at apply). */
  readonly weights: [unknown, number][];
  readonly matches: { version: unknown; key: string; method: string; expression: string }[];
}

interface FnRec {
  readonly platform: Platform;
  readonly name: string;
  readonly namespace?: string;
  readonly address?: string;
  readonly external: boolean;
  readonly versions: VersionRec[];
  readonly aliases: RawAlias[];
}

function str(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function weightOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && !isExpression(value)) return Number(value);
  return NaN;
}

const RELEASE_LABEL = /^release (\S+)(?: code \S+)?$/;

/** Functions of one doc, found by resource address or by name. */
class FunctionTable {
  readonly list: FnRec[] = [];
  private readonly byAddress = new Map<string, FnRec>();

  constructor(private readonly idx: ResourceIndex) {}

  add(rec: FnRec): FnRec {
    this.list.push(rec);
    if (rec.address) this.byAddress.set(rec.address, rec);
    return rec;
  }

  /** The function a `function_name` (FC 2.0: `service_name`) value names; external if not defined here. */
  forValue(platform: Platform, value: unknown, namespaceValue?: unknown): FnRec | undefined {
    const ref = parseReference(value);
    if (ref) {
      const direct = this.byAddress.get(ref.address);
      if (direct) return direct;
      // An FC 2.0 function's service: alias service_name may reference the function's `service`.
      const target = this.idx.get(ref.address);
      if (platform === "fc2" && target?.type === T.fc2Function) {
        return this.forValue(platform, target.body.service);
      }
    }
    const resolved = this.idx.resolveString(value);
    if (resolved === undefined || resolved === "") return undefined;
    const name = isExpression(resolved) ? expressionText(resolved) : resolved;
    const namespace = platform === "scf" ? (this.idx.resolveString(namespaceValue) ?? "default") : undefined;
    const found = this.list.find(
      (f) => f.platform === platform && f.name === name && (platform !== "scf" || f.namespace === namespace),
    );
    return found ?? this.add({ platform, name, namespace, external: true, versions: [], aliases: [] });
  }
}

/** Version label lookups over every function of a doc (a reference may cross functions). */
class VersionTable {
  private readonly byAddress = new Map<string, VersionRec>();

  constructor(functions: readonly FnRec[]) {
    for (const f of functions) for (const v of f.versions) this.byAddress.set(v.address, v);
  }

  read(fn: FnRec, value: unknown): VersionRef {
    if (value === undefined || value === null || value === "") return { label: "?", kind: "unknown" };
    const ref = parseReference(value);
    if (ref && VERSION_TYPES.has(ref.type)) {
      const v =
        this.byAddress.get(ref.address) ??
        [...this.byAddress.values()].find((x) => x.address.startsWith(`${ref.address}[`));
      return v ? { label: v.label, kind: "version" } : { label: ref.name, kind: "missing" };
    }
    if (isExpression(value)) return { label: expressionText(value), kind: "unknown" };
    const s = str(value) ?? "";
    if (s === SCF_LATEST || s === FC_LATEST) return { label: s, kind: "latest" };
    const byId = fn.versions.find((v) => v.cloudId === s);
    if (byId) return { label: byId.label, kind: "version" };
    const byLabel = fn.versions.find((v) => v.label === s);
    if (byLabel) return { label: s, kind: "version" };
    return { label: s, kind: "literal" };
  }
}

function versionRecord(
  r: TfResource,
  idx: ResourceIndex,
  keys: readonly string[],
  idKey: string,
): VersionRec {
  const description = str(r.body.description);
  const inputs: Record<string, unknown> = {};
  for (const k of keys) if (r.body[k] !== undefined) inputs[k] = idx.resolve(r.body[k]);
  const id = str(r.body[idKey]);
  return {
    address: r.address,
    name: r.name,
    description,
    cloudId: id !== undefined && !isExpression(id) ? id : undefined,
    inputs,
    label: "",
  };
}

/** Labels: `release <label>` from the description, else the resource name; duplicates fall back to names. */
function assignLabels(fn: FnRec): void {
  const wanted = fn.versions.map((v) => RELEASE_LABEL.exec(v.description ?? "")?.[1] ?? v.name);
  const counts = new Map<string, number>();
  wanted.forEach((l) => counts.set(l, (counts.get(l) ?? 0) + 1));
  fn.versions.forEach((v, i) => (v.label = counts.get(wanted[i])! > 1 ? v.name : wanted[i]));
}

function collectFunctions(idx: ResourceIndex): FunctionTable {
  const table = new FunctionTable(idx);
  for (const r of idx.ofType(T.scfFunction)) {
    table.add({
      platform: "scf",
      name: idx.resolveString(r.body.name) ?? r.name,
      namespace: idx.resolveString(r.body.namespace) ?? "default",
      address: r.address,
      external: false,
      versions: [],
      aliases: [],
    });
  }
  for (const r of idx.ofType(T.fc3Function)) {
    table.add({
      platform: "fc3",
      name: idx.resolveString(r.body.function_name) ?? r.name,
      address: r.address,
      external: false,
      versions: [],
      aliases: [],
    });
  }
  for (const r of idx.ofType(T.fc2Service)) {
    table.add({
      platform: "fc2",
      name: idx.resolveString(r.body.name) ?? idx.resolveString(r.body.name_prefix) ?? r.name,
      address: r.address,
      external: false,
      versions: [],
      aliases: [],
    });
  }
  for (const r of idx.ofType(T.scfVersion)) {
    const fn = table.forValue("scf", r.body.function_name, r.body.namespace);
    const rec = versionRecord(r, idx, ["function_name", "namespace", "description"], "function_version");
    // resource_tc_scf_function_version.go:150-152: Read stores "default" when the config has no namespace, so
    // an explicit "default" is the same input, not a replacement.
    fn?.versions.push({ ...rec, inputs: { ...rec.inputs, namespace: rec.inputs.namespace ?? "default" } });
  }
  for (const r of idx.ofType(T.fc3Version)) {
    const fn = table.forValue("fc3", r.body.function_name);
    fn?.versions.push(versionRecord(r, idx, ["function_name", "description"], "version_id"));
  }
  for (const fn of table.list) assignLabels(fn);

  for (const r of idx.ofType(T.scfAlias)) {
    const fn = table.forValue("scf", r.body.function_name, r.body.namespace);
    const routing = block(r.body.routing_config);
    fn?.aliases.push({
      name: aliasName(r.body.name, r.name),
      address: r.address,
      description: str(r.body.description),
      primary: r.body.function_version,
      weights: blockList(routing?.additional_version_weights).map((w) => [w.version, weightOf(w.weight)]),
      matches: blockList(routing?.additional_version_matches).map((m) => ({
        version: m.version,
        key: str(m.key) ?? "",
        method: str(m.method) ?? "",
        expression: str(m.expression) ?? "",
      })),
    });
  }
  for (const r of idx.ofType(T.fc3Alias)) {
    const fn = table.forValue("fc3", r.body.function_name);
    fn?.aliases.push({
      name: aliasName(r.body.alias_name, r.name),
      address: r.address,
      description: str(r.body.description),
      primary: r.body.version_id,
      weights: mapWeights(r.body.additional_version_weight),
      matches: [],
    });
  }
  for (const r of idx.ofType(T.fc2Alias)) {
    const fn = table.forValue("fc2", r.body.service_name);
    fn?.aliases.push({
      name: aliasName(r.body.alias_name, r.name),
      address: r.address,
      description: str(r.body.description),
      primary: r.body.service_version,
      weights: mapWeights(block(r.body.routing_config)?.additional_version_weights),
      matches: [],
    });
  }
  return table;
}

function aliasName(value: unknown, fallback: string): string {
  const s = str(value);
  if (s === undefined || s === "") return fallback;
  return isExpression(s) ? expressionText(s) : s;
}

/** An FC weight map; a whole map only known at apply (plans) reads as its reference with weight NaN. */
function mapWeights(value: unknown): [unknown, number][] {
  if (isRecord(value)) return Object.entries(value).map(([k, w]) => [k, weightOf(w)]);
  if (typeof value === "string" && isExpression(value)) return [[value, NaN]];
  return [];
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
  const versionsKnown = fn.platform !== "fc2" && !fn.external && fn.versions.length > 0;
  const aliasAddresses: Record<string, string> = {};
  let aliases: (ScfAlias | FcAlias)[];
  if (fn.platform === "scf") {
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
  const model: FunctionModel =
    fn.platform === "scf"
      ? { ...base, platform: "scf", namespace: fn.namespace, aliases: aliases as ScfAlias[] }
      : fn.platform === "fc3"
        ? { ...base, platform: "fc3", aliases: aliases as FcAlias[] }
        : { ...base, platform: "fc2", serviceName: fn.name, aliases: aliases as FcAlias[] };
  const reviewVersions: ReviewVersion[] = fn.versions.map((v) => ({
    label: v.label,
    address: v.address,
    ...(v.description !== undefined ? { description: v.description } : {}),
    ...(v.cloudId !== undefined ? { cloudId: v.cloudId } : {}),
    inputs: v.inputs,
  }));
  return {
    id: functionId(fn),
    key: functionId(fn),
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

function functionId(fn: FnRec): string {
  return fn.platform === "scf" ? `scf:${fn.namespace ?? "default"}/${fn.name}` : `${fn.platform}:${fn.name}`;
}

interface StageDraft {
  readonly cloud: GatewayCloud;
  readonly gateway: string;
  readonly api?: string;
  readonly stage: StageName;
  readonly cloudStage: string;
  readonly fn?: FnRec;
  readonly qualifier?: unknown;
  readonly routes: { name: string; conditions: GatewayCondition[]; qualifier: unknown }[];
  readonly unparsedRoutes: string[];
  readonly address: string;
  readonly releaseAddress?: string;
  readonly problem?: string;
}

/**
 * The resource a reference or id names: the referenced address, or (plans, where ids are known) the
 * address of the resource of `type` whose `id` (or `idAttribute`) is that literal; else the literal.
 */
function keyOf(idx: ResourceIndex, value: unknown, type: string, idAttribute = "id"): string | undefined {
  const ref = parseReference(value);
  if (ref) return ref.address;
  const literal = idx.resolveString(value);
  if (literal === undefined || literal === "") return literal;
  return idx.withId(type, literal, idAttribute)?.address ?? literal;
}

function tencentStages(
  idx: ResourceIndex,
  fns: FunctionTable,
  notes: string[],
  stack: string,
): { stages: StageDraft[]; releases: ReviewRelease[] } {
  const services = new Map<string, string>();
  for (const s of idx.ofType(T.tcService))
    services.set(s.address, idx.resolveString(s.body.service_name) ?? s.name);
  // SCF APIs and releases by service.
  const scfApisOf = new Map<string, TfResource[]>();
  for (const a of idx.ofType(T.tcApi)) {
    if (a.body.service_config_type !== "SCF" && a.body.service_config_scf_function_name === undefined)
      continue;
    const service = keyOf(idx, a.body.service_id, T.tcService) ?? "";
    scfApisOf.set(service, [...(scfApisOf.get(service) ?? []), a]);
  }
  const releases = idx
    .ofType(T.tcRelease)
    .map((r) => ({ r, service: keyOf(idx, r.body.service_id, T.tcService) ?? "" }));
  const releasesOf = new Map<string, number>();
  for (const { service } of releases) releasesOf.set(service, (releasesOf.get(service) ?? 0) + 1);
  const stages: StageDraft[] = [];
  const out: ReviewRelease[] = [];
  for (const { r: rel, service } of releases) {
    const env = idx.resolveString(rel.body.environment_name) ?? "";
    let gateway = services.get(service) ?? (isExpression(service) ? expressionText(service) : service);
    const stage = TENCENT_STAGES[env];
    if (releasesOf.get(service) === 1 && stage) {
      gateway = gateway.replace(new RegExp(`[-_](${stage}|${env})$`), "");
    }
    const inputs: Record<string, unknown> = {};
    for (const k of RELEASE_INPUTS) if (rel.body[k] !== undefined) inputs[k] = idx.resolve(rel.body[k]);
    out.push({ address: rel.address, stack, environment: env, gateway, inputs });
    if (!stage) {
      notes.push(
        `${rel.address}: environment ${JSON.stringify(env)} is not test, prepub or release; skipped`,
      );
      continue;
    }
    const scfApis = scfApisOf.get(service) ?? [];
    if (scfApis.length === 0) {
      stages.push({
        cloud: "tencent",
        gateway,
        stage,
        cloudStage: env,
        routes: [],
        unparsedRoutes: [],
        address: rel.address,
        releaseAddress: rel.address,
        problem: `the service has no SCF API to publish`,
      });
      continue;
    }
    for (const r of scfApis) {
      const fn = fns.forValue(
        "scf",
        r.body.service_config_scf_function_name,
        r.body.service_config_scf_function_namespace,
      );
      const q = r.body.service_config_scf_function_qualifier;
      const hasQualifier = q !== undefined && q !== null && q !== "";
      stages.push({
        cloud: "tencent",
        gateway,
        api: scfApis.length > 1 ? (idx.resolveString(r.body.api_name) ?? r.name) : undefined,
        stage,
        cloudStage: env,
        fn,
        qualifier: hasQualifier ? q : undefined,
        routes: [],
        unparsedRoutes: [],
        address: r.address,
        releaseAddress: rel.address,
        problem: !fn
          ? `${r.address} has no service_config_scf_function_name`
          : !hasQualifier
            ? `${r.address} has no service_config_scf_function_qualifier`
            : undefined,
      });
    }
  }
  return { stages, releases: out };
}

const CONDITION_PARAM = /^\$([A-Za-z0-9_-]+)\s*(!=|>=|<=|=|>|<)\s*'([^']*)'$/;
const CONDITION_RANDOM = /^Random\(\)\s*<\s*([0-9]*\.?[0-9]+)$/;

/** An Alibaba routing-plugin condition (`$User = 'Bob' and Random() < 0.1`), or undefined if unreadable. */
export function parsePluginCondition(
  condition: string,
  parameterSource: (name: string) => "header" | "query" | undefined,
): GatewayCondition[] | undefined {
  const out: GatewayCondition[] = [];
  for (const part of condition.split(/\s+and\s+/i)) {
    const p = part.trim();
    const random = CONDITION_RANDOM.exec(p);
    if (random) {
      out.push({ random: Number(random[1]) });
      continue;
    }
    const m = CONDITION_PARAM.exec(p);
    const source = m ? parameterSource(m[1]) : undefined;
    if (!m || !source) return undefined;
    out.push({ source, name: m[1], operator: m[2] as GatewayOperator, value: m[3] });
  }
  return out.length > 0 ? out : undefined;
}

function parseJsonString(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function alibabaStages(idx: ResourceIndex, fns: FunctionTable, notes: string[]): StageDraft[] {
  const groups = new Map<string, string>();
  for (const g of idx.ofType(T.agGroup)) groups.set(g.address, idx.resolveString(g.body.name) ?? g.name);
  const backends = new Map<string, TfResource>();
  for (const b of idx.ofType(T.agBackend)) backends.set(b.address, b);
  // Backend models by backend and stage; plugin attachments by API and stage.
  const modelOf = new Map<string, TfResource>();
  for (const m of idx.ofType(T.agBackendModel)) {
    const key = `${keyOf(idx, m.body.backend_id, T.agBackend)}\u0000${idx.resolveString(m.body.stage_name)}`;
    if (!modelOf.has(key)) modelOf.set(key, m);
  }
  const plugins = new Map<string, TfResource>();
  for (const p of idx.ofType(T.agPlugin)) plugins.set(p.address, p);
  const attachmentsOf = new Map<string, TfResource[]>();
  for (const att of idx.ofType(T.agPluginAttachment)) {
    const key = `${keyOf(idx, att.body.api_id, T.agApi, "api_id")}\u0000${idx.resolveString(att.body.stage_name)}`;
    attachmentsOf.set(key, [...(attachmentsOf.get(key) ?? []), att]);
  }
  const apis = idx
    .ofType(T.agApi)
    .filter((a) => a.body.service_type === "FunctionCompute" || a.body.backend_enabled === true);
  const stages: StageDraft[] = [];

  const apisPerGroup = new Map<string, number>();
  for (const a of apis) {
    const g = keyOf(idx, a.body.group_id, T.agGroup) ?? "";
    apisPerGroup.set(g, (apisPerGroup.get(g) ?? 0) + 1);
  }

  for (const api of apis) {
    const groupKey = keyOf(idx, api.body.group_id, T.agGroup) ?? "";
    const gateway = groups.get(groupKey) ?? (isExpression(groupKey) ? expressionText(groupKey) : groupKey);
    const apiLabel =
      (apisPerGroup.get(groupKey) ?? 0) > 1 ? (idx.resolveString(api.body.name) ?? api.name) : undefined;
    const stageNames = Array.isArray(api.body.stage_names)
      ? api.body.stage_names.map((s) => idx.resolveString(s) ?? "")
      : [];
    if (stageNames.length === 0) notes.push(`${api.address}: deployed to no stage (no stage_names)`);
    const parameters = new Map<string, "header" | "query">();
    for (const p of blockList(api.body.request_parameters)) {
      const name = str(p.name);
      if (name && (p.in === "HEAD" || p.in === "QUERY"))
        parameters.set(name, p.in === "HEAD" ? "header" : "query");
    }
    const backendKey =
      api.body.backend_enabled === true ? keyOf(idx, api.body.backend_id, T.agBackend) : undefined;
    const backend = backendKey ? backends.get(backendKey) : undefined;
    const inline = block(api.body.fc_service_config);

    for (const cloudStage of stageNames) {
      const stage = ALIBABA_STAGES[cloudStage];
      if (!stage) {
        notes.push(`${api.address}: custom stage ${JSON.stringify(cloudStage)} is not reviewed`);
        continue;
      }
      // A stage whose backend cannot be read: listed, with the problem, and bound to nothing.
      const unreadable = (problem: string) => ({
        cloud: "alibaba" as const,
        gateway,
        api: apiLabel,
        stage,
        cloudStage,
        routes: [],
        unparsedRoutes: [],
        address: api.address,
        problem,
      });
      let config: {
        version?: string;
        backendType?: string;
        fnName?: unknown;
        service?: unknown;
        q?: unknown;
        url?: unknown;
      };
      let address = api.address;
      let problem: string | undefined;
      if (backendKey !== undefined) {
        const model = modelOf.get(`${backendKey}\u0000${cloudStage}`);
        const backendLabel = backend
          ? (idx.resolveString(backend.body.backend_name) ?? backend.name)
          : backendKey;
        if (!model) {
          stages.push(
            unreadable(`no backend model for stage ${cloudStage} of backend ${expressionText(backendLabel)}`),
          );
          continue;
        }
        address = model.address;
        const data = parseJsonString(model.body.backend_model_data);
        const fc = data && isRecord(data.FunctionComputeConfig) ? data.FunctionComputeConfig : undefined;
        if (!fc) problem = `${model.address}: backend_model_data has no FunctionComputeConfig`;
        config = {
          version: str(fc?.FcVersion),
          backendType: str(model.body.backend_type) ?? str(backend?.body.backend_type),
          fnName: fc?.FunctionName,
          service: fc?.ServiceName,
          q: fc?.Qualifier,
          url: fc?.FcBaseUrl,
        };
      } else if (inline) {
        config = {
          version: str(inline.function_version),
          fnName: inline.function_name,
          service: inline.service_name,
          q: inline.qualifier,
          url: inline.function_base_url,
        };
      } else {
        stages.push(unreadable(`${api.address} has neither a backend nor an fc_service_config`));
        continue;
      }
      const platform: Platform =
        config.version === "3.0" || /_V3$/.test(config.backendType ?? "") ? "fc3" : "fc2";
      // HTTP-trigger backends name the trigger URL, not the function: follow it to the trigger.
      let fnName = config.fnName;
      let qualifier = config.q;
      const trigger = parseReference(config.url);
      const triggerRes = trigger ? idx.get(trigger.address) : undefined;
      if (fnName === undefined && triggerRes) {
        fnName = triggerRes.body.function_name;
        qualifier ??= triggerRes.body.qualifier;
      }
      const fn =
        platform === "fc3" ? fns.forValue("fc3", fnName) : fns.forValue("fc2", config.service ?? fnName);
      const hasQualifier = qualifier !== undefined && qualifier !== null && qualifier !== "";
      problem ??= !fn
        ? `${address} names no function`
        : !hasQualifier
          ? `${address} has no Qualifier`
          : undefined;

      const routes: StageDraft["routes"] = [];
      const unparsedRoutes: string[] = [];
      for (const att of attachmentsOf.get(`${api.address}\u0000${cloudStage}`) ?? []) {
        const plugin = plugins.get(keyOf(idx, att.body.plugin_id, T.agPlugin) ?? "");
        if (!plugin || plugin.body.plugin_type !== "routing") continue;
        const data = parseJsonString(plugin.body.plugin_data);
        if (!data || !Array.isArray(data.routes)) {
          unparsedRoutes.push(`${plugin.address}: plugin_data is not JSON with "routes" (YAML is not read)`);
          continue;
        }
        data.routes.forEach((route: unknown, i) => {
          const r = isRecord(route) ? route : {};
          const name = str(r.name) ?? `route${i}`;
          const backendConfig = isRecord(r.backend) ? r.backend : {};
          const fcc = isRecord(backendConfig.functionComputeConfig)
            ? backendConfig.functionComputeConfig
            : isRecord(backendConfig.FunctionComputeConfig)
              ? backendConfig.FunctionComputeConfig
              : undefined;
          const conditions = parsePluginCondition(str(r.condition) ?? "", (n) => parameters.get(n));
          if (!conditions || !fcc || fcc.Qualifier === undefined) {
            unparsedRoutes.push(`${name}: ${str(r.condition) ?? "(no condition)"}`);
            return;
          }
          routes.push({ name, conditions, qualifier: fcc.Qualifier });
        });
      }
      stages.push({
        cloud: "alibaba",
        gateway,
        api: apiLabel,
        stage,
        cloudStage,
        fn,
        qualifier: hasQualifier ? qualifier : undefined,
        routes,
        unparsedRoutes,
        address,
        problem,
      });
    }
  }
  return stages;
}

/** Alibaba backend models with their ForceNew inputs, named by the group of the API using the backend. */
function alibabaBackendModels(idx: ResourceIndex, stack: string): ReviewBackendModel[] {
  const groupOfBackend = new Map<string, string>();
  for (const api of idx.ofType(T.agApi)) {
    const backend = keyOf(idx, api.body.backend_id, T.agBackend);
    const groupKey = keyOf(idx, api.body.group_id, T.agGroup);
    const group = groupKey ? idx.get(groupKey) : undefined;
    const name = group ? idx.resolveString(group.body.name) : undefined;
    if (backend && name && !groupOfBackend.has(backend)) groupOfBackend.set(backend, name);
  }
  return idx.ofType(T.agBackendModel).map((m) => {
    const backendKey = keyOf(idx, m.body.backend_id, T.agBackend) ?? "";
    const backend = idx.get(backendKey);
    const backendName =
      (backend ? idx.resolveString(backend.body.backend_name) : undefined) ??
      (isExpression(backendKey) ? expressionText(backendKey) : backendKey);
    const inputs: Record<string, unknown> = {};
    for (const k of ["backend_id", "backend_type", "stage_name"])
      if (m.body[k] !== undefined) inputs[k] = idx.resolve(m.body[k]);
    if (backend?.body.backend_type !== undefined)
      inputs["backend.backend_type"] = idx.resolve(backend.body.backend_type);
    return {
      address: m.address,
      stack,
      gateway: groupOfBackend.get(backendKey) ?? backendName,
      backend: backendName,
      stageName: idx.resolveString(m.body.stage_name) ?? "?",
      inputs,
    };
  });
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
  const fns = collectFunctions(idx);
  const tencent = tencentStages(idx, fns, notes, doc.stack);
  const alibaba = alibabaStages(idx, fns, notes);
  // Stages may have added external functions; versions are final now.
  const versions = new VersionTable(fns.list);
  const built = new Map<FnRec, ReviewFunction>();
  for (const fn of fns.list) built.set(fn, buildFunction(fn, versions, doc.stack));
  const stages = [...tencent.stages, ...alibaba].map((d) => buildStage(d, versions, built, doc.stack));
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
    releases: tencent.releases,
    backendModels: alibabaBackendModels(idx, doc.stack),
    findings,
    notes,
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
  };
}
