/** Loading: cdktf.out folders, Terraform JSON files, plans; every bad input an InputError naming the file. */
import * as fs from "fs";
import * as path from "path";
import { InputError, load, parsePlan } from "../../src/review";
import { fixture, scfJson, synthRelease, tempDir, writeJson } from "./fixtures";

describe("load", () => {
  let out: string;
  beforeAll(() => {
    out = synthRelease(path.join(tempDir(), "cdktf.out"), {
      "orders-scf": {
        platform: "scf",
        versions: ["1", "2"],
        release: { version: "1", canary: { version: "2", weight: 0.1 } },
      },
      "orders-fc3": { platform: "fc3", versions: ["1"], release: { version: "1" } },
    });
  });

  test("a cdktf.out folder: every stack of manifest.json", () => {
    const loaded = load(out);
    expect(loaded.kind).toBe("synth");
    if (loaded.kind !== "synth") return;
    expect(loaded.docs.map((d) => d.stack).sort()).toEqual(["orders-fc3", "orders-scf"]);
    const scf = loaded.docs.find((d) => d.stack === "orders-scf")!;
    expect(scf.file).toBe(path.join(out, "stacks", "orders-scf", "cdk.tf.json"));
    expect(scf.resources.map((r) => r.type)).toContain("tencentcloud_scf_function_alias");
    // cdktf's "//" metadata is not a resource.
    expect(scf.resources.some((r) => r.name.startsWith("//"))).toBe(false);
  });

  test("a stack's cdk.tf.json, named by its metadata", () => {
    const loaded = load(path.join(out, "stacks", "orders-fc3", "cdk.tf.json"));
    expect(loaded.kind === "synth" && loaded.docs.map((d) => d.stack)).toEqual(["orders-fc3"]);
  });

  test("manifest.json itself reads the whole output", () => {
    const loaded = load(path.join(out, "manifest.json"));
    expect(loaded.kind === "synth" && loaded.docs).toHaveLength(2);
  });

  test("a folder without manifest.json: its cdk.tf.json files, else its *.tf.json files", () => {
    const dir = tempDir();
    writeJson(dir, "a/cdk.tf.json", scfJson({ versions: ["v1"] }));
    writeJson(dir, "b/cdk.tf.json", scfJson({ versions: ["v1"] }));
    const loaded = load(dir);
    expect(loaded.kind === "synth" && loaded.docs.map((d) => d.stack)).toEqual(["a", "b"]);

    const flat = tempDir();
    writeJson(flat, "main.tf.json", scfJson({ versions: ["v1"] }));
    const loadedFlat = load(flat);
    expect(loadedFlat.kind === "synth" && loadedFlat.docs.map((d) => d.stack)).toEqual(["main"]);
  });

  test("hand-written Terraform JSON with list-form resources", () => {
    const dir = tempDir();
    const file = writeJson(dir, "list.tf.json", {
      resource: { tencentcloud_scf_function: [{ f: { name: "x" } }, { g: { name: "y" } }] },
    });
    const loaded = load(file);
    expect(loaded.kind === "synth" && loaded.docs[0].resources.map((r) => r.address)).toEqual([
      "tencentcloud_scf_function.f",
      "tencentcloud_scf_function.g",
    ]);
  });

  test("a plan: before, after (unknowns filled from configuration references) and changes", () => {
    const loaded = load(fixture("plan-scf-replace.json"));
    expect(loaded.kind).toBe("plan");
    if (loaded.kind !== "plan") return;
    const alias = loaded.after.resources.find(
      (r) => r.address === "tencentcloud_scf_function_alias.release",
    )!;
    expect(alias.body.function_version).toBe("${tencentcloud_scf_function_version.v1.function_version}");
    expect(alias.body.routing_config).toEqual([
      {
        additional_version_weights: [
          { version: "${tencentcloud_scf_function_version.v2.function_version}", weight: 0.1 },
        ],
        additional_version_matches: [],
      },
    ]);
    // A computed attribute with no configuration expression stays unknown.
    const v2 = loaded.after.resources.find((r) => r.address === "tencentcloud_scf_function_version.v2")!;
    expect(v2.body.function_version).toBe("${unknown}");
    expect(loaded.before.resources.map((r) => r.address)).not.toContain(
      "tencentcloud_scf_function_version.v2",
    );
    expect(loaded.changes.find((c) => c.address === "tencentcloud_scf_function_version.v1")!.actions).toEqual(
      ["create", "delete"],
    );
  });

  test("a plan without resource_changes: planned_values is the head, prior_state the base", () => {
    const plan = parsePlan(
      {
        format_version: "1.0",
        planned_values: {
          root_module: {
            resources: [
              {
                address: "tencentcloud_scf_function.f",
                mode: "managed",
                type: "tencentcloud_scf_function",
                name: "f",
                values: { name: "a" },
              },
            ],
            child_modules: [
              {
                resources: [
                  {
                    address: "module.m.tencentcloud_scf_function.g",
                    mode: "managed",
                    type: "tencentcloud_scf_function",
                    name: "g",
                    values: { name: "b" },
                  },
                  { address: "data.x.y", mode: "data", type: "x", name: "y", values: {} },
                ],
              },
            ],
          },
        },
      },
      "p.json",
    );
    expect(plan.after.resources.map((r) => r.address)).toEqual([
      "tencentcloud_scf_function.f",
      "module.m.tencentcloud_scf_function.g",
    ]);
    expect(plan.before.resources).toEqual([]);
    expect(plan.changes).toEqual([]);
  });

  describe("bad input is an InputError saying what and where", () => {
    const cases: [string, () => string, RegExp, (file: string) => string][] = [
      ["a missing file", () => "does/not/exist.json", /^file not found$/, (f) => f],
      ["an empty folder", () => tempDir(), /^no manifest\.json, cdk\.tf\.json or \*\.tf\.json/, (f) => f],
      ["JSON that is not Terraform", () => fixture("not-terraform.json"), /^not Terraform JSON/, (f) => f],
      [
        "invalid JSON, with line and column",
        () => fixture("broken.json"),
        /^not valid JSON/,
        (f) => `${f}:1:73`,
      ],
      ["HCL", () => fixture("main.tf"), /HCL is not supported/, (f) => f],
      [
        "a plan change without actions",
        () => fixture("malformed-plan.json"),
        /^malformed plan: resource_changes\[1\]\.change\.actions/,
        (f) => f,
      ],
      ["an empty file", () => writeFile("empty.json", ""), /^empty file/, (f) => f],
      [
        "resource_changes that is not a list",
        () => writeFile("p1.json", JSON.stringify({ format_version: "1.2", resource_changes: {} })),
        /^malformed plan: resource_changes is not a list$/,
        (f) => f,
      ],
      [
        "a change without change",
        () =>
          writeFile(
            "p2.json",
            JSON.stringify({ format_version: "1.2", resource_changes: [{ address: "a.b", type: "a" }] }),
          ),
        /^malformed plan: resource_changes\[0\]\.change is missing$/,
        (f) => f,
      ],
      [
        "an unsupported plan format",
        () => writeFile("p3.json", JSON.stringify({ format_version: "2.0", resource_changes: [] })),
        /^malformed plan: unsupported format_version "2\.0"/,
        (f) => f,
      ],
      [
        "a state file",
        () => writeFile("state.json", JSON.stringify({ format_version: "1.0", values: { root_module: {} } })),
        /not a plan/,
        (f) => f,
      ],
      [
        "resource that is not an object",
        () => writeFile("r.json", JSON.stringify({ resource: [] })),
        /^not Terraform JSON: "resource" is not an object$/,
        (f) => f,
      ],
      [
        "a manifest listing a missing stack",
        () => {
          const dir = tempDir();
          writeJson(dir, "manifest.json", {
            stacks: { gone: { synthesizedStackPath: "stacks/gone/cdk.tf.json" } },
          });
          return dir;
        },
        /^stack "gone" listed in manifest\.json is missing$/,
        (f) => path.join(f, "stacks", "gone", "cdk.tf.json"),
      ],
    ];
    const scratch = tempDir();
    function writeFile(name: string, text: string): string {
      const f = path.join(scratch, name);
      fs.writeFileSync(f, text);
      return f;
    }
    test.each(cases)("%s", (_name, make, what, where) => {
      const file = make();
      let error: unknown;
      try {
        load(file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      const e = error as InputError;
      expect(e.what).toMatch(what);
      expect(e.where).toBe(where(file));
      expect(e.message).toBe(`${e.what}: ${e.where}`);
      expect(e.message).not.toMatch(/\n/);
    });
  });
});
