import { Construct } from "constructs";
import { addDependsOn, Annotations, TerraformOutput, TerraformResource, Token } from "../cdktf";
import { FC3_PROVISION_MAX, fc3CapacityMapping } from "../clouds/alicloud/capacity";
import { SCF_PROVISIONED_QUOTA_RESERVE, scfCapacityMapping } from "../clouds/tencentcloud/capacity";
import { formatVersion, SCF_LATEST, show } from "../routing";
import { CanaryAlias } from "./canary-alias";
import { ReleaseValidationError } from "./errors";
import { FunctionWithVersions } from "./function-with-versions";
import { ReleaseTarget, resolveTarget, servedVersions } from "./release-target";

/**
 * `full`: every served version gets the whole amount (no cold starts at any weight; Tencent's documented
 * pattern: "provision 100 on each of versions 4 and 5"). `proportional`: ceil(total × share), cheaper, and
 * traffic above a version's share cold-starts. FC 3.0 provisions the alias as a whole (see README).
 */
export type ProvisionStrategy = "full" | "proportional";

export interface ProvisionedCapacityProps {
  /** A CanaryAlias, or a stage of a StagedApiGateway (every alias the stage and its routes call). */
  readonly target: ReleaseTarget;
  /** Provisioned instances (SCF: concurrency) for the alias's traffic, an integer >= 1. */
  readonly total: number;
  /** @default "full" */
  readonly strategy?: ProvisionStrategy;
  /**
   * SCF: the function's concurrency quota. The provisioned sum over its versions must stay at or below the
   * quota minus 100 (resource_tc_scf_provisioned_concurrency_config.go:39-43); checked at synth when given.
   * FC 3.0: the instance quota you want to stay under, checked against the total on the alias.
   * @default - not checked (the quota is not readable at synth)
   */
  readonly quota?: number;
  /** FC 3.0 always_allocate_cpu, always sent. @default true (the public record gives no API default) */
  readonly alwaysAllocateCpu?: boolean;
  /** FC 3.0 always_allocate_gpu, always sent. @default false (the public record gives no API default) */
  readonly alwaysAllocateGpu?: boolean;
}

/** One provisioned target as created. */
export interface ProvisionedTarget {
  /** SCF: the version label; FC 3.0: the alias name. */
  readonly key: string;
  readonly kind: "version" | "alias";
  readonly amount: number;
  readonly resource: TerraformResource;
}

interface FunctionTotals {
  readonly byVersion: Map<string, { amount: number; owner: string }>;
  readonly byAlias: Map<string, string>;
}
const totals = new WeakMap<FunctionWithVersions, FunctionTotals>();

/**
 * Provisioned capacity that follows the routing.
 *
 * - SCF: one provisioned-concurrency config per served, published version (never $LATEST, never an alias).
 *   Each version's config has an address of its own, so a version keeps its config across steps (every
 *   input is ForceNew: with `full` its count never changes while it serves); the alias depends on the
 *   configs, so the canary's is created before traffic shifts to it, and a version that stops serving
 *   loses its config after the alias moved off it.
 * - FC 3.0: one provision config on the alias (qualifier = the alias name), one resource address per alias.
 * - FC 2.0: refused (the alicloud provider has no FC 2.0 provision-config resource).
 */
export class ProvisionedCapacity extends Construct {
  readonly targets: readonly ProvisionedTarget[];
  readonly output: TerraformOutput;

  constructor(scope: Construct, id: string, props: ProvisionedCapacityProps) {
    super(scope, id);
    if (typeof props !== "object" || props === null)
      throw new ReleaseValidationError(this.node.path, `props must be an object; got ${show(props)}`);
    const { fn, aliases } = resolveTarget(this, props.target);
    if (fn.platform === "fc2") {
      throw new ReleaseValidationError(
        this.node.path,
        `provisioned capacity cannot be declared on Alibaba FC 2.0: the alicloud provider has no FC 2.0 provision-config ` +
          `resource (only alicloud_fcv3_provision_config); allowed: provision with Serverless Devs (s provision put) or move to FC 3.0`,
      );
    }
    const strategy = props.strategy ?? "full";
    if (strategy !== "full" && strategy !== "proportional")
      throw new ReleaseValidationError(
        this.node.path,
        `invalid strategy ${show(strategy)}; allowed: "full", "proportional"`,
      );
    const total = props.total;
    const max = fn.platform === "fc3" ? FC3_PROVISION_MAX : Number.MAX_SAFE_INTEGER;
    if (
      typeof total !== "number" ||
      Token.isUnresolved(total) ||
      !Number.isInteger(total) ||
      total < 1 ||
      total > max
    )
      throw new ReleaseValidationError(
        this.node.path,
        `invalid total ${show(total)}; allowed: an integer 1..${fn.platform === "fc3" ? max : "the quota"} known at synth time`,
      );
    if (
      props.quota !== undefined &&
      (typeof props.quota !== "number" || !Number.isInteger(props.quota) || props.quota < 1)
    )
      throw new ReleaseValidationError(
        this.node.path,
        `invalid quota ${show(props.quota)}; allowed: a positive integer`,
      );
    for (const key of ["alwaysAllocateCpu", "alwaysAllocateGpu"] as const)
      if (props[key] !== undefined && typeof props[key] !== "boolean")
        throw new ReleaseValidationError(
          this.node.path,
          `invalid ${key} ${show(props[key])}; allowed: true, false`,
        );
    let t = totals.get(fn);
    if (!t) totals.set(fn, (t = { byVersion: new Map(), byAlias: new Map() }));

    const targets: ProvisionedTarget[] = [];
    if (fn.platform === "scf") targets.push(...this.scf(fn, aliases, strategy, total, t, props));
    else targets.push(...this.fc3(fn, aliases, strategy, total, t, props));
    this.targets = targets;
    this.output = new TerraformOutput(this, "provisioned", {
      value: JSON.stringify({
        function: fn.serviceOrFunctionName,
        platform: fn.platform,
        strategy,
        total,
        ...(props.quota !== undefined ? { quota: props.quota } : {}),
        targets: Object.fromEntries(targets.map((x) => [x.key, x.amount])),
      }),
      description: `Provisioned capacity of ${fn.serviceOrFunctionName} (${strategy}): amount per ${fn.platform === "scf" ? "version" : "alias"}`,
    });
  }

  private scf(
    fn: FunctionWithVersions,
    aliases: CanaryAlias[],
    strategy: ProvisionStrategy,
    total: number,
    t: FunctionTotals,
    props: ProvisionedCapacityProps,
  ): ProvisionedTarget[] {
    const wanted = new Map<string, { versionId: string; amount: number }>();
    for (const alias of aliases) {
      for (const v of servedVersions(alias)) {
        if (v.label === SCF_LATEST) {
          Annotations.of(this).addWarning(
            `alias ${alias.aliasName} serves $LATEST, which cannot be provisioned (resource_tc_scf_provisioned_concurrency_config.go:32-36): its share runs on elastic instances`,
          );
          continue;
        }
        if (strategy === "proportional" && v.share === undefined)
          Annotations.of(this).addWarning(
            `alias ${alias.aliasName}: the share of ${formatVersion(v.label)} is decided by rules or known only at apply; provisioned in full`,
          );
        const amount = strategy === "full" || v.share === undefined ? total : Math.ceil(total * v.share);
        if (amount <= 0) continue;
        const prev = wanted.get(v.label);
        wanted.set(v.label, { versionId: v.versionId, amount: Math.max(prev?.amount ?? 0, amount) });
      }
    }
    if (strategy === "proportional" && wanted.size > 1)
      Annotations.of(this).addWarning(
        `proportional provisioning changes a version's count when its weight changes; every input of ` +
          `tencentcloud_scf_provisioned_concurrency_config is ForceNew, so each such step replaces that version's config ` +
          `(capacity is deleted, then re-created and warmed up): use "full" to keep configs stable across steps`,
      );
    const out: ProvisionedTarget[] = [];
    for (const [label, w] of wanted) {
      const other = t.byVersion.get(label);
      if (other)
        throw new ReleaseValidationError(
          this.node.path,
          `version ${formatVersion(label)} of ${fn.functionName} is already provisioned by ${other.owner}: a version has one config ` +
            `(the provider's id is function#version#namespace); allowed: one ProvisionedCapacity per version`,
        );
      t.byVersion.set(label, { amount: w.amount, owner: this.node.path });
      const resource = scfCapacityMapping.create(this, `v${label}`, fn.deployed, {
        key: label,
        qualifier: w.versionId,
        amount: w.amount,
        alwaysAllocateCpu: false,
        alwaysAllocateGpu: false,
        dependsOn: [],
      });
      out.push({ key: label, kind: "version", amount: w.amount, resource });
    }
    // Provision before the alias shifts traffic onto a version; remove only after it moved off.
    for (const alias of aliases)
      if (alias.resource) addDependsOn(alias.resource, ...out.map((o) => o.resource));
    if (props.quota !== undefined) {
      const sum = [...t.byVersion.values()].reduce((a, b) => a + b.amount, 0);
      const limit = props.quota - SCF_PROVISIONED_QUOTA_RESERVE;
      if (sum > limit)
        throw new ReleaseValidationError(
          this.node.path,
          `provisioned concurrency of ${fn.functionName} totals ${sum} (${[...t.byVersion].map(([l, v]) => `${formatVersion(l)}=${v.amount}`).join(", ")}), ` +
            `above quota ${props.quota} minus ${SCF_PROVISIONED_QUOTA_RESERVE} = ${limit} (resource_tc_scf_provisioned_concurrency_config.go:39-43); ` +
            `allowed: a smaller total, strategy "proportional", or a higher function concurrency quota`,
        );
    }
    return out;
  }

  private fc3(
    fn: FunctionWithVersions,
    aliases: CanaryAlias[],
    strategy: ProvisionStrategy,
    total: number,
    t: FunctionTotals,
    props: ProvisionedCapacityProps,
  ): ProvisionedTarget[] {
    const out: ProvisionedTarget[] = [];
    for (const alias of aliases) {
      const other = t.byAlias.get(alias.aliasName);
      if (other)
        throw new ReleaseValidationError(
          this.node.path,
          `alias ${alias.aliasName} is already provisioned by ${other}; allowed: one ProvisionedCapacity per alias`,
        );
      t.byAlias.set(alias.aliasName, this.node.path);
      const served = servedVersions(alias);
      if (served.length > 1)
        Annotations.of(this).addWarning(
          `alias ${alias.aliasName} routes to ${served.map((v) => formatVersion(v.label)).join(" and ")}: how FC 3.0 splits ` +
            `provisioned instances under a weighted alias is undocumented (monitoring-facts.md §4.1, [open]); canary traffic may run on on-demand instances`,
        );
      if (strategy === "proportional")
        Annotations.of(this).addWarning(
          `FC 3.0 provisions alias ${alias.aliasName} as a whole (a numbered version is no valid qualifier): "proportional" cannot split it; ${total} provisioned on the alias`,
        );
      const resource = fc3CapacityMapping.create(this, `alias-${alias.aliasName}`, fn.deployed, {
        key: alias.aliasName,
        qualifier: alias.aliasName,
        amount: total,
        alwaysAllocateCpu: props.alwaysAllocateCpu ?? true,
        alwaysAllocateGpu: props.alwaysAllocateGpu ?? false,
        dependsOn: alias.resource ? [alias.resource] : [],
      });
      out.push({ key: alias.aliasName, kind: "alias", amount: total, resource });
    }
    if (props.quota !== undefined && total * out.length > props.quota)
      throw new ReleaseValidationError(
        this.node.path,
        `provisioned instances of ${fn.functionName} total ${total * out.length}, above the stated quota ${props.quota}; ` +
          `allowed: a smaller total or a higher quota`,
      );
    if (t.byAlias.size > 1)
      Annotations.of(this).addWarning(
        `${t.byAlias.size} provision configs on ${fn.functionName}: alicloud_fcv3_provision_config's id is the function name ` +
          `(R:fcv3_provision_config.go:221) and Read ignores the qualifier, so they share an id and read back the same config`,
      );
    return out;
  }
}
