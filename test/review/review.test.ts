/** Release notes, review results and the three report formats. */
import * as path from "path";
import {
  load,
  mermaid,
  mermaidText,
  releaseNotes,
  renderMarkdown,
  renderText,
  review,
  reviewJson,
  snapshotOf,
  textTable,
  versionChanges,
} from "../../src/review";
import { fixture, scfSnapshot, synthRelease, tempDir } from "./fixtures";

describe("release notes", () => {
  test("per stage, in the digest format, with version publications", () => {
    const base = scfSnapshot({
      versions: ["v1"],
      aliases: { release: { primary: "v1" } },
      stages: { release: "release" },
    });
    const head = scfSnapshot({
      versions: ["v1", "v2"],
      aliases: { release: { primary: "v1", weights: [["v2", 0.1]] } },
      stages: { release: "release" },
    });
    const notes = releaseNotes(base, head, versionChanges(base, head));
    expect(notes.map((n) => n.text)).toEqual(["release: v1 100% → v1 90% | v2 10%", "orders: publishes v2"]);
    expect(notes[0]).toMatchObject({
      kind: "stage",
      subject: "release",
      before: "v1 100%",
      after: "v1 90% | v2 10%",
    });
  });

  test("aliases no stage calls get their own line; unchanged routing gets none", () => {
    const base = scfSnapshot({
      versions: ["v1", "v2"],
      aliases: { release: { primary: "v1" }, beta: { primary: "v1" } },
    });
    const head = scfSnapshot({
      versions: ["v1", "v2"],
      aliases: { release: { primary: "v1" }, beta: { primary: "v2" } },
    });
    expect(releaseNotes(base, head, []).map((n) => n.text)).toEqual(["beta: v1 100% → v2 100%"]);
  });

  test("stages added and removed, rebinding to a version, and rule sides in brackets", () => {
    const base = scfSnapshot({
      versions: ["v1", "v2"],
      aliases: { release: { primary: "v1" } },
      stages: { release: "release", prepub: "release" },
    });
    const head = scfSnapshot({
      versions: ["v1", "v2"],
      aliases: { release: { primary: "v1" } },
      stages: { release: "release", test: "v2" },
    });
    expect(releaseNotes(base, head, []).map((n) => n.text)).toEqual([
      "prepub: v1 100% (alias release) → (none)",
      "dev: (none) → v2",
    ]);
  });

  test("a plan compared with its own before state", () => {
    const result = review(load(fixture("plan-scf-replace.json")));
    expect(result.mode).toBe("change");
    expect(result.releaseNotes.map((n) => n.text)).toEqual([
      "release: v1 100% → v1 90% | v2 10%",
      "orders: publishes v2; replaces v1",
    ]);
    expect(result.dangers.map((d) => [d.id, d.severity])).toEqual([
      ["referenced-version-deleted", "critical"],
      ["multiple-new-versions", "high"],
      ["service-release-replaced", "high"],
    ]);
    expect(result.exitCode).toBe(1);
  });
});

describe("review", () => {
  let base: string;
  let head: string;
  beforeAll(() => {
    const dir = tempDir();
    base = synthRelease(path.join(dir, "base"), {
      orders: {
        platform: "scf",
        versions: ["1", "2"],
        release: { version: "1" },
        prepub: { version: "2" },
        gateway: true,
      },
    });
    head = synthRelease(path.join(dir, "head"), {
      orders: {
        platform: "scf",
        versions: ["1", "2"],
        release: { version: "1", canary: { version: "2", weight: 0.1 } },
        prepub: { version: "2" },
        gateway: true,
      },
    });
  });

  test("a single configuration has no notes and exit 0", () => {
    const result = review(load(base));
    expect(result).toMatchObject({ mode: "single", releaseNotes: [], dangers: [], exitCode: 0 });
  });

  test("a canary start is a release note, not a danger", () => {
    const result = review(load(head), load(base));
    expect(result.releaseNotes.map((n) => n.text)).toEqual(["release: v1 100% → v1 90% | v2 10%"]);
    expect(result.exitCode).toBe(0);
  });

  test("allowed dangers are reported but do not fail", () => {
    const loaded = load(fixture("plan-fc3-delete.json"));
    const strict = review(loaded);
    expect(strict.exitCode).toBe(1);
    const allowAll = review(loaded, undefined, {
      allow: ["referenced-version-deleted", "multiple-new-versions", "unpublished-version", "weight-jump"],
    });
    expect(allowAll.dangers.every((d) => d.allowed)).toBe(true);
    expect(allowAll.exitCode).toBe(0);
    expect(review(loaded, undefined, { maxWeightJump: 95 }).dangers.map((d) => d.id)).not.toContain(
      "weight-jump",
    );
  });

  test("text report: aligned tables, then dangers and the result line", () => {
    const text = renderText(review(load(head), load(base)));
    const lines = text.split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "Release review",
      `  base: ${base} (Terraform JSON, stacks: orders)`,
      `  head: ${head} (Terraform JSON, stacks: orders)`,
      "",
      "Release notes",
      "  release: v1 100% → v1 90% | v2 10%",
      "",
    ]);
    expect(text).toContain(
      [
        "Stages",
        "STAGE              GATEWAY             FUNCTION  ALIAS     VERSIONS         RULES",
        "release (release)  orders_api_release  orders    release   v1 90% | v2 10%  -",
        "prepub (prepub)    orders_api_prepub   orders    prepub    v2 100%          -",
        "dev (test)         orders_api_dev      orders    $DEFAULT  $LATEST 100%     -",
      ].join("\n"),
    );
    expect(lines[lines.length - 2]).toBe("Result: no dangers found.");
  });

  test("Markdown: release notes, tables and a Mermaid flowchart stage → alias → versions", () => {
    const md = renderMarkdown(review(load(head), load(base)));
    expect(md).toContain("### Release notes\n\n- release: v1 100% → v1 90% | v2 10%");
    expect(md).toContain(
      "| release (release) | orders_api_release | orders | release | v1 90% \\| v2 10% | - |",
    );
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(md);
    expect(block).not.toBeNull();
    const chart = block![1];
    expect(chart.split("\n")[0]).toBe("flowchart LR");
    expect(chart).toMatch(/s\d+\(\["stage release"\]\)/);
    expect(chart).toMatch(/a\d+\["alias release"\]/);
    expect(chart).toMatch(/a\d+ -->\|"90%"\| v\d+/);
    expect(chart).toMatch(/a\d+ -->\|"10%"\| v\d+/);
    expect(chart).toMatch(/v\d+\("\$LATEST"\)/);
  });

  test("JSON: a stable shape", () => {
    const json = reviewJson(review(load(fixture("plan-fc3-delete.json"))));
    expect(Object.keys(json)).toEqual([
      "command",
      "mode",
      "head",
      "base",
      "stages",
      "aliases",
      "functions",
      "monitoring",
      "releaseNotes",
      "versionChanges",
      "dangers",
      "notes",
      "notEvaluated",
      "warnings",
      "exitCode",
    ]);
    expect(json.aliases.find((a) => a.alias === "prepub")!.weights).toEqual([
      { version: "1", weight: null },
      { version: "3", weight: null },
    ]);
    expect(json.versionChanges.map((v) => [v.label, v.change])).toEqual([
      ["2", "deleted"],
      ["3", "published"],
      ["4", "published"],
    ]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe("report helpers", () => {
  test("textTable pads every column but the last", () => {
    expect(
      textTable(
        ["A", "BB"],
        [
          ["xxx", "y"],
          ["", "zz"],
        ],
      ),
    ).toBe("A    BB\nxxx  y\n     zz");
  });

  test("mermaidText escapes quotes, pipes and angle brackets", () => {
    expect(mermaidText('a "b" | <c> #1')).toBe("a #quot;b#quot; #124; #lt;c#gt; #35;1");
  });

  test("rules are dotted edges; a stage without a binding points to a warning node", () => {
    const s = snapshotOf(load(fixture("fc2-handwritten.tf.json")));
    const chart = mermaid(s);
    expect(chart).toContain('{{"no binding"}}');
    const scf = mermaid(snapshotOf(load(fixture("scf-handwritten.tf.json"))));
    expect(scf).toMatch(/a\d+ -\.->\|"invoke\.headers\.tier exact gold"\| v\d+/);
  });
});
