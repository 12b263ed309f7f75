/**
 * Fresh apps for the built packages (build/<flavour>/package, made by `npm run build`, which
 * `npm test` runs first).
 *
 * "link" apps put the framework, constructs and the built package into the app's node_modules as
 * symlinks to what the repository installed: no install, a few milliseconds. "install" apps
 * (FLAVOURS_E2E=1) `npm install` the packed tarball from dist/ with its framework from the registry,
 * as a user would; npm also installs the package's peer framework, so a wrong-framework app has both.
 */
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FLAVOURS, Flavour, FlavourId, ROOT } from "../../../scripts/flavours";

export { FLAVOURS, ROOT };
export type { Flavour, FlavourId };

export const E2E = process.env.FLAVOURS_E2E !== "0";

/** The version of a package the repository installed (what the suite runs against). */
export function installedVersion(name: string): string {
  return (
    JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as {
      version: string;
    }
  ).version;
}

export function builtPackage(f: Flavour): string {
  const dir = path.join(ROOT, "build", f.id, "package");
  if (!fs.existsSync(path.join(dir, "lib", "index.js")))
    throw new Error(`${path.relative(ROOT, dir)} is missing: run npm run build (npm test does)`);
  return dir;
}

export function tarball(f: Flavour): string {
  const version = (
    JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }
  ).version;
  const file = path.join(ROOT, "dist", `${f.packageName}-${version}.tgz`);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run npm run build`);
  return file;
}

export interface AppOptions {
  /** the app's framework */
  readonly framework: FlavourId;
  /** the flavour of this library the app uses */
  readonly library: Flavour;
  readonly mode: "link" | "install";
}

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "flavour-apps-"));

/** A fresh app folder with package.json and node_modules. */
export function makeApp(opts: AppOptions): string {
  const dir = fs.mkdtempSync(path.join(tmpRoot, `${opts.framework}-app-${opts.library.id}-lib-`));
  const frameworkVersion = installedVersion(opts.framework);
  const constructsVersion = installedVersion("constructs");
  const libRef = opts.mode === "install" ? `file:${tarball(opts.library)}` : "*";
  const manifest = {
    name: `${opts.framework}-app`,
    private: true,
    dependencies: {
      [opts.framework]: frameworkVersion,
      constructs: constructsVersion,
      [opts.library.packageName]: libRef,
    },
  };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  if (opts.mode === "link") {
    const nm = path.join(dir, "node_modules");
    fs.mkdirSync(nm);
    fs.symlinkSync(path.join(ROOT, "node_modules", opts.framework), path.join(nm, opts.framework), "dir");
    fs.symlinkSync(path.join(ROOT, "node_modules", "constructs"), path.join(nm, "constructs"), "dir");
    fs.symlinkSync(builtPackage(opts.library), path.join(nm, opts.library.packageName), "dir");
  } else {
    const r = npm(["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"], dir);
    if (r.status !== 0) throw new Error(`npm install in ${dir} failed:\n${r.stdout}\n${r.stderr}`);
  }
  return dir;
}

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  const npmCli = process.env.npm_execpath;
  return npmCli && npmCli.endsWith(".js")
    ? spawnSync(process.execPath, [npmCli, ...args], { cwd, encoding: "utf8" })
    : spawnSync("npm", args, { cwd, encoding: "utf8" });
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a CommonJS script in the app (plain node; `node`: another Node binary). */
export function runScript(
  dir: string,
  source: string,
  env: Record<string, string> = {},
  node = process.execPath,
): Run {
  const file = path.join(dir, `script-${Math.random().toString(36).slice(2)}.js`);
  fs.writeFileSync(file, source);
  const r = spawnSync(node, [file], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...env, CHECKPOINT_DISABLE: "1" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

/**
 * Copies an example into the app with its imports as the app's framework and library name would
 * be written, and runs its main.ts with tsx (a TypeScript runner only: everything it imports comes
 * from the app's node_modules). Returns the synthesized stacks' JSON, by stack name.
 */
export function synthExample(
  dir: string,
  opts: AppOptions,
  { example = "tencent-staged-grayscale", node = process.execPath }: { example?: string; node?: string } = {},
): Record<string, unknown> {
  const from = path.join(ROOT, "examples", example);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === "cdktf.out" || entry.name === "README.md") continue;
    const src = path.join(from, entry.name);
    const dst = path.join(dir, entry.name);
    if (entry.isDirectory()) fs.cpSync(src, dst, { recursive: true });
    else if (entry.name.endsWith(".ts"))
      fs.writeFileSync(
        dst,
        fs
          .readFileSync(src, "utf8")
          .replace(/from "cdktf-serverless-canary"/g, `from "${opts.library.packageName}"`)
          .replace(/from "cdktf"/g, `from "${opts.framework}"`),
      );
    else fs.copyFileSync(src, dst);
  }
  const r = spawnSync(node, [TSX, "main.ts"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  if (r.status !== 0)
    throw new Error(`synth of ${example} in ${dir} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const stacks = path.join(dir, "cdktf.out", "stacks");
  const out: Record<string, unknown> = {};
  for (const name of fs.readdirSync(stacks))
    out[name] = JSON.parse(fs.readFileSync(path.join(stacks, name, "cdk.tf.json"), "utf8"));
  return out;
}

/**
 * Synthesized JSON without the framework's metadata ("//": its name and version). Asset paths stay:
 * cdktn hashes local assets as cdktf does unless its `canonicalAssetHashes` feature flag is on.
 */
export function comparable(stacks: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = {};
  for (const [name, json] of Object.entries(stacks)) {
    const { "//": _meta, ...rest } = json as Record<string, unknown>;
    void _meta;
    out[name] = rest;
  }
  return out;
}
