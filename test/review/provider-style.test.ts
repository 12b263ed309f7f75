/**
 * Issue #17 on raw Terraform JSON (no Terraform): provider-style configurations
 * (test/fixtures/review/provider-style/, written the way the alicloud and tencentcloud providers' docs
 * and acceptance tests write them) are read exactly where they can be, and what raw JSON cannot
 * evaluate is named, never dropped and never a danger. Plus the false-positive suite: every
 * provider-style configuration is fine, so `review --raw` exits 0 on each.
 * Issue #13 items 6 and 7: rollbacks and guarded stages; the real Tencent service names.
 */
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import {
  checkWeightJump,
  InputError,
  load,
  releaseNotes,
  review,
  snapshotOf,
  versionChanges,
} from "../../src/review";
import { fixture, scfSnapshot, tempDir, writeJson } from "./fixtures";

const STYLE = fixture("provider-style");
const dir = (name: string) => path.join(STYLE, name);

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

async function reviewJson(name: string, ...extra: string[]) {
  const r = await cli(["review", "--raw", dir(name), "--json", ...extra]);
  expect(r.stderr).toBe("");
  return { code: r.code, json: JSON.parse(r.stdout) };
}

const rawFolders = fs
  .readdirSync(STYLE)
  .filter((d) => fs.statSync(dir(d)).isDirectory())
  .filter((d) => fs.readdirSync(dir(d)).some((f) => f.endsWith(".tf.json")));

describe("false positives: provider-style configurations that are fine exit 0 (raw JSON)", () => {
  test.each(rawFolders)("%s", async (name) => {
    const { code, json } = await reviewJson(name);
    expect(json.dangers).toEqual([]);
    expect(code).toBe(0);
  });
});

describe("issue #17 items on raw JSON", () => {
  test("1: a release whose service_id reads the API's service_id is linked to its service", async () => {
    const { code, json } = await reviewJson("tencent-release-via-api");
    expect(code).toBe(0);
    expect(json.stages).toEqual([
      expect.objectContaining({
        stage: "release",
        alias: "live",
        versions: "v1 100%",
        gateway: "tf-example-service",
      }),
    ]);
  });

  test("2: a release of a service with only HTTP APIs (Tencent) and an HTTP API (Alibaba) are notes on both clouds", async () => {
    const tencent = await reviewJson("tencent-http-only");
    const alibaba = await reviewJson("alicloud-http-api");
    expect([tencent.code, alibaba.code]).toEqual([0, 0]);
    expect(tencent.json.notes.join("\n")).toMatch(/publishes only APIs with other backends .*HTTP/);
    expect(alibaba.json.notes.join("\n")).toMatch(/service_type "HTTP" is not a function backend/);
  });

  test("3: variable defaults and locals are used; a name only Terraform knows is not evaluated, not invalid", async () => {
    const { code, json } = await reviewJson("tencent-variables");
    expect(code).toBe(0);
    expect(json.functions.map((f: { name: string }) => f.name)).toEqual(["orders"]);
    expect(json.aliases).toEqual([expect.objectContaining({ alias: "live", versions: "v1 90% | v2 10%" })]);
    expect(json.notEvaluated).toEqual([
      expect.objectContaining({
        address: "tencentcloud_scf_function_alias.by_namespace",
        reason: expect.stringContaining("var.namespace"),
      }),
    ]);
    const head = snapshotOf(load(dir("tencent-variables")));
    expect(head.functions[0].model.aliases[0]).toMatchObject({ description: "orders live" });
  });

  test("4: a stage without a qualifier calls LATEST (both clouds)", async () => {
    const tencent = await reviewJson("tencent-no-qualifier");
    const alibaba = await reviewJson("alicloud-no-qualifier");
    expect(tencent.json.stages[0]).toMatchObject({ qualifier: "$LATEST", versions: "$LATEST 100%" });
    expect(alibaba.json.stages[0]).toMatchObject({ qualifier: "LATEST", versions: "LATEST 100%" });
    expect(tencent.json.stages[0].problem).toBeUndefined();
    expect([tencent.code, alibaba.code]).toEqual([0, 0]);
  });

  test("5: a stage qualifier that references the alias resource is that alias, with its split", async () => {
    const tencent = await reviewJson("tencent-qualifier-ref-alias");
    const alibaba = await reviewJson("alicloud-qualifier-ref-alias");
    expect(tencent.json.stages[0]).toMatchObject({ alias: "canary", versions: "v1 80% | v2 20%" });
    expect(alibaba.json.stages[0]).toMatchObject({ alias: "live", versions: "v1 70% | v2 30%" });
  });

  test("6, 7: count, for_each and dynamic are named as not evaluated, with the address, and are no danger", async () => {
    const { code, json } = await reviewJson("tencent-count-json");
    expect(code).toBe(0);
    expect(
      json.notEvaluated.map((n: { address: string; reason: string }) => `${n.address} ${n.reason}`),
    ).toEqual([
      "tencentcloud_scf_function_version.v has count",
      "tencentcloud_scf_function_alias.stage has for_each",
      "tencentcloud_scf_function_alias.weighted has a dynamic block",
    ]);
    // Not read as one alias at 100%: the text report names them under its own heading.
    const text = await cli(["review", "--raw", dir("tencent-count-json")]);
    expect(text.stdout).toContain("Not evaluated — run with a plan (3)");
    expect(text.stdout).not.toMatch(/\$LATEST 100%/);
  });

  test("8: a folder of *.tf.json files is one configuration (references across files)", async () => {
    const { code, json } = await reviewJson("tencent-multi-file");
    expect(code).toBe(0);
    expect(json.head.stacks).toEqual(["tencent-multi-file"]);
    expect(json.aliases).toEqual([expect.objectContaining({ alias: "release", versions: "v1 95% | v2 5%" })]);
  });

  test("9: a module call is named as not evaluated; a duplicate resource name says so", async () => {
    const { code, json } = await reviewJson("module-json");
    expect(code).toBe(0);
    expect(json.notEvaluated).toEqual([
      expect.objectContaining({
        address: "module.release_alias",
        reason: "is a module call (source ./modules/alias)",
      }),
    ]);
    const d = tempDir();
    const fn = { tencentcloud_scf_function: { foo: [{ name: "a" }] } };
    writeJson(d, "a.tf.json", { resource: fn });
    writeJson(d, "b.tf.json", { resource: fn });
    expect(() => load(d)).toThrow(InputError);
    expect(() => load(d)).toThrow(/resource tencentcloud_scf_function\.foo is declared twice/);
    const one = tempDir();
    writeJson(one, "main.tf.json", {
      resource: { tencentcloud_scf_function: { foo: [{ name: "a" }, { name: "b" }] } },
    });
    expect(() => load(one)).toThrow(/declared 2 times \(Terraform refuses a duplicate resource name\)/);
  });

  test("10: V6 on FC 2.0 (the provider's fc_alias acceptance test) is a note by default, a danger on request", async () => {
    const fine = await reviewJson("alicloud-fc2-alias-acceptance");
    expect(fine.code).toBe(0);
    expect(fine.json.notes.join("\n")).toMatch(/\(V6\).*acceptance test/);
    const strict = await reviewJson("alicloud-fc2-alias-acceptance", "--fc2-primary-in-weights", "danger");
    expect(strict.code).toBe(1);
    expect(strict.json.dangers).toEqual([
      expect.objectContaining({ id: "invalid-routing", where: "alicloud_fc_alias.default" }),
    ]);
    // FC 3.0 keeps V6 as a danger.
    const fc3 = await cli(["review", "--raw", fixture("fc3-handwritten.tf.json"), "--json"]);
    expect([0, 1]).toContain(fc3.code);
  });

  test("unknown values are unknown, not invalid: a weight from a variable without a default", () => {
    const d = tempDir();
    writeJson(d, "main.tf.json", {
      variable: { w: [{ type: "number" }] },
      resource: {
        tencentcloud_scf_function: { f: [{ name: "u" }] },
        tencentcloud_scf_function_version: {
          v1: [{ function_name: "${tencentcloud_scf_function.f.name}", description: "release 1" }],
          v2: [{ function_name: "${tencentcloud_scf_function.f.name}", description: "release 2" }],
        },
        tencentcloud_scf_function_alias: {
          a: [
            {
              function_name: "${tencentcloud_scf_function.f.name}",
              name: "release",
              function_version: "${tencentcloud_scf_function_version.v1.function_version}",
              routing_config: [
                {
                  additional_version_weights: [
                    {
                      version: "${tencentcloud_scf_function_version.v2.function_version}",
                      weight: "${var.w}",
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
    });
    const result = review(load(d));
    expect(result.dangers).toEqual([]);
    expect(result.exitCode).toBe(0);
  });
});

describe("issue #13 item 6: rollbacks and guarded stages", () => {
  const release = (primary: string, weights: [string, number][] = []) => ({ release: { primary, weights } });
  const prepub = (primary: string) => ({ prepub: { primary, weights: [] as [string, number][] } });

  test("a rollback (release 100% v2 → v1) is a rollback release note, not a weight jump", () => {
    const base = scfSnapshot({ versions: ["v1", "v2"], aliases: release("v2") });
    const head = scfSnapshot({ versions: ["v1", "v2"], aliases: release("v1") });
    const found = checkWeightJump.check({ base, head, versionChanges: [], releaseChanges: [], options: {} });
    expect(found).toEqual([]);
    const notes = releaseNotes(base, head, versionChanges(base, head));
    expect(notes).toEqual([
      expect.objectContaining({ rollback: true, text: "release (rollback): v2 100% → v1 100%" }),
    ]);
  });

  test("an aborted canary (v1 90% | v2 10% → v1 100%) is a rollback", () => {
    const base = scfSnapshot({ versions: ["v1", "v2"], aliases: release("v1", [["v2", 0.1]]) });
    const head = scfSnapshot({ versions: ["v1", "v2"], aliases: release("v1") });
    expect(releaseNotes(base, head, [])[0]).toMatchObject({ rollback: true });
  });

  test("a promotion (v1 → v2 100%) stays a weight jump", () => {
    const base = scfSnapshot({ versions: ["v1", "v2"], aliases: release("v1") });
    const head = scfSnapshot({ versions: ["v1", "v2"], aliases: release("v2") });
    const found = checkWeightJump.check({ base, head, versionChanges: [], releaseChanges: [], options: {} });
    expect(found.map((d) => d.id)).toEqual(["weight-jump"]);
  });

  test("prepub moving v1 → v3 is not guarded by default; --guard-stage prepub guards it", () => {
    const spec = (v: string) => ({
      versions: ["v1", "v2", "v3"],
      aliases: prepub(v),
      stages: { prepub: "prepub" },
    });
    const base = scfSnapshot(spec("v1"));
    const head = scfSnapshot(spec("v3"));
    const ctx = { base, head, versionChanges: [], releaseChanges: [] };
    expect(checkWeightJump.check({ ...ctx, options: {} })).toEqual([]);
    expect(
      checkWeightJump.check({ ...ctx, options: { guardedStages: ["prepub"] } }).map((d) => d.id),
    ).toEqual(["weight-jump"]);
  });

  test("the CLI: --guard-stage is checked", async () => {
    const r = await cli(["review", "--raw", dir("tencent-multi-file"), "--guard-stage", "canary"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--guard-stage needs release, prepub or dev/);
  });
});

describe("issue #13 item 7: the real Tencent service names", () => {
  test("a service per stage is shown by its real name", () => {
    const head = scfSnapshot({
      versions: ["v1"],
      aliases: { release: { primary: "v1", weights: [] } },
      stages: { release: "release" },
    });
    expect(head.stages.map((s) => [s.gateway, s.cloudName])).toEqual([["orders_api", "orders_api_release"]]);
  });
});
