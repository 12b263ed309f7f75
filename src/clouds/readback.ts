/**
 * The contract between the cloud-neutral review walker (`src/review/extract.ts`) and each cloud's
 * read-back (`<provider>/readback.ts`): the cloud reads its own resource types, attribute names,
 * stage names and ForceNew facts from Terraform JSON into these records; review turns them into
 * routing models and findings. Pure: no cdktf import, and nothing from `src/review`.
 */
import { FunctionModel, GatewayCloud, GatewayCondition, Platform, StageName } from "../routing";
import { isExpression, isRecord, parseReference, ResourceIndex, TfResource } from "./terraform";

/** One version resource, read. */
export interface VersionRecord {
  readonly address: string;
  readonly name: string;
  readonly description?: string;
  readonly cloudId?: string;
  readonly inputs: Record<string, unknown>;
  label: string;
}

/** One alias resource, read; version values are still Terraform values. */
export interface AliasRecord {
  readonly name: string;
  readonly address: string;
  readonly description?: string;
  readonly primary: unknown;
  /** Version value → weight (NaN when only known at apply). */
  readonly weights: [unknown, number][];
  readonly matches: { version: unknown; key: string; method: string; expression: string }[];
}

/** A function (FC 2.0: a service) with its versions and aliases, defined in the doc or external. */
export interface FunctionRecord {
  readonly platform: Platform;
  readonly name: string;
  readonly namespace?: string;
  readonly address?: string;
  readonly external: boolean;
  readonly versions: VersionRecord[];
  readonly aliases: AliasRecord[];
}

/** Functions of one doc, found by resource address or by name (external when not defined here). */
export interface FunctionLookup {
  add(rec: FunctionRecord): FunctionRecord;
  /** The function a `function_name` (FC 2.0: `service_name`) value names. */
  forValue(platform: Platform, value: unknown, namespaceValue?: unknown): FunctionRecord | undefined;
}

/** One gateway stage, read; the qualifier values are still Terraform values. */
export interface StageRecord {
  readonly cloud: GatewayCloud;
  readonly gateway: string;
  /** The gateway's real name in the cloud when it differs (Tencent: the service `orders-release`). */
  readonly cloudName?: string;
  readonly api?: string;
  readonly stage: StageName;
  readonly cloudStage: string;
  readonly fn?: FunctionRecord;
  readonly qualifier?: unknown;
  readonly routes: { name: string; conditions: GatewayCondition[]; qualifier: unknown }[];
  readonly unparsedRoutes: string[];
  readonly address: string;
  readonly releaseAddress?: string;
  readonly problem?: string;
}

/** A release that publishes a stage and whose replacement takes it offline (Tencent). */
export interface ReleaseRecord {
  readonly address: string;
  readonly stack: string;
  readonly environment: string;
  readonly gateway: string;
  readonly inputs: Record<string, unknown>;
}

/** A backend model whose ForceNew inputs matter (Alibaba). */
export interface BackendModelRecord {
  readonly address: string;
  readonly stack: string;
  readonly gateway: string;
  readonly backend: string;
  readonly stageName: string;
  readonly inputs: Record<string, unknown>;
}

export interface ReadContext {
  readonly idx: ResourceIndex;
  readonly fns: FunctionLookup;
  readonly notes: string[];
  readonly stack: string;
}

/** How to read one platform's function, version and alias resources. */
export interface FunctionReadback {
  readonly platform: Platform;
  /** Version resource types; every input of each is ForceNew (a change replaces the version). */
  readonly versionTypes: readonly string[];
  /** Functions are keyed by namespace too (SCF; a missing namespace reads as "default"). */
  readonly namespaced: boolean;
  /** Versions are resources of the doc (false: aliases name ids published outside Terraform, FC 2.0). */
  readonly versionResources: boolean;
  /** Phase 1: the function resources. */
  readFunctions(ctx: ReadContext): void;
  /** Phase 2: the version resources. */
  readVersions(ctx: ReadContext): void;
  /** Phase 3 (labels assigned): the alias resources. */
  readAliases(ctx: ReadContext): void;
  /** A referenced resource that stands for its owner (FC 2.0 function → its `service`): the value to look up. */
  ownerValue?(target: TfResource): { readonly value: unknown } | undefined;
  /** The routing model of one function. */
  functionModel(
    base: {
      readonly functionName: string;
      readonly publishedVersions: readonly string[];
      readonly versionIdsAssignedByCloud: boolean;
    },
    fn: FunctionRecord,
    aliases: readonly unknown[],
  ): FunctionModel;
  /** `scf:default/orders`, `fc3:orders`, `fc2:my-service`. */
  functionId(fn: FunctionRecord): string;
}

/** How to read one gateway cloud's stages (and their releases or backend models). */
export interface GatewayReadback {
  readonly cloud: GatewayCloud;
  /** Resource types whose replacement takes a stage offline (Tencent service releases), with their ForceNew inputs. */
  readonly releaseType?: string;
  readonly releaseInputs?: readonly string[];
  /** Backend models (Alibaba) and the ForceNew inputs that replace them. */
  readonly backendModelType?: string;
  readonly backendModelInputs?: readonly string[];
  read(ctx: ReadContext): {
    stages: StageRecord[];
    releases: ReleaseRecord[];
    backendModels: BackendModelRecord[];
  };
}

// Helpers the read-backs share.

export function str(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export function weightOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && !isExpression(value)) return Number(value);
  return NaN;
}

export function versionRecord(
  r: TfResource,
  idx: ResourceIndex,
  keys: readonly string[],
  idKey: string,
): VersionRecord {
  const description = str(r.body.description);
  const inputs: Record<string, unknown> = {};
  for (const k of keys) if (r.body[k] !== undefined) inputs[k] = idx.resolve(r.body[k]);
  const id = str(r.body[idKey]);
  return {
    address: r.address,
    name: r.name,
    description,
    cloudId: id !== undefined && !isExpression(id) ? id : undefined,
    inputs,
    label: "",
  };
}

/**
 * The alias name: the literal (variable defaults and literal attributes resolved when `idx` is
 * given), else the fallback; a name only Terraform can evaluate (`${each.key}`, `${var.x}` without a
 * default) stays an expression (`${...}`), which review reports as not evaluated.
 */
export function aliasName(value: unknown, fallback: string, idx?: ResourceIndex): string {
  const s = str(idx ? idx.resolve(value) : value);
  if (s === undefined || s === "") return fallback;
  return s;
}

/** An FC weight map; a whole map only known at apply (plans) reads as its reference with weight NaN. */
export function mapWeights(value: unknown, idx?: ResourceIndex): [unknown, number][] {
  // Variable defaults only: a reference to another resource stays the reference (a plan's unknown map).
  if (idx && !parseReference(value)) value = idx.resolve(value);
  if (isRecord(value)) return Object.entries(value).map(([k, w]) => [k, weightOf(idx ? idx.resolve(w) : w)]);
  if (typeof value === "string" && isExpression(value)) return [[value, NaN]];
  return [];
}

/**
 * The resource a reference or id names: the referenced address, or (plans, where ids are known) the
 * address of the resource of `type` whose `id` (or `idAttribute`) is that literal; else the literal.
 */
export function keyOf(
  idx: ResourceIndex,
  value: unknown,
  type: string,
  idAttribute = "id",
  depth = 0,
): string | undefined {
  const ref = parseReference(value);
  if (ref) {
    // `service_id = tencentcloud_api_gateway_api.api.service_id`: follow an attribute of another
    // resource type to what it references (the providers' own examples write it so).
    if (
      ref.type !== type &&
      ref.attribute !== "" &&
      ref.attribute !== idAttribute &&
      ref.attribute !== "id"
    ) {
      const target = idx.get(ref.address);
      const next = target?.body[ref.attribute];
      if (depth < 8 && next !== undefined && next !== value && (parseReference(next) || !isExpression(next)))
        return keyOf(idx, next, type, idAttribute, depth + 1);
    }
    return ref.address;
  }
  const literal = idx.resolveString(value);
  if (literal === undefined || literal === "") return literal;
  return idx.withId(type, literal, idAttribute)?.address ?? literal;
}

/** The cloud stage name → stage map of a gateway cloud (Tencent `test` → dev, Alibaba `PRE` → prepub). */
export function stagesByCloudName(
  cloudStageName: (stage: StageName) => string,
  stages: readonly StageName[],
): Readonly<Record<string, StageName>> {
  return Object.fromEntries(stages.map((s) => [cloudStageName(s), s]));
}

/** One provisioned-capacity resource, read (review adds its address and stack). */
export interface CapacityRecord {
  /** The function name (FC 2.0: the service) it provisions. */
  readonly owner: string;
  /** Per version (SCF) or per alias (FC 3.0). */
  readonly kind: "version" | "alias";
  /** The version label (per version) or the alias name (per alias). */
  readonly key: string;
  /** undefined when only known at apply. */
  readonly amount?: number;
}

/**
 * How to read one cloud's alarm and provisioned-capacity resources back (review): which resource types
 * are alarms and which attribute carries the marker ReleaseAlarms writes (`alarmMarker`), and how a
 * capacity resource reads. Shared by the platforms of one cloud (Alibaba FC 3.0 and FC 2.0).
 */
export interface MonitoringReadback {
  /** Alarm resource type → the attribute that carries the marker. */
  readonly alarmMarkerAttributes: Readonly<Record<string, string>>;
  /** The provisioned-capacity resource types `readCapacity` reads. */
  readonly capacityTypes: readonly string[];
  /** One resource of `capacityTypes`; undefined when its function or key cannot be read. */
  readCapacity(r: TfResource, idx: ResourceIndex): CapacityRecord | undefined;
}

/** A function name: literal, or the `name`/`function_name` (or referenced attribute) of the referenced function resource. */
export function referencedName(idx: ResourceIndex, value: unknown): string | undefined {
  const ref = parseReference(value);
  if (ref) {
    const body = idx.get(ref.address)?.body;
    const v = body?.[ref.attribute] ?? body?.name ?? body?.function_name;
    return typeof v === "string" && !v.includes("${") ? v : undefined;
  }
  return typeof value === "string" && !value.includes("${") ? value : undefined;
}

/** A finite number, else undefined (a value only known at apply). */
export function amountOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** `release <label>` (optionally ` code <digest>`): the description FunctionWithVersions gives each version. */
const VERSION_DESCRIPTION = /^release (\S+)(?: code \S+)?$/;

/** The version label in a version resource's description, or undefined. */
export function describedLabel(r: TfResource | undefined): string | undefined {
  const d = r?.body.description;
  const m = typeof d === "string" ? VERSION_DESCRIPTION.exec(d) : null;
  return m ? m[1] : undefined;
}
