import { diag, Diagnostic, Severity } from "../diagnostics";
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

/** A rule's fixed facts, declared once; each diagnostic then says only where, what and why. */
export interface RuleSpec<C extends string> {
  readonly id: string;
  readonly platforms: readonly Platform[];
  /** The cloud error code(s) it reports; a diagnostic has the first unless it names another. */
  readonly codes: readonly [C, ...C[]];
  /** The HTTP status the cloud returns with each code, where documented (FC; SCF documents none). */
  readonly httpStatus?: { readonly [K in NoInfer<C>]?: number };
  readonly summary: string;
}

/** What a diagnostic may change from its rule's defaults: another declared code, or warning severity. */
export interface ReportOptions<C extends string> {
  readonly code?: C;
  readonly severity?: Severity;
}

/** Reports one diagnostic of the rule: where, the offending value, what is allowed and what is wrong. */
export type Report<C extends string> = (
  path: string,
  value: unknown,
  allowed: string,
  problem: string,
  options?: ReportOptions<C>,
) => void;

/** The diagnostic factory of one rule, for checks that return a diagnostic rather than report it. */
export function diagnosticOf<C extends string>(spec: Pick<RuleSpec<C>, "id" | "codes" | "httpStatus">) {
  return (
    path: string,
    value: unknown,
    allowed: string,
    problem: string,
    options: ReportOptions<C> = {},
  ): Diagnostic => {
    const code = options.code ?? spec.codes[0];
    const httpStatus = spec.httpStatus?.[code];
    return diag({
      rule: spec.id,
      code,
      httpStatus,
      severity: options.severity,
      path,
      value,
      allowed,
      problem,
    });
  };
}

/** The diagnostics that `run` reports, in order, for checks that are functions rather than rules. */
export function collect<C extends string>(
  spec: Pick<RuleSpec<C>, "id" | "codes" | "httpStatus">,
  run: (report: Report<C>) => void,
): Diagnostic[] {
  const make = diagnosticOf(spec);
  const out: Diagnostic[] = [];
  run((...args) => {
    out.push(make(...args));
  });
  return out;
}

/**
 * A rule from its declaration and its check; the check reports each problem it finds, e.g.
 *
 *   defineRule({ id: "V5", platforms: ["fc2", "fc3"], codes: ["InvalidArgument"], ... }, (ctx, report) => {
 *     if (tooLong) report(`${path}.description`, d, "a string of 0-256 characters", "description too long");
 *   });
 */
export function defineRule<C extends string>(
  spec: RuleSpec<C>,
  check: (ctx: RuleContext, report: Report<C>) => void,
): RoutingRule {
  return {
    id: spec.id,
    platforms: spec.platforms,
    codes: spec.codes,
    summary: spec.summary,
    check: (ctx) => collect(spec, (report) => check(ctx, report)),
  };
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
