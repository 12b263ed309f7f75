/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }],
  },
  // Examples import the package by name, as a user would; in the repository it is the source.
  moduleNameMapper: {
    "^cdktf-serverless-canary$": "<rootDir>/src/index.ts",
    "^cdktf-serverless-canary/providers/(alicloud|tencentcloud)$": "<rootDir>/src/providers/$1.ts",
  },
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  testTimeout: 60000,
};
