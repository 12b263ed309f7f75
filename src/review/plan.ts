/**
 * `terraform show -json <planfile>` (the documented JSON plan representation): the resources
 * before and after the change, and the change actions per resource instance.
 *
 * Values Terraform only knows after apply are missing from `after` (marked in `after_unknown`);
 * where the configuration explains them by a reference (`alias.function_version =
 * version.function_version`) the reference is put back as `${...}`, so the extractor can map it
 * to the version it names, exactly as in synthesized JSON.
 */
import { InputError } from "./errors";
import { isRecord, TfDoc, TfResource, UNKNOWN_VALUE } from "./terraform";

export type PlanAction = "no-op" | "create" | "read" | "update" | "delete" | "forget";

/** One entry of `resource_changes`, for managed resources. */
export interface PlanChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly before?: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
  readonly actionReason?: string;
}

/** A plan, read: the implied base (before), the head (after) and the changes. */
export interface ParsedPlan {
  readonly before: TfDoc;
  readonly after: TfDoc;
  readonly changes: readonly PlanChange[];
}

/** True when the change destroys the existing object (delete, or either order of replace). */
export function deletes(change: PlanChange): boolean {
  return change.actions.includes("delete");
}

/** True when the change replaces the object (`["delete","create"]` or `["create","delete"]`). */
export function replaces(change: PlanChange): boolean {
  return change.actions.includes("delete") && change.actions.includes("create");
}

/** True when the change creates an object (a create or a replace). */
export function creates(change: PlanChange): boolean {
  return change.actions.includes("create");
}

const KNOWN_ACTIONS = new Set(["no-op", "create", "read", "update", "delete", "forget"]);

/** True when the JSON looks like a plan (or a state): it has `format_version` and plan keys. */
export function looksLikePlan(json: unknown): boolean {
  return (
    isRecord(json) &&
    "format_version" in json &&
    ("resource_changes" in json || "planned_values" in json || "prior_state" in json || "values" in json)
  );
}

type Expressions = Record<string, unknown>;

/** Configuration expressions by full resource address (`module.m.type.name`), from `configuration`. */
function configExpressions(json: Record<string, unknown>): Map<string, Expressions> {
  const out = new Map<string, Expressions>();
  const walk = (module: unknown, prefix: string, depth: number) => {
    if (!isRecord(module) || depth > 16) return;
    if (Array.isArray(module.resources)) {
      for (const r of module.resources) {
        if (isRecord(r) && typeof r.address === "string" && isRecord(r.expressions)) {
          out.set(prefix + r.address, r.expressions);
        }
      }
    }
    if (isRecord(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) {
        if (isRecord(call)) walk(call.module, `${prefix}module.${name}.`, depth + 1);
      }
    }
  };
  if (isRecord(json.configuration)) walk(json.configuration.root_module, "", 0);
  return out;
}

const REFERENCE = /^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*(\[[^\]]*\])?(\..+)?$/;
const NOT_RESOURCES = /^(var|local|data|module|each|count|path|terraform|self)\./;

/** The value an unknown attribute stands for: its configuration reference, a constant, or unknown. */
function fromExpression(expr: unknown, modulePrefix: string): unknown {
  if (isRecord(expr)) {
    if (Array.isArray(expr.references)) {
      const refs = expr.references.filter(
        (r): r is string => typeof r === "string" && REFERENCE.test(r) && !NOT_RESOURCES.test(r),
      );
      // Prefer `type.name.attr` over the bare `type.name` Terraform lists next to it.
      const best = refs.find((r) => r.split(".").length > 2) ?? refs[0];
      if (best !== undefined) return "${" + modulePrefix + best + "}";
    }
    if ("constant_value" in expr) return expr.constant_value;
  }
  return UNKNOWN_VALUE;
}

function childExpression(expr: unknown, key: string | number): unknown {
  if (typeof key === "number") {
    if (Array.isArray(expr)) return expr[Math.min(key, expr.length - 1)];
    return undefined;
  }
  return isRecord(expr) ? expr[key] : undefined;
}

/** `after` with every value marked unknown filled from the configuration (see the module comment). */
function fillUnknown(
  value: unknown,
  unknown: unknown,
  expr: unknown,
  modulePrefix: string,
  depth = 0,
): unknown {
  if (depth > 32) return value;
  if (unknown === true) return fromExpression(expr, modulePrefix);
  if (Array.isArray(unknown)) {
    const out = Array.isArray(value) ? [...value] : [];
    unknown.forEach((u, i) => {
      if (u === true || Array.isArray(u) || isRecord(u)) {
        out[i] = fillUnknown(out[i], u, childExpression(expr, i), modulePrefix, depth + 1);
      }
    });
    return out;
  }
  if (isRecord(unknown)) {
    const out: Record<string, unknown> = isRecord(value) ? { ...value } : {};
    for (const [k, u] of Object.entries(unknown)) {
      if (u === true || Array.isArray(u) || isRecord(u)) {
        out[k] = fillUnknown(out[k], u, childExpression(expr, k), modulePrefix, depth + 1);
      }
    }
    return out;
  }
  return value;
}

function fail(problem: string, file: string): never {
  throw new InputError(`malformed plan: ${problem}`, file);
}

function resourceName(address: string, type: string): string {
  const i = address.lastIndexOf(`${type}.`);
  return i >= 0 ? address.slice(i + type.length + 1) : address;
}

/** Managed resources of a values representation (`planned_values`, `prior_state.values`). */
function valuesResources(module: unknown, file: string, where: string, depth = 0): TfResource[] {
  if (module === undefined || module === null) return [];
  if (!isRecord(module)) fail(`${where} is not an object`, file);
  const out: TfResource[] = [];
  if (module.resources !== undefined) {
    if (!Array.isArray(module.resources)) fail(`${where}.resources is not a list`, file);
    module.resources.forEach((r: unknown, i) => {
      if (!isRecord(r) || typeof r.address !== "string" || typeof r.type !== "string") {
        fail(`${where}.resources[${i}] has no address or type`, file);
      }
      if (r.mode === "data") return;
      out.push({
        type: r.type,
        name: resourceName(r.address, r.type),
        address: r.address,
        body: isRecord(r.values) ? r.values : {},
      });
    });
  }
  if (module.child_modules !== undefined && depth < 16) {
    if (!Array.isArray(module.child_modules)) fail(`${where}.child_modules is not a list`, file);
    module.child_modules.forEach((m: unknown, i) =>
      out.push(...valuesResources(m, file, `${where}.child_modules[${i}]`, depth + 1)),
    );
  }
  return out;
}

/** Reads a parsed `terraform show -json` plan; throws InputError naming the malformed part. */
export function parsePlan(json: unknown, file: string): ParsedPlan {
  if (!isRecord(json)) fail("not a JSON object", file);
  const version = json.format_version;
  if (typeof version !== "string" || !/^[01]\.[0-9]+$/.test(version)) {
    fail(`unsupported format_version ${JSON.stringify(version)} (supported: 0.x and 1.x)`, file);
  }
  if (!("resource_changes" in json) && !("planned_values" in json)) {
    throw new InputError(
      "a Terraform state or other JSON, not a plan (no resource_changes or planned_values)",
      file,
    );
  }
  const expressions = configExpressions(json);
  const changes: PlanChange[] = [];
  const before: TfResource[] = [];
  const after: TfResource[] = [];

  if (json.resource_changes !== undefined) {
    if (!Array.isArray(json.resource_changes)) fail("resource_changes is not a list", file);
    json.resource_changes.forEach((rc: unknown, i) => {
      const at = `resource_changes[${i}]`;
      if (!isRecord(rc)) fail(`${at} is not an object`, file);
      if (typeof rc.address !== "string" || rc.address === "") fail(`${at}.address is missing`, file);
      if (typeof rc.type !== "string" || rc.type === "") fail(`${at}.type is missing`, file);
      if (!isRecord(rc.change)) fail(`${at}.change is missing`, file);
      const actions = rc.change.actions;
      if (
        !Array.isArray(actions) ||
        actions.length === 0 ||
        !actions.every((a) => typeof a === "string" && KNOWN_ACTIONS.has(a))
      ) {
        fail(
          `${at}.change.actions is not a list of actions (no-op, create, read, update, delete, forget)`,
          file,
        );
      }
      for (const side of ["before", "after"] as const) {
        const v = rc.change[side];
        if (v !== undefined && v !== null && !isRecord(v))
          fail(`${at}.change.${side} is not an object`, file);
      }
      if (rc.mode === "data" || rc.deposed !== undefined) return;
      const address = rc.address;
      const type = rc.type;
      const name = resourceName(address, type);
      const modulePrefix = typeof rc.module_address === "string" ? `${rc.module_address}.` : "";
      const b = isRecord(rc.change.before) ? rc.change.before : undefined;
      let a = isRecord(rc.change.after) ? rc.change.after : undefined;
      const isDelete = actions.includes("delete") && !actions.includes("create");
      if (actions.includes("forget")) a = undefined;
      if (a && rc.change.after_unknown !== undefined) {
        const configAddress = address.replace(/\[[^\]]*\]/g, "");
        const expr = expressions.get(configAddress) ?? expressions.get(address);
        a = fillUnknown(a, rc.change.after_unknown, expr, modulePrefix) as Record<string, unknown>;
      }
      if (b) before.push({ type, name, address, body: b });
      if (a && !isDelete) after.push({ type, name, address, body: a });
      changes.push({
        address,
        type,
        actions: actions as string[],
        before: b,
        after: isDelete ? undefined : a,
        actionReason: typeof rc.action_reason === "string" ? rc.action_reason : undefined,
      });
    });
  } else {
    // No resource_changes: the planned values are the head; the prior state, if any, the base.
    if (isRecord(json.planned_values)) {
      after.push(...valuesResources(json.planned_values.root_module, file, "planned_values.root_module"));
    }
    const prior =
      isRecord(json.prior_state) && isRecord(json.prior_state.values) ? json.prior_state.values : {};
    before.push(...valuesResources(prior.root_module, file, "prior_state.values.root_module"));
  }
  return {
    before: { stack: "plan", file, resources: before },
    after: { stack: "plan", file, resources: after },
    changes,
  };
}
