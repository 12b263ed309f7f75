/**
 * Reads what the review tooling is pointed at: a `cdktf.out` folder (manifest.json → stacks),
 * any folder of `cdk.tf.json`/`*.tf.json` files, one Terraform JSON file, or a
 * `terraform show -json` plan. Every problem is an InputError naming the file.
 */
import * as fs from "fs";
import * as path from "path";
import { InputError } from "./errors";
import { looksLikePlan, ParsedPlan, parsePlan } from "./plan";
import { isRecord, TfDoc, TfResource } from "./terraform";

export interface LoadedSynth {
  readonly kind: "synth";
  /** The path as given. */
  readonly source: string;
  readonly docs: readonly TfDoc[];
  /** How the input was evaluated, e.g. by Terraform through the provider twin (shown in the report's notes). */
  readonly notes?: readonly string[];
}

export interface LoadedPlan extends ParsedPlan {
  readonly kind: "plan";
  readonly source: string;
}

export type LoadedInput = LoadedSynth | LoadedPlan;

/** Top-level keys of Terraform JSON configuration syntax. */
const TERRAFORM_KEYS = [
  "resource",
  "terraform",
  "provider",
  "data",
  "output",
  "variable",
  "locals",
  "module",
  "moved",
  "import",
  "check",
  "removed",
];

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError("file not found", file);
    if (code === "EISDIR") throw new InputError("is a directory, expected a file", file);
    throw new InputError(`cannot read file (${code ?? String(e)})`, file);
  }
  if (text.trim() === "") throw new InputError("empty file, expected Terraform JSON", file);
  try {
    return JSON.parse(text);
  } catch (e) {
    const hcl =
      /\.tf$/.test(file) || /^\s*(resource|terraform|provider|module|variable)\s+["{a-z]/m.test(text);
    if (hcl) {
      throw new InputError(
        "not Terraform JSON (HCL is not supported: run cdktf synth, or terraform show -json on a plan)",
        file,
      );
    }
    // Node reports "... at position N": say where as file:line:column.
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    let where = file;
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split("\n").length;
      where = `${file}:${line}:${Number(pos[1]) - before.lastIndexOf("\n")}`;
    }
    throw new InputError(`not valid JSON (${message.replace(/ in JSON at position \d+.*$/, "")})`, where);
  }
}

/** True when a body holds a `dynamic` block anywhere (Terraform expands it; raw JSON cannot). */
function hasDynamic(value: unknown, depth = 0): boolean {
  if (depth > 16) return false;
  if (Array.isArray(value)) return value.some((v) => hasDynamic(v, depth + 1));
  if (!isRecord(value)) return false;
  return Object.entries(value).some(([k, v]) => k === "dynamic" || hasDynamic(v, depth + 1));
}

/** What raw JSON cannot evaluate in a resource body: `count`, `for_each`, `dynamic` blocks. */
function unevaluatedReason(body: Record<string, unknown>): string | undefined {
  const reasons: string[] = [];
  if (body.count !== undefined) reasons.push("count");
  if (body.for_each !== undefined) reasons.push("for_each");
  if (hasDynamic(body)) reasons.push("a dynamic block");
  return reasons.length > 0 ? `has ${reasons.join(" and ")}` : undefined;
}

/** The blocks of one top-level key: an object, or (JSON syntax allows it) a list of objects. */
function groupsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** The stack's resources from Terraform JSON configuration syntax; throws when it is not that. */
export function terraformDoc(json: unknown, file: string, stack: string): TfDoc {
  return configurationDoc([{ json, file }], stack, file);
}

/**
 * One configuration from one or more Terraform JSON files (a folder of `*.tf.json` is one
 * configuration, as Terraform reads it): resources, variable defaults, literal locals, and what raw
 * JSON cannot evaluate (modules, `count`, `for_each`, `dynamic`). Throws InputError.
 */
export function configurationDoc(
  files: readonly { readonly json: unknown; readonly file: string }[],
  stack: string,
  source: string,
): TfDoc {
  const resources: TfResource[] = [];
  const where = new Map<string, string>();
  const variables: Record<string, unknown> = {};
  const locals: Record<string, unknown> = {};
  const notEvaluated: { address: string; reason: string }[] = [];
  const merged: Record<string, unknown> = {};
  let stackName: string | undefined;
  for (const { json, file } of files) {
    if (!isRecord(json) || !TERRAFORM_KEYS.some((k) => k in json)) {
      throw new InputError(
        `not Terraform JSON (expected a "resource" or "terraform" block, or a plan with "format_version")`,
        file,
      );
    }
    const blocks = json.resource ?? {};
    if (!isRecord(blocks)) throw new InputError(`not Terraform JSON: "resource" is not an object`, file);
    {
      for (const [type, byName] of Object.entries(blocks)) {
        if (type.startsWith("//")) continue;
        // Terraform JSON also allows a list of objects per type; take each entry's names.
        for (const group of groupsOf(byName)) {
          if (!isRecord(group)) {
            throw new InputError(
              `not Terraform JSON: resource.${type} is not an object of named resources`,
              file,
            );
          }
          for (const [name, body] of Object.entries(group)) {
            if (name.startsWith("//")) continue;
            const address = `${type}.${name}`;
            if (Array.isArray(body) && body.length > 1) {
              throw new InputError(
                `resource ${address} is declared ${body.length} times (Terraform refuses a duplicate resource name)`,
                file,
              );
            }
            const b = Array.isArray(body) && body.length === 1 ? body[0] : body;
            if (!isRecord(b)) {
              throw new InputError(`not Terraform JSON: resource ${address} is not an object`, file);
            }
            const first = where.get(address);
            if (first !== undefined) {
              throw new InputError(
                `resource ${address} is declared twice (also in ${first}; Terraform refuses a duplicate resource name)`,
                file,
              );
            }
            where.set(address, file);
            const reason = unevaluatedReason(b);
            resources.push({ type, name, address, body: b, ...(reason ? { unevaluated: reason } : {}) });
            if (reason) notEvaluated.push({ address, reason });
            const types = (merged.resource ??= {}) as Record<string, Record<string, unknown>>;
            (types[type] ??= {})[name] = b;
          }
        }
      }
    }
    for (const group of groupsOf(json.variable ?? {})) {
      if (!isRecord(group)) continue;
      for (const [name, v] of Object.entries(group)) {
        const def = Array.isArray(v) ? v[0] : v;
        if (isRecord(def) && "default" in def) variables[name] = def.default;
      }
    }
    for (const group of groupsOf(json.locals ?? {})) {
      if (!isRecord(group)) continue;
      for (const [name, v] of Object.entries(group)) if (!name.startsWith("//")) locals[name] = v;
    }
    for (const group of groupsOf(json.module ?? {})) {
      if (!isRecord(group)) continue;
      for (const [name, m] of Object.entries(group)) {
        if (name.startsWith("//")) continue;
        const call = Array.isArray(m) ? m[0] : m;
        const src = isRecord(call) && typeof call.source === "string" ? ` (source ${call.source})` : "";
        notEvaluated.push({ address: `module.${name}`, reason: `is a module call${src}` });
      }
    }
    const meta = isRecord(json["//"]) && isRecord(json["//"].metadata) ? json["//"].metadata : {};
    if (typeof meta.stackName === "string") stackName ??= meta.stackName;
    for (const [k, v] of Object.entries(json)) if (k !== "resource" && !(k in merged)) merged[k] = v;
  }
  return {
    stack: stackName ?? stack,
    file: source,
    resources,
    json: files.length === 1 ? files[0].json : merged,
    variables,
    locals,
    notEvaluated,
  };
}

function fromManifest(dir: string, manifestFile: string): LoadedSynth {
  const manifest = readJson(manifestFile);
  if (!isRecord(manifest) || !isRecord(manifest.stacks)) {
    throw new InputError(`not a cdktf manifest (no "stacks" object)`, manifestFile);
  }
  const docs: TfDoc[] = [];
  for (const [key, entry] of Object.entries(manifest.stacks)) {
    const rel =
      isRecord(entry) && typeof entry.synthesizedStackPath === "string"
        ? entry.synthesizedStackPath
        : path.join("stacks", key, "cdk.tf.json");
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) {
      throw new InputError(`stack ${JSON.stringify(key)} listed in manifest.json is missing`, file);
    }
    const name = isRecord(entry) && typeof entry.name === "string" ? entry.name : key;
    docs.push(terraformDoc(readJson(file), file, name));
  }
  if (docs.length === 0) throw new InputError("manifest.json lists no stacks", manifestFile);
  return { kind: "synth", source: dir, docs };
}

/** `cdk.tf.json` files under a folder (a few levels deep), else the folder's own `*.tf.json` files. */
function findTerraformFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && depth < 3 && e.name !== "node_modules" && !e.name.startsWith(".")) {
        walk(p, depth + 1);
      } else if (e.isFile() && e.name === "cdk.tf.json") {
        found.push(p);
      }
    }
  };
  walk(dir, 0);
  if (found.length > 0) return found;
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".tf.json"))
    .sort()
    .map((f) => path.join(dir, f));
}

function stackNameOf(file: string): string {
  const base = path.basename(file);
  if (base === "cdk.tf.json") return path.basename(path.dirname(path.resolve(file)));
  return base.replace(/\.tf\.json$|\.json$/, "");
}

/**
 * A configuration Terraform evaluated (`terraform show -json` of a plan made from a fresh state):
 * its planned values as one configuration, read exactly like synthesized JSON. Throws InputError.
 */
export function fromEvaluatedPlan(
  plan: unknown,
  source: string,
  stack: string,
  notes: readonly string[] = [],
): LoadedSynth {
  const parsed = parsePlan(plan, source);
  return { kind: "synth", source, docs: [{ ...parsed.after, stack }], notes };
}

/** True when a folder is a hand-written Terraform configuration (no manifest.json, no cdk.tf.json). */
export function isHandWrittenFolder(dir: string): boolean {
  try {
    if (!fs.statSync(dir).isDirectory() || fs.existsSync(path.join(dir, "manifest.json"))) return false;
    const files = findTerraformFiles(dir);
    return (
      !files.some((f) => path.basename(f) === "cdk.tf.json") &&
      fs.readdirSync(dir).some((f) => f.endsWith(".tf") || f.endsWith(".tf.json"))
    );
  } catch {
    return false;
  }
}

/** Loads a synthesized output, a Terraform JSON file or a plan. Throws InputError. */
export function load(source: string): LoadedInput {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw new InputError("file not found", source);
  }
  if (stat.isDirectory()) {
    const manifest = path.join(source, "manifest.json");
    if (fs.existsSync(manifest)) return fromManifest(source, manifest);
    const files = findTerraformFiles(source);
    if (files.length === 0) {
      const hcl = fs.readdirSync(source).some((f) => f.endsWith(".tf"));
      throw new InputError(
        hcl
          ? "a folder of HCL .tf files: review evaluates it with Terraform (install Terraform >= 1.5, or pass a plan: terraform show -json PLANFILE)"
          : "no manifest.json, cdk.tf.json or *.tf.json in this directory",
        source,
      );
    }
    if (files.every((f) => path.basename(f) === "cdk.tf.json")) {
      return {
        kind: "synth",
        source,
        docs: files.map((f) => terraformDoc(readJson(f), f, stackNameOf(f))),
      };
    }
    // A folder of *.tf.json files is one configuration, as Terraform reads it.
    return {
      kind: "synth",
      source,
      docs: [
        configurationDoc(
          files.map((f) => ({ json: readJson(f), file: f })),
          files.length === 1 ? stackNameOf(files[0]) : path.basename(path.resolve(source)),
          files.length === 1 ? files[0] : source,
        ),
      ],
    };
  }
  const json = readJson(source);
  if (looksLikePlan(json)) {
    return { kind: "plan", source, ...parsePlan(json, source) };
  }
  if (path.basename(source) === "manifest.json" && isRecord(json) && isRecord(json.stacks)) {
    return fromManifest(path.dirname(source), source);
  }
  return { kind: "synth", source, docs: [terraformDoc(json, source, stackNameOf(source))] };
}
