import type { EnvironmentConfig } from "./schema";

/**
 * Proof of concept: smallest sensible footprint. One NAT gateway, no flow logs.
 * Placeholder ids: set DBX_POC_AWS_ACCOUNT_ID and DBX_POC_DATABRICKS_ACCOUNT_ID, or edit them here.
 */
export const poc: EnvironmentConfig = {
  name: "poc",
  region: "us-east-1",
  awsAccountId: "111111111111",
  databricksAccountId: "00000000-0000-4000-8000-000000000000",
  tags: { Environment: "poc", Owner: "cloud-engineering", CostCenter: "CC-0000", Project: "databricks", ManagedBy: "cdktf" },
  network: {
    mode: "create",
    availabilityZones: ["us-east-1a", "us-east-1b"],
    vpcCidr: "10.10.0.0/20",
    privateSubnetNetmask: 22, // 1,019 usable IPs per AZ: ~500 cluster nodes (Databricks uses 2 IPs per node)
    publicSubnetNetmask: 28,
    natGateways: "single",
    flowLogs: { enabled: false },
  },
  // Inside the workspace: permissive but still auto-terminating; a demo stream to try the Kinesis → Delta job.
  workspaceConfig: {
    maxTokenLifetimeDays: 90,
    // "users" is every workspace user (a built-in group): anyone in the PoC may create clusters under the policies.
    clusterPolicy: { maxAutoterminationMinutes: 120, maxWorkers: 8, allowedNodeTypes: ["m5d.large", "m5d.xlarge", "r5d.large", "i3.xlarge"], users: ["users"] },
    jobPolicy: { maxWorkers: 4, allowedNodeTypes: ["m5d.large", "m5d.xlarge"], users: ["users"] },
    // Hourly, but paused: the demo job runs when someone unpauses it or runs it by hand.
    pipeline: { schedule: { cron: "0 0 * * * ?", timezone: "UTC", paused: true } },
    dataAccess: { bucketName: "databricks-poc-111111111111-data", writePrefix: "delta/", demoStream: true },
  },
  // Unity Catalog: catalog `poc` on its own bucket, the workspace's default; engineers own what they build in it.
  unityCatalog: {
    catalogName: "poc",
    grants: { catalog: [{ principal: "data-engineers", privileges: ["USE_CATALOG", "USE_SCHEMA", "CREATE_SCHEMA", "CREATE_TABLE", "MODIFY", "SELECT"] }] },
  },
  // Account groups (from your identity provider through SCIM) on the workspace; a `databricks-poc-pipeline` service principal.
  identities: { groups: [{ name: "databricks-admins", permission: "ADMIN" }, { name: "data-engineers", permission: "USER" }] },
  // Spend you can see: a mail at 80 % and 100 % of $500 a month of usage tagged Environment=poc; serverless usage
  // is tagged through the budget policy.
  budget: { monthlyLimitUsd: 500, recipients: ["cloud-engineering@example.com"] },
};
