// Workspace-level checks (Workspace API, https://docs.databricks.com/api/workspace/introduction), shared by the
// preflight (when the workspace exists) and verify: the IP access lists against the runner's egress IP, and the
// job's service principal with CAN_USE on the jobs policy.
"use strict";
const { IPv4, IPv4CidrRange } = require("ip-num");
const { CallError } = require("./http.js");
const { scimFilter } = require("./account.js");

/** Databricks' answer when the caller's IP is not allowed: "Source IP address: <ip> is blocked by Databricks IP ACL". */
const BLOCKED = /Source IP address:?\s*([0-9.]+)\s+is blocked/i;

/** Whether IPv4 `ip` lies inside one of `cidrs` (a bare address counts as /32). */
function inside(ip, cidrs) {
  const addr = IPv4CidrRange.fromCidr(`${ip}/32`);
  return cidrs.some((c) => {
    try {
      return IPv4CidrRange.fromCidr(c.includes("/") ? c : `${c}/32`).contains(addr);
    } catch {
      return false;
    }
  });
}

const validIp = (ip) => {
  try {
    IPv4.fromDecimalDottedString(ip);
    return true;
  } catch {
    return false;
  }
};

/**
 * The runner's egress IP against the configured lists, without a call (the workspace need not exist yet: the
 * first apply of <env>-workspace-config turns the lists on, and Databricks refuses a list that excludes its
 * caller). Returns undefined when there is nothing to compare.
 */
function egressVsConfig(ctx, { live = [], verify = false } = {}) {
  const configured = ctx.env.workspaceConfig && ctx.env.workspaceConfig.ipAccessLists;
  const egress = ctx.egressIp;
  if (!configured || !egress) return undefined;
  if (!validIp(egress)) return { status: "problem", message: `--egress-ip ${egress} is not an IPv4 address`, fix: "pass the runner's public IPv4, e.g. 198.51.100.34" };
  const problems = [];
  if (!inside(egress, configured.allow)) problems.push(`${egress} is not inside workspaceConfig.ipAccessLists.allow (${configured.allow.join(", ")}): the apply would lock this runner out`);
  if (configured.block && inside(egress, configured.block)) problems.push(`${egress} is inside workspaceConfig.ipAccessLists.block`);
  if (verify && !inside(egress, live)) problems.push(`${egress} is not in the workspace's live allow list (${live.join(", ") || "empty"})`);
  if (problems.length) return { status: "problem", message: problems.join("; "), fix: `add ${egress}/32 (or your runner's range) to allow and deployerCidrs, or deploy from inside them` };
  return { status: "ok", message: `egress ${egress} is inside the configured allow list${verify ? " and the live one" : ""}` };
}

/**
 * IP access lists. The runner's egress IP comes from --egress-ip / PREFLIGHT_EGRESS_IP (read-only and without an
 * outside "what is my IP" service, nothing else can tell it) or from Databricks' own 403, which names it.
 * Returns whether the workspace API answered (the checks after it need it).
 */
async function ipAccessCheck(report, ctx, ws, { verify = false } = {}) {
  const { env } = ctx;
  const name = env.name;
  const configured = env.workspaceConfig && env.workspaceConfig.ipAccessLists;
  const egress = ctx.egressIp;
  let enabled;
  let lists = [];
  try {
    const conf = await ws.get("/api/2.0/workspace-conf?keys=enableIpAccessLists", "workspace-conf enableIpAccessLists");
    enabled = String(conf.enableIpAccessLists) === "true";
    if (enabled) {
      const out = await ws.get("/api/2.0/ip-access-lists", "IP access lists");
      lists = Array.isArray(out.ip_access_lists) ? out.ip_access_lists : [];
    }
  } catch (e) {
    const m = e instanceof CallError && e.status === 403 && BLOCKED.exec(e.message);
    if (m) {
      report.add(name, "workspace.ip-access", "problem", `the workspace refuses this runner: its egress IP ${m[1]} is not in the workspace's IP allow list`,
        `run from an address inside workspaceConfig.ipAccessLists.deployerCidrs (runsOn: a runner with static egress), or add ${m[1]}/32 to allow and deployerCidrs from a machine that is allowed`);
      return false;
    }
    report.add(name, "workspace.ip-access", "problem", e.message, "the deployer needs workspace admin (the account admin service principal is assigned to the workspace by the workspace stack)");
    return false;
  }
  const allow = lists.filter((l) => l.enabled !== false && l.list_type === "ALLOW").flatMap((l) => l.ip_addresses || []);
  if (!configured) {
    if (verify) report.add(name, "workspace.ip-access", "skipped", "the config turns no IP access list on");
    else report.add(name, "workspace.ip-access", "ok", `the config sets no IP access list (workspace: ${enabled ? "on" : "off"})`);
    return true;
  }
  if (verify && !enabled) {
    report.add(name, "workspace.ip-access", "problem", "IP access lists are off, the config turns them on", `deploy ${name}-workspace-config`);
    return true;
  }
  if (!egress) {
    report.add(name, "workspace.ip-access", "skipped", `this runner's egress IP is unknown${enabled ? " (the workspace answered, so it is in the live allow list)" : ""}; the apply sets allow ${configured.allow.join(", ")}`,
      "pass --egress-ip <your NAT or runner's public IPv4> (or PREFLIGHT_EGRESS_IP) to check it against workspaceConfig.ipAccessLists");
    return true;
  }
  const r = egressVsConfig(ctx, { live: allow, verify });
  report.add(name, "workspace.ip-access", r.status, r.status === "ok" ? `${r.message} (lists ${enabled ? "on" : "off, the apply turns them on"})` : r.message, r.fix);
  return true;
}

/** The job's service principal (workspace SCIM) and CAN_USE on the jobs policy (Permissions API). */
async function jobIdentityCheck(report, ctx, ws, { verify = false } = {}) {
  const { env, expected } = ctx;
  const name = env.name;
  if (!expected.pipelineServicePrincipal) {
    report.add(name, "workspace.job-identity", "skipped", "the config has no job service principal (workspaceConfig, identities.servicePrincipal)");
    return;
  }
  const later = (what) => report.add(name, "workspace.job-identity", verify ? "problem" : "skipped", `${what} does not exist yet`, `deploy ${name}-workspace and ${name}-workspace-config`);
  try {
    const sps = await ws.get(`/api/2.0/preview/scim/v2/ServicePrincipals?${scimFilter("displayName", expected.pipelineServicePrincipal)}`, "workspace SCIM ServicePrincipals");
    const sp = (sps.Resources || []).find((s) => s.displayName === expected.pipelineServicePrincipal);
    if (!sp) return later(`service principal ${expected.pipelineServicePrincipal}`);
    const out = await ws.get("/api/2.0/policies/clusters/list", "cluster policies list");
    const policy = (out.policies || []).find((p) => p.name === expected.jobPolicyName);
    if (!policy) return later(`policy "${expected.jobPolicyName}" (service principal ${sp.applicationId} exists)`);
    const perms = await ws.get(`/api/2.0/permissions/cluster-policies/${encodeURIComponent(policy.policy_id)}`, "cluster policy permissions");
    const canUse = (perms.access_control_list || []).some((a) => a.service_principal_name === sp.applicationId &&
      (a.all_permissions || []).some((p) => p.permission_level === "CAN_USE"));
    if (canUse) report.add(name, "workspace.job-identity", "ok", `${expected.pipelineServicePrincipal} exists and has CAN_USE on "${expected.jobPolicyName}"`);
    else report.add(name, "workspace.job-identity", "problem", `${expected.pipelineServicePrincipal} has no CAN_USE on "${expected.jobPolicyName}": the job cannot start its cluster`, `deploy ${name}-workspace-config (it grants the job's run-as CAN_USE)`);
  } catch (e) {
    report.add(name, "workspace.job-identity", "problem", e.message, "the deployer needs workspace admin on the workspace");
  }
}

module.exports = { ipAccessCheck, jobIdentityCheck, egressVsConfig, inside, validIp, BLOCKED };
