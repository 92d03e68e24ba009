// `npm test`: type-check + build the library, then ESLint and Jest side by side (lint's ~2 s of CPU fits in Jest's
// waits: the 2-core budget is 25 s). Extra arguments go to Jest (`npm test -- __tests__/config`). The offline
// Terraform plan (`npm run validate:tf`) and the packed-library suite (`npm run test:library`) are left to their own
// commands; CI (`.ci/run`) runs both on every submission.
"use strict";
const { spawn, spawnSync } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [ROOT] })), file);
const node = (args, options) => [process.execPath, args, { cwd: ROOT, ...options }];

const build = spawnSync(...node([path.join(ROOT, "scripts", "build", "build-lib.js")], { stdio: "inherit" }));
if (build.status !== 0) process.exit(build.status ?? 1);

// Lint's output is held back until it ends, so it never lands inside Jest's.
const lint = spawn(...node([bin("eslint", "bin/eslint.js"), "--cache", "--cache-location", "node_modules/.cache/eslint/", "--cache-strategy", "content", "."], { stdio: ["ignore", "pipe", "pipe"] }));
let lintOut = "";
lint.stdout.on("data", (d) => (lintOut += d));
lint.stderr.on("data", (d) => (lintOut += d));
const lintDone = new Promise((resolve) => lint.on("close", (code) => resolve(code ?? 1)));

const jest = spawn(...node([bin("jest", "bin/jest.js"), "--testPathIgnorePatterns", "/e2e/terraform.test.ts", "/e2e/library.test.ts", ...process.argv.slice(2)], { stdio: "inherit" }));
const jestDone = new Promise((resolve) => jest.on("close", (code) => resolve(code ?? 1)));

Promise.all([lintDone, jestDone]).then(([lintCode, jestCode]) => {
  if (lintOut) process.stderr.write(lintOut);
  if (lintCode !== 0) process.stderr.write(`npm test: ESLint failed (exit ${lintCode})\n`);
  process.exit(lintCode || jestCode);
});
// Ctrl-C: stop both (they share our process group anyway; this covers a kill of this process alone).
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { lint.kill(signal); jest.kill(signal); });
