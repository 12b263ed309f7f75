/**
 * #13 item 20: the README documents how to consume an unreleased build (an `npm pack` tarball; `file:`/`npm link`
 * with their caveats), and what it says about the package holds: the tarball name, the build packing `lib/`,
 * the shipped folders and the peer dependencies.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

describe("README: consuming an unreleased build", () => {
  const section = README.slice(
    README.indexOf("### An unreleased build"),
    README.indexOf("## A release in code"),
  );

  it("has the section, before the first example", () => {
    expect(section.length).toBeGreaterThan(200);
  });

  it("names the tarball the build writes and installs it with the peer dependencies", () => {
    const tarball = `${pkg.name}-${pkg.version}.tgz`;
    expect(section).toContain(`npm ci && npm run build            # → dist/${tarball}`);
    expect(section).toContain(
      `npm install ../cdktf-serverless-canary/dist/${tarball} cdktf@${pkg.peerDependencies.cdktf} constructs@${pkg.peerDependencies.constructs}`,
    );
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(["cdktf", "constructs"]);
  });

  it("what it says about the package holds: the build packs lib/, which is what ships", () => {
    expect(pkg.scripts.build).toContain("build-flavours");
    expect(pkg.private).toBe(true);
    expect(pkg.main.startsWith("lib/")).toBe(true);
    expect(pkg.files).toEqual(expect.arrayContaining(["lib/", "bin/", "schemas/"]));
    const ignored = fs.readFileSync(path.join(ROOT, ".gitignore"), "utf8").split("\n");
    expect(ignored).toContain("lib/"); // not committed: a path install needs a build first
  });

  it("documents the file:/npm link caveats: the build first and two copies of cdktf", () => {
    expect(section).toContain('"file:../cdktf-serverless-canary"');
    expect(section).toContain("npm link");
    expect(section).toContain("build/<cdktf|cdktn>/package/");
    expect(section).toContain("**Two copies of cdktf.**");
    expect(section).toContain("rm -rf node_modules/cdktf node_modules/constructs");
  });
});
