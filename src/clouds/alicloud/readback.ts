/**
 * Reading Alibaba resources back from Terraform JSON and plans, for `review`: FC 3.0 functions,
 * versions and aliases; FC 2.0 services, functions and aliases (versions are ids the service already
 * published); API Gateway groups, APIs, backends and backend models (stage RELEASE/PRE/TEST →
 * release/prepub/dev, JSON backend_model_data FunctionComputeConfig.Qualifier), and routing plugins
 * attached per stage; the CloudMonitor alarms, SLS alerts and FC 3.0 provision configs ReleaseAlarms and
 * ProvisionedCapacity write. Pure: no cdktf import.
 */
import { FunctionModel, GatewayCondition, GatewayOperator, Platform, STAGE_NAMES } from "../../routing";
import {
  aliasName,
  amountOf,
  BackendModelRecord,
  FunctionReadback,
  GatewayReadback,
  keyOf,
  mapWeights,
  MonitoringReadback,
  ReadContext,
  referencedName,
  StageRecord,
  stagesByCloudName,
  str,
  versionRecord,
} from "../readback";
import { alibabaGatewayProfile, fc3Profile } from "./profile";
import {
  block,
  blockList,
  expressionText,
  isExpression,
  isRecord,
  parseReference,
  TfResource,
} from "../terraform";

/** The Alibaba resource types the library writes and reads back. */
export const ALIBABA_TYPES = {
  fc3Function: "alicloud_fcv3_function",
  fc3Version: "alicloud_fcv3_function_version",
  fc3Alias: "alicloud_fcv3_alias",
  fc3Trigger: "alicloud_fcv3_trigger",
  fc2Service: "alicloud_fc_service",
  fc2Function: "alicloud_fc_function",
  fc2Alias: "alicloud_fc_alias",
  agGroup: "alicloud_api_gateway_group",
  agApi: "alicloud_api_gateway_api",
  agBackend: "alicloud_api_gateway_backend",
  agBackendModel: "alicloud_api_gateway_backend_model",
  agPlugin: "alicloud_api_gateway_plugin",
  agPluginAttachment: "alicloud_api_gateway_plugin_attachment",
} as const;
const T = ALIBABA_TYPES;
const FC_LATEST_QUALIFIER = fc3Profile.latestQualifier;

/**
 * The ForceNew inputs of an Alibaba backend model (resource_alicloud_api_gateway_backend_model.go:30-45),
 * and the backend's own ForceNew `backend_type` (resource_alicloud_api_gateway_backend.go:29-33), which
 * replaces the backend and so gives every model a new `backend_id`.
 */
export const BACKEND_MODEL_INPUTS = ["backend_id", "backend_type", "stage_name", "backend.backend_type"];

/** Stage name → stage: TEST → dev, PRE → prepub, RELEASE → release. */
const ALIBABA_STAGES = stagesByCloudName(alibabaGatewayProfile.cloudStageName, STAGE_NAMES);

export const fc3Readback: FunctionReadback = {
  platform: "fc3",
  versionTypes: [T.fc3Version],
  namespaced: false,
  versionResources: true,
  readFunctions({ idx, fns }) {
    for (const r of idx.ofType(T.fc3Function)) {
      fns.add({
        platform: "fc3",
        name: idx.resolveString(r.body.function_name) ?? r.name,
        address: r.address,
        external: false,
        versions: [],
        aliases: [],
      });
    }
  },
  readVersions({ idx, fns }) {
    for (const r of idx.ofType(T.fc3Version)) {
      const fn = fns.forValue("fc3", r.body.function_name);
      fn?.versions.push(versionRecord(r, idx, ["function_name", "description"], "version_id"));
    }
  },
  readAliases({ idx, fns }) {
    for (const r of idx.ofType(T.fc3Alias)) {
      const fn = fns.forValue("fc3", r.body.function_name);
      fn?.aliases.push({
        name: aliasName(r.body.alias_name, r.name, idx),
        address: r.address,
        description: idx.resolveString(r.body.description),
        primary: r.body.version_id,
        weights: mapWeights(r.body.additional_version_weight, idx),
        matches: [],
      });
    }
  },
  functionModel: (base, _fn, aliases) =>
    ({ ...base, platform: "fc3", aliases: aliases as never }) as FunctionModel,
  functionId: (fn) => `fc3:${fn.name}`,
};

export const fc2Readback: FunctionReadback = {
  platform: "fc2",
  versionTypes: [],
  namespaced: false,
  versionResources: false,
  readFunctions({ idx, fns }) {
    for (const r of idx.ofType(T.fc2Service)) {
      fns.add({
        platform: "fc2",
        name: idx.resolveString(r.body.name) ?? idx.resolveString(r.body.name_prefix) ?? r.name,
        address: r.address,
        external: false,
        versions: [],
        aliases: [],
      });
    }
  },
  readVersions() {},
  readAliases({ idx, fns }) {
    for (const r of idx.ofType(T.fc2Alias)) {
      const fn = fns.forValue("fc2", r.body.service_name);
      fn?.aliases.push({
        name: aliasName(r.body.alias_name, r.name, idx),
        address: r.address,
        description: idx.resolveString(r.body.description),
        primary: r.body.service_version,
        weights: mapWeights(block(r.body.routing_config)?.additional_version_weights, idx),
        matches: [],
      });
    }
  },
  // An FC 2.0 function's service: alias service_name may reference the function's `service`.
  ownerValue: (target) => (target.type === T.fc2Function ? { value: target.body.service } : undefined),
  functionModel: (base, fn, aliases) =>
    ({ ...base, platform: "fc2", serviceName: fn.name, aliases: aliases as never }) as FunctionModel,
  functionId: (fn) => `fc2:${fn.name}`,
};

const CONDITION_PARAM = /^\$([A-Za-z0-9_-]+)\s*(!=|>=|<=|=|>|<)\s*'([^']*)'$/;
const CONDITION_RANDOM = /^Random\(\)\s*<\s*([0-9]*\.?[0-9]+)$/;

/** An Alibaba routing-plugin condition (`$User = 'Bob' and Random() < 0.1`), or undefined if unreadable. */
export function parsePluginCondition(
  condition: string,
  parameterSource: (name: string) => "header" | "query" | undefined,
): GatewayCondition[] | undefined {
  const out: GatewayCondition[] = [];
  for (const part of condition.split(/\s+and\s+/i)) {
    const p = part.trim();
    const random = CONDITION_RANDOM.exec(p);
    if (random) {
      out.push({ random: Number(random[1]) });
      continue;
    }
    const m = CONDITION_PARAM.exec(p);
    const source = m ? parameterSource(m[1]) : undefined;
    if (!m || !source) return undefined;
    out.push({ source, name: m[1], operator: m[2] as GatewayOperator, value: m[3] });
  }
  return out.length > 0 ? out : undefined;
}

function parseJsonString(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function readStages(ctx: ReadContext): StageRecord[] {
  const { idx, fns, notes } = ctx;
  const groups = new Map<string, string>();
  for (const g of idx.ofType(T.agGroup)) groups.set(g.address, idx.resolveString(g.body.name) ?? g.name);
  const backends = new Map<string, TfResource>();
  for (const b of idx.ofType(T.agBackend)) backends.set(b.address, b);
  // Backend models by backend and stage; plugin attachments by API and stage.
  const modelOf = new Map<string, TfResource>();
  for (const m of idx.ofType(T.agBackendModel)) {
    const key = `${keyOf(idx, m.body.backend_id, T.agBackend)}\u0000${idx.resolveString(m.body.stage_name)}`;
    if (!modelOf.has(key)) modelOf.set(key, m);
  }
  const plugins = new Map<string, TfResource>();
  for (const p of idx.ofType(T.agPlugin)) plugins.set(p.address, p);
  const attachmentsOf = new Map<string, TfResource[]>();
  for (const att of idx.ofType(T.agPluginAttachment)) {
    const key = `${keyOf(idx, att.body.api_id, T.agApi, "api_id")}\u0000${idx.resolveString(att.body.stage_name)}`;
    attachmentsOf.set(key, [...(attachmentsOf.get(key) ?? []), att]);
  }
  const apis = idx
    .ofType(T.agApi)
    .filter((a) => a.body.service_type === "FunctionCompute" || a.body.backend_enabled === true);
  for (const a of idx.ofType(T.agApi)) {
    if (apis.includes(a)) continue;
    notes.push(
      `${a.address}: service_type ${JSON.stringify(idx.resolveString(a.body.service_type) ?? "?")} is not a function backend; no function routing to review`,
    );
  }
  const stages: StageRecord[] = [];

  const apisPerGroup = new Map<string, number>();
  for (const a of apis) {
    const g = keyOf(idx, a.body.group_id, T.agGroup) ?? "";
    apisPerGroup.set(g, (apisPerGroup.get(g) ?? 0) + 1);
  }

  for (const api of apis) {
    const groupKey = keyOf(idx, api.body.group_id, T.agGroup) ?? "";
    const gateway = groups.get(groupKey) ?? (isExpression(groupKey) ? expressionText(groupKey) : groupKey);
    const apiLabel =
      (apisPerGroup.get(groupKey) ?? 0) > 1 ? (idx.resolveString(api.body.name) ?? api.name) : undefined;
    const stageNames = Array.isArray(api.body.stage_names)
      ? api.body.stage_names.map((s) => idx.resolveString(s) ?? "")
      : [];
    if (stageNames.length === 0) notes.push(`${api.address}: deployed to no stage (no stage_names)`);
    const parameters = new Map<string, "header" | "query">();
    for (const p of blockList(api.body.request_parameters)) {
      const name = str(p.name);
      if (name && (p.in === "HEAD" || p.in === "QUERY"))
        parameters.set(name, p.in === "HEAD" ? "header" : "query");
    }
    const backendKey =
      api.body.backend_enabled === true ? keyOf(idx, api.body.backend_id, T.agBackend) : undefined;
    const backend = backendKey ? backends.get(backendKey) : undefined;
    const inline = block(api.body.fc_service_config);

    for (const cloudStage of stageNames) {
      const stage = ALIBABA_STAGES[cloudStage];
      if (!stage) {
        notes.push(`${api.address}: custom stage ${JSON.stringify(cloudStage)} is not reviewed`);
        continue;
      }
      // A stage whose backend cannot be read: listed, with the problem, and bound to nothing.
      const unreadable = (problem: string) => ({
        cloud: "alibaba" as const,
        gateway,
        api: apiLabel,
        stage,
        cloudStage,
        routes: [],
        unparsedRoutes: [],
        address: api.address,
        problem,
      });
      let config: {
        version?: string;
        backendType?: string;
        fnName?: unknown;
        service?: unknown;
        q?: unknown;
        url?: unknown;
      };
      let address = api.address;
      let problem: string | undefined;
      if (backendKey !== undefined) {
        const model = modelOf.get(`${backendKey}\u0000${cloudStage}`);
        const backendLabel = backend
          ? (idx.resolveString(backend.body.backend_name) ?? backend.name)
          : backendKey;
        if (!model) {
          stages.push(
            unreadable(`no backend model for stage ${cloudStage} of backend ${expressionText(backendLabel)}`),
          );
          continue;
        }
        address = model.address;
        const data = parseJsonString(model.body.backend_model_data);
        const fc = data && isRecord(data.FunctionComputeConfig) ? data.FunctionComputeConfig : undefined;
        if (!fc) problem = `${model.address}: backend_model_data has no FunctionComputeConfig`;
        config = {
          version: str(fc?.FcVersion),
          backendType: str(model.body.backend_type) ?? str(backend?.body.backend_type),
          fnName: fc?.FunctionName,
          service: fc?.ServiceName,
          q: fc?.Qualifier,
          url: fc?.FcBaseUrl,
        };
      } else if (inline) {
        config = {
          version: str(inline.function_version),
          fnName: inline.function_name,
          service: inline.service_name,
          q: inline.qualifier,
          url: inline.function_base_url,
        };
      } else {
        stages.push(unreadable(`${api.address} has neither a backend nor an fc_service_config`));
        continue;
      }
      const platform: Platform =
        config.version === "3.0" || /_V3$/.test(config.backendType ?? "") ? "fc3" : "fc2";
      // HTTP-trigger backends name the trigger URL, not the function: follow it to the trigger.
      let fnName = config.fnName;
      let qualifier = config.q;
      const trigger = parseReference(config.url);
      const triggerRes = trigger ? idx.get(trigger.address) : undefined;
      if (fnName === undefined && triggerRes) {
        fnName = triggerRes.body.function_name;
        qualifier ??= triggerRes.body.qualifier;
      }
      const fn =
        platform === "fc3" ? fns.forValue("fc3", fnName) : fns.forValue("fc2", config.service ?? fnName);
      if (qualifier === undefined || qualifier === null || qualifier === "") {
        // Qualifier is optional in both providers and the FC API: without one the call reaches LATEST.
        qualifier = FC_LATEST_QUALIFIER;
        if (fn) notes.push(`${address}: no Qualifier for stage ${cloudStage}, so it calls ${qualifier}`);
      }
      problem ??= !fn ? `${address} names no function` : undefined;

      const routes: StageRecord["routes"] = [];
      const unparsedRoutes: string[] = [];
      for (const att of attachmentsOf.get(`${api.address}\u0000${cloudStage}`) ?? []) {
        const plugin = plugins.get(keyOf(idx, att.body.plugin_id, T.agPlugin) ?? "");
        if (!plugin || plugin.body.plugin_type !== "routing") continue;
        const data = parseJsonString(plugin.body.plugin_data);
        if (!data || !Array.isArray(data.routes)) {
          unparsedRoutes.push(`${plugin.address}: plugin_data is not JSON with "routes" (YAML is not read)`);
          continue;
        }
        data.routes.forEach((route: unknown, i) => {
          const r = isRecord(route) ? route : {};
          const name = str(r.name) ?? `route${i}`;
          const backendConfig = isRecord(r.backend) ? r.backend : {};
          const fcc = isRecord(backendConfig.functionComputeConfig)
            ? backendConfig.functionComputeConfig
            : isRecord(backendConfig.FunctionComputeConfig)
              ? backendConfig.FunctionComputeConfig
              : undefined;
          const conditions = parsePluginCondition(str(r.condition) ?? "", (n) => parameters.get(n));
          if (!conditions || !fcc || fcc.Qualifier === undefined) {
            unparsedRoutes.push(`${name}: ${str(r.condition) ?? "(no condition)"}`);
            return;
          }
          routes.push({ name, conditions, qualifier: fcc.Qualifier });
        });
      }
      stages.push({
        cloud: "alibaba",
        gateway,
        api: apiLabel,
        stage,
        cloudStage,
        fn,
        qualifier,
        routes,
        unparsedRoutes,
        address,
        problem,
      });
    }
  }
  return stages;
}

/** Alibaba backend models with their ForceNew inputs, named by the group of the API using the backend. */
function readBackendModels(ctx: ReadContext): BackendModelRecord[] {
  const { idx, stack } = ctx;
  const groupOfBackend = new Map<string, string>();
  for (const api of idx.ofType(T.agApi)) {
    const backend = keyOf(idx, api.body.backend_id, T.agBackend);
    const groupKey = keyOf(idx, api.body.group_id, T.agGroup);
    const group = groupKey ? idx.get(groupKey) : undefined;
    const name = group ? idx.resolveString(group.body.name) : undefined;
    if (backend && name && !groupOfBackend.has(backend)) groupOfBackend.set(backend, name);
  }
  return idx.ofType(T.agBackendModel).map((m) => {
    const backendKey = keyOf(idx, m.body.backend_id, T.agBackend) ?? "";
    const backend = idx.get(backendKey);
    const backendName =
      (backend ? idx.resolveString(backend.body.backend_name) : undefined) ??
      (isExpression(backendKey) ? expressionText(backendKey) : backendKey);
    const inputs: Record<string, unknown> = {};
    for (const k of BACKEND_MODEL_INPUTS.filter((k) => !k.includes(".")))
      if (m.body[k] !== undefined) inputs[k] = idx.resolve(m.body[k]);
    if (backend?.body.backend_type !== undefined)
      inputs["backend.backend_type"] = idx.resolve(backend.body.backend_type);
    return {
      address: m.address,
      stack,
      gateway: groupOfBackend.get(backendKey) ?? backendName,
      backend: backendName,
      stageName: idx.resolveString(m.body.stage_name) ?? "?",
      inputs,
    };
  });
}

export const alibabaGatewayReadback: GatewayReadback = {
  cloud: "alibaba",
  backendModelType: T.agBackendModel,
  backendModelInputs: BACKEND_MODEL_INPUTS,
  read: (ctx) => ({ stages: readStages(ctx), releases: [], backendModels: readBackendModels(ctx) }),
};

/**
 * Alarm and capacity resource types (src/clouds/alicloud/monitoring.ts, capacity.ts write them). Kept apart
 * from ALIBABA_TYPES, which `cdktf-serverless-canary/review` exports as part of `T`.
 */
export const ALIBABA_MONITORING_TYPES = {
  cmsAlarm: "alicloud_cms_alarm",
  slsAlert: "alicloud_sls_alert",
  logAlert: "alicloud_log_alert",
  fc3ProvisionConfig: "alicloud_fcv3_provision_config",
} as const;
const M = ALIBABA_MONITORING_TYPES;

/** Alibaba alarms and FC 3.0 capacity (per alias); FC 2.0 has no provision-config resource. */
export const alibabaMonitoringReadback: MonitoringReadback = {
  // Where ReleaseAlarms writes the marker: CloudMonitor alarm name, SLS alert description (and the older
  // alicloud_log_alert's alert_description).
  alarmMarkerAttributes: {
    [M.cmsAlarm]: "name",
    [M.slsAlert]: "description",
    [M.logAlert]: "alert_description",
  },
  capacityTypes: [M.fc3ProvisionConfig],
  readCapacity(r, idx) {
    const owner = referencedName(idx, r.body.function_name);
    // qualifier is Optional (resource_alicloud_fcv3_provision_config.go:54-57): one without it is keyed LATEST.
    const key = typeof r.body.qualifier === "string" ? r.body.qualifier : FC_LATEST_QUALIFIER;
    if (owner === undefined) return undefined;
    return { owner, kind: "alias", key, amount: amountOf(r.body.target) };
  },
};
