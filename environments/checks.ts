import { SUPPORTED_REGIONS, REGIONS } from "../modules/core/constants";
import { ContextValues, defaultResourcePrefix } from "../modules/core/context";
import { bucketNameProblems } from "../modules/core/bucket-name";
import { crossAccountRoleName } from "../modules/core/iam-names";
import { instanceTypeWarning } from "../modules/core/instance-types";
import { awsResourceIdListProblems, awsResourceIdProblems, unknownRegionMessage } from "../modules/core/ids";
import { Problem, underPath } from "../modules/core/problems";
import { isRecord } from "../modules/core/shape";
import { tagProblems } from "../modules/core/tags";
import { dataAccessProblems } from "../modules/data-access";
import { keyAdminProblems } from "../modules/keys/workspace-keys";
import { roleActivityProblems } from "../modules/monitoring";
import { connectivityProblems } from "../modules/network";
import { jobScheduleProblems } from "../modules/pipeline/schedule";
import { existingNetworkProblems, workspaceVpcProblems } from "../modules/network/validation";
import { isolatedBackendProblems } from "../modules/network/isolated";
import { clientCidrProblems, existingPrivateLinkProblems, privateLinkProblems } from "../modules/privatelink";
import { defaultRootBucketName } from "../modules/storage";
import { serverlessEgressProblems } from "../modules/serverless";
import { environmentBudgetProblems } from "../modules/cost";
import { securityAlertsProblems } from "../modules/security-alerts";
import { workspaceProblems } from "../modules/workspace/validation";
import { clusterPoliciesProblems, clusterTagProblems, workspaceSettingsProblems } from "../modules/workspace-config";
import { providerVersionProblems } from "../modules/core/provider-versions";
import { systemTablesProblems, workspaceCatalogProblems } from "../modules/unity-catalog";
import { workspaceIdentitiesProblems } from "../modules/identity";
import { securityTierProblems, workspaceSecurityProblems } from "../modules/workspace-security";
import { ciRunnerProblems } from "./ci-runner";
import { legacyRuntimeProblems } from "./runtime";
import { principalReferenceProblems } from "./principals";
import type { Environment, PrivateLinkConfig } from "./schema";

/** The deployment context an environment's stacks create (modules/core DeploymentContext). */
export function contextOf(env: Environment): ContextValues & { tags: Readonly<Record<string, string>>; protectData: boolean } {
  return {
    resourcePrefix: env.resourcePrefix ?? defaultResourcePrefix(env.name),
    region: env.region,
    awsAccountId: env.awsAccountId,
    databricksAccountId: env.databricksAccountId,
    tags: env.tags,
    protectData: env.protectData ?? false,
  };
}

/** Runs one check: what it finds, or, when it throws, that it could not check (never a silent drop). */
export type CheckRunner = (check: () => readonly Problem[], section?: string) => void;

/**
 * A runner adding to `problems`. Each check runs on its own, so one that throws hides nothing another finds; a check
 * meeting a value of an unexpected type should report it and go on (the tests give every field of the examples a
 * value of each wrong type and expect no throw), so a throw is a bug: it is reported on the section, not swallowed.
 */
export function checkRunner(problems: Problem[]): CheckRunner {
  return (check, section = "config") => {
    try {
      problems.push(...check());
    } catch (err) {
      problems.push({ path: section, value: undefined, message: `could not be checked completely (${(err as Error).message}); fix the problems reported above for it` });
    }
  };
}

/**
 * Rules across fields, run by the modules that own them on the config sections (which are their props): this only
 * puts each section's path in front. Every section is checked even where the schema rejected part of it (problems.ts
 * drops what the schema already reported), so one pass reports every problem of every field.
 */
export function crossFieldProblems(env: Environment, rejected: (field: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  // Context derived from a rejected field (the prefix from a bad name, the AZs of a misspelt region) would only
  // add noise: checks that need it skip those parts.
  const accepted = (...fields: string[]) => fields.every((f) => !rejected(f));
  const run = checkRunner(problems);
  const prefix = ["name", "resourcePrefix"];
  const ctx = contextOf(env);
  run(() => tagProblems(env.tags), "tags");
  run(() => stateProblems(env.state), "state");
  run(() => providerVersionProblems(env.providerVersions), "providerVersions");
  if (env.storage?.rootBucketName !== undefined || accepted(...prefix, "awsAccountId")) {
    run(() => bucketNameProblems(env.storage?.rootBucketName ?? defaultRootBucketName(ctx), "storage.rootBucketName"), "storage");
  }
  run(() => underPath("workspace", workspaceProblems({ ...env.workspace })), "workspace");
  const watch = accepted(...prefix) ? env.monitoring?.roleActivity : undefined;
  if (watch) run(() => underPath("monitoring.roleActivity", roleActivityProblems({ roleName: crossAccountRoleName(ctx.resourcePrefix), ...watch })), "monitoring");
  if (accepted("region")) run(() => keyProblems(env), "customerManagedKeys");
  run(() => tierProblems(env), "workspace.pricingTier");
  if (env.serverlessEgress && accepted(...prefix)) run(() => underPath("serverlessEgress", serverlessEgressProblems(env.serverlessEgress!, ctx)), "serverlessEgress");
  if (env.workspaceConfig) workspaceConfigProblems(env.workspaceConfig, ctx, run);
  run(() => ciRunnerProblems(env), "workspaceConfig.runsOn");
  if (accepted("region")) run(() => networkProblems(env.network, ctx), "network");
  else run(() => networkProblems(env.network, { ...ctx, region: regionOfZones(env.network) }).filter((p) => !regionDependent(p)), "network");
  governanceProblems(env, ctx, accepted, run);
  run(() => principalReferenceProblems(env, ctx.resourcePrefix), "identities");
  run(() => legacyRuntimeProblems(env), "workspaceConfig.sparkVersion");
  run(() => computeModeConfigProblems(env), "workspace.computeMode");
  return problems;
}

/**
 * What a serverless workspace (`workspace.computeMode = "SERVERLESS"`) refuses, and what a classic one needs. A
 * serverless workspace carries no credentials_id, storage_configuration_id, network_id, private access settings or
 * workspace keys (provider 1.99 docs/resources/mws_workspaces.md; the SRA's serverless variant sets none:
 * databricks/terraform-databricks-sra:aws/tf/modules/databricks_account/workspace/main.tf), is not offered in GovCloud
 * (same SRA file's precondition), and has no classic clusters to govern or cross-account role to watch.
 */
export function computeModeConfigProblems(env: Environment): Problem[] {
  const problems: Problem[] = [];
  const wc = env.workspaceConfig;
  if (env.workspace?.computeMode !== "SERVERLESS") {
    if (!env.network) problems.push({ path: "network", value: undefined, message: "is required for a classic workspace (set workspace.computeMode to \"SERVERLESS\" for a workspace without one)" });
    if (env.unityCatalog?.defaultStorage) {
      problems.push({ path: "unityCatalog.defaultStorage", value: true, message: "needs a serverless workspace (workspace.computeMode = \"SERVERLESS\"): Databricks offers default storage only there" });
    }
    if (env.serverlessEgress?.endpointServices?.length && env.network?.mode === "databricks-managed") {
      problems.push({ path: "serverlessEgress.endpointServices", value: "(set)", message: "need a VPC of yours (network.mode create or existing) for the load balancers" });
    }
    for (const policy of ["clusterPolicy", "jobPolicy"] as const) {
      if (wc && !wc[policy]) problems.push({ path: `workspaceConfig.${policy}`, value: undefined, message: "is required for a classic workspace: its clusters run under the policy" });
    }
    return problems;
  }
  const refuse = (path: string, value: unknown, why: string) => {
    if (value !== undefined) problems.push({ path, value, message: `must not be set for a serverless workspace (workspace.computeMode = "SERVERLESS"): ${why}` });
  };
  refuse("network", env.network?.mode, "serverless compute runs in Databricks' account, not in a VPC of yours (its egress is serverlessEgress)");
  refuse("storage", env.storage && "(set)", "Databricks refuses storage_configuration_id on it: the workspace uses Databricks' default storage");
  refuse("customerManagedKeys", env.customerManagedKeys && "(set)", "the SRA's serverless variant registers no workspace keys (no root bucket or EBS to encrypt)");
  refuse("monitoring.roleActivity", env.monitoring?.roleActivity && "(set)", "there is no cross-account role to watch");
  refuse("workspaceConfig.clusterPolicy", wc?.clusterPolicy && "(set)", "it has no classic clusters");
  refuse("workspaceConfig.jobPolicy", wc?.jobPolicy && "(set)", "it has no classic clusters (the job runs on serverless jobs compute)");
  refuse("serverlessEgress.endpointServices", env.serverlessEgress?.endpointServices?.length ? "(set)" : undefined, "the load balancers need a VPC of yours; create the endpoint service elsewhere and list it in serverlessEgress.privateEndpointRules");
  refuse("security.automaticClusterUpdate", env.security?.automaticClusterUpdate && "(set)", "it updates classic clusters only");
  if (REGIONS[env.region]?.partition === "aws-us-gov") {
    problems.push({ path: "workspace.computeMode", value: "SERVERLESS", message: `is not available in ${env.region}: Databricks offers no serverless workspaces in GovCloud` });
  }
  return problems;
}

/**
 * Unity Catalog, identities, security settings and system tables (issue 12): each section's module, plus what each
 * needs, each check run on its own. Run like every section (problems.ts drops what the schema reported already); the
 * catalog's default bucket name needs the prefix and account.
 */
function governanceProblems(env: Environment, ctx: ContextValues, accepted: (...fields: string[]) => boolean, run: CheckRunner): void {
  const needs = (section: string, what: string, present: unknown, why: string) =>
    run(() => (present ? [] : [{ path: section, value: undefined, message: `needs ${what}: ${why}` }]), section);
  const uc = env.unityCatalog;
  if (uc) {
    const named = uc.bucketName !== undefined || accepted("name", "resourcePrefix", "awsAccountId");
    run(() => underPath("unityCatalog", workspaceCatalogProblems(named ? uc : { ...uc, bucketName: "placeholder-bucket" }, ctx)), "unityCatalog");
    needs("unityCatalog", "workspaceConfig", env.workspaceConfig, "the catalog is created inside the workspace, by the <env>-workspace-config stack");
  }
  if (env.identities) {
    run(() => underPath("identities", workspaceIdentitiesProblems(env.identities!)), "identities");
    needs("identities", "unityCatalog", uc, "assigning account groups to a workspace needs identity federation, i.e. a metastore assigned to it");
  }
  if (env.security) {
    run(() => underPath("security", workspaceSecurityProblems(env.security!)), "security");
    run(() => underPath("security", securityTierProblems(env.security!, env.workspace?.pricingTier ?? "PREMIUM")), "security");
    needs("security", "workspaceConfig", env.workspaceConfig, "the settings are applied inside the workspace, by the <env>-workspace-config stack");
  }
  if (env.systemTables) {
    run(() => underPath("systemTables", systemTablesProblems(env.systemTables!)), "systemTables");
    needs("systemTables", "unityCatalog", uc, "system tables live in the metastore's system catalog");
  }
  if (env.budget) run(() => underPath("budget", environmentBudgetProblems(env.budget!, env)), "budget");
  if (env.securityAlerts) {
    run(() => underPath("securityAlerts", securityAlertsProblems(env.securityAlerts!)), "securityAlerts");
    needs("securityAlerts", "unityCatalog", uc, "the alerts read system.access.audit, a system table of the workspace's metastore");
    needs("securityAlerts", "workspaceConfig", env.workspaceConfig, "the warehouse, queries and alerts are created inside the workspace, by the <env>-workspace-config stack");
  }
  run(() => legacyInstanceProfileProblems(env), "workspaceConfig.dataAccess");
}

/**
 * The Kinesis → Delta job reads through Unity Catalog (a service credential, run as the service principal, writing
 * `<catalog>.raw.events`: stacks/governance.ts) or through the legacy instance profile: with streams to read and no
 * Unity Catalog path, `dataAccess.legacyInstanceProfile` must be on, or the job would have no way to read Kinesis.
 */
function legacyInstanceProfileProblems(env: Environment): Problem[] {
  const data = env.workspaceConfig?.dataAccess;
  if (!data || data.legacyInstanceProfile || !(data.demoStream || data.streamNames?.length)) return [];
  const uc = env.unityCatalog;
  const missing = !uc ? "no unityCatalog"
    : !(uc.schemas ?? ["raw"]).includes("raw") ? "unityCatalog.schemas has no \"raw\" for the job's table and checkpoint volume"
      : env.identities?.servicePrincipal === false ? "identities.servicePrincipal is false: the job runs as it" : undefined;
  return missing ? [{ path: "workspaceConfig.dataAccess.legacyInstanceProfile", value: data.legacyInstanceProfile,
    message: `must be true here: the Kinesis → Delta job reads the streams through Unity Catalog, which this environment cannot give it (${missing}); ` +
      "set legacyInstanceProfile: true for the instance-profile path, or give the job its Unity Catalog path" }] : [];
}

/** Network problems that say something about the region: not reported when the region itself was rejected. */
function regionDependent(p: Problem): boolean {
  return /\bregion\b/.test(p.message) && (p.path.startsWith("network.availabilityZones[") || p.path === "network.privateLink")
    || p.path === "network.restrictiveEndpointPolicies";
}

/** With the region rejected: the region the first availability zone names, so the VPC layout is still checked. */
function regionOfZones(net: Environment["network"]): string {
  const zone = net?.mode === "create" && Array.isArray(net.availabilityZones) ? net.availabilityZones[0] : undefined;
  return typeof zone === "string" ? zone.replace(/[a-z]$/, "") : "us-east-1";
}

function keyProblems(env: Environment): Problem[] {
  const cmk = env.customerManagedKeys;
  if (!cmk) return [];
  const problems: Problem[] = [];
  if (!cmk.managedServices && !cmk.storage) {
    problems.push({ path: "customerManagedKeys", value: cmk, message: "turns both keys off; remove the section to use Databricks-managed keys" });
  }
  if (cmk.keyAdminArns) problems.push(...underPath("customerManagedKeys", keyAdminProblems(cmk.keyAdminArns, [REGIONS[env.region].partition])));
  return problems;
}

/** PrivateLink, customer-managed keys and IP access lists are Enterprise-tier features on AWS (https://docs.databricks.com/en/security/network/index.html). */
function tierProblems(env: Environment): Problem[] {
  const needs = [
    ...(isRecord(env.network) && env.network.mode !== "databricks-managed" && env.network.privateLink ? ["PrivateLink (network.privateLink)"] : []),
    ...(env.customerManagedKeys ? ["customer-managed keys (customerManagedKeys)"] : []),
    ...(env.workspaceConfig?.ipAccessLists ? ["IP access lists (workspaceConfig.ipAccessLists)"] : []),
    ...(env.serverlessEgress ? ["serverless egress control (serverlessEgress)"] : []),
  ];
  const tier = env.workspace?.pricingTier ?? "PREMIUM";
  if (!needs.length || tier === "ENTERPRISE") return [];
  const list = needs.length > 2 ? `${needs.slice(0, -1).join(", ")} and ${needs[needs.length - 1]}` : needs.join(" and ");
  return [{ path: "workspace.pricingTier", value: tier, message: `must be ENTERPRISE: Databricks offers ${list} only on the Enterprise tier` }];
}

function networkProblems(net: Environment["network"], ctx: ContextValues): Problem[] {
  if (!isRecord(net) || net.mode === "databricks-managed") return []; // not an object: the schema reports it
  if (net.mode === "existing") {
    return underPath("network", [...existingNetworkProblems(net), ...(net.privateLink ? underPath("privateLink", existingPrivateLinkProblems(net.privateLink, ctx)) : [])]);
  }
  const problems = underPath("network", workspaceVpcProblems(net, ctx).problems);
  problems.push(...underPath("network", connectivityProblems(net)));
  if (net.privateLink) problems.push(...privateLinkConfigProblems(ctx.region, net.privateLink));
  problems.push(...underPath("network", isolatedBackendProblems(net)));
  return problems;
}

function privateLinkConfigProblems(region: string, pl: PrivateLinkConfig): Problem[] {
  const at = "network.privateLink";
  const problems = privateLinkProblems(region, at);
  const fe = pl.frontend;
  if (!fe) return problems;
  problems.push(...underPath(`${at}.frontend`, clientCidrProblems(fe.clientCidrs)));
  if (fe.transitVpc) {
    problems.push(...underPath(`${at}.frontend.transitVpc`, [
      ...awsResourceIdProblems("vpcId", fe.transitVpc.vpcId, "vpc"),
      ...awsResourceIdListProblems("subnetIds", fe.transitVpc.subnetIds, "subnet", { min: 1, why: "the subnets of the transit VPC that hold the front-end endpoint" }),
    ]));
  } else if (pl.backend && fe.inboundResolver) {
    problems.push({ path: `${at}.frontend.inboundResolver`, value: true,
      message: "needs frontend.transitVpc when back-end PrivateLink is on: the front end then shares the back-end REST endpoint and gets no endpoint (or resolver) of its own" });
  }
  return problems;
}

/**
 * The `workspaceConfig` section's constructs. Tags come from the context: their problems are reported once, on
 * `tags` (tagProblems above), not again for each policy that fixes them.
 */
function workspaceConfigProblems(config: NonNullable<Environment["workspaceConfig"]>, ctx: ContextValues & { tags: Readonly<Record<string, string>> }, run: CheckRunner): void {
  const at = "workspaceConfig";
  const own: Problem[] = [];
  const collect = (check: () => Problem[]) => () => {
    const found = check();
    own.push(...found);
    return found;
  };
  run(collect(() => underPath(at, workspaceSettingsProblems(config))), at);
  const { clusterPolicy, jobPolicy } = config;
  if (clusterPolicy && jobPolicy) run(collect(() => underPath(at, clusterPoliciesProblems({ ...config, clusterPolicy, jobPolicy }))), at);
  // The policies fix the environment's tags: Databricks' tag limits (a little tighter than AWS') are reported on `tags`.
  // Missing required tags are reported by tagProblems already.
  run(() => clusterTagProblems(ctx.tags).filter((p) => !p.message.startsWith("is missing required tag")
    && !own.some((q) => q.path === p.path && q.message === p.message)), "tags");
  if (config.dataAccess) run(() => underPath(`${at}.dataAccess`, dataAccessProblems(config.dataAccess!, ctx)), `${at}.dataAccess`);
  run(() => underPath(`${at}.pipeline`, jobScheduleProblems(config.pipeline?.schedule)), `${at}.pipeline`);
}

/** Problems with a `state` section (shared with the account-level config). */
export function stateProblems(state: Environment["state"]): Problem[] {
  if (state?.backend !== "s3") return [];
  const problems = bucketNameProblems(state.bucket, "state.bucket");
  if (state.region !== undefined && !SUPPORTED_REGIONS.includes(state.region)) {
    problems.push({ path: "state.region", value: state.region, message: unknownRegionMessage() });
  }
  return problems;
}

/**
 * Problems across the environments and the account config (issue 12): an environment with a catalog needs the
 * account config's metastore in its region (one metastore per region per account). Run on raw, unvalidated input.
 */
export function metastoreLinkProblems(environments: readonly unknown[], account: unknown): Array<{ environment: string; problem: Problem }> {
  const uc = (account as { unityCatalog?: unknown; region?: unknown } | undefined);
  const found: Array<{ environment: string; problem: Problem }> = [];
  for (const raw of environments) {
    const env = raw as { name?: unknown; region?: unknown; unityCatalog?: unknown };
    if (!env || typeof env !== "object" || !env.unityCatalog || typeof env.name !== "string") continue;
    if (!uc?.unityCatalog) {
      found.push({ environment: env.name, problem: { path: "unityCatalog", value: undefined,
        message: "needs a metastore: set unityCatalog.metastore in the account config (environments/account.ts), { id } of the region's metastore or { name } to create one" } });
    } else if (env.region !== uc.region) {
      found.push({ environment: env.name, problem: { path: "region", value: env.region,
        message: `differs from the account config's region ${JSON.stringify(uc.region)}, whose metastore it would be assigned (a metastore serves one region)` } });
    }
  }
  return found;
}

/**
 * What may be wrong but must not stop the synth (main.ts prints it): node types Databricks' list of AWS node types
 * does not include (a stale list must never block a new instance family).
 */
export function configWarnings(env: Environment): Problem[] {
  const wc = env.workspaceConfig;
  if (!wc) return [];
  return (["clusterPolicy", "jobPolicy"] as const).flatMap((policy) => (wc[policy]?.allowedNodeTypes ?? []).flatMap((node, i) => {
    const warning = typeof node === "string" ? instanceTypeWarning(node) : undefined;
    return warning ? [{ path: `workspaceConfig.${policy}.allowedNodeTypes[${i}]`, value: node, message: warning }] : [];
  }));
}
