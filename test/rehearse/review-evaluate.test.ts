/**
 * Issue #17, plans first: `review` on a configuration folder evaluates it with the real Terraform
 * CLI through the provider twin, offline, and reads Terraform's expanded values: for_each, count,
 * dynamic blocks, variables and modules, every finding naming the address Terraform uses. The
 * false-positive suite again, evaluated by Terraform: every provider-style configuration exits 0.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { requireTerraform } from "./helpers";

const STYLE = path.join(__dirname, "..", "fixtures", "review", "provider-style");
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

async function evaluated(name: string, ...extra: string[]) {
  const r = await cli(["review", dir(name), "--json", ...extra]);
  expect(r.stderr).not.toMatch(/serverless-canary: /);
  return { code: r.code, json: JSON.parse(r.stdout) };
}

beforeAll(() => requireTerraform());

const folders = fs.readdirSync(STYLE).filter((d) => fs.statSync(dir(d)).isDirectory());

describe("false positives, evaluated by Terraform: every provider-style configuration exits 0", () => {
  test.each(folders)(
    "%s",
    async (name) => {
      const vars = name === "tencent-variables" ? ["--var", "namespace=default"] : [];
      const { code, json } = await evaluated(name, ...vars);
      expect(json.dangers).toEqual([]);
      expect(code).toBe(0);
      expect(json.notes[0]).toMatch(
        /^evaluated by Terraform \d+\.\d+\.\d+ through the provider twin, offline/,
      );
      expect(json.notEvaluated).toEqual([]);
    },
    60_000,
  );
});

describe("Terraform's expanded values", () => {
  test("for_each: one alias per instance, named by Terraform's address", async () => {
    const { json } = await evaluated("tencent-for-each");
    expect(
      json.aliases.map((a: { alias: string; address: string; versions: string }) => [
        a.alias,
        a.address,
        a.versions,
      ]),
    ).toEqual([
      ["prepub", 'tencentcloud_scf_function_alias.this["prepub"]', "v1 50% | v2 50%"],
      ["release", 'tencentcloud_scf_function_alias.this["release"]', "v1 90% | v2 10%"],
    ]);
  }, 60_000);

  test("dynamic: the alias sends 40% to the canary, not $LATEST 100%", async () => {
    const { json } = await evaluated("tencent-dynamic");
    expect(json.aliases).toEqual([
      expect.objectContaining({ alias: "release", versions: expect.stringMatching(/^v1 60% \| .+ 40%$/) }),
    ]);
  }, 60_000);

  test("count and for_each in raw .tf.json are evaluated too", async () => {
    const { json } = await evaluated("tencent-count-json");
    expect(json.aliases.map((a: { address: string }) => a.address)).toEqual([
      'tencentcloud_scf_function_alias.stage["prepub"]',
      'tencentcloud_scf_function_alias.stage["release"]',
      "tencentcloud_scf_function_alias.weighted",
    ]);
  }, 60_000);

  test("modules (called with for_each): their resources, at module addresses", async () => {
    const { json } = await evaluated("module-for-each");
    expect(json.aliases.map((a: { address: string; versions: string }) => [a.address, a.versions])).toEqual([
      ['module.canary["billing"].alicloud_fcv3_alias.this["release"]', "v1 100%"],
      ['module.canary["orders"].alicloud_fcv3_alias.this["release"]', "v1 100%"],
    ]);
  }, 60_000);

  test("a variable without a default: Terraform's own message, and --var gives it", async () => {
    const withVar = await evaluated("tencent-variables", "--var", "namespace=ns");
    expect(withVar.json.aliases.map((a: { alias: string }) => a.alias)).toEqual(["live", "ns"]);
    // Without it, a .tf.json folder falls back to raw JSON, saying why.
    const raw = await evaluated("tencent-variables");
    expect(raw.json.notes[0]).toMatch(
      /read as raw JSON: terraform plan failed: .*namespace.*--var NAME=VALUE/,
    );
    // --terraform insists: bad input.
    const strict = await cli(["review", dir("tencent-variables"), "--terraform"]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/terraform plan failed/);
  }, 60_000);

  test("a danger in an evaluated configuration names Terraform's address", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "review-eval-"));
    fs.cpSync(dir("tencent-for-each"), tmp, { recursive: true });
    const main = fs.readFileSync(path.join(tmp, "main.tf"), "utf8");
    fs.writeFileSync(path.join(tmp, "main.tf"), main.replace("release = 0.1", "release = 10"));
    const r = await cli(["review", tmp, "--json"]);
    const json = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(json.dangers).toEqual([
      expect.objectContaining({
        id: "invalid-routing",
        where: 'tencentcloud_scf_function_alias.this["release"]',
      }),
    ]);
  }, 60_000);
});
