/** Rehearsal reports as text (the per-step table), Markdown (for a pull request) and JSON. */
import { formatRouting, PlannedChange, RehearsalReport } from "./rehearse";

const SYMBOL: Record<PlannedChange["action"], string> = {
  create: "+",
  update: "~",
  replace: "-/+",
  delete: "-",
};

function changeLine(c: PlannedChange): string {
  const what =
    c.action === "replace" ? `forced by ${c.replacedBy.join(", ") || "?"}` : c.attributes.join(", ");
  return `${SYMBOL[c.action]} ${c.action} ${c.address}${what ? ` (${what})` : ""}`;
}

function counts(changes: readonly PlannedChange[]): string {
  const n = (a: PlannedChange["action"]) => changes.filter((c) => c.action === a).length;
  const parts = (["create", "update", "replace", "delete"] as const)
    .filter((a) => n(a) > 0)
    .map((a) => `${n(a)} ${a}`);
  return parts.length ? parts.join(", ") : "no changes";
}

export function renderRehearsalText(r: RehearsalReport): string {
  const out: string[] = [];
  for (const s of r.steps) {
    out.push(`step ${s.step}`);
    for (const b of s.before) out.push(`  before: ${b}`);
    for (const st of s.stacks) {
      out.push(`  stack ${st.stack}: plan ${counts(st.plan)}`);
      for (const c of st.plan) out.push(`    ${changeLine(c)}`);
      out.push(`    apply: ${st.applied ? "ok" : "FAILED"}`);
      for (const e of st.errors) out.push(`      ${e}`);
      if (st.applied)
        out.push(`    re-plan: ${st.replanEmpty ? "empty" : `NOT EMPTY (${counts(st.replan)})`}`);
      for (const c of st.replan) out.push(`      ${changeLine(c)}`);
      if (st.aliases.length) {
        const rows = st.aliases.map((a) => [
          `${a.function}/${a.alias}`,
          formatRouting(a.declared),
          formatRouting(a.deployed),
          a.same ? "ok" : "DIFFERS",
        ]);
        const head = ["alias", "declared", "twin (deployed)", ""];
        const width = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
        for (const row of [head, ...rows])
          out.push(
            `    ${row
              .map((c, i) => c.padEnd(width[i]))
              .join("  ")
              .trimEnd()}`,
          );
      }
      for (const g of st.stages) out.push(`    stage ${g.gateway}/${g.stage} → ${g.function}:${g.qualifier}`);
    }
    for (const f of s.findings) out.push(`  ✗ ${f.kind}: ${f.stack}: ${f.message}`);
  }
  out.push(
    r.ok
      ? `rehearsal ok: ${r.steps.length} steps, every apply succeeded, every re-plan empty, routing as declared (Terraform ${r.terraformVersion}, provider twin)`
      : `rehearsal FAILED: ${r.findings.length} finding(s) in ${new Set(r.findings.map((f) => f.step)).size} step(s) (Terraform ${r.terraformVersion}, provider twin)`,
  );
  return out.join("\n") + "\n";
}

const md = (s: string) => s.replace(/\|/g, "\\|");

export function renderRehearsalMarkdown(r: RehearsalReport): string {
  const out: string[] = [
    `## Rehearsal ${r.ok ? "✅ passed" : "❌ failed"}`,
    "",
    `Terraform ${r.terraformVersion} against the serverless-canary provider twin (offline; the twin models the providers' source, it is not the cloud).`,
    "",
    "| step | stack | plan | apply | re-plan | routing |",
    "|---|---|---|---|---|---|",
  ];
  for (const s of r.steps)
    for (const st of s.stacks)
      out.push(
        `| ${md(s.step)} | ${md(st.stack)} | ${counts(st.plan)} | ${st.applied ? "ok" : "**failed**"} | ${st.applied ? (st.replanEmpty ? "empty" : "**not empty**") : "–"} | ${st.aliases.length ? (st.aliases.every((a) => a.same) ? "as declared" : "**differs**") : "–"} |`,
      );
  for (const s of r.steps) {
    out.push("", `### ${md(s.step)}`);
    for (const b of s.before) out.push(`- before: ${md(b)}`);
    for (const st of s.stacks) {
      out.push("", `**${md(st.stack)}**`, "");
      if (st.plan.length) out.push("```diff", ...st.plan.map(changeLine), "```");
      if (st.aliases.length) {
        out.push("", "| alias | declared | twin (deployed) | |", "|---|---|---|---|");
        for (const a of st.aliases)
          out.push(
            `| ${md(`${a.function}/${a.alias}`)} | ${md(formatRouting(a.declared))} | ${md(formatRouting(a.deployed))} | ${a.same ? "ok" : "**differs**"} |`,
          );
      }
    }
    if (s.findings.length) {
      out.push("");
      for (const f of s.findings) out.push(`- ❌ \`${f.kind}\` ${md(f.stack)}: ${md(f.message)}`);
    }
  }
  return out.join("\n") + "\n";
}

export function rehearsalJson(r: RehearsalReport): unknown {
  return {
    ok: r.ok,
    terraformVersion: r.terraformVersion,
    findings: r.findings,
    steps: r.steps.map((s) => ({
      ...s,
      stacks: s.stacks.map((st) => {
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { planJson, ...rest } = st;
        return rest;
      }),
    })),
  };
}
