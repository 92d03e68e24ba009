import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Construct } from "constructs";
import { partitionOf } from "../core/constants";

/** Account console host per partition (databricks/terraform-provider-databricks:docs/index.md (account-level provider)). */
export function databricksAccountHost(region: string): string {
  return partitionOf(region).name === "aws-us-gov" ? "https://accounts.cloud.databricks.us" : "https://accounts.cloud.databricks.com";
}

/** Props of {@link databricksAccountProvider}. */
export interface DatabricksAccountProviderProps {
  /** Region of the workspace; picks the commercial or GovCloud account host. */
  readonly region: string;
  /** The Databricks account id (UUID). */
  readonly databricksAccountId: string;
}

/**
 * The account-level Databricks provider (alias `mws`) for the Account API resources. It carries no credentials:
 * Terraform reads DATABRICKS_CLIENT_ID/DATABRICKS_CLIENT_SECRET (an account-admin service principal) or
 * DATABRICKS_CONFIG_PROFILE from the environment at plan time, so no secret is ever synthesized.
 */
export function databricksAccountProvider(scope: Construct, props: DatabricksAccountProviderProps): DatabricksProvider {
  return new DatabricksProvider(scope, "databricks-account", {
    alias: "mws",
    host: databricksAccountHost(props.region),
    accountId: props.databricksAccountId,
    // The GitHub OIDC token's audience (DATABRICKS_AUTH_TYPE=github-oidc): the account id, a federation policy's
    // default. The SDK picks it anyway for an account host; explicit so both providers match the same policy.
    audience: props.databricksAccountId,
  });
}
