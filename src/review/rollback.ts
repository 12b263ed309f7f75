/**
 * Rollbacks and guarded stages. A rollback moves traffic back: every version that gains traffic was
 * already published in the base and is older than a version that loses it (`v2 100% → v1 100%`, or a
 * canary aborted `v1 90% | v2 10% → v1 100%`). It is the release notes' most important line, never a
 * weight-jump danger. Weight-jump guards only the guarded stages (default: the release stage) and
 * the aliases they call.
 */
import { AnyAlias, StageName } from "../routing";
import { ReviewFunction, ReviewStage, Snapshot } from "./model";

/** The stages weight-jump guards unless configured (`guardedStages`, `--guard-stage`). */
export const DEFAULT_GUARDED_STAGES: readonly StageName[] = ["release"];

const EPSILON = 1e-9;

/** The order versions were published in: the base's published list, else numeric label order. */
function rank(published: readonly string[], v: string): number {
  const i = published.indexOf(v);
  if (i >= 0) return i;
  const n = Number(v.replace(/^v/, ""));
  return Number.isFinite(n) ? n - 1e6 : -1;
}

/** True when the move from `before` to `after` sends traffic back to older versions (see the module comment). */
export function isRollback(
  before: ReadonlyMap<string, number> | undefined,
  after: ReadonlyMap<string, number> | undefined,
  published: readonly string[],
): boolean {
  if (!before || !after) return false;
  const versions = new Set([...before.keys(), ...after.keys()]);
  const gained: string[] = [];
  const lost: string[] = [];
  for (const v of versions) {
    const d = (after.get(v) ?? 0) - (before.get(v) ?? 0);
    if (d > EPSILON) gained.push(v);
    else if (d < -EPSILON) lost.push(v);
  }
  if (gained.length === 0 || lost.length === 0) return false;
  if (!gained.every((v) => published.includes(v))) return false;
  const newestGained = Math.max(...gained.map((v) => rank(published, v)));
  const newestLost = Math.max(...lost.map((v) => rank(published, v)));
  return newestGained < newestLost;
}

/**
 * Whether weight-jump guards an alias: a guarded stage calls it (in base or head), or no stage
 * calls it and its name is not an unguarded stage's name (an alias no gateway uses is guarded).
 */
export function aliasGuarded(
  snapshots: readonly (Snapshot | undefined)[],
  fn: ReviewFunction,
  alias: AnyAlias,
  guarded: readonly string[],
): boolean {
  const callers: ReviewStage[] = [];
  for (const s of snapshots) {
    for (const st of s?.stages ?? []) {
      if (st.functionId === undefined || (st.functionId !== fn.id && !st.functionId.startsWith(`${fn.key}@`)))
        continue;
      if (st.qualifier === alias.name || st.routes.some((r) => r.qualifier === alias.name)) callers.push(st);
    }
  }
  if (callers.length > 0) return callers.some((s) => guarded.includes(s.stage));
  const stageNames = ["release", "prepub", "dev"];
  return !stageNames.includes(alias.name) || guarded.includes(alias.name);
}
