import type { EnvironmentConfig } from "./schema";

/**
 * Development: like production in shape, cheaper in NAT. Flow logs on, state in S3, Enterprise tier for the IP access lists.
 * Placeholder ids: set DBX_DEV_AWS_ACCOUNT_ID and DBX_DEV_DATABRICKS_ACCOUNT_ID, or edit them here.
 */
export const dev: EnvironmentConfig = {
  name: "dev",
  region: "us-east-1",
  awsAccountId: "222222222222",
  databricksAccountId: "00000000-0000-4000-8000-000000000000",
  tags: { Environment: "dev", Owner: "cloud-engineering", CostCenter: "CC-0000", Project: "databricks", ManagedBy: "cdktf" },
  network: {
    mode: "create",
    availabilityZones: ["us-east-1a", "us-east-1b"],
    vpcCidr: "10.20.0.0/18",
    privateSubnetNetmask: 20, // 4,091 usable IPs per AZ: ~2,000 nodes
    publicSubnetNetmask: 28,
    natGateways: "single",
    flowLogs: { enabled: true, retentionInDays: 30, trafficType: "ALL" },
  },
  workspaceConfig: {
    // Documentation ranges: replace with your office/VPN egress (203.0.113.0/24) and the static egress of the runner
    // or NAT that plans and deploys (198.51.100.16/28). deployerCidrs must lie inside allow (docs/ci.md).
    ipAccessLists: { allow: ["203.0.113.0/24", "198.51.100.16/28"], deployerCidrs: ["198.51.100.16/28"] },
    // The CI runner with that egress: a self-hosted (or larger) runner with static IPs, labelled databricks-deployer.
    // Required with IP access lists and state in S3: GitHub-hosted runners cannot pass the lists (docs/ci.md).
    runsOn: ["self-hosted", "databricks-deployer"],
    maxTokenLifetimeDays: 30,
    clusterPolicy: { maxAutoterminationMinutes: 60, maxWorkers: 10, allowedNodeTypes: ["m5d.large", "m5d.xlarge", "r5d.xlarge"], users: ["users"] },
    jobPolicy: { maxWorkers: 8, allowedNodeTypes: ["m5d.large", "m5d.xlarge"], users: ["users"] },
    pipeline: { schedule: { cron: "0 0 * * * ?", timezone: "UTC" } }, // hourly
    dataAccess: { bucketName: "databricks-dev-222222222222-data", writePrefix: "delta/", streamNames: ["dev-events"] },
  },
  // Unity Catalog: engineers write, analysts read.
  unityCatalog: {
    catalogName: "dev",
    grants: {
      catalog: [
        { principal: "data-engineers", privileges: ["USE_CATALOG", "USE_SCHEMA", "CREATE_SCHEMA", "CREATE_TABLE", "MODIFY", "SELECT"] },
        { principal: "data-analysts", privileges: ["USE_CATALOG", "USE_SCHEMA", "SELECT"] },
      ],
      externalLocation: [{ principal: "data-engineers", privileges: ["READ_FILES"] }],
    },
  },
  identities: {
    groups: [
      { name: "databricks-admins", permission: "ADMIN" },
      { name: "data-engineers", permission: "USER" },
      { name: "data-analysts", permission: "USER" },
    ],
  },
  // IP access lists are an Enterprise-tier feature on AWS.
  workspace: { pricingTier: "ENTERPRISE" },
  // Shared, locked state; the dev-state stack creates the bucket and deploys first.
  state: { backend: "s3", bucket: "databricks-dev-222222222222-tfstate" },
  // A mail at 50 %, 80 % and 100 % of $2,000 a month of usage tagged Environment=dev.
  budget: { monthlyLimitUsd: 2000, alertThresholdsPercent: [50, 80, 100], recipients: ["cloud-engineering@example.com"] },
};
