/**
 * Alibaba FC 3.0 provisioned instances: one alicloud_fcv3_provision_config per alias.
 *
 * Provider behaviour relied on (aliyun/terraform-provider-alicloud @81c43b67,
 * alicloud/resource_alicloud_fcv3_provision_config.go):
 * - qualifier is Optional and not ForceNew (:54-57), and the id is the function name alone (:221); Read calls
 *   GET .../provision-config without the qualifier (service_alicloud_fcv3_v2.go:491-526). A qualifier change
 *   alone makes no API call, so the construct gives each alias its own resource address (the alias name is
 *   in the construct id): a different alias is a destroy and a create, never an in-place qualifier edit.
 * - always_allocate_cpu / always_allocate_gpu are sent when set (GetOkExists, :196-201) and read back (:241-244):
 *   both are always sent, so an unset value never drifts against the API's.
 * - target is 0..10000 (:90-94): FC3_PROVISION_MAX in ./profile.ts, which the construct checks.
 * What the construct asks (per alias, the limit, the warnings) is fc3CapacityProfile in ./profile.ts. FC 2.0
 * has no provision-config resource in the provider (monitoring-facts.md §4.2): fc2CapacityProfile refuses it.
 */
import { Construct } from "constructs";
import { Fcv3ProvisionConfig } from "../../.gen/providers/alicloud/fcv3-provision-config";
import { DeployedFunction } from "../adapter";
import { CapacityMapping, CapacityTarget } from "../monitoring";

export const fc3CapacityMapping: CapacityMapping = {
  create(construct: Construct, id: string, fn: DeployedFunction, target: CapacityTarget) {
    return new Fcv3ProvisionConfig(construct, id, {
      functionName: fn.functionNameRef,
      qualifier: target.qualifier,
      target: target.amount,
      alwaysAllocateCpu: target.alwaysAllocateCpu,
      alwaysAllocateGpu: target.alwaysAllocateGpu,
      dependsOn: [...target.dependsOn],
    });
  },
};
