// Databricks account checks, read-only (Account API, https://docs.databricks.com/api/account/introduction):
// the service principal can call it (workspaces list), the metastore (region, admin), the groups, the tier.
"use strict";
const { CallError } = require("./http.js");

const q = (s) => encodeURIComponent(s);
const scimFilter = (attr, value) => `filter=${q(`${attr} eq "${value.replace(/\\/g, "\\\\").replace(/"/g, "\\\"")}"`)}`;

/** What a refused Account API call means, as a fix. */
function authFix(e, env) {
  if (e instanceof CallError && (e.status === 401 || e.status === 400) && /token/i.test(e.message)) {
    return `the token endpoint refused the credentials: check DATABRICKS_CLIENT_ID/SECRET (an OAuth secret of a service principal of account ${env.databricksAccountId}), or the GitHub federation policy`;
  }
  if (e instanceof CallError && (e.status === 401 || e.status === 403)) {
    return `give the service principal the account admin role: account console → User management → Service principals → <yours> → Roles (https://docs.databricks.com/aws/en/admin/users-groups/service-principals)`;
  }
  return "check the network path to accounts.cloud.databricks.com and run again";
}

/** The account's service principal for the auth's client id (SCIM), or undefined. */
async function deployerPrincipal(api, accountId, clientId) {
  const out = await api.get(`/api/2.0/accounts/${accountId}/scim/v2/ServicePrincipals?${scimFilter("applicationId", clientId)}`, "SCIM ServicePrincipals");
  return Array.isArray(out.Resources) ? out.Resources[0] : undefined;
}

async function groupByName(api, accountId, name) {
  const out = await api.get(`/api/2.0/accounts/${accountId}/scim/v2/Groups?${scimFilter("displayName", name)}`, `SCIM Groups ${name}`);
  if (out.Resources !== undefined && !Array.isArray(out.Resources)) throw new CallError(`SCIM Groups ${name}`, "malformed", "Resources is not a list");
  return (out.Resources || []).find((g) => g.displayName === name);
}

/**
 * Account-level checks of one environment. Returns { workspace } (the Account API's workspace object when the
 * workspace exists) for the workspace-level checks, or undefined when the account could not be read.
 */
async function accountChecks(report, ctx) {
  const { env, expected, api, auth } = ctx;
  const name = env.name;
  const id = env.databricksAccountId;
  let workspaces;
  try {
    workspaces = await api.get(`/api/2.0/accounts/${id}/workspaces`, "Account API workspaces list");
    if (!Array.isArray(workspaces)) throw new CallError("Account API workspaces list", "malformed", "not a list of workspaces");
  } catch (e) {
    report.add(name, "databricks.account", "problem", `the service principal cannot use the Account API of ${id}: ${e.message}`, authFix(e, env));
    for (const c of ["databricks.metastore", "databricks.groups", "databricks.tier"]) report.add(name, c, "skipped", "the Account API is not reachable with these credentials");
    return undefined;
  }
  report.add(name, "databricks.account", "ok", `the service principal can call the Account API of ${id} (${workspaces.length} workspace(s))`);
  const workspace = workspaces.find((w) => w.workspace_name === expected.workspaceName);

  // The metastore: in the environment's region, and the deployer administers it (or has what the stacks need).
  const account = ctx.account && ctx.account.unityCatalog;
  if (!account) report.add(name, "databricks.metastore", "skipped", "no metastore in the account config (environments/account.ts unityCatalog)");
  else if (!expected.metastoreId) report.add(name, "databricks.metastore", "skipped", `created by the account stacks (unityCatalog.metastore.name ${account.metastore.name})`);
  else if (ctx.placeholderMetastore) report.add(name, "databricks.metastore", "problem", `unityCatalog.metastore.id is the example's placeholder ${expected.metastoreId}`, "set the id of the region's metastore (account console → Catalog) in environments/account.ts");
  else {
    try {
      const out = await api.get(`/api/2.0/accounts/${id}/metastores/${q(expected.metastoreId)}`, "Account API metastore");
      const m = out.metastore_info;
      if (!m || typeof m !== "object") throw new CallError("Account API metastore", "malformed", "no metastore_info");
      const problems = [];
      if (m.region !== env.region) problems.push(`it is in ${m.region}, the environment in ${env.region} (a workspace can only use its region's metastore)`);
      let admin = m.owner === auth.clientId;
      if (!admin && m.owner) {
        const group = await groupByName(api, id, m.owner);
        const me = group && (await deployerPrincipal(api, id, auth.clientId));
        admin = Boolean(group && me && (group.members || []).some((x) => x.value === me.id));
      }
      if (!admin) problems.push(`its owner (metastore admin) is ${m.owner}, not the deploying service principal or a group it is in`);
      if (problems.length) {
        report.add(name, "databricks.metastore", "problem", `metastore ${m.name} (${m.metastore_id}): ${problems.join("; ")}`,
          "use the region's metastore id in environments/account.ts; make the service principal (or a group it is in) the metastore admin (account console → Catalog → the metastore → Metastore admin), or grant it CREATE_CATALOG, CREATE_STORAGE_CREDENTIAL, CREATE_EXTERNAL_LOCATION on the metastore");
      } else report.add(name, "databricks.metastore", "ok", `metastore ${m.name} is in ${m.region}; the deployer administers it (owner ${m.owner})`);
    } catch (e) {
      const missing = e instanceof CallError && e.status === 404;
      report.add(name, "databricks.metastore", "problem", missing ? `metastore ${expected.metastoreId} does not exist in account ${id}` : e.message,
        "set unityCatalog.metastore.id in environments/account.ts to the region's metastore (account console → Catalog)");
    }
  }

  // Groups the environment expects to exist (assigned or granted, not created by it).
  if (expected.existingGroups.length === 0) report.add(name, "databricks.groups", "skipped", "the config names no account group it does not create");
  else {
    try {
      const missing = [];
      for (const g of expected.existingGroups) if (!(await groupByName(api, id, g))) missing.push(g);
      if (missing.length) {
        report.add(name, "databricks.groups", "problem", `not in account ${id}: ${missing.join(", ")}`,
          "create them (SCIM from your identity provider, or account console → User management → Groups), fix the name in the config, or set create: true in identities.groups");
      } else report.add(name, "databricks.groups", "ok", `${expected.existingGroups.length} group(s) exist: ${expected.existingGroups.join(", ")}`);
    } catch (e) {
      report.add(name, "databricks.groups", "problem", e.message, authFix(e, env));
    }
  }

  // The settings that need the Enhanced Security and Compliance add-on. The config check already requires the
  // Enterprise tier for them; whether the account has the add-on, no documented read-only API tells (the account
  // settings csp-enablement-account / esm-enablement-account are defaults for new workspaces, not the entitlement).
  if (expected.addOnSettings.length === 0) report.add(name, "databricks.tier", "skipped", "the config turns on no add-on setting");
  else {
    const live = workspace && workspace.pricing_tier && workspace.pricing_tier !== "ENTERPRISE" ? `; the workspace is ${workspace.pricing_tier} now, the apply moves it to ENTERPRISE (billed as such)` : "";
    report.add(name, "databricks.tier", "ok", `${expected.addOnSettings.join(", ")}: Enterprise tier${live}; the Enhanced Security and Compliance add-on has no read API: confirm it in the account console (Settings → Feature enablement)`);
  }
  return { workspace };
}

module.exports = { accountChecks, groupByName, deployerPrincipal, scimFilter };
