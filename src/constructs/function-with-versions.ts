import { Construct } from "constructs";
import { Annotations, TerraformResource, Token } from "../cdktf";
import {
  cloudFor,
  CloudAdapter,
  CloudProfile,
  DeployedFunction,
  DeployedVersion,
  FunctionKind,
} from "../clouds";
import {
  AnyAlias,
  FunctionModel,
  Platform,
  PLATFORMS,
  Diagnostic,
  RoutingOptions,
  validate,
  ValidationResult,
  show,
} from "../routing";
import { ReleaseValidationError } from "./errors";
import { FunctionCode } from "./function-code";
import { stageLocalCode } from "./local-code";
import { recordWarnings } from "./warnings";

/** One published version. Its fields are fixed once synthesized: they are the version resource's inputs. */
export interface PublishedVersionSpec {
  /** Your label, e.g. "1" or "2026-11-checkout"; letters, digits, '.', '_' and '-', at most 64. */
  readonly label: string;
  /**
   * Digest of the code this version snapshots (e.g. the zip's sha256). Written into the version
   * description, and used to report two versions that would publish the same code (V24).
   * @default - none
   */
  readonly codeDigest?: string;
}

export interface FunctionWithVersionsProps {
  /** `scf` (Tencent SCF), `fc3` (Alibaba FC 3.0) or `fc2` (Alibaba FC 2.0, deprecated by the provider). */
  readonly platform: Platform;
  /** The function name, under the cloud's naming rules. */
  readonly functionName: string;
  /** e.g. `nodejs20` (FC 3.0), `Nodejs18.15` (SCF). */
  readonly runtime: string;
  /** e.g. `index.handler`. */
  readonly handler: string;
  readonly code: FunctionCode;
  /** Event functions or HTTP (web) functions; the gateway backend type follows it. @default "event" */
  readonly kind?: FunctionKind;
  /** MB. @default - the cloud's default */
  readonly memorySize?: number;
  /** Seconds. @default - the cloud's default */
  readonly timeout?: number;
  /** @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly description?: string;
  /** Execution role ARN/name. @default - none */
  readonly role?: string;
  /** SCF namespace. @default "default" (the provider's default) */
  readonly namespace?: string;
  /** FC 2.0 service that owns the function and its versions. @default - the function name */
  readonly serviceName?: string;
  /**
   * Published versions, oldest first: an append-only list. Each entry becomes one version resource
   * whose inputs never change, so Terraform never replaces it. On FC 2.0 the entries are the
   * numeric version ids your service has already published (the provider cannot publish them).
   * @default - no versions
   */
  readonly versions?: readonly (string | PublishedVersionSpec)[];
  /** Report V24 (two versions with the same codeDigest: FC publishes only from the latest code) as an error. @default false */
  readonly strict?: boolean;
  /** Simulator and validator options (routing-semantics.md §7.8). @default - the documented defaults */
  readonly routingOptions?: RoutingOptions;
}

/** A published version: its label, and the cloud version id (a Terraform reference until apply). */
export interface VersionHandle {
  readonly label: string;
  readonly versionId: string;
  /** The version resource; absent on FC 2.0 and for LATEST. */
  readonly resource?: TerraformResource;
}

const LABEL = /^[A-Za-z0-9._-]{1,64}$/;

/** Registered by CanaryAlias so the function can validate its whole routing model. */
export interface AliasRegistration {
  readonly construct: Construct;
  readonly config: AnyAlias;
}

/**
 * A function and its append-only published versions, on SCF, FC 3.0 or FC 2.0.
 *
 * Versions are addressed by label; `version(label)` returns the handle aliases reference.
 */
export class FunctionWithVersions extends Construct {
  readonly platform: Platform;
  readonly functionName: string;
  /** Event or HTTP (web) function. */
  readonly kind: FunctionKind;
  /** FC 2.0: the service that owns the versions and aliases (`serviceName`, default the function name). */
  private readonly serviceName: string;
  /** The cloud's function (FC 2.0: service + function) resources. */
  readonly deployed: DeployedFunction;
  readonly routingOptions: RoutingOptions;
  readonly strict: boolean;
  /**
   * Escape hatch: the function's Terraform resource (the SCF, FC 3.0 or FC 2.0 function). Cast to the
   * generated class from `cdktf-serverless-canary/providers/<provider>` (`scfFunction.ScfFunction`,
   * `fcv3Function.Fcv3Function`, `fcFunction.FcFunction`).
   */
  get functionResource(): TerraformResource {
    return this.deployed.resource;
  }

  /** Escape hatch: the FC 2.0 service (`fcService.FcService`); undefined on other targets. */
  get serviceResource(): TerraformResource | undefined {
    return this.deployed.container;
  }

  /** Escape hatch: each version's resource by label (none on FC 2.0, whose versions are published outside Terraform). */
  get versionResources(): Readonly<Record<string, TerraformResource>> {
    const out: Record<string, TerraformResource> = {};
    for (const [label, v] of this.versionsByLabel) if (v.resource) out[label] = v.resource;
    return out;
  }

  /** @internal */
  readonly adapter: CloudAdapter;
  /** @internal What the target can express (the cloud module's profile). */
  readonly profile: CloudProfile;
  private readonly versionsByLabel = new Map<string, VersionHandle>();
  private readonly versionSpecs: PublishedVersionSpec[] = [];
  private readonly aliases: AliasRegistration[] = [];
  private readonly reported = new Set<string>();

  constructor(scope: Construct, id: string, props: FunctionWithVersionsProps) {
    super(scope, id);
    recordWarnings(this);
    if (typeof props !== "object" || props === null) {
      throw new ReleaseValidationError(
        this.node.path,
        `props must be an object; got ${show(props)}; allowed: { platform, functionName, runtime, handler, code, versions? }`,
      );
    }
    const cloud = cloudFor(props.platform);
    if (!cloud) {
      throw new ReleaseValidationError(
        this.node.path,
        `unknown platform ${JSON.stringify(props.platform)}; allowed: ${PLATFORMS.join(", ")}`,
      );
    }
    const adapter = cloud.adapter;
    this.adapter = adapter;
    this.profile = cloud.profile;
    this.platform = props.platform;
    this.functionName = props.functionName;
    this.kind = props.kind ?? "event";
    this.serviceName = props.serviceName ?? props.functionName;
    this.routingOptions = { strictPublishing: props.strict ?? false, ...props.routingOptions };
    this.strict = props.strict ?? false;
    this.checkProps(props);

    adapter.ensureProvider(this);
    this.deployed = adapter.createFunction(this, "Function", {
      functionName: props.functionName,
      runtime: props.runtime,
      handler: props.handler,
      // Terraform runs in cdktf.out/stacks/<stack>/ and every target opens the path from there
      // (resource_tc_scf_function.go:760-767, R:fc_function.go:447-454, Terraform's filebase64).
      code: stageLocalCode(this, props.code.source),
      kind: props.kind ?? "event",
      memorySize: props.memorySize,
      timeout: props.timeout,
      environment: props.environment,
      description: props.description,
      role: props.role,
      namespace: props.namespace,
      serviceName: props.serviceName,
    });
    if (props.versions !== undefined && props.versions !== null && !Array.isArray(props.versions)) {
      throw new ReleaseValidationError(
        this.node.path,
        `versions must be a list; got ${show(props.versions)}; allowed: a list of labels such as ["1", "2"] or { label, codeDigest? }`,
      );
    }
    for (const v of props.versions ?? []) this.addVersion(v);
  }

  /** The FC 2.0 service that owns the aliases, else the function name. */
  get serviceOrFunctionName(): string {
    return this.profile.aliasOwnerName({ functionName: this.functionName, serviceName: this.serviceName });
  }

  /** e.g. "Tencent SCF". */
  get cloudName(): string {
    return this.adapter.displayName;
  }

  /** Labels of the published versions, oldest first. */
  get versionLabels(): string[] {
    return this.versionSpecs.map((v) => v.label);
  }

  /** The newest published version, if any. */
  get latestPublished(): VersionHandle | undefined {
    const last = this.versionSpecs[this.versionSpecs.length - 1];
    return last ? this.versionsByLabel.get(last.label) : undefined;
  }

  /** Appends a published version (equivalent to listing it in `versions`). */
  addVersion(spec: string | PublishedVersionSpec): VersionHandle {
    const v: PublishedVersionSpec = typeof spec === "string" ? { label: spec } : spec;
    const label = v?.label;
    if (typeof label !== "string" || !LABEL.test(label)) {
      throw new ReleaseValidationError(
        this.node.path,
        `invalid version label ${JSON.stringify(label)}; allowed: 1-64 letters, digits, '.', '_' or '-'`,
      );
    }
    if (this.versionsByLabel.has(label)) {
      throw new ReleaseValidationError(
        this.node.path,
        `version label ${JSON.stringify(label)} is declared twice; allowed: each label once (versions are append-only)`,
      );
    }
    const labelProblem = this.profile.versionLabelProblem?.(label);
    if (labelProblem !== undefined) throw new ReleaseValidationError(this.node.path, labelProblem);
    if (
      v.codeDigest !== undefined &&
      (typeof v.codeDigest !== "string" || !/^\S{1,128}$/.test(v.codeDigest))
    ) {
      throw new ReleaseValidationError(
        this.node.path,
        `invalid codeDigest ${show(v.codeDigest)} of version ${JSON.stringify(label)}; allowed: 1-128 characters without spaces, e.g. the zip's sha256`,
      );
    }
    const description = `release ${label}` + (v.codeDigest ? ` code ${v.codeDigest}` : "");
    const deployed: DeployedVersion = this.adapter.createVersion(this, `Version-${label}`, this.deployed, {
      label,
      description,
    });
    const handle: VersionHandle = { label, versionId: deployed.versionId, resource: deployed.resource };
    this.versionsByLabel.set(label, handle);
    this.versionSpecs.push(v);
    this.checkModel();
    return handle;
  }

  /** The handle of a published version, or LATEST/$LATEST. Unknown labels are an error listing the known ones. */
  version(label: string, referencedBy?: Construct): VersionHandle {
    if (label === this.profile.latestQualifier) return { label, versionId: label };
    const handle = this.versionsByLabel.get(label);
    if (!handle) {
      const who = referencedBy ? `${referencedBy.node.path} references` : "unknown";
      throw new ReleaseValidationError(
        referencedBy?.node.path ?? this.node.path,
        `${who} version ${JSON.stringify(label)}, which ${this.node.path} does not declare; allowed: ` +
          `${[this.profile.latestQualifier, ...this.versionLabels].map((l) => JSON.stringify(l)).join(", ")}. ` +
          `A version an alias or stage still serves cannot be removed: move them off it first`,
      );
    }
    return handle;
  }

  /** The routing model (labels as version ids) for the simulator and review tooling. */
  get routingModel(): FunctionModel {
    return this.buildModel(this.aliases.map((a) => a.config));
  }

  /** Aliases registered on this function. */
  get aliasRegistrations(): readonly AliasRegistration[] {
    return this.aliases;
  }

  /** @internal Validates the model with one more alias, then registers it. Throws with the alias path. */
  registerAlias(registration: AliasRegistration): void {
    const candidate = this.buildModel([...this.aliases.map((a) => a.config), registration.config]);
    const result = validate(candidate, { options: this.routingOptions, isUnresolved: Token.isUnresolved });
    const name: unknown = registration.config.name;
    // A non-string name is reported by V13/V2 (by index); String() would throw on some objects.
    const own = [
      ...(typeof name === "string" ? [`aliases[${name}]`] : []),
      `aliases[${this.aliases.length}]`,
    ];
    this.report(registration.construct, result, (d) => own.some((p) => d.path.startsWith(p)));
    this.aliases.push(registration);
  }

  private buildModel(aliases: AnyAlias[]): FunctionModel {
    const snapshots = Object.fromEntries(
      this.versionSpecs
        .filter((v) => v.codeDigest !== undefined)
        .map((v) => [v.label, v.codeDigest as string]),
    );
    const base = {
      functionName: this.functionName,
      publishedVersions: this.versionLabels,
      versionSnapshots: snapshots,
      // Labels stand for ids the cloud assigns at publish time (FC 2.0: they are the ids).
      versionIdsAssignedByCloud: this.profile.versionIdsAssignedByCloud,
    };
    return this.profile.functionModel(base, { serviceName: this.serviceName }, aliases);
  }

  private checkProps(props: FunctionWithVersionsProps): void {
    const name = props.functionName;
    if (!Token.isUnresolved(name)) {
      const problem = typeof name === "string" ? this.adapter.checkFunctionName(name) : "a string";
      if (problem) {
        throw new ReleaseValidationError(
          this.node.path,
          `invalid ${this.adapter.displayName} function name ${JSON.stringify(name)}; allowed: ${problem}`,
        );
      }
    }
    const named: [string, unknown, ((name: string) => string | undefined) | undefined][] = [
      ["service name", props.serviceName, this.adapter.checkServiceName],
      ["namespace", props.namespace, this.adapter.checkNamespace],
    ];
    for (const [what, value, check] of named) {
      if (value === undefined || !check || Token.isUnresolved(value)) continue;
      const problem = typeof value === "string" ? check(value) : "a string";
      if (problem) {
        throw new ReleaseValidationError(
          this.node.path,
          `invalid ${this.adapter.displayName} ${what} ${show(value)}; allowed: ${problem}`,
        );
      }
    }
    if (!(props.code instanceof FunctionCode)) {
      throw new ReleaseValidationError(
        this.node.path,
        `code must be a FunctionCode; got ${show(props.code)}; allowed: FunctionCode.fromLocalZip(path), fromBucket(bucket, key) or fromInlineZip(base64)`,
      );
    }
    if (props.kind !== undefined && props.kind !== "event" && props.kind !== "http") {
      throw new ReleaseValidationError(
        this.node.path,
        `invalid kind ${JSON.stringify(props.kind)}; allowed: "event", "http"`,
      );
    }
  }

  /** Validates the versions alone (V24); warnings become annotations once each. */
  private checkModel(): void {
    this.report(
      this,
      validate(this.buildModel([]), { options: this.routingOptions, isUnresolved: Token.isUnresolved }),
    );
  }

  /** Throws on errors (with the construct's path); attaches warnings as annotations, once each. */
  private report(
    construct: Construct,
    result: ValidationResult,
    only: (d: Diagnostic) => boolean = () => true,
  ): void {
    if (!result.ok) throw ReleaseValidationError.fromDiagnostics(construct.node.path, result.errors);
    for (const w of result.warnings.filter(only)) {
      const text = `[${w.code}] ${w.path}: ${w.message}`;
      if (this.reported.has(text)) continue;
      this.reported.add(text);
      Annotations.of(construct).addWarning(text);
    }
  }
}
