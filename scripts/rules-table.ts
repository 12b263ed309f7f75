/**
 * Renders the README's validation-rules table from the rule objects themselves, so the table cannot drift
 * from the code (test/routing/rules/readme-table.test.ts compares it with README.md).
 *
 *   npx tsx scripts/rules-table.ts          # print the table
 *   npx tsx scripts/rules-table.ts --write  # update README.md between the markers (or append the section)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ROUTING_RULES, ROUTING_KEY_MAX_BYTES, SERVICE_RELEASE_TYPE } from "../src/routing/rules";
import { Platform } from "../src/routing/types";

export const TABLE_START = "<!-- rules-table:start -->";
export const TABLE_END = "<!-- rules-table:end -->";
export const README_PATH = path.join(__dirname, "..", "README.md");

interface TableRow {
  readonly id: string;
  readonly platforms: readonly string[];
  readonly codes: readonly string[];
  readonly summary: string;
}

/** V21 and V26 are not model rules: they check a request's RoutingKey and synthesized Terraform JSON. */
const EXTRA_ROWS: readonly TableRow[] = [
  {
    id: "V21",
    platforms: ["scf"] satisfies Platform[],
    codes: ["InvalidParameterValue.Param"],
    summary: `parseRoutingKey: a simulated request's RoutingKey is a JSON object of string → string of at most ${ROUTING_KEY_MAX_BYTES} bytes`,
  },
  {
    id: "V26",
    platforms: ["scf (Terraform JSON)"],
    codes: ["ReleaseCreateBeforeDestroy"],
    summary: `checkServiceReleaseLifecycle: no create_before_destroy on ${SERVICE_RELEASE_TYPE} (the environment would end up unpublished)`,
  },
];

const ruleNumber = (id: string): number => Number(id.replace(/^V/, ""));

/**
 * Plain text → one table cell: a pipe would split the cell, a newline end the row, `<k>` read as an HTML tag,
 * `$…$` as math and `_`/`*` as emphasis.
 */
function cell(text: string): string {
  return text
    .replace(/\r?\n/g, " ")
    .replace(/[\\|$_*]/g, "\\$&")
    .replace(/</g, "&lt;");
}

/** A code span keeps its text literally; only a pipe needs escaping inside a table. */
function code(text: string): string {
  return `\`${text.replace(/\|/g, "\\|")}\``;
}

/** The Markdown table: Rule | Platforms | Error code(s) | Checks, one row per rule in id order. */
export function rulesTableMarkdown(): string {
  const rows: TableRow[] = [...ROUTING_RULES, ...EXTRA_ROWS].sort(
    (a, b) => ruleNumber(a.id) - ruleNumber(b.id),
  );
  const ids = rows.map((r) => r.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`rule ${duplicate} appears twice in the rules table`);
  const lines = [
    "| Rule | Platforms | Error code(s) | Checks |",
    "|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.id} | ${cell(r.platforms.join(", "))} | ${r.codes.map(code).join(", ")} | ${cell(r.summary)} |`,
    ),
  ];
  return lines.join("\n");
}

/** The marker block as it appears in README.md. */
export function rulesTableBlock(): string {
  return `${TABLE_START}\n${rulesTableMarkdown()}\n${TABLE_END}`;
}

/** The table between the markers of a README, or undefined when the markers are missing. */
export function extractRulesTable(readme: string): string | undefined {
  const text = readme.replace(/\r\n/g, "\n");
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END, start + TABLE_START.length);
  if (start < 0 || end < 0) return undefined;
  return text
    .slice(start + TABLE_START.length, end)
    .replace(/^\n/, "")
    .replace(/\n$/, "");
}

/**
 * README text with the table updated: replaced between the markers, or, when the markers are missing,
 * a "## Validation rules" section appended at the end. The ignore comments keep Prettier from padding
 * the table (which would make it differ from the generated text).
 */
export function updateReadme(readme: string | undefined): string {
  const text = (readme ?? "").replace(/\r\n/g, "\n");
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END, start + TABLE_START.length);
  if (start >= 0 && end >= 0) {
    return text.slice(0, start) + rulesTableBlock() + text.slice(end + TABLE_END.length);
  }
  const section = [
    "## Validation rules",
    "",
    "Generated from the rule objects by `npx tsx scripts/rules-table.ts --write`; do not edit by hand.",
    "",
    "<!-- prettier-ignore-start -->",
    rulesTableBlock(),
    "<!-- prettier-ignore-end -->",
    "",
  ].join("\n");
  const body = text.replace(/\s*$/, "");
  return body.length === 0 ? section : `${body}\n\n${section}`;
}

if (require.main === module) {
  if (process.argv.includes("--write")) {
    const before = fs.existsSync(README_PATH) ? fs.readFileSync(README_PATH, "utf8") : undefined;
    const after = updateReadme(before);
    if (after !== before) fs.writeFileSync(README_PATH, after);
    process.stdout.write(`${after === before ? "unchanged" : "updated"}: ${README_PATH}\n`);
  } else {
    process.stdout.write(rulesTableMarkdown() + "\n");
  }
}
