/**
 * Danger checks over a change (base → head) or one configuration: one small pure function per
 * check, each returning findings with an id, a severity, a message and where. Any finding that is
 * not allowed (`--allow <id>`) makes `review` exit 1.
 */
import {
  AnyAlias,
  Diagnostic,
  formatDiagnostic,
  formatVersion,
  referencedVersions,
  StageName,
  validate,
} from "../routing";
import { cloudModule, cloudModules } from "../clouds/registry";
import { BackendModelChange, counterpart, ReleaseChange, VersionChange } from "./diff";
import { ReviewFunction, ReviewStage, Snapshot } from "./model";
import { aliasDigest, aliasNamed, functionOf, shares, stageDigest, stageShares } from "./view";
import { MONITORING_CHECKS } from "./monitoring";
import { aliasGuarded, DEFAULT_GUARDED_STAGES, isRollback } from "./rollback";

export type DangerId =
  | "referenced-version-deleted"
  | "version-deleted"
  | "multiple-new-versions"
  | "unpublished-version"
  | "weight-jump"
  | "service-release-replaced"
  | "service-release-create-before-destroy"
  | "backend-model-replaced"
  | "stage-unbound"
  | "invalid-routing"
  | "unwatched-version"
  | "capacity-removed"
  | "provisioned-over-quota";

/** critical: traffic can fail at apply; high: a risky change a reviewer must confirm. Both fail the review. */
export type DangerSeverity = "critical" | "high";

export interface Danger {
  readonly id: DangerId;
  readonly severity: DangerSeverity;
  /** One line: what happens and why it is dangerous. */
  readonly message: string;
  /** The resource address (or stage) it is about. */
  readonly where: string;
  /** The stack of `where`. */
  readonly stack?: string;
}

export interface DangerOptions {
  /** A canary weight change above this many percentage points is a danger. @default 50 */
  readonly maxWeightJump?: number;
  /**
   * The stages weight-jump guards (their rebinds, and the aliases they call; an alias no stage calls
   * is guarded unless it is named like an unguarded stage). A rollback is never a weight jump.
   * @default ["release"]
   */
  readonly guardedStages?: readonly StageName[];
  /**
   * V6 on FC 2.0 (the primary version also in the weights): FC 3.0 documents
   * `AdditionalVersionContainsMajorVersion`; the alicloud provider's own `fc_alias` acceptance test
   * applies `service_version "1"` with `{1 = 0.3}` against the live FC 2.0 API. `"note"` (default)
   * reports it as a note, `"danger"` as invalid-routing.
   * @default "note"
   */
  readonly fc2PrimaryInWeights?: "note" | "danger";
}

export interface DangerContext {
  readonly head: Snapshot;
  /** Absent when reviewing one configuration: only the checks on a single configuration run. */
  readonly base?: Snapshot;
  readonly versionChanges: readonly VersionChange[];
  readonly releaseChanges: readonly ReleaseChange[];
  /** Alibaba backend models replaced or deleted. @default - none */
  readonly backendModelChanges?: readonly BackendModelChange[];
  readonly options: DangerOptions;
}

export interface DangerCheck {
  readonly id: DangerId | readonly DangerId[];
  /** One line for the docs. */
  readonly summary: string;
  /** Whether it needs a base (a change) or also runs on one configuration. */
  readonly needsBase: boolean;
  check(ctx: DangerContext): Danger[];
}

export const DEFAULT_MAX_WEIGHT_JUMP = 50;

/** `$LATEST`, `LATEST`: the latest qualifier of any registered cloud. */
const isLatest = (v: string): boolean => cloudModules().some((m) => m.profile.latestQualifier === v);

function stageName(s: ReviewStage): string {
  const gateway =
    s.cloudName !== undefined ? s.cloudName + s.gatewayLabel.slice(s.gateway.length) : s.gatewayLabel;
  return `stage ${s.stage} of ${gateway}${s.api !== undefined ? ` (${s.api})` : ""}`;
}

/** Who references version `label` (or the version resource `resourceName`) of a function in a snapshot. */
function referencesTo(
  snapshot: Snapshot | undefined,
  v: VersionChange,
  label: string,
  resourceName: string,
): string[] {
  if (!snapshot) return [];
  const fn = counterpart(snapshot.functions, { id: v.functionId, key: v.functionKey });
  if (!fn) return [];
  const out: string[] = [];
  const refs = referencedVersions(fn.model);
  for (const key of [label, resourceName]) for (const by of refs.get(key) ?? []) out.push(by);
  for (const s of snapshot.stages) {
    if (s.functionId !== fn.id) continue;
    if (s.qualifier === label || s.qualifier === resourceName) out.push(stageName(s));
    for (const r of s.routes) {
      if (r.qualifier === label || r.qualifier === resourceName)
        out.push(`gateway route ${r.name} of ${stageName(s)}`);
    }
  }
  return out;
}

/** A published version deleted or replaced; critical while an alias or stage references it (before or after). */
export const checkVersionDeleted: DangerCheck = {
  id: ["referenced-version-deleted", "version-deleted"],
  summary: "a published version is deleted or replaced (critical while an alias or stage references it)",
  needsBase: true,
  check: ({ base, head, versionChanges }) =>
    versionChanges
      .filter((v) => v.change === "deleted" || v.change === "replaced")
      .map((v): Danger => {
        const resourceName = v.address.slice(v.address.indexOf(".") + 1);
        const users = [
          ...new Set([
            ...referencesTo(base, v, v.label, resourceName),
            ...referencesTo(head, v, v.label, resourceName),
          ]),
        ];
        const what =
          v.change === "replaced"
            ? `${v.functionLabel} ${formatVersion(v.label)} is replaced: the published version is deleted and published again under a new id`
            : `${v.functionLabel} ${formatVersion(v.label)} is deleted`;
        return users.length > 0
          ? {
              id: "referenced-version-deleted",
              severity: "critical",
              message: `${what} while still referenced by ${users.join(", ")}; move them off it first, delete it in a later change`,
              where: v.address,
              stack: v.stack,
            }
          : {
              id: "version-deleted",
              severity: "high",
              message: `${what}; a deleted version cannot be restored (its id is never reused)`,
              where: v.address,
              stack: v.stack,
            };
      }),
};

/** More than one new version of one function in one change: FC and SCF publish only from the latest code. */
export const checkMultipleNewVersions: DangerCheck = {
  id: "multiple-new-versions",
  summary: "more than one new version of one function in one change",
  needsBase: true,
  check: ({ head, base, versionChanges }) => {
    const byFn = new Map<string, VersionChange[]>();
    for (const v of versionChanges) {
      if (v.change === "published" || v.change === "replaced")
        byFn.set(v.functionId, [...(byFn.get(v.functionId) ?? []), v]);
    }
    const out: Danger[] = [];
    for (const list of byFn.values()) {
      if (list.length < 2) continue;
      const ref = { id: list[0].functionId, key: list[0].functionKey };
      const fn = counterpart(head.functions, ref) ?? (base ? counterpart(base.functions, ref) : undefined);
      out.push({
        id: "multiple-new-versions",
        severity: "high",
        message:
          `${list[0].functionLabel}: ${list.length} new versions in one change (${list.map((v) => formatVersion(v.label)).join(", ")}); ` +
          `versions publish only from the latest code, so they snapshot the same code or the second publish fails: publish one per apply`,
        where: fn?.address ?? list[0].address,
        stack: list[0].stack,
      });
    }
    return out;
  },
};

function aliasVersions(fn: ReviewFunction, alias: AnyAlias): string[] {
  const refs = referencedVersions({ ...fn.model, aliases: [alias] } as ReviewFunction["model"]);
  return [...refs.keys()];
}

/** An alias points to a version that is not published (no version resource, or a dangling reference). */
export const checkUnpublishedVersion: DangerCheck = {
  id: "unpublished-version",
  summary: "an alias points to a version that is not published",
  needsBase: false,
  check: ({ head }) => {
    const out: Danger[] = [];
    for (const fn of head.functions) {
      const published = new Set(fn.model.publishedVersions);
      for (const alias of fn.model.aliases as readonly AnyAlias[]) {
        for (const v of aliasVersions(fn, alias)) {
          const missing = fn.missingVersions.includes(v);
          const unpublished =
            fn.versionsKnown && !published.has(v) && !isLatest(v) && !fn.unknownVersions.includes(v);
          if (!missing && !unpublished) continue;
          out.push({
            id: "unpublished-version",
            severity: "critical",
            message: missing
              ? `alias ${alias.name} of ${fn.label} points to version resource ${v}, which this configuration no longer has (it is deleted at apply)`
              : `alias ${alias.name} of ${fn.label} points to ${formatVersion(v)}, which is not published (published: ${
                  fn.model.publishedVersions.map(formatVersion).join(", ") || "none"
                })`,
            where: fn.aliasAddresses[alias.name] ?? `${fn.id}:${alias.name}`,
            stack: fn.stack,
          });
        }
      }
    }
    return out;
  },
};

/** Traffic moved onto other versions: half the L1 distance of the two splits, in points. */
export function movedPoints(before: Map<string, number>, after: Map<string, number>): number {
  let moved = 0;
  for (const v of new Set([...before.keys(), ...after.keys()])) {
    moved += Math.max(0, (after.get(v) ?? 0) - (before.get(v) ?? 0));
  }
  return Math.round(moved * 1000) / 10;
}

/** A canary weight jump above the threshold, per alias and per rebound stage. */
export const checkWeightJump: DangerCheck = {
  id: "weight-jump",
  summary: "a canary weight jump above a threshold (default 50 points), per alias and per rebound stage",
  needsBase: true,
  check: ({ base, head, options }) => {
    if (!base) return [];
    const max = options.maxWeightJump ?? DEFAULT_MAX_WEIGHT_JUMP;
    const guarded = options.guardedStages ?? DEFAULT_GUARDED_STAGES;
    const out: Danger[] = [];
    for (const fn of head.functions) {
      const old = counterpart(base.functions, fn);
      if (!old) continue;
      for (const alias of fn.model.aliases as readonly AnyAlias[]) {
        const was = aliasNamed(old, alias.name);
        if (!was) continue;
        const before = shares(old.platform, was);
        const after = shares(fn.platform, alias);
        if (!before || !after) continue;
        if (!aliasGuarded([base, head], fn, alias, guarded)) continue;
        if (isRollback(before, after, old.model.publishedVersions)) continue;
        const moved = movedPoints(before, after);
        if (moved > max) {
          out.push({
            id: "weight-jump",
            severity: "high",
            message: `alias ${alias.name} of ${fn.label} moves ${moved} points of traffic at once (${aliasDigest(old.platform, was)} → ${aliasDigest(fn.platform, alias)}); the limit is ${max}`,
            where: fn.aliasAddresses[alias.name] ?? `${fn.id}:${alias.name}`,
            stack: fn.stack,
          });
        }
      }
    }
    for (const s of head.stages) {
      const old = counterpart(base.stages, s);
      if (!old || (old.qualifier === s.qualifier && old.functionId === s.functionId)) continue;
      const before = stageShares(base, old);
      const after = stageShares(head, s);
      if (!before || !after) continue;
      if (!guarded.includes(s.stage)) continue;
      if (isRollback(before, after, functionOf(base, old)?.model.publishedVersions ?? [])) continue;
      const moved = movedPoints(before, after);
      if (moved > max) {
        out.push({
          id: "weight-jump",
          severity: "high",
          message: `${stageName(s)} is rebound from ${old.qualifier} to ${s.qualifier} and moves ${moved} points of traffic at once (${stageDigest(base, old)} → ${stageDigest(head, s)}); the limit is ${max}`,
          where: s.address,
          stack: s.stack,
        });
      }
    }
    return out;
  },
};

/** A Tencent service release replaced: its delete unpublishes the environment before the new release. */
export const checkServiceReleaseReplaced: DangerCheck = {
  id: "service-release-replaced",
  summary: "a Tencent service release is replaced (its environment goes offline in between)",
  needsBase: true,
  check: ({ releaseChanges }) =>
    releaseChanges
      .filter((r) => r.change === "replaced")
      .map((r) => ({
        id: "service-release-replaced",
        severity: "high",
        message:
          `the ${r.environment} environment of ${r.gateway} is released again by replacing ${r.address}: ` +
          `the old release's delete unpublishes the environment, so it is offline until the new release is published`,
        where: r.address,
        stack: r.stack,
      })),
};

/** V26 on the head's Terraform JSON: create_before_destroy on a service release leaves it offline. */
export const checkReleaseCreateBeforeDestroy: DangerCheck = {
  id: "service-release-create-before-destroy",
  summary: "create_before_destroy on a Tencent service release (its environment ends up offline)",
  needsBase: false,
  check: ({ head }) =>
    head.findings
      .filter((f) => f.rule === "V26")
      .map((f) => ({
        id: "service-release-create-before-destroy",
        severity: "critical",
        message: `${f.message} (V26)`,
        where: f.address,
        stack: f.stack,
      })),
};

/**
 * An Alibaba backend model replaced: `backend_id`, `backend_type` and `stage_name` are ForceNew
 * (see `BACKEND_MODEL_INPUTS` in src/clouds/alicloud/readback.ts), the old model is deleted first, and
 * DeleteBackendModel takes the stage's APIs offline until the new model exists and the API is
 * deployed again (provider-alicloud.md). A model deleted with no successor is stage-unbound's case.
 */
export const checkBackendModelReplaced: DangerCheck = {
  id: "backend-model-replaced",
  summary: "an Alibaba backend model is replaced (DeleteBackendModel takes the stage's APIs offline)",
  needsBase: true,
  check: ({ backendModelChanges }) =>
    (backendModelChanges ?? [])
      .filter((m) => m.change === "replaced")
      .map((m) => ({
        id: "backend-model-replaced",
        severity: "critical",
        message:
          `the ${m.stageName} backend model of ${m.gateway} is replaced${m.reason ? ` (${m.reason})` : ""}: ` +
          `DeleteBackendModel takes the stage's APIs offline until the new model exists and the API is deployed again; ` +
          `keep the backend type, the stage and the construct ids, or accept the outage`,
        where: m.address,
        stack: m.stack,
      })),
};

/** A stage without a binding: nothing to call, a qualifier that names nothing, or a stage removed. */
export const checkStageUnbound: DangerCheck = {
  id: "stage-unbound",
  summary: "a stage is left without a binding (no alias or version to call, or its binding removed)",
  needsBase: false,
  check: ({ base, head }) => {
    const out: Danger[] = [];
    for (const s of head.stages) {
      if (s.problem === undefined) continue;
      out.push({
        id: "stage-unbound",
        severity: "high",
        message: `${stageName(s)} has no binding: ${s.problem}`,
        where: s.address,
        stack: s.stack,
      });
    }
    for (const s of base?.stages ?? []) {
      if (s.problem !== undefined || counterpart(head.stages, s)) continue;
      out.push({
        id: "stage-unbound",
        severity: "high",
        message: `${stageName(s)} loses its binding (${stageDigest(base!, s)} → none): callers of the ${s.cloudStage} stage get errors`,
        where: s.releaseAddress ?? s.address,
        stack: s.stack,
      });
    }
    return out;
  },
};

/**
 * Codes other checks own or that do not apply to configurations written by hand: missing versions
 * (unpublished-version), free-form descriptions (V25 is the constructs' concern).
 */
const NOT_ROUTING_ERRORS = new Set([
  "VersionNotFound",
  "ResourceNotFound.FunctionVersion",
  "AliasDescriptionWithoutRoutingDigest",
]);

/**
 * A rule whose verdict the public record contests on the function's target (the profile's
 * `contestedRules`: V6 on FC 2.0, see `DangerOptions.fc2PrimaryInWeights`).
 */
export function isFc2PrimaryInWeights(fn: ReviewFunction, d: Diagnostic): boolean {
  return cloudModule(fn.platform)?.profile.contestedRules?.includes(d.rule) ?? false;
}

/** Routing the cloud would reject (weights as percentages, two canaries, bad rules): the validator's errors. */
export const checkInvalidRouting: DangerCheck = {
  id: "invalid-routing",
  summary: "an alias's routing breaks a validation rule (the cloud would reject it at apply)",
  needsBase: false,
  check: ({ head, options }) =>
    head.functions.flatMap((fn) =>
      validate(fn.model, { isUnresolved: (v) => typeof v === "number" && Number.isNaN(v) })
        .errors.filter((d) => !NOT_ROUTING_ERRORS.has(d.code))
        .filter((d) => !(options.fc2PrimaryInWeights !== "danger" && isFc2PrimaryInWeights(fn, d)))
        .map((d): Danger => {
          const alias = /^aliases\[([^\]]+)\]/.exec(d.path)?.[1];
          return {
            id: "invalid-routing",
            severity: "critical",
            message: `${fn.label}: ${formatDiagnostic(d)}`,
            where: (alias !== undefined && fn.aliasAddresses[alias]) || fn.address || fn.id,
            stack: fn.stack,
          };
        }),
    ),
};

export const DANGER_CHECKS: readonly DangerCheck[] = [
  checkInvalidRouting,
  checkVersionDeleted,
  checkMultipleNewVersions,
  checkUnpublishedVersion,
  checkWeightJump,
  checkServiceReleaseReplaced,
  checkReleaseCreateBeforeDestroy,
  checkBackendModelReplaced,
  checkStageUnbound,
  ...MONITORING_CHECKS,
];

export const DANGER_IDS: readonly DangerId[] = DANGER_CHECKS.flatMap((c) => ([] as DangerId[]).concat(c.id));

/** Every check that applies (the change checks only with a base), in a stable order. */
export function findDangers(ctx: DangerContext): Danger[] {
  return DANGER_CHECKS.filter((c) => ctx.base !== undefined || !c.needsBase).flatMap((c) => c.check(ctx));
}
