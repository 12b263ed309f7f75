/**
 * Terraform evaluates Terraform: a configuration folder (`.tf` / `.tf.json`, local modules
 * included) is planned by the real Terraform CLI against the provider twin, offline, in a copy of
 * the folder, and `review` reads the plan's expanded values (`count`, `for_each`, `dynamic`,
 * variables, locals and modules evaluated by Terraform, addresses as Terraform writes them).
 * Nothing is applied; the user's folder is not touched.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { schemasDir } from "../twin/schema";
import { TWIN_PROVIDERS, writeMirror } from "../twin/mirror";
import { TWIN_CLOUD_ENV } from "../twin/cloud";
import { twinEntry } from "./rehearse";
import { findTerraform, runTerraform, terraformErrors } from "./terraform";

export interface EvaluateOptions {
  /** Terraform binary (default: $TERRAFORM or terraform on PATH). */
  readonly terraform?: string;
  /** `-var NAME=VALUE` values for variables without a default. */
  readonly vars?: readonly string[];
  /** `-var-file` files (paths as given, resolved from the current folder). */
  readonly varFiles?: readonly string[];
  /** Keep the working folder here (default: a temporary folder, removed afterwards). */
  readonly workDir?: string;
  readonly progress?: (line: string) => void;
}

export interface EvaluatedPlan {
  /** `terraform show -json` of the plan. */
  readonly plan: unknown;
  /** `Terraform 1.11.4 through the provider twin`. */
  readonly by: string;
}

/** Why Terraform could not evaluate a configuration: Terraform's own error lines. */
export class EvaluateError extends Error {
  constructor(
    readonly what: string,
    readonly where: string,
  ) {
    super(`${what}: ${where}`);
  }
}

const SKIP = new Set([".terraform", ".git", "node_modules", "cdktf.out"]);
const LOCAL_SOURCE = /["']?source["']?\s*[=:]\s*"(\.{1,2}\/[^"]*)"/g;

/** True when a folder holds a Terraform configuration of its own (`.tf` or `.tf.json` files). */
export function isConfigurationFolder(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((f) => f.endsWith(".tf") || f.endsWith(".tf.json"));
  } catch {
    return false;
  }
}

function configFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".tf") || f.endsWith(".tf.json"))
    .map((f) => path.join(dir, f));
}

/** The folders of the configuration: the root and every local module it calls, transitively. */
function moduleFolders(root: string): string[] {
  const seen = new Set<string>();
  const visit = (dir: string, depth: number) => {
    const abs = path.resolve(dir);
    if (seen.has(abs) || depth > 16 || !fs.existsSync(abs)) return;
    seen.add(abs);
    for (const f of configFiles(abs)) {
      const text = fs.readFileSync(f, "utf8");
      for (const m of text.matchAll(LOCAL_SOURCE)) visit(path.join(abs, m[1]), depth + 1);
    }
  };
  visit(root, 0);
  return [...seen];
}

/** The deepest folder containing every given folder. */
function commonAncestor(dirs: readonly string[]): string {
  let common = dirs[0];
  for (const d of dirs.slice(1)) {
    while (path.relative(common, d).startsWith("..")) common = path.dirname(common);
  }
  return common;
}

function copyFolder(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (SKIP.has(e.name) || e.name.endsWith(".tfstate") || e.name === ".terraform.lock.hcl") continue;
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) copyFolder(src, dst);
    else if (e.isFile()) fs.copyFileSync(src, dst);
  }
}

/**
 * The override every copied module folder gets: the providers come from the twin (the providers'
 * docs often leave out `required_providers`, which Terraform would read as `hashicorp/alicloud`), and
 * the root's state is local (a configured backend would reach the network).
 */
function overrideJson(root: boolean, hasBackend: boolean): string {
  const terraform: Record<string, unknown> = {
    required_providers: Object.fromEntries(
      TWIN_PROVIDERS.map((p) => [p.type, { source: `${p.namespace}/${p.type}` }]),
    ),
  };
  if (root && hasBackend) terraform.backend = { local: { path: "terraform.tfstate" } };
  return JSON.stringify({ "//": "written by serverless-canary review (twin, offline)", terraform }, null, 1);
}

/** Plans the configuration in `dir` with Terraform and the twin, offline; throws EvaluateError. */
export async function evaluateConfiguration(
  dir: string,
  options: EvaluateOptions = {},
): Promise<EvaluatedPlan> {
  const tf = findTerraform(options.terraform);
  const root = path.resolve(dir);
  const folders = moduleFolders(root);
  const top = commonAncestor(folders);
  const work = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "serverless-canary-review-"));
  const progress = options.progress ?? (() => undefined);
  try {
    const copyRoot = path.join(work, "config");
    for (const f of folders) copyFolder(f, path.join(copyRoot, path.relative(top, f)));
    const rootCopy = path.join(copyRoot, path.relative(top, root));
    for (const f of folders) {
      const copy = path.join(copyRoot, path.relative(top, f));
      const hasBackend = configFiles(copy).some((file) =>
        /\bbackend\s*"|"backend"\s*:|\bcloud\s*\{/.test(fs.readFileSync(file, "utf8")),
      );
      fs.writeFileSync(
        path.join(copy, "zz_serverless_canary_override.tf.json"),
        overrideJson(f === root, hasBackend),
      );
    }
    const mirror = writeMirror(path.join(work, ".twin"), twinEntry(), {
      SERVERLESS_CANARY_TWIN_SCHEMAS: schemasDir(),
    });
    const env = {
      TF_CLI_CONFIG_FILE: mirror.cliConfig,
      [TWIN_CLOUD_ENV]: path.join(work, "twin-cloud.json"),
    };
    const run = (args: string[]) => runTerraform(tf.binary, args, rootCopy, env);
    progress(`terraform init (${root})`);
    const init = await run(["init", "-input=false", "-no-color"]);
    if (init.code !== 0)
      throw new EvaluateError(`terraform init failed: ${terraformErrors(init.stderr).join("; ")}`, dir);
    const varArgs = [
      ...(options.vars ?? []).map((v) => `-var=${v}`),
      ...(options.varFiles ?? []).map((f) => `-var-file=${path.resolve(f)}`),
    ];
    progress(`terraform plan (${root})`);
    const plan = await run([
      "plan",
      "-input=false",
      "-no-color",
      "-lock=false",
      "-refresh=false",
      "-out=review.tfplan",
      ...varArgs,
    ]);
    if (plan.code !== 0) {
      const errors = terraformErrors(plan.stderr);
      const hint = errors.some((e) => /No value for required variable/.test(e))
        ? " (give it with --var NAME=VALUE or --var-file FILE)"
        : "";
      throw new EvaluateError(`terraform plan failed: ${errors.join("; ")}${hint}`, dir);
    }
    const show = await run(["show", "-json", "review.tfplan"]);
    if (show.code !== 0)
      throw new EvaluateError(`terraform show failed: ${terraformErrors(show.stderr).join("; ")}`, dir);
    return {
      plan: JSON.parse(show.stdout),
      by: `Terraform ${tf.version} through the provider twin, offline`,
    };
  } finally {
    if (options.workDir === undefined) fs.rmSync(work, { recursive: true, force: true });
  }
}

/** `terraform show -json` of a binary plan file, run in the current (initialized) working folder. */
export async function showPlanFile(file: string, options: EvaluateOptions = {}): Promise<unknown> {
  const tf = findTerraform(options.terraform);
  const r = await runTerraform(
    tf.binary,
    ["show", "-json", "-no-color", path.resolve(file)],
    process.cwd(),
    {},
  );
  if (r.code !== 0)
    throw new EvaluateError(
      `terraform show -json failed (run review in the folder the plan was made in): ${terraformErrors(r.stderr).join("; ")}`,
      file,
    );
  return JSON.parse(r.stdout);
}
