// `npm run preflight -- <env> [<env>…]`: read-only checks of the AWS and Databricks accounts before a deploy
// (docs/preflight.md). Exit status 0: safe to deploy; 1: not (a problem, no credentials, placeholder ids);
// 2: bad arguments or config. `npm run deploy -- <env>` runs it first and relies on that status.
"use strict";
const { runCli } = require("./preflight/run.js");
const { preflightChecks } = require("./preflight/checks.js");

runCli("preflight", preflightChecks);
