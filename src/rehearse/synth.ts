/**
 * Synthesizing release steps for a rehearsal, in-process (`synthesizeSteps`, for tests and the API)
 * or by running a cdktf app once per step (`synthesizeApp`, what the CLI does: the app's cdktf.json
 * `app` command with RELEASE_STEP set, writing to a temporary CDKTF_OUTDIR).
 */
import { execSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "../cdktf";
import { RELEASE_STEP_ENV } from "../constructs/release-steps";
import { RehearsalInputError, RehearsalStep } from "./rehearse";

function stacksIn(outdir: string): Record<string, string> {
  const dir = path.join(outdir, "stacks");
  if (!fs.existsSync(dir))
    throw new RehearsalInputError("no synthesized stacks (stacks/ folder missing)", outdir);
  const names = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, "cdk.tf.json")));
  if (!names.length) throw new RehearsalInputError("no synthesized stacks", dir);
  return Object.fromEntries(names.sort().map((n) => [n, path.join(dir, n)]));
}

/** Builds each step with `build` in a fresh App and synthesizes it to a temporary folder. */
export function synthesizeSteps<S extends { readonly name: string }>(
  steps: readonly S[],
  build: (app: App, step: S) => TerraformStack[] | void,
  outRoot = fs.mkdtempSync(path.join(os.tmpdir(), "serverless-canary-synth-")),
): RehearsalStep[] {
  return steps.map((step, i) => {
    const outdir = path.join(
      outRoot,
      `${String(i + 1).padStart(2, "0")}-${step.name.replace(/[^A-Za-z0-9_.-]/g, "_")}`,
    );
    const app = new App({ outdir, stackTraces: false });
    build(app, step);
    app.synth();
    return { name: step.name, stacks: stacksIn(outdir) };
  });
}

/** Synthesized output folders (`cdktf.out`), one per step, named after the folder. */
export function stepsFromOutputs(dirs: readonly string[]): RehearsalStep[] {
  return dirs.map((d) => ({ name: path.basename(path.resolve(d)), stacks: stacksIn(d) }));
}

function appCommand(appDir: string): string {
  const file = path.join(appDir, "cdktf.json");
  if (!fs.existsSync(file)) throw new RehearsalInputError("no cdktf.json in the app folder", appDir);
  const app = JSON.parse(fs.readFileSync(file, "utf8")).app;
  if (typeof app !== "string" || !app) throw new RehearsalInputError('cdktf.json has no "app" command', file);
  return app;
}

/**
 * The app's release steps: it is run with RELEASE_STEP set to a name no app declares, and
 * `selectReleaseStep` answers with the list of allowed names.
 */
export function discoverSteps(appDir: string): string[] {
  const probe = "serverless-canary-rehearse-list-steps";
  const r = spawnSync(appCommand(appDir), {
    cwd: appDir,
    shell: true,
    encoding: "utf8",
    env: {
      ...process.env,
      [RELEASE_STEP_ENV]: probe,
      CDKTF_OUTDIR: path.join(os.tmpdir(), `${probe}-${process.pid}`),
    },
  });
  const m = /unknown release step "serverless-canary-rehearse-list-steps".*?allowed: (.*)$/m.exec(
    `${r.stdout}\n${r.stderr}`,
  );
  if (!m)
    throw new RehearsalInputError(
      "the app does not select release steps with selectReleaseStep (RELEASE_STEP); give --step NAME",
      appDir,
    );
  return [...m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => JSON.parse(`"${x[1]}"`) as string);
}

/** Runs the app once per step (RELEASE_STEP=<name>) and returns the synthesized stacks. */
export function synthesizeApp(
  appDir: string,
  stepNames: readonly string[],
  outRoot: string,
): RehearsalStep[] {
  const command = appCommand(appDir);
  return stepNames.map((name, i) => {
    const outdir = path.join(
      outRoot,
      `${String(i + 1).padStart(2, "0")}-${name.replace(/[^A-Za-z0-9_.-]/g, "_")}`,
    );
    try {
      execSync(command, {
        cwd: appDir,
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...process.env, [RELEASE_STEP_ENV]: name, CDKTF_OUTDIR: outdir },
      });
    } catch (e) {
      const stderr = String((e as { stderr?: Buffer }).stderr ?? "")
        .trim()
        .split("\n")
        .slice(-3)
        .join(" ");
      throw new RehearsalInputError(`synthesizing step ${JSON.stringify(name)} failed: ${stderr}`, appDir);
    }
    return { name, stacks: stacksIn(outdir) };
  });
}
