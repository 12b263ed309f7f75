/**
 * Reading Tencent resources back from Terraform JSON and plans, for `review`: SCF functions, versions
 * and aliases, and API Gateway services, SCF APIs (service_config_scf_function_qualifier) and service
 * releases (environment test/prepub/release → stage dev/prepub/release), and the alarm policies and
 * provisioned-concurrency configs ReleaseAlarms and ProvisionedCapacity write. Pure: no cdktf import.
 */
import { FunctionModel, STAGE_NAMES } from "../../routing";
import {
  aliasName,
  amountOf,
  describedLabel,
  FunctionReadback,
  GatewayReadback,
  keyOf,
  MonitoringReadback,
  ReadContext,
  referencedName,
  ReleaseRecord,
  StageRecord,
  stagesByCloudName,
  str,
  versionRecord,
  weightOf,
} from "../readback";
import { scfProfile, tencentGatewayProfile } from "./profile";
import {
  block,
  blockList,
  expressionText,
  isExpression,
  parseReference,
  ResourceIndex,
  TfResource,
} from "../terraform";

/** The Tencent resource types the library writes and reads back. */
export const TENCENT_TYPES = {
  scfFunction: "tencentcloud_scf_function",
  scfVersion: "tencentcloud_scf_function_version",
  scfAlias: "tencentcloud_scf_function_alias",
  tcService: "tencentcloud_api_gateway_service",
  tcApi: "tencentcloud_api_gateway_api",
  tcRelease: "tencentcloud_api_gateway_service_release",
} as const;
const T = TENCENT_TYPES;
const tencentProfileLatest = scfProfile.latestQualifier;

/** Every input of a Tencent service release is ForceNew. */
export const RELEASE_INPUTS = ["service_id", "environment_name", "release_desc", "release_version"];

/** Environment → stage: test → dev, prepub → prepub, release → release. */
const TENCENT_STAGES = stagesByCloudName(tencentGatewayProfile.cloudStageName, STAGE_NAMES);

export const scfReadback: FunctionReadback = {
  platform: "scf",
  versionTypes: [T.scfVersion],
  namespaced: true,
  versionResources: true,
  readFunctions({ idx, fns }) {
    for (const r of idx.ofType(T.scfFunction)) {
      fns.add({
        platform: "scf",
        name: idx.resolveString(r.body.name) ?? r.name,
        namespace: idx.resolveString(r.body.namespace) ?? "default",
        address: r.address,
        external: false,
        versions: [],
        aliases: [],
      });
    }
  },
  readVersions({ idx, fns }) {
    for (const r of idx.ofType(T.scfVersion)) {
      const fn = fns.forValue("scf", r.body.function_name, r.body.namespace);
      const rec = versionRecord(r, idx, ["function_name", "namespace", "description"], "function_version");
      // resource_tc_scf_function_version.go:150-152: Read stores "default" when the config has no namespace, so
      // an explicit "default" is the same input, not a replacement.
      fn?.versions.push({ ...rec, inputs: { ...rec.inputs, namespace: rec.inputs.namespace ?? "default" } });
    }
  },
  readAliases({ idx, fns }) {
    for (const r of idx.ofType(T.scfAlias)) {
      const fn = fns.forValue("scf", r.body.function_name, r.body.namespace);
      const routing = block(r.body.routing_config);
      fn?.aliases.push({
        name: aliasName(r.body.name, r.name, idx),
        address: r.address,
        description: idx.resolveString(r.body.description),
        primary: r.body.function_version,
        weights: blockList(routing?.additional_version_weights).map((w) => [
          w.version,
          weightOf(idx.resolve(w.weight)),
        ]),
        matches: blockList(routing?.additional_version_matches).map((m) => ({
          version: m.version,
          key: str(m.key) ?? "",
          method: str(m.method) ?? "",
          expression: str(m.expression) ?? "",
        })),
      });
    }
  },
  functionModel: (base, fn, aliases) =>
    ({ ...base, platform: "scf", namespace: fn.namespace, aliases: aliases as never }) as FunctionModel,
  functionId: (fn) => `scf:${fn.namespace ?? "default"}/${fn.name}`,
};

function readStages(ctx: ReadContext): { stages: StageRecord[]; releases: ReleaseRecord[] } {
  const { idx, fns, notes, stack } = ctx;
  const services = new Map<string, string>();
  for (const s of idx.ofType(T.tcService))
    services.set(s.address, idx.resolveString(s.body.service_name) ?? s.name);
  // SCF APIs and releases by service.
  const scfApisOf = new Map<string, TfResource[]>();
  const otherApisOf = new Map<string, TfResource[]>();
  for (const a of idx.ofType(T.tcApi)) {
    const service = keyOf(idx, a.body.service_id, T.tcService) ?? "";
    const type = idx.resolveString(a.body.service_config_type);
    const fnName = a.body.service_config_scf_function_name;
    if (type !== "SCF" && (fnName === undefined || fnName === null || fnName === "")) {
      otherApisOf.set(service, [...(otherApisOf.get(service) ?? []), a]);
      continue;
    }
    scfApisOf.set(service, [...(scfApisOf.get(service) ?? []), a]);
  }
  const releases = idx
    .ofType(T.tcRelease)
    .map((r) => ({ r, service: keyOf(idx, r.body.service_id, T.tcService) ?? "" }));
  const releasesOf = new Map<string, number>();
  for (const { service } of releases) releasesOf.set(service, (releasesOf.get(service) ?? 0) + 1);
  const stages: StageRecord[] = [];
  const out: ReleaseRecord[] = [];
  for (const { r: rel, service } of releases) {
    const env = idx.resolveString(rel.body.environment_name) ?? "";
    const serviceName = services.get(service);
    let gateway = serviceName ?? (isExpression(service) ? expressionText(service) : service);
    const stage = TENCENT_STAGES[env];
    if (releasesOf.get(service) === 1 && stage) {
      gateway = gateway.replace(new RegExp(`[-_](${stage}|${env})$`), "");
    }
    const inputs: Record<string, unknown> = {};
    for (const k of RELEASE_INPUTS) if (rel.body[k] !== undefined) inputs[k] = idx.resolve(rel.body[k]);
    out.push({ address: rel.address, stack, environment: env, gateway, inputs });
    if (!stage) {
      notes.push(
        `${rel.address}: environment ${JSON.stringify(env)} is not test, prepub or release; skipped`,
      );
      continue;
    }
    const scfApis = scfApisOf.get(service) ?? [];
    const otherApis = otherApisOf.get(service) ?? [];
    if (scfApis.length === 0 && otherApis.length > 0) {
      // HTTP, MOCK, TSF… backends: a release of a service without functions is fine, and not routed here.
      notes.push(
        `${rel.address}: publishes only APIs with other backends (${otherApis
          .map((a) => `${a.address} ${idx.resolveString(a.body.service_config_type) ?? "?"}`)
          .join(", ")}); no function routing to review`,
      );
      continue;
    }
    if (scfApis.length === 0) {
      stages.push({
        cloud: "tencent",
        gateway,
        ...(serviceName !== undefined && serviceName !== gateway ? { cloudName: serviceName } : {}),
        stage,
        cloudStage: env,
        routes: [],
        unparsedRoutes: [],
        address: rel.address,
        releaseAddress: rel.address,
        problem: `the service has no SCF API to publish`,
      });
      continue;
    }
    for (const r of scfApis) {
      const fn = fns.forValue(
        "scf",
        r.body.service_config_scf_function_name,
        r.body.service_config_scf_function_namespace,
      );
      const raw = r.body.service_config_scf_function_qualifier;
      // The qualifier is optional (resource_tc_api_gateway_api.go): without one the API calls $LATEST.
      const q = raw === undefined || raw === null || raw === "" ? tencentProfileLatest : raw;
      if (q !== raw) notes.push(`${r.address}: no service_config_scf_function_qualifier, so it calls ${q}`);
      stages.push({
        cloud: "tencent",
        gateway,
        ...(serviceName !== undefined && serviceName !== gateway ? { cloudName: serviceName } : {}),
        api: scfApis.length > 1 ? (idx.resolveString(r.body.api_name) ?? r.name) : undefined,
        stage,
        cloudStage: env,
        fn,
        qualifier: q,
        routes: [],
        unparsedRoutes: [],
        address: r.address,
        releaseAddress: rel.address,
        problem: !fn ? `${r.address} has no service_config_scf_function_name` : undefined,
      });
    }
  }
  return { stages, releases: out };
}

export const tencentGatewayReadback: GatewayReadback = {
  cloud: "tencent",
  releaseType: T.tcRelease,
  releaseInputs: RELEASE_INPUTS,
  read: (ctx) => ({ ...readStages(ctx), backendModels: [] }),
};

/**
 * Alarm and capacity resource types (src/clouds/tencentcloud/monitoring.ts, capacity.ts write them). Kept
 * apart from TENCENT_TYPES, which `cdktf-serverless-canary/review` exports as part of `T`.
 */
export const TENCENT_MONITORING_TYPES = {
  alarmPolicy: "tencentcloud_monitor_alarm_policy",
  provisionedConcurrency: "tencentcloud_scf_provisioned_concurrency_config",
} as const;

/** A version label: from the referenced version resource's description, or a literal version id matched to one. */
function scfVersionLabel(idx: ResourceIndex, value: unknown): string | undefined {
  const ref = parseReference(value);
  if (ref) return describedLabel(idx.get(ref.address)) ?? ref.name;
  if (typeof value !== "string" || value.includes("${")) return undefined;
  const version = idx.ofType(T.scfVersion).find((r) => String(r.body.function_version) === value);
  return describedLabel(version) ?? value;
}

export const scfMonitoringReadback: MonitoringReadback = {
  // The policy remark carries the marker (resource_tc_monitor_alarm_policy.go:130-134).
  alarmMarkerAttributes: { [TENCENT_MONITORING_TYPES.alarmPolicy]: "remark" },
  capacityTypes: [TENCENT_MONITORING_TYPES.provisionedConcurrency],
  readCapacity(r, idx) {
    const owner = referencedName(idx, r.body.function_name);
    // Per version: the qualifier references a version resource, or is a plan's literal version id. A plan's
    // new version id is unknown: fall back to the label in ProvisionedCapacity's resource name (`…_v2_ABCD1234`).
    const key =
      scfVersionLabel(idx, r.body.qualifier) ?? /_v([A-Za-z0-9._-]+)_[0-9A-F]{8}$/.exec(r.name)?.[1];
    if (owner === undefined || key === undefined) return undefined;
    return { owner, kind: "version", key, amount: amountOf(r.body.version_provisioned_concurrency_num) };
  },
};
