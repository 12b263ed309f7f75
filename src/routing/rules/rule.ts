import { Diagnostic } from "../diagnostics";
import { AnyAlias, FunctionModel, Platform, ResolvedRoutingOptions } from "../types";

export interface RuleContext {
  readonly model: FunctionModel;
  readonly options: ResolvedRoutingOptions;
  /** The previous synthesis of the same function, for change rules (V23, V24). */
  readonly previous?: FunctionModel;
  /** True for values that are placeholders resolved at apply time (cdktf tokens); rules skip them. */
  readonly isUnresolved: (value: unknown) => boolean;
}

/** One platform constraint: a small pure function from the model to diagnostics. */
export interface RoutingRule {
  /** The number in routing-semantics.md §8, e.g. "V6". */
  readonly id: string;
  readonly platforms: readonly Platform[];
  /** The cloud error code(s) it reports. */
  readonly codes: readonly string[];
  /** One line for the README table. */
  readonly summary: string;
  check(ctx: RuleContext): Diagnostic[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

/** Aliases as a safe array of records (the shape rule reports anything else). */
export function aliasesOf(model: FunctionModel): AnyAlias[] {
  const list = (model as { aliases?: unknown }).aliases;
  return Array.isArray(list) ? (list.filter(isRecord) as unknown as AnyAlias[]) : [];
}

export function aliasPath(alias: AnyAlias, index: number): string {
  const name = (alias as { name?: unknown }).name;
  return typeof name === "string" && name.length > 0 && name.length <= 80
    ? `aliases[${name}]`
    : `aliases[${index}]`;
}

export function publishedSet(model: FunctionModel): Set<string> {
  const list = (model as { publishedVersions?: unknown }).publishedVersions;
  return new Set(Array.isArray(list) ? list.filter((v): v is string => typeof v === "string") : []);
}

/** "service 'svc'" on FC 2.0, "function 'fn'" elsewhere (messages follow the cloud's wording). */
export function ownerLabel(model: FunctionModel): string {
  if (model.platform === "fc2") return `service '${model.serviceName ?? "?"}'`;
  return `function '${model.functionName ?? "?"}'`;
}

export function listOf(values: Iterable<string>, limit = 12): string {
  const all = [...values];
  if (all.length === 0) return "(none)";
  const shown = all.slice(0, limit).map((v) => JSON.stringify(v));
  return shown.join(", ") + (all.length > limit ? `, … (${all.length - limit} more)` : "");
}
