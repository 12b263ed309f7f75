/**
 * The twin's protocol pieces without Terraform: msgpack values with unknowns, the SDK-style plan
 * (computed → unknown on create, ForceNew → requires_replace, unset ≡ zero value), the Computed-only
 * check, and the handlers' answers for one SCF version as Terraform would call them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CloudCache } from "../../src/twin/cloud";
import { decodeValue, encodeValue, UNKNOWN } from "../../src/twin/values";
import { planResource } from "../../src/twin/engine";
import { loadProviderSchemas } from "../../src/twin/schema";
import { providerHandlers } from "../../src/twin/server";
import { TENCENTCLOUD_TWIN } from "../../src/clouds/tencentcloud/twin";

const tencent = loadProviderSchemas("tencentcloud");
const versionSchema = tencent.resources.tencentcloud_scf_function_version;
const versionModel = TENCENTCLOUD_TWIN.models.tencentcloud_scf_function_version;

describe("twin values", () => {
  it("decodes extension 0 (unknown) and 12 (refined unknown) as unknown, and encodes unknown as d4 00 00", () => {
    expect(decodeValue(Uint8Array.from([0xd4, 0x00, 0x00]))).toBe(UNKNOWN);
    expect(decodeValue(Uint8Array.from([0xc7, 0x02, 0x0c, 0x01, 0xc3]))).toBe(UNKNOWN);
    expect(Buffer.from(encodeValue(UNKNOWN)).toString("hex")).toBe("d40000");
    expect(decodeValue(encodeValue({ a: [1, "x", null], b: UNKNOWN }))).toEqual({
      a: [1, "x", null],
      b: UNKNOWN,
    });
  });
});

describe("twin plan (terraform-plugin-sdk semantics)", () => {
  const config = {
    function_name: "f",
    description: "release 1",
    namespace: null,
    function_version: null,
    id: null,
  };
  it("marks computed attributes unknown on create", () => {
    const out = planResource(
      "tencentcloud_scf_function_version",
      versionSchema,
      versionModel,
      null,
      config,
      config,
    );
    expect(out.planned).toEqual({ ...config, function_version: UNKNOWN, id: UNKNOWN });
    expect(out.requiresReplace).toEqual([]);
  });
  it("replaces on a ForceNew change, and treats an unset Optional as its zero value", () => {
    const prior = { ...config, id: "f##1", function_version: "1", namespace: "default" };
    const proposed = { ...prior, namespace: null };
    expect(planResource("x", versionSchema, versionModel, prior, proposed, config).requiresReplace).toEqual([
      "namespace",
    ]);
    const priorEmpty = { ...prior, namespace: "" };
    expect(
      planResource("x", versionSchema, versionModel, priorEmpty, { ...priorEmpty, namespace: null }, config)
        .requiresReplace,
    ).toEqual([]);
  });
});

describe("twin handlers", () => {
  const h = providerHandlers({
    provider: "tencentcloud",
    models: TENCENTCLOUD_TWIN.models,
    schemas: tencent,
  });
  it("serves the schema subset as tfplugin6 Schema messages", () => {
    const s = h.GetProviderSchema() as {
      resource_schemas: Record<string, { block: { attributes: { name: string; computed: boolean }[] } }>;
    };
    expect(Object.keys(s.resource_schemas)).toEqual(Object.keys(tencent.resources));
    const attrs = s.resource_schemas.tencentcloud_scf_function_version.block.attributes;
    expect(attrs.find((a) => a.name === "function_version")?.computed).toBe(true);
  });
  it("refuses a value on a Computed-only attribute", () => {
    const cfg = encodeValue({
      function_name: "f",
      description: null,
      namespace: null,
      function_version: "3",
      id: null,
    });
    const r = h.ValidateResourceConfig({
      type_name: "tencentcloud_scf_function_version",
      config: { msgpack: cfg },
    }) as {
      diagnostics: { summary: string }[];
    };
    expect(r.diagnostics.map((d) => d.summary)).toEqual(["Invalid or unknown key: function_version"]);
  });
});

describe("twin cloud cache", () => {
  afterEach(() => jest.useRealTimers());

  it("writes the cloud back when flushed (StopProvider, Shutdown, exit), not periodically during a command", () => {
    jest.useFakeTimers();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twin-cloud-cache-"));
    try {
      const file = path.join(dir, "cloud.json");
      const cache = new CloudCache(file);
      cache.get().counters = { fn: 1 };
      cache.markDirty();
      jest.advanceTimersByTime(60_000);
      expect(fs.existsSync(file)).toBe(false);
      cache.flush();
      expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({ counters: { fn: 1 } });
      cache.flush();
      expect(cache.writes).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
