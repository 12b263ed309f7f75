/**
 * The `serverless-canary` command line: `review` and `simulate` over synthesized Terraform JSON
 * or a plan. `main` returns the exit code (0 ok, 1 danger found, 2 bad input or usage) and writes
 * only to the streams it is given, so it runs in-process in tests. Errors are one line,
 * `serverless-canary: <what>: <where>`, never a stack trace.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import {
  formatDiagnostic,
  formatPercent,
  formatVersion,
  MultiValue,
  RouteRequest,
  RoutingValidationError,
  StageName,
} from "../routing";
import {
  DANGER_CHECKS,
  DANGER_IDS,
  DangerId,
  DEFAULT_MAX_WEIGHT_JUMP,
  fromEvaluatedPlan,
  InputError,
  isHandWrittenFolder,
  load,
  LoadedInput,
  parsePlan,
  renderMarkdown,
  renderText,
  review,
  reviewJson,
  simulate,
  SimulationResult,
  snapshotOf,
  textTable,
  watchLines,
} from "../review";

export interface CliStream {
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
}

export const BIN = "serverless-canary";

export const EXIT_OK = 0;
export const EXIT_DANGER = 1;
export const EXIT_INPUT = 2;

/** Bad usage: an unknown option, a missing argument, a malformed value. Exit 2. */
class UsageError extends Error {
  constructor(
    readonly what: string,
    readonly where: string,
  ) {
    super(`${what}: ${where}`);
  }
}

const MAIN_HELP = `Usage: ${BIN} <command> [options]

Review and simulate serverless canary releases (Tencent SCF, Alibaba FC 3.0 and FC 2.0)
from synthesized Terraform JSON (cdktf.out) or a Terraform plan.

Commands:
  review [PATH]       routing per stage and alias (versions, weights, rules);
                      with --base/--head: release notes and danger checks
  simulate PATH       route N requests to a stage or alias; print the split with
                      99% confidence intervals and the rule chain
  rehearse [APP]      run every release step through Terraform against the
                      provider twin, offline: plan, apply, re-plan, routing
  help [COMMAND]      show help for a command

Options:
  -h, --help          show help
  -v, --version       print the version

Exit codes: 0 ok, 1 danger found (review) or rehearsal finding, 2 bad input or usage.
Run "${BIN} <command> --help" for the options of a command.
`;

const REHEARSE_HELP = `Usage: ${BIN} rehearse [APP] [options]
       ${BIN} rehearse --synthesized DIR [--synthesized DIR]... [options]

Runs an app's release steps in order: synthesizes each step (the app's cdktf.json "app"
command with RELEASE_STEP=<step>), then terraform init/plan/apply against the provider
twin in a temporary folder, one state carried from step to step, and plans again.
Per step: the plan's actions, whether the re-plan is empty, and each alias's routing
as the twin holds it beside what the configuration declared. The twin models the
providers' source (not the cloud); needs Terraform >= 1.5 on PATH, no network.

Fails (exit 1) when an apply fails, a version an alias or stage serves is replaced or
deleted, a published version's code changes, a re-plan is not empty, or an alias's
routing on the twin differs from the declared one.

Arguments:
  APP                       folder with cdktf.json (default: .)

Options:
  --step NAME               rehearse this step (repeatable, in order); default: every
                            step the app declares with selectReleaseStep
  --synthesized DIR         a synthesized output (cdktf.out) per step, in order
                            (repeatable; instead of APP); the step is the folder name
  --publish STEP:SERVICE[:VERSION]
                            before STEP, publish a version of FC 2.0 service SERVICE on
                            the twin, as the console would (repeatable)
  --work-dir DIR            keep the Terraform folders and the twin's cloud in DIR
  --format FORMAT           table (default), markdown or json
  --json                    same as --format json
  -h, --help                show this help
`;

const REVIEW_HELP = `Usage: ${BIN} review [PATH] [options]
       ${BIN} review --base OLD --head NEW [options]

Shows, per stage and alias, the versions, weights and rules of a synthesized output.
With --base and --head, compares two outputs: routing changes per stage as release
notes ("release: v1 100% → v1 90% | v2 10%") and danger checks. The head may be a
"terraform show -json" plan; a plan alone is compared with its own before state.
Reads any Terraform JSON using the SCF, FC 3.0, FC 2.0 and API Gateway resource
types, not only stacks built with cdktf-serverless-canary.

Arguments:
  PATH                      a cdktf.out folder, a stack's cdk.tf.json, any *.tf.json,
                            a configuration folder (.tf/.tf.json, evaluated by
                            Terraform when available), a plan JSON or a binary plan
                            file (default: ./cdktf.out)

Options:
  --base OLD                the output before the change (folder, file or plan)
  --head NEW                the output after the change, or a plan JSON
  --format FORMAT           table (default), markdown (with a Mermaid diagram) or json
  --json                    same as --format json
  --max-weight-jump N       largest canary weight change, in percentage points,
                            before it is a danger (default: ${DEFAULT_MAX_WEIGHT_JUMP})
  --allow CHECK             report CHECK but do not fail on it (repeatable)
  --guard-stage STAGE       the stages weight-jump guards, release, prepub or dev
                            (repeatable; default: release); a rollback (traffic back
                            to a version published in the base) is never a jump
  --fc2-primary-in-weights note|danger
                            FC 2.0 alias with its primary version in the weights
                            (V6, contested): a note (default) or invalid-routing
  --terraform               evaluate a configuration folder with Terraform through
                            the provider twin, offline (default when Terraform is on
                            PATH and PATH is a folder of .tf/.tf.json files)
  --raw                     read Terraform JSON as is, without Terraform; what it
                            cannot evaluate is listed as "not evaluated"
  --var NAME=VALUE          a variable for Terraform (repeatable)
  --var-file FILE           a variable file for Terraform (repeatable)
  -h, --help                show this help

Danger checks:
${DANGER_CHECKS.map((c) => `  ${([] as string[]).concat(c.id).join(", ")}\n      ${c.summary}${c.needsBase ? "" : " (also without --base)"}`).join("\n")}

Warnings the constructs recorded at synthesis (cdk.tf.json "//".metadata) are shown
with their stack (the head's with --base/--head); they never change the exit code.

Exit codes: 0 no danger, 1 danger found, 2 bad input or usage.
`;

const SIMULATE_HELP = `Usage: ${BIN} simulate PATH (--stage STAGE | --alias ALIAS) [options]

Routes N requests with the given headers, cookies, query or routing key to a stage
or alias of a synthesized output (or any Terraform JSON with these resource types)
and prints each version's share with a 99% Wilson confidence interval, and the rule
chain of the first request that reached each version. --seed makes it reproducible.

Arguments:
  PATH                      a cdktf.out folder, a cdk.tf.json / *.tf.json file, or a plan JSON

Options:
  --stage STAGE             release, prepub or dev (or the cloud's test/PRE/TEST/RELEASE)
  --gateway NAME            the gateway (Alibaba group, Tencent service) when several have the stage
  --alias ALIAS             an alias (or version, LATEST/$LATEST, $DEFAULT) of a function
  --function NAME           the function when several have the alias
  -n, --requests N          number of requests (default: 10000)
  --seed SEED               seed of the draws: a decimal integer such as 42, -1 or
                            18446744073709551615, taken mod 2^64 (default: 0)
  --header NAME=VALUE       a request header (repeatable)
  --cookie NAME=VALUE       a cookie (repeatable)
  --query NAME=VALUE        a query parameter (repeatable)
  --routing-key JSON        the SCF invoke RoutingKey, e.g. '{"User":"Bob"}'
  --gateway-routing-key     assume Tencent API Gateway passes client headers as the
                            SCF RoutingKey (undocumented; off by default)
  --terraform, --raw, --var NAME=VALUE, --var-file FILE
                            how a configuration folder is evaluated (see review --help)
  --json                    JSON output
  -h, --help                show this help

Exit codes: 0 ok, 2 bad input or usage.
`;

function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** util.parseArgs, with its errors turned into one-line usage errors. */
function parse<T extends NonNullable<Parameters<typeof parseArgs>[0]>["options"]>(
  command: string,
  args: string[],
  options: T,
) {
  // `--seed -1`: parseArgs refuses a value that starts with a dash as ambiguous; a negative number is
  // a value, not an option, so it is joined to its option (`--seed=-1`).
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith("--") ? args[i].slice(2) : undefined;
    const option = name !== undefined ? (options as Record<string, { type: string }>)[name] : undefined;
    if (option?.type === "string" && /^-[0-9]/.test(args[i + 1] ?? ""))
      joined.push(`${args[i]}=${args[++i]}`);
    else joined.push(args[i]);
  }
  args = joined;
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message.split(/\.\s/)[0].replace(/\.$/, "");
    throw new UsageError(
      message.charAt(0).toLowerCase() + message.slice(1),
      `${BIN} ${command} (see --help)`,
    );
  }
}

function parsePairs(
  values: readonly string[] | undefined,
  option: string,
): Record<string, MultiValue> | undefined {
  if (!values || values.length === 0) return undefined;
  // A Map, so a name such as "__proto__" is just a name.
  const out = new Map<string, string[]>();
  for (const v of values) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new UsageError(`${option} needs NAME=VALUE, got ${JSON.stringify(v)}`, option);
    const name = v.slice(0, eq);
    out.set(name, [...(out.get(name) ?? []), v.slice(eq + 1)]);
  }
  return Object.fromEntries([...out].map(([k, list]) => [k, list.length === 1 ? list[0] : list]));
}

/** How `review`/`simulate` evaluate a hand-written configuration. */
interface EvaluateFlags {
  /** `--terraform`: evaluate with Terraform (fail when it is missing). `--raw`: never. Else: when available. */
  readonly mode: "auto" | "terraform" | "raw";
  readonly vars: readonly string[];
  readonly varFiles: readonly string[];
}

const EVALUATE_OPTIONS = {
  terraform: { type: "boolean" },
  raw: { type: "boolean" },
  var: { type: "string", multiple: true },
  "var-file": { type: "string", multiple: true },
} as const;

function evaluateFlags(values: {
  terraform?: boolean;
  raw?: boolean;
  var?: string[];
  "var-file"?: string[];
}): EvaluateFlags {
  if (values.terraform && values.raw) throw new UsageError("give --terraform or --raw, not both", "--raw");
  return {
    mode: values.terraform ? "terraform" : values.raw ? "raw" : "auto",
    vars: values.var ?? [],
    varFiles: values["var-file"] ?? [],
  };
}

/** A binary plan file (`terraform plan -out`): a zip archive. */
function isBinaryPlan(file: string): boolean {
  try {
    const fd = fs.openSync(file, "r");
    const head = Buffer.alloc(2);
    fs.readSync(fd, head, 0, 2, 0);
    fs.closeSync(fd);
    return head.toString("latin1") === "PK";
  } catch {
    return false;
  }
}

/**
 * Plans first: a hand-written configuration folder (`.tf`/`.tf.json`, modules included) is evaluated
 * by Terraform through the provider twin, offline, where Terraform is available; a binary plan file
 * through `terraform show -json`; everything else (cdktf.out, one JSON file, a JSON plan) is read as is.
 * Without Terraform a `.tf.json` folder is read as raw JSON, naming what it could not evaluate.
 */
async function loadInput(source: string, flags: EvaluateFlags, io: CliIo): Promise<LoadedInput> {
  const folder = isHandWrittenFolder(source);
  const binaryPlan = !folder && fs.existsSync(source) && fs.statSync(source).isFile() && isBinaryPlan(source);
  if (flags.mode === "raw" || (!folder && !binaryPlan)) {
    if (flags.mode === "terraform" && !folder)
      throw new UsageError("--terraform evaluates a configuration folder (.tf/.tf.json)", source);
    return load(source);
  }
  // Loaded here: only evaluation needs Terraform and the twin.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ev = require("../rehearse/evaluate") as typeof import("../rehearse/evaluate");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tfm = require("../rehearse/terraform") as typeof import("../rehearse/terraform");
  let terraformMissing: string | undefined;
  try {
    tfm.findTerraform();
  } catch (e) {
    terraformMissing = (e as Error).message;
  }
  const hcl = folder && fs.readdirSync(source).some((f) => f.endsWith(".tf"));
  if (terraformMissing !== undefined) {
    if (flags.mode === "terraform" || binaryPlan || hcl) throw new InputError(terraformMissing, source);
    const raw = load(source);
    return raw.kind === "synth"
      ? { ...raw, notes: ["Terraform not found: read as raw JSON (what it cannot evaluate is listed)"] }
      : raw;
  }
  try {
    if (binaryPlan) {
      const plan = await ev.showPlanFile(source);
      return { kind: "plan", source, ...parsePlan(plan, source) };
    }
    const evaluated = await ev.evaluateConfiguration(source, {
      vars: flags.vars,
      varFiles: flags.varFiles,
      progress: (line) => io.stderr.write(`${BIN} review: ${line}\n`),
    });
    return fromEvaluatedPlan(evaluated.plan, source, path.basename(path.resolve(source)), [
      `evaluated by ${evaluated.by}: count, for_each, dynamic blocks, variables and modules as Terraform expands them`,
    ]);
  } catch (e) {
    if (!(e instanceof ev.EvaluateError)) throw e;
    if (flags.mode === "terraform" || binaryPlan || hcl) throw new InputError(e.what, e.where);
    // A .tf.json folder Terraform could not plan (e.g. resource types the twin does not model): raw JSON.
    const raw = load(source);
    return raw.kind === "synth" ? { ...raw, notes: [`read as raw JSON: ${e.what}`] } : raw;
  }
}

function wantsJson(args: readonly string[]): boolean {
  return args.some(
    (a, i) => a === "--json" || a === "--format=json" || (a === "--format" && args[i + 1] === "json"),
  );
}

async function runReview(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse("review", args, {
    base: { type: "string" },
    head: { type: "string" },
    format: { type: "string" },
    json: { type: "boolean" },
    "max-weight-jump": { type: "string" },
    allow: { type: "string", multiple: true },
    "fc2-primary-in-weights": { type: "string" },
    "guard-stage": { type: "string", multiple: true },
    ...EVALUATE_OPTIONS,
    help: { type: "boolean", short: "h" },
  });
  const flags = evaluateFlags(values);
  if (values.help) {
    io.stdout.write(REVIEW_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 1) {
    throw new UsageError(`review takes one PATH, got ${positionals.length}`, positionals.join(" "));
  }
  if (positionals.length === 1 && values.head !== undefined) {
    throw new UsageError("give PATH or --head, not both", `${positionals[0]} and --head ${values.head}`);
  }
  const headPath = values.head ?? positionals[0] ?? (values.base !== undefined ? undefined : "cdktf.out");
  if (headPath === undefined)
    throw new UsageError("--base needs --head NEW (or a PATH)", `--base ${values.base}`);
  const format = values.json ? "json" : (values.format ?? "table");
  if (!["table", "markdown", "json"].includes(format)) {
    throw new UsageError(
      `unknown format ${JSON.stringify(format)} (allowed: table, markdown, json)`,
      "--format",
    );
  }
  let maxWeightJump = DEFAULT_MAX_WEIGHT_JUMP;
  if (values["max-weight-jump"] !== undefined) {
    const raw = values["max-weight-jump"];
    maxWeightJump = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(maxWeightJump) || maxWeightJump < 0 || maxWeightJump > 100) {
      throw new UsageError(
        `--max-weight-jump needs a number of points from 0 to 100, got ${JSON.stringify(raw)}`,
        "--max-weight-jump",
      );
    }
  }
  const allow = (values.allow ?? []).flatMap((a) => a.split(",")).map((a) => a.trim());
  for (const a of allow) {
    if (!DANGER_IDS.includes(a as DangerId)) {
      throw new UsageError(
        `unknown check ${JSON.stringify(a)} (checks: ${DANGER_IDS.join(", ")})`,
        "--allow",
      );
    }
  }
  const head = await loadInput(headPath, flags, io);
  const base = values.base !== undefined ? await loadInput(values.base, flags, io) : undefined;
  const fc2 = values["fc2-primary-in-weights"] ?? "note";
  if (fc2 !== "note" && fc2 !== "danger")
    throw new UsageError(
      `--fc2-primary-in-weights needs note or danger, got ${JSON.stringify(fc2)}`,
      "--fc2-primary-in-weights",
    );
  const guarded = (values["guard-stage"] ?? []).flatMap((g) => g.split(",")).map((g) => g.trim());
  for (const g of guarded) {
    if (!["release", "prepub", "dev"].includes(g))
      throw new UsageError(
        `--guard-stage needs release, prepub or dev, got ${JSON.stringify(g)}`,
        "--guard-stage",
      );
  }
  const result = review(head, base, {
    maxWeightJump,
    allow: allow as DangerId[],
    fc2PrimaryInWeights: fc2,
    ...(guarded.length > 0 ? { guardedStages: guarded as StageName[] } : {}),
  });
  if (format === "json") io.stdout.write(JSON.stringify(reviewJson(result), null, 2) + "\n");
  else if (format === "markdown") io.stdout.write(renderMarkdown(result));
  else io.stdout.write(renderText(result));
  return result.exitCode;
}

const pct2 = (x: number): string => `${(x * 100).toFixed(2)}%`;

function renderSimulation(r: SimulationResult): string {
  const t = r.target;
  const where =
    t.kind === "stage"
      ? `stage ${t.stage} (${t.cloudStage}) of ${t.gateway}${t.api !== undefined ? ` ${t.api}` : ""} → ${t.qualifier} of ${t.function} (${t.platform})`
      : `${t.qualifier} of ${t.function} (${t.platform})`;
  const out = [`Simulation: ${where}`, `${r.total} requests, seed ${r.seed}`];
  const req = Object.entries(r.request).filter(([, v]) => v !== undefined);
  if (req.length > 0) out.push(`request: ${req.map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(", ")}`);
  out.push(
    "",
    textTable(
      ["VERSION", "REQUESTS", "SHARE", "99% CI"],
      r.versions.map((v) => [
        formatVersion(v.version),
        String(v.count),
        pct2(v.share),
        `${pct2(v.ci99.low)} – ${pct2(v.ci99.high)}`,
      ]),
    ),
    "",
    "Split: " +
      (r.versions.map((v) => `${formatVersion(v.version)} ${formatPercent(v.share)}`).join(" | ") ||
        "(no requests)"),
  );
  if (r.examples.length > 0) {
    out.push("", "Rule chain (first request to each version):");
    for (const e of r.examples)
      out.push(`  ${formatVersion(e.version)} (request ${e.index}): ${e.chain.join(" → ")}`);
  }
  if (r.assumptions.length > 0) out.push("", "Assumptions:", ...r.assumptions.map((a) => `  - ${a}`));
  if (r.warnings.length > 0) out.push("", "Warnings:", ...r.warnings.map((w) => `  - ${w}`));
  return out.join("\n") + "\n";
}

async function runSimulate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse("simulate", args, {
    stage: { type: "string" },
    gateway: { type: "string" },
    alias: { type: "string" },
    function: { type: "string" },
    requests: { type: "string", short: "n" },
    seed: { type: "string" },
    header: { type: "string", multiple: true },
    cookie: { type: "string", multiple: true },
    query: { type: "string", multiple: true },
    "routing-key": { type: "string" },
    "gateway-routing-key": { type: "boolean" },
    ...EVALUATE_OPTIONS,
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(SIMULATE_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? "simulate needs PATH" : `simulate takes one PATH, got ${positionals.length}`,
      `${BIN} simulate PATH (--stage STAGE | --alias ALIAS) (see --help)`,
    );
  }
  if ((values.stage === undefined) === (values.alias === undefined)) {
    throw new UsageError("give exactly one of --stage or --alias", `${BIN} simulate ${positionals[0]}`);
  }
  if (values.gateway !== undefined && values.stage === undefined)
    throw new UsageError("--gateway goes with --stage", "--gateway");
  if (values.function !== undefined && values.alias === undefined)
    throw new UsageError("--function goes with --alias", "--function");
  let count = 10000;
  if (values.requests !== undefined) {
    if (!/^[0-9]+$/.test(values.requests) || Number(values.requests) < 1 || Number(values.requests) > 1e9) {
      throw new UsageError(
        `-n needs a number of requests from 1 to 1000000000, got ${JSON.stringify(values.requests)}`,
        "-n",
      );
    }
    count = Number(values.requests);
  }
  const request: RouteRequest = {
    ...(parsePairs(values.header, "--header") ? { headers: parsePairs(values.header, "--header") } : {}),
    ...(parsePairs(values.cookie, "--cookie")
      ? { cookies: parsePairs(values.cookie, "--cookie") as Record<string, string> }
      : {}),
    ...(parsePairs(values.query, "--query") ? { query: parsePairs(values.query, "--query") } : {}),
    ...(values["routing-key"] !== undefined ? { routingKey: values["routing-key"] } : {}),
  };
  const input = await loadInput(positionals[0], evaluateFlags(values), io);
  const snapshot = snapshotOf(input);
  let result: SimulationResult;
  try {
    result = simulate(
      snapshot,
      values.stage !== undefined
        ? {
            kind: "stage",
            stage: values.stage,
            ...(values.gateway !== undefined ? { gateway: values.gateway } : {}),
          }
        : {
            kind: "alias",
            alias: values.alias!,
            ...(values.function !== undefined ? { function: values.function } : {}),
          },
      request,
      {
        count,
        seed: values.seed ?? 0,
        routingOptions: values["gateway-routing-key"] ? { gatewayRoutingKey: true } : undefined,
      },
    );
  } catch (e) {
    // A model the routing core rejects, a bad request or seed: name the input it came from.
    if (e instanceof RoutingValidationError)
      throw new InputError(routingErrorText(e), routingErrorWhere(e, positionals[0]));
    throw e;
  }
  if (values.json) {
    io.stdout.write(
      JSON.stringify(
        { command: "simulate", source: snapshot.source, ...result, exitCode: EXIT_OK },
        null,
        2,
      ) + "\n",
    );
  } else {
    const watch = watchLines(
      snapshot,
      result.target.functionId,
      result.target.qualifier,
      result.versions.map((v) => v.version),
    );
    io.stdout.write(
      renderSimulation(result) +
        (watch.length > 0
          ? ["", "Watched (release alarms, provisioned capacity):", ...watch, ""].join("\n")
          : ""),
    );
  }
  return EXIT_OK;
}

/** A RoutingValidationError as one line: its errors (else its warnings), each with code, path and rule. */
function routingErrorText(e: RoutingValidationError): string {
  const errors = e.diagnostics.filter((d) => d.severity === "error");
  return (errors.length > 0 ? errors : e.diagnostics).map(formatDiagnostic).join("; ") || e.message;
}

/** The option a request or seed error came from, else the input file (a model the routing core rejects). */
function routingErrorWhere(e: RoutingValidationError, file: string): string {
  const options: [RegExp, string][] = [
    [/^request\.routingKey/, "--routing-key"],
    [/^request\.headers/, "--header"],
    [/^request\.cookies/, "--cookie"],
    [/^request\.query/, "--query"],
    [/^request\.qualifier/, "--alias"],
    [/^seed/, "--seed"],
    [/^(count|startIndex)/, "-n"],
  ];
  const path = e.diagnostics[0]?.path ?? "";
  return options.find(([re]) => re.test(path))?.[1] ?? file;
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, "; ").trim();

function fail(io: CliIo, json: boolean, what: string, where: string, command?: string): number {
  const w = oneLine(what);
  io.stderr.write(`${BIN}: ${w}: ${oneLine(where)}\n`);
  if (json) {
    io.stdout.write(
      JSON.stringify(
        { ...(command ? { command } : {}), error: { what: w, where: oneLine(where) }, exitCode: EXIT_INPUT },
        null,
        2,
      ) + "\n",
    );
  }
  return EXIT_INPUT;
}

async function runRehearse(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse("rehearse", args, {
    step: { type: "string", multiple: true },
    synthesized: { type: "string", multiple: true },
    publish: { type: "string", multiple: true },
    "work-dir": { type: "string" },
    format: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(REHEARSE_HELP);
    return EXIT_OK;
  }
  const format = values.json ? "json" : (values.format ?? "table");
  if (!["table", "markdown", "json"].includes(format))
    throw new UsageError(
      `--format must be table, markdown or json, got ${JSON.stringify(format)}`,
      "--format",
    );
  if (positionals.length > 1)
    throw new UsageError(`rehearse takes one APP folder, got ${positionals.length}`, positionals.join(" "));
  if (positionals.length && values.synthesized?.length)
    throw new UsageError("give APP or --synthesized, not both", positionals[0]);
  if (values.step?.length && values.synthesized?.length)
    throw new UsageError("--step goes with APP, not --synthesized", "--step");
  // Loaded here: rehearsals need cdktf and the twin, review and simulate do not.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const r = require("../rehearse") as typeof import("../rehearse");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const os = require("os") as typeof import("os");
  try {
    r.findTerraform();
  } catch (e) {
    throw new InputError((e as Error).message, "terraform");
  }
  let steps;
  try {
    if (values.synthesized?.length) steps = r.stepsFromOutputs(values.synthesized);
    else {
      const app = path.resolve(positionals[0] ?? ".");
      const names = values.step?.length ? values.step : r.discoverSteps(app);
      steps = r.synthesizeApp(app, names, fs.mkdtempSync(path.join(os.tmpdir(), "serverless-canary-synth-")));
    }
  } catch (e) {
    if (e instanceof r.RehearsalInputError) throw new InputError(e.what, e.where);
    throw e;
  }
  for (const p of values.publish ?? []) {
    const [stepName, service, ver] = p.split(":");
    const step = steps.find((s) => s.name === stepName);
    if (!step || !service)
      throw new UsageError(
        `--publish needs STEP:SERVICE[:VERSION] with a rehearsed step, got ${JSON.stringify(p)}`,
        "--publish",
      );
    const args: Record<string, string> = { service, ...(ver ? { version: ver } : {}) };
    (step as { before?: unknown[] }).before = [
      ...(step.before ?? []),
      { provider: "alicloud", action: "fc2-publish", args },
    ];
  }
  let report;
  try {
    report = await r.rehearse(steps, {
      ...(values["work-dir"] ? { workDir: path.resolve(values["work-dir"]) } : {}),
      progress: (line) => io.stderr.write(`${BIN} rehearse: ${line}\n`),
    });
  } catch (e) {
    if (e instanceof r.RehearsalInputError) throw new InputError(e.what, e.where);
    throw e;
  }
  if (format === "json") io.stdout.write(JSON.stringify(r.rehearsalJson(report), null, 2) + "\n");
  else if (format === "markdown") io.stdout.write(r.renderRehearsalMarkdown(report));
  else io.stdout.write(r.renderRehearsalText(report));
  return report.ok ? EXIT_OK : EXIT_DANGER;
}

/** Runs the CLI on `argv` (without node and the script). Resolves to the exit code; never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const args = [...argv];
  const json = wantsJson(args);
  const command = args[0];
  try {
    if (command === undefined) {
      io.stderr.write(MAIN_HELP);
      return EXIT_INPUT;
    }
    if (command === "-h" || command === "--help") {
      io.stdout.write(MAIN_HELP);
      return EXIT_OK;
    }
    if (command === "-v" || command === "--version") {
      io.stdout.write(`${version()}\n`);
      return EXIT_OK;
    }
    if (command === "help") {
      const topic = args[1];
      const text =
        topic === undefined
          ? MAIN_HELP
          : topic === "review"
            ? REVIEW_HELP
            : topic === "simulate"
              ? SIMULATE_HELP
              : topic === "rehearse"
                ? REHEARSE_HELP
                : undefined;
      if (text === undefined)
        throw new UsageError(
          `unknown command ${JSON.stringify(topic)} (commands: review, simulate, rehearse)`,
          `${BIN} help`,
        );
      io.stdout.write(text);
      return EXIT_OK;
    }
    if (command === "review") return await runReview(args.slice(1), io);
    if (command === "simulate") return await runSimulate(args.slice(1), io);
    if (command === "rehearse") return await runRehearse(args.slice(1), io);
    throw new UsageError(
      `unknown command ${JSON.stringify(command)} (commands: review, simulate, rehearse, help)`,
      `${BIN} --help`,
    );
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError) return fail(io, json, e.what, e.where, command);
    if (e instanceof RoutingValidationError)
      return fail(io, json, routingErrorText(e), `${BIN} ${command}`, command);
    if (process.env.SERVERLESS_CANARY_DEBUG && e instanceof Error && e.stack) io.stderr.write(e.stack + "\n");
    return fail(
      io,
      json,
      `unexpected error (${e instanceof Error ? e.message : String(e)}); set SERVERLESS_CANARY_DEBUG=1 for details`,
      command ?? BIN,
      command,
    );
  }
}
