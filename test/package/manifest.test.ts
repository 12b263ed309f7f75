/** #13 items 16–17: what the published package declares about itself. */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.join(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

const version = (v: string) => v.replace(/^v/, "").split(".").map(Number);
const atLeast = (a: number[], b: number[]) => {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
};

describe("package manifest", () => {
  it("ships the Apache-2.0 license it declares, in the standard text", () => {
    expect(pkg.license).toBe("Apache-2.0");
    const text = fs.readFileSync(path.join(root, "LICENSE"), "utf8");
    expect(text).toContain("Apache License\n                           Version 2.0, January 2004");
    expect(text).toContain("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION");
    expect(text).toContain("9. Accepting Warranty or Additional Liability.");
    expect(text).toContain("END OF TERMS AND CONDITIONS");
  });

  it("engines.node is the Node.js the README says is tested, and this run satisfies it", () => {
    const m = /^>=(\d+\.\d+\.\d+)$/.exec(pkg.engines.node);
    expect(m).not.toBeNull();
    const tested = /tested on Node\.js (\d+\.\d+\.\d+)/.exec(readme);
    expect(tested?.[1]).toBe(m![1]);
    expect(atLeast(version(process.version), version(m![1]))).toBe(true);
  });

  it("has no placeholder URL fields", () => {
    for (const field of ["repository", "homepage", "bugs"]) {
      const value = JSON.stringify(pkg[field] ?? "");
      expect(value).not.toMatch(/example\.|TODO|<|OWNER|your-/i);
    }
  });
});

describe("packing (#13 item 17)", () => {
  const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "preprepare", "prepare", "postprepare"];
  const npm = (cwd: string, args: string[]) =>
    execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

  it("a clone's npm ci generates the bindings (prepare), prepack builds lib/ including them", () => {
    expect(pkg.scripts.prepare).toBe("npm run gen");
    const steps = (pkg.scripts.prepack as string).split("&&").map((s) => s.trim());
    expect(steps.slice(0, 2)).toEqual(["npm run gen", "npm run build"]);
  });

  it("the packed manifest has no install-time script, and postpack restores package.json byte for byte", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-manifest-"));
    try {
      const original = fs.readFileSync(path.join(root, "package.json"), "utf8");
      fs.writeFileSync(path.join(dir, "package.json"), original);
      // What prepack does to the manifest after building (its `npm pkg` steps), then what postpack undoes.
      const pkgSteps = (script: string) =>
        script
          .split("&&")
          .map((s) => s.trim())
          .filter((s) => s.startsWith("npm pkg "));
      for (const step of pkgSteps(pkg.scripts.prepack)) npm(dir, shellWords(step).slice(1));
      const packed = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      expect(INSTALL_SCRIPTS.filter((s) => packed.scripts?.[s] !== undefined)).toEqual([]);
      for (const step of pkgSteps(pkg.scripts.postpack ?? "")) npm(dir, shellWords(step).slice(1));
      expect(fs.readFileSync(path.join(dir, "package.json"), "utf8")).toBe(original);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("ships lib/, bin/, schemas/ and the docs only", () => {
    expect(pkg.files).toEqual(["lib/", "bin/", "schemas/", "README.md", "CHANGELOG.md", "LICENSE"]);
  });
});

/** `npm pkg set scripts.prepare="npm run gen"` → its words, quotes removed (the forms package.json uses). */
function shellWords(command: string): string[] {
  return (command.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []).map((w) => w.replace(/"/g, ""));
}
