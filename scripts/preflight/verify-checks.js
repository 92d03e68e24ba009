// `npm run verify -- <env>`: after a deploy, read-only, what the stacks made works: the workspace is RUNNING and
// answers, the metastore is assigned and in effect, the catalog, credentials and external location exist and are
// bound to the workspace, the job's service principal has what the job needs, the IP list is on and holds the
// runner. --run-job (opt-in) starts one run of the Kinesis job (./run-job.js).
// APIs: Account API workspaces/get-metastore-assignment (https://docs.databricks.com/api/account/workspaces,
// https://docs.databricks.com/api/account/metastoreassignments/get), Unity Catalog
// (https://docs.databricks.com/api/workspace/metastores/current, .../catalogs/get, .../storagecredentials/get,
// .../externallocations/get, .../credentials/getcredential, .../workspacebindings/getbindings, .../grants/get).
"use strict";
const { accountClient, workspaceClient } = require("./databricks.js");
const { CallError } = require("./http.js");
const { ipAccessCheck, jobIdentityCheck } = require("./workspace.js");
const { scimFilter } = require("./account.js");
const { runJob } = require("./run-job.js");

const q = encodeURIComponent;

/** Securable `type` `name` exists, and is bound to the workspace when it is isolated. */
async function securable(report, name, ws, workspaceId, { check, path, bindingType, label, isolated }) {
  try {
    const info = await ws.get(path, `${label} get`);
    if (!isolated(info)) return report.add(name, check, "ok", `${label} exists (open to every workspace of the metastore)`);
    const out = await ws.get(`/api/2.1/unity-catalog/bindings/${bindingType}/${q(info.name)}`, `${label} bindings`);
    const bound = (out.bindings || []).some((b) => String(b.workspace_id) === String(workspaceId));
    if (bound) report.add(name, check, "ok", `${label} exists and is bound to workspace ${workspaceId}`);
    else report.add(name, check, "problem", `${label} is isolated and not bound to workspace ${workspaceId}`, `deploy ${name}-workspace-config again (it binds it), or bind it: Catalog Explorer → the securable → Workspaces`);
  } catch (e) {
    const missing = e instanceof CallError && e.status === 404;
    report.add(name, check, "problem", missing ? `${label} does not exist` : e.message, `deploy ${name}-workspace-config`);
  }
}

/** `principal` holds every privilege of `wanted` on the securable (UC permissions API, direct grants). */
async function grantsOf(ws, type, fullName) {
  const out = await ws.get(`/api/2.1/unity-catalog/permissions/${type}/${q(fullName)}`, `${type} grants`);
  const map = new Map();
  for (const a of out.privilege_assignments || []) map.set(a.principal, new Set(a.privileges || []));
  return map;
}

async function verifyChecks(report, ctx) {
  const { env, expected, auth } = ctx;
  const name = env.name;
  const api = accountClient(env.databricksAccountId, auth, report.secrets, ctx.callOpts, ctx.variables);
  let workspace;
  try {
    const list = await api.get(`/api/2.0/accounts/${env.databricksAccountId}/workspaces`, "Account API workspaces list");
    if (!Array.isArray(list)) throw new CallError("Account API workspaces list", "malformed", "not a list of workspaces");
    workspace = list.find((w) => w.workspace_name === expected.workspaceName);
  } catch (e) {
    return report.add(name, "verify.workspace", "problem", e.message, "the deployer needs the account admin role");
  }
  if (!workspace) return report.add(name, "verify.workspace", "problem", `workspace ${expected.workspaceName} does not exist`, `deploy ${name}-workspace`);
  if (workspace.workspace_status !== "RUNNING") {
    return report.add(name, "verify.workspace", "problem", `workspace ${expected.workspaceName} is ${workspace.workspace_status}${workspace.workspace_status_message ? `: ${workspace.workspace_status_message}` : ""}`, "wait for RUNNING (5–7 minutes after create), or read the status message in the account console");
  }
  const ws = workspaceClient(workspace, env.databricksAccountId, auth, report.secrets, ctx.callOpts, ctx.variables);
  let current;
  try {
    current = await ws.get("/api/2.1/unity-catalog/current-metastore-assignment", "current metastore assignment");
    report.add(name, "verify.workspace", "ok", `${expected.workspaceName} is RUNNING and answers at ${ws.host}`);
  } catch (e) {
    const noMetastore = e instanceof CallError && e.status === 404;
    if (!noMetastore) {
      // Unreachable (IP list, network): the IP check says which, the rest cannot run.
      report.add(name, "verify.workspace", "problem", `${expected.workspaceName} is RUNNING but does not answer: ${e.message}`, "run from an address in the IP allow list, or check the network path to the workspace");
      return;
    }
    report.add(name, "verify.workspace", "ok", `${expected.workspaceName} is RUNNING and answers at ${ws.host}`);
  }

  // The metastore: assigned at account level, and in effect in the workspace (provider issue #5282: an assignment
  // can show without taking effect).
  try {
    const out = await api.get(`/api/2.0/accounts/${env.databricksAccountId}/workspaces/${workspace.workspace_id}/metastore`, "Account API metastore assignment");
    const assigned = out.metastore_assignment && out.metastore_assignment.metastore_id;
    const effective = current && current.metastore_id;
    const want = expected.metastoreId;
    if (!assigned) report.add(name, "verify.metastore", "problem", "no metastore is assigned to the workspace", `deploy ${name}-workspace (it assigns the account config's metastore)`);
    else if (want && assigned !== want) report.add(name, "verify.metastore", "problem", `the workspace is assigned metastore ${assigned}, the config names ${want}`, "set unityCatalog.metastore.id to the region's metastore and deploy again");
    else if (effective !== assigned) report.add(name, "verify.metastore", "problem", `metastore ${assigned} is assigned but not in effect (the workspace reports ${effective || "none"})`, "re-create the assignment: npx cdktf deploy <env>-workspace after tainting it, or assign it again in the account console (provider issue #5282)");
    else report.add(name, "verify.metastore", "ok", `metastore ${assigned} is assigned and in effect (default catalog ${current.default_catalog_name || "none"})`);
  } catch (e) {
    report.add(name, "verify.metastore", "problem", e.message, "the deployer needs the account admin role");
  }

  if (expected.catalogName) {
    await securable(report, name, ws, workspace.workspace_id, { check: "verify.catalog", path: `/api/2.1/unity-catalog/catalogs/${q(expected.catalogName)}`, bindingType: "catalog", label: `catalog ${expected.catalogName}`, isolated: (i) => i.isolation_mode === "ISOLATED" });
    await securable(report, name, ws, workspace.workspace_id, { check: "verify.storage-credential", path: `/api/2.1/unity-catalog/storage-credentials/${q(expected.storageCredentialName)}`, bindingType: "storage_credential", label: `storage credential ${expected.storageCredentialName}`, isolated: (i) => i.isolation_mode === "ISOLATION_MODE_ISOLATED" });
    await securable(report, name, ws, workspace.workspace_id, { check: "verify.external-location", path: `/api/2.1/unity-catalog/external-locations/${q(expected.externalLocationName)}`, bindingType: "external_location", label: `external location ${expected.externalLocationName}`, isolated: (i) => i.isolation_mode === "ISOLATION_MODE_ISOLATED" });
    const wanted = (env.unityCatalog.grants && env.unityCatalog.grants.catalog) || [];
    try {
      const have = await grantsOf(ws, "catalog", expected.catalogName);
      const missing = wanted.flatMap((g) => g.privileges.filter((p) => !(have.get(g.principal) || new Set()).has(p)).map((p) => `${g.principal}: ${p}`));
      if (missing.length) report.add(name, "verify.grants", "problem", `catalog ${expected.catalogName} lacks ${missing.join(", ")}`, `deploy ${name}-workspace-config (a grant changed outside Terraform is put back)`);
      else report.add(name, "verify.grants", "ok", `catalog ${expected.catalogName} has the ${wanted.length} configured grant(s)`);
    } catch (e) {
      report.add(name, "verify.grants", "problem", e.message, `deploy ${name}-workspace-config`);
    }
  } else report.add(name, "verify.catalog", "skipped", "the config has no unityCatalog section");

  // The job's identity: the service credential it reads Kinesis with (ACCESS), the policy (CAN_USE).
  if (expected.serviceCredentialName && expected.pipelineServicePrincipal) {
    try {
      const sps = await ws.get(`/api/2.0/preview/scim/v2/ServicePrincipals?${scimFilter("displayName", expected.pipelineServicePrincipal)}`, "workspace SCIM ServicePrincipals");
      const sp = (sps.Resources || []).find((s) => s.displayName === expected.pipelineServicePrincipal);
      if (!sp) throw new CallError("workspace SCIM ServicePrincipals", 404, `${expected.pipelineServicePrincipal} not in the workspace`);
      await ws.get(`/api/2.1/unity-catalog/credentials/${q(expected.serviceCredentialName)}`, `service credential ${expected.serviceCredentialName}`);
      const have = await grantsOf(ws, "credential", expected.serviceCredentialName);
      if ((have.get(sp.applicationId) || new Set()).has("ACCESS")) report.add(name, "verify.service-credential", "ok", `${expected.pipelineServicePrincipal} has ACCESS on ${expected.serviceCredentialName}`);
      else report.add(name, "verify.service-credential", "problem", `${expected.pipelineServicePrincipal} has no ACCESS on ${expected.serviceCredentialName}: the job cannot read Kinesis`, `deploy ${name}-workspace-config`);
    } catch (e) {
      report.add(name, "verify.service-credential", "problem", e instanceof CallError && e.status === 404 ? `missing: ${e.message}` : e.message, `deploy ${name}-workspace-config`);
    }
  }
  await jobIdentityCheck(report, ctx, ws, { verify: true });
  await ipAccessCheck(report, ctx, ws, { verify: true });
  if (ctx.opts.runJob) {
    report.ranJob = true;
    await runJob(report, ctx, ws);
  }
}

module.exports = { verifyChecks };
