/** #13 item 15: tables align by display width (CJK characters take two columns). */
import { textTable } from "../../src/review";

/** Display columns of s, counted independently of the implementation: CJK ideographs are wide. */
const columns = (s: string) =>
  [...s].reduce((n, ch) => n + (/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/u.test(ch) ? 2 : 1), 0);

describe("textTable", () => {
  it("aligns columns after CJK text", () => {
    const table = textTable(
      ["alias", "rule", "to"],
      [
        ["release", 'User exact "张三"', "v2"],
        ["prepub", 'User exact "Bob"', "v3"],
      ],
    );
    const lines = table.split("\n");
    // The third column starts at the same display column on every line.
    const starts = lines.map((l) => columns(l.slice(0, l.lastIndexOf("  ") + 2)));
    expect(new Set(starts).size).toBe(1);
    expect(lines[1]).toBe('release  User exact "张三"  v2');
    expect(lines[2]).toBe('prepub   User exact "Bob"   v3');
  });

  it("a wide cell sets the width of its column", () => {
    const [header, row] = textTable(["名前", "x"], [["张三李四", "1"]]).split("\n");
    expect(header).toBe("名前      x");
    expect(row).toBe("张三李四  1");
  });
});
