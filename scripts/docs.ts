/**
 * The API reference: TypeDoc (typedoc.json) from the declarations and their doc comments into
 * docs/api/ (Markdown, one page per entry point). `npm run docs` regenerates it;
 * test/package/docs.test.ts regenerates it into a temporary folder and fails when docs/api differs.
 *
 *   npm run docs                 # write docs/api/
 *   npm run docs -- --out <dir>  # write elsewhere (the freshness test)
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { ROOT } from "./flavours";

export const TYPEDOC_BIN = path.join(ROOT, "node_modules", "typedoc", "bin", "typedoc");

export function generateDocs(out: string): void {
  execFileSync(
    process.execPath,
    [TYPEDOC_BIN, "--options", path.join(ROOT, "typedoc.json"), "--out", out, "--logLevel", "Warn"],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
}

if (require.main === module) {
  const i = process.argv.indexOf("--out");
  const out = i >= 0 ? path.resolve(process.argv[i + 1]) : path.join(ROOT, "docs", "api");
  generateDocs(out);
  console.log(`docs: API reference in ${path.relative(ROOT, out) || out}`);
}
