import type { EnvironmentConfig } from "./schema";

/**
 * Production: three AZs, an isolated network (no NAT or internet gateway; back-end PrivateLink and AWS endpoints
 * only), flow logs kept a year, NACLs on the cluster subnets, customer-managed keys, state in S3, data protected
 * from destroy.
 * Placeholder ids: set DBX_PROD_AWS_ACCOUNT_ID and DBX_PROD_DATABRICKS_ACCOUNT_ID, or edit them here.
 */
export const prod: EnvironmentConfig = {
  name: "prod",
  region: "us-east-1",
  awsAccountId: "333333333333",
  databricksAccountId: "00000000-0000-4000-8000-000000000000",
  tags: { Environment: "prod", Owner: "cloud-engineering", CostCenter: "CC-0000", Project: "databricks", ManagedBy: "cdktf" },
  network: {
    mode: "create",
    availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    vpcCidr: "10.30.0.0/16",
    privateSubnetNetmask: 19, // 8,187 usable IPs per AZ: ~4,000 nodes
    // No NAT, internet gateway or public subnets, no route to 0.0.0.0/0 (guardrail DBX-NET1): clusters reach the
    // control plane through back-end PrivateLink and AWS through the S3/STS/Kinesis endpoints only.
    egress: "isolated",
    flowLogs: { enabled: true, retentionInDays: 365, trafficType: "ALL" },
    // The rules Databricks validates at workspace creation, no more (docs/network.md): a second layer, not the isolation.
    networkAcls: true,
    // Cluster traffic to the control plane (REST API, SCC relay) stays on the AWS backbone.
    privateLink: { backend: true },
  },
  workspaceConfig: {
    // Documentation ranges: replace with your office/VPN egress (203.0.113.0/24) and the static egress of the runner
    // or NAT that plans and deploys (198.51.100.32/28; deployerCidrs must lie inside allow: docs/ci.md).
    ipAccessLists: { allow: ["203.0.113.0/24", "198.51.100.32/28"], block: ["203.0.113.13/32"], deployerCidrs: ["198.51.100.34/32", "198.51.100.35/32"] },
    // The CI runner with that egress: a self-hosted (or larger) runner with static IPs, labelled databricks-deployer.
    // Required with IP access lists and state in S3: GitHub-hosted runners cannot pass the lists (docs/ci.md).
    runsOn: ["self-hosted", "databricks-deployer"],
    maxTokenLifetimeDays: 7,
    // Production data stays in the workspace: no notebook export, no result downloads.
    hardening: { disableNotebookExport: true, disableResultsDownload: true },
    // Only admins may use the policies until you list groups: users: ["data-engineers"] (they must exist in the workspace).
    clusterPolicy: { maxAutoterminationMinutes: 30, maxWorkers: 20, allowedNodeTypes: ["m5d.xlarge", "r5d.xlarge"] },
    jobPolicy: { maxWorkers: 40, allowedNodeTypes: ["m5d.xlarge", "m5d.2xlarge"] },
    // The runtime pinned explicitly (the default is the newest LTS); a runtime upgrade is then a reviewed change.
    sparkVersion: "18.x-scala2.13",
    pipeline: { schedule: { cron: "0 0/15 * * * ?", timezone: "UTC" } }, // every 15 minutes
    dataAccess: { bucketName: "databricks-prod-333333333333-data", writePrefix: "delta/", streamNames: ["prod-events"] },
  },
  // Serverless compute is outside the VPC: restrict its egress to the environment's own buckets (root and data
  // bucket) through the account network policy, and reach them (and the catalog's) through an S3 private endpoint
  // of the NCC (Public Preview): created disabled; set s3PrivateEndpointEnabled once it is ESTABLISHED (docs/serverless.md).
  // The orders database (an RDS instance in the VPC) is reached privately through an endpoint service (NLB) of ours.
  serverlessEgress: {
    restrictionMode: "RESTRICTED_ACCESS", enforcementMode: "ENFORCED", s3PrivateEndpoint: true,
    endpointServices: [{ name: "orders-db", port: 5432, targets: ["10.30.0.10"], domainNames: ["orders-db.internal.example.com"] }],
  },
  // PrivateLink, customer-managed keys and serverless egress control are Enterprise-tier features.
  workspace: { pricingTier: "ENTERPRISE" },
  customerManagedKeys: { managedServices: true, storage: true },
  state: { backend: "s3", bucket: "databricks-prod-333333333333-tfstate" },
  // Unity Catalog: engineers write the raw schema, analysts read; the catalog's bucket gets its own KMS key.
  unityCatalog: {
    catalogName: "prod",
    grants: {
      catalog: [
        { principal: "data-engineers", privileges: ["USE_CATALOG"] },
        { principal: "data-analysts", privileges: ["USE_CATALOG", "USE_SCHEMA", "SELECT"] },
      ],
      schemas: { raw: [{ principal: "data-engineers", privileges: ["USE_SCHEMA", "CREATE_TABLE", "MODIFY", "SELECT"] }] },
    },
  },
  identities: {
    groups: [
      { name: "databricks-admins", permission: "ADMIN" },
      { name: "data-engineers", permission: "USER" },
      { name: "data-analysts", permission: "USER" },
    ],
    // FinOps reads the system tables but does not work in this workspace: looked up (the plan fails if it is
    // missing), not assigned.
    existingGroups: ["finops"],
  },
  // Enhanced Security and Compliance add-on (Enterprise, charged on top of it): monitoring, and cluster updates
  // Sundays 03:00 UTC. complianceAddOn says the account has the add-on; without it, remove these three fields.
  security: {
    complianceAddOn: true,
    enhancedSecurityMonitoring: true,
    automaticClusterUpdate: { dayOfWeek: "SUNDAY", frequency: "EVERY_WEEK", startHour: 3 },
  },
  // System tables, once per metastore (here, from prod): admins and FinOps read billing, access, compute...
  systemTables: { readers: ["databricks-admins", "finops"] },
  // prevent_destroy on the root bucket, the KMS keys and the workspace.
  protectData: true,
  // A mail at 80 %, 100 % and 120 % of $10,000 a month of usage tagged Environment=prod (FinOps and the platform team).
  budget: { monthlyLimitUsd: 10000, alertThresholdsPercent: [80, 100, 120], recipients: ["finops@example.com", "cloud-engineering@example.com"] },
  // Alerts on the audit log (repeated failed logins, admin changes, new tokens, IP access list changes), checked
  // hourly: ~11 minutes of a 2X-Small serverless warehouse per hour (docs/hardening.md#security-alerts).
  securityAlerts: { recipients: ["security@example.com"], schedule: { cron: "0 0 * * * ?", timezone: "UTC" } },
  // Alarm on failed API calls by the cross-account role, from a trail created here. With an organization trail,
  // use { existingLogGroupName: "<its CloudWatch log group>" } instead.
  monitoring: { roleActivity: { trail: { createTrail: { bucketName: "databricks-prod-333333333333-cloudtrail" } }, alarmEmails: ["cloud-engineering@example.com"] } },
};
