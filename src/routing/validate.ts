import { Diagnostic, RoutingValidationError } from "./diagnostics";
import { ROUTING_RULES, V0_ModelShape } from "./rules";
import { RuleContext } from "./rules/rule";
import { FunctionModel, resolveOptions, RoutingOptions } from "./types";

export interface ValidateOptions {
  readonly options?: RoutingOptions;
  /** The previous synthesis of the same function, for V23/V24. */
  readonly previous?: FunctionModel;
  /** Returns true for unresolved placeholders (e.g. cdktf `Token.isUnresolved`); those values are skipped. */
  readonly isUnresolved?: (value: unknown) => boolean;
}

export interface ValidationResult {
  readonly ok: boolean;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  readonly diagnostics: readonly Diagnostic[];
}

const neverUnresolved = (): boolean => false;

/** Runs every rule of routing-semantics.md §8 that applies to the model's platform. Never throws. */
export function validate(model: FunctionModel, opts: ValidateOptions = {}): ValidationResult {
  const ctx: RuleContext = {
    model,
    options: resolveOptions(opts.options),
    previous: opts.previous,
    isUnresolved: opts.isUnresolved ?? neverUnresolved,
  };
  let diagnostics: Diagnostic[] = V0_ModelShape.check(ctx);
  if (diagnostics.length === 0) {
    for (const rule of ROUTING_RULES) {
      if (rule === V0_ModelShape || !rule.platforms.includes(model.platform)) continue;
      try {
        diagnostics = diagnostics.concat(rule.check(ctx));
      } catch (e) {
        // A rule crashing on odd input is a bug; report it as a diagnostic rather than an untyped throw.
        diagnostics.push({
          rule: rule.id,
          code: "InternalRuleError",
          severity: "error",
          path: "model",
          value: String(e),
          allowed: "a model the rule can read",
          message: `rule ${rule.id} could not check this model: ${String(e)}`,
        });
      }
    }
  }
  const errors = diagnostics.filter((d) => d.severity === "error");
  return {
    ok: errors.length === 0,
    errors,
    warnings: diagnostics.filter((d) => d.severity === "warning"),
    diagnostics,
  };
}

/** validate(), throwing a RoutingValidationError when any rule reports an error. */
export function assertValid(
  model: FunctionModel,
  opts: ValidateOptions = {},
  context?: string,
): ValidationResult {
  const result = validate(model, opts);
  if (!result.ok) throw new RoutingValidationError(result.diagnostics, context);
  return result;
}
