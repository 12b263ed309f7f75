/**
 * Generates offline provider bindings (TypeScript) from the provider schema subsets checked into
 * `schemas/`, once per flavour (scripts/flavours.json), each with its own framework's generator:
 *   cdktf: @cdktf/provider-generator 0.21 -> src/.gen/        (imports `cdktf`)
 *   cdktn: @cdktn/provider-generator 0.24 -> src/.gen-cdktn/  (imports `cdktn`)
 * Both are gitignored. The library's sources import `../.gen/...`; the cdktn build and the cdktn
 * Jest project put src/.gen-cdktn in its place.
 *
 *   npm run gen                      # both flavours, each only if schemas / generator changed
 *   npm run gen -- --flavour cdktn   # one flavour
 *   npm run gen -- --force           # always regenerate
 *
 * No network, no `cdktf get`, no `terraform`: the schemas are the output of
 * `terraform providers schema -json` and are fed straight into the generator's
 * TerraformProviderGenerator.
 *
 * Output layout (same as a prebuilt @cdktf/provider-* package):
 *   <genDir>/providers/alicloud/<resource-kebab>/index.ts
 *   <genDir>/providers/tencentcloud/<resource-kebab>/index.ts
 *
 * Version constraints: the generator writes `providerVersionConstraint` into each
 * class' `terraformGeneratorMetadata`; cdktf's TerraformProvider emits
 * `terraform.required_providers.<name> = { source, version }` from it. We
 * deliberately do NOT set `provider_versions` in the schema: cdktf prefers
 * `providerVersion` (an exact pin) over `providerVersionConstraint`.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ProviderSchema } from "@cdktf/commons";
import { Flavour, flavoursFromArgv, ROOT } from "./flavours";

// @cdktf/commons and @cdktn/commons (pulled in by @cdktf/provider-generator) has import-time side effects:
// it spawns `${TERRAFORM_BINARY_NAME:-terraform} version -json`, and on failure reports
// telemetry to checkpoint-api.hashicorp.com unless CHECKPOINT_DISABLE is set. Neither is
// needed to generate bindings, so disable both *before* the generator modules are loaded
// (hence the lazy require() in generate() instead of top-level imports).
process.env.CHECKPOINT_DISABLE = "1";
process.env.TERRAFORM_BINARY_NAME = "cdktf-gen-bindings-no-terraform";

interface ProviderSpec {
  /** schema file, relative to repo root */
  readonly schemaFile: string;
  /** `terraform.required_providers.<name>.source` */
  readonly source: string;
  /** `terraform.required_providers.<name>.version` */
  readonly versionConstraint: string;
  /** provider version the schema was dumped from (used for docs links only) */
  readonly schemaVersion: string;
}

const PROVIDERS: readonly ProviderSpec[] = [
  {
    schemaFile: "schemas/alicloud.json",
    source: "aliyun/alicloud",
    versionConstraint: ">= 1.280.0",
    schemaVersion: "1.289.0",
  },
  {
    schemaFile: "schemas/tencentcloud.json",
    source: "tencentcloudstack/tencentcloud",
    versionConstraint: ">= 1.83.16",
    schemaVersion: "1.83.25",
  },
];

/** The directory of an installed package, resolved from `from` (as that package's own require would). */
function pkgDir(name: string, from: string): string {
  // resolve via the package entry point (works regardless of `exports` maps)
  let dir = path.dirname(require.resolve(name, { paths: [from] }));
  for (;;) {
    const candidate = path.join(dir, "package.json");
    if (fs.existsSync(candidate)) {
      const pkg = JSON.parse(fs.readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package directory of ${name}`);
    dir = parent;
  }
}

function pkgVersion(dir: string): string {
  return (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/**
 * The generator and the packages it uses, each resolved from the package that requires it: the two
 * generators use different codemaker versions (1.112 / 1.128), and only one can be at the root.
 */
function generatorPackages(f: Flavour): { generator: string; commons: string; codemaker: string } {
  const generator = pkgDir(f.generator, ROOT);
  return { generator, commons: pkgDir(f.commons, generator), codemaker: pkgDir("codemaker", generator) };
}

function computeStamp(f: Flavour): string {
  const h = createHash("sha256");
  h.update(`gen-bindings/v2 ${f.id}\n`);
  const pkgs = generatorPackages(f);
  for (const [name, dir] of [
    [f.generator, pkgs.generator],
    [f.commons, pkgs.commons],
    ["codemaker", pkgs.codemaker],
  ]) {
    h.update(`${name}@${pkgVersion(dir)}\n`);
  }
  // the generator script itself (post-processing / constraints live here)
  h.update(fs.readFileSync(__filename));
  for (const p of PROVIDERS) {
    h.update(`${p.schemaFile}|${p.source}|${p.versionConstraint}|${p.schemaVersion}\n`);
    h.update(fs.readFileSync(path.join(ROOT, p.schemaFile)));
  }
  return h.digest("hex");
}

function providerName(spec: ProviderSpec): string {
  return spec.source.split("/").pop()!;
}

function isUpToDate(outDir: string, stamp: string): boolean {
  const stampFile = path.join(outDir, ".stamp");
  if (!fs.existsSync(stampFile)) return false;
  if (fs.readFileSync(stampFile, "utf8").trim() !== stamp) return false;
  // cheap sanity check that the tree was not partially deleted
  return PROVIDERS.every((p) => fs.existsSync(path.join(outDir, "providers", providerName(p), "index.ts")));
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}

/**
 * Post-process generated files:
 *  - docs links: generator writes `/latest/docs` when no exact provider version is known;
 *    point them at the version the schema was dumped from.
 *  - guard: no absolute machine paths or timestamps may leak into the output.
 */
function postProcess(dir: string): number {
  // long, machine-specific strings only (short ones like "/root" could legitimately occur in docs)
  const forbidden = [...new Set([ROOT, dir, process.cwd(), os.homedir()])].filter((s) => s.length > 8);
  const dateLike = /\b20\d\d-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d/;
  const files = listFiles(dir);
  for (const file of files) {
    let text = fs.readFileSync(file, "utf8");
    const original = text;
    for (const p of PROVIDERS) {
      text = text
        .split(`https://registry.terraform.io/providers/${p.source}/latest/docs`)
        .join(`https://registry.terraform.io/providers/${p.source}/${p.schemaVersion}/docs`);
    }
    for (const f of forbidden) {
      if (text.includes(f))
        throw new Error(`generated file ${path.relative(dir, file)} contains machine path ${f}`);
    }
    if (dateLike.test(text))
      throw new Error(`generated file ${path.relative(dir, file)} contains a timestamp`);
    if (text !== original) fs.writeFileSync(file, text);
  }
  return files.length;
}

async function generate(f: Flavour, outDir: string, stamp: string): Promise<void> {
  // Both generators have the same API (cdktn's is a fork of cdktf's); the types are cdktf's.
  const pkgs = generatorPackages(f);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { CodeMaker, TerraformProviderGenerator } = require(
    pkgs.generator,
  ) as typeof import("@cdktf/provider-generator");
  const { ConstructsMakerProviderTarget, Language, TerraformProviderConstraint } = require(
    pkgs.commons,
  ) as typeof import("@cdktf/commons");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const tmpDir = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  try {
    for (const spec of PROVIDERS) {
      const schema = JSON.parse(fs.readFileSync(path.join(ROOT, spec.schemaFile), "utf8")) as ProviderSchema;
      if ((schema as { provider_versions?: unknown }).provider_versions) {
        // would become an exact pin in required_providers (cdktf prefers providerVersion)
        delete (schema as { provider_versions?: unknown }).provider_versions;
      }
      const code = new CodeMaker();
      const generator = new TerraformProviderGenerator(code, schema);
      // "<namespace>/<name>@<constraint>" -> source, name (= folder), version constraint
      const constraint = new TerraformProviderConstraint(`${spec.source}@${spec.versionConstraint}`);
      generator.generate(new ConstructsMakerProviderTarget(constraint, Language.TYPESCRIPT));
      await code.save(tmpDir);
    }
    const n = postProcess(tmpDir);
    checkFrameworkImports(f, tmpDir);
    fs.writeFileSync(path.join(tmpDir, ".stamp"), `${stamp}\n`);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.renameSync(tmpDir, outDir);
    console.log(
      `gen-bindings: ${f.id}: wrote ${n} files to ${path.relative(ROOT, outDir)} with ${f.generator}`,
    );
  } catch (err) {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    throw err;
  }
}

/** Every framework import in the output is of this flavour's framework, never the other one. */
function checkFrameworkImports(f: Flavour, dir: string): void {
  const other = f.other;
  for (const file of listFiles(dir)) {
    const text = fs.readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/\bfrom ['"]([^'"]+)['"]/g)].map((m) => m[1]);
    const bad = specifiers.find((s) => s === other || s.startsWith(`${other}/`));
    if (bad) throw new Error(`${f.id} binding ${path.relative(dir, file)} imports "${bad}"`);
  }
}

async function main(): Promise<void> {
  const force = process.argv.includes("--force");
  for (const f of flavoursFromArgv(process.argv)) {
    const started = Date.now();
    const outDir = path.join(ROOT, f.genDir);
    const stamp = computeStamp(f);
    if (!force && isUpToDate(outDir, stamp)) {
      console.log(`gen-bindings: ${f.id}: ${f.genDir} is up to date (${stamp.slice(0, 12)})`);
      continue;
    }
    await generate(f, outDir, stamp);
    console.log(`gen-bindings: ${f.id}: done in ${Date.now() - started} ms`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
