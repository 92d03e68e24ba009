import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { pinProviderVersions } from "../modules/core/provider-versions";
import { AccountConfig } from "../environments/account-schema";
import { LogDelivery } from "../modules/logging";
import { databricksAccountProvider } from "../modules/workspace";
import { awsProvider, deploymentContext, environmentBackend } from "./common";

/**
 * `account-logs`: billable-usage (CSV) and audit-log (JSON) delivery for the whole Databricks account. It is its own
 * stack, not part of an environment: delivery is configured once per account (two enabled configurations per log
 * type at most, never deletable), covers every workspace, and belongs with the security tooling, not with one
 * environment's lifecycle.
 */
export class AccountLogsStack extends TerraformStack {
  public readonly logDelivery: LogDelivery;

  constructor(scope: Construct, account: AccountConfig & { logDelivery: NonNullable<AccountConfig["logDelivery"]> }) {
    super(scope, `${account.name}-logs`);
    awsProvider(this, account);
    const accountProvider = databricksAccountProvider(this, { region: account.region, databricksAccountId: account.databricksAccountId });
    new TimeProvider(this, "time");
    environmentBackend(this, account);
    pinProviderVersions(this, account.providerVersions);
    deploymentContext(this, account, { accountProvider });
    this.logDelivery = new LogDelivery(this, "log-delivery", account.logDelivery);
    new TerraformOutput(this, "log_bucket_name", { value: this.logDelivery.bucketName, description: "Bucket receiving billable usage and audit logs", staticId: true });
  }
}
