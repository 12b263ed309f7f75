/**
 * Tencent SCF provisioned concurrency: one tencentcloud_scf_provisioned_concurrency_config per served,
 * published version.
 *
 * Provider behaviour relied on (tencentcloudstack/terraform-provider-tencentcloud @f6970a90,
 * services/scf/resource_tc_scf_provisioned_concurrency_config.go):
 * - qualifier is a published version: "$LATEST does not support provisioned concurrency" (:32-36);
 * - the sum over all versions is at most the function's concurrency quota minus 100 (:39-43):
 *   SCF_PROVISIONED_QUOTA_RESERVE in ./profile.ts, with what the construct asks (scfCapacityProfile);
 * - every input is ForceNew and there is no Update (:19-111): a count that changes replaces the config, so
 *   the construct keeps a version's count stable across steps where the strategy allows it;
 * - the id is `function#qualifier#namespace` (:196): two configs for one version collide, so a version gets
 *   exactly one;
 * - Read sets version_provisioned_concurrency_num from AvailableProvisionedConcurrencyNum (:237-238): while
 *   instances are still starting, a plan shows a replacement (README, "Monitoring a release").
 */
import { Construct } from "constructs";
import { ScfProvisionedConcurrencyConfig } from "../../.gen/providers/tencentcloud/scf-provisioned-concurrency-config";
import { DeployedFunction } from "../adapter";
import { CapacityMapping, CapacityTarget } from "../monitoring";
import { SCF_DEFAULT_NAMESPACE } from "./scf";

export const scfCapacityMapping: CapacityMapping = {
  create(construct: Construct, id: string, fn: DeployedFunction, target: CapacityTarget) {
    return new ScfProvisionedConcurrencyConfig(construct, id, {
      functionName: fn.functionNameRef,
      namespace: fn.namespace ?? SCF_DEFAULT_NAMESPACE,
      qualifier: target.qualifier,
      versionProvisionedConcurrencyNum: target.amount,
      dependsOn: [...target.dependsOn],
    });
  },
};
