import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { Environment, resourcePrefixOf, rootBucketNameOf, workspaceNameOf } from "../environments/schema";
import { CrossAccountRole } from "../modules/iam";
import { ExistingNetwork, IWorkspaceNetwork, WorkspaceVpc } from "../modules/network";
import { RootBucket } from "../modules/storage";
import { DatabricksWorkspace, databricksAccountProvider } from "../modules/workspace";

/** Stack id of an environment's workspace stack; `<env>-*` selects all of one environment's stacks. */
export function workspaceStackId(env: Pick<Environment, "name">): string {
  return `${env.name}-workspace`;
}

/**
 * One environment's Databricks deployment: the AWS resources in the customer's account (network, cross-account
 * role, root bucket) and the Account API calls that register them (credentials, storage, network, workspace).
 * Construct ids are part of the Terraform state contract: don't rename them.
 */
export class WorkspaceStack extends TerraformStack {
  /** Undefined for a Databricks-managed VPC. */
  public readonly network?: IWorkspaceNetwork;
  public readonly crossAccountRole: CrossAccountRole;
  public readonly rootBucket: RootBucket;
  public readonly workspace: DatabricksWorkspace;

  constructor(scope: Construct, env: Environment) {
    const id = workspaceStackId(env);
    super(scope, id);
    const prefix = resourcePrefixOf(env);

    // Credentials come from the environment at plan time (AWS_PROFILE, SSO, OIDC...; DATABRICKS_CLIENT_ID/SECRET),
    // never from here. allowed_account_ids stops a plan against the wrong account (dev config, prod credentials).
    new AwsProvider(this, "aws", {
      region: env.region,
      allowedAccountIds: [env.awsAccountId],
      defaultTags: [{ tags: env.tags }],
      assumeRole: env.awsAssumeRoleArn ? [{ roleArn: env.awsAssumeRoleArn, sessionName: `cdktf-${id}` }] : undefined,
    });
    const accountProvider = databricksAccountProvider(this, { region: env.region, databricksAccountId: env.databricksAccountId });
    new TimeProvider(this, "time");
    // Relative path: the state sits in the project root whatever the checkout path, and cdk.tf.json stays
    // identical across machines.
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });

    const net = env.network;
    if (net.mode === "create") {
      this.network = new WorkspaceVpc(this, "network", {
        namePrefix: prefix,
        region: env.region,
        awsAccountId: env.awsAccountId,
        availabilityZones: env.availabilityZones,
        vpcCidr: net.vpcCidr,
        privateSubnetNetmask: net.privateSubnetNetmask,
        privateSubnetCidrs: net.privateSubnetCidrs,
        publicSubnetNetmask: net.publicSubnetNetmask,
        publicSubnetCidrs: net.publicSubnetCidrs,
        natGateways: net.natGateways,
        legacyHiveMetastore: net.legacyHiveMetastore,
        restrictiveEndpointPolicies: net.restrictiveEndpointPolicies,
        flowLogs: net.flowLogs?.enabled ? { retentionInDays: net.flowLogs.retentionInDays, trafficType: net.flowLogs.trafficType } : undefined,
        networkAcls: net.networkAcls,
      });
    } else if (net.mode === "existing") {
      this.network = new ExistingNetwork(this, "network", net);
    }

    this.crossAccountRole = new CrossAccountRole(this, "cross-account-role", {
      namePrefix: prefix,
      region: env.region,
      awsAccountId: env.awsAccountId,
      databricksAccountId: env.databricksAccountId,
      networkMode: this.network ? "customer-managed" : "databricks-managed",
      vpcId: this.network?.vpcId,
      securityGroupIds: this.network?.securityGroupIds,
    });
    this.rootBucket = new RootBucket(this, "root-bucket", {
      bucketName: rootBucketNameOf(env),
      region: env.region,
      databricksAccountId: env.databricksAccountId,
      versioning: env.storage?.versioning,
    });
    this.workspace = new DatabricksWorkspace(this, "workspace", {
      accountProvider,
      databricksAccountId: env.databricksAccountId,
      region: env.region,
      workspaceName: workspaceNameOf(env),
      crossAccountRole: this.crossAccountRole,
      rootBucket: this.rootBucket,
      network: this.network,
      pricingTier: env.workspace?.pricingTier,
      deploymentName: env.workspace?.deploymentName,
      customTags: env.tags,
    });

    const output = (name: string, value: unknown, description: string) =>
      new TerraformOutput(this, name, { value, description, staticId: true });
    output("workspace_id", this.workspace.workspaceId, "Databricks workspace id");
    output("workspace_url", this.workspace.workspaceUrl, "Databricks workspace URL");
    output("cross_account_role_arn", this.crossAccountRole.roleArn, "IAM role Databricks assumes to launch clusters");
    output("root_bucket_name", this.rootBucket.bucketName, "Workspace root (DBFS) bucket");
    if (this.network) {
      output("network_id", this.workspace.networkConfiguration!.networkId, "Databricks network configuration id");
      output("vpc_id", this.network.vpcId, "VPC of the workspace's classic compute plane");
      output("private_subnet_ids", this.network.privateSubnetIds, "Private subnets the clusters run in (one per AZ)");
      output("security_group_ids", this.network.securityGroupIds, "Security groups of the cluster nodes");
    }
  }
}
