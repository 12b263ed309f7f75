/**
 * Base → head: which versions are published, deleted or replaced, which Tencent releases are
 * replaced, and the routing changes per stage and alias written as release notes
 * (`release: v1 100% → v1 90% | v2 10%`).
 */
import { AnyAlias, formatVersion } from "../routing";
import {
  backendModelInputs,
  isBackendModelType,
  isReleaseType,
  isVersionType,
  releaseInputs,
} from "./extract";
import { ReviewBackendModel, ReviewFunction, ReviewStage, ReviewVersion, Snapshot } from "./model";
import { creates, deletes, PlanChange, replaces } from "./plan";
import {
  aliasDigest,
  functionLabel,
  functionOf,
  shares,
  sortedStages,
  stageDigest,
  stageShares,
} from "./view";
import { isRollback } from "./rollback";

/** Plan facts: the changes, and the plan's own before side (where deleted resources are described). */
export interface PlanFacts {
  readonly before: Snapshot;
  readonly changes: readonly PlanChange[];
}

export interface VersionChange {
  readonly functionId: string;
  readonly functionKey: string;
  /** The function as reports name it (ReviewFunction.label). */
  readonly functionLabel: string;
  readonly label: string;
  readonly change: "published" | "deleted" | "replaced";
  /** The version resource. */
  readonly address: string;
  readonly stack: string;
}

export interface ReleaseChange {
  readonly address: string;
  readonly stack: string;
  readonly gateway: string;
  readonly environment: string;
  readonly change: "replaced" | "deleted";
}

/** An Alibaba backend model replaced (a ForceNew input changes, or it moves to another address) or deleted. */
export interface BackendModelChange {
  /** The model that goes away. */
  readonly address: string;
  readonly stack: string;
  readonly gateway: string;
  readonly stageName: string;
  readonly change: "replaced" | "deleted";
  /** Why, when known: `backend_type FC_EVENT_V3 → FC_HTTP_V3`, or `old address → new address`. */
  readonly reason?: string;
}

export interface ReleaseNote {
  /** `monitoring`: alarms and provisioned capacity added, changed or removed (src/review/monitoring.ts). */
  readonly kind: "stage" | "alias" | "version" | "monitoring";
  /** `release`, `orders-api/release`, `orders:release` or the function name. */
  readonly subject: string;
  readonly before?: string;
  readonly after?: string;
  /** The line as printed: `release: v1 100% → v1 90% | v2 10%`; a rollback: `release (rollback): …`. */
  readonly text: string;
  /** Traffic returns to older versions published in the base (see src/review/rollback.ts): never a weight-jump danger. */
  readonly rollback?: boolean;
}

/**
 * The item of `candidates` that is the same function or stage as `item` of another snapshot: the
 * same id, else the only one with the same stack-free key (a plan has no stack names).
 */
export function counterpart<T extends { id: string; key: string }>(
  candidates: readonly T[],
  item: { id: string; key: string },
): T | undefined {
  const exact = candidates.find((c) => c.id === item.id);
  if (exact) return exact;
  const loose = candidates.filter((c) => c.key === item.key);
  return loose.length === 1 ? loose[0] : undefined;
}

function sameInputs(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

function versionAt(
  snapshot: Snapshot,
  address: string,
): { fn: ReviewFunction; v: ReviewVersion } | undefined {
  for (const fn of snapshot.functions) {
    const v = fn.versions.find((x) => x.address === address);
    if (v) return { fn, v };
  }
  return undefined;
}

/** Versions published, deleted or replaced: from the plan's actions when there is a plan, else by label. */
export function versionChanges(base: Snapshot, head: Snapshot, plan?: PlanFacts): VersionChange[] {
  const out: VersionChange[] = [];
  if (plan) {
    for (const c of plan.changes) {
      if (!isVersionType(c.type)) continue;
      const change = replaces(c) ? "replaced" : deletes(c) ? "deleted" : creates(c) ? "published" : undefined;
      if (!change) continue;
      const found =
        change === "published"
          ? versionAt(head, c.address)
          : (versionAt(plan.before, c.address) ?? versionAt(base, c.address));
      out.push({
        functionId: found?.fn.id ?? "?",
        functionKey: found?.fn.key ?? "?",
        functionLabel: found?.fn.label ?? "?",
        stack: found?.fn.stack ?? "plan",
        label: found?.v.label ?? c.address.slice(c.type.length + 1),
        change,
        address: c.address,
      });
    }
    return out;
  }
  for (const fn of head.functions) {
    const old = counterpart(base.functions, fn);
    for (const v of fn.versions) {
      const was = old?.versions.find((x) => x.label === v.label);
      if (!was)
        out.push({
          functionId: fn.id,
          functionKey: fn.key,
          functionLabel: fn.label,
          stack: fn.stack,
          label: v.label,
          change: "published",
          address: v.address,
        });
      else if (was.address !== v.address || !sameInputs(was.inputs, v.inputs)) {
        out.push({
          functionId: fn.id,
          functionKey: fn.key,
          functionLabel: fn.label,
          stack: fn.stack,
          label: v.label,
          change: "replaced",
          address: was.address,
        });
      }
    }
  }
  for (const fn of base.functions) {
    const now = counterpart(head.functions, fn);
    for (const v of fn.versions) {
      if (!now?.versions.some((x) => x.label === v.label)) {
        out.push({
          functionId: fn.id,
          functionKey: fn.key,
          functionLabel: fn.label,
          stack: fn.stack,
          label: v.label,
          change: "deleted",
          address: v.address,
        });
      }
    }
  }
  return out;
}

/** Tencent service releases replaced or deleted (every input of a release is ForceNew). */
export function releaseChanges(base: Snapshot, head: Snapshot, plan?: PlanFacts): ReleaseChange[] {
  const out: ReleaseChange[] = [];
  if (plan) {
    for (const c of plan.changes) {
      if (!isReleaseType(c.type) || !deletes(c)) continue;
      const was =
        plan.before.releases.find((r) => r.address === c.address) ??
        base.releases.find((r) => r.address === c.address);
      out.push({
        address: c.address,
        stack: was?.stack ?? "plan",
        gateway: was?.gateway ?? "?",
        environment: was?.environment ?? String(c.before?.environment_name ?? "?"),
        change: replaces(c) ? "replaced" : "deleted",
      });
    }
    return out;
  }
  for (const r of base.releases) {
    const same = head.releases.find((x) => x.address === r.address);
    const change: ReleaseChange["change"] | undefined = same
      ? releaseInputs().every((k) => JSON.stringify(same.inputs[k]) === JSON.stringify(r.inputs[k]))
        ? undefined
        : "replaced"
      : head.releases.some((x) => x.gateway === r.gateway && x.environment === r.environment)
        ? "replaced"
        : "deleted";
    if (change)
      out.push({
        address: r.address,
        stack: r.stack,
        gateway: r.gateway,
        environment: r.environment,
        change,
      });
  }
  return out;
}

const modelKey = (m: ReviewBackendModel): string => `${m.backend}\u0000${m.stageName}`;

const show = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));

/**
 * Backend models replaced or deleted: from the plan's actions when there is a plan, else by
 * address and then by backend name and stage (a model at a new address is a delete and a create).
 */
export function backendModelChanges(base: Snapshot, head: Snapshot, plan?: PlanFacts): BackendModelChange[] {
  const out: BackendModelChange[] = [];
  if (plan) {
    for (const c of plan.changes) {
      if (!isBackendModelType(c.type) || !deletes(c)) continue;
      const was =
        plan.before.backendModels.find((m) => m.address === c.address) ??
        base.backendModels.find((m) => m.address === c.address);
      const stageName = was?.stageName ?? String(c.before?.stage_name ?? "?");
      const successor = was
        ? head.backendModels.find((m) => m.address !== c.address && modelKey(m) === modelKey(was))
        : undefined;
      out.push({
        address: c.address,
        stack: was?.stack ?? "plan",
        gateway: was?.gateway ?? "?",
        stageName,
        change: replaces(c) || successor ? "replaced" : "deleted",
        ...(successor ? { reason: `${c.address} → ${successor.address}` } : {}),
      });
    }
    return out;
  }
  for (const m of base.backendModels) {
    const same = head.backendModels.find((x) => x.address === m.address);
    if (same) {
      const changed = backendModelInputs()
        .filter((k) => JSON.stringify(same.inputs[k]) !== JSON.stringify(m.inputs[k]))
        .filter((k, _i, all) => k !== "backend.backend_type" || !all.includes("backend_type"));
      if (changed.length > 0) {
        out.push({
          address: m.address,
          stack: m.stack,
          gateway: m.gateway,
          stageName: m.stageName,
          change: "replaced",
          reason: changed.map((k) => `${k} ${show(m.inputs[k])} → ${show(same.inputs[k])}`).join(", "),
        });
      }
      continue;
    }
    const successor = head.backendModels.find((x) => modelKey(x) === modelKey(m));
    out.push({
      address: m.address,
      stack: m.stack,
      gateway: m.gateway,
      stageName: m.stageName,
      change: successor ? "replaced" : "deleted",
      ...(successor ? { reason: `${m.address} → ${successor.address}` } : {}),
    });
  }
  return out;
}

/** `before → after`; a side that itself contains an arrow (a rule) is bracketed. */
const arrow = (before: string | undefined, after: string | undefined): string => {
  const side = (s: string | undefined) => (s === undefined ? "(none)" : s.includes("→") ? `[${s}]` : s);
  return `${side(before)} → ${side(after)}`;
};

function stageSubject(s: ReviewStage, singleGateway: boolean): string {
  const base = singleGateway ? s.stage : `${s.gatewayLabel}/${s.stage}`;
  return s.api !== undefined ? `${base} (${s.api})` : base;
}

/** Aliases a stage calls, as `functionId\0alias`. */
function boundAliases(snapshot: Snapshot): Set<string> {
  const out = new Set<string>();
  for (const s of snapshot.stages) {
    if (s.functionId === undefined) continue;
    if (s.qualifier !== undefined) out.add(`${s.functionId}\u0000${s.qualifier}`);
    for (const r of s.routes) out.add(`${s.functionId}\u0000${r.qualifier}`);
  }
  return out;
}

/** Release notes: routing changes per stage, per alias no stage calls, and version publications. */
export function releaseNotes(
  base: Snapshot,
  head: Snapshot,
  versions: readonly VersionChange[],
): ReleaseNote[] {
  const notes: ReleaseNote[] = [];
  const gateways = new Set([...base.stages, ...head.stages].map((s) => s.gatewayLabel));
  const stages = sortedStages([...head.stages, ...base.stages.filter((s) => !counterpart(head.stages, s))]);
  for (const s of stages) {
    const h = counterpart(head.stages, s);
    const b = counterpart(base.stages, s);
    const before = b ? stageDigest(base, b) : undefined;
    const after = h ? stageDigest(head, h) : undefined;
    if (before === after) continue;
    const subject = stageSubject(s, gateways.size <= 1);
    const back =
      b !== undefined &&
      h !== undefined &&
      isRollback(
        stageShares(base, b),
        stageShares(head, h),
        functionOf(base, b)?.model.publishedVersions ?? [],
      );
    notes.push({
      kind: "stage",
      subject,
      before,
      after,
      text: `${subject}${back ? " (rollback)" : ""}: ${arrow(before, after)}`,
      ...(back ? { rollback: true } : {}),
    });
  }

  const bound = new Set([...boundAliases(base), ...boundAliases(head)]);
  const fnIds = new Set(
    [...base.functions, ...head.functions].filter((f) => f.model.aliases.length > 0).map((f) => f.key),
  );
  const allFns = [...head.functions, ...base.functions.filter((f) => !counterpart(head.functions, f))];
  for (const fn of allFns) {
    const h = counterpart(head.functions, fn);
    const b = counterpart(base.functions, fn);
    const names = new Set([...(h?.model.aliases ?? []), ...(b?.model.aliases ?? [])].map((a) => a.name));
    for (const name of [...names].sort()) {
      if (bound.has(`${h?.id ?? fn.id}\u0000${name}`) || bound.has(`${b?.id ?? fn.id}\u0000${name}`))
        continue;
      const find = (f?: ReviewFunction) =>
        f ? (f.model.aliases as readonly AnyAlias[]).find((a) => a.name === name) : undefined;
      const ha = find(h);
      const ba = find(b);
      const before = ba && b ? aliasDigest(b.platform, ba) : undefined;
      const after = ha && h ? aliasDigest(h.platform, ha) : undefined;
      if (before === after) continue;
      const subject = fnIds.size <= 1 ? name : `${functionLabel(h ?? b ?? fn)}:${name}`;
      const back =
        ba !== undefined &&
        ha !== undefined &&
        isRollback(shares(b!.platform, ba), shares(h!.platform, ha), b!.model.publishedVersions);
      notes.push({
        kind: "alias",
        subject,
        before,
        after,
        text: `${subject}${back ? " (rollback)" : ""}: ${arrow(before, after)}`,
        ...(back ? { rollback: true } : {}),
      });
    }
  }

  const byFn = new Map<string, VersionChange[]>();
  for (const v of versions) byFn.set(v.functionLabel, [...(byFn.get(v.functionLabel) ?? []), v]);
  for (const [fn, list] of byFn) {
    const part = (change: VersionChange["change"], verb: string) => {
      const labels = list.filter((v) => v.change === change).map((v) => formatVersion(v.label));
      return labels.length > 0 ? `${verb} ${labels.join(", ")}` : undefined;
    };
    const text = [part("published", "publishes"), part("replaced", "replaces"), part("deleted", "deletes")]
      .filter((x) => x !== undefined)
      .join("; ");
    notes.push({ kind: "version", subject: fn, text: `${fn}: ${text}` });
  }
  return notes;
}
