/**
 * Alarms and provisioned capacity in a review: read from the Terraform JSON (synthesized or a plan side),
 * shown per stage, alias and version next to the split, diffed base → head, and three danger checks.
 *
 * Read, through each cloud module's monitoring read-back (src/clouds/<provider>/readback.ts):
 * - alarms by the marker ReleaseAlarms writes into each alarm's description (`canary <function>/<alias>
 *   v=<label>|alias|function <signal>`), in the attribute the read-back names per alarm resource type;
 * - capacity per version (SCF) or per alias (FC 3.0), as the read-back reads its capacity resources;
 * - a ProvisionedCapacity's stated strategy and quota from its `provisioned` output (synthesized outputs
 *   only: plans carry no outputs).
 */
import { AnyAlias, FcAlias, formatVersion, Platform, primaryOf, ScfAlias, weightEntries } from "../routing";
import { cloudModule, monitoringReadbacks } from "../clouds/registry";
import type { MonitoringReadback } from "../clouds/readback";
import type { Danger, DangerCheck } from "./danger";
import { ReviewFunction, Snapshot } from "./model";
import { isRecord, ResourceIndex, TfDoc } from "./terraform";
import { aliasNamed, functionOf, shares } from "./view";

export interface ReviewAlarm {
  readonly address: string;
  readonly stack: string;
  readonly type: string;
  /** The function name (FC 2.0: the service) the alarm watches. */
  readonly owner: string;
  readonly alias: string;
  readonly scope: "version" | "alias" | "function";
  /** The version label, for version-scoped alarms. */
  readonly version?: string;
  readonly signal: string;
}

export interface ReviewCapacity {
  readonly address: string;
  readonly stack: string;
  readonly owner: string;
  /** SCF: per version; FC 3.0: per alias. */
  readonly kind: "version" | "alias";
  /** The version label (SCF) or alias name (FC 3.0). */
  readonly key: string;
  /** undefined when only known at apply. */
  readonly amount?: number;
}

/** What a ProvisionedCapacity stated (its output). */
export interface ReviewCapacityIntent {
  readonly stack: string;
  readonly owner: string;
  readonly platform: string;
  readonly strategy: string;
  readonly total: number;
  readonly quota?: number;
}

export interface MonitoringSnapshot {
  readonly alarms: readonly ReviewAlarm[];
  readonly capacity: readonly ReviewCapacity[];
  readonly intents: readonly ReviewCapacityIntent[];
}

/** The marker of src/clouds/monitoring.ts alarmMarker, parsed back; undefined for other text. */
export function parseAlarmMarker(
  text: unknown,
): { owner: string; alias: string; where: string; signal: string } | undefined {
  if (typeof text !== "string") return undefined;
  const m = /(?:^|\s)canary (\S+)\/(\S+) (v=\S+|alias|function) (errors|throttles|duration)(?:$|\s)/.exec(
    text,
  );
  return m ? { owner: m[1], alias: m[2], where: m[3], signal: m[4] } : undefined;
}

/** The alias shape of a platform's routing model (SCF: primary/weights/matches; else FC). */
const scfShaped = (platform: Platform | string): boolean =>
  cloudModule(platform)?.profile.aliasShape === "scf";

/** Alarm resource type → marker attribute, and capacity resource type → its read-back, over every cloud. */
function monitoringTypes(): {
  alarms: Map<string, string>;
  capacity: Map<string, MonitoringReadback>;
} {
  const alarms = new Map<string, string>();
  const capacity = new Map<string, MonitoringReadback>();
  for (const rb of monitoringReadbacks()) {
    for (const [type, field] of Object.entries(rb.alarmMarkerAttributes))
      if (!alarms.has(type)) alarms.set(type, field);
    for (const type of rb.capacityTypes) if (!capacity.has(type)) capacity.set(type, rb);
  }
  return { alarms, capacity };
}

function intentsOf(doc: TfDoc): ReviewCapacityIntent[] {
  const json = doc.json;
  if (!isRecord(json) || !isRecord(json.output)) return [];
  const out: ReviewCapacityIntent[] = [];
  for (const o of Object.values(json.output)) {
    if (!isRecord(o) || typeof o.value !== "string" || !o.value.startsWith("{")) continue;
    try {
      const v = JSON.parse(o.value) as Record<string, unknown>;
      if (typeof v.function !== "string" || typeof v.strategy !== "string" || typeof v.total !== "number")
        continue;
      out.push({
        stack: doc.stack,
        owner: v.function,
        platform: String(v.platform),
        strategy: v.strategy,
        total: v.total,
        ...(typeof v.quota === "number" ? { quota: v.quota } : {}),
      });
    } catch {
      // not a ProvisionedCapacity output
    }
  }
  return out;
}

/** Alarms, capacity and stated intents of a set of docs. Never throws. */
export function extractMonitoring(docs: readonly TfDoc[]): MonitoringSnapshot {
  const alarms: ReviewAlarm[] = [];
  const capacity: ReviewCapacity[] = [];
  const intents: ReviewCapacityIntent[] = [];
  const types = monitoringTypes();
  for (const doc of docs) {
    const idx = new ResourceIndex(doc);
    for (const r of doc.resources) {
      const field = types.alarms.get(r.type);
      if (field) {
        const m = parseAlarmMarker(r.body[field]);
        if (!m) continue;
        const scope = m.where.startsWith("v=") ? "version" : (m.where as "alias" | "function");
        alarms.push({
          address: r.address,
          stack: doc.stack,
          type: r.type,
          owner: m.owner,
          alias: m.alias,
          scope,
          ...(scope === "version" ? { version: m.where.slice(2) } : {}),
          signal: m.signal,
        });
      } else {
        const c = types.capacity.get(r.type)?.readCapacity(r, idx);
        if (c) capacity.push({ address: r.address, stack: doc.stack, ...c });
      }
    }
    intents.push(...intentsOf(doc));
  }
  return { alarms, capacity, intents };
}

/** The snapshot with its monitoring read from `docs`. */
export function withMonitoring(snapshot: Snapshot, docs: readonly TfDoc[]): Snapshot {
  return { ...snapshot, monitoring: extractMonitoring(docs) };
}

const EMPTY: MonitoringSnapshot = { alarms: [], capacity: [], intents: [] };
const monitoringOf = (s: Snapshot | undefined): MonitoringSnapshot => s?.monitoring ?? EMPTY;

/** Versions an alias serves and their share (NaN: by rule, or a weight known only at apply); 0 shares left out. */
export function servedShares(platform: Platform, alias: AnyAlias): Map<string, number> {
  const out = new Map<string, number>();
  const random = shares(platform, alias);
  if (random)
    for (const [v, s] of random)
      if (s > 0) out.set(v, s);
      else {
        out.set(primaryOf(platform, alias), NaN);
        for (const [v] of weightEntries(platform, alias)) out.set(v, NaN);
      }
  const scf = scfShaped(platform);
  if (scf)
    for (const m of (alias as ScfAlias).matches ?? [])
      if (!out.has(String(m.version))) out.set(String(m.version), NaN);
  if (!scf && (alias as FcAlias).resolvePolicy === "Content")
    for (const [v] of weightEntries(platform, alias)) if (!out.has(v)) out.set(v, NaN);
  return out;
}

export interface MonitoringRow {
  /** `stage release`, or `-` for an alias no stage calls. */
  readonly stage: string;
  readonly function: string;
  readonly alias: string;
  /** `v2` or `alias` / `function (all versions)`. */
  readonly version: string;
  readonly share: string;
  readonly alarms: string;
  readonly provisioned: string;
}

const pctText = (s: number) => (Number.isFinite(s) ? `${Math.round(s * 1000) / 10}%` : "rule/?");

const SIGNAL_ORDER = ["errors", "throttles", "duration"];
const bySignal = (a: string, b: string) => SIGNAL_ORDER.indexOf(a) - SIGNAL_ORDER.indexOf(b);

function alarmText(list: readonly ReviewAlarm[]): string {
  return list.length === 0 ? "none" : [...new Set(list.map((a) => a.signal))].sort(bySignal).join(",");
}

/** Rows: per stage (or alias no stage calls) and served version, the share, its alarms and its provisioned capacity. */
export function monitoringRows(snapshot: Snapshot): MonitoringRow[] {
  const m = monitoringOf(snapshot);
  if (m.alarms.length === 0 && m.capacity.length === 0) return [];
  const rows: MonitoringRow[] = [];
  const callers = new Map<string, string[]>();
  for (const s of snapshot.stages) {
    const fn = functionOf(snapshot, s);
    if (!fn) continue;
    for (const q of [s.qualifier, ...s.routes.map((r) => r.qualifier)])
      if (q !== undefined)
        callers.set(`${fn.id}\u0000${q}`, [...(callers.get(`${fn.id}\u0000${q}`) ?? []), s.stage]);
  }
  for (const fn of snapshot.functions) {
    const alarms = m.alarms.filter((a) => a.owner === fn.name && a.stack === fn.stack);
    const cap = m.capacity.filter((c) => c.owner === fn.name && c.stack === fn.stack);
    if (alarms.length === 0 && cap.length === 0) continue;
    for (const alias of fn.model.aliases as readonly AnyAlias[]) {
      const stages = callers.get(`${fn.id}\u0000${alias.name}`) ?? [];
      const stage = stages.length > 0 ? stages.map((s) => `stage ${s}`).join(", ") : "-";
      const aliasCap = cap.filter((c) => c.kind === "alias" && c.key === alias.name);
      const ruled = scfShaped(fn.platform)
        ? ((alias as ScfAlias).matches ?? []).length > 0
        : (alias as FcAlias).resolvePolicy === "Content";
      const primary = primaryOf(fn.platform, alias);
      for (const [v, share] of servedShares(fn.platform, alias)) {
        const own = alarms.filter((a) => a.scope === "version" && a.version === v && a.alias === alias.name);
        const vc = cap.filter((c) => c.kind === "version" && c.key === v);
        rows.push({
          stage,
          function: fn.label,
          alias: alias.name,
          version: formatVersion(v),
          share: ruled && v === primary ? "rest" : Number.isNaN(share) && ruled ? "by rule" : pctText(share),
          alarms: alarmText(own),
          provisioned:
            vc.length > 0
              ? String(vc[0].amount ?? "?")
              : aliasCap.length > 0
                ? `alias ${aliasCap[0].amount ?? "?"} (split undocumented)`
                : "-",
        });
      }
      rows.push({
        stage,
        function: fn.label,
        alias: alias.name,
        version: "alias",
        share: "100%",
        alarms: alarmText(alarms.filter((a) => a.scope === "alias" && a.alias === alias.name)),
        provisioned: aliasCap.length > 0 ? String(aliasCap[0].amount ?? "?") : "-",
      });
    }
    const whole = alarms.filter((a) => a.scope === "function");
    if (whole.length > 0)
      rows.push({
        stage: "-",
        function: fn.label,
        alias: "-",
        version: "function (all versions)",
        share: "-",
        alarms: alarmText(whole),
        provisioned: "-",
      });
  }
  return rows;
}

const alarmKey = (a: ReviewAlarm) =>
  `${a.owner}\u0000${a.alias}\u0000${a.scope}\u0000${a.version ?? ""}\u0000${a.signal}`;

/** Release-note lines: alarms added and removed, provisioned capacity added, changed and removed. */
export function monitoringNotes(base: Snapshot, head: Snapshot): string[] {
  const b = monitoringOf(base);
  const h = monitoringOf(head);
  const notes: string[] = [];
  const group = (list: readonly ReviewAlarm[]) => {
    const out = new Map<string, Set<string>>();
    for (const a of list) {
      const subject = `${a.owner} ${a.scope === "version" ? `${formatVersion(a.version!)} on ${a.alias}` : a.scope === "alias" ? `alias ${a.alias}` : "all versions"}`;
      out.set(subject, (out.get(subject) ?? new Set()).add(a.signal));
    }
    return out;
  };
  const bk = new Set(b.alarms.map(alarmKey));
  const hk = new Set(h.alarms.map(alarmKey));
  const added = group(h.alarms.filter((a) => !bk.has(alarmKey(a))));
  const removed = group(b.alarms.filter((a) => !hk.has(alarmKey(a))));
  for (const [s, sig] of added) notes.push(`alarms: + ${s} (${[...sig].sort(bySignal).join(", ")})`);
  for (const [s, sig] of removed) notes.push(`alarms: - ${s} (${[...sig].sort(bySignal).join(", ")})`);
  const capKey = (c: ReviewCapacity) => `${c.owner}\u0000${c.kind}\u0000${c.key}`;
  const capName = (c: ReviewCapacity) =>
    `${c.owner} ${c.kind === "version" ? formatVersion(c.key) : `alias ${c.key}`}`;
  const before = new Map(b.capacity.map((c) => [capKey(c), c]));
  const after = new Map(h.capacity.map((c) => [capKey(c), c]));
  for (const [k, c] of after) {
    const was = before.get(k);
    if (!was) notes.push(`provisioned: + ${capName(c)} ${c.amount ?? "?"}`);
    else if (was.amount !== c.amount)
      notes.push(
        `provisioned: ${capName(c)} ${was.amount ?? "?"} → ${c.amount ?? "?"}${c.kind === "version" ? " (ForceNew: replaced)" : ""}`,
      );
  }
  for (const [k, c] of before)
    if (!after.has(k)) notes.push(`provisioned: - ${capName(c)} ${c.amount ?? "?"}`);
  return notes;
}

/** Every version label a function's aliases serve, with the largest share (NaN: by rule / unknown). */
function servedBy(fn: ReviewFunction): Map<string, number> {
  const out = new Map<string, number>();
  for (const alias of fn.model.aliases as readonly AnyAlias[])
    for (const [v, s] of servedShares(fn.platform, alias)) {
      const prev = out.get(v);
      out.set(v, prev === undefined ? s : Number.isNaN(prev) || Number.isNaN(s) ? NaN : Math.max(prev, s));
    }
  return out;
}

function counterpartFn(snapshot: Snapshot | undefined, fn: ReviewFunction): ReviewFunction | undefined {
  return snapshot?.functions.find((f) => f.id === fn.id) ?? snapshot?.functions.find((f) => f.key === fn.key);
}

export const checkUnwatchedTraffic: DangerCheck = {
  id: "unwatched-version",
  summary:
    "a version gains traffic with no alarm watching it (functions with release alarms; FC 3.0: version-scoped log alerts)",
  needsBase: false,
  check({ head, base }) {
    const out: Danger[] = [];
    const h = monitoringOf(head);
    const b = monitoringOf(base);
    for (const fn of head.functions) {
      const mine = (m: MonitoringSnapshot) => m.alarms.filter((a) => a.owner === fn.name);
      if (mine(h).length === 0 && mine(b).length === 0) continue;
      const now = servedBy(fn);
      const prev = servedBy(
        counterpartFn(base, fn) ?? { ...fn, model: { ...fn.model, aliases: [] } as never },
      );
      for (const [v, share] of now) {
        const was = prev.get(v);
        const gains = was === undefined || (Number.isFinite(share) && Number.isFinite(was) && share > was);
        if (!gains) continue;
        if (mine(h).some((a) => a.scope === "version" && a.version === v)) continue;
        out.push({
          id: "unwatched-version",
          severity: "high",
          message: `${formatVersion(v)} of ${fn.label} gains traffic (${was === undefined ? "none" : pctText(was)} → ${pctText(share)}) but no alarm watches it: declare ReleaseAlarms on the alias that serves it`,
          where: fn.address ?? fn.id,
          stack: fn.stack,
        });
      }
    }
    return out;
  },
};

export const checkCapacityRemoved: DangerCheck = {
  id: "capacity-removed",
  summary:
    "a step removes (or, on SCF, replaces) provisioned capacity of a version or alias that still serves",
  needsBase: true,
  check({ head, base }) {
    const out: Danger[] = [];
    const h = monitoringOf(head);
    for (const c of monitoringOf(base).capacity) {
      const fn = head.functions.find((f) => f.name === c.owner);
      if (!fn) continue;
      const stillServes =
        c.kind === "version"
          ? servedBy(fn).has(c.key)
          : (fn.model.aliases as readonly AnyAlias[]).some((a) => a.name === c.key) ||
            aliasNamed(fn, c.key) !== undefined;
      if (!stillServes) continue;
      const now = h.capacity.find((x) => x.owner === c.owner && x.kind === c.kind && x.key === c.key);
      const what = c.kind === "version" ? formatVersion(c.key) : `alias ${c.key}`;
      if (!now)
        out.push({
          id: "capacity-removed",
          severity: "high",
          message: `${what} of ${fn.label} still serves but loses its provisioned capacity (${c.amount ?? "?"}): its traffic cold-starts on elastic instances`,
          where: c.address,
          stack: c.stack,
        });
      else if (c.kind === "version" && now.amount !== c.amount && (now.amount ?? 0) < (c.amount ?? 0))
        out.push({
          id: "capacity-removed",
          severity: "high",
          message: `${what} of ${fn.label} still serves and its provisioned concurrency drops ${c.amount ?? "?"} → ${now.amount ?? "?"}; every input is ForceNew, so the config is deleted and re-created (capacity gone while it warms up)`,
          where: now.address,
          stack: now.stack,
        });
    }
    return out;
  },
};

export const checkProvisionedOverQuota: DangerCheck = {
  id: "provisioned-over-quota",
  summary:
    "provisioned `full` capacity totals more than the stated quota (SCF: quota minus 100, the per-function limit)",
  needsBase: false,
  check({ head }) {
    const out: Danger[] = [];
    const m = monitoringOf(head);
    for (const intent of m.intents) {
      if (intent.strategy !== "full" || intent.quota === undefined) continue;
      const mine = m.capacity.filter((c) => c.owner === intent.owner && c.stack === intent.stack);
      const sum = mine.reduce((a, c) => a + (c.amount ?? 0), 0);
      // The cloud's reserve under the quota (SCF: 100, per version), else none.
      const capacityProfile = cloudModule(intent.platform)?.profile.capacity;
      const reserve = capacityProfile?.per === "version" ? capacityProfile.quotaReserve : 0;
      const limit = intent.quota - reserve;
      if (sum > limit)
        out.push({
          id: "provisioned-over-quota",
          severity: "critical",
          message: `provisioned capacity of ${intent.owner} totals ${sum} (full: ${intent.total} on each of ${mine.length}), above the stated quota ${intent.quota}${reserve > 0 ? ` minus ${reserve}` : ""} = ${limit}: the apply fails`,
          where: mine[0]?.address ?? intent.owner,
          stack: intent.stack,
        });
    }
    return out;
  },
};

export const MONITORING_CHECKS: readonly DangerCheck[] = [
  checkUnwatchedTraffic,
  checkCapacityRemoved,
  checkProvisionedOverQuota,
];

/**
 * For the simulator: what watches and provisions each simulated version of `functionId` (alarms of any alias
 * on that version, SCF capacity per version, FC 3.0 capacity on `qualifier`). Empty without monitoring.
 */
export function watchLines(
  snapshot: Snapshot,
  functionId: string,
  qualifier: string,
  versions: readonly string[],
): string[] {
  const m = monitoringOf(snapshot);
  const fn = snapshot.functions.find((f) => f.id === functionId);
  if (!fn) return [];
  const alarms = m.alarms.filter((a) => a.owner === fn.name && a.stack === fn.stack);
  const cap = m.capacity.filter((c) => c.owner === fn.name && c.stack === fn.stack);
  if (alarms.length === 0 && cap.length === 0) return [];
  const aliasCap = cap.find((c) => c.kind === "alias" && c.key === qualifier);
  return versions.map((v) => {
    const own = alarms.filter((a) => a.scope === "version" && a.version === v);
    const vc = cap.find((c) => c.kind === "version" && c.key === v);
    const provisioned = vc
      ? `provisioned ${vc.amount ?? "?"}`
      : aliasCap
        ? `provisioned on ${qualifier}: ${aliasCap.amount ?? "?"} (split undocumented)`
        : "not provisioned";
    return `  ${formatVersion(v)}: alarms ${alarmText(own)}; ${provisioned}`;
  });
}
