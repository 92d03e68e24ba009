import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { Environment, resourcePrefixOf } from "../environments/schema";
import { ExistingNetwork, IWorkspaceNetwork, WorkspaceVpc } from "../modules/network";

/** Stack id of an environment's workspace stack; `<env>-*` selects all of one environment's stacks. */
export function workspaceStackId(env: Pick<Environment, "name">): string {
  return `${env.name}-workspace`;
}

/**
 * One environment's Databricks deployment in the customer's AWS account: the network today; IAM, root
 * storage and the Account API registration build on it.
 */
export class WorkspaceStack extends TerraformStack {
  public readonly network: IWorkspaceNetwork;

  constructor(scope: Construct, env: Environment) {
    const id = workspaceStackId(env);
    super(scope, id);

    // Credentials come from the environment at plan time (AWS_PROFILE, SSO, OIDC...); never from here.
    // allowed_account_ids stops a plan against the wrong account (e.g. dev config with prod credentials).
    new AwsProvider(this, "aws", {
      region: env.region,
      allowedAccountIds: [env.awsAccountId],
      defaultTags: [{ tags: env.tags }],
    });
    // Relative path: the state sits in the project root whatever the checkout path, and cdk.tf.json stays
    // identical across machines. Remote state per environment comes with the production-hardening work.
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });

    const net = env.network;
    this.network = net.mode === "create"
      ? new WorkspaceVpc(this, "network", {
          namePrefix: resourcePrefixOf(env),
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
        })
      : new ExistingNetwork(this, "network", net);

    const output = (name: string, value: unknown, description: string) =>
      new TerraformOutput(this, name, { value, description, staticId: true });
    output("vpc_id", this.network.vpcId, "VPC of the workspace's classic compute plane");
    output("private_subnet_ids", this.network.privateSubnetIds, "Private subnets the clusters run in (one per AZ)");
    output("security_group_ids", this.network.securityGroupIds, "Security groups of the cluster nodes");
  }
}
