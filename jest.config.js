/**
 * The suite runs once per flavour (scripts/flavours.json): the "cdktf" project against cdktf 0.21 and
 * the bindings @cdktf/provider-generator made (src/.gen), the "cdktn" project against cdktn 0.24 and
 * the bindings @cdktn/provider-generator made (src/.gen-cdktn). Tests, examples and the bench import
 * `cdktf`; the cdktn project maps that to cdktn, and compiles the library's framework seam
 * (src/cdktf.ts) as the cdktn package does. The "package" project checks what is built from the
 * sources (both packages, the API reference) once.
 *
 *   npx jest                          # all three
 *   npx jest --selectProjects cdktn   # one flavour
 */
const flavours = require("./scripts/flavours.json");

const tsJest = { tsconfig: "tsconfig.json", isolatedModules: true };

/** @returns {import('jest').Config} */
function flavourProject(id) {
  const f = flavours[id];
  const moduleNameMapper = {
    // Examples import the package by name, as a user would; in the repository it is the source.
    "^(cdktf|cdktn)-serverless-canary$": "<rootDir>/src/index.ts",
    "^(cdktf|cdktn)-serverless-canary/providers/(alicloud|tencentcloud)$": "<rootDir>/src/providers/$2.ts",
  };
  if (id !== "cdktf") {
    moduleNameMapper["^cdktf$"] = f.framework;
    // The library's `../.gen/…` and the tests' `../../src/.gen/…`: this flavour's bindings.
    moduleNameMapper["^(?:\\.\\./)+(?:src/)?\\.gen/(.*)$"] = `<rootDir>/${f.genDir}/$1`;
  }
  return {
    displayName: id,
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    testMatch: ["**/*.test.ts"],
    // __snapshots__/: the other flavour's snapshot files, so neither project reports them obsolete.
    // The rehearsals drive the real Terraform CLI against the provider twin, which does not depend on the
    // framework: they run once, in the cdktf project (the brief's 10-minute budget counts them once).
    testPathIgnorePatterns: [
      "/node_modules/",
      "<rootDir>/test/package/",
      "/__snapshots__/",
      ...(id === "cdktf" ? [] : ["<rootDir>/test/rehearse/"]),
    ],
    transform: { "^.+\\.ts$": ["<rootDir>/scripts/jest-flavour-transform.js", { flavour: id, tsJest }] },
    moduleNameMapper,
    setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
    ...(id === "cdktf" ? {} : { snapshotResolver: `<rootDir>/test/snapshot-resolver-${id}.js` }),
  };
}

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    flavourProject("cdktf"),
    flavourProject("cdktn"),
    {
      displayName: "package",
      testEnvironment: "node",
      roots: ["<rootDir>/test/package"],
      testMatch: ["**/*.test.ts"],
      transform: { "^.+\\.ts$": ["ts-jest", tsJest] },
    },
  ],
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  // One worker per core. Jest's default (cores - 1) runs the suite serially on a 2-core machine, and the
  // rehearsals spend much of their time waiting on Terraform and the twin: two workers keep both cores busy.
  maxWorkers: "100%",
  testTimeout: 60000,
};
