import { MwsCredentials } from "@cdktf/provider-databricks/lib/mws-credentials";
import { MwsNetworks } from "@cdktf/provider-databricks/lib/mws-networks";
import { MwsStorageConfigurations } from "@cdktf/provider-databricks/lib/mws-storage-configurations";
import { MwsWorkspaces } from "@cdktf/provider-databricks/lib/mws-workspaces";
import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Sleep } from "@cdktf/provider-time/lib/sleep";
import { ITerraformDependable, Token } from "cdktf";
import { Construct } from "constructs";
import type { IWorkspaceNetwork } from "../network/props";
import { throwIfProblems } from "../core/problems";
import { PricingTier, workspaceProblems } from "./validation";

/** Props of {@link DatabricksWorkspace}. */
export interface DatabricksWorkspaceProps {
  /** The account-level provider (see `databricksAccountProvider`). */
  readonly accountProvider: DatabricksProvider;
  /** The Databricks account id (lowercase UUID) the registrations and the workspace belong to. */
  readonly databricksAccountId: string;
  /** AWS region of the workspace: a Databricks-supported region, the VPC's and the root bucket's. */
  readonly region: string;
  /** Workspace name shown in the account console; also prefixes the registrations' names. */
  readonly workspaceName: string;
  /** Cross-account role Databricks assumes (a `CrossAccountRole`); registered once its policy exists. */
  readonly crossAccountRole: { readonly roleArn: string; readonly policy: ITerraformDependable };
  /** Root (DBFS) bucket (a `RootBucket`); registered once its bucket policy lets Databricks in. */
  readonly rootBucket: { readonly bucketName: string; readonly policy: ITerraformDependable };
  /** Customer-managed VPC to register. @default - a Databricks-managed VPC (no network configuration) */
  readonly network?: IWorkspaceNetwork;
  /** Pricing tier; PrivateLink and customer-managed keys need ENTERPRISE. @default "PREMIUM" */
  readonly pricingTier?: PricingTier;
  /** Subdomain of the workspace URL (`<deploymentName>.cloud.databricks.com`); needs a deployment-name prefix on the account. @default - Databricks picks one */
  readonly deploymentName?: string;
  /** Tags Databricks puts on the AWS resources it launches (clusters' EC2, EBS). @default - none */
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
}

/**
 * The Account API half of a deployment (reference §D.1–§D.2): credentials (after a wait on the new role),
 * storage configuration, network configuration (customer-managed VPC only) and the workspace.
 */
export class DatabricksWorkspace extends Construct {
  /** The cross-account role's registration (`databricks_mws_credentials`), after the IAM propagation wait. */
  public readonly credentials: MwsCredentials;
  /** The root bucket's registration (`databricks_mws_storage_configurations`). */
  public readonly storageConfiguration: MwsStorageConfigurations;
  /** Undefined for a Databricks-managed VPC. */
  public readonly networkConfiguration?: MwsNetworks;
  /** The workspace (`databricks_mws_workspaces`). */
  public readonly workspace: MwsWorkspaces;
  /** The workspace's numeric id, as a string token. */
  public readonly workspaceId: string;
  /** The workspace URL, e.g. `https://<deployment>.cloud.databricks.com`. */
  public readonly workspaceUrl: string;

  constructor(scope: Construct, id: string, props: DatabricksWorkspaceProps) {
    super(scope, id);
    throwIfProblems(`DatabricksWorkspace ${this.node.path}`, workspaceProblems(props));
    const provider = props.accountProvider;
    const accountId = props.databricksAccountId;
    const name = props.workspaceName;

    // The known credential-validation race (MALFORMED_REQUEST: Failed credentials validation checks):
    // give IAM time to propagate the new role before Databricks checks it. Re-waits when the role changes.
    // Databricks validates the role's permissions at registration, so the wait starts once the policy exists.
    const roleWait = new Sleep(this, "role-propagation", {
      createDuration: `${props.roleWaitSeconds ?? 30}s`,
      triggers: { role_arn: props.crossAccountRole.roleArn },
      dependsOn: [props.crossAccountRole.policy],
    });
    this.credentials = new MwsCredentials(this, "credentials", {
      provider, credentialsName: `${name}-credentials`, roleArn: props.crossAccountRole.roleArn, dependsOn: [roleWait],
    });
    this.storageConfiguration = new MwsStorageConfigurations(this, "storage", {
      provider, accountId, storageConfigurationName: `${name}-storage`, bucketName: props.rootBucket.bucketName,
      dependsOn: [props.rootBucket.policy],
    });
    if (props.network) {
      this.networkConfiguration = new MwsNetworks(this, "network", {
        provider, accountId, networkName: `${name}-network`, vpcId: props.network.vpcId,
        subnetIds: props.network.privateSubnetIds, securityGroupIds: props.network.securityGroupIds,
        vpcEndpoints: props.vpcEndpoints ? { restApi: [...props.vpcEndpoints.restApi], dataplaneRelay: [...props.vpcEndpoints.dataplaneRelay] } : undefined,
        // A network in use cannot be deleted and cannot be updated: create the replacement first.
        lifecycle: { createBeforeDestroy: true },
      });
    }
    this.workspace = new MwsWorkspaces(this, "workspace", {
      provider, accountId, workspaceName: name, awsRegion: props.region,
      credentialsId: this.credentials.credentialsId,
      storageConfigurationId: this.storageConfiguration.storageConfigurationId,
      networkId: this.networkConfiguration?.networkId,
      pricingTier: props.pricingTier ?? "PREMIUM",
      managedServicesCustomerManagedKeyId: props.managedServicesKeyId,
      storageCustomerManagedKeyId: props.storageKeyId,
      privateAccessSettingsId: props.privateAccessSettingsId,
      dependsOn: props.dependsOn,
      deploymentName: props.deploymentName,
      customTags: props.customTags && Object.keys(props.customTags).length > 0 ? { ...props.customTags } : undefined,
    });
    this.workspaceId = Token.asString(this.workspace.workspaceId);
    this.workspaceUrl = this.workspace.workspaceUrl;
  }
}

