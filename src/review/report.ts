/**
 * Review output: a plain-text terminal table, Markdown with a Mermaid diagram (stage → alias →
 * versions with weights) for a pull request, and JSON.
 */
import stringWidth from "string-width";
import { AnyAlias, formatPercent, formatVersion, primaryOf, weightEntries } from "../routing";
import { profileOf } from "../clouds/registry";
import { ReviewFunction, ReviewStage, Snapshot } from "./model";
import { monitoringRows } from "./monitoring";
import { ReviewResult, StackWarning } from "./review";
import {
  aliasNamed,
  compareText,
  describeCondition,
  describeRoute,
  functionLabel,
  functionOf,
  rulesText,
  shares,
  sortedStages,
  weightsText,
} from "./view";

/**
 * Left-aligned columns separated by two spaces; no colour. Widths are terminal columns (string-width:
 * a CJK character such as 张 takes two, a combining mark none), not UTF-16 code units.
 */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ""))));
  const pad = (c: string, width: number) => c + " ".repeat(Math.max(0, width - stringWidth(c)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i])))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

/** One row per stage: what it calls, with which weights and rules. */
export interface StageRow {
  readonly id: string;
  readonly gateway: string;
  readonly gatewayLabel: string;
  readonly api?: string;
  readonly cloud: string;
  readonly stage: string;
  readonly cloudStage: string;
  /** The real gateway name in the cloud when it differs (Tencent: `orders-release`). */
  readonly cloudName?: string;
  readonly function?: string;
  readonly qualifier?: string;
  readonly alias?: string;
  readonly versions: string;
  readonly rules: readonly string[];
  readonly problem?: string;
  readonly address: string;
}

export interface AliasRow {
  readonly function: string;
  readonly functionId: string;
  readonly platform: string;
  readonly alias: string;
  readonly address?: string;
  readonly versions: string;
  /** version → fraction; null when only known at apply. */
  readonly weights: readonly { readonly version: string; readonly weight: number | null }[];
  readonly rules: readonly string[];
  readonly stages: readonly string[];
}

function stageRow(snapshot: Snapshot, s: ReviewStage): StageRow {
  const fn = functionOf(snapshot, s);
  const alias =
    fn && s.qualifier !== undefined && s.problem === undefined ? aliasNamed(fn, s.qualifier) : undefined;
  const routes = [...s.routes.map(describeRoute), ...s.unparsedRoutes.map((r) => `gateway ${r} (unread)`)];
  const aliasRules = fn && alias ? rulesText(fn.platform, alias) : "";
  return {
    id: s.id,
    gateway: s.gateway,
    gatewayLabel: s.gatewayLabel,
    ...(s.cloudName !== undefined ? { cloudName: s.cloudName } : {}),
    ...(s.api !== undefined ? { api: s.api } : {}),
    cloud: s.cloud,
    stage: s.stage,
    cloudStage: s.cloudStage,
    ...(fn ? { function: functionLabel(fn) } : {}),
    ...(s.qualifier !== undefined ? { qualifier: s.qualifier } : {}),
    ...(alias ? { alias: alias.name } : {}),
    versions:
      s.problem !== undefined
        ? `(no binding: ${s.problem})`
        : fn && alias
          ? weightsText(fn.platform, alias)
          : `${formatVersion(s.qualifier ?? "?")} 100%`,
    rules: [...routes, ...(aliasRules ? aliasRules.split("; ") : [])],
    ...(s.problem !== undefined ? { problem: s.problem } : {}),
    address: s.address,
  };
}

function aliasRows(snapshot: Snapshot): AliasRow[] {
  const rows: AliasRow[] = [];
  // Stage labels per (function, qualifier), in stage order.
  const stagesOf = new Map<string, string[]>();
  const label = stageLabeller(snapshot);
  for (const s of sortedStages(snapshot.stages)) {
    if (s.functionId === undefined || s.qualifier === undefined || s.problem !== undefined) continue;
    const key = `${s.functionId}\u0000${s.qualifier}`;
    stagesOf.set(key, [...(stagesOf.get(key) ?? []), label(s)]);
  }
  for (const fn of snapshot.functions) {
    for (const alias of fn.model.aliases as readonly AnyAlias[]) {
      const split = shares(fn.platform, alias);
      const weights = split
        ? [...split.entries()].map(([version, weight]) => ({ version, weight }))
        : [
            { version: primaryOf(fn.platform, alias), weight: null },
            ...weightEntries(fn.platform, alias).map(([version, w]) => ({
              version,
              weight: Number.isFinite(w) ? w : null,
            })),
          ];
      const rules = rulesText(fn.platform, alias);
      rows.push({
        function: functionLabel(fn),
        functionId: fn.id,
        platform: fn.platform,
        alias: alias.name,
        ...(fn.aliasAddresses[alias.name] !== undefined ? { address: fn.aliasAddresses[alias.name] } : {}),
        versions: weightsText(fn.platform, alias),
        weights,
        rules: rules ? rules.split("; ") : [],
        stages: stagesOf.get(`${fn.id}\u0000${alias.name}`) ?? [],
      });
    }
  }
  return rows.sort((a, b) => compareText(a.function, b.function) || compareText(a.alias, b.alias));
}

/** Stage labels: the stage name, with the gateway when the snapshot has several. */
function stageLabeller(snapshot: Snapshot): (s: ReviewStage) => string {
  const gateways = new Set(snapshot.stages.map((x) => x.gatewayLabel));
  return (s) => {
    const base = gateways.size > 1 ? `${s.gatewayLabel}/${s.stage}` : s.stage;
    return s.api !== undefined ? `${base} (${s.api})` : base;
  };
}

const dash = (s: string | undefined): string => (s === undefined || s === "" ? "-" : s);

function describeSource(snapshot: Snapshot): string {
  const what = snapshot.kind === "plan" ? "plan" : "Terraform JSON";
  const stacks = snapshot.kind === "plan" ? "" : `, stacks: ${snapshot.stacks.join(", ")}`;
  return `${snapshot.source} (${what}${stacks})`;
}

/** The gateway as the cloud names it (Tencent's per-stage services `orders-release`), with `@stack` kept. */
function realGateway(r: { gateway: string; gatewayLabel: string; cloudName?: string }): string {
  return r.cloudName !== undefined ? r.cloudName + r.gatewayLabel.slice(r.gateway.length) : r.gatewayLabel;
}

/** One stage row's cells, the same in the terminal table and the Markdown table. */
function stageCells(r: ReturnType<typeof stageRow>): string[] {
  return [
    `${r.stage} (${r.cloudStage})`,
    r.api !== undefined ? `${realGateway(r)} ${r.api}` : realGateway(r),
    dash(r.function),
    dash(r.alias),
    r.versions,
    dash(r.rules.join("; ")),
  ];
}

function routingTables(snapshot: Snapshot): string[] {
  const out: string[] = [];
  const stages = sortedStages(snapshot.stages).map((s) => stageRow(snapshot, s));
  if (stages.length > 0) {
    out.push(
      "Stages",
      textTable(["STAGE", "GATEWAY", "FUNCTION", "ALIAS", "VERSIONS", "RULES"], stages.map(stageCells)),
      "",
    );
  }
  const aliases = aliasRows(snapshot);
  if (aliases.length > 0) {
    out.push(
      "Aliases",
      textTable(
        ["FUNCTION", "PLATFORM", "ALIAS", "VERSIONS", "RULES", "STAGES"],
        aliases.map((a) => [
          a.function,
          a.platform,
          a.alias,
          a.versions,
          dash(a.rules.join("; ")),
          dash(a.stages.join(", ")),
        ]),
      ),
      "",
    );
  }
  const fns = snapshot.functions;
  if (fns.length > 0) {
    out.push(
      "Functions",
      textTable(
        ["FUNCTION", "PLATFORM", "STACK", "PUBLISHED VERSIONS"],
        fns.map((f) => [functionLabel(f), f.platform, f.stack, publishedText(f)]),
      ),
      "",
    );
  }
  const watch = monitoringRows(snapshot);
  if (watch.length > 0) {
    out.push(
      "Alarms and provisioned capacity",
      textTable(
        ["STAGE", "FUNCTION", "ALIAS", "VERSION", "SHARE", "ALARMS", "PROVISIONED"],
        watch.map((r) => [r.stage, r.function, r.alias, r.version, r.share, r.alarms, r.provisioned]),
      ),
      "",
    );
  }
  if (stages.length === 0 && aliases.length === 0 && fns.length === 0) {
    out.push("No functions, aliases or stages of SCF, FC 3.0 or FC 2.0 found.", "");
  }
  return out;
}

function publishedText(f: ReviewFunction): string {
  const list = f.model.publishedVersions.map(formatVersion).join(", ") || "none";
  if (f.external) return `${list} (defined outside this configuration)`;
  if (!f.versionsKnown) return `${list} (ids published outside Terraform)`;
  return list;
}

/** The terminal report. */
export function renderText(result: ReviewResult): string {
  const out: string[] = [];
  if (result.mode === "change" && result.base) {
    out.push(
      `Release review`,
      `  base: ${describeSource(result.base)}`,
      `  head: ${describeSource(result.head)}`,
      "",
    );
    out.push("Release notes");
    if (result.releaseNotes.length === 0) out.push("  (no routing or version changes)");
    for (const n of result.releaseNotes) out.push(`  ${n.text}`);
    out.push("");
  } else {
    out.push(`Release review of ${describeSource(result.head)}`, "");
  }
  out.push(...routingTables(result.head));
  if (result.head.notes.length > 0) {
    out.push("Notes", ...result.head.notes.map((n) => `  ${n}`), "");
  }
  const skipped = result.head.notEvaluated ?? [];
  if (skipped.length > 0) {
    out.push(`${NOT_EVALUATED} (${skipped.length})`, ...skipped.map((n) => `  ${n.address} ${n.reason}`), "");
  }
  if (result.warnings.length > 0) {
    out.push(
      `${WARNINGS_HEADING} (${result.warnings.length})`,
      ...result.warnings.map((w) => `  ${warningLine(w)}`),
      "",
    );
  }
  if (result.dangers.length > 0) {
    out.push(`Dangers (${result.dangers.length})`);
    for (const d of result.dangers) {
      const stack = d.stack !== undefined && result.head.stacks.length > 1 ? ` (stack ${d.stack})` : "";
      out.push(
        `  [${d.severity}${d.allowed ? ", allowed" : ""}] ${d.id}: ${d.message}`,
        `      at ${d.where}${stack}`,
      );
    }
    out.push("");
  }
  out.push(summary(result));
  return out.join("\n") + "\n";
}

/** The heading of the warnings synthesis recorded in the stacks (#13 item 5); they never change the exit code. */
export const WARNINGS_HEADING = "Warnings recorded at synthesis";

/** `[stack] construct/path: message`. */
function warningLine(w: StackWarning): string {
  return `[${w.stack}] ${w.path}: ${w.message}`;
}

function summary(result: ReviewResult): string {
  const failing = result.dangers.filter((d) => !d.allowed).length;
  const allowed = result.dangers.length - failing;
  if (result.dangers.length === 0) return "Result: no dangers found.";
  return `Result: ${failing} danger${failing === 1 ? "" : "s"}${allowed > 0 ? `, ${allowed} allowed` : ""} (exit ${result.exitCode}).`;
}

const mdCell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const mdCode = (s: string): string => "`" + s.replace(/`/g, "'") + "`";

function mdTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(mdCell).join(" | ")} |`),
  ].join("\n");
}

/** Text safe inside a quoted Mermaid label. */
export function mermaidText(s: string): string {
  return s
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/\|/g, "#124;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;");
}

/** A Mermaid flowchart: stage → (gateway route) → alias → versions, edges labelled with weights and rules. */
export function mermaid(snapshot: Snapshot): string {
  const lines = ["flowchart LR"];
  const ids = new Map<string, string>();
  const declared = new Set<string>();
  const node = (key: string, prefix: string, shape: (label: string) => string, label: string): string => {
    let id = ids.get(key);
    if (!id) {
      id = `${prefix}${ids.size}`;
      ids.set(key, id);
    }
    if (!declared.has(id)) {
      declared.add(id);
      lines.push(`  ${id}${shape(mermaidText(label))}`);
    }
    return id;
  };
  const edge = (from: string, to: string, label?: string, dotted = false) =>
    lines.push(
      `  ${from} ${dotted ? "-.->" : "-->"}${label !== undefined ? `|"${mermaidText(label)}"|` : ""} ${to}`,
    );
  const called = new Set(snapshot.stages.map((s) => s.functionId));
  const multiFn = snapshot.functions.filter((f) => f.model.aliases.length > 0 || called.has(f.id)).length > 1;
  const versionNode = (fn: ReviewFunction, v: string) =>
    node(
      `v\u0000${fn.id}\u0000${v}`,
      "v",
      (l) => `("${l}")`,
      multiFn ? `${functionLabel(fn)} ${formatVersion(v)}` : formatVersion(v),
    );
  const aliasNode = (fn: ReviewFunction, a: AnyAlias) => {
    const key = `a\u0000${fn.id}\u0000${a.name}`;
    const fresh = !ids.has(key);
    const id = node(
      key,
      "a",
      (l) => `["${l}"]`,
      `alias ${a.name}${multiFn ? ` · ${functionLabel(fn)}` : ""}`,
    );
    if (fresh) {
      const split = shares(fn.platform, a);
      const matches =
        profileOf(fn.platform).aliasShape === "scf"
          ? ((a as { matches?: { version: string; key: string; method: string; expression: string }[] })
              .matches ?? [])
          : [];
      if (matches.length > 0) {
        // Rule routing: matching requests go to the canary, all others to the primary.
        edge(id, versionNode(fn, primaryOf(fn.platform, a)), "otherwise");
      } else if (split) {
        for (const [v, w] of split)
          if (w > 0 || split.size === 1) edge(id, versionNode(fn, v), formatPercent(w));
      } else {
        edge(id, versionNode(fn, primaryOf(fn.platform, a)), "rest");
        for (const [v, w] of weightEntries(fn.platform, a))
          edge(id, versionNode(fn, v), Number.isFinite(w) ? formatPercent(w) : "?");
      }
      for (const m of matches)
        edge(id, versionNode(fn, m.version), `${m.key} ${m.method} ${m.expression}`, true);
    }
    return id;
  };
  const target = (fn: ReviewFunction, q: string): string => {
    const a = aliasNamed(fn, q);
    return a ? aliasNode(fn, a) : versionNode(fn, q);
  };
  const gateways = new Set(snapshot.stages.map((s) => s.gatewayLabel));
  for (const s of sortedStages(snapshot.stages)) {
    const label = `${gateways.size > 1 ? `${s.gatewayLabel} ` : ""}stage ${s.stage}${s.api !== undefined ? ` ${s.api}` : ""}`;
    const sid = node(`s\u0000${s.id}`, "s", (l) => `(["${l}"])`, label);
    const fn = functionOf(snapshot, s);
    if (s.problem !== undefined || !fn || s.qualifier === undefined) {
      edge(
        sid,
        node(`x\u0000${s.id}`, "x", (l) => `{{"${l}"}}`, "no binding"),
        undefined,
        true,
      );
      continue;
    }
    const t = target(fn, s.qualifier);
    if (aliasNamed(fn, s.qualifier)) edge(sid, t);
    else edge(sid, t, "100%");
    for (const r of s.routes)
      edge(
        sid,
        target(fn, r.qualifier),
        `${r.name}: ${r.conditions.map(describeCondition).join(" and ")}`,
        true,
      );
  }
  for (const fn of snapshot.functions)
    for (const a of fn.model.aliases as readonly AnyAlias[]) aliasNode(fn, a);
  return lines.join("\n");
}

/** The Markdown report: release notes, dangers, routing tables and the Mermaid diagram. */
export function renderMarkdown(result: ReviewResult): string {
  const out: string[] = ["## Release review", ""];
  if (result.mode === "change" && result.base) {
    out.push(
      `Base: ${mdCode(result.base.source)} · Head: ${mdCode(result.head.source)}`,
      "",
      "### Release notes",
      "",
    );
    if (result.releaseNotes.length === 0) out.push("No routing or version changes.");
    for (const n of result.releaseNotes) out.push(`- ${n.text}`);
    out.push("");
  } else {
    out.push(`Source: ${mdCode(result.head.source)}`, "");
  }
  if (result.dangers.length > 0) {
    out.push(
      `### Dangers (${result.dangers.length})`,
      "",
      mdTable(
        ["Severity", "Check", "What", "Where"],
        result.dangers.map((d) => [
          `${d.severity}${d.allowed ? " (allowed)" : ""}`,
          mdCode(d.id),
          d.message,
          mdCode(d.where),
        ]),
      ),
      "",
    );
  } else {
    out.push("No dangers found.", "");
  }
  if (result.warnings.length > 0)
    out.push(
      `### ${WARNINGS_HEADING} (${result.warnings.length})`,
      "",
      mdTable(
        ["Stack", "Construct", "Warning"],
        result.warnings.map((w) => [mdCode(w.stack), mdCode(w.path), w.message]),
      ),
      "",
    );
  const stages = sortedStages(result.head.stages).map((s) => stageRow(result.head, s));
  if (stages.length > 0) {
    out.push(
      "### Stages",
      "",
      mdTable(["Stage", "Gateway", "Function", "Alias", "Versions", "Rules"], stages.map(stageCells)),
      "",
    );
  }
  const aliases = aliasRows(result.head);
  if (aliases.length > 0) {
    out.push(
      "### Aliases",
      "",
      mdTable(
        ["Function", "Alias", "Versions", "Rules", "Stages"],
        aliases.map((a) => [
          a.function,
          a.alias,
          a.versions,
          dash(a.rules.join("; ")),
          dash(a.stages.join(", ")),
        ]),
      ),
      "",
    );
  }
  const watch = monitoringRows(result.head);
  if (watch.length > 0) {
    out.push(
      "### Alarms and provisioned capacity",
      "",
      mdTable(
        ["Stage", "Function", "Alias", "Version", "Share", "Alarms", "Provisioned"],
        watch.map((r) => [r.stage, r.function, r.alias, r.version, r.share, r.alarms, r.provisioned]),
      ),
      "",
    );
  }
  if (stages.length > 0 || aliases.length > 0) out.push("```mermaid", mermaid(result.head), "```", "");
  const skipped = result.head.notEvaluated ?? [];
  if (skipped.length > 0)
    out.push(`### ${NOT_EVALUATED}`, "", ...skipped.map((n) => `- \`${n.address}\` ${n.reason}`), "");
  if (result.head.notes.length > 0)
    out.push(
      "<details><summary>Notes</summary>",
      "",
      ...result.head.notes.map((n) => `- ${n}`),
      "",
      "</details>",
      "",
    );
  return out.join("\n");
}

function snapshotJson(s: Snapshot) {
  return { source: s.source, kind: s.kind, stacks: s.stacks };
}

/** The heading of what raw JSON could not evaluate; a plan evaluates it. */
export const NOT_EVALUATED = "Not evaluated — run with a plan";

/** The JSON report (stable shape; see the README). */
export function reviewJson(result: ReviewResult) {
  const head = result.head;
  return {
    command: "review",
    mode: result.mode,
    head: snapshotJson(head),
    ...(result.base ? { base: snapshotJson(result.base) } : {}),
    stages: sortedStages(head.stages).map((s) => stageRow(head, s)),
    aliases: aliasRows(head),
    functions: head.functions.map((f) => ({
      id: f.id,
      name: f.name,
      platform: f.platform,
      stack: f.stack,
      ...(f.address !== undefined ? { address: f.address } : {}),
      external: f.external,
      versionsKnown: f.versionsKnown,
      publishedVersions: f.model.publishedVersions,
    })),
    monitoring: {
      rows: monitoringRows(head),
      alarms: head.monitoring?.alarms ?? [],
      capacity: head.monitoring?.capacity ?? [],
    },
    releaseNotes: result.releaseNotes,
    versionChanges: result.versionChanges,
    dangers: result.dangers,
    notes: head.notes,
    notEvaluated: head.notEvaluated ?? [],
    warnings: result.warnings,
    exitCode: result.exitCode,
  };
}
