/**
 * A minimal fake cloud, for test/clouds/fake-cloud.test.ts: everything the library needs to know
 * about a provider, in one folder — what the target can express (profile), how to write its
 * resources (adapters) and how to read them back from Terraform JSON (read-backs). Its resources
 * are a made-up provider's (`fakecloud_*`), written with cdktf's generic TerraformResource.
 * Routing follows the FC 3.0 semantics of the routing core (weights only, `LATEST`).
 *
 * `fakeCloud` has no alarm or capacity parts (ReleaseAlarms and ProvisionedCapacity refuse it);
 * `fakeCloudWithMonitoring` adds them: what alarms and capacity need here (profile), how they are
 * written (mappings) and read back (monitoring read-back).
 */
import { Construct } from "constructs";
import { TerraformResource } from "cdktf";
import {
  FC_LATEST,
  FunctionModel,
  GatewayCloud,
  Platform,
  STAGE_NAMES,
  StageName,
} from "../../../src/routing";
import {
  alarmMarker,
  AlarmMapping,
  AlarmProfile,
  aliasName,
  CapacityMapping,
  CapacityProfile,
  CloudAdapter,
  CloudModule,
  CloudProfile,
  FunctionReadback,
  GatewayAdapter,
  GatewayProfile,
  GatewayReadback,
  mapWeights,
  MonitoringReadback,
  referencedName,
  StageRecord,
  stagesByCloudName,
  str,
  versionRecord,
} from "../../../src/clouds";

export const FAKE = "fakecloud" as Platform;
const FAKE_GATEWAY = "fakecloud" as GatewayCloud;

const STAGE_NAMES_OF_FAKE: Readonly<Record<StageName, string>> = {
  release: "live",
  prepub: "staging",
  dev: "sandbox",
};

/** A resource of the made-up provider: its attributes as given. */
class FakeResource extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    type: string,
    private readonly attributes: Record<string, unknown>,
  ) {
    super(scope, id, { terraformResourceType: type });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return this.attributes;
  }
}

export const fakeProfile: CloudProfile = {
  platform: FAKE,
  displayName: "Fake Cloud",
  gatewayCloud: FAKE_GATEWAY,
  aliasOwner: "function",
  aliasShape: "fc",
  latestQualifier: FC_LATEST,
  builtInQualifiers: [FC_LATEST],
  defaultDevQualifier: FC_LATEST,
  versionIdsAssignedByCloud: true,
  aliasRules: {
    kind: "none",
    refusal: (n) => `Fake Cloud aliases route by weight only; got ${n} rule(s); allowed: a weight`,
  },
  aliasDescriptionTracksIds: false,
  aliasOwnerName: (names) => names.functionName,
  functionModel: (base, _names, aliases) =>
    ({ ...base, platform: "fc3", aliases: aliases as never }) as FunctionModel,
};

export const fakeGatewayProfile: GatewayProfile = {
  cloud: FAKE_GATEWAY,
  customDomain: (stage) => `stage ${stage}: Fake Cloud has no custom domains`,
  defaultMethod: "GET",
  cloudStageName: (stage) => STAGE_NAMES_OF_FAKE[stage],
  options: {
    experimentalFcRoutingPlugin: "experimentalFcRoutingPlugin is an Alibaba option",
    allowDashInServiceName: "allowDashInServiceName is a Tencent option",
  },
};

export const fakeAdapter: CloudAdapter = {
  platform: FAKE,
  displayName: fakeProfile.displayName,
  checkFunctionName: (name) => (/^[a-z][a-z0-9-]{0,63}$/.test(name) ? undefined : "1-64 of a-z, 0-9, '-'"),
  ensureProvider: () => undefined,
  createFunction(scope, id, spec) {
    const fn = new FakeResource(scope, id, "fakecloud_function", {
      name: spec.functionName,
      runtime: spec.runtime,
      handler: spec.handler,
    });
    return { resource: fn, functionNameRef: fn.getStringAttribute("name") };
  },
  createVersion(scope, id, fn, spec) {
    const v = new FakeResource(scope, id, "fakecloud_function_version", {
      function_name: fn.functionNameRef,
      description: spec.description,
    });
    return { resource: v, versionId: v.getStringAttribute("version_id") };
  },
  createAlias(scope, id, fn, spec) {
    return new FakeResource(scope, id, "fakecloud_alias", {
      function_name: fn.functionNameRef,
      name: spec.name,
      version: spec.primaryVersionId,
      weights: Object.fromEntries(spec.weights.map((w) => [w.versionId, w.weight])),
      description: spec.description,
    });
  },
};

export const fakeGatewayAdapter: GatewayAdapter = {
  cloud: FAKE_GATEWAY,
  checkName: (name) =>
    /^[a-z][a-z0-9_]{0,49}$/.test(name)
      ? undefined
      : {
          what: "Fake Cloud gateway name",
          pattern: /^[a-z][a-z0-9_]{0,49}$/,
          allowed: "1-50 of a-z, 0-9, '_'",
        },
  create(scope, fn, _platform, spec) {
    const urls: Partial<Record<StageName, string>> = {};
    for (const s of spec.stages) {
      const stage = new FakeResource(scope, `Stage-${s.stage}`, "fakecloud_gateway_stage", {
        gateway: spec.name,
        stage: s.cloudStage,
        path: spec.path,
        function_name: fn.functionNameRef,
        qualifier: s.qualifier,
      });
      stage.dependsOn = s.dependsOn.map((r) => r.fqn);
      urls[s.stage] = `https://${spec.name}.fake.example/${s.cloudStage}${spec.path}`;
    }
    return { urls };
  },
};

export const fakeReadback: FunctionReadback = {
  platform: FAKE,
  versionTypes: ["fakecloud_function_version"],
  namespaced: false,
  versionResources: true,
  readFunctions({ idx, fns }) {
    for (const r of idx.ofType("fakecloud_function")) {
      fns.add({
        platform: FAKE,
        name: idx.resolveString(r.body.name) ?? r.name,
        address: r.address,
        external: false,
        versions: [],
        aliases: [],
      });
    }
  },
  readVersions({ idx, fns }) {
    for (const r of idx.ofType("fakecloud_function_version")) {
      const fn = fns.forValue(FAKE, r.body.function_name);
      fn?.versions.push(versionRecord(r, idx, ["function_name", "description"], "version_id"));
    }
  },
  readAliases({ idx, fns }) {
    for (const r of idx.ofType("fakecloud_alias")) {
      fns.forValue(FAKE, r.body.function_name)?.aliases.push({
        name: aliasName(r.body.name, r.name),
        address: r.address,
        description: str(r.body.description),
        primary: r.body.version,
        weights: mapWeights(r.body.weights),
        matches: [],
      });
    }
  },
  functionModel: (base, _fn, aliases) =>
    ({ ...base, platform: "fc3", aliases: aliases as never }) as FunctionModel,
  functionId: (fn) => `fakecloud:${fn.name}`,
};

const FAKE_STAGES = stagesByCloudName(fakeGatewayProfile.cloudStageName, STAGE_NAMES);

export const fakeGatewayReadback: GatewayReadback = {
  cloud: FAKE_GATEWAY,
  read({ idx, fns }) {
    const stages: StageRecord[] = [];
    for (const r of idx.ofType("fakecloud_gateway_stage")) {
      const cloudStage = idx.resolveString(r.body.stage) ?? "";
      const stage = FAKE_STAGES[cloudStage];
      if (!stage) continue;
      stages.push({
        cloud: FAKE_GATEWAY,
        gateway: idx.resolveString(r.body.gateway) ?? r.name,
        stage,
        cloudStage,
        fn: fns.forValue(FAKE, r.body.function_name),
        qualifier: r.body.qualifier,
        routes: [],
        unparsedRoutes: [],
        address: r.address,
      });
    }
    return { stages, releases: [], backendModels: [] };
  },
};

/** The whole cloud module, as `registerCloud` takes it. */
export const fakeCloud: CloudModule = {
  profile: fakeProfile,
  gateway: fakeGatewayProfile,
  adapter: fakeAdapter,
  gatewayAdapter: fakeGatewayAdapter,
  readback: fakeReadback,
  gatewayReadback: fakeGatewayReadback,
};

/** Alarms here need nothing but the target, and take one-minute periods only. */
export const fakeAlarmProfile: AlarmProfile = {
  required: [],
  periodAllowed: (p) => p === 60,
  periodsAllowed: "60",
};

/** One capacity config per alias, up to 50. */
export const fakeCapacityProfile: CapacityProfile = {
  per: "alias",
  max: 50,
  weightedAlias: (alias, versions) => `Fake Cloud provisions alias ${alias} as a whole (${versions})`,
  proportional: (alias, total) => `Fake Cloud cannot split alias ${alias}: ${total} on the alias`,
};

/** One `fakecloud_alarm` per (scope, signal), the marker in its `note`. */
export const fakeAlarmMapping: AlarmMapping = {
  unsupported: () => undefined,
  create(construct, id, fn, spec, scope, signal, rule) {
    return [
      new FakeResource(construct, id, "fakecloud_alarm", {
        function_name: fn.functionNameRef,
        note: alarmMarker(spec.functionName, spec.aliasName, scope, signal),
        threshold: rule.threshold,
      }),
    ];
  },
};

/** One `fakecloud_capacity` per alias. */
export const fakeCapacityMapping: CapacityMapping = {
  create(construct, id, fn, target) {
    const r = new FakeResource(construct, id, "fakecloud_capacity", {
      function_name: fn.functionNameRef,
      qualifier: target.qualifier,
      amount: target.amount,
    });
    r.dependsOn = target.dependsOn.map((d) => d.fqn);
    return r;
  },
};

export const fakeMonitoringReadback: MonitoringReadback = {
  alarmMarkerAttributes: { fakecloud_alarm: "note" },
  capacityTypes: ["fakecloud_capacity"],
  readCapacity(r, idx) {
    const owner = referencedName(idx, r.body.function_name);
    const key = idx.resolveString(r.body.qualifier);
    if (owner === undefined || key === undefined) return undefined;
    return {
      owner,
      kind: "alias",
      key,
      amount: typeof r.body.amount === "number" ? r.body.amount : undefined,
    };
  },
};

/** The fake cloud with alarm and capacity parts. */
export const fakeCloudWithMonitoring: CloudModule = {
  ...fakeCloud,
  profile: { ...fakeProfile, alarms: fakeAlarmProfile, capacity: fakeCapacityProfile },
  monitoring: fakeAlarmMapping,
  capacity: fakeCapacityMapping,
  monitoringReadback: fakeMonitoringReadback,
};
