/**
 * What ReleaseAlarms and ProvisionedCapacity attach to: a CanaryAlias, or one stage of a StagedApiGateway
 * (then every alias the stage and its gateway routes call). Reads the routing; never changes it.
 */
import { Annotations, Token } from "../cdktf";
import { FcAlias, ScfAlias, show, StageName, STAGE_NAMES } from "../routing";
import { CanaryAlias } from "./canary-alias";
import { ReleaseValidationError } from "./errors";
import { FunctionWithVersions } from "./function-with-versions";
import { StagedApiGateway } from "./staged-api-gateway";
import { Construct } from "constructs";

/** One stage of a StagedApiGateway. */
export interface StageTarget {
  readonly gateway: StagedApiGateway;
  readonly stage: StageName;
}

export type ReleaseTarget = CanaryAlias | StageTarget;

/** A version an alias serves, with its share of the alias's traffic. */
export interface ServedVersion {
  readonly label: string;
  /** The cloud version id (a Terraform reference until apply; literal on FC 2.0 and for LATEST). */
  readonly versionId: string;
  readonly role: "primary" | "canary";
  /** Fraction of the alias's requests; undefined when rules decide or the weight is only known at apply. */
  readonly share: number | undefined;
}

/** The function and aliases a target watches; throws a ReleaseValidationError naming `who` otherwise. */
export function resolveTarget(
  who: Construct,
  target: unknown,
): { fn: FunctionWithVersions; aliases: CanaryAlias[]; stage?: StageName } {
  if (target instanceof CanaryAlias) return { fn: target.function, aliases: [target] };
  const t = target as Partial<StageTarget> | undefined;
  if (t && typeof t === "object" && t.gateway instanceof StagedApiGateway) {
    if (!STAGE_NAMES.includes(t.stage as StageName)) {
      throw new ReleaseValidationError(
        who.node.path,
        `invalid stage ${show(t.stage)}; allowed: ${STAGE_NAMES.map((s) => JSON.stringify(s)).join(", ")}`,
      );
    }
    const gw = t.gateway;
    const stage = gw.model.stages.find((s) => s.stage === t.stage);
    if (!stage) {
      throw new ReleaseValidationError(
        who.node.path,
        `stage ${t.stage} of ${gw.node.path} is not declared; allowed: ${gw.model.stages.map((s) => s.stage).join(", ")}`,
      );
    }
    const qualifiers = [...new Set([stage.qualifier, ...(stage.routes ?? []).map((r) => r.qualifier)])];
    const aliases: CanaryAlias[] = [];
    for (const q of qualifiers) {
      const reg = gw.function.aliasRegistrations.find(
        (a) => a.construct instanceof CanaryAlias && a.config.name === q,
      );
      if (reg) aliases.push(reg.construct as CanaryAlias);
      else
        Annotations.of(who).addWarning(
          `stage ${t.stage} calls ${q}, which is no CanaryAlias: it is not watched here (declare the alias with CanaryAlias, or target a version's stage through one)`,
        );
    }
    return { fn: gw.function, aliases, stage: t.stage };
  }
  throw new ReleaseValidationError(
    who.node.path,
    `target must be a CanaryAlias or { gateway: StagedApiGateway, stage }; got ${show(target)}`,
  );
}

/** The versions an alias serves now: the primary and the canary (a canary with weight 0 and no rules serves nothing). */
export function servedVersions(alias: CanaryAlias): ServedVersion[] {
  const fn = alias.function;
  const id = (label: string) => fn.version(label, alias).versionId;
  const known = (w: number) => (Token.isUnresolved(w) ? undefined : w);
  // The routing model's alias shape (the profile's): SCF primary/weights/matches, else FC versionId/weights.
  if (fn.profile.aliasShape === "scf") {
    const a = alias.routing as ScfAlias;
    const weight = a.weights?.[0];
    const match = a.matches?.[0];
    const out: ServedVersion[] = [];
    const canaryShare = match ? undefined : weight ? known(weight.weight) : 0;
    out.push({
      label: a.primary,
      versionId: id(a.primary),
      role: "primary",
      share: canaryShare === undefined ? undefined : 1 - canaryShare,
    });
    const canary = match?.version ?? weight?.version;
    if (canary !== undefined && canary !== a.primary && (canaryShare === undefined || canaryShare > 0))
      out.push({ label: canary, versionId: id(canary), role: "canary", share: canaryShare });
    return out;
  }
  const a = alias.routing as FcAlias;
  const entries = Object.entries(a.weights ?? {});
  const hasRules = a.resolvePolicy === "Content";
  const canaryShare = entries.length === 0 ? 0 : hasRules ? undefined : known(entries[0][1]);
  const out: ServedVersion[] = [
    {
      label: a.versionId,
      versionId: id(a.versionId),
      role: "primary",
      share: canaryShare === undefined ? undefined : 1 - canaryShare,
    },
  ];
  if (entries.length > 0 && entries[0][0] !== a.versionId && (canaryShare === undefined || canaryShare > 0))
    out.push({ label: entries[0][0], versionId: id(entries[0][0]), role: "canary", share: canaryShare });
  return out;
}
