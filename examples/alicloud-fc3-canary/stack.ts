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
import { Fc3Step } from "./steps";

export class Fc3CanaryStack extends TerraformStack {
  readonly alias1: CanaryAlias;
  readonly alarms: ReleaseAlarms;
  readonly gateway: StagedApiGateway;

  constructor(scope: Construct, id: string, step: Fc3Step) {
    super(scope, id);
    // Team state in OSS, with a Tablestore table as the lock:
    //   new OssBackend(this, { bucket: "tfstate-bucket", prefix: "fc3-canary", key: "terraform.tfstate",
    //     region: "cn-hangzhou", tablestoreEndpoint: "https://tf-lock.cn-hangzhou.ots.aliyuncs.com", tablestoreTable: "terraform_lock" });
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });

    const fn = new FunctionWithVersions(this, "Function", {
      platform: "fc3",
      functionName: "canary-demo",
      runtime: "nodejs20",
      handler: "index.handler",
      code: FunctionCode.fromBucket("code-bucket", "canary-demo/5e0d1b.zip"),
      versions: step.versions,
    });
    this.alias1 = new CanaryAlias(this, "Alias1", { function: fn, aliasName: "alias1", ...step.alias1 });
    // FC 3.0 CloudMonitor has no version dimension: per-version errors and latency are SLS log alerts on the
    // function's request logs (grouped by versionId), which this turns on and indexes; throttles are watched
    // by function-level CloudMonitor alarms on all versions (a synth warning says so).
    this.alarms = new ReleaseAlarms(this, "Alarms", {
      target: this.alias1,
      region: "cn-hangzhou",
      fc3Logs: { project: "canary-demo-logs-replace-me", logstore: "requests" },
      // A CloudMonitor contact group and an SLS action policy you manage (names and ids, never credentials).
      notification: { contactGroups: ["canary-demo-ops"], slsActionPolicyId: "canary-demo-oncall" },
    });
    // Provisioned instances on alias1 as a whole: FC 3.0 takes an alias (or LATEST), not a version.
    new ProvisionedCapacity(this, "Capacity", { target: this.alias1, total: step.provisioned });
    const canary = step.alias1.canary;
    this.gateway = new StagedApiGateway(this, "Api", {
      function: fn,
      // API Gateway group names allow letters, digits, Chinese characters and "_", never "-".
      name: "canary_demo",
      region: "cn-hangzhou",
      path: "/demo",
      stages: { release: { alias: this.alias1 }, prepub: false },
      expectations: canary
        ? [
            {
              stage: "release",
              share: { version: canary.version, percent: canary.weight * 100, tolerance: 2 },
            },
          ]
        : [
            { stage: "release", reaches: step.alias1.version },
            { stage: "dev", reaches: "LATEST" },
          ],
    });
  }
}
