/**
 * The routing model: a function's published versions and its aliases, for the three platforms
 * (routing-semantics.md §7.1). Pure data; no cdktf import anywhere under src/routing.
 */

/** `fc2`: Alibaba FC 2.0 (service-level versions); `fc3`: FC 3.0 (function-level); `scf`: Tencent SCF. */
export type Platform = "fc2" | "fc3" | "scf";

export const PLATFORMS: readonly Platform[] = ["fc2", "fc3", "scf"];

/** The mutable version: `LATEST` on FC, `$LATEST` on SCF. */
export const FC_LATEST = "LATEST";
export const SCF_LATEST = "$LATEST";
/** SCF's built-in alias; it exists on every function and initially points at `$LATEST`. */
export const SCF_DEFAULT_ALIAS = "$DEFAULT";

export function latestQualifier(platform: Platform): string {
  return platform === "scf" ? SCF_LATEST : FC_LATEST;
}

/** FC 2.0 `PolicyItem.operator`. `=`..`<=` compare strings in byte order, so "10" < "9". */
export type FcOperator = "=" | "!=" | ">" | "<" | ">=" | "<=" | "in" | "percent";
export const FC_OPERATORS: readonly FcOperator[] = ["=", "!=", ">", "<", ">=", "<=", "in", "percent"];

/** FC 2.0 `PolicyItem.type`: `Param` is a query parameter. */
export type FcPolicyItemType = "Header" | "Cookie" | "Param";
export const FC_POLICY_ITEM_TYPES: readonly FcPolicyItemType[] = ["Header", "Cookie", "Param"];

export interface FcPolicyItem {
  readonly type: FcPolicyItemType;
  readonly key: string;
  readonly value: string;
  readonly operator: FcOperator;
}

export type FcCondition = "AND" | "OR";
export const FC_CONDITIONS: readonly FcCondition[] = ["AND", "OR"];

/** FC 2.0 `routePolicy`: traffic that satisfies it goes to the canary. */
export interface FcRoutePolicy {
  readonly condition: FcCondition;
  readonly policyItems: readonly FcPolicyItem[];
}

export type FcResolvePolicy = "Random" | "Content";
export const FC_RESOLVE_POLICIES: readonly FcResolvePolicy[] = ["Random", "Content"];

/** An FC alias (2.0 or 3.0). FC 3.0 takes only name, versionId, description and weights. */
export interface FcAlias {
  readonly name: string;
  /** The primary version. */
  readonly versionId: string;
  readonly description?: string;
  /** `additionalVersionWeight`: version → fraction in [0, 1] (never a percentage). */
  readonly weights?: Readonly<Record<string, number>>;
  /** FC 2.0 only. @default "Random" */
  readonly resolvePolicy?: FcResolvePolicy;
  /** FC 2.0 only; used when resolvePolicy is "Content". */
  readonly routePolicy?: FcRoutePolicy;
}

export interface ScfWeight {
  readonly version: string;
  /** Fraction in [0, 1] of traffic sent to `version`. */
  readonly weight: number;
}

export type ScfMatchMethod = "exact" | "range";
export const SCF_MATCH_METHODS: readonly ScfMatchMethod[] = ["exact", "range"];

/** One `additional_version_matches` entry (wire name `AddtionVersionMatchs`). */
export interface ScfMatch {
  readonly version: string;
  /** Must be `invoke.headers.<key>`; the value is read from the invoke RoutingKey. */
  readonly key: string;
  readonly method: ScfMatchMethod;
  /** exact: the literal string; range: `(a,b)` or `[a,b]` with integers. */
  readonly expression: string;
}

export interface ScfAlias {
  readonly name: string;
  /** `FunctionVersion`: the primary version. */
  readonly primary: string;
  readonly description?: string;
  readonly weights?: readonly ScfWeight[];
  readonly matches?: readonly ScfMatch[];
}

/** How a caller reaches a qualifier; used by V27 and the stage simulator. */
export type EntryKind = "apigateway" | "invoke" | "trigger";

export interface EntryPoint {
  /** e.g. the gateway stage name. */
  readonly name: string;
  readonly qualifier: string;
  readonly via: EntryKind;
}

interface FunctionModelBase {
  /** Function name (FC 3.0, SCF) — used in messages. */
  readonly functionName?: string;
  /** Published version ids, in publish order. */
  readonly publishedVersions: readonly string[];
  /** Optional code digest each version snapshots (V24: two versions of the same snapshot). */
  readonly versionSnapshots?: Readonly<Record<string, string>>;
  /** Who calls which qualifier (V27, stage simulation). */
  readonly entryPoints?: readonly EntryPoint[];
  /**
   * True when publishedVersions are library labels for ids the cloud assigns at publish time
   * (constructs), so id-format rules such as V11's length limit do not apply to them.
   * @default false
   */
  readonly versionIdsAssignedByCloud?: boolean;
  /** Provisioned-concurrency qualifiers (V28). */
  readonly provisionedConcurrency?: readonly { readonly qualifier: string }[];
}

export interface Fc2FunctionModel extends FunctionModelBase {
  readonly platform: "fc2";
  /** FC 2.0 aliases belong to a service. */
  readonly serviceName?: string;
  readonly aliases: readonly FcAlias[];
}

export interface Fc3FunctionModel extends FunctionModelBase {
  readonly platform: "fc3";
  readonly aliases: readonly FcAlias[];
}

export interface ScfFunctionModel extends FunctionModelBase {
  readonly platform: "scf";
  readonly namespace?: string;
  /** Declaring `$DEFAULT` here configures the built-in alias; it is never created. */
  readonly aliases: readonly ScfAlias[];
}

export type FunctionModel = Fc2FunctionModel | Fc3FunctionModel | ScfFunctionModel;
export type AnyAlias = FcAlias | ScfAlias;

/** Simulator and validator options (routing-semantics.md §7.8). */
export interface RoutingOptions {
  /** V7/V16. @default 1 */
  readonly maxAdditionalVersions?: number;
  /** Allow an FC alias whose primary is `LATEST` (V4). @default false */
  readonly allowLatestPrimary?: boolean;
  /** FC 2.0 Content mode: all matching traffic goes to the canary, or apply the weight to it. @default "all" */
  readonly contentMode?: "all" | "weighted";
  /** FC 2.0 `in`: comma-separated list membership or substring. @default "list" */
  readonly inMode?: "list" | "substring";
  /** Bucket hash for FC `percent` and sticky weights. @default "sha256" */
  readonly percentHash?: "sha256" | "fnv1a32" | "murmur2";
  /** Accept only the documented `(a,b)` and `[a,b]` SCF ranges. @default false */
  readonly strictRange?: boolean;
  /** Replace the random draw with bucket(stickyKey)/100 (not platform behaviour). @default false */
  readonly stickyWeighted?: boolean;
  /** Rules on an FC 3.0 alias (V12): an error or a warning. @default "error" */
  readonly fc3RulePolicy?: "error" | "warn";
  /** Allow two SCF match entries, as Tencent CloudBase writes them (V16). @default false */
  readonly tcbCompat?: boolean;
  /** Treat API-Gateway-triggered SCF calls as carrying the client headers in RoutingKey. @default false */
  readonly gatewayRoutingKey?: boolean;
  /** Downgrade rules marked lenient (V10) to warnings. @default false */
  readonly lenient?: boolean;
  /** V24: more than one new version of one function in one change is an error instead of a warning. @default false */
  readonly strictPublishing?: boolean;
}

export type ResolvedRoutingOptions = Required<RoutingOptions>;

export const DEFAULT_ROUTING_OPTIONS: ResolvedRoutingOptions = {
  maxAdditionalVersions: 1,
  allowLatestPrimary: false,
  contentMode: "all",
  inMode: "list",
  percentHash: "sha256",
  strictRange: false,
  stickyWeighted: false,
  fc3RulePolicy: "error",
  tcbCompat: false,
  gatewayRoutingKey: false,
  lenient: false,
  strictPublishing: false,
};

export function resolveOptions(options?: RoutingOptions): ResolvedRoutingOptions {
  if (!options) return DEFAULT_ROUTING_OPTIONS;
  const out: Record<string, unknown> = { ...DEFAULT_ROUTING_OPTIONS };
  for (const [k, v] of Object.entries(options)) {
    if (v !== undefined) out[k] = v;
  }
  return out as unknown as ResolvedRoutingOptions;
}

/** How the request reaches the function; decides the SCF default qualifier and RoutingKey. */
export type InvokeApi = "Invoke" | "InvokeFunction" | "trigger" | "http" | "apigateway";

/** Header or query values: one string, or several for a repeated name. */
export type MultiValue = string | readonly string[];

export interface RouteRequest {
  /** Version, alias or `LATEST`/`$LATEST`. @default platform default (§7.3) */
  readonly qualifier?: string;
  /** @default "Invoke" on SCF, "http" on FC */
  readonly api?: InvokeApi;
  /**
   * Header names are case-insensitive; the first value of a name wins. That holds for SCF behind API Gateway
   * with `gatewayRoutingKey` too: the headers become the RoutingKey and a rule `User` matches a `user` header.
   */
  readonly headers?: Readonly<Record<string, MultiValue>>;
  /** Cookies by exact name; when absent they are parsed from the `Cookie` header. */
  readonly cookies?: Readonly<Record<string, string>>;
  /** Query parameters by exact name; the first value wins. */
  readonly query?: Readonly<Record<string, MultiValue>>;
  /** SCF RoutingKey, the raw JSON string such as `{"User":"Bob"}`; its names are matched exactly (case-sensitive). */
  readonly routingKey?: string;
  /** Key for `stickyWeighted`. */
  readonly stickyKey?: string;
}

export type RouteReason =
  "direct" | "primary" | "weighted:additional" | "weighted:primary" | "rule:hit" | "rule:miss";

export interface RouteDecision {
  /** The qualifier asked for, after defaults. */
  readonly requested: string;
  /** The alias that routed the request, if any. */
  readonly alias?: string;
  /** The version that serves the request. */
  readonly version: string;
  readonly reason: RouteReason;
  /** Index of the rule (policy item for fc2 OR, match entry for scf) that decided a rule hit. */
  readonly matchedRule?: number;
  /** The random draw in [0,1) used by an alias-routed request. */
  readonly draw?: number;
  /** Human-readable why, e.g. "rule 0 invoke.headers.User exact Bob". */
  readonly explanation: string;
  /** What the function could observe (routing-semantics.md §5). */
  readonly observable: {
    readonly fc?: { readonly qualifier: string; readonly versionId: string };
    readonly scf?: { readonly "X-Scf-Version": string };
  };
  /** Assumptions (options) that decided this route, for reports. */
  readonly assumptions: readonly string[];
}
