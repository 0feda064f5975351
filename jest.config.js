/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  // End-to-end files drive the real CLI: a few seconds per pulumi command on 2 cores.
  testTimeout: 30_000,
  maxWorkers: 2,
  globalTeardown: "<rootDir>/test/secret-scan.ts",
};
