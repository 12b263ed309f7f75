import { Construct } from "constructs";
import { addDependsOn, Annotations, TerraformOutput, TerraformResource, Token } from "../cdktf";
import { CapacityMapping, cloudFor, cloudModules, PerAliasCapacity, PerVersionCapacity } from "../clouds";
import { formatVersion, show } from "../routing";
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
 *
 * Which of these a target does, its limits and its messages are the profile's `capacity`
 * (src/clouds/<provider>/profile.ts); its cloud module's `capacity` writes the config.
 */
export class ProvisionedCapacity extends Construct {
  readonly targets: readonly ProvisionedTarget[];
  readonly output: TerraformOutput;

  constructor(scope: Construct, id: string, props: ProvisionedCapacityProps) {
    super(scope, id);
    if (typeof props !== "object" || props === null)
      throw new ReleaseValidationError(this.node.path, `props must be an object; got ${show(props)}`);
    const { fn, aliases } = resolveTarget(this, props.target);
    // How the target provisions (its profile) and who writes the config (its cloud module).
    const profile = fn.profile.capacity;
    if (profile?.per === "none") throw new ReleaseValidationError(this.node.path, profile.refusal);
    const mapping = cloudFor(fn.platform)?.capacity;
    if (!profile || !mapping) {
      const supported = cloudModules()
        .filter((m) => m.capacity && m.profile.capacity && m.profile.capacity.per !== "none")
        .map((m) => m.profile.platform);
      throw new ReleaseValidationError(
        this.node.path,
        `provisioned capacity is not supported on ${fn.profile.displayName} (its cloud module has no capacity mapping); ` +
          `allowed: a target on ${supported.join(", ")}`,
      );
    }
    const strategy = props.strategy ?? "full";
    if (strategy !== "full" && strategy !== "proportional")
      throw new ReleaseValidationError(
        this.node.path,
        `invalid strategy ${show(strategy)}; allowed: "full", "proportional"`,
      );
    const total = props.total;
    const max = profile.per === "alias" ? profile.max : Number.MAX_SAFE_INTEGER;
    if (
      typeof total !== "number" ||
      Token.isUnresolved(total) ||
      !Number.isInteger(total) ||
      total < 1 ||
      total > max
    )
      throw new ReleaseValidationError(
        this.node.path,
        `invalid total ${show(total)}; allowed: an integer 1..${profile.per === "alias" ? max : "the quota"} known at synth time`,
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
    if (profile.per === "version")
      targets.push(...this.perVersion(fn, profile, mapping, aliases, strategy, total, t, props));
    else targets.push(...this.perAlias(fn, profile, mapping, aliases, strategy, total, t, props));
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
      description: `Provisioned capacity of ${fn.serviceOrFunctionName} (${strategy}): amount per ${profile.per}`,
    });
  }

  /** One config per served, published version (SCF). */
  private perVersion(
    fn: FunctionWithVersions,
    profile: PerVersionCapacity,
    mapping: CapacityMapping,
    aliases: CanaryAlias[],
    strategy: ProvisionStrategy,
    total: number,
    t: FunctionTotals,
    props: ProvisionedCapacityProps,
  ): ProvisionedTarget[] {
    const wanted = new Map<string, { versionId: string; amount: number }>();
    for (const alias of aliases) {
      for (const v of servedVersions(alias)) {
        if (v.label === fn.profile.latestQualifier) {
          Annotations.of(this).addWarning(profile.latestServed(alias.aliasName));
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
      Annotations.of(this).addWarning(profile.proportionalChanges);
    const out: ProvisionedTarget[] = [];
    for (const [label, w] of wanted) {
      const other = t.byVersion.get(label);
      if (other)
        throw new ReleaseValidationError(
          this.node.path,
          profile.versionTaken(label, fn.functionName, other.owner),
        );
      t.byVersion.set(label, { amount: w.amount, owner: this.node.path });
      const resource = mapping.create(this, `v${label}`, fn.deployed, {
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
      const limit = props.quota - profile.quotaReserve;
      if (sum > limit)
        throw new ReleaseValidationError(
          this.node.path,
          profile.overQuota({
            functionName: fn.functionName,
            sum,
            amounts: [...t.byVersion].map(([l, v]) => `${formatVersion(l)}=${v.amount}`).join(", "),
            quota: props.quota,
            limit,
          }),
        );
    }
    return out;
  }

  /** One config on each alias as a whole (FC 3.0). */
  private perAlias(
    fn: FunctionWithVersions,
    profile: PerAliasCapacity,
    mapping: CapacityMapping,
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
          profile.weightedAlias(alias.aliasName, served.map((v) => formatVersion(v.label)).join(" and ")),
        );
      if (strategy === "proportional")
        Annotations.of(this).addWarning(profile.proportional(alias.aliasName, total));
      const resource = mapping.create(this, `alias-${alias.aliasName}`, fn.deployed, {
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
    const several =
      t.byAlias.size > 1 ? profile.severalConfigs?.(t.byAlias.size, fn.functionName) : undefined;
    if (several) Annotations.of(this).addWarning(several);
    return out;
  }
}
