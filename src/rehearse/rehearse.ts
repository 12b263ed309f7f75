/**
 * `rehearse`: an app's release steps, in order, through the real Terraform CLI against the provider
 * twin, offline. Per stack: one working folder and one state carried from step to step (cdktf's
 * backend is replaced by Terraform's `http` backend served by this process, `state-server.ts`; with
 * `stateBackend: "local"`, by none, so the state is `terraform.tfstate` there), one `init`, then per step
 * `plan -out` → `show -json` → `apply <plan>` → re-plan (`-detailed-exitcode`). The twin's cloud is
 * one JSON file shared by all stacks of the rehearsal.
 *
 * Findings (each makes the rehearsal fail): an apply (or plan) fails; a version an alias or stage
 * serves is replaced or deleted; a version resource's published code changes; the re-plan after
 * apply is not empty; an alias's routing on the twin differs from what the configuration declared.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CloudData, providerCloudFile, readAccount, TWIN_CLOUD_ENV, withCloud } from "../twin/cloud";
import { ApiError, TwinAlias, TwinProvider, TwinStage } from "../twin/engine";
import { writeMirror } from "../twin/mirror";
import { schemasDir } from "../twin/schema";
import { TfObject } from "../twin/values";
import { StateServer, writeStateCopy } from "./state-server";
import { TWINS } from "./twins";
import { findTerraform, runTerraform, terraformErrors } from "./terraform";

export type ChangeAction = "create" | "update" | "replace" | "delete";

export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly action: ChangeAction;
  /** Attributes whose value changes (top level), or set on create. */
  readonly attributes: readonly string[];
  /** For a replacement: the attributes that force it. */
  readonly replacedBy: readonly string[];
}

export type FindingKind =
  | "apply-failed"
  | "served-version-replaced"
  | "version-code-changed"
  | "replan-not-empty"
  | "routing-differs";

export interface Finding {
  readonly kind: FindingKind;
  readonly step: string;
  readonly stack: string;
  readonly message: string;
}

export interface AliasComparison {
  readonly function: string;
  readonly alias: string;
  readonly declared: TwinAlias;
  /** Undefined when the twin's cloud has no such alias. */
  readonly deployed?: TwinAlias;
  readonly same: boolean;
}

export interface StackStepResult {
  readonly stack: string;
  readonly plan: readonly PlannedChange[];
  readonly applied: boolean;
  readonly errors: readonly string[];
  readonly replanEmpty: boolean;
  readonly replan: readonly PlannedChange[];
  readonly aliases: readonly AliasComparison[];
  readonly stages: readonly TwinStage[];
  /** The `terraform show -json` of the step's plan (for review tooling). */
  readonly planJson?: unknown;
}

export interface StepResult {
  readonly step: string;
  /** What was done on the cloud before the step (out-of-band actions). */
  readonly before: readonly string[];
  readonly stacks: readonly StackStepResult[];
  readonly findings: readonly Finding[];
}

export interface RehearsalReport {
  readonly ok: boolean;
  readonly terraformVersion: string;
  readonly steps: readonly StepResult[];
  readonly findings: readonly Finding[];
  /** Working folder (kept with `keepWorkDir`). */
  readonly workDir: string;
}

/** An operation on the twin's cloud outside Terraform, before a step's plan (e.g. publishing an FC 2.0 version). */
export interface OutOfBandAction {
  /** `alicloud` or `tencentcloud`. */
  readonly provider: string;
  /** The twin's action, e.g. `fc2-publish`. */
  readonly action: string;
  readonly args: Readonly<Record<string, string>>;
}

/** One release step: stack name → the synthesized stack folder (holding cdk.tf.json and its assets). */
export interface RehearsalStep {
  readonly name: string;
  readonly stacks: Readonly<Record<string, string>>;
  /** Done on the twin's cloud before the step (as the release's documented manual steps). */
  readonly before?: readonly OutOfBandAction[];
}

export interface RehearseOptions {
  /** Where the stacks' working folders go (default: a new temporary folder). */
  readonly workDir?: string;
  /** Keep the working folder afterwards (default: only when workDir is given). */
  readonly keepWorkDir?: boolean;
  /** Terraform binary (default: $TERRAFORM or terraform on PATH). */
  readonly terraform?: string;
  /** Progress lines (e.g. to stderr). */
  readonly progress?: (line: string) => void;
  /** Keep each step's `terraform show -json` plan in the result. */
  readonly keepPlans?: boolean;
  /**
   * Where Terraform keeps each stack's state: `"http"` (default), Terraform's http backend served by
   * the rehearsal process (see `state-server.ts`: the local backend rewrites the whole state file
   * after every resource, quadratic in a stack's resources); `"local"`, a `terraform.tfstate` in the
   * stack's working folder. Plans, states and findings are the same with both. With `"http"` a copy
   * of each persisted state is written to `rehearsal.tfstate` in the stack's folder when the working
   * folder is kept.
   */
  readonly stateBackend?: "http" | "local";
}

/**
 * Terraform persists intermediate snapshots to a remote backend every TF_STATE_PERSIST_INTERVAL
 * seconds during an apply (default and minimum 20, `internal/command/meta.go:749`), each a full JSON
 * encoding; the rehearsal only reads the state after the command, which Terraform always persists
 * (`internal/backend/local/backend_apply.go:433`, after a failed apply too).
 */
const STATE_PERSIST_INTERVAL_S = "86400";

const TWIN_CACHE = path.join(os.tmpdir(), `serverless-canary-twin-${process.getuid?.() ?? "u"}`);

/**
 * The JavaScript file Terraform's launcher runs: the compiled `plugin.js` next to this file in the
 * package, or (running from TypeScript sources) a bundle built once with esbuild.
 */
export function twinEntry(): string {
  const compiled = path.join(__dirname, "plugin.js");
  if (fs.existsSync(compiled)) return compiled;
  const source = path.join(__dirname, "plugin.ts");
  const roots = [path.join(__dirname, ".."), path.join(__dirname, "..", "twin")];
  const hash = crypto.createHash("sha256");
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory() && f.name !== ".gen") walk(p);
      else if (f.name.endsWith(".ts")) hash.update(p).update(fs.readFileSync(p));
    }
  };
  for (const r of roots.slice(1)) walk(r);
  walk(path.join(roots[0], "clouds"));
  walk(path.join(roots[0], "rehearse"));
  const out = path.join(TWIN_CACHE, hash.digest("hex").slice(0, 16), "plugin.js");
  if (!fs.existsSync(out)) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require("esbuild") as typeof import("esbuild");
    const tmp = `${out}.${process.pid}.tmp`;
    esbuild.buildSync({
      entryPoints: [source],
      bundle: true,
      platform: "node",
      outfile: tmp,
      logLevel: "error",
    });
    fs.renameSync(tmp, out);
  }
  return out;
}

function readJson(file: string): TfObject | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as TfObject) : undefined;
}

function copyStack(from: string, to: string, backend?: Record<string, unknown>): void {
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(to)) {
    if (f === "cdk.tf.json" || f === "assets") fs.rmSync(path.join(to, f), { recursive: true, force: true });
  }
  for (const f of fs.readdirSync(from)) {
    if (f === ".terraform" || f.endsWith(".tfstate") || f.endsWith(".tfplan") || f === ".terraform.lock.hcl")
      continue;
    fs.cpSync(path.join(from, f), path.join(to, f), { recursive: true });
  }
  const file = path.join(to, "cdk.tf.json");
  if (!fs.existsSync(file)) throw new RehearsalInputError(`no cdk.tf.json in the stack folder`, from);
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  // One state per rehearsal, kept by the rehearsal (`backend`: the http backend of state-server.ts) or
  // in the working folder: cdktf's backend (local, with a path relative to the app, or remote) would
  // point elsewhere.
  if (json.terraform) delete json.terraform.backend;
  if (backend) (json.terraform ??= {}).backend = backend;
  fs.writeFileSync(file, JSON.stringify(json, null, 1));
}

export class RehearsalInputError extends Error {
  constructor(
    readonly what: string,
    readonly where: string,
  ) {
    super(`${what}: ${where}`);
  }
}

interface ShowChange {
  address: string;
  type: string;
  mode?: string;
  change: {
    actions: string[];
    before: TfObject | null;
    after: TfObject | null;
    after_unknown?: TfObject;
    replace_paths?: (string | number)[][];
  };
}

function actionOf(actions: string[]): ChangeAction | undefined {
  const a = actions.join(",");
  if (a === "create") return "create";
  if (a === "update") return "update";
  if (a === "delete") return "delete";
  if (a === "delete,create" || a === "create,delete") return "replace";
  return undefined;
}

export function plannedChanges(show: TfObject | undefined): PlannedChange[] {
  const out: PlannedChange[] = [];
  for (const rc of ((show?.resource_changes as unknown as ShowChange[]) ?? []).filter(
    (r) => r.mode !== "data",
  )) {
    const action = actionOf(rc.change.actions);
    if (!action) continue;
    const before = rc.change.before ?? {};
    const after = rc.change.after ?? {};
    const unknown = rc.change.after_unknown ?? {};
    const keys = [
      ...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)]),
    ].sort();
    const attributes =
      action === "delete"
        ? []
        : keys.filter((k) =>
            action === "create"
              ? after[k] !== null &&
                after[k] !== undefined &&
                !(Array.isArray(after[k]) && (after[k] as unknown[]).length === 0)
              : JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null) || unknown[k] === true,
          );
    out.push({
      address: rc.address,
      type: rc.type,
      action,
      attributes,
      replacedBy: (rc.change.replace_paths ?? []).map((p) => p.join(".")),
    });
  }
  return out;
}

type Expr = { constant_value?: unknown; references?: string[] } | Expr[] | { [k: string]: Expr };

const TEMPLATE = /^\$\{([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_]+)\}$/;

/** JSON configuration (cdktf) keeps "${type.name.attr}" templates, in values and in object keys, as constants in `show -json`. */
function resolveTemplates(v: unknown, lookup: (ref: string) => unknown): unknown {
  if (typeof v === "string") {
    const m = TEMPLATE.exec(v);
    return m ? (lookup(m[1]) ?? v) : v;
  }
  if (Array.isArray(v)) return v.map((x) => resolveTemplates(x, lookup));
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [String(resolveTemplates(k, lookup)), resolveTemplates(x, lookup)]),
    );
  return v;
}

/** Resolves a configuration expression from `terraform show -json` against the state after apply. */
function resolveExpr(e: Expr | undefined, lookup: (ref: string) => unknown): unknown {
  if (e === undefined || e === null) return null;
  if (Array.isArray(e)) return e.map((x) => resolveExpr(x, lookup));
  if ("constant_value" in e)
    return resolveTemplates((e as { constant_value: unknown }).constant_value, lookup);
  if ("references" in e && Array.isArray((e as { references: unknown }).references)) {
    const refs = (e as { references: string[] }).references;
    for (const r of refs) {
      const v = lookup(r);
      if (v !== undefined) return v;
    }
    return null;
  }
  return Object.fromEntries(Object.entries(e).map(([k, x]) => [k, resolveExpr(x as Expr, lookup)]));
}

function stateLookup(state: TfObject | undefined): (ref: string) => unknown {
  const byAddress = new Map<string, TfObject>();
  for (const r of (state?.resources as unknown as {
    mode: string;
    type: string;
    name: string;
    instances: { attributes: TfObject }[];
  }[]) ?? []) {
    if (r.mode === "managed" && r.instances[0])
      byAddress.set(`${r.type}.${r.name}`, r.instances[0].attributes);
  }
  return (ref) => {
    const parts = ref.split(".");
    if (parts.length < 3) return undefined;
    const attrs = byAddress.get(`${parts[0]}.${parts[1]}`);
    return attrs ? attrs[parts[2]] : undefined;
  };
}

function stateResources(
  state: TfObject | undefined,
): { type: string; address: string; attributes: TfObject }[] {
  const out: { type: string; address: string; attributes: TfObject }[] = [];
  for (const r of (state?.resources as unknown as {
    mode: string;
    type: string;
    name: string;
    instances: { attributes: TfObject }[];
  }[]) ?? []) {
    if (r.mode === "managed" && r.instances[0])
      out.push({ type: r.type, address: `${r.type}.${r.name}`, attributes: r.instances[0].attributes });
  }
  return out;
}

function twinFor(type: string): TwinProvider | undefined {
  return TWINS[type.split("_")[0]];
}

function declaredAliases(show: TfObject | undefined, state: TfObject | undefined): TwinAlias[] {
  const lookup = stateLookup(state);
  const out: TwinAlias[] = [];
  const resources =
    (
      (show?.configuration as TfObject | undefined)?.root_module as
        { resources?: { type: string; mode: string; expressions: Expr }[] } | undefined
    )?.resources ?? [];
  for (const r of resources) {
    if (r.mode !== "managed") continue;
    const twin = twinFor(r.type);
    if (!twin) continue;
    const values = resolveExpr(r.expressions, lookup) as TfObject;
    // A single block may come as an object in cdktf's JSON: the views read lists.
    for (const [k, v] of Object.entries(values))
      if (v && typeof v === "object" && !Array.isArray(v) && k === "routing_config") values[k] = [v];
    const a = twin.view.declaredAlias(r.type, values);
    if (a) out.push(a);
  }
  return out;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function sameAlias(a: TwinAlias, b: TwinAlias | undefined): boolean {
  if (!b) return false;
  const w = (x: TwinAlias) =>
    JSON.stringify(
      Object.entries(x.weights)
        .map(([k, v]) => [k, round(v)])
        .sort(),
    );
  return (
    a.version === b.version &&
    w(a) === w(b) &&
    JSON.stringify([...a.matches].sort()) === JSON.stringify([...b.matches].sort())
  );
}

/** "v1 90% | v2 10%", "v3 | invoke.headers.User exact "Bob" → v4". */
export function formatRouting(a: TwinAlias | undefined): string {
  if (!a) return "(none)";
  const extra = Object.values(a.weights).reduce((s, w) => s + w, 0);
  const parts = Object.keys(a.weights).length
    ? [
        `v${a.version} ${+(100 * (1 - extra)).toFixed(4)}%`,
        ...Object.entries(a.weights).map(([v, w]) => `v${v} ${+(100 * w).toFixed(4)}%`),
      ]
    : [`v${a.version}`];
  return [...parts, ...a.matches].join(" | ");
}

function allTwins(): [string, TwinProvider][] {
  return Object.entries(TWINS);
}

export async function rehearse(
  steps: readonly RehearsalStep[],
  options: RehearseOptions = {},
): Promise<RehearsalReport> {
  if (steps.length === 0) throw new RehearsalInputError("no release steps to rehearse", "steps");
  const tf = findTerraform(options.terraform);
  const workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "serverless-canary-rehearse-"));
  fs.mkdirSync(workDir, { recursive: true });
  const keep = options.keepWorkDir ?? options.workDir !== undefined;
  const mirror = writeMirror(path.join(workDir, ".twin"), twinEntry(), {
    SERVERLESS_CANARY_TWIN_SCHEMAS: schemasDir(),
  });
  const cloudFile = path.join(workDir, "twin-cloud.json");
  for (const p of Object.keys(TWINS)) fs.rmSync(providerCloudFile(cloudFile, p), { force: true });
  const readCloud = () => readAccount(cloudFile, Object.keys(TWINS));
  const useHttp = (options.stateBackend ?? "http") === "http";
  const env: Record<string, string> = { TF_CLI_CONFIG_FILE: mirror.cliConfig, [TWIN_CLOUD_ENV]: cloudFile };
  if (useHttp) env.TF_STATE_PERSIST_INTERVAL = STATE_PERSIST_INTERVAL_S;
  const stackDirs = new Map<string, string>();
  const stateServer = useHttp
    ? new StateServer(
        keep
          ? (key, body) => {
              const d = stackDirs.get(key);
              if (d) writeStateCopy(path.join(d, "rehearsal.tfstate"), body);
            }
          : undefined,
      )
    : undefined;
  await stateServer?.start();
  const progress = options.progress ?? (() => undefined);
  const initialized = new Set<string>();
  const results: StepResult[] = [];
  try {
    for (const step of steps) {
      const findings: Finding[] = [];
      const stacks: StackStepResult[] = [];
      const notes: string[] = [];
      for (const a of step.before ?? []) {
        const act = TWINS[a.provider]?.actions?.[a.action];
        if (!act) throw new RehearsalInputError(`unknown twin action ${a.provider}:${a.action}`, step.name);
        try {
          notes.push(
            withCloud(providerCloudFile(cloudFile, a.provider), (cloud) => act(cloud, { ...a.args })),
          );
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          findings.push({
            kind: "apply-failed",
            step: step.name,
            stack: "(before the step)",
            message: `${a.action}: ${e.code}: ${e.message}`,
          });
        }
      }
      for (const [stack, from] of Object.entries(step.stacks)) {
        const dir = path.join(workDir, stack.replace(/[^A-Za-z0-9_.-]/g, "_"));
        stackDirs.set(stack, dir);
        copyStack(from, dir, stateServer && { http: { address: stateServer.address(stack) } });
        const readState = () =>
          stateServer ? stateServer.state<TfObject>(stack) : readJson(path.join(dir, "terraform.tfstate"));
        const tfRun = (args: string[]) => runTerraform(tf.binary, args, dir, env);
        const find = (kind: FindingKind, message: string) =>
          findings.push({ kind, step: step.name, stack, message });
        const errors: string[] = [];
        if (!initialized.has(dir)) {
          progress(`${step.name}/${stack}: terraform init`);
          // -reconfigure: a kept working folder may hold another rehearsal's backend address.
          const init = await tfRun(["init", "-input=false", "-no-color", "-reconfigure"]);
          if (init.code !== 0) {
            errors.push(...terraformErrors(init.stderr));
            find("apply-failed", `terraform init failed: ${errors.join("; ")}`);
            stacks.push(emptyResult(stack, errors));
            continue;
          }
          initialized.add(dir);
        }
        const cloudBefore = readCloud();
        const stateBefore = readState();
        progress(`${step.name}/${stack}: terraform plan`);
        const plan = await tfRun(["plan", "-input=false", "-no-color", "-lock=false", "-out=step.tfplan"]);
        if (plan.code !== 0) {
          errors.push(...terraformErrors(plan.stderr));
          find("apply-failed", `plan failed: ${errors.join("; ")}`);
          stacks.push(emptyResult(stack, errors));
          continue;
        }
        const show = await tfRun(["show", "-json", "step.tfplan"]);
        const planJson = JSON.parse(show.stdout) as TfObject;
        const changes = plannedChanges(planJson);
        progress(`${step.name}/${stack}: terraform apply`);
        const apply = await tfRun([
          "apply",
          "-input=false",
          "-no-color",
          "-lock=false",
          "-auto-approve",
          "step.tfplan",
        ]);
        const applied = apply.code === 0;
        if (!applied) {
          errors.push(...terraformErrors(apply.stderr));
          for (const e of errors) find("apply-failed", e);
        }
        const stateAfter = readState();
        const cloudAfter = readCloud();
        checkServedVersions(changes, planJson, cloudBefore, find);
        checkVersionCode(stateBefore, stateAfter, cloudBefore, cloudAfter, find);
        let replan: PlannedChange[] = [];
        let replanEmpty = false;
        if (applied) {
          progress(`${step.name}/${stack}: terraform plan (re-plan)`);
          const again = await tfRun([
            "plan",
            "-input=false",
            "-no-color",
            "-lock=false",
            "-detailed-exitcode",
            "-out=replan.tfplan",
          ]);
          if (again.code === 0) replanEmpty = true;
          else if (again.code === 2) {
            replan = plannedChanges(JSON.parse((await tfRun(["show", "-json", "replan.tfplan"])).stdout));
            find(
              "replan-not-empty",
              `the plan after apply is not empty: ${replan.map((c) => `${c.action} ${c.address} (${(c.action === "replace" ? c.replacedBy : c.attributes).join(", ")})`).join("; ")}`,
            );
          } else {
            const e = terraformErrors(again.stderr);
            errors.push(...e);
            find("apply-failed", `re-plan failed: ${e.join("; ")}`);
          }
        }
        const deployed = new Map<string, TwinAlias>();
        for (const x of allTwins().flatMap(([p, t]) => (cloudAfter[p] ? t.view.aliases(cloudAfter[p]) : [])))
          if (!deployed.has(aliasKey(x))) deployed.set(aliasKey(x), x);
        const aliases: AliasComparison[] = declaredAliases(planJson, stateAfter).map((d) => {
          const dep = deployed.get(aliasKey(d));
          return {
            function: d.function,
            alias: d.alias,
            declared: d,
            deployed: dep,
            same: sameAlias(d, dep),
          };
        });
        if (applied)
          for (const a of aliases.filter((x) => !x.same))
            find(
              "routing-differs",
              `alias ${a.function}/${a.alias}: the twin's cloud holds ${formatRouting(a.deployed)}, the configuration declares ${formatRouting(a.declared)}`,
            );
        const stages = allTwins().flatMap(([p, t]) => (cloudAfter[p] ? t.view.stages(cloudAfter[p]) : []));
        stacks.push({
          stack,
          plan: changes,
          applied,
          errors,
          replanEmpty,
          replan,
          aliases,
          stages,
          ...(options.keepPlans ? { planJson } : {}),
        });
      }
      results.push({ step: step.name, before: notes, stacks, findings });
    }
  } finally {
    await stateServer?.close();
    if (!keep) fs.rmSync(workDir, { recursive: true, force: true });
  }
  const findings = results.flatMap((r) => r.findings);
  return { ok: findings.length === 0, terraformVersion: tf.version, steps: results, findings, workDir };
}

const aliasKey = (a: TwinAlias) => `${a.function}\u0000${a.alias}`;

function emptyResult(stack: string, errors: string[]): StackStepResult {
  return { stack, plan: [], applied: false, errors, replanEmpty: false, replan: [], aliases: [], stages: [] };
}

/** A version resource replaced or deleted while an alias (or a stage, as qualifier) of the twin's cloud serves it. */
function checkServedVersions(
  changes: PlannedChange[],
  planJson: TfObject,
  cloudBefore: CloudData,
  find: (kind: FindingKind, message: string) => void,
): void {
  const removed = changes.filter((x) => x.action === "replace" || x.action === "delete");
  if (removed.length === 0) return;
  const rcs = new Map(
    ((planJson.resource_changes as unknown as ShowChange[]) ?? []).map((r) => [r.address, r]),
  );
  // What each provider's cloud serves, read once (not once per changed resource).
  const served = new Map<string, { aliases: TwinAlias[]; stages: TwinStage[] }>();
  for (const c of removed) {
    const twin = twinFor(c.type);
    const before = rcs.get(c.address)?.change.before;
    const v = twin && before ? twin.view.versionOf(c.type, before) : undefined;
    if (!twin || !v) continue;
    const provider = c.type.split("_")[0];
    let srv = served.get(provider);
    if (!srv) {
      const cloud = (cloudBefore[provider] ?? {}) as CloudData;
      srv = { aliases: twin.view.aliases(cloud), stages: twin.view.stages(cloud) };
      served.set(provider, srv);
    }
    const servers = [
      ...srv.aliases
        .filter(
          (a) =>
            a.function === v.function &&
            (a.version === v.version ||
              v.version in a.weights ||
              a.matches.some((m) => m.endsWith(`→ v${v.version}`))),
        )
        .map((a) => `alias ${a.alias}`),
      ...srv.stages
        .filter((s) => s.function === v.function && s.qualifier === v.version)
        .map((s) => `stage ${s.stage}`),
    ];
    if (servers.length)
      find(
        "served-version-replaced",
        `${c.address}: version ${v.version} of ${v.function}, served by ${servers.join(", ")}, is ${c.action === "replace" ? `replaced (${c.replacedBy.join(", ")})` : "deleted"}`,
      );
  }
}

/** A version resource whose published code differs after the step (a republish from today's $LATEST). */
function checkVersionCode(
  stateBefore: TfObject | undefined,
  stateAfter: TfObject | undefined,
  cloudBefore: CloudData,
  cloudAfter: CloudData,
  find: (kind: FindingKind, message: string) => void,
): void {
  // Each provider's versions, indexed once per cloud snapshot (not listed once per version resource).
  const indexes = new Map<CloudData, Map<string, Map<string, string>>>();
  const codeOf = (cloud: CloudData, type: string, fn: string, version: string) => {
    const twin = twinFor(type);
    const provider = type.split("_")[0];
    const c = cloud[provider] as CloudData | undefined;
    if (!twin || !c) return undefined;
    let byProvider = indexes.get(cloud);
    if (!byProvider) indexes.set(cloud, (byProvider = new Map()));
    let index = byProvider.get(provider);
    if (!index) {
      index = new Map();
      for (const x of twin.view.versions(c)) {
        const k = `${x.function}\u0000${x.version}`;
        if (!index.has(k)) index.set(k, x.code);
      }
      byProvider.set(provider, index);
    }
    return index.get(`${fn}\u0000${version}`);
  };
  const after = new Map(stateResources(stateAfter).map((r) => [r.address, r]));
  for (const b of stateResources(stateBefore)) {
    const twin = twinFor(b.type);
    const vb = twin?.view.versionOf(b.type, b.attributes);
    const a = after.get(b.address);
    const va = a && twin?.view.versionOf(a.type, a.attributes);
    if (!vb || !va) continue;
    const cb = codeOf(cloudBefore, b.type, vb.function, vb.version);
    const ca = codeOf(cloudAfter, a.type, va.function, va.version);
    if (cb !== undefined && ca !== undefined && cb !== ca)
      find(
        "version-code-changed",
        `${b.address}: published code changed: version ${vb.version} (${cb}) became version ${va.version} (${ca})`,
      );
  }
}
