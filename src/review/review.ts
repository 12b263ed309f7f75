/**
 * A review: one configuration (its routing, plus the checks that need no base), or a change
 * base → head (release notes and every danger check). A plan head without a base is compared
 * with its own `before` side.
 */
import { recordedWarnings } from "../clouds/stack-metadata";
import { validate } from "../routing";
import { Danger, DangerId, DangerOptions, findDangers, isFc2PrimaryInWeights } from "./danger";
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
import { monitoringNotes, withMonitoring } from "./monitoring";

export interface ReviewOptions extends DangerOptions {
  /** Danger ids reported but not failing the review. @default - none */
  readonly allow?: readonly DangerId[];
}

export interface ReviewedDanger extends Danger {
  /** Listed in `allow`: reported, but the review does not fail on it. */
  readonly allowed: boolean;
}

/** A warning the constructs recorded in a synthesized stack (`"//".metadata["serverless-canary"].warnings`). */
export interface StackWarning {
  /** The stack's name. */
  readonly stack: string;
  /** The construct path. */
  readonly path: string;
  readonly message: string;
}

/**
 * The warnings recorded at synthesis in a loaded output, stack by stack in load order, each stack's in
 * construct order (#13 item 5: shown without the cdktf CLI). A plan or a configuration Terraform evaluated
 * records none.
 */
export function recordedStackWarnings(input: LoadedInput): StackWarning[] {
  if (input.kind !== "synth") return [];
  return input.docs.flatMap((doc) => recordedWarnings(doc.json).map((w) => ({ stack: doc.stack, ...w })));
}

export interface ReviewResult {
  /** `single`: one configuration; `change`: base → head. */
  readonly mode: "single" | "change";
  readonly base?: Snapshot;
  readonly head: Snapshot;
  readonly releaseNotes: readonly ReleaseNote[];
  readonly versionChanges: readonly VersionChange[];
  readonly dangers: readonly ReviewedDanger[];
  /**
   * The warnings synthesis recorded in the reviewed (head) stacks. Reported only: they never change the
   * exit code (there is no strict mode), since synthesis already accepted the configuration.
   */
  readonly warnings: readonly StackWarning[];
  /** 0: no danger (or only allowed ones); 1: a danger. Warnings do not count. */
  readonly exitCode: 0 | 1;
}

/** The snapshot of a loaded input: a synthesized output as is, a plan as its planned (after) side. */
export function snapshotOf(input: LoadedInput): Snapshot {
  if (input.kind === "plan")
    return withMonitoring(extract([input.after], input.source, "plan"), [input.after]);
  const s = withMonitoring(extract(input.docs, input.source, "synth"), input.docs);
  return input.notes?.length ? { ...s, notes: [...input.notes, ...s.notes] } : s;
}

/** FC 2.0 aliases with the primary in the weights (V6, contested): notes, not dangers, by default. */
function fc2PrimaryNotes(head: Snapshot): string[] {
  return head.functions.flatMap((fn) =>
    validate(fn.model, { isUnresolved: (v) => typeof v === "number" && Number.isNaN(v) })
      .errors.filter((d) => isFc2PrimaryInWeights(fn, d))
      .map(
        (d) =>
          `${fn.label}: ${d.path} lists the primary version in the weights (V6): refused by FC 3.0, applied on FC 2.0 by the alicloud provider's own fc_alias acceptance test, so not a danger here (--fc2-primary-in-weights danger makes it one)`,
      ),
  );
}

export function review(head: LoadedInput, base?: LoadedInput, options: ReviewOptions = {}): ReviewResult {
  let headSnapshot = snapshotOf(head);
  let baseSnapshot: Snapshot | undefined;
  let plan: PlanFacts | undefined;
  if (head.kind === "plan") {
    const before = withMonitoring(extract([head.before], `${head.source} (before)`, "plan"), [head.before]);
    plan = { before, changes: head.changes };
    baseSnapshot = base ? snapshotOf(base) : before;
  } else if (base) {
    baseSnapshot = snapshotOf(base);
  }
  const versions = baseSnapshot ? versionChanges(baseSnapshot, headSnapshot, plan) : [];
  const releases = baseSnapshot ? releaseChanges(baseSnapshot, headSnapshot, plan) : [];
  const models = baseSnapshot ? backendModelChanges(baseSnapshot, headSnapshot, plan) : [];
  const allow = new Set(options.allow ?? []);
  const contested = options.fc2PrimaryInWeights === "danger" ? [] : fc2PrimaryNotes(headSnapshot);
  if (contested.length > 0) headSnapshot = { ...headSnapshot, notes: [...headSnapshot.notes, ...contested] };
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
    releaseNotes: baseSnapshot
      ? [
          ...releaseNotes(baseSnapshot, headSnapshot, versions),
          ...monitoringNotes(baseSnapshot, headSnapshot).map((text) => ({
            kind: "monitoring" as const,
            subject: text.slice(0, text.indexOf(":")),
            text,
          })),
        ]
      : [],
    versionChanges: versions,
    dangers,
    warnings: recordedStackWarnings(head),
    exitCode: dangers.some((d) => !d.allowed) ? 1 : 0,
  };
}
