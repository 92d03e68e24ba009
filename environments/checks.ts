// The cross-field checks of one environment; each section's own check lives with its topic (compute-mode.ts,
// governance-checks.ts, network-checks.ts, shared-checks.ts, warnings.ts), re-exported here for their users.
import { REGIONS } from "../modules/core/constants";
import { ContextValues, defaultResourcePrefix } from "../modules/core/context";
import { bucketNameProblems } from "../modules/core/bucket-name";
import { crossAccountRoleName } from "../modules/core/iam-names";
import { Problem, underPath } from "../modules/core/problems";
import { isRecord } from "../modules/core/shape";
import { tagProblems } from "../modules/core/tags";
import { dataAccessProblems } from "../modules/data-access";
import { keyAdminProblems } from "../modules/keys/workspace-keys";
import { roleActivityProblems } from "../modules/monitoring";
import { jobScheduleProblems } from "../modules/pipeline/schedule";
import { defaultRootBucketName } from "../modules/storage";
import { serverlessEgressProblems } from "../modules/serverless";
import { workspaceProblems } from "../modules/workspace/validation";
import { clusterPoliciesProblems, clusterTagProblems, workspaceSettingsProblems } from "../modules/workspace-config";
import { providerVersionProblems } from "../modules/core/provider-versions";
import { checkRunner, type CheckRunner } from "./check-runner";
import { ciRunnerProblems } from "./ci-runner";
import { computeModeConfigProblems } from "./compute-mode";
import { governanceProblems } from "./governance-checks";
import { networkProblems, regionDependent, regionOfZones } from "./network-checks";
import { legacyRuntimeProblems } from "./runtime";
import { principalReferenceProblems } from "./principals";
import { stateProblems } from "./shared-checks";
import type { Environment } from "./schema";

export { checkRunner, type CheckRunner } from "./check-runner";
export { computeModeConfigProblems } from "./compute-mode";
export { metastoreLinkProblems, stateProblems } from "./shared-checks";
export { configWarnings } from "./warnings";

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
