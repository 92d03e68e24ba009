// Classic vs serverless workspace: what each compute mode needs and refuses (crossFieldProblems in checks.ts runs it).
import { REGIONS } from "../modules/core/constants";
import { Problem } from "../modules/core/problems";
import type { Environment } from "./schema";

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
