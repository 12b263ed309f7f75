/**
 * Shared setup for rehearsal tests: the examples (how to build each step, and the out-of-band actions
 * their READMEs document), Terraform's presence (a missing Terraform fails with one line), and
 * patches of synthesized stacks that put back (or take out) one apply-time defect of issue #11.
 */
import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { findTerraform, RehearsalReport, RehearsalStep, synthesizeSteps } from "../../src/rehearse";
import { steps as stagedSteps } from "../../examples/tencent-staged-grayscale/steps";
import { InvokeGrayscaleStack, StagedGrayscaleStack } from "../../examples/tencent-staged-grayscale/stack";
import { steps as trafficSteps } from "../../examples/tencent-default-alias-traffic/steps";
import { DefaultAliasTrafficStack } from "../../examples/tencent-default-alias-traffic/stack";
import { steps as fc3Steps } from "../../examples/alicloud-fc3-canary/steps";
import { Fc3CanaryStack } from "../../examples/alicloud-fc3-canary/stack";
import { steps as fc2Steps } from "../../examples/alicloud-fc2-rules/steps";
import { Fc2RulesStack } from "../../examples/alicloud-fc2-rules/stack";

/** Fails the calling suite with one line when Terraform is missing (no silent skip). */
export function requireTerraform(): void {
  try {
    findTerraform();
  } catch (e) {
    const err = new Error((e as Error).message);
    err.stack = err.message;
    throw err;
  }
}

export interface ExampleDef {
  readonly name: string;
  readonly stepNames: readonly string[];
  readonly synth: () => RehearsalStep[];
}

function build<S extends { name: string }>(steps: readonly S[], f: (app: App, s: S) => TerraformStack[]) {
  return () => synthesizeSteps(steps, f);
}

export const EXAMPLES: Record<string, ExampleDef> = {
  "tencent-staged-grayscale": {
    name: "tencent-staged-grayscale",
    stepNames: stagedSteps.map((s) => s.name),
    synth: build(stagedSteps, (app, s) => [
      new StagedGrayscaleStack(app, "staged-grayscale", s),
      new InvokeGrayscaleStack(app, "invoke-grayscale", s),
    ]),
  },
  "tencent-default-alias-traffic": {
    name: "tencent-default-alias-traffic",
    stepNames: trafficSteps.map((s) => s.name),
    synth: build(trafficSteps, (app, s) => [new DefaultAliasTrafficStack(app, "default-alias-traffic", s)]),
  },
  "alicloud-fc3-canary": {
    name: "alicloud-fc3-canary",
    stepNames: fc3Steps.map((s) => s.name),
    synth: build(fc3Steps, (app, s) => [new Fc3CanaryStack(app, "fc3-canary", s)]),
  },
  "alicloud-fc2-rules": {
    name: "alicloud-fc2-rules",
    stepNames: fc2Steps.map((s) => s.name),
    // The example's README: publish each step's versions (PublishServiceVersion) before applying it.
    synth: () =>
      build(fc2Steps, (app, s) => [new Fc2RulesStack(app, "fc2-rules", s)])().map((st, i) => ({
        ...st,
        before: (fc2Steps[i].publish ?? []).map((version) => ({
          provider: "alicloud",
          action: "fc2-publish",
          args: { service: fc2ServiceName(st), version },
        })),
      })),
  },
};

/** The FC 2.0 service name in a synthesized step (the example's, whatever it is called). */
function fc2ServiceName(step: RehearsalStep): string {
  for (const dir of Object.values(step.stacks)) {
    const json = readStack(dir);
    const svc = Object.values(json.resource?.alicloud_fc_service ?? {})[0] as { name?: string } | undefined;
    if (svc?.name) return svc.name;
  }
  return "";
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TfJson = any;

export function readStack(dir: string): TfJson {
  return JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
}

/** Edits every stack of every step (the escape hatch, applied to the synthesized JSON). */
export function patch(
  steps: RehearsalStep[],
  edit: (json: TfJson, dir: string, step: string) => void,
): RehearsalStep[] {
  for (const s of steps)
    for (const dir of Object.values(s.stacks)) {
      const json = readStack(dir);
      edit(json, dir, s.name);
      fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json, null, 1));
    }
  return steps;
}

const each = (json: TfJson, type: string, f: (r: TfJson, name: string) => void) => {
  for (const [name, r] of Object.entries(json.resource?.[type] ?? {})) f(r, name);
};

/** Issue #11 fixes, applied to the synthesized JSON, so that a defect test isolates the one it puts back. */
export const FIX = {
  /** 1: SCF versions always send namespace. */
  namespace: (json: TfJson) =>
    each(json, "tencentcloud_scf_function_version", (r) => (r.namespace ??= "default")),
  /** 2: local code present in the stack folder (what TerraformAsset yields). */
  localCode: (json: TfJson, dir: string) => {
    each(json, "tencentcloud_scf_function", (r) => {
      if (typeof r.zip_file === "string" && !fs.existsSync(path.join(dir, r.zip_file))) {
        fs.mkdirSync(path.dirname(path.join(dir, r.zip_file)), { recursive: true });
        fs.writeFileSync(path.join(dir, r.zip_file), `zip of ${r.zip_file}`);
      }
    });
    each(json, "alicloud_fc_function", (r) => {
      if (typeof r.filename === "string" && !fs.existsSync(path.join(dir, r.filename))) {
        fs.mkdirSync(path.dirname(path.join(dir, r.filename)), { recursive: true });
        fs.writeFileSync(path.join(dir, r.filename), `zip of ${r.filename}`);
      }
    });
  },
  /** 3: API Gateway group names without "-". */
  groupNames: (json: TfJson) =>
    each(json, "alicloud_api_gateway_group", (r) => (r.name = String(r.name).replace(/-/g, "_"))),
  /** 6: backend models send the keys the API echoes. */
  backendModels: (json: TfJson) =>
    each(json, "alicloud_api_gateway_backend_model", (r) => {
      const data = JSON.parse(r.backend_model_data);
      if (data.FunctionComputeConfig) data.FunctionComputeConfig.OnlyBusinessPath ??= false;
      r.backend_model_data = JSON.stringify(data);
    }),
};

export function fixAll(json: TfJson, dir: string): void {
  FIX.namespace(json);
  FIX.localCode(json, dir);
  FIX.groupNames(json);
  FIX.backendModels(json);
}

export function findingsOf(report: RehearsalReport, kind?: string, step?: string): string[] {
  return report.findings
    .filter((f) => (kind === undefined || f.kind === kind) && (step === undefined || f.step === step))
    .map((f) => `${f.step}/${f.stack}: ${f.message}`);
}
