/** Jest: @swc/jest transpiles (no type-check; `tsc --noEmit` in `npm test` does that). */
module.exports = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/__tests__/**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2020" }, module: { type: "commonjs" } }],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  globalSetup: "<rootDir>/__tests__/global-setup.js",
  globalTeardown: "<rootDir>/__tests__/global-teardown.js",
  clearMocks: true,
  // Two workers on two cores: the Terraform suite (mostly waiting on terraform) runs beside the unit tests.
  maxWorkers: 2,
  testSequencer: "<rootDir>/__tests__/sequencer.js",
  // The files of a folder run together in one module registry, reported per file (see the runner's header).
  runner: "<rootDir>/__tests__/group-runner.js",
};
