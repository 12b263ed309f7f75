/**
 * What the constructs record in a synthesized stack for the tools that read `cdktf.out` (the demo,
 * `serverless-canary review`): `"//".metadata["serverless-canary"]` of each `cdk.tf.json`. Pure (no cdktf),
 * so review can read it.
 *
 * - `warnings`: `[{ path, message }]`, every warning annotation of the stack's constructs in construct order
 *   (deterministic); the key is absent when the stack has none.
 */

/** The key under the stack's `"//".metadata`. */
export const STACK_METADATA_KEY = "serverless-canary";

/** One recorded warning: the construct path and the annotation's text. */
export interface RecordedWarning {
  readonly path: string;
  readonly message: string;
}

/** The warnings recorded in one synthesized stack's JSON (`cdk.tf.json`), `[]` when there are none. */
export function recordedWarnings(stackJson: unknown): RecordedWarning[] {
  const meta = (stackJson as { "//"?: { metadata?: Record<string, unknown> } } | null)?.["//"]?.metadata;
  const entry = meta?.[STACK_METADATA_KEY] as { warnings?: unknown } | undefined;
  if (!Array.isArray(entry?.warnings)) return [];
  return entry.warnings.filter(
    (w): w is RecordedWarning =>
      typeof w === "object" && w !== null && typeof w.path === "string" && typeof w.message === "string",
  );
}
