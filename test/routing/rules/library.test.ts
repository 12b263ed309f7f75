/**
 * Request and library-level rules (routing-semantics.md §8): V21 parseRoutingKey, V22 entry-point qualifiers,
 * V23–V25, V27, V28 on the model, and V26 on synthesized Terraform JSON.
 */
import { routingDigest } from "../../../src/routing/digest";
import {
  checkServiceReleaseLifecycle,
  parseRoutingKey,
  ROUTING_KEY_MAX_BYTES,
  SERVICE_RELEASE_TYPE,
  V22_EntryPointQualifier,
  V23_VersionRemovedWhileReferenced,
  V24_OnePublishPerChange,
  V25_ScfDescriptionCarriesDigest,
  V27_ScfRulesBehindGateway,
  V28_ProvisionedConcurrencyOnVersion,
} from "../../../src/routing/rules";
import { EntryPoint, FunctionModel } from "../../../src/routing/types";
import { validate, ValidateOptions } from "../../../src/routing/validate";
import {
  check,
  Expected,
  expectCompliant,
  expectDiagnostic,
  expectNoncompliant,
  expectRuleSilent,
  fc2Model,
  fc3Model,
  isUnresolved,
  scfAlias,
  scfModel,
  scfRuleAlias,
  scfWith,
  title,
  TOKEN,
} from "./fixtures";

interface Row {
  readonly label: string;
  readonly model: FunctionModel;
  readonly opts?: ValidateOptions;
  readonly expected: Expected;
}

const entry = (qualifier: unknown, name = "prod", via: EntryPoint["via"] = "invoke") => ({
  name,
  qualifier,
  via,
});

describe("V21 parseRoutingKey [InvalidParameterValue.Param]", () => {
  test.each([
    { label: '{"User":"Bob"}', raw: '{"User":"Bob"}', value: { User: "Bob" } },
    { label: "empty object", raw: "{}", value: {} },
    {
      label: "several keys, whitespace",
      raw: ' { "User" : "Bob", "Route" : "42" } ',
      value: { User: "Bob", Route: "42" },
    },
    { label: "non-ASCII values", raw: '{"User":"名字"}', value: { User: "名字" } },
    {
      label: `exactly ${ROUTING_KEY_MAX_BYTES} bytes`,
      raw: `{"k":"${"x".repeat(ROUTING_KEY_MAX_BYTES - 8)}"}`,
      value: { k: "x".repeat(ROUTING_KEY_MAX_BYTES - 8) },
    },
  ])("Compliance: $label", ({ raw, value }) => {
    const parsed = parseRoutingKey(raw);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect({ ...parsed.value }).toEqual(value);
  });

  const ALLOWED = `a JSON object of string values of at most ${ROUTING_KEY_MAX_BYTES} bytes, e.g. {"User":"Bob"}`;
  const tooLong = `{"k":"${"x".repeat(ROUTING_KEY_MAX_BYTES - 7)}"}`;
  const tooManyBytes = `{"k":"${"é".repeat(510)}"}`; // 510 characters but 1028 bytes
  test.each([
    { label: "not JSON", raw: "User=Bob", value: '"User=Bob"', mention: "not valid JSON" },
    {
      label: "truncated JSON",
      raw: '{"User":"Bob"',
      value: '"{\\"User\\":\\"Bob\\""',
      mention: "not valid JSON",
    },
    { label: "an array", raw: '["Bob"]', value: '"[\\"Bob\\"]"', mention: "not a JSON object" },
    { label: "a JSON string", raw: '"Bob"', value: '"\\"Bob\\""', mention: "not a JSON object" },
    { label: "null", raw: "null", value: '"null"', mention: "not a JSON object" },
    {
      label: "a number value",
      raw: '{"User":1}',
      value: '"{\\"User\\":1}"',
      mention: 'value of "User" is not a string',
    },
    {
      label: "a nested object value",
      raw: '{"User":{"id":"1"}}',
      value: '"{\\"User\\":{\\"id\\":\\"1\\"}}"',
      mention: 'value of "User" is not a string',
    },
    { label: "a null value", raw: '{"User":null}', value: '"{\\"User\\":null}"', mention: "is not a string" },
    {
      label: `${ROUTING_KEY_MAX_BYTES + 1} bytes`,
      raw: tooLong,
      value: `"${ROUTING_KEY_MAX_BYTES + 1} bytes"`,
      mention: "longer than 1024 bytes",
    },
    {
      label: "1028 bytes in 510 multi-byte characters",
      raw: tooManyBytes,
      value: '"1028 bytes"',
      mention: "longer than 1024 bytes",
    },
    { label: "not a string", raw: { User: "Bob" }, value: '{"User":"Bob"}', mention: "not a string" },
  ])("Noncompliance $#: $label", ({ raw, value, mention }) => {
    const parsed = parseRoutingKey(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expectDiagnostic(parsed.diagnostic, {
      rule: "V21",
      code: "InvalidParameterValue.Param",
      path: "request.routingKey",
      value,
      allowed: ALLOWED,
      mentions: [mention],
    });
  });

  test("the path names the caller's field", () => {
    const parsed = parseRoutingKey("nope", "requests[3].routingKey");
    expect(parsed.ok || parsed.diagnostic.path).toBe("requests[3].routingKey");
  });

  test("keys such as __proto__ stay plain data", () => {
    const parsed = parseRoutingKey('{"__proto__":"x","User":"Bob"}');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.value.__proto__).toBe("x");
      expect(Object.keys(parsed.value)).toEqual(["__proto__", "User"]);
    }
  });
});

describe(title(V22_EntryPointQualifier, "EntryPointQualifier"), () => {
  test.each([
    {
      label: "fc2 alias, version and LATEST",
      model: fc2Model({ entryPoints: [entry("release"), entry("2", "a"), entry("LATEST", "b")] }),
    },
    { label: "fc3 alias", model: fc3Model({ entryPoints: [entry("release", "prod", "apigateway")] }) },
    {
      label: "scf $DEFAULT, $LATEST, alias and version",
      model: scfModel({
        entryPoints: [
          entry("$DEFAULT", "a", "trigger"),
          entry("$LATEST", "b"),
          entry("release", "c"),
          entry("1", "d"),
        ],
      }),
    },
    { label: "no entry points", model: scfModel({ entryPoints: [] }) },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V22_EntryPointQualifier, model);
  });

  const P = "entryPoints[prod].qualifier";
  test.each<Row>([
    {
      label: "fc2: unknown alias → AliasNotFound",
      model: fc2Model({ entryPoints: [entry("canary", "prod", "apigateway")] }),
      expected: {
        code: "AliasNotFound",
        path: P,
        value: '"canary"',
        allowed: '"LATEST", "1", "2", "3", "release"',
        mentions: ["alias canary of service 'svc' does not exist"],
      },
    },
    {
      label: "fc2: unknown digit string → VersionNotFound",
      model: fc2Model({ entryPoints: [entry("9")] }),
      expected: {
        code: "VersionNotFound",
        path: P,
        value: '"9"',
        allowed: '"LATEST", "1", "2", "3", "release"',
        mentions: ["version '9' of service 'svc' does not exist"],
      },
    },
    {
      label: "fc3: unknown alias names the function",
      model: fc3Model({ entryPoints: [entry("canary")] }),
      expected: {
        code: "AliasNotFound",
        path: P,
        value: '"canary"',
        allowed: '"release"',
        mentions: ["alias canary of function 'fn' does not exist"],
      },
    },
    {
      label: "fc3: unknown version",
      model: fc3Model({ entryPoints: [entry("10")] }),
      expected: {
        code: "VersionNotFound",
        path: P,
        value: '"10"',
        allowed: '"LATEST"',
        mentions: ["version '10' of function 'fn'"],
      },
    },
    {
      label: "fc: SCF's $LATEST is unknown",
      model: fc2Model({ entryPoints: [entry("$LATEST")] }),
      expected: { code: "AliasNotFound", path: P, value: '"$LATEST"', allowed: '"LATEST"' },
    },
    {
      label: "scf: unknown alias → InvalidParameterValue.Qualifier",
      model: scfModel({ entryPoints: [entry("canary")] }),
      expected: {
        code: "InvalidParameterValue.Qualifier",
        path: P,
        value: '"canary"',
        allowed: '"$LATEST", "1", "2", "3", "release", "$DEFAULT"',
        mentions: ["function 'fn'"],
      },
    },
    {
      label: "scf: unknown version → InvalidParameterValue.Qualifier",
      model: scfModel({ entryPoints: [entry("9")] }),
      expected: { code: "InvalidParameterValue.Qualifier", path: P, value: '"9"', allowed: '"$DEFAULT"' },
    },
    {
      label: "scf: FC's LATEST is unknown",
      model: scfModel({ entryPoints: [entry("LATEST")] }),
      expected: { code: "InvalidParameterValue.Qualifier", path: P, value: '"LATEST"', allowed: '"$LATEST"' },
    },
    {
      label: "qualifier missing",
      model: scfModel({ entryPoints: [entry(undefined)] }),
      expected: {
        code: "InvalidParameterValue.Qualifier",
        path: P,
        value: "undefined",
        allowed: '"release"',
      },
    },
  ])("Noncompliance $#: $label", ({ model, expected }) => {
    const d = expectNoncompliant(V22_EntryPointQualifier, model, expected);
    expect(d.httpStatus).toBe(model.platform === "scf" ? undefined : 404);
  });

  test("an entry point without a name is reported by index", () => {
    const [d] = check(
      V22_EntryPointQualifier,
      scfModel({ entryPoints: [entry("release", "a"), { qualifier: "x" }] }),
    );
    expect(d.path).toBe("entryPoints[1].qualifier");
  });

  test("token qualifier → no diagnostic", () => {
    const model = scfModel({ entryPoints: [entry(TOKEN)] });
    expectRuleSilent(V22_EntryPointQualifier, model, { isUnresolved });
    expect(validate(model, { isUnresolved }).diagnostics).toEqual([]);
  });
});

describe(title(V23_VersionRemovedWhileReferenced, "VersionRemovedWhileReferenced"), () => {
  test.each([
    { label: "no previous synthesis", model: scfModel(), opts: {} },
    { label: "unchanged", model: scfModel(), opts: { previous: scfModel() } },
    {
      label: "dropping an unreferenced version",
      model: scfModel({ publishedVersions: ["1", "2"] }),
      opts: { previous: scfModel() },
    },
    {
      label: "adding a version",
      model: fc2Model({ publishedVersions: ["1", "2", "3", "4"] }),
      opts: { previous: fc2Model() },
    },
    {
      label: "dropping a version after moving the alias off it",
      model: scfModel({
        publishedVersions: ["2", "3"],
        aliases: [scfAlias({ primary: "2", weights: [{ version: "3", weight: 0.1 }] })],
      }),
      opts: { previous: scfModel() },
    },
  ])("Compliance: $label", ({ model, opts }) => {
    expectCompliant(V23_VersionRemovedWhileReferenced, model, opts);
  });

  test.each<Row>([
    {
      label: "scf: the primary's version removed",
      model: scfModel({ publishedVersions: ["2", "3"] }),
      opts: { previous: scfModel() },
      expected: {
        code: "VersionStillReferenced",
        path: "publishedVersions",
        value: '"1"',
        allowed: "move alias release off version 1 first",
        mentions: ["version 1 was removed but alias release still references it"],
      },
    },
    {
      label: "scf: the additional (weighted) version removed",
      model: scfModel({ publishedVersions: ["1", "3"] }),
      opts: { previous: scfModel() },
      expected: {
        code: "VersionStillReferenced",
        path: "publishedVersions",
        value: '"2"',
        allowed: "move alias release off version 2",
      },
    },
    {
      label: "scf: the matched version removed",
      model: scfModel({ publishedVersions: ["1", "3"], aliases: [scfRuleAlias()] }),
      opts: { previous: scfModel({ aliases: [scfRuleAlias()] }) },
      expected: {
        code: "VersionStillReferenced",
        path: "publishedVersions",
        value: '"2"',
        allowed: "move alias release off version 2",
      },
    },
    {
      label: "fc2: the additional version removed",
      model: fc2Model({ publishedVersions: ["1", "3"] }),
      opts: { previous: fc2Model() },
      expected: {
        code: "VersionStillReferenced",
        path: "publishedVersions",
        value: '"2"',
        allowed: "move alias release off version 2",
      },
    },
    {
      label: "fc3: the primary's version removed",
      model: fc3Model({ publishedVersions: ["2", "3"] }),
      opts: { previous: fc3Model() },
      expected: {
        code: "VersionStillReferenced",
        path: "publishedVersions",
        value: '"1"',
        allowed: "move alias release off version 1",
      },
    },
    {
      label: "a version an entry point calls directly",
      model: scfModel({ publishedVersions: ["1", "2"], entryPoints: [entry("3", "prod")] }),
      opts: { previous: scfModel() },
      expected: {
        code: "VersionStillReferenced",
        path: "publishedVersions",
        value: '"3"',
        allowed: "move entry point prod off version 3",
      },
    },
  ])("Noncompliance $#: $label", ({ model, opts, expected }) => {
    expectNoncompliant(V23_VersionRemovedWhileReferenced, model, expected, opts);
  });

  test("every referencing alias is named", () => {
    const model = scfModel({
      publishedVersions: ["1", "3"],
      aliases: [scfAlias(), scfAlias({ name: "canary", primary: "2", weights: [] })],
    });
    const [d] = check(V23_VersionRemovedWhileReferenced, model, { previous: scfModel() });
    expect(d.message).toContain("alias release, alias canary still references it");
  });
});

describe(title(V24_OnePublishPerChange, "OnePublishPerChange"), () => {
  test.each([
    {
      label: "distinct snapshots",
      model: scfModel({ versionSnapshots: { "1": "a", "2": "b", "3": "c" } }),
      opts: {},
    },
    {
      label: "one new version",
      model: scfModel(),
      opts: { previous: scfModel({ publishedVersions: ["1", "2"] }) },
    },
    {
      label: "one new version with strictPublishing",
      model: fc3Model(),
      opts: { previous: fc3Model({ publishedVersions: ["1", "2"] }), options: { strictPublishing: true } },
    },
    { label: "no previous synthesis", model: fc2Model(), opts: {} },
  ])("Compliance: $label", ({ model, opts }) => {
    expectCompliant(V24_OnePublishPerChange, model, opts);
  });

  const twoNew = { previous: scfModel({ publishedVersions: ["1"], aliases: [scfAlias({ weights: [] })] }) };
  test.each<Row>([
    {
      // §8 V24 says "error"; since 4856c23 it is a warning unless strictPublishing (the construct's `strict`).
      label: "two versions snapshot the same code → warning",
      model: scfModel({ versionSnapshots: { "1": "a", "2": "b", "3": "b" } }),
      expected: {
        code: "MultiplePublishesFromLatest",
        severity: "warning",
        path: "versionSnapshots[3]",
        value: '"b"',
        allowed: "one version per code snapshot; keep the older entry",
        mentions: ["versions 2 and 3 both snapshot the same code"],
      },
    },
    {
      label: "two versions snapshot the same code with strictPublishing → error",
      model: scfModel({ versionSnapshots: { "1": "a", "2": "b", "3": "b" } }),
      opts: { options: { strictPublishing: true } },
      expected: {
        code: "MultiplePublishesFromLatest",
        path: "versionSnapshots[3]",
        value: '"b"',
        allowed: "one version per code snapshot; keep the older entry",
      },
    },
    {
      label: "fc2: two versions snapshot the same code with strictPublishing → error",
      model: fc2Model({ versionSnapshots: { "1": "a", "2": "a" } }),
      opts: { options: { strictPublishing: true } },
      expected: {
        code: "MultiplePublishesFromLatest",
        path: "versionSnapshots[2]",
        value: '"a"',
        allowed: "one version per code snapshot",
      },
    },
    {
      label: "two new versions in one change → warning",
      model: scfModel(),
      opts: twoNew,
      expected: {
        code: "MultiplePublishesFromLatest",
        severity: "warning",
        path: "publishedVersions",
        value: '["2","3"]',
        allowed: "at most one new version per function per apply",
        mentions: ["2 new versions in one change"],
      },
    },
    {
      label: "two new versions in one change with strictPublishing → error",
      model: scfModel(),
      opts: { ...twoNew, options: { strictPublishing: true } },
      expected: {
        code: "MultiplePublishesFromLatest",
        path: "publishedVersions",
        value: '["2","3"]',
        allowed: "at most one new version per function per apply",
      },
    },
  ])("Noncompliance $#: $label", ({ model, opts, expected }) => {
    expectNoncompliant(V24_OnePublishPerChange, model, expected, opts);
  });

  test("two new versions: a warning only, the model validates ok", () => {
    const result = validate(scfModel(), twoNew);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((d) => d.rule)).toEqual(["V24"]);
  });
});

describe(title(V25_ScfDescriptionCarriesDigest, "ScfDescriptionCarriesDigest"), () => {
  const alias = scfAlias();
  const digest = routingDigest("scf", alias);
  const rule = scfRuleAlias();

  test("the digest reads like a release note", () => {
    expect(digest).toBe("v1 90% | v2 10%");
    expect(routingDigest("scf", rule)).toBe('v1 | invoke.headers.User exact "Bob" → v2');
  });

  test.each([
    { label: "no description (derived)", model: scfModel() },
    { label: "description with the digest", model: scfWith({ description: `release: ${digest}` }) },
    { label: "the digest alone", model: scfWith({ description: digest }) },
    {
      label: "rule routing with its digest",
      model: scfModel({
        aliases: [{ ...rule, description: `managed by cdktf; ${routingDigest("scf", rule)}` }],
      }),
    },
    { label: "$DEFAULT is exempt", model: scfWith({ name: "$DEFAULT", description: "built-in" }) },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V25_ScfDescriptionCarriesDigest, model);
  });

  test("FC aliases are out of scope", () => {
    expect(
      check(
        V25_ScfDescriptionCarriesDigest,
        fc3Model({ aliases: [{ name: "r", versionId: "1", description: "x" }] }),
      ),
    ).toEqual([]);
  });

  const ALLOWED = `a description containing the routing digest "${digest}"`;
  test.each<Row>([
    {
      label: "a description without the digest",
      model: scfWith({ description: "canary" }),
      expected: {
        code: "AliasDescriptionWithoutRoutingDigest",
        path: "aliases[release].description",
        value: '"canary"',
        allowed: ALLOWED,
      },
    },
    {
      label: "a stale digest (weights changed since)",
      model: scfWith({ description: "release: v1 80% | v2 20%" }),
      expected: {
        code: "AliasDescriptionWithoutRoutingDigest",
        path: "aliases[release].description",
        value: '"release: v1 80% | v2 20%"',
        allowed: ALLOWED,
        mentions: ["version-only change would never reach the cloud"],
      },
    },
    {
      label: "a stale digest (primary changed since)",
      model: scfWith({ primary: "3", description: `release: ${digest}` }),
      expected: {
        code: "AliasDescriptionWithoutRoutingDigest",
        path: "aliases[release].description",
        value: `"release: ${digest}"`,
        allowed: 'the routing digest "v3 90% | v2 10%"',
      },
    },
    {
      label: "an empty description",
      model: scfWith({ description: "" }),
      expected: {
        code: "AliasDescriptionWithoutRoutingDigest",
        path: "aliases[release].description",
        value: '""',
        allowed: ALLOWED,
      },
    },
    {
      label: "a description that is not a string",
      model: scfWith({ description: 42 }),
      expected: {
        code: "AliasDescriptionWithoutRoutingDigest",
        path: "aliases[release].description",
        value: "42",
        allowed: ALLOWED,
      },
    },
  ])("Noncompliance $#: $label", ({ model, expected }) => {
    expectNoncompliant(V25_ScfDescriptionCarriesDigest, model, expected);
  });

  test("token description → no diagnostic", () => {
    expectRuleSilent(V25_ScfDescriptionCarriesDigest, scfWith({ description: TOKEN }), { isUnresolved });
  });
});

describe(`V26 checkServiceReleaseLifecycle [ReleaseCreateBeforeDestroy]`, () => {
  const release = (extra: object = {}) => ({
    service_id: "${tencentcloud_api_gateway_service.svc.id}",
    environment_name: "release",
    release_desc: "v1 90% | v2 10%",
    ...extra,
  });
  const tf = (releases: object, other: object = {}) => ({
    resource: { [SERVICE_RELEASE_TYPE]: releases, ...other },
  });

  test.each([
    { label: "no lifecycle", json: tf({ prod: release() }) },
    {
      label: "create_before_destroy false",
      json: tf({ prod: release({ lifecycle: { create_before_destroy: false } }) }),
    },
    {
      label: "other lifecycle settings",
      json: tf({ prod: release({ lifecycle: { prevent_destroy: true } }) }),
    },
    {
      label: "create_before_destroy on other resource types",
      json: {
        resource: {
          tencentcloud_scf_function_alias: { release: { lifecycle: { create_before_destroy: true } } },
        },
      },
    },
    { label: "no resources", json: { terraform: {} } },
    { label: "empty object", json: {} },
    { label: "not an object", json: "resource" },
    { label: "null", json: null },
  ])("Compliance: $label", ({ json }) => {
    expect(checkServiceReleaseLifecycle(json)).toEqual([]);
  });

  test.each([
    {
      label: "create_before_destroy on a release",
      json: tf({ prod: release({ lifecycle: { create_before_destroy: true } }) }),
      path: `${SERVICE_RELEASE_TYPE}.prod.lifecycle`,
      value: '{"create_before_destroy":true}',
    },
    {
      label: "one bad release among two",
      json: tf({
        test: release({ environment_name: "test" }),
        prod: release({ lifecycle: { create_before_destroy: true, ignore_changes: ["release_desc"] } }),
      }),
      path: `${SERVICE_RELEASE_TYPE}.prod.lifecycle`,
      value: '{"create_before_destroy":true,"ignore_changes":["release_desc"]}',
    },
  ])("Noncompliance $#: $label", ({ json, path, value }) => {
    const diags = checkServiceReleaseLifecycle(json);
    expect(diags).toHaveLength(1);
    expectDiagnostic(diags[0], {
      rule: "V26",
      code: "ReleaseCreateBeforeDestroy",
      path,
      value,
      allowed: "the default destroy-then-create replacement",
      mentions: ["leaves its environment unpublished"],
    });
  });

  test("every offending release is reported", () => {
    const json = tf({
      a: release({ lifecycle: { create_before_destroy: true } }),
      b: release({ lifecycle: { create_before_destroy: true } }),
    });
    expect(checkServiceReleaseLifecycle(json).map((d) => d.path)).toEqual([
      `${SERVICE_RELEASE_TYPE}.a.lifecycle`,
      `${SERVICE_RELEASE_TYPE}.b.lifecycle`,
    ]);
  });
});

describe(title(V27_ScfRulesBehindGateway, "ScfRulesBehindGateway"), () => {
  const callers = (...entryPoints: unknown[]) => scfModel({ aliases: [scfRuleAlias()], entryPoints });
  const rules = callers();
  const viaGateway = callers(entry("release", "prod", "apigateway"));

  test.each([
    {
      label: "rule alias called with Invoke",
      model: callers(entry("release", "a")),
      opts: {},
    },
    {
      label: "rule alias called through the gateway and by a trigger",
      model: callers(entry("release", "prod", "apigateway"), entry("release", "cron", "trigger")),
      opts: {},
    },
    { label: "rule alias without callers", model: rules, opts: {} },
    {
      label: "weighted alias behind the gateway",
      model: scfModel({ entryPoints: [entry("release", "prod", "apigateway")] }),
      opts: {},
    },
    { label: "gatewayRoutingKey", model: viaGateway, opts: { options: { gatewayRoutingKey: true } } },
  ])("Compliance: $label", ({ model, opts }) => {
    expectCompliant(V27_ScfRulesBehindGateway, model, opts);
  });

  test.each<Row>([
    {
      label: "rule alias reached only through API Gateway",
      model: viaGateway,
      expected: {
        code: "RoutingKeyNotSentByGateway",
        severity: "warning",
        path: "aliases[release].matches",
        value: '["prod"]',
        allowed: "the gatewayRoutingKey option",
        mentions: ["API Gateway is not documented to fill RoutingKey"],
      },
    },
    {
      label: "two gateway stages",
      model: callers(entry("release", "prod", "apigateway"), entry("release", "pre", "apigateway")),
      expected: {
        code: "RoutingKeyNotSentByGateway",
        severity: "warning",
        path: "aliases[release].matches",
        value: '["prod","pre"]',
        allowed: "callers that pass RoutingKey",
      },
    },
  ])("Noncompliance $#: $label", ({ model, opts, expected }) => {
    expectNoncompliant(V27_ScfRulesBehindGateway, model, expected, opts);
  });

  test("a warning only: the model validates ok", () => {
    const result = validate(viaGateway);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((d) => d.rule)).toEqual(["V27"]);
  });
});

describe(title(V28_ProvisionedConcurrencyOnVersion, "ProvisionedConcurrencyOnVersion"), () => {
  test.each([
    { label: "a published version", model: scfModel({ provisionedConcurrency: [{ qualifier: "2" }] }) },
    { label: "none", model: scfModel({ provisionedConcurrency: [] }) },
  ])("Compliance: $label", ({ model }) => {
    expectCompliant(V28_ProvisionedConcurrencyOnVersion, model);
  });

  const ALLOWED = 'a published version: "1", "2", "3" (not $LATEST or an alias)';
  test.each<Row>(
    [
      ["$LATEST", '"$LATEST"'],
      ["$DEFAULT", '"$DEFAULT"'],
      ["release", '"release"'],
      ["9", '"9"'],
      [undefined, "undefined"],
    ].map(([qualifier, value]) => ({
      label: String(qualifier),
      model: scfModel({ provisionedConcurrency: [{ qualifier: "1" }, { qualifier }] }),
      expected: {
        code: "InvalidParameterValue.Qualifier",
        path: "provisionedConcurrency[1].qualifier",
        value: value as string,
        allowed: ALLOWED,
        mentions: ["needs a numbered version"],
      },
    })),
  )("Noncompliance $#: $label", ({ model, expected }) => {
    expectNoncompliant(V28_ProvisionedConcurrencyOnVersion, model, expected);
  });

  test("token qualifier → no diagnostic", () => {
    const model = scfModel({ provisionedConcurrency: [{ qualifier: TOKEN }] });
    expectRuleSilent(V28_ProvisionedConcurrencyOnVersion, model, { isUnresolved });
    expect(validate(model, { isUnresolved }).diagnostics).toEqual([]);
  });
});
