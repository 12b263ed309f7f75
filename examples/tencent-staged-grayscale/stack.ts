import * as path from "path";
import { Construct } from "constructs";
import { LocalBackend, TerraformStack } from "cdktf";
import {
  CanaryAlias,
  FunctionCode,
  FunctionWithVersions,
  ProvisionedCapacity,
  ReleaseAlarms,
  StagedApiGateway,
} from "cdktf-serverless-canary";
import { StagedStep } from "./steps";

/** Your alarm notice (tencentcloud_monitor_alarm_notice id); a placeholder here. */
export const ALARM_NOTICE_ID = "notice-replace-me";
/** Function B's concurrency quota (SCF console): provisioned totals stay at or below it minus 100. */
export const FUNCTION_CONCURRENCY_QUOTA = 300;

/** Function B with the step's versions and its `release` and `prepub` aliases. */
function functionB(scope: Construct, functionName: string, step: StagedStep) {
  const fn = new FunctionWithVersions(scope, "FunctionB", {
    platform: "scf",
    functionName,
    runtime: "Nodejs18.15",
    handler: "index.main_handler",
    // A placeholder zip committed with the example (replace it with your build). It is copied into the stack
    // as a TerraformAsset under a content hash, so new code is a new zip_file path, which SCF needs to upload it.
    code: FunctionCode.fromLocalZip(path.join(__dirname, "code", "function-b.zip")),
    versions: step.versions,
  });
  const release = new CanaryAlias(scope, "ReleaseAlias", {
    function: fn,
    aliasName: "release",
    ...step.release,
  });
  const prepub = new CanaryAlias(scope, "PrepubAlias", { function: fn, aliasName: "prepub", ...step.prepub });
  // Alarms per served version and per alias, following each alias's routing: when release shifts to
  // version 2, version 2 gets its own alarms; at promotion version 1's alarms go away.
  for (const [id, alias] of [
    ["ReleaseAlarms", release],
    ["PrepubAlarms", prepub],
  ] as const) {
    new ReleaseAlarms(scope, id, {
      target: alias,
      // The id of a tencentcloud_monitor_alarm_notice you manage (never credentials): replace it with yours.
      notification: { tencentNoticeIds: [ALARM_NOTICE_ID] },
      canary: step.alarms.canary,
    });
  }
  // Provisioned concurrency per version release serves; checked against the function's concurrency quota.
  new ProvisionedCapacity(scope, "ReleaseCapacity", {
    target: release,
    ...step.provisioned,
    quota: FUNCTION_CONCURRENCY_QUOTA,
  });
  return { fn, release, prepub };
}

/**
 * Function B behind API Gateway: stage release → alias release, prepub → alias prepub,
 * dev (the `test` environment) → `$DEFAULT`. After this is set up, a release only moves aliases.
 */
export class StagedGrayscaleStack extends TerraformStack {
  readonly gateway: StagedApiGateway;
  readonly release: CanaryAlias;
  readonly prepub: CanaryAlias;

  constructor(scope: Construct, id: string, step: StagedStep) {
    super(scope, id);
    // State stays local by default. For a team, keep it in COS instead:
    //   new CosBackend(this, { bucket: "tfstate-1250000000", prefix: "orders/staged", region: "ap-guangzhou" });
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });

    const { fn, release, prepub } = functionB(this, "function-b", step);
    this.release = release;
    this.prepub = prepub;
    this.gateway = new StagedApiGateway(this, "ServiceA", {
      function: fn,
      // Tencent service names: letters, digits and "_" (the console rule); the stages become service_a_release, ...
      name: "service_a",
      path: "/orders",
      // Tencent's guide routes user Bob through the gateway, which implies client headers reach
      // the RoutingKey. That is undocumented; the simulator assumes it only because we say so here.
      gatewayRoutingKey: true,
      expectations: step.expect,
    });
  }
}

/**
 * The same flow over the invoke API: callers pass `Qualifier` and a `RoutingKey` such as
 * {"User":"Bob"} to InvokeFunction; no gateway.
 */
export class InvokeGrayscaleStack extends TerraformStack {
  readonly release: CanaryAlias;
  readonly prepub: CanaryAlias;

  constructor(scope: Construct, id: string, step: StagedStep) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    ({ release: this.release, prepub: this.prepub } = functionB(this, "function-b-invoke", step));
    // The invoke API carries the user as RoutingKey, e.g. {"User":"Bob"}.
    for (const e of step.expect) {
      const alias = e.stage === "prepub" ? this.prepub : e.stage === "release" ? this.release : undefined;
      if (!alias) continue;
      const headers = (e.request?.headers ?? {}) as Record<string, string>;
      alias.expect({
        request: Object.keys(headers).length > 0 ? { routingKey: JSON.stringify(headers) } : {},
        reaches: e.reaches,
        share: e.share,
      });
    }
  }
}
