import { Construct } from "constructs";
import { LocalBackend, TerraformStack } from "cdktf";
import {
  CanaryAlias,
  FunctionCode,
  FunctionWithVersions,
  ReleaseAlarms,
  StagedApiGateway,
} from "cdktf-serverless-canary";
import { Fc2Step } from "./steps";

export class Fc2RulesStack extends TerraformStack {
  readonly fn: FunctionWithVersions;
  /** Absent in the first step: an alias needs a published version. */
  readonly alias1?: CanaryAlias;
  readonly gateway?: StagedApiGateway;

  constructor(scope: Construct, id: string, step: Fc2Step) {
    super(scope, id);
    // Team state in OSS with a Tablestore lock table:
    //   new OssBackend(this, { bucket: "tfstate-bucket", prefix: "fc2-rules", key: "terraform.tfstate",
    //     region: "cn-hangzhou", tablestoreEndpoint: "https://tf-lock.cn-hangzhou.ots.aliyuncs.com", tablestoreTable: "terraform_lock" });
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });

    const fn = (this.fn = new FunctionWithVersions(this, "Function", {
      platform: "fc2",
      serviceName: "canary-service",
      functionName: "canary_fn",
      runtime: "nodejs16",
      handler: "index.handler",
      code: FunctionCode.fromBucket("code-bucket", step.code),
      versions: step.versions,
    }));
    if (!step.alias1) return;
    this.alias1 = new CanaryAlias(this, "Alias1", {
      function: fn,
      aliasName: "alias1",
      ...step.alias1,
      // FC 2.0 rules are simulated; the gateway routes below are what Terraform deploys.
      fc2Rules: "simulate-only",
    });
    // CloudMonitor FunctionQualifier* alarms: qualifier = the version id per version, the alias for the whole.
    // Provisioned capacity is refused on FC 2.0 (the provider has no FC 2.0 provision-config resource).
    new ReleaseAlarms(this, "Alarms", {
      target: this.alias1,
      region: "cn-hangzhou",
      notification: { contactGroups: ["canary-service-ops"] },
    });
    const canary = step.alias1.canary?.version;
    this.gateway = new StagedApiGateway(this, "Api", {
      function: fn,
      // API Gateway group names allow letters, digits, Chinese characters and "_", never "-".
      name: "canary_fn_api",
      region: "cn-hangzhou",
      // The routes below are routing-plugin backend overrides to another FC qualifier, which Alibaba
      // documents only for HTTP, HTTP-VPC and MOCK backends (an incomplete one answers I504RB): opt in
      // deliberately, and check each route on a test stage first.
      experimentalFcRoutingPlugin: true,
      stages: {
        release: {
          alias: this.alias1,
          routes: (step.gatewayRoutes ?? []).map((r, i) => ({ name: `uid${i}`, when: r.when, to: canary! })),
        },
        prepub: false,
      },
    });
  }
}
