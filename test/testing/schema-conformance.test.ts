import * as path from "path";
import {
  assertConformsToSchemas,
  checkTerraformJson,
  formatViolations,
  indexProviderSchemas,
  loadProviderSchemas,
  SchemaViolation,
} from "../../src/testing";

const ALICLOUD = "registry.terraform.io/aliyun/alicloud";
const TENCENTCLOUD = "registry.terraform.io/tencentcloudstack/tencentcloud";

/** Wraps one resource body the way cdktf nests it: `resource.<type>.<name>`. */
function resource(type: string, body: object, name = "release"): object {
  return { resource: { [type]: { [name]: body } } };
}

const fcv3Alias = (extra: object = {}): object =>
  resource("alicloud_fcv3_alias", {
    function_name: "checkout",
    alias_name: "release",
    version_id: "1",
    additional_version_weight: { "2": 0.3 },
    ...extra,
  });

const scfAlias = (routingConfig: unknown, extra: object = {}): object =>
  resource("tencentcloud_scf_function_alias", {
    function_name: "checkout",
    function_version: "1",
    name: "release",
    routing_config: routingConfig,
    ...extra,
  });

const match = { version: "2", key: "invoke.headers.User", method: "exact", expression: "Bob" };

/** Expected violation: exact path and severity, message checked by substring. */
type Expected = Pick<SchemaViolation, "severity" | "path"> & { resourceType?: string; message: string };

interface Case {
  name: string;
  tf: object;
  expected: Expected[];
}

const cases: Case[] = [
  // --- conforming
  {
    name: "conforming alicloud_fcv3_alias with additional_version_weight map",
    tf: fcv3Alias({ timeouts: { create: "5m" } }),
    expected: [],
  },
  {
    name: "conforming tencentcloud_scf_function_alias with additional_version_matches",
    tf: scfAlias([{ additional_version_matches: [match] }]),
    expected: [],
  },
  {
    name: "max_items 1 list block rendered by cdktf as a lone object",
    tf: scfAlias({ additional_version_weights: [{ version: "2", weight: 0.1 }] }),
    expected: [],
  },
  {
    name: "interpolations are accepted for any type",
    tf: scfAlias([{ additional_version_weights: [{ version: "2", weight: "${aws_x.y.z}" }] }], {
      function_version: "${tencentcloud_scf_function_version.v.function_version}",
    }),
    expected: [],
  },
  {
    name: "whole map given as an interpolation",
    tf: fcv3Alias({ additional_version_weight: "${var.weights}" }),
    expected: [],
  },
  {
    name: "meta-arguments, cdktf metadata and null attributes are ignored",
    tf: fcv3Alias({
      "//": { metadata: { path: "stack/alias", uniqueId: "alias" } },
      depends_on: ["alicloud_fcv3_function_version.v"],
      count: 1,
      for_each: "${var.x}",
      provider: "alicloud.hz",
      lifecycle: { create_before_destroy: true },
      provisioner: [{ "local-exec": { command: "true" } }],
      connection: { host: "h" },
      version_id: null,
    }),
    expected: [],
  },
  {
    name: "dynamic block with conforming content",
    tf: scfAlias(undefined, {
      dynamic: {
        routing_config: { for_each: "${var.rc}", content: { additional_version_matches: [match] } },
      },
    }),
    expected: [],
  },
  {
    name: "conforming provider blocks and required_providers",
    tf: {
      terraform: {
        required_providers: {
          alicloud: { source: "aliyun/alicloud", version: "1.289.0" },
          tencentcloud: { source: "tencentcloudstack/tencentcloud", version: "1.83.25" },
        },
      },
      provider: {
        alicloud: [{ region: "cn-hangzhou", assume_role: { role_arn: "acs:ram::1:role/x" } }],
        tencentcloud: [{ region: "ap-guangzhou" }, { alias: "sh", region: "ap-shanghai" }],
      },
    },
    expected: [],
  },

  // --- unknown keys
  {
    name: "unknown attribute on fcv3 alias (FC 2.0 name)",
    tf: fcv3Alias({ additional_version_weights: { "2": 0.3 } }),
    expected: [
      {
        severity: "error",
        path: "additional_version_weights",
        message:
          "unknown attribute (allowed: additional_version_weight, alias_name, description, function_name, id, timeouts, version_id)",
      },
    ],
  },
  {
    name: "API name leaking into the JSON",
    tf: scfAlias([{ AddtionVersionMatchs: [match] }]),
    expected: [
      {
        severity: "error",
        path: "routing_config[0].AddtionVersionMatchs",
        message: "unknown attribute (allowed: additional_version_matches, additional_version_weights)",
      },
    ],
  },
  {
    name: "nested unknown key",
    tf: scfAlias([{ additional_version_matches: [match, { ...match, header: "x-user" }] }]),
    expected: [
      {
        severity: "error",
        path: "routing_config[0].additional_version_matches[1].header",
        message: "unknown attribute (allowed: expression, key, method, version)",
      },
    ],
  },
  {
    name: "prototype keys are not schema entries",
    tf: fcv3Alias({ constructor: "x" }),
    expected: [{ severity: "error", path: "constructor", message: "unknown attribute" }],
  },
  {
    name: "unknown resource type",
    tf: resource("alicloud_fcv3_aliases", { function_name: "checkout" }),
    expected: [
      {
        severity: "error",
        resourceType: "alicloud_fcv3_aliases",
        path: "",
        message: "unknown resource type",
      },
    ],
  },
  {
    name: "dynamic block for an unknown block type",
    tf: fcv3Alias({ dynamic: { routing_config: { for_each: "${var.rc}", content: {} } } }),
    expected: [
      {
        severity: "error",
        path: "dynamic.routing_config",
        message: "unknown block type (allowed: timeouts)",
      },
    ],
  },

  // --- required / computed
  {
    name: "required attribute missing",
    tf: resource("alicloud_fcv3_alias", { alias_name: "release" }),
    expected: [{ severity: "error", path: "function_name", message: "required attribute missing" }],
  },
  {
    name: "required attribute set to null",
    tf: fcv3Alias({ function_name: null }),
    expected: [{ severity: "error", path: "function_name", message: "required attribute missing" }],
  },
  {
    name: "nested required attribute missing",
    tf: scfAlias([{ additional_version_weights: [{ version: "2" }] }]),
    expected: [
      {
        severity: "error",
        path: "routing_config[0].additional_version_weights[0].weight",
        message: "required attribute missing",
      },
    ],
  },
  {
    name: "computed-only attribute set (alicloud_fcv3_function_version.version_id)",
    tf: resource("alicloud_fcv3_function_version", { function_name: "checkout", version_id: "3" }),
    expected: [{ severity: "error", path: "version_id", message: "computed-only attribute cannot be set" }],
  },
  {
    name: "computed-only attribute set (tencentcloud_scf_function_version.function_version)",
    tf: resource("tencentcloud_scf_function_version", { function_name: "checkout", function_version: "3" }),
    expected: [
      { severity: "error", path: "function_version", message: "computed-only attribute cannot be set" },
    ],
  },

  // --- block shapes and counts
  {
    name: "block count above max_items",
    tf: scfAlias([{ additional_version_matches: [match] }, { additional_version_matches: [match] }]),
    expected: [
      { severity: "error", path: "routing_config", message: "2 blocks, at most 1 allowed (max_items)" },
    ],
  },
  {
    name: "single block given as an array",
    tf: fcv3Alias({ timeouts: [{ create: "5m" }] }),
    expected: [
      { severity: "error", path: "timeouts", message: "single block must be an object, got an array of 1" },
    ],
  },
  {
    name: "list block without max_items 1 given as an object",
    tf: scfAlias([{ additional_version_matches: match }]),
    expected: [
      {
        severity: "error",
        path: "routing_config[0].additional_version_matches",
        message: "list block must be an array of objects, got an object",
      },
    ],
  },
  {
    name: "block given as a plain string",
    tf: scfAlias("weights"),
    expected: [{ severity: "error", path: "routing_config", message: 'got string "weights"' }],
  },

  // --- value types
  {
    name: "number given as a string",
    tf: scfAlias([{ additional_version_weights: [{ version: "2", weight: "0.1" }] }]),
    expected: [
      {
        severity: "error",
        path: "routing_config[0].additional_version_weights[0].weight",
        message: 'expected number, got string "0.1"',
      },
    ],
  },
  {
    name: "map(number) value given as a string",
    tf: fcv3Alias({ additional_version_weight: { "2": "0.3" } }),
    expected: [{ severity: "error", path: 'additional_version_weight["2"]', message: "expected number" }],
  },
  {
    name: "map given as an array",
    tf: fcv3Alias({ additional_version_weight: [0.3] }),
    expected: [
      { severity: "error", path: "additional_version_weight", message: "expected map, got an array of 1" },
    ],
  },
  {
    name: "string attribute accepts numbers (Terraform converts them)",
    tf: fcv3Alias({ version_id: 1 }),
    expected: [],
  },
  {
    name: "string attribute rejects objects",
    tf: fcv3Alias({ version_id: { latest: true } }),
    expected: [{ severity: "error", path: "version_id", message: "expected string, got an object" }],
  },

  // --- deprecation
  {
    name: "deprecated resource (FC 2.0 alias) is a warning",
    tf: resource("alicloud_fc_alias", {
      alias_name: "release",
      service_name: "svc",
      service_version: "1",
      routing_config: { additional_version_weights: { "2": 0.1 } },
    }),
    expected: [
      {
        severity: "warning",
        resourceType: "alicloud_fc_alias",
        path: "",
        message: "deprecated resource type",
      },
    ],
  },
  {
    name: "deprecated attribute is a warning",
    tf: resource("alicloud_ram_role", { role_name: "r", name: "r" }, "role"),
    expected: [{ severity: "warning", path: "name", message: "deprecated attribute" }],
  },

  // --- providers
  {
    name: "unknown key in a provider block",
    tf: { provider: { alicloud: [{ region: "cn-hangzhou", regoin: "cn-shanghai" }] } },
    expected: [{ severity: "error", resourceType: "provider", path: "regoin", message: "unknown attribute" }],
  },
  {
    name: "required attribute missing in a provider's nested block",
    tf: { provider: { tencentcloud: [{ mfa_certification: { serial_number: "s" } }] } },
    expected: [
      { severity: "error", path: "mfa_certification.token_code", message: "required attribute missing" },
    ],
  },
  {
    name: "provider without a loaded schema",
    tf: { provider: { aws: [{ region: "us-east-1" }] } },
    expected: [{ severity: "error", resourceType: "provider", path: "", message: "unknown provider" }],
  },
  {
    name: "required_providers source not in the schemas",
    tf: { terraform: { required_providers: { alicloud: { source: "hashicorp/alicloud" } } } },
    expected: [
      {
        severity: "error",
        resourceType: "terraform",
        path: "alicloud.source",
        message: 'unknown provider source "hashicorp/alicloud"',
      },
    ],
  },
];

describe("checkTerraformJson", () => {
  test.each(cases)("$name", ({ tf, expected }) => {
    const violations = checkTerraformJson(tf);
    expect(violations.map(({ severity, path: p }) => ({ severity, path: p }))).toEqual(
      expected.map(({ severity, path: p }) => ({ severity, path: p })),
    );
    violations.forEach((v, i) => {
      expect(v.message).toContain(expected[i].message);
      if (expected[i].resourceType) expect(v.resourceType).toBe(expected[i].resourceType);
    });
  });

  test("reports resource type and name on every violation", () => {
    const [v] = checkTerraformJson(fcv3Alias({ additional_version_weights: {} }));
    expect(v).toMatchObject({ resourceType: "alicloud_fcv3_alias", resourceName: "release" });
  });

  test("accepts the JSON string that Testing.synth returns", () => {
    expect(checkTerraformJson(JSON.stringify(fcv3Alias({ bogus: 1 })))).toHaveLength(1);
  });

  test("checks min_items and map nesting with a hand-made schema", () => {
    const schemas = indexProviderSchemas({
      provider_schemas: {
        "example/demo": {
          resource_schemas: {
            demo_thing: {
              block: {
                block_types: {
                  rule: {
                    nesting_mode: "set",
                    min_items: 2,
                    block: { attributes: { n: { type: "number" } } },
                  },
                  labeled: {
                    nesting_mode: "map",
                    block: { attributes: { on: { type: "bool", required: true } } },
                  },
                },
              },
            },
          },
        },
      },
    });
    const missing = checkTerraformJson(resource("demo_thing", {}), schemas);
    expect(missing.map((v) => `${v.path}: ${v.message}`)).toEqual([
      "rule: required block missing (min_items 2)",
    ]);

    const wrong = checkTerraformJson(
      resource("demo_thing", { rule: [{ n: 1 }], labeled: { a: { on: true }, b: { on: "yes" } } }),
      schemas,
    );
    expect(wrong.map((v) => `${v.path}: ${v.message}`)).toEqual([
      "rule: 1 block(s), at least 2 required (min_items)",
      'labeled["b"].on: expected bool, got string "yes"',
    ]);
  });
});

describe("formatViolations and assertConformsToSchemas", () => {
  test("formats one line per violation", () => {
    const text = formatViolations(
      checkTerraformJson({
        ...fcv3Alias({ additional_version_weights: {} }),
        provider: { aws: [{}] },
      }),
    );
    expect(text.split("\n")).toEqual([
      "error provider.aws[0]: unknown provider (no loaded provider schema has this local name)",
      expect.stringMatching(
        /^error alicloud_fcv3_alias\.release: additional_version_weights: unknown attribute \(allowed: .*\)$/,
      ),
    ]);
  });

  test("throws on errors with the formatted violations", () => {
    expect(() => assertConformsToSchemas(scfAlias([{ AddtionVersionMatchs: [] }]))).toThrow(
      "error tencentcloud_scf_function_alias.release: routing_config[0].AddtionVersionMatchs: unknown attribute",
    );
  });

  test("passes when there are only warnings", () => {
    const deprecated = resource("alicloud_fc_alias", {
      alias_name: "a",
      service_name: "s",
      service_version: "1",
    });
    expect(checkTerraformJson(deprecated)).toHaveLength(1);
    expect(() => assertConformsToSchemas(deprecated)).not.toThrow();
  });
});

describe("loadProviderSchemas", () => {
  test("indexes the bundled schemas", () => {
    const schemas = loadProviderSchemas();
    expect(schemas.resources.get("alicloud_fcv3_alias")).toMatchObject({
      providerSource: ALICLOUD,
      deprecated: false,
    });
    expect(schemas.resources.get("tencentcloud_scf_function_alias")).toMatchObject({
      providerSource: TENCENTCLOUD,
      deprecated: false,
    });
    expect(schemas.resources.get("alicloud_fc_alias")?.deprecated).toBe(true);
    expect(schemas.resources.size).toBe(33 + 18);
    expect([...schemas.providers.keys()].sort()).toEqual([ALICLOUD, TENCENTCLOUD]);
  });

  test("caches the index", () => {
    expect(loadProviderSchemas()).toBe(loadProviderSchemas());
  });

  test("loads an explicit file list", () => {
    const schemas = loadProviderSchemas(path.join(__dirname, "..", "..", "schemas", "tencentcloud.json"));
    expect(schemas.resources.has("tencentcloud_scf_function_alias")).toBe(true);
    expect(schemas.resources.has("alicloud_fcv3_alias")).toBe(false);
    expect(checkTerraformJson(fcv3Alias(), schemas)[0].message).toContain("unknown resource type");
  });
});
