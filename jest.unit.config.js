// `npm run test:unit`: the unit tests alone (test/unit: no server, no Pulumi CLI, no network), in
// seconds. ts-jest only transpiles here (isolatedModules): the type check is `npm run typecheck`'s
// and npm test's, whose jest (jest.config.js) runs these files type-checked with the others. No
// global teardown: the secret scan reads what end-to-end tests leave, which unit tests never make.
const base = require("./jest.config");
const { compilerOptions } = require("./tsconfig.base.json");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ["<rootDir>/test/unit/**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: { ...compilerOptions, types: ["node", "jest"], isolatedModules: true } }],
  },
  globalTeardown: undefined,
};
