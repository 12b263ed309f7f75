/**
 * Builds both packages from the one `src/` (scripts/flavours.json):
 *
 *   cdktf-serverless-canary  for cdktf 0.21  (bindings by @cdktf/provider-generator, src/.gen)
 *   cdktn-serverless-canary  for cdktn 0.24  (bindings by @cdktn/provider-generator, src/.gen-cdktn)
 *
 *   npm run build                              # both: build/<flavour>/package/ and dist/*.tgz
 *   npm run build -- --flavour cdktn           # one
 *   npm run build -- --no-pack                 # compile only (no tarballs)
 *
 * Per flavour: stage src/ into build/<flavour>/src/ with that flavour's bindings as `.gen/` and the
 * framework seam (src/cdktf.ts) rewritten for it (scripts/seam.js, the only source difference);
 * compile with tsc into build/<flavour>/package/lib/; write the package.json (name, peer ranges from
 * flavours.json; the rest from the root package.json), README, CHANGELOG, bin/ and schemas/; then
 * `npm pack` it into dist/.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Flavour, flavoursFromArgv, ROOT } from "./flavours";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { seamFor, SEAM } = require("./seam") as { seamFor: (s: string, f: string) => string; SEAM: string };

const BUILD = path.join(ROOT, "build");
const DIST = path.join(ROOT, "dist");
const GEN_DIRS = new Set([".gen", ".gen-cdktn"]);

function copyDir(from: string, to: string, skip: (name: string) => boolean = () => false): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(src, dst);
    else fs.copyFileSync(src, dst);
  }
}

/** build/<flavour>/src: the sources, this flavour's bindings as .gen/, the seam for this framework. */
function stage(f: Flavour): string {
  const dir = path.join(BUILD, f.id);
  fs.rmSync(dir, { recursive: true, force: true });
  const src = path.join(dir, "src");
  copyDir(path.join(ROOT, "src"), src, (name) => GEN_DIRS.has(name));
  const gen = path.join(ROOT, f.genDir);
  if (!fs.existsSync(path.join(gen, ".stamp"))) throw new Error(`${f.genDir} is missing: run npm run gen`);
  copyDir(gen, path.join(src, ".gen"), (name) => name === ".stamp");
  const seam = path.join(src, path.relative("src", SEAM));
  fs.writeFileSync(seam, seamFor(fs.readFileSync(seam, "utf8"), f.framework));
  return dir;
}

function compile(f: Flavour, dir: string): void {
  const tsconfig = path.join(dir, "tsconfig.json");
  fs.writeFileSync(
    tsconfig,
    JSON.stringify(
      {
        extends: path.relative(dir, path.join(ROOT, "tsconfig.build.json")),
        compilerOptions: { rootDir: "src", outDir: "package/lib", paths: {} },
        include: ["src/**/*.ts"],
      },
      null,
      2,
    ),
  );
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", tsconfig], {
    stdio: "inherit",
  });
  // The compiled seam must import this flavour's framework, and nothing compiled the other one.
  const other = f.other;
  for (const file of listFiles(path.join(dir, "package", "lib"))) {
    if (!file.endsWith(".js")) continue;
    const text = fs.readFileSync(file, "utf8");
    if (text.includes(`require("${other}")`) || text.includes(`require('${other}')`))
      throw new Error(`${f.id}: ${path.relative(dir, file)} requires ${other}`);
  }
}

/**
 * The dependencies only the twin's plugin process uses (the gRPC stack Terraform talks to). They are
 * devDependencies, bundled into `lib/rehearse/plugin.js`, so the published manifest has none of them: protobufjs has a
 * `postinstall` script, and npm 11 warns about every install script a package brings in.
 */
export const TWIN_BUNDLED_DEPENDENCIES = [
  "@grpc/grpc-js",
  "@grpc/proto-loader",
  "protobufjs",
  "@peculiar/x509",
  "reflect-metadata",
] as const;

/** Compiled files only the plugin loads; the bundle replaces them. */
const PLUGIN_ONLY_MODULES = ["twin/server", "twin/proto"];

/**
 * Replaces the compiled `lib/rehearse/plugin.js` with one file holding the plugin and its gRPC stack
 * (esbuild), removes the compiled modules only it used, and checks that nothing else in `lib/` loads a
 * bundled dependency.
 */
function bundleTwinPlugin(f: Flavour, dir: string): void {
  const lib = path.join(dir, "package", "lib");
  const outfile = path.join(lib, "rehearse", "plugin.js");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require("esbuild") as typeof import("esbuild");
  const result = esbuild.buildSync({
    entryPoints: [path.join(dir, "src", "rehearse", "plugin.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    outfile,
    allowOverwrite: true,
    // The plugin never loads a framework: a require of one would be a layering mistake.
    external: [f.framework, f.other, "constructs"],
    minify: true,
    keepNames: true,
    legalComments: "eof",
    metafile: true,
    logLevel: "error",
  });
  writeBundledLicenses(Object.keys(result.metafile.inputs), `${outfile.slice(0, -3)}.LICENSES.txt`);
  fs.rmSync(`${outfile}.map`, { force: true });
  for (const m of PLUGIN_ONLY_MODULES)
    for (const ext of [".js", ".d.ts", ".js.map", ".d.ts.map"])
      fs.rmSync(path.join(lib, `${m}${ext}`), { force: true });
  const bundle = fs.readFileSync(outfile, "utf8");
  for (const name of [f.framework, f.other, "constructs"])
    if (bundle.includes(`require("${name}")`))
      throw new Error(`${f.id}: the twin plugin bundle requires ${name}`);
  for (const file of listFiles(lib)) {
    if (!file.endsWith(".js") || file === outfile) continue;
    const text = fs.readFileSync(file, "utf8");
    for (const dep of TWIN_BUNDLED_DEPENDENCIES)
      if (text.includes(`require("${dep}")`))
        throw new Error(
          `${f.id}: ${path.relative(dir, file)} requires ${dep}, which only the bundled twin plugin has`,
        );
    // No compiled module may load one the bundle replaced.
    for (const [, rel] of text.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const target = path.resolve(path.dirname(file), rel);
      if (
        ![".js", "/index.js", ""].some(
          (ext) => fs.existsSync(`${target}${ext}`) && fs.statSync(`${target}${ext}`).isFile(),
        )
      )
        throw new Error(`${f.id}: ${path.relative(dir, file)} loads ${rel}, which is not in the package`);
    }
  }
}

/** The license texts of the packages a bundle holds, one after the other, for the package's users. */
function writeBundledLicenses(inputs: readonly string[], file: string): void {
  const packages = new Map<string, string>();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, "/"));
    if (m) packages.set(m[1], m[1].replace(/^.*node_modules\//, ""));
  }
  const parts: string[] = [
    "The twin plugin (lib/rehearse/plugin.js) bundles the packages below; their licenses follow.\n",
  ];
  for (const [dir, name] of [...packages].sort((a, b) => a[1].localeCompare(b[1]))) {
    const abs = path.resolve(ROOT, dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(abs, "package.json"), "utf8")) as {
      version: string;
      license?: string;
    };
    const licenseFile = fs.readdirSync(abs).find((f) => /^(licen[cs]e|copying)/i.test(f));
    if (!licenseFile) throw new Error(`bundled package ${name} has no license file`);
    parts.push(
      `${"=".repeat(72)}\n${name}@${manifest.version} (${manifest.license ?? "see below"})\n${"=".repeat(72)}\n`,
      fs.readFileSync(path.join(abs, licenseFile), "utf8").trim(),
      "\n",
    );
  }
  fs.writeFileSync(file, `${parts.join("\n")}\n`);
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full) : [full];
  });
}

type Manifest = Record<string, unknown> & {
  name: string;
  version: string;
  description: string;
  keywords: string[];
};

/** The flavour's package.json: the root's, with this flavour's name, framework and peer ranges. */
export function flavourManifest(f: Flavour, root: Manifest): Manifest {
  const rest: Record<string, unknown> = { ...root };
  for (const key of ["devDependencies", "scripts", "private", "peerDependencies"]) delete rest[key];
  const other = f.other;
  return {
    ...(rest as Manifest),
    name: f.packageName,
    description: root.description.replace("CDK for Terraform", f.frameworkLabel),
    keywords: [...new Set([f.framework, ...root.keywords.filter((k) => k !== other && k !== "cdktf")])],
    peerDependencies: { ...f.peerDependencies },
  };
}

function writePackage(f: Flavour, dir: string): string {
  const pkgDir = path.join(dir, "package");
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as Manifest;
  fs.writeFileSync(
    path.join(pkgDir, "package.json"),
    `${JSON.stringify(flavourManifest(f, root), null, 2)}\n`,
  );
  for (const file of ["README.md", "CHANGELOG.md", "LICENSE"]) {
    if (fs.existsSync(path.join(ROOT, file))) fs.copyFileSync(path.join(ROOT, file), path.join(pkgDir, file));
  }
  copyDir(path.join(ROOT, "bin"), path.join(pkgDir, "bin"));
  copyDir(path.join(ROOT, "schemas"), path.join(pkgDir, "schemas"));
  return pkgDir;
}

function pack(pkgDir: string): string {
  fs.mkdirSync(DIST, { recursive: true });
  const npmCli = process.env.npm_execpath;
  const args = ["pack", "--json", "--pack-destination", DIST];
  const out =
    npmCli && npmCli.endsWith(".js")
      ? execFileSync(process.execPath, [npmCli, ...args], { cwd: pkgDir, encoding: "utf8" })
      : execFileSync("npm", args, { cwd: pkgDir, encoding: "utf8" });
  const [{ filename }] = JSON.parse(out) as { filename: string }[];
  return path.join(DIST, filename);
}

function main(): void {
  const noPack = process.argv.includes("--no-pack");
  for (const f of flavoursFromArgv(process.argv)) {
    const started = Date.now();
    const dir = stage(f);
    compile(f, dir);
    bundleTwinPlugin(f, dir);
    const pkgDir = writePackage(f, dir);
    const tarball = noPack ? undefined : pack(pkgDir);
    console.log(
      `build: ${f.packageName} (${f.framework}) -> ${path.relative(ROOT, tarball ?? pkgDir)} in ${Date.now() - started} ms`,
    );
  }
}

if (require.main === module) main();
