/**
 * Local code goes through cdktf's TerraformAsset (issue #11 item 2): Terraform runs in
 * `cdktf.out/stacks/<stack>/`, and every target opens the path it is given from there
 * (SCF `zip_file`: resource_tc_scf_function.go:760-767; FC 3.0 `filebase64(path)`; FC 2.0 `filename`:
 * R:fc_function.go:447-454). The synthesized path must name a file that exists in the stack folder.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { FunctionCode, FunctionWithVersions, Platform, ReleaseValidationError } from "../../src";
import { fnProps, ORDERS_ZIP, resourcesOfType, thrown, TfJson } from "../helpers/synth";

/** Where each target's synthesized code path sits, and how to read it back. */
const CODE_PATH: Record<Platform, { type: string; read: (body: TfJson) => string }> = {
  scf: { type: "tencentcloud_scf_function", read: (b) => b.zip_file },
  fc3: {
    type: "alicloud_fcv3_function",
    read: (b) =>
      /^\$\{filebase64\("(.+)"\)\}$/.exec(b.code.zip_file)?.[1] ?? `not filebase64: ${b.code.zip_file}`,
  },
  fc2: { type: "alicloud_fc_function", read: (b) => b.filename },
};

/** A real synthesis to disk (assets are copied only then); returns the stack folder and its JSON. */
function synthToDisk(build: (stack: TerraformStack) => void): { stackDir: string; json: TfJson } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  build(stack);
  const outdir = Testing.fullSynth(stack);
  const stackDir = path.join(outdir, "stacks", "test");
  return { stackDir, json: JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) };
}

function codePath(platform: Platform, json: TfJson): string {
  const [[, body]] = resourcesOfType(json, CODE_PATH[platform].type);
  return CODE_PATH[platform].read(body);
}

/** A fresh `orders.zip` in a temporary folder. */
function tempZip(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "local-code-")), "orders.zip");
}

describe.each<Platform>(["scf", "fc3", "fc2"])("FunctionCode.fromLocalZip on %s", (platform) => {
  it("synthesizes a path, relative to the stack folder, of a copy of the zip", () => {
    const { stackDir, json } = synthToDisk((stack) => {
      new FunctionWithVersions(
        stack,
        "fn",
        fnProps(platform, { code: FunctionCode.fromLocalZip(ORDERS_ZIP) }),
      );
    });
    const p = codePath(platform, json);
    expect(path.isAbsolute(p)).toBe(false);
    expect(p).toMatch(/^assets\//);
    const copied = path.join(stackDir, p);
    expect(fs.existsSync(copied)).toBe(true);
    expect(fs.readFileSync(copied).equals(fs.readFileSync(ORDERS_ZIP))).toBe(true);
  });

  it("resolves a relative path from the folder of cdktf.json, like TerraformAsset", () => {
    // Testing.app() puts cdktf.json in the working directory (the repository root under Jest).
    const relative = path.relative(process.cwd(), ORDERS_ZIP);
    const { stackDir, json } = synthToDisk((stack) => {
      new FunctionWithVersions(stack, "fn", fnProps(platform, { code: FunctionCode.fromLocalZip(relative) }));
    });
    expect(fs.existsSync(path.join(stackDir, codePath(platform, json)))).toBe(true);
  });

  it("puts a content hash in the path, so new code under the same file name is a new path", () => {
    const zip = tempZip();
    const paths = ["one", "two"].map((content) => {
      fs.writeFileSync(zip, content);
      const { json } = synthToDisk((stack) => {
        new FunctionWithVersions(stack, "fn", fnProps(platform, { code: FunctionCode.fromLocalZip(zip) }));
      });
      return codePath(platform, json);
    });
    expect(path.basename(paths[0])).toBe("orders.zip");
    expect(paths[0]).not.toBe(paths[1]);
  });

  it("a zip that does not exist is a ReleaseValidationError naming the construct and the path", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    const e = thrown(
      () =>
        new FunctionWithVersions(
          stack,
          "fn",
          fnProps(platform, { code: FunctionCode.fromLocalZip("dist/missing-3f2a9c.zip") }),
        ),
    );
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect((e as ReleaseValidationError).constructPath).toBe("test/fn");
    expect(e.message).toContain('local zip "dist/missing-3f2a9c.zip" not found');
    expect(e.message).toContain(path.join(process.cwd(), "dist", "missing-3f2a9c.zip"));
    expect(e.message).toContain("allowed: an existing .zip file");
  });
});

describe("FunctionCode.fromLocalZip input", () => {
  it("a directory is refused: the targets upload one zip file", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const e = thrown(
      () =>
        new FunctionWithVersions(
          stack,
          "fn",
          fnProps("scf", { code: FunctionCode.fromLocalZip(path.dirname(ORDERS_ZIP)) }),
        ),
    );
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toMatch(/^test\/fn: local zip ".+" is a directory; allowed: an existing \.zip file/);
  });

  it.each([[""], [42], [null]])("a path that is not a non-empty string (%p) is refused", (bad) => {
    const stack = new TerraformStack(Testing.app(), "test");
    const e = thrown(
      () =>
        new FunctionWithVersions(
          stack,
          "fn",
          fnProps("scf", { code: FunctionCode.fromLocalZip(bad as string) }),
        ),
    );
    expect(e).toBeInstanceOf(ReleaseValidationError);
    expect(e.message).toContain("allowed: the path of an existing .zip file");
  });
});
