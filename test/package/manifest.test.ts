/** #13 items 16–17: what the published package declares about itself. */
import * as fs from "fs";
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

  it("every typed `exports` subpath has its `typesVersions` entry (node10 resolution, #13 item 18)", () => {
    const typed = Object.entries(pkg.exports as Record<string, unknown>)
      .filter(
        ([sub, target]) => sub !== "." && typeof target === "object" && target !== null && "types" in target,
      )
      .map(([sub, target]) => [sub.slice(2), [(target as { types: string }).types.slice(2)]]);
    expect(typed.map(([sub]) => sub)).toContain("rehearse");
    for (const [sub, types] of typed)
      expect([sub, pkg.typesVersions["*"][sub as string]]).toEqual([sub, types]);
  });

  it("has no placeholder URL fields", () => {
    for (const field of ["repository", "homepage", "bugs"]) {
      const value = JSON.stringify(pkg[field] ?? "");
      expect(value).not.toMatch(/example\.|TODO|<|OWNER|your-/i);
    }
  });
});

describe("packing (#13 item 17)", () => {
  // The published manifests are the built flavours' (scripts/build-flavours.ts, run by `npm test`
  // before Jest): the root package.json is private and keeps `prepare` so a clone's npm ci generates
  // the bindings; the built ones carry no scripts at all.
  const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "preprepare", "prepare", "postprepare"];
  const built = (flavour: string) =>
    JSON.parse(fs.readFileSync(path.join(root, "build", flavour, "package", "package.json"), "utf8"));

  it("a clone's npm ci generates the bindings (prepare); the root manifest is not published", () => {
    expect(pkg.scripts.prepare).toBe("npm run gen");
    expect(pkg.private).toBe(true);
  });

  it.each(["cdktf", "cdktn"])(
    "the %s package's manifest has no install-time script and ships LICENSE",
    (flavour) => {
      const packed = built(flavour);
      expect(INSTALL_SCRIPTS.filter((s) => packed.scripts?.[s] !== undefined)).toEqual([]);
      expect(packed.files).toContain("LICENSE");
      expect(fs.existsSync(path.join(root, "build", flavour, "package", "LICENSE"))).toBe(true);
    },
  );

  it("ships lib/, bin/, schemas/ and the docs only", () => {
    expect(pkg.files).toEqual(["lib/", "bin/", "schemas/", "README.md", "CHANGELOG.md", "LICENSE"]);
  });
});
