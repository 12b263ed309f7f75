/**
 * The cloud-neutral half of the twin: how an SDK-based provider plans, applies and reads a
 * resource, with hooks for what each resource type's source does differently. The per-resource
 * behaviours live with their cloud (`src/clouds/<provider>/twin.ts`) and cite the provider source.
 *
 * Planning follows terraform-plugin-sdk: the proposed new state (config merged with prior state by
 * Terraform) is the plan; a Computed attribute still null becomes unknown on create; a change to a
 * ForceNew attribute is returned in `requires_replace`. The SDK answers with the legacy type system
 * flag, so Terraform tolerates a provider that returns other values than it planned (as real SDK
 * providers do); the twin sets it too.
 */
import { CloudData } from "./cloud";
import { JsonBlock, JsonSchema } from "./schema";
import { clone, deepEqual, isUnknown, TfObject, TfValue, UNKNOWN } from "./values";

/** An error the cloud API answers (the provider passes it through as an apply error). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Where the twin's rule comes from (a provider file:line or an API document). */
    readonly source?: string,
  ) {
    super(message);
  }
}

export interface PlanContext {
  readonly type: string;
  readonly schema: JsonSchema;
  readonly prior: TfObject | null;
  readonly config: TfObject;
  /** The plan being built; hooks may change it. */
  planned: TfObject;
  /** Top-level attributes that force replacement (hooks may add). */
  readonly requiresReplace: Set<string>;
  readonly warnings: string[];
}

export interface ApplyContext {
  readonly type: string;
  readonly schema: JsonSchema;
  /** This provider's part of the cloud (mutable, persisted after the call). */
  readonly cloud: CloudData;
  readonly prior: TfObject | null;
  readonly planned: TfObject | null;
  readonly config: TfObject | null;
  /** A new id from the cloud's counter for `kind` (1, 2, 3…). */
  nextId(kind: string): number;
  /** Fills the state's remaining unknowns (as the engine does with the returned state) and returns it. */
  complete(state: TfObject): TfObject;
}

export interface ReadContext {
  readonly type: string;
  readonly schema: JsonSchema;
  readonly cloud: CloudData;
  readonly state: TfObject;
}

/** What one resource type does differently from "the cloud stores what it is sent". */
export interface ResourceModel {
  /** Top-level inputs whose change replaces the resource (the provider's `ForceNew: true`). */
  readonly forceNew?: readonly string[];
  /** The provider's `Default:` values, applied when the config leaves the attribute null. */
  readonly defaults?: Record<string, TfValue>;
  /** Runs after the generic plan. */
  plan?(ctx: PlanContext): void;
  /** Create: returns the new state (every unknown filled). Throw ApiError for an API refusal. */
  create?(ctx: ApplyContext): TfObject;
  update?(ctx: ApplyContext): TfObject;
  delete?(ctx: ApplyContext): void;
  /** Read: the state as the provider's Read sets it from the cloud now; null when gone. */
  read?(ctx: ReadContext): TfObject | null;
}

export type ResourceModels = Record<string, ResourceModel>;

/** Attributes of `block` that the provider computes and the config may not set. */
export function computedOnly(block: JsonBlock): string[] {
  return Object.entries(block.attributes ?? {})
    .filter(([, a]) => a.computed && !a.optional && !a.required)
    .map(([n]) => n);
}

/** Marks every Computed attribute that is null as unknown, in nested blocks too. */
export function markComputedUnknown(value: TfObject, block: JsonBlock): void {
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    if (a.computed && (value[name] === null || value[name] === undefined)) value[name] = UNKNOWN;
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const v = value[name];
    if (Array.isArray(v)) {
      for (const el of v) if (el && typeof el === "object") markComputedUnknown(el as TfObject, nb.block);
    } else if (v && typeof v === "object" && !isUnknown(v)) markComputedUnknown(v as TfObject, nb.block);
  }
}

function isZero(v: TfValue | undefined): boolean {
  if (v === "" || v === 0 || v === false || v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && Object.keys(v as object).length === 0;
}

/** A typed placeholder for an unknown the cloud did not fill (strings get `fallback`). */
function zeroOf(type: unknown, fallback: string): TfValue {
  if (type === "string") return fallback;
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set")) return [];
  if (Array.isArray(type) && type[0] === "map") return {};
  return null;
}

/** Replaces every remaining unknown with a placeholder of its type. */
export function fillUnknowns(value: TfObject, block: JsonBlock, idHint: string): void {
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    if (isUnknown(value[name])) value[name] = zeroOf(a.type, name === "id" ? idHint : "");
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const v = value[name];
    if (isUnknown(v)) value[name] = nb.nesting_mode === "single" ? null : [];
    else if (Array.isArray(v)) {
      for (const el of v) if (el && typeof el === "object") fillUnknowns(el as TfObject, nb.block, idHint);
    }
  }
}

export interface PlanOutcome {
  readonly planned: TfObject | null;
  readonly requiresReplace: string[];
  readonly warnings: string[];
}

/** SDK-style plan: proposed new state, computed → unknown on create, ForceNew → requires_replace. */
export function planResource(
  type: string,
  schema: JsonSchema,
  model: ResourceModel | undefined,
  prior: TfObject | null,
  proposed: TfObject | null,
  config: TfObject | null,
): PlanOutcome {
  if (proposed === null) return { planned: null, requiresReplace: [], warnings: [] };
  const planned = clone(proposed);
  for (const [name, value] of Object.entries(model?.defaults ?? {})) {
    if (config && (config[name] === null || config[name] === undefined)) planned[name] = value;
  }
  if (prior !== null) {
    // terraform-plugin-sdk compares flatmaps, where an unset Optional attribute and its zero value
    // ("" / 0 / false / empty) are the same: no diff, and the plan keeps the prior value.
    for (const [name, a] of Object.entries(schema.block.attributes ?? {})) {
      if (a.computed) continue;
      if ((config?.[name] ?? null) === null && isZero(prior[name])) planned[name] = prior[name];
    }
  }
  if (prior === null) markComputedUnknown(planned, schema.block);
  const ctx: PlanContext = {
    type,
    schema,
    prior,
    config: config ?? {},
    planned,
    requiresReplace: new Set(),
    warnings: [],
  };
  if (prior !== null) {
    for (const name of model?.forceNew ?? []) {
      if (!deepEqual(prior[name], planned[name])) ctx.requiresReplace.add(name);
    }
  }
  model?.plan?.(ctx);
  return { planned: ctx.planned, requiresReplace: [...ctx.requiresReplace].sort(), warnings: ctx.warnings };
}

function genericTable(cloud: CloudData, type: string): Record<string, TfObject> {
  cloud.resources ??= {};
  return (cloud.resources[type] ??= {});
}

/** Create / update / delete through the model, or "the cloud stores what it is sent". */
export function applyResource(ctx: ApplyContext, model: ResourceModel | undefined): TfObject | null {
  const { planned, prior } = ctx;
  if (planned === null) {
    if (model?.delete) model.delete(ctx);
    else if (prior && typeof prior.id === "string") delete genericTable(ctx.cloud, ctx.type)[prior.id];
    return null;
  }
  let state: TfObject;
  if (prior === null) {
    if (model?.create) state = model.create(ctx);
    else {
      state = clone(planned);
      if (isUnknown(state.id)) state.id = `${ctx.type.replace(/^[a-z]+_/, "")}-${ctx.nextId(ctx.type)}`;
    }
  } else if (model?.update) state = model.update(ctx);
  else state = clone(planned);
  fillUnknowns(state, ctx.schema.block, String(state.id ?? ""));
  if (!model?.read && typeof state.id === "string")
    genericTable(ctx.cloud, ctx.type)[state.id] = clone(state);
  return state;
}

export function readResource(ctx: ReadContext, model: ResourceModel | undefined): TfObject | null {
  if (model?.read) return model.read(ctx);
  const id = ctx.state.id;
  if (typeof id !== "string") return ctx.state;
  const stored = genericTable(ctx.cloud, ctx.type)[id];
  return stored ? clone(stored) : null;
}

/** A fresh id counter per kind, kept in the cloud. */
export function nextIdIn(cloud: CloudData, kind: string): number {
  cloud.counters ??= {};
  cloud.counters[kind] = (cloud.counters[kind] ?? 0) + 1;
  return cloud.counters[kind];
}

/** One alias as the cloud holds it (or as the config declares it), in a cloud-neutral form. */
export interface TwinAlias {
  /** The function (SCF, FC 3.0) or service (FC 2.0) the alias belongs to. */
  readonly function: string;
  readonly alias: string;
  readonly version: string;
  /** Additional versions → fraction of traffic. */
  readonly weights: Record<string, number>;
  /** SCF rule routing: additional version → rule text. */
  readonly matches: readonly string[];
}

export interface TwinVersion {
  readonly function: string;
  readonly version: string;
  /** The code digest the version snapshotted. */
  readonly code: string;
}

export interface TwinStage {
  /** The gateway (Tencent service, Alibaba group) and its stage. */
  readonly gateway: string;
  readonly stage: string;
  /** Function and qualifier the stage calls, as released. */
  readonly function: string;
  readonly qualifier: string;
}

/** What the rehearsal reads from the twin's cloud and from a resource's values, per provider. */
export interface TwinView {
  aliases(cloud: CloudData): TwinAlias[];
  versions(cloud: CloudData): TwinVersion[];
  stages(cloud: CloudData): TwinStage[];
  /** The alias a resource declares, from its values with references resolved; undefined for other types. */
  declaredAlias(type: string, values: TfObject): TwinAlias | undefined;
  /** The published version a version resource stands for (from its state). */
  versionOf(type: string, values: TfObject): { function: string; version: string } | undefined;
}

/**
 * Something done to the cloud outside Terraform before a step (the console, the CLI), e.g. publishing
 * an FC 2.0 service version. Returns a line for the report; throws ApiError when the cloud refuses.
 */
export type TwinAction = (cloud: CloudData, args: Record<string, string>) => string;

/**
 * The `twin-options` action of a provider twin: sets the named options for this rehearsal's cloud.
 * Values come as strings: "true"/"false" and digit strings become booleans and numbers, "" goes back to
 * the default. Returns a line for the report.
 */
export function twinOptionsAction(provider: string, settable: readonly string[]): TwinAction {
  return (cloud, args) => {
    const set = (cloud.twinOptions ??= {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(args)) {
      if (!settable.includes(k))
        throw new ApiError(
          "UnknownOption (rehearsal)",
          `twin option ${k} is not settable; allowed: ${settable.join(", ")}`,
        );
      if (v === "") delete set[k];
      else set[k] = v === "true" ? true : v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v;
    }
    return `${provider} twin options: ${JSON.stringify(set)}`;
  };
}

/** An option as this rehearsal's cloud has it (set by `twin-options`), else its documented default. */
export function twinOption<D extends object, K extends keyof D>(cloud: CloudData, defaults: D, key: K): D[K] {
  const set = (cloud.twinOptions ?? {}) as Record<PropertyKey, unknown>;
  return (key in set ? set[key as PropertyKey] : defaults[key]) as D[K];
}

export interface TwinProvider {
  readonly models: ResourceModels;
  readonly view: TwinView;
  /** Out-of-band operations by name (`fc2-publish`, …). */
  readonly actions?: Record<string, TwinAction>;
}

/** A string attribute, "" when null or unknown. */
export function str(v: TfValue | undefined): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

/** The first element of a list block, or undefined. */
export function head(v: TfValue | undefined): TfObject | undefined {
  return Array.isArray(v) && v[0] && typeof v[0] === "object" ? (v[0] as TfObject) : undefined;
}
