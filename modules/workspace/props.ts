import type { ITerraformDependable } from "cdktf";
import type { IWorkspaceNetwork } from "../network/props";

export type PricingTier = "PREMIUM" | "ENTERPRISE";
/** E2 pricing tiers; STANDARD is being retired on AWS. */
export const PRICING_TIERS: readonly PricingTier[] = ["PREMIUM", "ENTERPRISE"];

/**
 * Props of {@link DatabricksWorkspace}: the config's `workspace` section (`name`, `pricingTier`, `deploymentName`)
 * and the wiring to the other constructs. The Databricks account, the region and the account-level provider come
 * from the stack's `DeploymentContext`.
 */
export interface DatabricksWorkspaceProps {
  /**
   * Workspace name shown in the account console; also prefixes the registrations' names (`<name>-credentials-<hash
   * of the role ARN>`, `<name>-storage-<hash of the bucket>`, `<name>-network-<hash of the network ids>`:
   * modules/workspace/registration.ts). A later change of the name leaves the registrations' names as they are.
   * @default - the context's resource prefix
   */
  readonly name?: string;
  /**
   * `"SERVERLESS"`: a serverless workspace (`compute_mode`, ForceNew; provider 1.99 `mws/resource_mws_workspaces.go`):
   * no cross-account role, root bucket, network, private access settings or customer-managed keys; serverless
   * compute only. Not available in GovCloud (databricks/terraform-databricks-sra:aws/README.md).
   * @default - a classic workspace (Read reports `effective_compute_mode` "HYBRID")
   */
  readonly computeMode?: "SERVERLESS";
  /** Cross-account role Databricks assumes (a `CrossAccountRole`); registered once its policy exists. Required for a classic workspace, refused for a serverless one. @default - none */
  readonly crossAccountRole?: { readonly roleArn: string; readonly policy: ITerraformDependable };
  /** Root (DBFS) bucket (a `RootBucket`); registered once its bucket policy lets Databricks in. Required for a classic workspace, refused for a serverless one. @default - none */
  readonly rootBucket?: { readonly bucketName: string; readonly policy: ITerraformDependable };
  /** Customer-managed VPC to register. @default - a Databricks-managed VPC (no network configuration) */
  readonly network?: IWorkspaceNetwork;
  /** Pricing tier; PrivateLink and customer-managed keys need ENTERPRISE. @default "PREMIUM" */
  readonly pricingTier?: PricingTier;
  /** Subdomain of the workspace URL (`<deploymentName>.cloud.databricks.com`); needs a deployment-name prefix on the account. @default - Databricks picks one */
  readonly deploymentName?: string;
  /** Tags Databricks puts on the AWS resources it launches (clusters' EC2, EBS); none when empty. @default - the context's tags */
  readonly customTags?: Readonly<Record<string, string>>;
  /** `customer_managed_key_id` of a MANAGED_SERVICES key registration. @default - Databricks-managed key */
  readonly managedServicesKeyId?: string;
  /** `customer_managed_key_id` of a STORAGE key registration (root bucket + EBS). @default - Databricks-managed key */
  readonly storageKeyId?: string;
  /** Back-end PrivateLink endpoint registrations (`vpc_endpoint_id`s) for the network configuration. @default - none (NAT) */
  readonly vpcEndpoints?: { readonly restApi: readonly string[]; readonly dataplaneRelay: readonly string[] };
  /** Private access settings id (needed with any PrivateLink). @default - none */
  readonly privateAccessSettingsId?: string;
  /** Resources the workspace must wait for, e.g. a front-end endpoint registration. @default - none */
  readonly dependsOn?: ITerraformDependable[];
  /** Wait between creating the IAM role and registering it: IAM is eventually consistent and Databricks validates the role at once. @default 30 */
  readonly roleWaitSeconds?: number;
  /**
   * Terraform lifecycle prevent_destroy on the workspace (`databricks_mws_workspaces`): destroying it loses everything
   * in it (notebooks, jobs, settings). The registrations can be recreated and are not protected.
   * @default - the context's `protectData`
   */
  readonly preventDestroy?: boolean;
}
