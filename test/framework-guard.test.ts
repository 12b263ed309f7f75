/** The framework check (src/framework-guard.ts) on made-up environments; the real ones: test/package. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import flavours from "../scripts/flavours.json";
import {
  assertFramework,
  FLAVOUR_PACKAGES,
  FrameworkProbe,
  frameworkMismatch,
  probeEnvironment,
  SKIP_ENV,
} from "../src/framework-guard";

const app = (deps: Record<string, string>): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guard-app-"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ dependencies: deps }));
  fs.mkdirSync(path.join(dir, "src"));
  return path.join(dir, "src");
};
const probe = (p: Partial<FrameworkProbe>): FrameworkProbe => ({
  loadedModules: [],
  appDirs: [],
  resolves: () => true,
  ...p,
});
const nm = (...parts: string[]) => path.join(path.sep, "app", "node_modules", ...parts);

it("names the packages flavours.json builds", () => {
  expect(FLAVOUR_PACKAGES).toEqual({ cdktf: flavours.cdktf.packageName, cdktn: flavours.cdktn.packageName });
});

it("the other framework loaded in the process", () => {
  expect(frameworkMismatch("cdktf", probe({ loadedModules: [nm("cdktn", "lib", "index.js")] }))).toBe(
    `cdktn is loaded in this process (${nm("cdktn", "lib", "index.js")})`,
  );
  // its own framework, and packages whose names only start with the other's, are fine
  const fine = [nm("cdktf", "lib", "index.js"), nm("@cdktn", "commons", "x.js"), nm("cdktn-cli", "x.js")];
  expect(frameworkMismatch("cdktf", probe({ loadedModules: fine }))).toBeUndefined();
  expect(frameworkMismatch("cdktn", probe({ loadedModules: [nm("cdktf", "lib", "index.js")] }))).toMatch(
    /^cdktf is loaded/,
  );
});

it("the app's package.json depending on the other framework and not on this one", () => {
  const dir = app({ cdktn: "0.24.0" });
  expect(frameworkMismatch("cdktf", probe({ appDirs: [dir] }))).toBe(
    `the app's ${path.join(path.dirname(dir), "package.json")} depends on cdktn, not cdktf`,
  );
  expect(frameworkMismatch("cdktn", probe({ appDirs: [dir] }))).toBeUndefined();
  // both (a repository like this one, or an app moving between them): not decided by the manifest
  expect(
    frameworkMismatch("cdktf", probe({ appDirs: [app({ cdktn: "0.24.0", cdktf: "0.21.0" })] })),
  ).toBeUndefined();
});

it("this framework not installed, the other one installed", () => {
  expect(frameworkMismatch("cdktn", probe({ resolves: (n) => n === "cdktf" }))).toBe(
    "cdktn is not installed, cdktf is",
  );
  expect(frameworkMismatch("cdktn", probe({ resolves: () => false }))).toBeUndefined();
});

it("throws the message that names the right package; the skip variable turns it off", () => {
  const loaded = probe({ loadedModules: [nm("cdktf", "index.js")] });
  expect(() => assertFramework("cdktn", loaded)).toThrow(
    /^cdktn-serverless-canary: this package is for cdktn; use cdktf-serverless-canary for cdktf \(cdktf is loaded/,
  );
  process.env[SKIP_ENV] = "1";
  try {
    expect(() => assertFramework("cdktn", loaded)).not.toThrow();
  } finally {
    delete process.env[SKIP_ENV];
  }
});

it("this suite's own process passes the check", () => {
  expect(frameworkMismatch("cdktf", { ...probeEnvironment(), loadedModules: [] })).toBeUndefined();
});
