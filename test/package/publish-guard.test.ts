/**
 * #13 item 16: `repository`, `homepage` and `bugs` are left out until the project has a public home (no invented
 * URL); the `prepublishOnly` guard (scripts/publish-guard.ts, not shipped) refuses `npm publish` meanwhile, with
 * one line saying what is missing.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { guard, manifestsToCheck, missingFields } from "../../scripts/publish-guard";

const root = path.join(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

const COMPLETE = {
  repository: { type: "git", url: "git+https://example.invalid/x.git" },
  homepage: "https://example.invalid/x#readme",
  bugs: { url: "https://example.invalid/x/issues" },
};

function tempPackage(manifest: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "publish-guard-"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest));
  return dir;
}

function run(files: string[]): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = guard(files, (l) => lines.push(l));
  return { code, lines };
}

describe("publish guard", () => {
  it("names the missing fields; empty strings and objects without url count as missing", () => {
    expect(missingFields({})).toEqual(["repository", "homepage", "bugs"]);
    expect(missingFields(COMPLETE)).toEqual([]);
    expect(missingFields({ repository: "github:o/r", homepage: "https://h", bugs: "https://b" })).toEqual([]);
    expect(missingFields({ ...COMPLETE, bugs: { email: "team@example.invalid" } })).toEqual([]);
    expect(missingFields({ repository: { type: "git" }, homepage: " ", bugs: {} })).toEqual([
      "repository",
      "homepage",
      "bugs",
    ]);
    expect(missingFields({ ...COMPLETE, homepage: { url: "https://h" } })).toEqual(["homepage"]);
  });

  it("refuses with exactly one line, and passes a complete manifest silently", () => {
    const bad = tempPackage({ name: "p", version: "1.0.0", homepage: "https://h" });
    const refused = run([path.join(bad, "package.json")]);
    expect(refused.code).toBe(1);
    expect(refused.lines).toHaveLength(1);
    expect(refused.lines[0]).not.toContain("\n");
    expect(refused.lines[0]).toMatch(
      /^publish-guard: refusing to publish p: .*package\.json has no repository, bugs; fill them in when the project has its public home/,
    );
    const good = tempPackage({ name: "p", version: "1.0.0", ...COMPLETE });
    expect(run([path.join(good, "package.json")])).toEqual({ code: 0, lines: [] });
  });

  it("also checks the staged packages in build/<flavour>/package (what the tarballs carry), in the same line", () => {
    const dir = tempPackage({ name: "root", version: "1.0.0", ...COMPLETE });
    for (const f of ["cdktf", "cdktn"]) {
      fs.mkdirSync(path.join(dir, "build", f, "package"), { recursive: true });
      fs.writeFileSync(
        path.join(dir, "build", f, "package", "package.json"),
        JSON.stringify({ name: `${f}-x` }),
      );
    }
    const files = manifestsToCheck({ npm_package_json: path.join(dir, "package.json") }, "/");
    expect(files.map((f) => path.relative(dir, f))).toEqual([
      "package.json",
      path.join("build", "cdktf", "package", "package.json"),
      path.join("build", "cdktn", "package", "package.json"),
    ]);
    const refused = run(files);
    expect(refused.code).toBe(1);
    expect(refused.lines).toHaveLength(1);
    expect(refused.lines[0]).toMatch(
      /refusing to publish cdktf-x: .* has no repository, homepage, bugs \(also .*cdktn/,
    );
  });

  it("is the repository's prepublishOnly, and refuses this manifest today (no public home yet)", () => {
    expect(pkg.scripts.prepublishOnly).toBe("tsx scripts/publish-guard.ts");
    expect(run([path.join(root, "package.json")]).code).toBe(1);
    for (const field of ["repository", "homepage", "bugs"]) expect(pkg[field]).toBeUndefined();
  });

  it("npm runs it: `npm publish --dry-run` of a package without the fields stops at the guard", () => {
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const dir = tempPackage({
      name: "publish-guard-probe",
      version: "0.0.0",
      scripts: { prepublishOnly: `${tsx} ${path.join(root, "scripts", "publish-guard.ts")}` },
    });
    // An unreachable registry: the guard fails before npm would talk to one.
    const r = spawnSync("npm", ["publish", "--dry-run", "--registry", "http://127.0.0.1:9/"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(
      /^publish-guard: refusing to publish publish-guard-probe: package\.json has no/m,
    );
  }, 90_000);

  it("is not shipped: scripts/ is not in `files`, and the built manifests carry no scripts", () => {
    expect(pkg.files.some((f: string) => f.startsWith("scripts"))).toBe(false);
    for (const flavour of ["cdktf", "cdktn"]) {
      const dir = path.join(root, "build", flavour, "package");
      const built = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      expect(built.scripts).toBeUndefined();
      expect(fs.existsSync(path.join(dir, "scripts"))).toBe(false);
    }
  });
});
