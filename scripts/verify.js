// `npm run verify -- <env>`: after a deploy, read-only checks that what the stacks made works (docs/preflight.md);
// `--run-job` starts one run of the Kinesis job and waits for it. Exit status 0: as deployed; 1: not; 2: bad input.
"use strict";
const { runCli } = require("./preflight/run.js");
const { verifyChecks } = require("./preflight/verify-checks.js");

runCli("verify", verifyChecks);
