/**
 * docs/api/ (the API reference, linked from the README) is what `npm run docs` makes from the
 * current sources: regenerated into a temporary folder here, and compared file by file.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateDocs } from "../../scripts/docs";
import { ROOT } from "../../scripts/flavours";

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) out[file.split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
  }
  return out;
}

it("docs/api is up to date with the sources (run npm run docs)", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "api-docs-"));
  generateDocs(tmp);
  const fresh = tree(tmp);
  const committed = tree(path.join(ROOT, "docs", "api"));
  expect(Object.keys(committed)).toEqual(Object.keys(fresh));
  for (const file of Object.keys(fresh))
    expect({ file, text: committed[file] }).toEqual({ file, text: fresh[file] });
  // The reference covers the constructs, with their doc comments.
  expect(fresh["main.md"]).toContain("### FunctionWithVersions");
}, 120_000);

it("the README links the API reference", () => {
  expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain("](docs/api/README.md)");
});
