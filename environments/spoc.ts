import type { EnvironmentConfig } from "./schema";

/**
 * Serverless proof of concept: a serverless workspace (`workspace.computeMode = "SERVERLESS"`), so no VPC, cross-account
 * role, root bucket or cluster policies: serverless SQL, notebooks and jobs only (docs/serverless.md). Still governed:
 * Unity Catalog on Databricks' default storage, identities, legacy features off, restricted serverless egress, tags, and the
 * Kinesis → Delta job on serverless jobs compute. Placeholder ids: set DBX_SPOC_AWS_ACCOUNT_ID and
 * DBX_SPOC_DATABRICKS_ACCOUNT_ID, or edit them here.
 */
export const spoc: EnvironmentConfig = {
  name: "spoc",
  region: "us-east-1",
  awsAccountId: "111111111111",
  databricksAccountId: "00000000-0000-4000-8000-000000000000",
  tags: { Environment: "spoc", Owner: "cloud-engineering", CostCenter: "CC-0000", Project: "databricks", ManagedBy: "cdktf" },
  // The network policy and NCC (serverless egress) are Enterprise-tier features.
  workspace: { computeMode: "SERVERLESS", pricingTier: "ENTERPRISE" },
  // Serverless egress: only PyPI on the internet; storage: the data bucket (Unity Catalog locations are always allowed).
  serverlessEgress: { allowedInternetDestinations: ["pypi.org", "files.pythonhosted.org"] },
  // No cluster policies: a serverless workspace has no classic clusters. The job runs on serverless jobs compute.
  workspaceConfig: {
    maxTokenLifetimeDays: 30,
    pipeline: { schedule: { cron: "0 0 * * * ?", timezone: "UTC", paused: true } },
    dataAccess: { bucketName: "databricks-spoc-111111111111-data", writePrefix: "delta/", demoStream: true },
  },
  // The catalog on Databricks' default storage (Preview): no catalog bucket, role or external location of ours.
  unityCatalog: {
    catalogName: "spoc",
    defaultStorage: true,
    grants: { catalog: [{ principal: "data-engineers", privileges: ["USE_CATALOG", "USE_SCHEMA", "CREATE_SCHEMA", "CREATE_TABLE", "MODIFY", "SELECT"] }] },
  },
  identities: { groups: [{ name: "databricks-admins", permission: "ADMIN" }, { name: "data-engineers", permission: "USER" }] },
  // Everything here is serverless: the budget policy tags all of it (the job's runs included).
  budget: { monthlyLimitUsd: 300, recipients: ["cloud-engineering@example.com"] },
};
