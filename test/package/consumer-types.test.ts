/**
 * #13 item 18: every documented import (the package root, /routing, /review, /testing, /rehearse) compiles in a consumer, under the tsconfig `cdktf init` writes
 * (`module: commonjs`, default = node10 resolution) and under `node16`/`nodenext`. The package's
 * declarations are built from src/ with tsconfig.build.json (what `npm run build` puts in lib/, here
 * declarations only, into a temporary node_modules), next to the real package.json.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

const root = path.join(__dirname, "..", "..");
let app: string;

const CONSUMER = `
import { App, TerraformStack } from "cdktf";
import { CanaryAlias, FunctionWithVersions, StagedApiGateway, ReleaseValidationError } from "cdktf-serverless-canary";
import { resolve, Router, RouteDecision } from "cdktf-serverless-canary/routing";
import { review, ReviewResult } from "cdktf-serverless-canary/review";
import { assertConformsToSchemas } from "cdktf-serverless-canary/testing";
import { rehearse, renderRehearsalText, synthesizeSteps, RehearsalReport } from "cdktf-serverless-canary/rehearse";

const app = new App();
const stack = new TerraformStack(app, "s");
export const used = [CanaryAlias, FunctionWithVersions, StagedApiGateway, ReleaseValidationError, Router, stack];
export const decide = (d: RouteDecision): string => d.version;
export const fns = [resolve, review, assertConformsToSchemas, rehearse, renderRehearsalText, synthesizeSteps];
export type R = ReviewResult;
export type H = RehearsalReport;
`;

function diagnostics(options: ts.CompilerOptions, name = "main.ts"): string[] {
  const file = path.join(app, name);
  const program = ts.createProgram([file], {
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    ...options,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

beforeAll(() => {
  app = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-types-"));
  const pkgDir = path.join(app, "node_modules", "cdktf-serverless-canary");
  fs.mkdirSync(pkgDir, { recursive: true });
  fs.copyFileSync(path.join(root, "package.json"), path.join(pkgDir, "package.json"));
  for (const dep of ["cdktf", "constructs", "@types/node"]) {
    fs.mkdirSync(path.dirname(path.join(app, "node_modules", dep)), { recursive: true });
    fs.symlinkSync(path.join(root, "node_modules", dep), path.join(app, "node_modules", dep), "dir");
  }
  // The package's declarations, as `npm run build` emits them (tsconfig.build.json), into its lib/.
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, "tsconfig.build.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  const program = ts.createProgram(config.fileNames, {
    ...config.options,
    outDir: path.join(pkgDir, "lib"),
    emitDeclarationOnly: true,
    declaration: true,
  });
  const emitted = program.emit();
  expect(emitted.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  fs.writeFileSync(path.join(app, "main.ts"), CONSUMER);
  fs.writeFileSync(path.join(app, "main.mts"), CONSUMER);
}, 120_000);

afterAll(() => fs.rmSync(app, { recursive: true, force: true }));

describe("a consumer's imports compile", () => {
  it("module: commonjs with default (node10) resolution, as `cdktf init` writes it", () => {
    expect(diagnostics({ module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2018 })).toEqual([]);
  });

  it("module/moduleResolution node16", () => {
    expect(
      diagnostics({ module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }),
    ).toEqual([]);
  });

  it("nodenext from an ES module (.mts)", () => {
    expect(
      diagnostics(
        { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
        "main.mts",
      ),
    ).toEqual([]);
  });

  it("module/moduleResolution nodenext", () => {
    expect(
      diagnostics({ module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }),
    ).toEqual([]);
  });
});
