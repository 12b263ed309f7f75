/** Diagnostics carry the cloud API's own error code so a synth error reads like the apply error it prevents. */

export type Severity = "error" | "warning";

export interface Diagnostic {
  /** Rule id from routing-semantics.md §8, e.g. "V6". */
  readonly rule: string;
  /** The cloud's error code, e.g. "AdditionalVersionContainsMajorVersion" or "InvalidParameterValue.RoutingConfig". */
  readonly code: string;
  /** HTTP status the FC API would return, where documented. */
  readonly httpStatus?: number;
  readonly severity: Severity;
  /** Where in the model, e.g. `aliases[release].weights["2"]`. */
  readonly path: string;
  /** The offending value, rendered for humans. */
  readonly value: string;
  /** What is allowed instead. */
  readonly allowed: string;
  /** One line: what is wrong, the value and what is allowed. */
  readonly message: string;
}

/** The only error type the routing core throws for bad models or requests. */
export class RoutingValidationError extends Error {
  public readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[], context?: string) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const shown = errors.length > 0 ? errors : diagnostics;
    const prefix = context ? `${context}: ` : "";
    super(prefix + shown.map(formatDiagnostic).join("\n" + " ".repeat(prefix.length)));
    this.name = "RoutingValidationError";
    this.diagnostics = diagnostics;
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  return `[${d.code}] ${d.path}: ${d.message} (${d.rule})`;
}

/** Renders any value for a message without throwing (cycles, symbols, huge strings). */
export function show(value: unknown): string {
  if (typeof value === "string") {
    const s = value.length > 80 ? value.slice(0, 77) + "..." : value;
    return JSON.stringify(s);
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) {
    return String(value);
  }
  if (typeof value === "bigint") return `${value}n`;
  try {
    const s = JSON.stringify(value);
    if (s === undefined) return typeof value;
    return s.length > 80 ? s.slice(0, 77) + "..." : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export interface DiagnosticInput {
  readonly rule: string;
  readonly code: string;
  readonly httpStatus?: number;
  readonly severity?: Severity;
  readonly path: string;
  readonly value: unknown;
  readonly allowed: string;
  /** What is wrong, without the value (added here). */
  readonly problem: string;
}

export function diag(input: DiagnosticInput): Diagnostic {
  const value = show(input.value);
  return {
    rule: input.rule,
    code: input.code,
    httpStatus: input.httpStatus,
    severity: input.severity ?? "error",
    path: input.path,
    value,
    allowed: input.allowed,
    message: `${input.problem}: got ${value}; allowed: ${input.allowed}`,
  };
}
