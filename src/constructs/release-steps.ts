import { Construct } from "constructs";
import { ReleaseValidationError } from "./errors";

/** A named step of a release: which versions exist and where each alias points. */
export interface NamedStep {
  readonly name: string;
}

/** Context key and environment variable that select a step: `cdktf synth --context releaseStep=...` or `RELEASE_STEP=...`. */
export const RELEASE_STEP_CONTEXT = "releaseStep";
export const RELEASE_STEP_ENV = "RELEASE_STEP";

/**
 * Picks the release step to synthesize: the `releaseStep` context value, else the `RELEASE_STEP`
 * environment variable, else the last step (the current state of the release).
 */
export function selectReleaseStep<T extends NamedStep>(
  scope: Construct,
  steps: readonly T[],
  env: NodeJS.ProcessEnv = process.env,
): T {
  if (steps.length === 0)
    throw new ReleaseValidationError(
      scope.node.path || "app",
      "no release steps; allowed: at least one step",
    );
  const names = steps.map((s) => s.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) {
    throw new ReleaseValidationError(
      scope.node.path || "app",
      `release step ${JSON.stringify(duplicate)} is declared twice; allowed: unique step names`,
    );
  }
  const fromContext = scope.node.tryGetContext(RELEASE_STEP_CONTEXT);
  const wanted = fromContext ?? env[RELEASE_STEP_ENV];
  if (wanted === undefined || wanted === "") return steps[steps.length - 1];
  const step = steps.find((s) => s.name === String(wanted));
  if (!step) {
    throw new ReleaseValidationError(
      scope.node.path || "app",
      `unknown release step ${JSON.stringify(wanted)} (from ${fromContext !== undefined ? `context ${RELEASE_STEP_CONTEXT}` : RELEASE_STEP_ENV}); allowed: ${names.map((n) => JSON.stringify(n)).join(", ")}`,
    );
  }
  return step;
}
