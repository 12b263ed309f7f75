/**
 * Fixtures for the review and CLI tests: real `cdktf.out` folders synthesized with the library
 * (App with an outdir, `app.synth()`), and small hand-written Terraform JSON documents.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { CanaryAlias, FunctionCode, FunctionWithVersions, Platform, StagedApiGateway } from "../../src";
import { extract, Snapshot, terraformDoc } from "../../src/review";
import { ORDERS_ZIP } from "../helpers/synth";

export const FIXTURES = path.join(__dirname, "..", "fixtures", "review");
export const fixture = (name: string): string => path.join(FIXTURES, name);

export interface AliasSpec {
  readonly version: string;
  readonly canary?: { readonly version: string; readonly weight: number };
  /** SCF: a header rule to the canary version instead of a weight. */
  readonly rule?: { readonly header: string; readonly value: string; readonly version: string };
}

export interface ReleaseSpec {
  readonly platform: Platform;
  readonly versions: readonly string[];
  readonly release: AliasSpec;
  readonly prepub?: AliasSpec;
  /** Add a StagedApiGateway (release → alias release, prepub → alias prepub if any, dev → $DEFAULT/LATEST). */
  readonly gateway?: boolean;
  /** FC 3.0: a gateway header route on the prepub stage to this version. */
  readonly prepubRouteTo?: string;
}

/** A fresh temporary directory (removed by the OS; tests do not rely on cleanup). */
export function tempDir(prefix = "review-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function alias(stack: TerraformStack, fn: FunctionWithVersions, name: string, spec: AliasSpec): CanaryAlias {
  return new CanaryAlias(stack, name, {
    function: fn,
    aliasName: name,
    version: spec.version,
    canary: spec.rule
      ? {
          version: spec.rule.version,
          rules: [{ source: "header", name: spec.rule.header, operator: "=", value: spec.rule.value }],
        }
      : spec.canary,
  });
}

/** Synthesizes one stack per entry into `outdir` (a real cdktf.out) and returns `outdir`. */
export function synthRelease(outdir: string, stacks: Readonly<Record<string, ReleaseSpec>>): string {
  const app = new App({ outdir });
  for (const [name, spec] of Object.entries(stacks)) {
    const stack = new TerraformStack(app, name);
    const fn = new FunctionWithVersions(stack, "Orders", {
      platform: spec.platform,
      functionName: "orders",
      runtime: spec.platform === "scf" ? "Nodejs18.15" : "nodejs20",
      handler: "index.handler",
      code: FunctionCode.fromLocalZip(ORDERS_ZIP),
      versions: spec.versions,
    });
    alias(stack, fn, "release", spec.release);
    if (spec.prepub) alias(stack, fn, "prepub", spec.prepub);
    if (spec.gateway) {
      new StagedApiGateway(stack, "Api", {
        function: fn,
        name: "orders_api",
        // Alibaba group names are unique per region across an app's stacks: FC 2.0 and FC 3.0 apart.
        region: spec.platform === "fc2" ? "cn-shanghai" : "cn-hangzhou",
        experimentalFcRoutingPlugin: spec.prepubRouteTo !== undefined,
        stages: {
          // Without a prepub alias the prepub stage is left out.
          prepub: !spec.prepub
            ? false
            : spec.prepubRouteTo
              ? {
                  routes: [
                    {
                      when: [{ source: "header", name: "User", operator: "=", value: "Bob" }],
                      to: spec.prepubRouteTo,
                    },
                  ],
                }
              : {},
        },
      });
    }
  }
  app.synth();
  return outdir;
}

/** A snapshot of hand-written Terraform JSON given as an object (one stack, "test"). */
export function snapshotOfJson(json: unknown, source = "test.tf.json"): Snapshot {
  return extract([terraformDoc(json, source, "test")], source, "synth");
}

export interface ScfJsonSpec {
  /** Version resource names → description (default `release <name without v>`). */
  readonly versions: readonly string[];
  readonly versionDescriptions?: Readonly<Record<string, string>>;
  /** `namespace` on every version resource. @default - none (the provider reads back "default") */
  readonly versionNamespace?: string;
  /** Alias name → primary (a version resource name, or a literal such as "9") and weights. */
  readonly aliases?: Readonly<
    Record<string, { readonly primary: string; readonly weights?: readonly [string, number][] }>
  >;
  /** Environment (test/prepub/release) → qualifier; one service and API per environment. */
  readonly stages?: Readonly<Record<string, string>>;
  readonly releaseDesc?: Readonly<Record<string, string>>;
  readonly releaseCreateBeforeDestroy?: boolean;
}

/** A reference to a version resource when `v` names one, else the literal. */
const versionValue = (spec: ScfJsonSpec, v: string): string =>
  spec.versions.includes(v) ? `\${tencentcloud_scf_function_version.${v}.function_version}` : v;

/** Hand-written Tencent Terraform JSON: function `orders`, versions, aliases and per-environment services. */
export function scfJson(spec: ScfJsonSpec): Record<string, unknown> {
  const resource: Record<string, Record<string, unknown>> = {
    tencentcloud_scf_function: {
      orders: { name: "orders", handler: "index.handler", runtime: "Nodejs18.15", zip_file: "orders.zip" },
    },
    tencentcloud_scf_function_version: Object.fromEntries(
      spec.versions.map((v) => [
        v,
        {
          function_name: "${tencentcloud_scf_function.orders.name}",
          description: spec.versionDescriptions?.[v] ?? `release ${v.replace(/^v/, "")}`,
          ...(spec.versionNamespace !== undefined ? { namespace: spec.versionNamespace } : {}),
        },
      ]),
    ),
    tencentcloud_scf_function_alias: Object.fromEntries(
      Object.entries(spec.aliases ?? {}).map(([name, a]) => [
        name,
        {
          name,
          function_name: "${tencentcloud_scf_function.orders.name}",
          function_version: versionValue(spec, a.primary),
          ...(a.weights && a.weights.length > 0
            ? {
                routing_config: {
                  additional_version_weights: a.weights.map(([v, w]) => ({
                    version: versionValue(spec, v),
                    weight: w,
                  })),
                },
              }
            : {}),
        },
      ]),
    ),
  };
  const stages = Object.entries(spec.stages ?? {});
  if (stages.length > 0) {
    resource.tencentcloud_api_gateway_service = {};
    resource.tencentcloud_api_gateway_api = {};
    resource.tencentcloud_api_gateway_service_release = {};
    for (const [env, qualifier] of stages) {
      resource.tencentcloud_api_gateway_service[env] = {
        service_name: `orders_api_${env}`,
        protocol: "http",
        net_type: ["OUTER"],
      };
      resource.tencentcloud_api_gateway_api[env] = {
        service_id: `\${tencentcloud_api_gateway_service.${env}.id}`,
        api_name: `orders-${env}`,
        request_config_path: "/",
        service_config_type: "SCF",
        service_config_scf_function_name: "${tencentcloud_scf_function.orders.name}",
        service_config_scf_function_namespace: "default",
        service_config_scf_function_qualifier: versionValue(spec, qualifier),
        service_config_scf_function_type: "EVENT",
      };
      resource.tencentcloud_api_gateway_service_release[env] = {
        service_id: `\${tencentcloud_api_gateway_service.${env}.id}`,
        environment_name: env,
        release_desc: spec.releaseDesc?.[env] ?? `${env} → ${qualifier}`,
        ...(spec.releaseCreateBeforeDestroy ? { lifecycle: { create_before_destroy: true } } : {}),
      };
    }
  }
  return { resource };
}

/** A snapshot of `scfJson(spec)`. */
export function scfSnapshot(spec: ScfJsonSpec, source = "test.tf.json"): Snapshot {
  return snapshotOfJson(scfJson(spec), source);
}

/** Writes JSON to a file in `dir` and returns its path. */
export function writeJson(dir: string, name: string, json: unknown): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
  return file;
}
