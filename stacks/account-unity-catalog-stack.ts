import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AccountConfig } from "../environments/account-schema";
import { pinProviderVersions } from "../modules/core/provider-versions";
import { AccountUnityCatalog } from "../modules/unity-catalog";
import { databricksAccountProvider } from "../modules/workspace";
import { deploymentContext, environmentBackend } from "./common";

/**
 * `account-unity-catalog`: the metastore when the account config creates one, and the account-level
 * disable-legacy-features setting. Account-level provider only (no AWS resources: the metastore has no storage of
 * its own, each environment's catalog has). Environment stacks find a created metastore by name, so they do not
 * depend on this stack: deploy it once, before the environments (`npx cdktf deploy 'account-*'`).
 */
export class AccountUnityCatalogStack extends TerraformStack {
  public readonly unityCatalog: AccountUnityCatalog;

  constructor(scope: Construct, account: AccountConfig & { unityCatalog: NonNullable<AccountConfig["unityCatalog"]> }) {
    super(scope, `${account.name}-unity-catalog`);
    const accountProvider = databricksAccountProvider(this, { region: account.region, databricksAccountId: account.databricksAccountId });
    environmentBackend(this, account);
    pinProviderVersions(this, account.providerVersions);
    deploymentContext(this, account, { accountProvider });
    this.unityCatalog = new AccountUnityCatalog(this, "unity-catalog", account.unityCatalog);
    if (this.unityCatalog.metastore) {
      new TerraformOutput(this, "metastore_id", { value: this.unityCatalog.metastore.metastoreId, description: "The region's Unity Catalog metastore", staticId: true });
    }
  }
}

/** Whether the account config needs the stack: it creates a metastore or sets an account-level setting. */
export function needsAccountUnityCatalogStack(account: AccountConfig): account is AccountConfig & { unityCatalog: NonNullable<AccountConfig["unityCatalog"]> } {
  const uc = account.unityCatalog;
  return uc !== undefined && ("name" in uc.metastore || uc.disableLegacyFeatures === true);
}
