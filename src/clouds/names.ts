/**
 * Shared helpers for the per-cloud name rules (`alicloud/names.ts`, `tencentcloud/names.ts`):
 * what a cloud API accepts as a name, checked at synth where the provider checks nothing, and
 * derived names that always satisfy the rule. Pure: no cdktf import.
 */
import { createHash } from "node:crypto";

/** A cloud API's rule for one kind of name. */
export interface NameRule {
  /** What the name is, as messages say it: "Alibaba API Gateway group name". */
  readonly what: string;
  readonly pattern: RegExp;
  /** The rule in words, for "allowed: ..." in error messages. */
  readonly allowed: string;
}

/** `allowed` when `value` breaks the rule, else undefined. */
export function nameProblem(rule: NameRule, value: unknown): string | undefined {
  return typeof value === "string" && rule.pattern.test(value) ? undefined : rule.allowed;
}

/** Six hex digits of the SHA-256 of `value`: keeps shortened names of different inputs apart. */
export function shortHash(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 6);
}

/**
 * `base + suffix` when it fits in `max` characters, else `base` cut short, then `joiner`, six hex
 * digits of the hash of the whole `base`, and `suffix`: the result is never longer than `max`, and
 * two bases that share their first characters still get different names.
 */
export function fitName(base: string, suffix: string, max: number, joiner: string): string {
  if (base.length + suffix.length <= max) return base + suffix;
  const hash = shortHash(base);
  const keep = max - suffix.length - joiner.length - hash.length;
  // No room for a hash: cut the base only (never reached with the library's limits).
  if (keep < 1) return base.slice(0, Math.max(0, max - suffix.length)) + suffix;
  return `${base.slice(0, keep)}${joiner}${hash}${suffix}`;
}
