/**
 * The provider twin's behaviours for aliyun/alicloud 1.289.0 (source at 81c43b6; `R:` below is
 * `alicloud/resource_alicloud_`, `S:` is `alicloud/service_alicloud_`). Each behaviour cites the
 * source it follows; API-side rules the provider does not check cite the API documentation or the
 * reference notes (provider-alicloud.md, api-name-rules.md). Where the record is silent the twin
 * uses ALICLOUD_TWIN_DEFAULTS. API error codes marked "(twin label)" are not documented names.
 *
 * The cloud (section `alicloud` of the twin's cloud file):
 * - `fc3[function]`: FC 3.0 functions: LATEST code digest, versions 1, 2, 3… each with the code it
 *   snapshotted, aliases (version + additional weights);
 * - `fc2[service]`: FC 2.0 services: each function's LATEST code, service versions 1, 2, 3… (a snapshot of
 *   all the service's code), aliases;
 * - `groups`, `apis`, `backendModels`: API Gateway, and which qualifier each stage calls.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { CloudData } from "../../twin/cloud";
import {
  ApiError,
  ApplyContext,
  head,
  nextIdIn,
  PlanContext,
  ResourceModel,
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
import { BACKEND_MODEL_READ_KEYS } from "./backend-model";

export const ALICLOUD_TWIN_DEFAULTS = {
  /**
   * Keys the API Gateway echoes back in a backend model's FunctionComputeConfig when they were not sent
   * (issue 11 item 6: "booleans the API echoes (e.g. OnlyBusinessPath: false)" [inferred]).
   */
  backendModelEcho: { OnlyBusinessPath: false } as Record<string, unknown>,
  /**
   * FC 3.0 PublishFunctionVersion with no change since the last version: refused on FC 2.0 (provider-alicloud.md
   * "Versions and code changes", the fc-php-sdk authors' note); for FC 3.0 "[unverified]", so allowed by default.
   */
  fc3PublishUnchanged: "allow" as "allow" | "refuse",
  /**
   * What FC 3.0 GetProvisionConfig answers without a qualifier, the only way the provider reads
   * (service_alicloud_fcv3_v2.go:491-526: the query carries no qualifier). The API reference documents the
   * qualifier as "the function alias or LATEST" and is silent on an omitted one (provider-monitoring.md,
   * "[unverified against the API]"). Default "last-put": the configuration last put on the function,
   * whatever its qualifier (one config per function reads back as itself, the library's assumption; two
   * on one function read back as whichever was put last). "latest": only the LATEST configuration, so a
   * config on an alias reads as not found (its create fails, :232-237). Set per rehearsal with `twin-options`.
   */
  fc3ProvisionUnqualifiedRead: "last-put" as "last-put" | "latest",
  /**
   * What the SLS API holds for an alert's sink block the configuration leaves out: the provider always sends an
   * empty object for `sinkCms`, `sinkAlerthub` and `sinkEventStore` (R:sls_alert.go:654-690) and reads a
   * block back only when the API's object is non-empty (:923-960). Whether the API fills one in is
   * "[inferred]" (provider-monitoring.md, "Possible perpetual diff"). Default "disabled": it answers
   * `{enabled: false}`, so an omitted sink block diffs on every plan (the library declares all three);
   * "empty": it answers `{}` and nothing diffs.
   */
  slsAlertOmittedSink: "disabled" as "disabled" | "empty",
};

/** The options `twin-options` may set on a rehearsal's cloud (read through `alicloudOption`). */
const SETTABLE_OPTIONS = ["fc3ProvisionUnqualifiedRead", "slsAlertOmittedSink"] as const;
type SettableOption = (typeof SETTABLE_OPTIONS)[number];

const alicloudOption = <K extends SettableOption>(cloud: CloudData, key: K) =>
  twinOption(cloud, ALICLOUD_TWIN_DEFAULTS, key);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

interface Fc3Function {
  code: string;
  description: string;
  nextVersion: number;
  versions: Record<string, { code: string; description: string }>;
  aliases: Record<string, { version: string; weights: Record<string, number>; description: string }>;
  /** Provision configs per qualifier (alias or LATEST), with the order they were put in. */
  provision?: Record<string, Fc3Provision>;
}

interface Fc3Provision {
  target: number;
  alwaysAllocateCPU?: boolean;
  alwaysAllocateGPU?: boolean;
  scheduledActions?: TfValue;
  targetTrackingPolicies?: TfValue;
  /** Order of the last PUT on the function (the cloud's counter `fc3Provision`). */
  seq: number;
}

interface Fc2Service {
  functions: Record<string, string>;
  nextVersion: number;
  versions: Record<string, { code: string }>;
  aliases: Record<string, { version: string; weights: Record<string, number> | null; description: string }>;
}

const fc3 = (cloud: CloudData): Record<string, Fc3Function> => (cloud.fc3 ??= {});
const fc2 = (cloud: CloudData): Record<string, Fc2Service> => (cloud.fc2 ??= {});

function hash(s: string | Buffer): string {
  return crypto.createHash("sha256").update(s).digest("hex").slice(0, 12);
}

/** Stored states of resources whose Read returns what was sent ("the cloud stores what it is sent"). */
function store(cloud: CloudData, kind: string, id: string, state: TfObject): TfObject {
  ((cloud.states ??= {})[kind] ??= {})[id] = clone(state);
  return state;
}
function stored(cloud: CloudData, kind: string, id: string): TfObject | null {
  const s = cloud.states?.[kind]?.[id];
  return s ? clone(s) : null;
}
function unstore(cloud: CloudData, kind: string, id: string): void {
  if (cloud.states?.[kind]) delete cloud.states[kind][id];
}

/** A resource the twin models only as stored state, with the provider's ForceNew inputs. */
function stored_(
  kind: string,
  forceNew: string[],
  idOf: (p: TfObject, ctx: ApplyContext) => string,
  defaults?: Record<string, TfValue>,
): ResourceModel {
  return {
    forceNew,
    defaults,
    create: (ctx) => {
      const out = clone(ctx.planned!);
      out.id = idOf(out, ctx);
      return store(ctx.cloud, kind, str(out.id), ctx.complete(out));
    },
    update: (ctx) => store(ctx.cloud, kind, str(ctx.prior!.id), ctx.complete(clone(ctx.planned!))),
    delete: (ctx) => unstore(ctx.cloud, kind, str(ctx.prior!.id)),
    read: (ctx) => stored(ctx.cloud, kind, str(ctx.state.id)),
  };
}

/** FC 3.0 code: `code.zip_file` is the base64 content (filebase64), else the OSS object (its name stands for it). */
function fc3Code(p: TfObject): string {
  const c = head(p.code);
  if (!c) return "empty";
  if (str(c.zip_file)) return "zip:" + hash(Buffer.from(str(c.zip_file), "base64"));
  return `oss:${str(c.oss_bucket_name)}/${str(c.oss_object_name)}${str(c.checksum) ? `#${str(c.checksum)}` : ""}`;
}

const fcv3Function: ResourceModel = {
  // R:fcv3_function.go:299 function_name and :328 idle_timeout are ForceNew
  forceNew: ["function_name", "idle_timeout"],
  create(ctx) {
    const p = ctx.planned!;
    const name = str(p.function_name);
    if (fc3(ctx.cloud)[name]) throw new ApiError("FunctionAlreadyExists", `function ${name} already exists`);
    fc3(ctx.cloud)[name] = {
      code: fc3Code(p),
      description: str(p.description),
      nextVersion: 1,
      versions: {},
      aliases: {},
    };
    const out = clone(p);
    out.id = name;
    return store(ctx.cloud, "fcv3_function", name, ctx.complete(out));
  },
  update(ctx) {
    const p = ctx.planned!;
    const fn = fc3(ctx.cloud)[str(ctx.prior!.function_name)];
    // R:fcv3_function.go:1793-1817: code is sent when `code` changed (it is never read back)
    if (fn && JSON.stringify(ctx.prior!.code) !== JSON.stringify(p.code)) fn.code = fc3Code(p);
    if (fn) fn.description = str(p.description);
    return store(ctx.cloud, "fcv3_function", str(ctx.prior!.id), ctx.complete(clone(p)));
  },
  delete(ctx) {
    const name = str(ctx.prior!.function_name);
    const fn = fc3(ctx.cloud)[name];
    if (fn && Object.keys(fn.versions).length)
      throw new ApiError(
        "FunctionNotEmpty (twin label)",
        `function ${name} still has versions ${Object.keys(fn.versions).join(", ")}`,
      );
    delete fc3(ctx.cloud)[name];
    unstore(ctx.cloud, "fcv3_function", str(ctx.prior!.id));
  },
  read: (ctx) =>
    fc3(ctx.cloud)[str(ctx.state.function_name)]
      ? stored(ctx.cloud, "fcv3_function", str(ctx.state.id))
      : null,
};

const fcv3FunctionVersion: ResourceModel = {
  // R:fcv3_function_version.go:32 description and :37 function_name are ForceNew
  forceNew: ["description", "function_name"],
  create(ctx) {
    const p = ctx.planned!;
    const name = str(p.function_name);
    const fn = fc3(ctx.cloud)[name];
    if (!fn) throw new ApiError("FunctionNotFound", `function ${name} does not exist`);
    const last = Object.keys(fn.versions)
      .map(Number)
      .sort((a, b) => b - a)[0];
    if (
      ALICLOUD_TWIN_DEFAULTS.fc3PublishUnchanged === "refuse" &&
      last !== undefined &&
      fn.versions[last].code === fn.code
    )
      throw new ApiError(
        "VersionNotChanged (twin label)",
        `function ${name} has not changed since version ${last}`,
      );
    // PublishFunctionVersion snapshots LATEST (provider-alicloud.md "Publishing only works from LATEST").
    const version = String(fn.nextVersion++);
    fn.versions[version] = { code: fn.code, description: str(p.description) };
    const out = clone(p);
    out.id = `${name}:${version}`; // R:fcv3_function_version.go:89
    out.version_id = version;
    return ctx.complete(readFc3Version(ctx.cloud, out) ?? out);
  },
  update: (ctx) => clone(ctx.planned!),
  delete(ctx) {
    const [name, version] = str(ctx.prior!.id).split(":");
    const fn = fc3(ctx.cloud)[name];
    if (fn) delete fn.versions[version];
  },
  read: (ctx) => readFc3Version(ctx.cloud, ctx.state),
};

function readFc3Version(cloud: CloudData, state: TfObject): TfObject | null {
  const [name, version] = str(state.id).split(":");
  const v = fc3(cloud)[name]?.versions[version];
  if (!v) return null; // R:fcv3_function_version.go:100-104
  const out = clone(state);
  // R:fcv3_function_version.go:111-113: description from the version's function snapshot
  // (S:fcv3_v2.go:166-203); a version published without one shows the function's [inferred].
  const d = v.description || fc3(cloud)[name].description;
  out.description = d === "" ? null : d;
  out.function_name = name;
  out.version_id = version;
  return out;
}

function checkWeights(
  kind: string,
  versions: Record<string, unknown>,
  primary: string,
  weights: Record<string, number> | null,
  alias: string,
): void {
  const exists = (v: string) => v === "LATEST" || versions[v] !== undefined;
  // The version must exist (provider-alicloud.md "Versions must exist": CreateAlias fails).
  if (!exists(primary))
    throw new ApiError(
      "VersionNotFound (twin label)",
      `${kind} alias ${alias}: version ${primary} does not exist`,
    );
  const extra = Object.entries(weights ?? {});
  // One additional version (FC CreateAlias documentation: additionalVersionWeight, provider-alicloud.md).
  if (extra.length > 1)
    throw new ApiError(
      "InvalidArgument",
      `${kind} alias ${alias}: at most one additional version, got ${extra.map(([v]) => v).join(", ")}`,
    );
  for (const [v, w] of extra) {
    if (!exists(v))
      throw new ApiError(
        "VersionNotFound (twin label)",
        `${kind} alias ${alias}: additional version ${v} does not exist`,
      );
    if (!(w >= 0 && w <= 1))
      throw new ApiError("InvalidArgument", `${kind} alias ${alias}: weight ${w} outside [0, 1]`);
  }
}

const fcv3Alias: ResourceModel = {
  // R:fcv3_alias.go:35 alias_name and :49 function_name are ForceNew
  forceNew: ["alias_name", "function_name"],
  create(ctx) {
    const p = ctx.planned!;
    const name = str(p.function_name);
    const fn = fc3(ctx.cloud)[name];
    if (!fn) throw new ApiError("FunctionNotFound", `function ${name} does not exist`);
    const weights = (p.additional_version_weight as Record<string, number> | null) ?? {};
    checkWeights("FC 3.0", fn.versions, str(p.version_id), weights, str(p.alias_name));
    // R:fcv3_alias.go:78-87: versionId and additionalVersionWeight sent as given
    fn.aliases[str(p.alias_name)] = {
      version: str(p.version_id),
      weights: { ...weights },
      description: str(p.description),
    };
    const out = clone(p);
    out.id = `${name}:${str(p.alias_name)}`; // :107
    return ctx.complete(readFc3Alias(ctx.cloud, out) ?? out);
  },
  update(ctx) {
    const p = ctx.planned!;
    const prior = ctx.prior!;
    const [name, aliasName] = str(prior.id).split(":");
    const fn = fc3(ctx.cloud)[name];
    const a = fn?.aliases[aliasName];
    if (!fn || !a) throw new ApiError("AliasNotFound", `alias ${aliasName} of ${name} does not exist`);
    const changed = (k: string) => JSON.stringify(prior[k] ?? null) !== JSON.stringify(p[k] ?? null);
    // R:fcv3_alias.go:167-180: each changed field is sent (HasChange)
    const next = {
      version: changed("version_id") ? str(p.version_id) : a.version,
      weights: changed("additional_version_weight")
        ? { ...((p.additional_version_weight as Record<string, number>) ?? {}) }
        : a.weights,
      description: changed("description") ? str(p.description) : a.description,
    };
    checkWeights("FC 3.0", fn.versions, next.version, next.weights, aliasName);
    fn.aliases[aliasName] = next;
    return ctx.complete(readFc3Alias(ctx.cloud, clone(p)) ?? clone(p));
  },
  delete(ctx) {
    const [name, aliasName] = str(ctx.prior!.id).split(":");
    if (fc3(ctx.cloud)[name]) delete fc3(ctx.cloud)[name].aliases[aliasName];
  },
  read: (ctx) => readFc3Alias(ctx.cloud, ctx.state),
};

function readFc3Alias(cloud: CloudData, state: TfObject): TfObject | null {
  const [name, aliasName] = str(state.id).split(":");
  const a = fc3(cloud)[name]?.aliases[aliasName];
  if (!a) return null;
  const out = clone(state);
  // R:fcv3_alias.go:126-146: additionalVersionWeight (when non-nil), description, versionId, aliasName
  out.additional_version_weight = { ...a.weights };
  out.description = a.description === "" ? null : a.description;
  out.version_id = a.version;
  out.alias_name = aliasName;
  out.function_name = name;
  return out;
}

/** FC 2.0 `filename` is read from the working directory (R:fc_function.go:449-450 loadFileContent). */
function fc2Code(p: TfObject): string {
  const file = str(p.filename);
  if (file) {
    try {
      return "zip:" + hash(fs.readFileSync(path.resolve(file)));
    } catch {
      throw new ApiError(
        "FileNotFound",
        `open ${file}: no such file or directory (relative paths resolve from the stack folder Terraform runs in)`,
        "R:fc_function.go:449-450",
      );
    }
  }
  return `oss:${str(p.oss_bucket)}/${str(p.oss_key)}${str(p.code_checksum) ? `#${str(p.code_checksum)}` : ""}`;
}

function fc2Snapshot(s: Fc2Service): string {
  return hash(JSON.stringify(Object.entries(s.functions).sort()));
}

/** PublishServiceVersion: refused when nothing changed since the last version (provider-alicloud.md, fc-php-sdk PR #4 note). */
function publishFc2(s: Fc2Service, name: string): string {
  const code = fc2Snapshot(s);
  const last = Object.keys(s.versions)
    .map(Number)
    .sort((a, b) => b - a)[0];
  if (last !== undefined && s.versions[last].code === code)
    throw new ApiError(
      "VersionNotChanged (twin label)",
      `service ${name}: nothing changed since version ${last}, PublishServiceVersion refused`,
    );
  const v = String(s.nextVersion++);
  s.versions[v] = { code };
  return v;
}

const fcService: ResourceModel = {
  // R:fc_service.go:30 name, :38 name_prefix are ForceNew; :54 internet_access Default true, :162 publish Default false
  forceNew: ["name", "name_prefix"],
  defaults: { internet_access: true, publish: false },
  create(ctx) {
    const p = ctx.planned!;
    const name = str(p.name);
    if (fc2(ctx.cloud)[name]) throw new ApiError("ServiceAlreadyExists", `service ${name} already exists`);
    const s: Fc2Service = { functions: {}, nextVersion: 1, versions: {}, aliases: {} };
    fc2(ctx.cloud)[name] = s;
    // R:fc_service.go:253-274: with publish = true, PublishServiceVersion right after CreateService
    if (p.publish === true) publishFc2(s, name);
    const out = clone(p);
    out.id = name;
    store(ctx.cloud, "fc_service", name, ctx.complete(out));
    return readFcService(ctx.cloud, out)!;
  },
  update(ctx) {
    const p = ctx.planned!;
    const name = str(ctx.prior!.name);
    const s = fc2(ctx.cloud)[name];
    // R:fc_service.go:498-519: publish after every update of the service resource itself
    if (s && p.publish === true) publishFc2(s, name);
    store(ctx.cloud, "fc_service", name, ctx.complete(clone(p)));
    return readFcService(ctx.cloud, clone(p))!;
  },
  delete(ctx) {
    // Delete removes all published versions, then the service (provider-alicloud.md alicloud_fc_service)
    delete fc2(ctx.cloud)[str(ctx.prior!.name)];
    unstore(ctx.cloud, "fc_service", str(ctx.prior!.id));
  },
  read: (ctx) => readFcService(ctx.cloud, ctx.state),
};

function readFcService(cloud: CloudData, state: TfObject): TfObject | null {
  const s = fc2(cloud)[str(state.name)];
  const st = stored(cloud, "fc_service", str(state.id));
  if (!s || !st) return null;
  // R:fc_service.go:380-390: `version` is the latest published version (ListServiceVersions[0])
  const last = Object.keys(s.versions)
    .map(Number)
    .sort((a, b) => b - a)[0];
  st.version = last === undefined ? "" : String(last);
  return st;
}

const fcFunction: ResourceModel = {
  // R:fc_function.go:30 service, :35 name, :43 name_prefix are ForceNew; defaults :92 memory_size 128,
  // :102 timeout 3, :128 instance_concurrency 1, :137 instance_type e1
  forceNew: ["service", "name", "name_prefix"],
  defaults: { memory_size: 128, timeout: 3, instance_concurrency: 1, instance_type: "e1" },
  create(ctx) {
    const p = ctx.planned!;
    const s = fc2(ctx.cloud)[str(p.service)];
    if (!s) throw new ApiError("ServiceNotFound", `service ${str(p.service)} does not exist`);
    s.functions[str(p.name)] = fc2Code(p);
    const out = clone(p);
    out.id = `${str(p.service)}:${str(p.name)}`;
    return store(ctx.cloud, "fc_function", str(out.id), ctx.complete(out));
  },
  update(ctx) {
    const p = ctx.planned!;
    const prior = ctx.prior!;
    const s = fc2(ctx.cloud)[str(prior.service)];
    // R:fc_function.go:326: code is sent when filename, oss_bucket, oss_key or code_checksum changed
    if (
      s &&
      ["filename", "oss_bucket", "oss_key", "code_checksum"].some(
        (k) => JSON.stringify(prior[k]) !== JSON.stringify(p[k]),
      )
    )
      s.functions[str(prior.name)] = fc2Code(p);
    return store(ctx.cloud, "fc_function", str(prior.id), ctx.complete(clone(p)));
  },
  delete(ctx) {
    const s = fc2(ctx.cloud)[str(ctx.prior!.service)];
    if (s) delete s.functions[str(ctx.prior!.name)];
    unstore(ctx.cloud, "fc_function", str(ctx.prior!.id));
  },
  read: (ctx) =>
    fc2(ctx.cloud)[str(ctx.state.service)]?.functions[str(ctx.state.name)] !== undefined
      ? stored(ctx.cloud, "fc_function", str(ctx.state.id))
      : null,
};

function fc2Weights(p: TfObject): Record<string, number> | null {
  const rc = head(p.routing_config);
  if (!rc) return null;
  return { ...((rc.additional_version_weights as Record<string, number> | null) ?? {}) };
}

const fcAlias: ResourceModel = {
  // R:fc_alias.go:27 service_name and :32 alias_name are ForceNew
  forceNew: ["service_name", "alias_name"],
  create(ctx) {
    const p = ctx.planned!;
    const s = fc2(ctx.cloud)[str(p.service_name)];
    if (!s) throw new ApiError("ServiceNotFound", `service ${str(p.service_name)} does not exist`);
    const weights = fc2Weights(p);
    checkWeights("FC 2.0", s.versions, str(p.service_version), weights, str(p.alias_name));
    s.aliases[str(p.alias_name)] = {
      version: str(p.service_version),
      weights,
      description: str(p.description),
    };
    const out = clone(p);
    out.id = `${str(p.service_name)}:${str(p.alias_name)}`;
    return ctx.complete(readFcAlias(ctx.cloud, out) ?? out);
  },
  update(ctx) {
    const p = ctx.planned!;
    const prior = ctx.prior!;
    const [service, aliasName] = str(prior.id).split(":");
    const s = fc2(ctx.cloud)[service];
    const a = s?.aliases[aliasName];
    if (!s || !a) throw new ApiError("AliasNotFound", `alias ${aliasName} of ${service} does not exist`);
    const changed = (k: string) => JSON.stringify(prior[k] ?? null) !== JSON.stringify(p[k] ?? null);
    const next = { ...a };
    // R:fc_alias.go:156-164: service_version and description sent when changed
    if (changed("service_version")) next.version = str(p.service_version);
    if (changed("description")) next.description = str(p.description);
    // R:fc_alias.go:166-172: routing_config sent only when present (GetOk); a removed block sends no weights,
    // which the API treats as "unchanged" (fc-go-sdk AliasUpdateObject without omitempty → null): the canary stays.
    if (changed("routing_config")) {
      const w = fc2Weights(p);
      if (w !== null && (Object.keys(w).length > 0 || head(p.routing_config))) next.weights = w;
    }
    checkWeights("FC 2.0", s.versions, next.version, next.weights, aliasName);
    s.aliases[aliasName] = next;
    return ctx.complete(readFcAlias(ctx.cloud, clone(p)) ?? clone(p));
  },
  delete(ctx) {
    const [service, aliasName] = str(ctx.prior!.id).split(":");
    if (fc2(ctx.cloud)[service]) delete fc2(ctx.cloud)[service].aliases[aliasName];
  },
  read: (ctx) => readFcAlias(ctx.cloud, ctx.state),
};

function readFcAlias(cloud: CloudData, state: TfObject): TfObject | null {
  const [service, aliasName] = str(state.id).split(":");
  const a = fc2(cloud)[service]?.aliases[aliasName];
  if (!a) return null;
  const out = clone(state);
  out.service_name = service;
  out.alias_name = aliasName;
  out.service_version = a.version;
  out.description = a.description === "" ? null : a.description;
  // R:fc_alias.go:235-244 flattenFCAliasRoutingConfig: nil → no block, else one block with the weights
  out.routing_config = a.weights === null ? [] : [{ additional_version_weights: { ...a.weights } }];
  return out;
}

/** CreateApiGroup GroupName: 4-50 of letters, digits, Chinese, `_`, starting with a letter or Chinese (api-name-rules.md:56,90). */
const GROUP_NAME = /^[A-Za-z\u4E00-\u9FA5][A-Za-z0-9_\u4E00-\u9FA5]{3,49}$/;

const apiGatewayGroup: ResourceModel = {
  // R:api_gateway_group.go:44 instance_id is ForceNew; the provider has no validator on name (:24-27)
  forceNew: ["instance_id"],
  create(ctx) {
    const p = ctx.planned!;
    if (!GROUP_NAME.test(str(p.name)))
      throw new ApiError(
        "InvalidParameter.GroupName (twin label)",
        `group name ${JSON.stringify(str(p.name))} refused: 4-50 letters, digits, Chinese characters or "_", starting with a letter or Chinese character`,
        "CloudAPI 2016-07-14 CreateApiGroup GroupName (api-name-rules.md:56)",
      );
    const id = hash(`group:${ctx.nextId("group")}`).slice(0, 12);
    const out = clone(p);
    out.id = id;
    out.sub_domain = `${id}-cn-hangzhou.alicloudapi.com`;
    out.vpc_domain = "";
    return store(ctx.cloud, "group", id, ctx.complete(out));
  },
  update: (ctx) => store(ctx.cloud, "group", str(ctx.prior!.id), ctx.complete(clone(ctx.planned!))),
  delete: (ctx) => unstore(ctx.cloud, "group", str(ctx.prior!.id)),
  read: (ctx) => stored(ctx.cloud, "group", str(ctx.state.id)),
};

/** The backend model JSON as DescribeBackendModel returns it and S:api_gateway.go:853-864 keeps it. */
function readModelData(sent: string): string {
  let data: Any;
  try {
    data = JSON.parse(sent);
  } catch {
    return sent;
  }
  const fc = data.FunctionComputeConfig;
  if (fc && typeof fc === "object") {
    // The API echoes keys the request left out (ALICLOUD_TWIN_DEFAULTS.backendModelEcho) ...
    const echoed = { ...ALICLOUD_TWIN_DEFAULTS.backendModelEcho, ...fc };
    // ... and Read keeps every key of its list whose value is not "" (S:api_gateway.go:853-864).
    const kept: Record<string, unknown> = {};
    for (const key of BACKEND_MODEL_READ_KEYS)
      if (key in echoed && echoed[key] !== "") kept[key] = echoed[key];
    data.FunctionComputeConfig = kept;
  }
  // Go's json.Marshal sorts map keys.
  const sort = (v: Any): Any =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort(v[k])]),
          )
        : v;
  return JSON.stringify(sort(data));
}

function jsonEqual(a: string, b: string): boolean {
  try {
    return JSON.stringify(sortDeep(JSON.parse(a))) === JSON.stringify(sortDeep(JSON.parse(b)));
  } catch {
    return false;
  }
}
function sortDeep(v: Any): Any {
  return Array.isArray(v)
    ? v.map(sortDeep)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortDeep(v[k])]),
        )
      : v;
}

const apiGatewayBackendModel: ResourceModel = {
  // R:api_gateway_backend_model.go:31 backend_id, :36 backend_type, :42 stage_name are ForceNew
  forceNew: ["backend_id", "backend_type", "stage_name"],
  plan(ctx: PlanContext) {
    // R:api_gateway_backend_model.go:54-66 DiffSuppressFunc: equal JSON (reflect.DeepEqual of the maps) is no diff
    const prior = ctx.prior;
    const want = ctx.planned.backend_model_data;
    if (
      prior &&
      typeof want === "string" &&
      typeof prior.backend_model_data === "string" &&
      jsonEqual(prior.backend_model_data, want)
    )
      ctx.planned.backend_model_data = prior.backend_model_data;
  },
  create(ctx) {
    const p = ctx.planned!;
    const id = `${str(p.backend_id)}:${str(p.stage_name)}`;
    const out = clone(p);
    out.id = id;
    out.backend_model_id = hash(`model:${ctx.nextId("model")}`);
    store(ctx.cloud, "backend_model", id, ctx.complete(out));
    return readBackendModel(ctx.cloud, out)!;
  },
  update(ctx) {
    store(ctx.cloud, "backend_model", str(ctx.prior!.id), ctx.complete(clone(ctx.planned!)));
    return readBackendModel(ctx.cloud, ctx.prior!)!;
  },
  delete: (ctx) => unstore(ctx.cloud, "backend_model", str(ctx.prior!.id)),
  read: (ctx) => readBackendModel(ctx.cloud, ctx.state),
};

function readBackendModel(cloud: CloudData, state: TfObject): TfObject | null {
  const s = stored(cloud, "backend_model", str(state.id));
  if (!s) return null;
  // R:api_gateway_backend_model.go:131-136: backend_model_data from DescribeApiGatewayBackendModel
  s.backend_model_data = readModelData(str(s.backend_model_data));
  return s;
}

/** The twin's account id in ARNs (any 16 digits; no API returns it here). */
const ACCOUNT = "1234567890123456";

/**
 * FC 3.0 provision configs (line numbers below without a file are R:fcv3_provision_config.go).
 * PUT /2023-03-30/functions/{name}/provision-config?qualifier=…: the fields in `body`, merged into what the qualifier holds.
 */
function putProvision(cloud: CloudData, name: string, qualifier: string, body: Partial<Fc3Provision>): void {
  const fn = fc3(cloud)[name];
  if (!fn) throw new ApiError("FunctionNotFound", `function ${name} does not exist`);
  // The API takes "the function alias or LATEST" (PutProvisionConfig reference; provider docs), which the
  // provider does not validate (:54-57). An omitted qualifier is LATEST [inferred].
  if (qualifier !== "LATEST" && !fn.aliases[qualifier])
    throw new ApiError(
      "InvalidArgument (twin label)",
      `PutProvisionConfig: qualifier ${JSON.stringify(qualifier)} of function ${name} is neither an alias of it nor LATEST`,
      "FC 3.0 PutProvisionConfig reference (provider-monitoring.md, Qualifiers for provisioned capacity)",
    );
  const held = (fn.provision ??= {});
  // Update sends only the changed fields (:309-404); the API keeps the others [inferred].
  held[qualifier] = { ...(held[qualifier] ?? { target: 0 }), ...body, seq: nextIdIn(cloud, "fc3Provision") };
}

/** GET …/provision-config without a qualifier (service_alicloud_fcv3_v2.go:491-526), per ALICLOUD_TWIN_DEFAULTS. */
function getProvision(cloud: CloudData, name: string): Fc3Provision | undefined {
  const held = fc3(cloud)[name]?.provision ?? {};
  if (alicloudOption(cloud, "fc3ProvisionUnqualifiedRead") === "latest") return held.LATEST;
  return Object.values(held).sort((a, b) => b.seq - a.seq)[0];
  // The provider's "not found" test is `response["target"] == "0"` (:520-523), a string against the JSON
  // number: it never matches, so a config with target 0 still reads as found [inferred from Go's ==].
}

function provisionBody(p: TfObject, changed: (k: string) => boolean, create: boolean): Partial<Fc3Provision> {
  const body: Partial<Fc3Provision> = {};
  const list = (v: TfValue) => (Array.isArray(v) && v.length ? clone(v) : undefined);
  // Create: the lists when non-empty (GetOk, :159-191), target and always_allocate_* when set (GetOkExists, :193-201).
  // Update: each changed field, the lists whole (an empty list when removed) (:328-381).
  if (create ? list(p.target_tracking_policies) : changed("target_tracking_policies"))
    body.targetTrackingPolicies = list(p.target_tracking_policies) ?? [];
  if (create ? list(p.scheduled_actions) : changed("scheduled_actions"))
    body.scheduledActions = list(p.scheduled_actions) ?? [];
  if (create ? p.target !== null : changed("target")) body.target = Number(p.target ?? 0);
  if (create ? p.always_allocate_cpu !== null : changed("always_allocate_cpu"))
    body.alwaysAllocateCPU = p.always_allocate_cpu === true;
  if (create ? p.always_allocate_gpu !== null : changed("always_allocate_gpu"))
    body.alwaysAllocateGPU = p.always_allocate_gpu === true;
  return body;
}

function readProvision(cloud: CloudData, state: TfObject): TfObject | null {
  const name = str(state.id);
  const held = getProvision(cloud, name);
  if (!held) return null; // :231-236 not found → SetId("")
  const out = clone(state);
  // :240-302: each field the API returns; `qualifier` is never set from the API (it stays as in state).
  if (held.alwaysAllocateCPU !== undefined) out.always_allocate_cpu = held.alwaysAllocateCPU;
  if (held.alwaysAllocateGPU !== undefined) out.always_allocate_gpu = held.alwaysAllocateGPU;
  out.current = held.target; // instances running: the twin provisions at once
  out.current_error = "";
  out.function_arn = `acs:fc:cn-hangzhou:${ACCOUNT}:functions/${name}`;
  out.target = held.target;
  if (held.scheduledActions !== undefined) out.scheduled_actions = clone(held.scheduledActions);
  if (held.targetTrackingPolicies !== undefined)
    out.target_tracking_policies = clone(held.targetTrackingPolicies);
  out.function_name = name; // :304 function_name from the ID
  return out;
}

const fcv3ProvisionConfig: ResourceModel = {
  // :49-53 function_name is the only ForceNew input; qualifier is Optional and not ForceNew (:54-57).
  forceNew: ["function_name"],
  create(ctx) {
    const p = ctx.planned!;
    const name = str(p.function_name);
    // :155-157 qualifier in the query only when set (GetOk)
    putProvision(
      ctx.cloud,
      name,
      str(p.qualifier) || "LATEST",
      provisionBody(p, () => true, true),
    );
    const out = clone(p);
    out.id = name; // :221 the ID is the function name alone
    // :223 then Read; a new resource that reads as not found is an error (:232-237)
    const read = readProvision(ctx.cloud, out);
    if (!read)
      throw new ApiError(
        "ProvisionConfigNotFound (twin label)",
        `GetProvisionConfig ${name} (no qualifier) finds nothing after PutProvisionConfig on ${str(p.qualifier) || "LATEST"} (ALICLOUD_TWIN_DEFAULTS.fc3ProvisionUnqualifiedRead = "latest")`,
        "service_alicloud_fcv3_v2.go:491-526",
      );
    return ctx.complete(read);
  },
  update(ctx) {
    const p = ctx.planned!;
    const prior = ctx.prior!;
    const changed = (k: string) => JSON.stringify(prior[k] ?? null) !== JSON.stringify(p[k] ?? null);
    const body = provisionBody(p, changed, false);
    // :384-401: the PUT goes out only when a field other than qualifier changed, to the planned qualifier
    // (:324-326). A qualifier change alone calls nothing: the cloud keeps the config on the old qualifier.
    if (Object.keys(body).length) putProvision(ctx.cloud, str(prior.id), str(p.qualifier) || "LATEST", body);
    return ctx.complete(readProvision(ctx.cloud, clone(p)) ?? clone(p));
  },
  delete(ctx) {
    // :406-445 DELETE ?qualifier=<qualifier in state>; not found counts as success.
    const held = fc3(ctx.cloud)[str(ctx.prior!.id)]?.provision;
    if (held) delete held[str(ctx.prior!.qualifier) || "LATEST"];
  },
  read: (ctx) => readProvision(ctx.cloud, ctx.state),
};

/** CloudMonitor alarm rules (R:cms_alarm.go), the cloud storing what Update's PutResourceMetricRule sends. */
const cmsAlarm: ResourceModel = {
  // R:cms_alarm.go:36-45 project and metric are ForceNew
  forceNew: ["project", "metric"],
  // :61-86 effective_interval "00:00-23:59", period 300, silence_time 86400, enabled true
  defaults: { effective_interval: "00:00-23:59", period: 300, silence_time: 86400, enabled: true },
  plan(ctx: PlanContext) {
    // :51-60 metric_dimensions: a DiffSuppressFunc compares the JSON, not the text
    const prior = ctx.prior?.metric_dimensions;
    const want = ctx.planned.metric_dimensions;
    if (typeof prior === "string" && typeof want === "string" && jsonEqual(prior, want))
      ctx.planned.metric_dimensions = prior;
  },
  create(ctx) {
    const out = clone(ctx.planned!);
    // :370-373 resource.UniqueId(), then Update
    out.id = `terraform-${String(ctx.nextId("cms_alarm")).padStart(26, "0")}`;
    return readCmsAlarm(store(ctx.cloud, "cms_alarm", str(out.id), ctx.complete(out)));
  },
  update: (ctx) =>
    readCmsAlarm(store(ctx.cloud, "cms_alarm", str(ctx.prior!.id), ctx.complete(clone(ctx.planned!)))),
  delete: (ctx) => unstore(ctx.cloud, "cms_alarm", str(ctx.prior!.id)),
  read(ctx) {
    const s = stored(ctx.cloud, "cms_alarm", str(ctx.state.id));
    return s ? readCmsAlarm(s) : null;
  },
};

function readCmsAlarm(state: TfObject): TfObject {
  const out = clone(state);
  // :614 the API joins contact_groups with commas; :391 Read splits ContactGroups on ",": a name holding a
  // comma comes back as two groups.
  const groups = (out.contact_groups as TfValue[] | null) ?? [];
  out.contact_groups = groups
    .map((g) => str(g))
    .join(",")
    .split(",");
  return out;
}

const slsAlert: ResourceModel = {
  // R:sls_alert.go:31-35 alert_name and :387-391 project_name are ForceNew
  forceNew: ["alert_name", "project_name"],
  create(ctx) {
    const out = clone(ctx.planned!);
    // :748 the ID is `<project>:<alert_name>`
    out.id = `${str(out.project_name)}:${str(out.alert_name)}`;
    // :1338-1405 EnableAlert/DisableAlert: the API holds the state in upper case.
    out.status = str(out.status).toUpperCase() || "ENABLED";
    slsSinks(ctx.cloud, out);
    return readSlsAlert(store(ctx.cloud, "sls_alert", str(out.id), ctx.complete(out)));
  },
  update(ctx) {
    const out = clone(ctx.planned!);
    out.status = str(out.status).toUpperCase() || "ENABLED";
    slsSinks(ctx.cloud, out);
    return readSlsAlert(store(ctx.cloud, "sls_alert", str(ctx.prior!.id), ctx.complete(out)));
  },
  delete: (ctx) => unstore(ctx.cloud, "sls_alert", str(ctx.prior!.id)),
  read(ctx) {
    const s = stored(ctx.cloud, "sls_alert", str(ctx.state.id));
    return s ? readSlsAlert(s) : null;
  },
};

/** The sink blocks as the API holds them after CreateAlert / UpdateAlert (ALICLOUD_TWIN_DEFAULTS.slsAlertOmittedSink). */
function slsSinks(cloud: CloudData, state: TfObject): TfObject {
  const conf = head(state.configuration);
  if (!conf || alicloudOption(cloud, "slsAlertOmittedSink") !== "disabled") return state;
  const disabled: Record<string, TfObject> = {
    sink_cms: { enabled: false },
    sink_alerthub: { enabled: false },
    sink_event_store: { enabled: false, endpoint: null, project: null, event_store: null, role_arn: null },
  };
  for (const [block, value] of Object.entries(disabled)) {
    const v = conf[block];
    if (!Array.isArray(v) || v.length === 0) conf[block] = [value];
  }
  return state;
}

function readSlsAlert(state: TfObject): TfObject {
  // :770 status from GetAlert as the API spells it; the validator is case-insensitive (:426-430) but the
  // value is compared exactly (:1347): a lower-case status in the configuration diffs on every plan.
  return clone(state);
}

const ramRole: ResourceModel = {
  forceNew: ["role_name", "name"],
  create(ctx) {
    const out = clone(ctx.planned!);
    const name = str(out.role_name) || str(out.name);
    out.role_name = name;
    out.name = name;
    out.id = name;
    out.arn = `acs:ram::${ACCOUNT}:role/${name.toLowerCase()}`;
    out.role_id = hash(`role:${name}`);
    return store(ctx.cloud, "ram_role", name, ctx.complete(out));
  },
  update: (ctx) => store(ctx.cloud, "ram_role", str(ctx.prior!.id), ctx.complete(clone(ctx.planned!))),
  delete: (ctx) => unstore(ctx.cloud, "ram_role", str(ctx.prior!.id)),
  read: (ctx) => stored(ctx.cloud, "ram_role", str(ctx.state.id)),
};

export const ALICLOUD_TWIN: TwinProvider = {
  models: {
    alicloud_fcv3_function: fcv3Function,
    alicloud_fcv3_function_version: fcv3FunctionVersion,
    alicloud_fcv3_alias: fcv3Alias,
    alicloud_fc_service: fcService,
    alicloud_fc_function: fcFunction,
    alicloud_fc_alias: fcAlias,
    alicloud_api_gateway_group: apiGatewayGroup,
    alicloud_api_gateway_backend_model: apiGatewayBackendModel,
    // R:api_gateway_api.go:30 group_id is ForceNew
    alicloud_api_gateway_api: stored_("api", ["group_id"], (_p, ctx) => hash(`api:${ctx.nextId("api")}`)),
    // R:api_gateway_backend.go:29 backend_type is ForceNew
    alicloud_api_gateway_backend: stored_("backend", ["backend_type"], (_p, ctx) =>
      hash(`backend:${ctx.nextId("backend")}`),
    ),
    // R:api_gateway_plugin.go:49 plugin_type is ForceNew
    alicloud_api_gateway_plugin: stored_("plugin", ["plugin_type"], (_p, ctx) =>
      hash(`plugin:${ctx.nextId("plugin")}`),
    ),
    // R:api_gateway_plugin_attachment.go:24-42: plugin_id, group_id, api_id, stage_name are ForceNew
    alicloud_api_gateway_plugin_attachment: stored_(
      "plugin_attachment",
      ["plugin_id", "group_id", "api_id", "stage_name"],
      (p) => [p.group_id, p.api_id, p.stage_name, p.plugin_id].map((v) => str(v as TfValue)).join(":"),
    ),
    // R:ram_role.go:63 role_name, :71 name are ForceNew
    alicloud_ram_role: ramRole,
    alicloud_fcv3_provision_config: fcv3ProvisionConfig,
    alicloud_cms_alarm: cmsAlarm,
    alicloud_sls_alert: slsAlert,
    // R:ram_policy.go:50 policy_name, :83 name are ForceNew
    alicloud_ram_policy: stored_(
      "ram_policy",
      ["policy_name", "name"],
      (p) => str(p.policy_name) || str(p.name),
    ),
    alicloud_ram_role_policy_attachment: stored_(
      "ram_attachment",
      ["policy_name", "policy_type", "role_name"],
      (p) => ["role", p.policy_name, p.policy_type, p.role_name].map((v) => str(v as TfValue)).join(":"),
    ),
  } as ResourceModels,
  actions: {
    /** Sets options of ALICLOUD_TWIN_DEFAULTS for this rehearsal's cloud (SETTABLE_OPTIONS; "" resets one). */
    "twin-options": twinOptionsAction("alicloud", SETTABLE_OPTIONS),
    /**
     * PublishServiceVersion from outside Terraform (console, Serverless Devs): FC 2.0 has no version
     * resource (provider-alicloud.md "FC 2.0"). `version`, when given, is the id the user expects.
     */
    "fc2-publish": (cloud, args) => {
      const s = fc2(cloud)[args.service];
      if (!s) throw new ApiError("ServiceNotFound", `service ${args.service} does not exist`);
      const v = publishFc2(s, args.service);
      if (args.version && args.version !== v)
        throw new ApiError(
          "VersionMismatch (rehearsal)",
          `service ${args.service} published version ${v}, the step expects ${args.version}`,
        );
      return `published version ${v} of FC 2.0 service ${args.service} (code ${s.versions[v].code})`;
    },
  },
  view: {
    aliases(cloud) {
      const out: TwinAlias[] = [];
      for (const [fn, f] of Object.entries(fc3(cloud)))
        for (const [alias, a] of Object.entries(f.aliases))
          out.push({ function: fn, alias, version: a.version, weights: nonZero(a.weights), matches: [] });
      for (const [svc, s] of Object.entries(fc2(cloud)))
        for (const [alias, a] of Object.entries(s.aliases))
          out.push({
            function: svc,
            alias,
            version: a.version,
            weights: nonZero(a.weights ?? {}),
            matches: [],
          });
      return out;
    },
    versions(cloud) {
      const out: TwinVersion[] = [];
      for (const [fn, f] of Object.entries(fc3(cloud)))
        for (const [v, x] of Object.entries(f.versions)) out.push({ function: fn, version: v, code: x.code });
      for (const [svc, s] of Object.entries(fc2(cloud)))
        for (const [v, x] of Object.entries(s.versions))
          out.push({ function: svc, version: v, code: x.code });
      return out;
    },
    stages(cloud) {
      const out: TwinStage[] = [];
      const groups = cloud.states?.group ?? {};
      const models = cloud.states?.backend_model ?? {};
      for (const api of Object.values<Any>(cloud.states?.api ?? {})) {
        const group = str(groups[str(api.group_id)]?.name) || str(api.group_id);
        for (const stage of (api.stage_names as string[] | null) ?? []) {
          const model = api.backend_enabled ? models[`${str(api.backend_id)}:${stage}`] : undefined;
          let fn = "";
          let qualifier = "";
          if (model) {
            try {
              const fc = JSON.parse(readModelData(str(model.backend_model_data))).FunctionComputeConfig ?? {};
              fn = [fc.ServiceName, fc.FunctionName].filter(Boolean).join("/");
              qualifier = str(fc.Qualifier);
            } catch {
              /* unreadable model: left empty */
            }
          } else {
            const fc = head(api.fc_service_config);
            fn = [str(fc?.service_name), str(fc?.function_name)].filter(Boolean).join("/");
            qualifier = str(fc?.qualifier);
          }
          out.push({ gateway: group, stage, function: fn, qualifier });
        }
      }
      return out;
    },
    declaredAlias(type, v) {
      if (type === "alicloud_fcv3_alias")
        return {
          function: str(v.function_name),
          alias: str(v.alias_name),
          version: str(v.version_id),
          weights: nonZero((v.additional_version_weight as Record<string, number> | null) ?? {}),
          matches: [],
        };
      if (type === "alicloud_fc_alias")
        return {
          function: str(v.service_name),
          alias: str(v.alias_name),
          version: str(v.service_version),
          weights: nonZero(fc2Weights(v) ?? {}),
          matches: [],
        };
      return undefined;
    },
    versionOf(type, v) {
      if (type === "alicloud_fcv3_function_version")
        return { function: str(v.function_name), version: str(v.version_id) };
      return undefined;
    },
  },
};

/**
 * A weight of 0 routes nothing: the routing comparison leaves it out. Weights are compared as
 * numbers: Terraform sends a number that float64 cannot hold exactly (0.3) as its decimal string on
 * the wire (docs/plugin-protocol/object-wire-format.md), and the twin keeps the wire form in state.
 */
function nonZero(w: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(w)
      .map(([k, x]) => [k, Number(x)] as const)
      .filter(([, x]) => x !== 0),
  );
}
