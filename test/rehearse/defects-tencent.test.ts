/**
 * Issue #11's Tencent defects, each put back into an otherwise fixed stack (the synthesized JSON
 * edited as the library emitted it before the fix): the rehearsal must catch each with the right
 * message. These pass on any branch: the patches do not depend on how the fix is written.
 */
import { rehearse } from "../../src/rehearse";
import { EXAMPLES, FIX, findingsOf, fixAll, patch, requireTerraform } from "./helpers";

beforeAll(() => requireTerraform());

describe("defect 1: SCF version without namespace", () => {
  it("is replaced on the plan after the first apply, also while an alias serves it", async () => {
    const steps = patch(EXAMPLES["tencent-default-alias-traffic"].synth(), (json, dir) => {
      fixAll(json, dir);
      for (const r of Object.values<{ namespace?: string }>(
        json.resource.tencentcloud_scf_function_version ?? {},
      ))
        delete r.namespace;
    });
    const report = await rehearse(steps);
    expect(report.ok).toBe(false);
    expect(findingsOf(report, "replan-not-empty", steps[0].name)).toEqual([
      expect.stringMatching(
        /the plan after apply is not empty: replace tencentcloud_scf_function_version\.\S+ \(namespace\)/,
      ),
    ]);
    expect(findingsOf(report, "served-version-replaced").join("\n")).toMatch(
      /tencentcloud_scf_function_version\.\S+: version \d+ of my-function, served by alias routing-alias, is replaced \(namespace\)/,
    );
  }, 120_000);
});

describe("defect 2: local code path relative to the app folder", () => {
  it("fails at apply: the provider opens zip_file from the stack folder", async () => {
    const steps = patch(EXAMPLES["tencent-staged-grayscale"].synth().slice(0, 1), (json, dir) => {
      FIX.namespace(json);
      for (const r of Object.values<{ zip_file?: string }>(json.resource.tencentcloud_scf_function ?? {}))
        r.zip_file = "dist/app-relative-3f2a9c.zip";
      void dir;
    });
    const report = await rehearse(steps);
    expect(findingsOf(report, "apply-failed").join("\n")).toMatch(
      /zip file \(dist\/app-relative-3f2a9c\.zip\) open error: open dist\/app-relative-3f2a9c\.zip: no such file or directory/,
    );
  }, 120_000);
});

describe("defect 8: SCF alias description built from labels", () => {
  it("keeps the alias on a deleted version when the version behind its label changes", async () => {
    const steps = patch(EXAMPLES["tencent-staged-grayscale"].synth().slice(0, 2), (json, dir, step) => {
      fixAll(json, dir);
      const versions = json.resource.tencentcloud_scf_function_version ?? {};
      // The second step republishes version "1" (a new description, e.g. a new code hash)...
      const v1 = Object.entries<{ description: string }>(versions).find(([id]) => id.includes("Version-1"));
      if (v1 && step !== "publish-1") v1[1].description = "release 1 (rebuilt)";
      // ... while the alias description is the pre-fix label digest, the same in both steps.
      for (const a of Object.values<{ name: string; description: string }>(
        json.resource.tencentcloud_scf_function_alias ?? {},
      ))
        a.description = `${a.name}: v1`;
    });
    const report = await rehearse(steps);
    const routing = findingsOf(report, "routing-differs", "publish-2").join("\n");
    expect(routing).toMatch(
      /alias function-b\/release: the twin's cloud holds v1, the configuration declares v(?!1\b)\d+/,
    );
    expect(findingsOf(report, "served-version-replaced", "publish-2").join("\n")).toMatch(
      /version 1 of function-b, served by [^\n]*alias release[^\n]*, is replaced \(description\)/,
    );
  }, 120_000);
});

describe("a fixed stack", () => {
  it("rehearses clean: the patches above are the only cause", async () => {
    const steps = patch(EXAMPLES["tencent-default-alias-traffic"].synth().slice(0, 2), fixAll);
    const report = await rehearse(steps);
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
  }, 120_000);
});
