import * as os from "os";
import { TerraformOutput, TerraformStack, Token } from "cdktf";
import { FunctionCode, FunctionWithVersions, ReleaseValidationError } from "../../src";
import { AlicloudProvider } from "../../src/.gen/providers/alicloud/provider";
import { FcAlias } from "../../src/.gen/providers/alicloud/fc-alias";
import { FcFunction } from "../../src/.gen/providers/alicloud/fc-function";
import { FcService } from "../../src/.gen/providers/alicloud/fc-service";
import { Fcv3Function } from "../../src/.gen/providers/alicloud/fcv3-function";
import { Fcv3FunctionVersion } from "../../src/.gen/providers/alicloud/fcv3-function-version";
import { TencentcloudProvider } from "../../src/.gen/providers/tencentcloud/provider";
import { ScfFunction } from "../../src/.gen/providers/tencentcloud/scf-function";
import { ScfFunctionVersion } from "../../src/.gen/providers/tencentcloud/scf-function-version";
import { fnProps, newStack, resourcesOfType, synthStack, thrown, warnings } from "../helpers/synth";

const PLATFORMS = ["scf", "fc3", "fc2"] as const;

/** A TerraformAsset path: `assets/<logical id>/<content hash>/<file name>`, relative to the stack folder. */
const ASSET_PATH = /^assets\/[A-Za-z0-9_-]+\/[0-9A-F]{32}\/orders\.zip$/;

describe("FunctionWithVersions on Tencent SCF", () => {
  it("creates the function with snake_case properties, func_type Event and zip_file", () => {
    const { json, synthesized } = synthStack((stack) => {
      new FunctionWithVersions(
        stack,
        "fn",
        fnProps("scf", {
          memorySize: 256,
          timeout: 10,
          environment: { STAGE: "prod" },
          description: "orders api",
          role: "SCF_QcsRole",
          namespace: "shop",
        }),
      );
    });
    expect(synthesized).toHaveResourceWithProperties(ScfFunction, {
      name: "orders",
      namespace: "shop",
      runtime: "Nodejs18.15",
      handler: "index.handler",
      func_type: "Event",
      mem_size: 256,
      timeout: 10,
      environment: { STAGE: "prod" },
      description: "orders api",
      role: "SCF_QcsRole",
    });
    // The zip as a TerraformAsset: a path relative to the stack folder (local-code.test.ts reads it back).
    const [[, fn]] = resourcesOfType(json, "tencentcloud_scf_function");
    expect(fn.zip_file).toMatch(ASSET_PATH);
  });

  it("maps kind http to func_type HTTP and a bucket to cos_* (no zip_file)", () => {
    const { json, synthesized } = synthStack((stack) => {
      new FunctionWithVersions(
        stack,
        "fn",
        fnProps("scf", {
          kind: "http",
          code: FunctionCode.fromBucket("code-1250000000", "orders/3f2a9c.zip", { region: "ap-guangzhou" }),
        }),
      );
    });
    expect(synthesized).toHaveResourceWithProperties(ScfFunction, {
      func_type: "HTTP",
      cos_bucket_name: "code-1250000000",
      cos_object_name: "orders/3f2a9c.zip",
      cos_bucket_region: "ap-guangzhou",
    });
    const [[, fn]] = resourcesOfType(json, "tencentcloud_scf_function");
    expect(fn).not.toHaveProperty("zip_file");
  });

  it("creates one version resource per label, depending on the function, create_before_destroy", () => {
    const { json, synthesized } = synthStack((stack) => {
      new FunctionWithVersions(stack, "fn", fnProps("scf", { namespace: "shop", versions: ["1", "2"] }));
    });
    const [[fnId]] = resourcesOfType(json, "tencentcloud_scf_function");
    const versions = resourcesOfType(json, "tencentcloud_scf_function_version");
    expect(versions.map(([, v]) => v.description)).toEqual(["release 1", "release 2"]);
    for (const label of ["1", "2"]) {
      expect(synthesized).toHaveResourceWithProperties(ScfFunctionVersion, {
        function_name: `\${tencentcloud_scf_function.${fnId}.name}`,
        namespace: "shop",
        description: `release ${label}`,
        depends_on: [`tencentcloud_scf_function.${fnId}`],
        lifecycle: { create_before_destroy: true },
      });
    }
  });

  it("writes the code digest into the version description", () => {
    const { synthesized } = synthStack((stack) => {
      new FunctionWithVersions(
        stack,
        "fn",
        fnProps("scf", { versions: [{ label: "1", codeDigest: "3f2a9c" }] }),
      );
    });
    expect(synthesized).toHaveResourceWithProperties(ScfFunctionVersion, {
      description: "release 1 code 3f2a9c",
    });
  });

  it("declares tencentcloudstack/tencentcloud >= 1.83.16 in required_providers", () => {
    const { json } = synthStack((stack) => {
      new FunctionWithVersions(stack, "fn", fnProps("scf"));
    });
    expect(json.terraform.required_providers).toEqual({
      tencentcloud: { source: "tencentcloudstack/tencentcloud", version: ">= 1.83.16" },
    });
    expect(json.provider.tencentcloud).toHaveLength(1);
  });
});

describe("FunctionWithVersions on Alibaba FC 3.0", () => {
  it("creates alicloud_fcv3_function with code.zip_file = filebase64(<local zip>)", () => {
    const { json, synthesized } = synthStack((stack) => {
      new FunctionWithVersions(
        stack,
        "fn",
        fnProps("fc3", {
          memorySize: 512,
          timeout: 30,
          environment: { STAGE: "prod" },
          role: "acs:ram::1:role/fc",
        }),
      );
    });
    expect(synthesized).toHaveResourceWithProperties(Fcv3Function, {
      function_name: "orders",
      runtime: "nodejs20",
      handler: "index.handler",
      memory_size: 512,
      timeout: 30,
      environment_variables: { STAGE: "prod" },
      role: "acs:ram::1:role/fc",
    });
    const [[, fn]] = resourcesOfType(json, "alicloud_fcv3_function");
    expect(fn.code.zip_file).toMatch(/^\$\{filebase64\("assets\/[^"]+\/orders\.zip"\)\}$/);
  });

  it("maps a bucket to code.oss_bucket_name/oss_object_name and an inline zip to code.zip_file", () => {
    const bucket = synthStack((stack) => {
      new FunctionWithVersions(
        stack,
        "fn",
        fnProps("fc3", { code: FunctionCode.fromBucket("code", "orders/3f2a9c.zip") }),
      );
    });
    expect(bucket.synthesized).toHaveResourceWithProperties(Fcv3Function, {
      code: { oss_bucket_name: "code", oss_object_name: "orders/3f2a9c.zip" },
    });
    const inline = synthStack((stack) => {
      new FunctionWithVersions(stack, "fn", fnProps("fc3", { code: FunctionCode.fromInlineZip("UEsDBAo=") }));
    });
    expect(inline.synthesized).toHaveResourceWithProperties(Fcv3Function, { code: { zip_file: "UEsDBAo=" } });
  });

  it("creates one alicloud_fcv3_function_version per label, depending on the function, create_before_destroy", () => {
    const { json, synthesized } = synthStack((stack) => {
      new FunctionWithVersions(stack, "fn", fnProps("fc3", { versions: ["1", "2", "3"] }));
    });
    const [[fnId]] = resourcesOfType(json, "alicloud_fcv3_function");
    const versions = resourcesOfType(json, "alicloud_fcv3_function_version");
    expect(versions).toHaveLength(3);
    for (const label of ["1", "2", "3"]) {
      expect(synthesized).toHaveResourceWithProperties(Fcv3FunctionVersion, {
        function_name: `\${alicloud_fcv3_function.${fnId}.function_name}`,
        description: `release ${label}`,
        depends_on: [`alicloud_fcv3_function.${fnId}`],
        lifecycle: { create_before_destroy: true },
      });
    }
  });

  it("declares aliyun/alicloud >= 1.280.0 in required_providers", () => {
    const { json } = synthStack((stack) => {
      new FunctionWithVersions(stack, "fn", fnProps("fc3"));
    });
    expect(json.terraform.required_providers).toEqual({
      alicloud: { source: "aliyun/alicloud", version: ">= 1.280.0" },
    });
  });
});

describe("FunctionWithVersions on Alibaba FC 2.0", () => {
  it("creates alicloud_fc_service (publish false) + alicloud_fc_function and no version resources", () => {
    const { json, synthesized } = synthStack((stack) => {
      new FunctionWithVersions(stack, "fn", fnProps("fc2", { versions: ["3", "4"], memorySize: 256 }));
    });
    expect(synthesized).toHaveResourceWithProperties(FcService, { name: "orders", publish: false });
    const [[serviceId]] = resourcesOfType(json, "alicloud_fc_service");
    expect(synthesized).toHaveResourceWithProperties(FcFunction, {
      service: `\${alicloud_fc_service.${serviceId}.name}`,
      name: "orders",
      runtime: "nodejs20",
      handler: "index.handler",
      memory_size: 256,
    });
    expect(resourcesOfType(json, "alicloud_fc_function")[0][1].filename).toMatch(ASSET_PATH);
    expect(Object.keys(json.resource).sort()).toEqual(["alicloud_fc_function", "alicloud_fc_service"]);
    expect(synthesized).not.toHaveResource(FcAlias);
  });

  it("uses serviceName for the service and maps a bucket to oss_bucket/oss_key", () => {
    const { synthesized } = synthStack((stack) => {
      new FunctionWithVersions(
        stack,
        "fn",
        fnProps("fc2", { serviceName: "shop", code: FunctionCode.fromBucket("code", "orders.zip") }),
      );
    });
    expect(synthesized).toHaveResourceWithProperties(FcService, { name: "shop" });
    expect(synthesized).toHaveResourceWithProperties(FcFunction, {
      oss_bucket: "code",
      oss_key: "orders.zip",
    });
  });

  it("models the aliases on the configured service (serviceName), not the function name", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(
      stack,
      "fn",
      fnProps("fc2", { serviceName: "shop", versions: ["1"] }),
    );
    expect(fn.routingModel).toMatchObject({ platform: "fc2", serviceName: "shop", functionName: "orders" });
  });

  it("version handles are the literal numeric ids, without a resource", () => {
    const { stack } = newStack();
    const fn = new FunctionWithVersions(stack, "fn", fnProps("fc2", { versions: ["3"] }));
    expect(fn.version("3")).toEqual({ label: "3", versionId: "3", resource: undefined });
    expect(fn.version("LATEST")).toEqual({ label: "LATEST", versionId: "LATEST" });
  });

  it("refuses non-numeric labels: the provider cannot publish FC 2.0 versions", () => {
    const { stack } = newStack();
    const e = thrown(() => new FunctionWithVersions(stack, "fn", fnProps("fc2", { versions: ["v1"] })));
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toMatch(
      /^test\/fn: FC 2\.0 version "v1" is not a version id; allowed: the numeric ids/,
    );
  });
});

describe("provider blocks", () => {
  it("adds the provider once for two functions of the same cloud", () => {
    const { json } = synthStack((stack) => {
      new FunctionWithVersions(stack, "a", fnProps("scf", { functionName: "orders" }));
      new FunctionWithVersions(stack, "b", fnProps("scf", { functionName: "billing" }));
    });
    expect(json.provider.tencentcloud).toHaveLength(1);
    expect(Object.keys(json.resource.tencentcloud_scf_function)).toHaveLength(2);
  });

  it("shares one alicloud provider between FC 3.0 and FC 2.0, and adds tencentcloud alongside", () => {
    const { json } = synthStack((stack) => {
      new FunctionWithVersions(stack, "a", fnProps("fc3", { functionName: "orders" }));
      new FunctionWithVersions(stack, "b", fnProps("fc2", { functionName: "billing" }));
      new FunctionWithVersions(stack, "c", fnProps("scf", { functionName: "search" }));
    });
    expect(json.provider.alicloud).toHaveLength(1);
    expect(json.provider.tencentcloud).toHaveLength(1);
    expect(Object.keys(json.terraform.required_providers).sort()).toEqual(["alicloud", "tencentcloud"]);
  });

  it("does not add a provider when the user already declared one", () => {
    const { json, synthesized } = synthStack((stack) => {
      new TencentcloudProvider(stack, "tc", { region: "ap-shanghai" });
      new AlicloudProvider(stack, "ali", { region: "cn-hangzhou" });
      new FunctionWithVersions(stack, "a", fnProps("scf"));
      new FunctionWithVersions(stack, "b", fnProps("fc3"));
    });
    expect(json.provider.tencentcloud).toEqual([{ region: "ap-shanghai" }]);
    expect(json.provider.alicloud).toEqual([{ region: "cn-hangzhou" }]);
    expect(synthesized).toHaveProviderWithProperties(TencentcloudProvider, { region: "ap-shanghai" });
  });

  it("never writes credentials into the provider block", () => {
    const { json } = synthStack((stack) => {
      new FunctionWithVersions(stack, "a", fnProps("scf"));
      new FunctionWithVersions(stack, "b", fnProps("fc3"));
    });
    expect(json.provider).toEqual({ tencentcloud: [{}], alicloud: [{}] });
  });
});

describe("version(label)", () => {
  it.each(PLATFORMS)("%s: returns a handle whose versionId references the version resource", (platform) => {
    const { json } = synthStack((stack) => {
      const fn = new FunctionWithVersions(stack, "fn", fnProps(platform, { versions: ["1", "2"] }));
      const v2 = fn.version("2");
      expect(v2.label).toBe("2");
      expect(fn.versionLabels).toEqual(["1", "2"]);
      expect(fn.latestPublished?.label).toBe("2");
      if (platform === "fc2") {
        expect(v2.resource).toBeUndefined();
        expect(v2.versionId).toBe("2");
      } else {
        expect(v2.resource).toBeInstanceOf(platform === "scf" ? ScfFunctionVersion : Fcv3FunctionVersion);
        expect(Token.isUnresolved(v2.versionId)).toBe(true);
      }
      new TerraformOutput(stack, "v2", { value: v2.versionId });
    });
    expect(json.output.v2.value).toBe(
      {
        scf: "${tencentcloud_scf_function_version.fn_Version-2_B683D582.function_version}",
        fc3: "${alicloud_fcv3_function_version.fn_Version-2_B683D582.version_id}",
        fc2: "2",
      }[platform],
    );
  });

  it("addVersion appends a version like listing it in versions", () => {
    const { synthesized } = synthStack((stack) => {
      const fn = new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: ["1"] }));
      const handle = fn.addVersion({ label: "2", codeDigest: "abc" });
      expect(handle.label).toBe("2");
      expect(fn.versionLabels).toEqual(["1", "2"]);
    });
    expect(synthesized).toHaveResourceWithProperties(ScfFunctionVersion, {
      description: "release 2 code abc",
    });
  });

  it.each([
    ["scf", '"$LATEST", "1", "2"'],
    ["fc3", '"LATEST", "1", "2"'],
    ["fc2", '"LATEST", "1", "2"'],
  ] as const)(
    "%s: an unknown label names the construct path, the bad label and the known labels",
    (platform, known) => {
      const { stack } = newStack();
      const fn = new FunctionWithVersions(stack, "fn", fnProps(platform, { versions: ["1", "2"] }));
      const e = thrown(() => fn.version("9"));
      expect(e).toBeInstanceOf(ReleaseValidationError);
      expect((e as ReleaseValidationError).constructPath).toBe("test/fn");
      expect(e.message.startsWith("test/fn: ")).toBe(true);
      expect(e.message).toContain('version "9"');
      expect(e.message).toContain(`allowed: ${known}.`);
    },
  );

  it("returns LATEST / $LATEST without a resource", () => {
    const { stack } = newStack();
    const scf = new FunctionWithVersions(stack, "scf", fnProps("scf", { functionName: "a1" }));
    const fc3 = new FunctionWithVersions(stack, "fc3", fnProps("fc3", { functionName: "a2" }));
    expect(scf.version("$LATEST")).toEqual({ label: "$LATEST", versionId: "$LATEST" });
    expect(fc3.version("LATEST")).toEqual({ label: "LATEST", versionId: "LATEST" });
    // Each cloud spells it its own way: the other spelling is an unknown label.
    expect(() => fc3.version("$LATEST")).toThrow(ReleaseValidationError);
    expect(() => scf.version("LATEST")).toThrow(ReleaseValidationError);
  });
});

describe("label validation", () => {
  it.each(PLATFORMS)("%s: a duplicate label is refused", (platform) => {
    const { stack } = newStack();
    const e = thrown(
      () => new FunctionWithVersions(stack, "fn", fnProps(platform, { versions: ["1", "2", "1"] })),
    );
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toBe(
      'test/fn: version label "1" is declared twice; allowed: each label once (versions are append-only)',
    );
  });

  it.each(["", "has space", "a/b", "ü", "x".repeat(65)])("invalid label %j is refused", (label) => {
    const { stack } = newStack();
    const e = thrown(() => new FunctionWithVersions(stack, "fn", fnProps("scf", { versions: [label] })));
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toBe(
      `test/fn: invalid version label ${JSON.stringify(label)}; allowed: 1-64 letters, digits, '.', '_' or '-'`,
    );
  });

  it("accepts labels with letters, digits, '.', '_' and '-' up to 64 characters", () => {
    synthStack((stack) => {
      new FunctionWithVersions(
        stack,
        "fn",
        fnProps("fc3", { versions: ["2026-11-checkout", "v1.2_3", "x".repeat(64)] }),
      );
    });
  });
});

describe("function name validation", () => {
  // The cloud APIs' rules (api-name-rules.md), which are stricter than the providers' validators.
  it.each([
    ["scf", "a", "2-60 letters, digits, '-' or '_', starting with a letter and not ending with '-' or '_'"],
    ["scf", "1orders", "2-60"],
    ["scf", "orders-", "2-60"],
    ["scf", "orders_", "2-60"],
    ["scf", "ord.ers", "2-60"],
    ["scf", "orders:v2", "2-60"],
    ["scf", "订单", "2-60"],
    ["scf", "o".repeat(61), "2-60"],
    ["fc3", "ord.ers", "1-64 letters, digits, '_' or '-', starting with a letter or '_'"],
    ["fc3", "my orders", "1-64"],
    ["fc3", "1-orders_", "1-64"],
    ["fc3", "-orders", "1-64"],
    ["fc3", "o".repeat(65), "1-64"],
    ["fc2", "1orders", "1-64 letters, digits, '_' or '-', starting with a letter or '_'"],
    ["fc2", "o".repeat(65), "1-64"],
  ] as const)("%s refuses %j", (platform, name, allowed) => {
    const { stack } = newStack();
    const e = thrown(() => new FunctionWithVersions(stack, "fn", fnProps(platform, { functionName: name })));
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toContain(`test/fn: invalid `);
    expect(e.message).toContain(`function name ${JSON.stringify(name)}; allowed: ${allowed}`);
  });

  it.each([
    ["scf", "ab"],
    ["scf", "orders-v2"],
    ["scf", "o".repeat(60)],
    ["fc3", "_orders-1"],
    ["fc3", "o".repeat(64)],
    ["fc2", "_orders"],
  ] as const)("%s accepts %j", (platform, name) => {
    synthStack((stack) => {
      new FunctionWithVersions(stack, "fn", fnProps(platform, { functionName: name }));
    });
  });

  it("FC 2.0 service names may have up to 128 characters, function names 64", () => {
    synthStack((stack) => {
      new FunctionWithVersions(stack, "fn", fnProps("fc2", { serviceName: "s".repeat(128) }));
    });
    const { stack } = newStack();
    expect(
      () => new FunctionWithVersions(stack, "fn", fnProps("fc2", { serviceName: "s".repeat(129) })),
    ).toThrow(
      /invalid Alibaba FC 2\.0 service name "s+\.\.\."; allowed: 1-128 letters, digits, '_' or '-', starting with a letter or '_'/,
    );
  });

  it.each(["my ns", "n".repeat(31), ""])("scf refuses namespace %j", (namespace) => {
    const { stack } = newStack();
    expect(() => new FunctionWithVersions(stack, "fn", fnProps("scf", { namespace }))).toThrow(
      `test/fn: invalid Tencent SCF namespace ${JSON.stringify(namespace)}; allowed: 1-30 letters, digits, '-' or '_'`,
    );
  });

  it("names the cloud in the message", () => {
    const { stack } = newStack();
    expect(() => new FunctionWithVersions(stack, "a", fnProps("scf", { functionName: "1x" }))).toThrow(
      /invalid Tencent SCF function name/,
    );
    expect(() => new FunctionWithVersions(stack, "b", fnProps("fc3", { functionName: "a.b" }))).toThrow(
      /invalid Alibaba FC 3\.0 function name/,
    );
  });
});

describe("other props validation", () => {
  it("refuses an unknown platform, listing the supported ones", () => {
    const { stack } = newStack();
    const e = thrown(() => new FunctionWithVersions(stack, "fn", fnProps("lambda" as never)));
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toMatch(/^test\/fn: unknown platform "lambda"; allowed: /);
    for (const p of PLATFORMS) expect(e.message).toContain(p);
  });

  it("refuses code that is not a FunctionCode", () => {
    const { stack } = newStack();
    const e = thrown(
      () =>
        new FunctionWithVersions(
          stack,
          "fn",
          fnProps("scf", { code: { source: "x" } as unknown as FunctionCode }),
        ),
    );
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toMatch(/^test\/fn: code must be a FunctionCode/);
  });

  it("refuses an unknown kind", () => {
    const { stack } = newStack();
    expect(() => new FunctionWithVersions(stack, "fn", fnProps("scf", { kind: "web" as never }))).toThrow(
      'test/fn: invalid kind "web"; allowed: "event", "http"',
    );
  });
});

describe("V24: two versions with the same code digest", () => {
  const versions = [
    { label: "1", codeDigest: "sha256:aaa" },
    { label: "2", codeDigest: "sha256:aaa" },
  ];

  it.each(PLATFORMS.filter((p) => p !== "fc2"))(
    "%s: warns by default (annotation on the function)",
    (platform) => {
      const { stack } = synthStack((stack) => {
        new FunctionWithVersions(stack, "fn", fnProps(platform, { versions }));
      });
      const w = warnings(stack);
      expect(w).toHaveLength(1);
      expect(w[0].path).toBe("test/fn");
      expect(w[0].message).toContain("[MultiplePublishesFromLatest]");
      expect(w[0].message).toContain("versions 1 and 2 both snapshot the same code");
    },
  );

  it("fc2: numeric ids with the same digest warn too", () => {
    const { stack } = synthStack((stack) => {
      new FunctionWithVersions(stack, "fn", fnProps("fc2", { versions }));
    });
    expect(warnings(stack).map((w) => w.message)).toEqual([
      expect.stringContaining("[MultiplePublishesFromLatest]"),
    ]);
  });

  it("is a ReleaseValidationError with strict: true", () => {
    const { stack } = newStack();
    const e = thrown(() => new FunctionWithVersions(stack, "fn", fnProps("fc3", { versions, strict: true })));
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toMatch(
      /^test\/fn: \[MultiplePublishesFromLatest\] versionSnapshots\[2\]: versions 1 and 2/,
    );
    expect((e as ReleaseValidationError).diagnostics.map((d) => d.rule)).toContain("V24");
  });

  it("different digests do not warn", () => {
    const { stack } = synthStack((stack) => {
      new FunctionWithVersions(
        stack,
        "fn",
        fnProps("scf", {
          versions: [
            { label: "1", codeDigest: "a" },
            { label: "2", codeDigest: "b" },
          ],
          strict: true,
        }),
      );
    });
    expect(warnings(stack)).toEqual([]);
  });
});

describe("determinism", () => {
  const build = (stack: TerraformStack) => {
    for (const platform of PLATFORMS) {
      new FunctionWithVersions(
        stack,
        platform,
        fnProps(platform, {
          functionName: `orders-${platform}`,
          versions: platform === "fc2" ? ["1", "2"] : [{ label: "1", codeDigest: "a" }, "2"],
          environment: { B: "2", A: "1" },
        }),
      );
    }
  };

  it("synthesizing the same app twice gives byte-identical JSON", () => {
    expect(synthStack(build).synthesized).toBe(synthStack(build).synthesized);
  });

  it("contains no absolute paths or timestamps", () => {
    const { synthesized } = synthStack(build);
    expect(synthesized).not.toContain(process.cwd());
    expect(synthesized).not.toContain(os.tmpdir());
    expect(synthesized).not.toContain(os.homedir());
    expect(synthesized).not.toMatch(/"\/[^"]*"/); // no string value starting with "/"
    expect(synthesized).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(synthesized).not.toMatch(/timestamp\(/);
  });
});
