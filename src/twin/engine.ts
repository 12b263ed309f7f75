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
