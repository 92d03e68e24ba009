// `npm run preflight -- <env> [<env>…]`: read-only checks of the AWS and Databricks accounts before a deploy
// (docs/preflight.md). Exit status 0: safe to deploy; 1: not (a problem, no credentials, placeholder ids);
// 2: bad arguments or config. `npm run deploy -- <env>` runs it first and relies on that status.
"use strict";
const { main } = require("./preflight/run.js");
const { preflightChecks } = require("./preflight/checks.js");

main("preflight", process.argv.slice(2), preflightChecks).then((code) => {
  process.exitCode = code;
}, (e) => {
  process.stderr.write(`preflight: ${e && e.message ? e.message : e}\n`);
  process.exitCode = 1;
});
