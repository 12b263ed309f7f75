import { Construct } from "constructs";
import { LocalBackend, TerraformStack } from "cdktf";
import { CanaryAlias, FunctionCode, FunctionWithVersions, ReleaseAlarms } from "cdktf-serverless-canary";
import { TrafficStep } from "./steps";

export class DefaultAliasTrafficStack extends TerraformStack {
  readonly defaultAlias: CanaryAlias;
  readonly routingAlias?: CanaryAlias;

  constructor(scope: Construct, id: string, step: TrafficStep) {
    super(scope, id);
    // Team state in COS: new CosBackend(this, { bucket: "tfstate-1250000000", prefix: "my-function", region: "ap-guangzhou" });
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });

    const fn = new FunctionWithVersions(this, "MyFunction", {
      platform: "scf",
      functionName: "my-function",
      runtime: "Nodejs18.15",
      handler: "index.main_handler",
      code: FunctionCode.fromBucket("code-1250000000", "my-function/8c41d2.zip", { region: "ap-guangzhou" }),
      versions: step.versions,
    });
    // $DEFAULT is built in: Terraform cannot manage it, so this models, checks and outputs it;
    // apply it with `sls deploy --inputs traffic=<share>`.
    this.defaultAlias = CanaryAlias.scfDefaultTraffic(this, "DefaultTraffic", fn, step.latestTraffic);
    this.defaultAlias.expect(
      step.latestTraffic === 0 || step.latestTraffic === 1
        ? { reaches: step.latestTraffic === 1 ? "$LATEST" : fn.latestPublished!.label }
        : { share: { version: "$LATEST", percent: step.latestTraffic * 100, tolerance: 2 } },
    );

    if (step.routingAlias) {
      const [canary, weight] = Object.entries(step.routingAlias.weights)[0];
      this.routingAlias = new CanaryAlias(this, "RoutingAlias", {
        function: fn,
        aliasName: "routing-alias",
        version: step.routingAlias.version,
        canary: { version: canary, weight },
      });
      this.routingAlias.expect({ share: { version: canary, percent: weight * 100, tolerance: 2 } });
      // Alarms per version routing-alias serves, and on the alias as a whole (policy types SCF / scf_alias).
      new ReleaseAlarms(this, "RoutingAlarms", {
        target: this.routingAlias,
        notification: { tencentNoticeIds: ["notice-replace-me"] },
      });
    }
  }
}
