/** The README's rules table is generated from the rule objects and must never drift from the code. */
import * as fs from "node:fs";
import {
  extractRulesTable,
  README_PATH,
  rulesTableMarkdown,
  TABLE_END,
  TABLE_START,
  updateReadme,
} from "../../../scripts/rules-table";
import { ROUTING_RULES } from "../../../src/routing/rules";

const FIX = "run `npx tsx scripts/rules-table.ts --write` and commit README.md";

describe("README rules table", () => {
  test("README.md holds exactly the generated table between the markers", () => {
    if (!fs.existsSync(README_PATH)) throw new Error(`README.md is missing: ${FIX}`);
    const table = extractRulesTable(fs.readFileSync(README_PATH, "utf8"));
    if (table === undefined) throw new Error(`README.md lacks ${TABLE_START} … ${TABLE_END}: ${FIX}`);
    // On a mismatch the diff shows which rule changed; regenerate with the command above.
    expect(table).toBe(rulesTableMarkdown());
  });

  test("one row per rule, V0–V28 in order, including V21 and V26", () => {
    const rows = rulesTableMarkdown().split("\n").slice(2);
    expect(rows.map((r) => r.split(" | ")[0].replace("| ", ""))).toEqual(
      Array.from({ length: 29 }, (_, i) => `V${i}`),
    );
    expect(rows.find((r) => r.startsWith("| V21 "))).toContain("`InvalidParameterValue.Param`");
    expect(rows.find((r) => r.startsWith("| V26 "))).toContain("`ReleaseCreateBeforeDestroy`");
  });

  test.each(ROUTING_RULES.map((rule) => ({ id: rule.id, rule })))(
    "$id row lists the rule's platforms and codes",
    ({ id, rule }) => {
      const row = rulesTableMarkdown()
        .split("\n")
        .find((r) => r.startsWith(`| ${id} |`));
      expect(row).toBeDefined();
      const cells = (row as string).split(/(?<!\\)\|/).map((c) => c.trim());
      expect(cells[2]).toBe(rule.platforms.join(", "));
      expect(cells[3]).toBe(rule.codes.map((c) => `\`${c}\``).join(", "));
    },
  );

  test("cells escape what Markdown would misread", () => {
    const table = rulesTableMarkdown();
    expect(table).toContain("condition AND\\|OR"); // V9: not a cell separator
    expect(table).toContain("invoke.headers.&lt;k>"); // V19: not an HTML tag
    expect(table).not.toMatch(/[^\\]\$/); // V13: no inline math
    for (const line of table.split("\n")) expect(line.split(/(?<!\\)\|/)).toHaveLength(6);
  });

  describe("updateReadme", () => {
    const block = `${TABLE_START}\n${rulesTableMarkdown()}\n${TABLE_END}`;

    test("creates the section when there is no README", () => {
      const out = updateReadme(undefined);
      expect(out.startsWith("## Validation rules\n")).toBe(true);
      expect(out).toContain(block);
      expect(extractRulesTable(out)).toBe(rulesTableMarkdown());
    });

    test("appends the section at the end when the markers are missing", () => {
      const out = updateReadme("# cdktf-serverless-canary\n\nIntro.\n\n");
      expect(out.startsWith("# cdktf-serverless-canary\n\nIntro.\n\n## Validation rules\n")).toBe(true);
      expect(out.trimEnd().endsWith("<!-- prettier-ignore-end -->")).toBe(true);
    });

    test("replaces only the text between the markers, and is idempotent", () => {
      const readme = `# Title\n\n${TABLE_START}\n| stale |\n${TABLE_END}\n\n## Later section\n`;
      const out = updateReadme(readme);
      expect(out).toBe(`# Title\n\n${block}\n\n## Later section\n`);
      expect(updateReadme(out)).toBe(out);
    });

    test("reads CRLF READMEs", () => {
      expect(extractRulesTable(`x\r\n${TABLE_START}\r\n| a |\r\n${TABLE_END}\r\n`)).toBe("| a |");
    });
  });
});
