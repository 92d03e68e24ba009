// One environment's preflight: AWS, then the Databricks account, then (when the workspace exists) the workspace.
"use strict";
const { awsChecks } = require("./aws.js");
const { accountChecks } = require("./account.js");
const { accountClient, workspaceClient } = require("./databricks.js");
const { egressVsConfig, ipAccessCheck, jobIdentityCheck } = require("./workspace.js");

async function preflightChecks(report, ctx) {
  const { env, expected, auth } = ctx;
  await awsChecks(report, env, expected, { timeoutMs: ctx.timeoutMs });
  const api = accountClient(env.databricksAccountId, auth, report.secrets, ctx.callOpts, ctx.variables);
  const found = await accountChecks(report, { ...ctx, api });
  const skip = (why) => {
    // The first apply turns the IP lists on: the runner's egress must be in the configured list even before.
    const egress = egressVsConfig(ctx);
    if (egress) report.add(env.name, "workspace.ip-access", egress.status, egress.message, egress.fix);
    else report.add(env.name, "workspace.ip-access", "skipped", why);
    report.add(env.name, "workspace.job-identity", "skipped", why);
  };
  if (!found) return skip("the Account API is not reachable");
  if (!found.workspace) return skip(`workspace ${expected.workspaceName} does not exist yet (created by ${env.name}-workspace)`);
  if (found.workspace.workspace_status !== "RUNNING") return skip(`workspace ${expected.workspaceName} is ${found.workspace.workspace_status}, not RUNNING`);
  const ws = workspaceClient(found.workspace, env.databricksAccountId, auth, report.secrets, ctx.callOpts, ctx.variables);
  if (await ipAccessCheck(report, ctx, ws)) await jobIdentityCheck(report, ctx, ws);
  else report.add(env.name, "workspace.job-identity", "skipped", "the workspace API is not reachable from here");
}

module.exports = { preflightChecks };
