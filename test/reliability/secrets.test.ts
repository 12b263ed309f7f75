/**
 * No secrets in output (RELIABILITY.md, promise 4): no construct takes credentials as props, the
 * library's provider blocks are empty (the providers read the environment or a profile), the README
 * shows the variables, and no synthesized stack of the examples or of the test apps contains a
 * credential-like value (access-key patterns of both clouds, literal access_key/secret_key/secret_id).
 */
import "./support/fast-tokens";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../../src/.gen/providers/alicloud/provider";
import { TencentcloudProvider } from "../../src/.gen/providers/tencentcloud/provider";
import { CanaryAlias, FunctionWithVersions, StagedApiGateway } from "../../src";
import { steps as stagedSteps } from "../../examples/tencent-staged-grayscale/steps";
import { InvokeGrayscaleStack, StagedGrayscaleStack } from "../../examples/tencent-staged-grayscale/stack";
import { steps as trafficSteps } from "../../examples/tencent-default-alias-traffic/steps";
import { DefaultAliasTrafficStack } from "../../examples/tencent-default-alias-traffic/stack";
import { steps as fc3Steps } from "../../examples/alicloud-fc3-canary/steps";
import { Fc3CanaryStack } from "../../examples/alicloud-fc3-canary/stack";
import { steps as fc2Steps } from "../../examples/alicloud-fc2-rules/steps";
import { Fc2RulesStack } from "../../examples/alicloud-fc2-rules/stack";
import { baseline } from "./support/props-fuzz";
import { recordFigures, scratchOutdir } from "./support/config";
import { CREDENTIAL_FIELDS, findSecrets, TfJson } from "./support/tf";

const ROOT = path.join(__dirname, "..", "..");

/** Every stack of every step of every example, and the fuzz baselines (gateway, aliases, function) per platform. */
function synthesizedStacks(): { name: string; json: TfJson }[] {
  const out: { name: string; json: TfJson }[] = [];
  const add = (name: string, stacks: TerraformStack[]) => {
    for (const s of stacks) out.push({ name: `${name}/${s.node.id}`, json: JSON.parse(Testing.synth(s)) });
  };
  const app = () => Testing.app({ outdir: scratchOutdir(), stackTraces: false });
  for (const step of stagedSteps) {
    const a = app();
    add(`tencent-staged-grayscale@${step.name}`, [
      new StagedGrayscaleStack(a, "staged-grayscale", step),
      new InvokeGrayscaleStack(a, "invoke-grayscale", step),
    ]);
  }
  for (const step of trafficSteps)
    add(`tencent-default-alias-traffic@${step.name}`, [new DefaultAliasTrafficStack(app(), "traffic", step)]);
  for (const step of fc3Steps)
    add(`alicloud-fc3-canary@${step.name}`, [new Fc3CanaryStack(app(), "fc3-canary", step)]);
  for (const step of fc2Steps)
    add(`alicloud-fc2-rules@${step.name}`, [new Fc2RulesStack(app(), "fc2-rules", step)]);
  for (const platform of ["scf", "fc3", "fc2"] as const) {
    const stack = new TerraformStack(app(), `test-app-${platform}`);
    const p = baseline(platform);
    const fn = new FunctionWithVersions(stack, "fn", p.function as never);
    new CanaryAlias(stack, "release", { function: fn, ...p.release } as never);
    new CanaryAlias(stack, "prepub", { function: fn, ...p.prepub } as never);
    new StagedApiGateway(stack, "api", { function: fn, ...p.gateway } as never);
    add("test-app", [stack]);
  }
  return out;
}

describe("no secrets in output", () => {
  const stacks = synthesizedStacks();

  it("no synthesized stack of the examples or test apps contains a credential-like value", () => {
    const findings = stacks.flatMap((s) => findSecrets(s.json, s.name));
    expect(findings).toEqual([]);
    expect(stacks.length).toBeGreaterThan(25);
    recordFigures("secrets", { stacksScanned: stacks.length, findings: findings.length });
  });

  it("the construct snapshots (synthesized test apps) contain no credential-like value", () => {
    const dir = path.join(ROOT, "test", "constructs", "__snapshots__");
    // both flavours' snapshots (cdktn's are in cdktn/)
    const files = fs
      .readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".snap"));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      expect({ file, findings: findSecrets(text, file) }).toEqual({ file, findings: [] });
      for (const field of CREDENTIAL_FIELDS)
        expect({ file, field, found: text.includes(`"${field}"`) }).toEqual({ file, field, found: false });
    }
  });

  it("the library's provider blocks are empty: credentials come from the environment or a profile", () => {
    let providers = 0;
    for (const s of stacks) {
      for (const [name, blocks] of Object.entries<TfJson[]>(s.json.provider ?? {})) {
        for (const block of blocks) {
          providers++;
          expect({ stack: s.name, provider: name, block }).toEqual({
            stack: s.name,
            provider: name,
            block: {},
          });
        }
      }
    }
    expect(providers).toBeGreaterThan(0);
  });

  it("the scanner finds what it looks for (negative control)", () => {
    const stack = new TerraformStack(Testing.app({ outdir: scratchOutdir(), stackTraces: false }), "leaky");
    new AlicloudProvider(stack, "ali", {
      accessKey: "LTAI5tAbCdEfGhIjKlMnOpQr",
      secretKey: "not-a-real-secret",
    });
    new TencentcloudProvider(stack, "tc", {
      secretId: "AKIDabcdefghijklmnopqrstuvwxyz012345",
      secretKey: "x",
    });
    const findings = findSecrets(JSON.parse(Testing.synth(stack)), "leaky");
    const what = findings.map((f) => f.what).join("\n");
    expect(what).toMatch(/Alibaba Cloud AccessKey ID/);
    expect(what).toMatch(/Tencent Cloud SecretId/);
    for (const field of ["access_key", "secret_key", "secret_id"])
      expect(what).toContain(`credential field ${field}`);
  });

  it("no construct takes credentials as props", () => {
    const credentialLike =
      /access.?key|secret|credential|password|passwd|security.?token|sts.?token|\bak\b|\bsk\b/i;
    const found: string[] = [];
    const seen: string[] = [];
    const dir = path.join(ROOT, "src", "constructs");
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const source = ts.createSourceFile(
        file,
        fs.readFileSync(path.join(dir, file), "utf8"),
        ts.ScriptTarget.Latest,
        true,
      );
      const visit = (node: ts.Node, owner: string) => {
        if (ts.isInterfaceDeclaration(node)) owner = node.name.text;
        if (
          (ts.isPropertySignature(node) || ts.isParameter(node)) &&
          node.name &&
          ts.isIdentifier(node.name)
        ) {
          seen.push(`${owner}.${node.name.text}`);
          if (credentialLike.test(node.name.text)) found.push(`${file}: ${owner}.${node.name.text}`);
        }
        ts.forEachChild(node, (child) => visit(child, owner));
      };
      visit(source, file);
    }
    expect(seen).toEqual(
      expect.arrayContaining([
        "FunctionWithVersionsProps.functionName",
        "CanaryAliasProps.aliasName",
        "StagedApiGatewayProps.stages",
      ]),
    );
    expect(found).toEqual([]);
  });

  it("the README shows the credential variables and profiles of both clouds", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf("## Credentials"),
      readme.indexOf("\n## ", readme.indexOf("## Credentials") + 3),
    );
    for (const v of [
      "ALICLOUD_ACCESS_KEY",
      "ALICLOUD_SECRET_KEY",
      "ALICLOUD_PROFILE",
      "TENCENTCLOUD_SECRET_ID",
      "TENCENTCLOUD_SECRET_KEY",
      "TENCENTCLOUD_PROFILE",
    ])
      expect({ variable: v, shown: section.includes(v) }).toEqual({ variable: v, shown: true });
  });
});
