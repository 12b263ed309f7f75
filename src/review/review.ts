/**
 * A review: one configuration (its routing, plus the checks that need no base), or a change
 * base → head (release notes and every danger check). A plan head without a base is compared
 * with its own `before` side.
 */
import { Danger, DangerId, DangerOptions, findDangers } from "./danger";
import {
  backendModelChanges,
  PlanFacts,
  ReleaseNote,
  releaseChanges,
  releaseNotes,
  VersionChange,
  versionChanges,
} from "./diff";
import { extract } from "./extract";
import { LoadedInput } from "./load";
import { Snapshot } from "./model";

export interface ReviewOptions extends DangerOptions {
  /** Danger ids reported but not failing the review. @default - none */
  readonly allow?: readonly DangerId[];
}

export interface ReviewedDanger extends Danger {
  /** Listed in `allow`: reported, but the review does not fail on it. */
  readonly allowed: boolean;
}

export interface ReviewResult {
  /** `single`: one configuration; `change`: base → head. */
  readonly mode: "single" | "change";
  readonly base?: Snapshot;
  readonly head: Snapshot;
  readonly releaseNotes: readonly ReleaseNote[];
  readonly versionChanges: readonly VersionChange[];
  readonly dangers: readonly ReviewedDanger[];
  /** 0: no danger (or only allowed ones); 1: a danger. */
  readonly exitCode: 0 | 1;
}

/** The snapshot of a loaded input: a synthesized output as is, a plan as its planned (after) side. */
export function snapshotOf(input: LoadedInput): Snapshot {
  if (input.kind === "plan") return extract([input.after], input.source, "plan");
  const s = extract(input.docs, input.source, "synth");
  return input.notes?.length ? { ...s, notes: [...input.notes, ...s.notes] } : s;
}

export function review(head: LoadedInput, base?: LoadedInput, options: ReviewOptions = {}): ReviewResult {
  const headSnapshot = snapshotOf(head);
  let baseSnapshot: Snapshot | undefined;
  let plan: PlanFacts | undefined;
  if (head.kind === "plan") {
    const before = extract([head.before], `${head.source} (before)`, "plan");
    plan = { before, changes: head.changes };
    baseSnapshot = base ? snapshotOf(base) : before;
  } else if (base) {
    baseSnapshot = snapshotOf(base);
  }
  const versions = baseSnapshot ? versionChanges(baseSnapshot, headSnapshot, plan) : [];
  const releases = baseSnapshot ? releaseChanges(baseSnapshot, headSnapshot, plan) : [];
  const models = baseSnapshot ? backendModelChanges(baseSnapshot, headSnapshot, plan) : [];
  const allow = new Set(options.allow ?? []);
  const dangers = findDangers({
    head: headSnapshot,
    base: baseSnapshot,
    versionChanges: versions,
    releaseChanges: releases,
    backendModelChanges: models,
    options,
  }).map((d) => ({ ...d, allowed: allow.has(d.id) }));
  return {
    mode: baseSnapshot ? "change" : "single",
    ...(baseSnapshot ? { base: baseSnapshot } : {}),
    head: headSnapshot,
    releaseNotes: baseSnapshot ? releaseNotes(baseSnapshot, headSnapshot, versions) : [],
    versionChanges: versions,
    dangers,
    exitCode: dangers.some((d) => !d.allowed) ? 1 : 0,
  };
}
