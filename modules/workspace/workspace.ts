import { MwsCredentials } from "@cdktf/provider-databricks/lib/mws-credentials";
import { MwsNetworks } from "@cdktf/provider-databricks/lib/mws-networks";
import { MwsStorageConfigurations } from "@cdktf/provider-databricks/lib/mws-storage-configurations";
import { MwsWorkspaces } from "@cdktf/provider-databricks/lib/mws-workspaces";
import { Sleep } from "@cdktf/provider-time/lib/sleep";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { throwIfProblems } from "../core/problems";
import { DatabricksWorkspaceProps } from "./props";
import { generationName, registrationLifecycle } from "./registration";
import { computeModeProblems, workspaceProblems } from "./validation";

/**
 * The Account API half of a deployment (databricks/terraform-provider-databricks:docs/resources/mws_workspaces.md): credentials (after a wait on the new role),
 * storage configuration, network configuration (customer-managed VPC only) and the workspace, in the context's
 * Databricks account and region, through its account-level provider. With `preventDestroy` (by default the context's
 * `protectData`) Terraform refuses to destroy the workspace.
 *
 * Construct ids below are part of the Terraform state contract: renaming one replaces the resource.
 */
export class DatabricksWorkspace extends Construct {
  /** The cross-account role's registration (`databricks_mws_credentials`), after the IAM propagation wait; undefined for a serverless workspace. */
  public readonly credentials?: MwsCredentials;
  /** The root bucket's registration (`databricks_mws_storage_configurations`); undefined for a serverless workspace. */
  public readonly storageConfiguration?: MwsStorageConfigurations;
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
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`DatabricksWorkspace ${this.node.path}`, [...workspaceProblems(props), ...computeModeProblems(props)]);
    const provider = ctx.accountProvider(this);
    const accountId = ctx.databricksAccountId;
    const name = props.name ?? ctx.resourcePrefix;
    const customTags = props.customTags ?? ctx.tags;

    if (props.crossAccountRole && props.rootBucket) {
      const registrations = this.registerClassic(props.crossAccountRole, props.rootBucket, name, props.roleWaitSeconds);
      this.credentials = registrations.credentials;
      this.storageConfiguration = registrations.storageConfiguration;
    }
    if (props.network) {
      const { vpcId, privateSubnetIds: subnetIds, securityGroupIds } = props.network;
      const endpoints = props.vpcEndpoints;
      // A network in use cannot be deleted; every argument is ForceNew, vpc_endpoints included.
      const keys = [vpcId, subnetIds, securityGroupIds, ...(endpoints ? [endpoints.restApi, endpoints.dataplaneRelay] : [])];
      this.networkConfiguration = new MwsNetworks(this, "network", {
        provider, accountId, networkName: generationName(`${name}-network`, keys), vpcId, subnetIds, securityGroupIds,
        vpcEndpoints: endpoints ? { restApi: [...endpoints.restApi], dataplaneRelay: [...endpoints.dataplaneRelay] } : undefined,
        lifecycle: registrationLifecycle("network_name"),
      });
    }
    this.workspace = new MwsWorkspaces(this, "workspace", {
      provider, accountId, workspaceName: name, awsRegion: ctx.region,
      // A serverless workspace: compute_mode (ForceNew); Read keeps the configured value and reports effective_compute_mode.
      computeMode: props.computeMode,
      credentialsId: this.credentials?.credentialsId,
      storageConfigurationId: this.storageConfiguration?.storageConfigurationId,
      networkId: this.networkConfiguration?.networkId,
      pricingTier: props.pricingTier ?? "PREMIUM",
      managedServicesCustomerManagedKeyId: props.managedServicesKeyId,
      storageCustomerManagedKeyId: props.storageKeyId,
      privateAccessSettingsId: props.privateAccessSettingsId,
      dependsOn: props.dependsOn,
      deploymentName: props.deploymentName,
      customTags: Object.keys(customTags).length > 0 ? { ...customTags } : undefined,
    });
    if (props.preventDestroy ?? ctx.protectData) this.workspace.lifecycle = { ...this.workspace.lifecycle, preventDestroy: true };
    this.workspaceId = Token.asString(this.workspace.workspaceId);
    this.workspaceUrl = this.workspace.workspaceUrl;
  }

  /** Credentials (after a wait on the new role) and storage configuration of a classic workspace. */
  private registerClassic(role: NonNullable<DatabricksWorkspaceProps["crossAccountRole"]>, root: NonNullable<DatabricksWorkspaceProps["rootBucket"]>, name: string, waitSeconds?: number) {
    const ctx = DeploymentContext.of(this);
    const provider = ctx.accountProvider(this);
    // The known credential-validation race (MALFORMED_REQUEST: Failed credentials validation checks):
    // give IAM time to propagate the new role before Databricks checks it. Re-waits when the role changes.
    // Databricks validates the role's permissions at registration, so the wait starts once the policy exists.
    const roleWait = new Sleep(this, "role-propagation", {
      createDuration: `${waitSeconds ?? 30}s`,
      triggers: { role_arn: role.roleArn },
      dependsOn: [role.policy],
    });
    // Registrations are replaced, never updated, and are created before the old one goes (./registration.ts). The
    // workspace then switches to the new one in place for credentials_id, network_id and the key ids (provider 1.99,
    // mws/resource_mws_workspaces.go `workspaceRunningUpdatesAllowed`), but not for storage_configuration_id: a new
    // root bucket means a new workspace (refused by prevent_destroy where data is protected).
    const roleArn = role.roleArn;
    const credentials = new MwsCredentials(this, "credentials", {
      provider, credentialsName: generationName(`${name}-credentials`, [roleArn]), roleArn, dependsOn: [roleWait],
      lifecycle: registrationLifecycle("credentials_name"),
    });
    const bucketName = root.bucketName;
    const storageConfiguration = new MwsStorageConfigurations(this, "storage", {
      provider, accountId: ctx.databricksAccountId, storageConfigurationName: generationName(`${name}-storage`, [bucketName]), bucketName,
      dependsOn: [root.policy], lifecycle: registrationLifecycle("storage_configuration_name"),
    });
    return { credentials, storageConfiguration };
  }
}
