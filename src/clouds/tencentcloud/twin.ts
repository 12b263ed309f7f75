/**
 * The provider twin's behaviours for tencentcloudstack/tencentcloud 1.83.25 (source at f6970a9;
 * paths below are under `tencentcloud/services/`). Each behaviour cites the provider source it
 * follows. Where the source (or the public API documentation) is silent, the twin picks the
 * documented default named in TENCENT_TWIN_DEFAULTS.
 *
 * The cloud (section `tencentcloud` of the twin's cloud file):
 * - `functions["<namespace>/<name>"]`: `$LATEST` code digest, published versions (numbered 1, 2, 3…
 *   per function, each keeping the code it snapshotted) and aliases (primary version, weights, rules);
 * - `services[id]`: API Gateway services, their APIs (`apis[id]`) and per environment the qualifier
 *   each released API calls (`releases[env]`).
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { CloudData } from "../../twin/cloud";
import {
  ApiError,
  ApplyContext,
  head,
  ReadContext,
  ResourceModels,
  str,
  TwinAlias,
  TwinProvider,
  TwinStage,
  TwinVersion,
  twinOption,
  twinOptionsAction,
} from "../../twin/engine";
import { clone, TfObject, TfValue } from "../../twin/values";

/** Choices where the public record is silent. */
export const TENCENT_TWIN_DEFAULTS = {
  /**
   * Deleting a version an alias still routes to: SCF's answer is not documented (provider-tencentcloud.md
   * "Replacement deletes the old version": "[unverified]"). Default "allow": the alias is left dangling,
   * which the rehearsal reports as a served version deleted and as routing that differs from the declared one.
   */
  deleteServedVersion: "allow" as "allow" | "refuse",
  /**
   * Whether GetAlias returns a RoutingConfig object for an alias without a canary. Read sets
   * `routing_config` whenever the object is non-nil (scf/resource_tc_scf_function_alias.go:248-300);
   * the API documents the field without "may be null" (provider-readback.md marks the echo
   * "inferred"). Default "always", the assumption the library builds on (it sends `routing_config {}`
   * without a canary); "when-routed" echoes only a weight or a rule.
   */
  aliasRoutingConfigEcho: "always" as "always" | "when-routed",
  /**
   * Whether PutProvisionedConcurrencyConfig has finished by the time the provider reads back (it sleeps 5 s,
   * scf/resource_tc_scf_provisioned_concurrency_config.go:198-201). The API provisions asynchronously
   * (`Status` InProgress / Done, SDK scf models.go:5967), and how long it takes is not in the provider's
   * record. Default true: every config is `Done` with Available = Allocated right after its apply. false:
   * Available stays 0 (`InProgress`) until the `scf-provisioning-done` action, so Read sets the
   * ForceNew count from Available (:237-239) and the next plan replaces the config. Set per rehearsal with
   * the `twin-options` action (`{ provisionedReadyAfterApply: "false" }`).
   */
  provisionedReadyAfterApply: true as boolean,
  /**
   * The function's maximum concurrency quota, for the API's rule "the provisioned concurrency of all versions
   * together is at most the quota minus 100" (SDK scf models.go:4472; provider schema description
   * scf/resource_tc_scf_provisioned_concurrency_config.go:39-43). The quota is per account and not readable
   * from the configuration. Default undefined: not checked. A number (set with `twin-options`,
   * `{ scfFunctionConcurrencyQuota: "300" }`) applies to every function of the twin's cloud.
   */
  scfFunctionConcurrencyQuota: undefined as number | undefined,
  /** The provider region the binding object uses when `region` is unset (resource_tc_monitor_policy_binding_object.go:109-113). */
  providerRegion: "ap-guangzhou",
};

/** The options `twin-options` may set on a rehearsal's cloud (read through `tencentOption`). */
const SETTABLE_OPTIONS = [
  "provisionedReadyAfterApply",
  "scfFunctionConcurrencyQuota",
  "providerRegion",
] as const;
type SettableOption = (typeof SETTABLE_OPTIONS)[number];

/** An option as this rehearsal's cloud has it (the `twin-options` action), else its documented default. */
const tencentOption = <K extends SettableOption>(cloud: CloudData, key: K) =>
  twinOption(cloud, TENCENT_TWIN_DEFAULTS, key);

interface ScfVersion {
  code: string;
  description: string;
}
interface ScfAlias {
  version: string;
  weights: { version: string; weight: number }[];
  matches: { version: string; key: string; method: string; expression: string }[];
  description: string;
}
interface ScfFunction {
  name: string;
  namespace: string;
  code: string;
  description: string;
  nextVersion: number;
  versions: Record<string, ScfVersion>;
  aliases: Record<string, ScfAlias>;
  /** Provisioned concurrency per published version (PutProvisionedConcurrencyConfig). */
  provisioned?: Record<string, ScfProvisioned>;
}
interface ScfProvisioned {
  /** AllocatedProvisionedConcurrencyNum: the number set (SDK scf models.go:5961-5962). */
  allocated: number;
  /** AvailableProvisionedConcurrencyNum: the number already provisioned (models.go:5964-5965). */
  available: number;
  /** Done | InProgress (models.go:5967). */
  status: string;
  triggerActions: TfObject[];
}

function functions(cloud: CloudData): Record<string, ScfFunction> {
  return (cloud.functions ??= {});
}

function fnKey(namespace: string, name: string): string {
  return `${namespace || "default"}/${name}`;
}

function findFunction(cloud: CloudData, namespace: string, name: string, action: string): ScfFunction {
  const fn = functions(cloud)[fnKey(namespace, name)];
  // SCF API error code for a missing function (SDK scf errors.go: RESOURCENOTFOUND_FUNCTION).
  if (!fn) throw new ApiError("ResourceNotFound.Function", `${action}: function ${name} does not exist`);
  return fn;
}

/**
 * The code `$LATEST` runs: the zip's content (read from the working directory as the provider does:
 * `os.Open(zip_file)`, scf/resource_tc_scf_function.go:760-767 on create, :1350-1358 on update), or the
 * COS object (`cos_bucket_name/cos_object_name`, whose content the twin cannot see: the object name stands for it).
 */
function codeDigest(state: TfObject): string {
  const zip = str(state.zip_file);
  if (zip) {
    const file = path.resolve(zip.replace(/^~(?=\/)/, process.env.HOME ?? "~"));
    let body: Buffer;
    try {
      body = fs.readFileSync(file);
    } catch (e) {
      // scf/resource_tc_scf_function.go:764-767: `zip file (%s) open error: %s`
      throw new ApiError(
        "ZipFileOpenError",
        `zip file (${zip}) open error: open ${zip}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (e as Error).message} (relative paths resolve from the stack folder Terraform runs in)`,
        "scf/resource_tc_scf_function.go:760-767",
      );
    }
    return "zip:" + crypto.createHash("sha256").update(body).digest("hex").slice(0, 12);
  }
  const cos = ([state.cos_bucket_name, state.cos_bucket_region, state.cos_object_name] as TfValue[])
    .map((v) => str(v))
    .join("/");
  if (cos !== "//") return `cos:${cos}`;
  const image = head(state.image_config);
  return image ? `image:${str(image.image_uri)}` : "empty";
}

function aliasRouting(rc: TfObject | undefined): Pick<ScfAlias, "weights" | "matches"> {
  const weights = ((rc?.additional_version_weights as TfObject[] | null) ?? []).map((w) => ({
    version: str(w.version),
    weight: Number(w.weight),
  }));
  const matches = ((rc?.additional_version_matches as TfObject[] | null) ?? []).map((m) => ({
    version: str(m.version),
    key: str(m.key),
    method: str(m.method),
    expression: str(m.expression),
  }));
  return { weights, matches };
}

/**
 * API-side routing rules the provider does not check (no MaxItems on the inner lists,
 * scf/resource_tc_scf_function_alias.go:58-110): one additional version, weights or rules but not both,
 * a weight in (0, 1), every version published (SCF RoutingConfig documentation, provider-tencentcloud.md
 * "routing_config shape").
 */
function checkRouting(fn: ScfFunction, alias: string, a: Omit<ScfAlias, "description">): void {
  const exists = (v: string) => v === "$LATEST" || fn.versions[v] !== undefined;
  if (!exists(a.version))
    throw new ApiError(
      "ResourceNotFound.Version",
      `alias ${alias}: version ${a.version} of function ${fn.name} does not exist`,
    );
  if (a.weights.length > 0 && a.matches.length > 0)
    throw new ApiError(
      "InvalidParameterValue.RoutingConfig",
      `alias ${alias}: weighted and rule routing cannot be combined`,
    );
  const extra = new Set([...a.weights.map((w) => w.version), ...a.matches.map((m) => m.version)]);
  if (extra.size > 1)
    throw new ApiError(
      "InvalidParameterValue.RoutingConfig",
      `alias ${alias}: at most one additional version, got ${[...extra].join(", ")}`,
    );
  for (const v of extra) {
    if (!exists(v))
      throw new ApiError(
        "ResourceNotFound.Version",
        `alias ${alias}: additional version ${v} of function ${fn.name} does not exist`,
      );
    if (v === a.version)
      throw new ApiError(
        "InvalidParameterValue.RoutingConfig",
        `alias ${alias}: the additional version ${v} must differ from the primary version`,
      );
  }
  for (const w of a.weights) {
    if (!(w.weight > 0 && w.weight < 1))
      throw new ApiError(
        "InvalidParameterValue.RoutingConfig",
        `alias ${alias}: weight ${w.weight} of version ${w.version} is outside (0, 1)`,
      );
  }
}

function aliasState(base: TfObject, fnName: string, ns: string, name: string, a: ScfAlias): TfObject {
  const out = clone(base);
  // scf/resource_tc_scf_function_alias.go:240-245 (name, function_name, namespace from the ID; version from GetAlias)
  out.name = name;
  out.function_name = fnName;
  out.namespace = ns;
  out.function_version = a.version;
  // :248-300: routing_config is set whenever GetAlias returns a RoutingConfig (with both lists when
  // the API sends them); TENCENT_TWIN_DEFAULTS.aliasRoutingConfigEcho says when the twin's API does.
  out.routing_config =
    a.weights.length || a.matches.length || TENCENT_TWIN_DEFAULTS.aliasRoutingConfigEcho === "always"
      ? [
          {
            additional_version_weights: a.weights.map((w) => ({ version: w.version, weight: w.weight })),
            additional_version_matches: a.matches.map((m) => ({ ...m })),
          },
        ]
      : [];
  // :302-304: description from GetAlias
  out.description = a.description === "" ? null : a.description;
  return out;
}

const scfFunctionVersion = {
  // scf/resource_tc_scf_function_version.go:27-46: function_name, description and namespace are ForceNew.
  forceNew: ["function_name", "description", "namespace"],
  create(ctx: ApplyContext): TfObject {
    const p = ctx.planned!;
    const ns = str(p.namespace); // :79-82: namespace sent only when set; "" otherwise
    const fn = findFunction(ctx.cloud, ns, str(p.function_name), "PublishVersion");
    // PublishVersion snapshots $LATEST (provider-tencentcloud.md "Versions and code changes").
    const version = String(fn.nextVersion++);
    fn.versions[version] = { code: fn.code, description: str(p.description) };
    const out = clone(p);
    // :100: the ID is `<function>#<namespace as given>#<version>`, so an unset namespace leaves "" in it.
    out.id = `${str(p.function_name)}#${ns}#${version}`;
    out.function_version = version;
    // :106 Create ends with Read.
    return readVersion(ctx.cloud, out) ?? out;
  },
  update(ctx: ApplyContext): TfObject {
    return clone(ctx.planned!);
  },
  delete(ctx: ApplyContext): void {
    const p = ctx.prior!;
    const [name, ns, version] = str(p.id).split("#");
    const fn = functions(ctx.cloud)[fnKey(ns, name)];
    if (!fn) return;
    const servedBy = Object.entries(fn.aliases).filter(
      ([, a]) =>
        a.version === version ||
        a.weights.some((w) => w.version === version) ||
        a.matches.some((m) => m.version === version),
    );
    if (servedBy.length && TENCENT_TWIN_DEFAULTS.deleteServedVersion === "refuse")
      throw new ApiError(
        "ResourceInUse.Alias",
        `version ${version} of ${name} is used by alias ${servedBy.map(([n]) => n).join(", ")}`,
      );
    delete fn.versions[version];
  },
  read(ctx: ReadContext): TfObject | null {
    return readVersion(ctx.cloud, ctx.state);
  },
};

function readVersion(cloud: CloudData, state: TfObject): TfObject | null {
  const [name, ns, version] = str(state.id).split("#");
  const fn = functions(cloud)[fnKey(ns, name)];
  const v = fn?.versions[version];
  if (!fn || !v) return null; // :139-143 not found → SetId("")
  const out = clone(state);
  out.function_name = fn.name; // :146
  out.description = v.description === "" ? null : v.description; // :146-148
  // :150-152: namespace is set from GetFunction(Qualifier=version).Namespace, which is "default" for the
  // default namespace, even when the config (and the ID) left it unset.
  out.namespace = fn.namespace;
  out.function_version = version; // :154-156
  return out;
}

const scfFunctionAlias = {
  // scf/resource_tc_scf_function_alias.go: no attribute is ForceNew (name/function_name/namespace changes
  // are built from the ID on update and so ignored, :317-327).
  forceNew: [] as string[],
  create(ctx: ApplyContext): TfObject {
    const p = ctx.planned!;
    const ns = str(p.namespace); // :146-149: sent only when set
    const fnName = str(p.function_name);
    const name = str(p.name);
    const fn = findFunction(ctx.cloud, ns, fnName, "CreateAlias");
    if (fn.aliases[name])
      throw new ApiError("ResourceInUse.Alias", `alias ${name} of function ${fnName} already exists`);
    const alias: ScfAlias = {
      version: str(p.function_version),
      ...aliasRouting(head(p.routing_config)),
      description: str(p.description),
    };
    checkRouting(fn, name, alias);
    fn.aliases[name] = alias;
    // :206: the ID is `<namespace as given>#<function>#<alias>`
    const out = clone(p);
    out.id = `${ns}#${fnName}#${name}`;
    return aliasState(out, fnName, ns, name, alias);
  },
  update(ctx: ApplyContext): TfObject {
    const p = ctx.planned!;
    const prior = ctx.prior!;
    const [ns, fnName, name] = str(prior.id).split("#");
    const fn = findFunction(ctx.cloud, ns, fnName, "UpdateAlias");
    const alias = fn.aliases[name];
    if (!alias) throw new ApiError("ResourceNotFound.Alias", `alias ${name} of ${fnName} does not exist`);
    const changed = (k: string) => JSON.stringify(prior[k] ?? null) !== JSON.stringify(p[k] ?? null);
    // :330-340: UpdateAlias is sent only when routing_config or description changed; a change of
    // function_version alone calls no API.
    if (changed("routing_config") || changed("description")) {
      const next: ScfAlias = {
        // :328: the request always carries the planned function_version
        version: str(p.function_version),
        // :342-377: routing from the planned block; no block → no RoutingConfig in the request, which the
        // SDK documents as "all traffic to the primary version" (scf/models.go:5074)
        ...aliasRouting(head(p.routing_config)),
        // :379-381: description only when non-empty (GetOk): removing it sends nothing and keeps the old text
        description: str(p.description) || alias.description,
      };
      checkRouting(fn, name, next);
      fn.aliases[name] = next;
    }
    // :398 Update ends with Read: state is what the cloud holds.
    return aliasState(clone(p), fnName, ns, name, fn.aliases[name]);
  },
  delete(ctx: ApplyContext): void {
    const [ns, fnName, name] = str(ctx.prior!.id).split("#");
    const fn = functions(ctx.cloud)[fnKey(ns, fnName)];
    if (fn) delete fn.aliases[name];
  },
  read(ctx: ReadContext): TfObject | null {
    const [ns, fnName, name] = str(ctx.state.id).split("#");
    const fn = functions(ctx.cloud)[fnKey(ns, fnName)];
    const alias = fn?.aliases[name];
    if (!alias) return null; // :234-238
    return aliasState(ctx.state, fnName, ns, name, alias);
  },
};

const scfFunction = {
  // scf/resource_tc_scf_function.go:69 (name) and :137-143 (namespace, Default "default") are ForceNew.
  forceNew: ["name", "namespace"],
  // :91 description "", :98 mem_size 128, :113 timeout 3, :140 namespace "default", :164 func_type "Event",
  // :208 enable_public_net false, :214 enable_eip_config false, :507 dns_cache false
  defaults: {
    namespace: "default",
    mem_size: 128,
    timeout: 3,
    func_type: "Event",
    enable_public_net: false,
    enable_eip_config: false,
  } as Record<string, TfValue>,
  create(ctx: ApplyContext): TfObject {
    const p = ctx.planned!;
    const ns = str(p.namespace) || "default";
    const name = str(p.name);
    if (functions(ctx.cloud)[fnKey(ns, name)])
      throw new ApiError("ResourceInUse.Function", `function ${name} already exists in namespace ${ns}`);
    functions(ctx.cloud)[fnKey(ns, name)] = {
      name,
      namespace: ns,
      code: codeDigest(p),
      description: str(p.description),
      nextVersion: 1,
      versions: {},
      aliases: {},
    };
    const out = clone(p);
    out.id = name; // the ID is the function name
    out.function_id = `lam-${crypto.createHash("sha256").update(fnKey(ns, name)).digest("hex").slice(0, 8)}`;
    return storeFunctionState(ctx.cloud, ns, name, ctx.complete(out));
  },
  update(ctx: ApplyContext): TfObject {
    const p = ctx.planned!;
    const prior = ctx.prior!;
    const ns = str(prior.namespace) || "default";
    const fn = findFunction(ctx.cloud, ns, str(prior.name), "UpdateFunctionCode");
    // :1348-1372: the zip is re-read (and uploaded) when zip_file or the COS fields changed; new content under
    // an unchanged path is not uploaded (:1348 HasChange("zip_file")).
    const codeKeys = ["zip_file", "cos_bucket_name", "cos_object_name", "cos_bucket_region", "image_config"];
    if (codeKeys.some((k) => JSON.stringify(prior[k] ?? null) !== JSON.stringify(p[k] ?? null)))
      fn.code = codeDigest(p);
    fn.description = str(p.description);
    return storeFunctionState(ctx.cloud, ns, str(prior.name), ctx.complete(clone(p)));
  },
  delete(ctx: ApplyContext): void {
    const ns = str(ctx.prior!.namespace) || "default";
    delete functions(ctx.cloud)[fnKey(ns, str(ctx.prior!.name))];
    delete (ctx.cloud.functionStates ??= {})[fnKey(ns, str(ctx.prior!.name))];
  },
  read(ctx: ReadContext): TfObject | null {
    const ns = str(ctx.state.namespace) || "default";
    const key = fnKey(ns, str(ctx.state.name));
    if (!functions(ctx.cloud)[key]) return null;
    return clone((ctx.cloud.functionStates ??= {})[key] ?? ctx.state);
  },
};

function storeFunctionState(cloud: CloudData, ns: string, name: string, state: TfObject): TfObject {
  (cloud.functionStates ??= {})[fnKey(ns, name)] = clone(state);
  return state;
}

interface GwService {
  name: string;
  apis: Record<string, { name: string; function: string; qualifier: string }>;
  releases: Record<
    string,
    { version: string; apis: Record<string, { function: string; qualifier: string }> }
  >;
  nextRelease: number;
}

function services(cloud: CloudData): Record<string, GwService> {
  return (cloud.services ??= {});
}

const apiGatewayService = {
  // apigateway/resource_tc_api_gateway_service.go:45 exclusive_set_name, :63 ip_version, :76 instance_id are ForceNew
  forceNew: ["exclusive_set_name", "ip_version", "instance_id"],
  defaults: { ip_version: "IPv4" } as Record<string, TfValue>, // :67
  create(ctx: ApplyContext): TfObject {
    const p = ctx.planned!;
    const id = `service-${String(ctx.nextId("service")).padStart(8, "0")}`;
    services(ctx.cloud)[id] = { name: str(p.service_name), apis: {}, releases: {}, nextRelease: 1 };
    const out = clone(p);
    out.id = id;
    out.outer_sub_domain = `${id}-1250000000.gz.apigw.tencentcs.com`;
    out.internal_sub_domain = "";
    return storeGeneric(ctx.cloud, "service", id, ctx.complete(out));
  },
  update: (ctx: ApplyContext) =>
    storeGeneric(ctx.cloud, "service", str(ctx.prior!.id), ctx.complete(clone(ctx.planned!))),
  delete(ctx: ApplyContext): void {
    const id = str(ctx.prior!.id);
    const s = services(ctx.cloud)[id];
    if (s && Object.keys(s.apis).length)
      throw new ApiError("FailedOperation.ServiceInUse", `service ${id} still has APIs`);
    delete services(ctx.cloud)[id];
  },
  read: (ctx: ReadContext) =>
    services(ctx.cloud)[str(ctx.state.id)] ? readGeneric(ctx.cloud, "service", ctx.state) : null,
};

function storeGeneric(cloud: CloudData, kind: string, id: string, state: TfObject): TfObject {
  ((cloud.states ??= {})[kind] ??= {})[id] = clone(state);
  return state;
}
function readGeneric(cloud: CloudData, kind: string, state: TfObject): TfObject | null {
  const s = cloud.states?.[kind]?.[str(state.id)];
  return s ? clone(s) : null;
}

const apiGatewayApi = {
  // apigateway/resource_tc_api_gateway_api.go:25 service_id and :55 protocol are ForceNew
  forceNew: ["service_id", "protocol"],
  // :44 api_type NORMAL, :51 auth_type NONE, :59 protocol HTTP, :66 enable_cors true, :77 method GET,
  // :312 service_config_type HTTP, :319 service_config_timeout 5
  defaults: {
    api_type: "NORMAL",
    auth_type: "NONE",
    protocol: "HTTP",
    enable_cors: true,
    request_config_method: "GET",
    service_config_type: "HTTP",
    service_config_timeout: 5,
  } as Record<string, TfValue>,
  create(ctx: ApplyContext): TfObject {
    const p = ctx.planned!;
    const svc = services(ctx.cloud)[str(p.service_id)];
    if (!svc)
      throw new ApiError("ResourceNotFound.InvalidService", `service ${str(p.service_id)} does not exist`);
    checkScfBackend(ctx.cloud, p);
    const id = `api-${String(ctx.nextId("api")).padStart(8, "0")}`;
    svc.apis[id] = {
      name: str(p.api_name),
      function: str(p.service_config_scf_function_name),
      qualifier: str(p.service_config_scf_function_qualifier),
    };
    const out = clone(p);
    out.id = id;
    return storeGeneric(ctx.cloud, "api", id, ctx.complete(out));
  },
  update(ctx: ApplyContext): TfObject {
    const p = ctx.planned!;
    const id = str(ctx.prior!.id);
    const svc = services(ctx.cloud)[str(p.service_id)];
    checkScfBackend(ctx.cloud, p);
    // ModifyApi changes the service's draft only; released environments keep their snapshot
    // (provider-tencentcloud.md "tencentcloud_api_gateway_api" quirks).
    if (svc?.apis[id])
      svc.apis[id] = {
        name: str(p.api_name),
        function: str(p.service_config_scf_function_name),
        qualifier: str(p.service_config_scf_function_qualifier),
      };
    return storeGeneric(ctx.cloud, "api", id, ctx.complete(clone(p)));
  },
  delete(ctx: ApplyContext): void {
    const svc = services(ctx.cloud)[str(ctx.prior!.service_id)];
    if (svc) delete svc.apis[str(ctx.prior!.id)];
  },
  read: (ctx: ReadContext) => {
    const svc = services(ctx.cloud)[str(ctx.state.service_id)];
    return svc?.apis[str(ctx.state.id)] ? readGeneric(ctx.cloud, "api", ctx.state) : null;
  },
};

/**
 * An SCF backend needs all four `service_config_scf_function_*` fields (create and update fail when
 * one is empty: apigateway/resource_tc_api_gateway_api.go, provider-tencentcloud.md) and a qualifier
 * that exists on the function.
 */
function checkScfBackend(cloud: CloudData, p: TfObject): void {
  if (str(p.service_config_type) !== "SCF") return;
  const missing = ["name", "namespace", "qualifier", "type"].filter(
    (k) => !str(p[`service_config_scf_function_${k}`]),
  );
  if (missing.length)
    throw new ApiError(
      "InvalidParameterValue",
      `SCF backend needs service_config_scf_function_${missing.join(", _")}`,
      "apigateway/resource_tc_api_gateway_api.go (create/update check the four SCF fields)",
    );
  const fn =
    functions(cloud)[
      fnKey(str(p.service_config_scf_function_namespace), str(p.service_config_scf_function_name))
    ];
  const q = str(p.service_config_scf_function_qualifier);
  if (fn && !["$LATEST", "$DEFAULT"].includes(q) && !fn.versions[q] && !fn.aliases[q])
    throw new ApiError("ResourceNotFound.Qualifier", `function ${fn.name} has no version or alias ${q}`);
}

const apiGatewayServiceRelease = {
  // apigateway/resource_tc_api_gateway_service_release.go:25-43: every input is ForceNew
  forceNew: ["service_id", "environment_name", "release_desc"],
  create(ctx: ApplyContext): TfObject {
    const p = ctx.planned!;
    const svc = services(ctx.cloud)[str(p.service_id)];
    if (!svc)
      throw new ApiError("ResourceNotFound.InvalidService", `service ${str(p.service_id)} does not exist`);
    // Create fails when the service has no API (provider-tencentcloud.md).
    if (!Object.keys(svc.apis).length)
      throw new ApiError(
        "FailedOperation.ServiceNoApi",
        `service ${str(p.service_id)} has no API to release`,
      );
    const env = str(p.environment_name);
    const version = `${new Date(0).toISOString().slice(0, 10).replace(/-/g, "")}${String(svc.nextRelease++).padStart(6, "0")}`;
    // ReleaseService publishes a snapshot of all the service's APIs to the environment.
    svc.releases[env] = {
      version,
      apis: Object.fromEntries(
        Object.entries(svc.apis).map(([id, a]) => [id, { function: a.function, qualifier: a.qualifier }]),
      ),
    };
    const out = clone(p);
    out.id = `${str(p.service_id)}#${env}#${version}`;
    out.release_version = version;
    return storeGeneric(ctx.cloud, "release", str(out.id), ctx.complete(out));
  },
  update: (ctx: ApplyContext) => clone(ctx.planned!),
  delete(ctx: ApplyContext): void {
    // Delete calls UnReleaseService(service, environment): the whole environment goes offline.
    const [serviceId, env] = str(ctx.prior!.id).split("#");
    const svc = services(ctx.cloud)[serviceId];
    if (svc && svc.releases[env] && str(ctx.prior!.id).endsWith(`#${svc.releases[env].version}`))
      delete svc.releases[env];
    else if (svc) delete svc.releases[env];
  },
  read: (ctx: ReadContext) => readGeneric(ctx.cloud, "release", ctx.state),
};

/** The SCF source file of the provisioned-concurrency resource (paths below are relative to it unless named). */
const PCC = "scf/resource_tc_scf_provisioned_concurrency_config.go";

const scfProvisionedConcurrencyConfig = {
  // :19-111: no Update, and every input is ForceNew.
  forceNew: [
    "function_name",
    "qualifier",
    "version_provisioned_concurrency_num",
    "namespace",
    "trigger_actions",
    "provisioned_type",
    "tracking_target",
    "min_capacity",
    "max_capacity",
  ],
  create(ctx: ApplyContext): TfObject {
    const p = ctx.planned!;
    const fnName = str(p.function_name);
    const qualifier = str(p.qualifier);
    // :141-144: namespace sent only when set; the API's default is "default" (SDK scf models.go:4475).
    const ns = str(p.namespace);
    const fn = findFunction(ctx.cloud, ns, fnName, "PutProvisionedConcurrencyConfig");
    // SDK scf models.go:4469: "$LATEST does not support provisioned concurrency"; the field is a version number.
    if (qualifier === "$LATEST" || !/^\d+$/.test(qualifier))
      throw new ApiError(
        "InvalidParameterValue.Qualifier",
        `PutProvisionedConcurrencyConfig: qualifier ${JSON.stringify(qualifier)} of ${fnName} is not a published version number ($LATEST and aliases cannot be provisioned)`,
        "SDK scf models.go:4469 (error code: client.go:3379)",
      );
    if (!fn.versions[qualifier])
      throw new ApiError(
        "ResourceNotFound.Version",
        `PutProvisionedConcurrencyConfig: version ${qualifier} of ${fnName} does not exist`,
        "SDK scf client.go:3395",
      );
    const held = (fn.provisioned ??= {});
    // errors.go:164-165 FailedOperation.ProvisionedInProgress: "this version already has a provisioning task in progress"
    if (held[qualifier]?.status === "InProgress")
      throw new ApiError(
        "FailedOperation.ProvisionedInProgress",
        `PutProvisionedConcurrencyConfig: version ${qualifier} of ${fnName} already has a provisioning task in progress`,
        "SDK scf errors.go:164-165",
      );
    const tracking = str(p.provisioned_type) === "ConcurrencyUtilizationTracking";
    if (tracking) {
      // :84-110 (schema descriptions, not checked by the provider): tracking_target in (0,1), min_capacity >= 1.
      const target = Number(p.tracking_target);
      if (!(target > 0 && target < 1))
        throw new ApiError(
          "InvalidParameterValue.TrackingTarget",
          `tracking_target ${String(p.tracking_target)} is outside (0, 1)`,
          `${PCC}:91-96`,
        );
      if (!(Number(p.min_capacity) >= 1))
        throw new ApiError(
          "InvalidParameterValue.MinCapacity",
          `min_capacity ${String(p.min_capacity)} is below 1`,
          `${PCC}:98-103`,
        );
    }
    const amount = Number(p.version_provisioned_concurrency_num ?? 0);
    // SDK scf models.go:4472: the sum over all versions is at most the function's concurrency quota minus 100.
    const quota = tencentOption(ctx.cloud, "scfFunctionConcurrencyQuota");
    if (quota !== undefined) {
      const others = Object.entries(held)
        .filter(([v]) => v !== qualifier)
        .reduce((sum, [, x]) => sum + x.allocated, 0);
      if (others + amount > Number(quota) - 100)
        throw new ApiError(
          "LimitExceeded.FunctionTotalProvisionedConcurrencyNum",
          `PutProvisionedConcurrencyConfig: ${fnName} would provision ${others + amount} (version ${qualifier}: ${amount}, other versions: ${others}), above its concurrency quota ${quota} minus 100`,
          "SDK scf models.go:4472, errors.go:773-774",
        );
    }
    const ready = String(tencentOption(ctx.cloud, "provisionedReadyAfterApply")) !== "false";
    held[qualifier] = {
      allocated: amount,
      // Tracking mode: the configured count is 0 and Available is the live count, at least min_capacity
      // (provider-monitoring.md, [inferred]); a static config reaches Allocated when the task is done.
      available: ready ? (tracking ? Number(p.min_capacity) : amount) : 0,
      status: ready ? "Done" : "InProgress",
      triggerActions: ((p.trigger_actions as TfObject[] | null) ?? []).map((t) => clone(t)),
    };
    const out = clone(p);
    // :196: the ID is `<function>#<qualifier>#<namespace as given>` ("" when unset).
    out.id = `${fnName}#${qualifier}#${ns}`;
    // :198-201: sleep 5 s, then Read: the state holds what the API has available by then.
    return readProvisioned(ctx.cloud, out) ?? ctx.complete(out);
  },
  update: (ctx: ApplyContext) => clone(ctx.planned!),
  delete(ctx: ApplyContext): void {
    // :272-293 DeleteProvisionedConcurrencyConfig(function, qualifier, namespace) from the ID
    const [fnName, qualifier, ns] = str(ctx.prior!.id).split("#");
    const fn = functions(ctx.cloud)[fnKey(ns, fnName)];
    if (fn?.provisioned) delete fn.provisioned[qualifier];
  },
  read: (ctx: ReadContext) => readProvisioned(ctx.cloud, ctx.state),
};

function readProvisioned(cloud: CloudData, state: TfObject): TfObject | null {
  // :214-220: function, qualifier and namespace from the ID
  const [fnName, qualifier, ns] = str(state.id).split("#");
  const held = functions(cloud)[fnKey(ns, fnName)]?.provisioned?.[qualifier];
  // service_tencentcloud_scf.go:856-862: Allocated[0] of GetProvisionedConcurrencyConfig; none → :227-231 SetId("")
  if (!held) return null;
  const out = clone(state);
  out.function_name = fnName; // :233-235
  out.qualifier = qualifier;
  out.namespace = ns === "" ? null : ns;
  // :237-239: the count is read from AvailableProvisionedConcurrencyNum (what is provisioned so far), not from
  // AllocatedProvisionedConcurrencyNum (what was set): while provisioning lags, the ForceNew count differs.
  out.version_provisioned_concurrency_num = held.available;
  // :241-267: trigger_actions when the API returns them
  if (held.triggerActions.length) out.trigger_actions = held.triggerActions.map((t) => clone(t));
  return out;
}

/** Alarm policies (monitor/resource_tc_monitor_alarm_policy.go) and the objects bound to each. */
interface MonitorPolicy {
  state: TfObject;
  objects: { dimensionsJson: string; region: string; uniqueId: string }[];
}
function policies(cloud: CloudData): Record<string, MonitorPolicy> {
  return (cloud.alarmPolicies ??= {});
}

const monitorAlarmPolicy = {
  // monitor/resource_tc_monitor_alarm_policy.go:118-129 monitor_type, namespace; :142-148 project_id;
  // :150-155 conditon_template_id; policy_tag (:218-238) are ForceNew.
  forceNew: ["monitor_type", "namespace", "project_id", "conditon_template_id", "policy_tag"],
  // :136-141 enable Default 1, :142-148 project_id Default -1
  defaults: { enable: 1, project_id: -1 } as Record<string, TfValue>,
  create(ctx: ApplyContext): TfObject {
    const n = ctx.nextId("alarmPolicy");
    const id = `policy-${crypto.createHash("sha256").update(`policy:${n}`).digest("hex").slice(0, 8)}`;
    const out = clone(ctx.planned!);
    out.id = id; // :569 the ID is CreateAlarmPolicy's PolicyId
    out.create_time = out.update_time = "1970-01-01 08:00:00"; // :717-726 Unix times formatted
    // :765-775: event_conditions is read back from the API's (empty) EventCondition.Rules
    out.event_conditions = [];
    // :572-604: BindingPolicyTag with only the first policy_tag (tagSet[0]); Read sets policy_tag from the
    // policy's TagInstances (:811-818): with two tags, the second is never bound and the plan replaces (ForceNew).
    const tags = (out.policy_tag as TfObject[] | null) ?? [];
    out.policy_tag = tags.slice(0, 1);
    policies(ctx.cloud)[id] = { state: ctx.complete(out), objects: [] };
    return readPolicy(ctx.cloud, out)!;
  },
  update(ctx: ApplyContext): TfObject {
    const id = str(ctx.prior!.id);
    const policy = policies(ctx.cloud)[id];
    if (!policy)
      throw new ApiError("ResourceNotFound.PolicyNotFound (twin label)", `policy ${id} does not exist`);
    // :830-1128: ModifyAlarmPolicyInfo / Status / Condition / Notice / Tasks send every changed field.
    policy.state = ctx.complete(clone(ctx.planned!));
    return readPolicy(ctx.cloud, ctx.planned!)!;
  },
  delete(ctx: ApplyContext): void {
    // :1130-1151 DeleteAlarmPolicy; the objects bound to it go with it [inferred].
    delete policies(ctx.cloud)[str(ctx.prior!.id)];
  },
  read: (ctx: ReadContext) => readPolicy(ctx.cloud, ctx.state),
};

function readPolicy(cloud: CloudData, state: TfObject): TfObject | null {
  const policy = policies(cloud)[str(state.id)];
  if (!policy) return null; // :638-641 a nil policy removes the resource from state
  const out = clone(policy.state);
  // :728-763: each metric rule is read back without is_power_notice (event rules have it, :775): the SDK
  // writes the attribute's zero value, so a rule that sets it shows a diff on every plan.
  for (const c of (out.conditions as TfObject[] | null) ?? [])
    for (const r of (c.rules as TfObject[] | null) ?? []) r.is_power_notice = 0;
  return out;
}

/** The binding object's source file. */
const PBO = "monitor/resource_tc_monitor_policy_binding_object.go";

const monitorPolicyBindingObject = {
  // :28-74: no Update; policy_id, the dimensions set and its dimensions_json / region are ForceNew.
  forceNew: ["policy_id", "dimensions"],
  create(ctx: ApplyContext): TfObject {
    const p = ctx.planned!;
    const policyId = str(p.policy_id);
    const policy = policies(ctx.cloud)[policyId];
    // :90-96: the policy must exist (the provider's own error)
    if (!policy) throw new ApiError("(provider)", `alarm policy ${policyId} not exist`, `${PBO}:90-96`);
    const defaultRegion = String(tencentOption(ctx.cloud, "providerRegion"));
    const wanted = ((p.dimensions as TfObject[] | null) ?? []).map((d) => ({
      dimensionsJson: str(d.dimensions_json),
      // :107-113: an empty region is the provider's region
      region: str(d.region) || defaultRegion,
    }));
    // :97-132 BindingPolicyObject(GroupId 0): adds the objects to those the policy already has.
    for (const w of wanted) {
      if (policy.objects.some((o) => o.dimensionsJson === w.dimensionsJson && o.region === w.region))
        continue;
      policy.objects.push({ ...w, uniqueId: `uniq-${ctx.nextId("bindingObject")}` });
    }
    const out = clone(p);
    out.id = policyId; // :134 the ID is the policy ID
    return readBinding(ctx.cloud, out)!; // :135-137 sleep 3 s, then Read
  },
  update: (ctx: ApplyContext) => clone(ctx.planned!),
  delete(ctx: ApplyContext): void {
    // :199-252 UnBindingAllPolicyObject in every region with objects: every object of the policy goes,
    // not only the ones this resource declared.
    const policy = policies(ctx.cloud)[str(ctx.prior!.id)];
    if (policy) policy.objects = [];
  },
  read: (ctx: ReadContext) => readBinding(ctx.cloud, ctx.state),
};

function readBinding(cloud: CloudData, state: TfObject): TfObject | null {
  const policy = policies(cloud)[str(state.id)];
  // :152-158: a missing policy is an error on Read, not a removal from state; the twin's cloud deletes
  // bindings with their policy, and Terraform destroys the binding first (it references the policy).
  if (!policy) return null;
  const out = clone(state);
  out.policy_id = str(state.id); // :150
  // :172-196: every object bound to the policy, in every region that has objects.
  out.dimensions = policy.objects.map((o) => ({
    dimensions_json: o.dimensionsJson,
    unique_id: o.uniqueId,
    region: o.region,
  }));
  return out;
}

export const TENCENTCLOUD_TWIN: TwinProvider = {
  models: {
    tencentcloud_scf_function: scfFunction,
    tencentcloud_scf_function_version: scfFunctionVersion,
    tencentcloud_scf_function_alias: scfFunctionAlias,
    tencentcloud_api_gateway_service: apiGatewayService,
    tencentcloud_api_gateway_api: apiGatewayApi,
    tencentcloud_api_gateway_service_release: apiGatewayServiceRelease,
    tencentcloud_scf_provisioned_concurrency_config: scfProvisionedConcurrencyConfig,
    tencentcloud_monitor_alarm_policy: monitorAlarmPolicy,
    tencentcloud_monitor_policy_binding_object: monitorPolicyBindingObject,
  } as ResourceModels,
  actions: {
    /** Sets options of TENCENT_TWIN_DEFAULTS for this rehearsal's cloud (SETTABLE_OPTIONS; "" resets one). */
    "twin-options": twinOptionsAction("tencentcloud", SETTABLE_OPTIONS),
    /** The cloud finishes every provisioning task in progress (Available reaches Allocated, Status Done). */
    "scf-provisioning-done": (cloud) => {
      const done: string[] = [];
      for (const fn of Object.values(functions(cloud)))
        for (const [v, x] of Object.entries(fn.provisioned ?? {}))
          if (x.status !== "Done") {
            x.available = x.allocated;
            x.status = "Done";
            done.push(`${fn.name} v${v}: ${x.allocated}`);
          }
      return `provisioning done: ${done.join(", ") || "nothing in progress"}`;
    },
  },
  view: {
    aliases(cloud) {
      const out: TwinAlias[] = [];
      for (const fn of Object.values(functions(cloud))) {
        for (const [name, a] of Object.entries(fn.aliases)) out.push(toTwinAlias(fn.name, name, a));
      }
      return out;
    },
    versions(cloud) {
      const out: TwinVersion[] = [];
      for (const fn of Object.values(functions(cloud)))
        for (const [v, x] of Object.entries(fn.versions))
          out.push({ function: fn.name, version: v, code: x.code });
      return out;
    },
    stages(cloud) {
      const out: TwinStage[] = [];
      for (const svc of Object.values(services(cloud)))
        for (const [env, r] of Object.entries(svc.releases))
          for (const a of Object.values(r.apis))
            out.push({ gateway: svc.name, stage: env, function: a.function, qualifier: a.qualifier });
      return out;
    },
    declaredAlias(type, v) {
      if (type !== "tencentcloud_scf_function_alias") return undefined;
      const r = aliasRouting(head(v.routing_config));
      return toTwinAlias(str(v.function_name), str(v.name), {
        ...r,
        version: str(v.function_version),
        description: "",
      });
    },
    versionOf(type, v) {
      if (type !== "tencentcloud_scf_function_version") return undefined;
      return { function: str(v.function_name), version: str(v.function_version) };
    },
  },
};

function toTwinAlias(fn: string, alias: string, a: ScfAlias): TwinAlias {
  return {
    function: fn,
    alias,
    version: a.version,
    weights: Object.fromEntries(a.weights.map((w) => [w.version, w.weight])),
    matches: a.matches.map((m) => `${m.key} ${m.method} ${JSON.stringify(m.expression)} → v${m.version}`),
  };
}
