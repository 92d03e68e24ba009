import type { AccountConfigInput } from "./account-schema";

/**
 * Once per Databricks account (not per environment): billable-usage and audit log delivery, in the AWS account
 * that keeps security logs (here prod's). Placeholder ids: set DBX_ACCOUNT_AWS_ACCOUNT_ID and
 * DBX_ACCOUNT_DATABRICKS_ACCOUNT_ID, or edit them here. Deploy with `npx cdktf deploy 'account-*'`.
 */
export const account: AccountConfigInput = {
  name: "account",
  region: "us-east-1",
  awsAccountId: "333333333333",
  databricksAccountId: "00000000-0000-4000-8000-000000000000",
  tags: { Environment: "account", Owner: "cloud-engineering", CostCenter: "CC-0000", Project: "databricks", ManagedBy: "cdktf" },
  // Two years of billable usage and audit logs; delivery configurations are never deleted, only disabled.
  logDelivery: { bucketName: "databricks-logs-333333333333", retentionDays: 731 },
  state: { backend: "s3", bucket: "databricks-account-333333333333-tfstate" },
  // The region's metastore (Databricks creates one per region): its id from the account console (Catalog). Or
  // { name: "..." } to create one here (then set metastoreAdminGroup).
  unityCatalog: { metastore: { id: "0a1b2c3d-0000-4000-8000-000000000001" } },
};
