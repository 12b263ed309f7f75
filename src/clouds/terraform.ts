/**
 * Terraform JSON as the review tooling reads it: a flat list of resources per stack, and
 * `${type.name.attr}` references between them. Pure; no cdktf import. Shared by the cloud
 * read-backs (`src/clouds/<provider>/readback.ts`) and the review tooling, which re-exports it
 * from `src/review/terraform.ts`.
 */

/** One managed resource of a synthesized stack, or of one side (before/after) of a plan. */
export interface TfResource {
  readonly type: string;
  /** The name under its type, e.g. `B_Version-1_54CD3D82` (plans: with module prefix and index). */
  readonly name: string;
  /** `type.name`, or the plan's address. */
  readonly address: string;
  /** The attribute values: literals and `${...}` references. */
  readonly body: Readonly<Record<string, unknown>>;
  /**
   * Why the raw configuration cannot be read exactly (`count`, `for_each`, a `dynamic` block): the
   * resource is left out of `ofType` (read-backs never see it) and reported as not evaluated.
   */
  readonly unevaluated?: string;
}

/** One stack of a synthesized output (or one side of a plan): the unit references resolve in. */
export interface TfDoc {
  readonly stack: string;
  readonly file: string;
  readonly resources: readonly TfResource[];
  /** The raw JSON (synthesized stacks only), for rules over the JSON itself such as V26. */
  readonly json?: unknown;
  /** Variable defaults (`variable.<name>.default`) of the same configuration. */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** Literal `locals` of the same configuration. */
  readonly locals?: Readonly<Record<string, unknown>>;
  /** What raw JSON cannot evaluate (modules, `count`, `for_each`, `dynamic`): reported, never guessed. */
  readonly notEvaluated?: readonly { readonly address: string; readonly reason: string }[];
}

/** The marker for a value Terraform only knows after apply and no configuration reference explains. */
export const UNKNOWN_VALUE = "${unknown}";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A reference `${type.name.attr...}` parsed; `address` is `type.name`. */
export interface TfReference {
  readonly expression: string;
  readonly type: string;
  readonly name: string;
  readonly address: string;
  /** The attribute path after the address, e.g. `function_version` or `http_trigger[0].url_internet`. */
  readonly attribute: string;
}

const WHOLE_INTERPOLATION = /^\$\{([^{}]+)\}$/;
/** `type.name` with an optional index, then an optional attribute path. */
const RESOURCE_REF = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?)(?:\.(.+))?$/;
const MODULE_PREFIX = /^(?:module\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?\.)+/;
const NOT_RESOURCES = new Set([
  "var",
  "local",
  "data",
  "module",
  "each",
  "count",
  "path",
  "terraform",
  "self",
]);

/** The expression inside a string that is exactly one `${...}`, else undefined. */
export function interpolation(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = WHOLE_INTERPOLATION.exec(value.trim());
  return m ? m[1].trim() : undefined;
}

/** A resource reference, when the value is exactly `${type.name[.attr]}` naming a managed resource. */
export function parseReference(value: unknown): TfReference | undefined {
  const expression = interpolation(value);
  if (expression === undefined) return undefined;
  // A resource inside a module (plans): `module.m.type.name.attr`, `module.m["k"].type.name`.
  const mod = MODULE_PREFIX.exec(expression);
  const prefix = mod ? mod[0] : "";
  const m = RESOURCE_REF.exec(expression.slice(prefix.length));
  if (!m || NOT_RESOURCES.has(m[1])) return undefined;
  return { expression, type: m[1], name: m[2], address: `${prefix}${m[1]}.${m[2]}`, attribute: m[3] ?? "" };
}

/** True for a string holding any interpolation: a value only known at apply time. */
export function isExpression(value: unknown): value is string {
  return typeof value === "string" && value.includes("${");
}

/** Readable text for an expression value: `${var.x}` → `var.x`; the unknown marker → `(known after apply)`. */
export function expressionText(value: string): string {
  if (value === UNKNOWN_VALUE) return "(known after apply)";
  return interpolation(value) ?? value;
}

/** A nested block: cdktf writes a max-1 block as an object, hand-written JSON often as a one-element list. */
export function block(value: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(value)) return isRecord(value[0]) ? value[0] : undefined;
  return isRecord(value) ? value : undefined;
}

/** A repeated block or list: a list, or one object standing for a one-element list. */
export function blockList(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** Resources of a doc by address, with lookup of `type.name` against indexed instances (`type.name[0]`). */
export class ResourceIndex {
  private readonly byAddress = new Map<string, TfResource>();
  /** `type.name` → its counted or for_each instances `type.name[...]`. */
  private readonly instances = new Map<string, TfResource[]>();
  private readonly byType = new Map<string, TfResource[]>();
  /** Per type: literal `id` values (plans) → resource. */
  private readonly byId = new Map<string, Map<string, TfResource>>();

  constructor(readonly doc: TfDoc) {
    for (const r of doc.resources) {
      this.byAddress.set(r.address, r);
      const base = r.address.replace(/\[[^\]]*\]$/, "");
      if (base !== r.address) this.instances.set(base, [...(this.instances.get(base) ?? []), r]);
      const list = this.byType.get(r.type);
      if (list) list.push(r);
      else this.byType.set(r.type, [r]);
    }
  }

  get(address: string): TfResource | undefined {
    const exact = this.byAddress.get(address);
    if (exact) return exact;
    // `type.name` for a resource with a single counted instance `type.name[0]`.
    const instances = this.instances.get(address);
    return instances && instances.length === 1 ? instances[0] : undefined;
  }

  /** The evaluated resources of a type (raw-JSON resources with `count`, `for_each` or `dynamic` are not). */
  ofType(type: string): readonly TfResource[] {
    return (this.byType.get(type) ?? []).filter((r) => r.unevaluated === undefined);
  }

  /** True when the reference names a resource the raw configuration cannot evaluate. */
  unevaluated(value: unknown): boolean {
    const ref = parseReference(value);
    const target = ref
      ? (this.byAddress.get(ref.address) ?? this.byAddress.get(ref.address.replace(/\[[^\]]*\]$/, "")))
      : undefined;
    return target?.unevaluated !== undefined;
  }

  /** The resource of `type` whose `attribute` (or `id`) is the literal `id` (plans know ids). */
  withId(type: string, id: string, attribute = "id"): TfResource | undefined {
    const key = `${type}\u0000${attribute}`;
    let map = this.byId.get(key);
    if (!map) {
      map = new Map();
      for (const r of this.ofType(type)) {
        for (const v of [r.body.id, r.body[attribute]])
          if (typeof v === "string" && !map.has(v)) map.set(v, r);
      }
      this.byId.set(key, map);
    }
    return map.get(id);
  }

  /**
   * A value with references to literal attributes of other resources replaced by those literals
   * (e.g. `${tencentcloud_scf_function.F.name}` → "orders"); anything else is returned as is.
   */
  resolve(value: unknown, depth = 0): unknown {
    const whole = interpolation(value);
    if (
      typeof value === "string" &&
      value.includes("${") &&
      depth <= 8 &&
      (whole === undefined || /^(var|local)\./.test(whole))
    ) {
      const v = this.resolveVariable(value, depth);
      if (v !== value) return v;
    }
    const ref = parseReference(value);
    if (!ref || depth > 8 || !/^[a-z_][a-z0-9_]*$/.test(ref.attribute)) return value;
    const target = this.get(ref.address);
    if (!target || target.unevaluated !== undefined || !(ref.attribute in target.body)) return value;
    const v = target.body[ref.attribute];
    return isExpression(v) ? this.resolve(v, depth + 1) : v;
  }

  /**
   * `${var.x}` with a default and `${local.x}` with a literal value, whole or inside a template
   * (`"${var.prefix}-orders"`), and templates whose every part resolves; anything else as is.
   */
  private resolveVariable(value: string, depth: number): unknown {
    const whole = interpolation(value);
    const lookup = (expr: string): unknown => {
      const m = /^(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(expr.trim());
      if (m) {
        const table = m[1] === "var" ? this.doc.variables : this.doc.locals;
        if (!table || !Object.prototype.hasOwnProperty.call(table, m[2])) return undefined;
        const v = table[m[2]];
        return typeof v === "string" && v.includes("${") ? this.resolve(v, depth + 1) : v;
      }
      const r = this.resolve("${" + expr.trim() + "}", depth + 1);
      return isExpression(r) ? undefined : r;
    };
    if (whole !== undefined) {
      const v = lookup(whole);
      return v === undefined ? value : v;
    }
    // A template: every `${...}` part must resolve to a literal.
    let complete = true;
    const out = value.replace(/\$\{([^{}]+)\}/g, (all, expr: string) => {
      const v = lookup(expr);
      if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
      complete = false;
      return all;
    });
    return complete ? out : value;
  }

  /** `resolve` for values that should be strings; numbers and booleans are stringified. */
  resolveString(value: unknown): string | undefined {
    const v = this.resolve(value);
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return undefined;
  }
}
