import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { pinProviderVersions } from "../modules/core/provider-versions";
import { Environment, PrivateLinkConfig } from "../environments/schema";
import { crossAccountRoleName } from "../modules/core/iam-names";
import { DataAccess, readableStreamNames } from "../modules/data-access";
import { CrossAccountRole } from "../modules/iam";
import { WorkspaceKeys } from "../modules/keys";
import { RoleActivityMonitoring } from "../modules/monitoring";
import { DataSourceConnectivity, EndpointDataPaths, ExistingNetwork, IWorkspaceNetwork, WorkspaceVpc } from "../modules/network";
import { defaultRootBucketName, RootBucket } from "../modules/storage";
import { ServerlessEgress } from "../modules/serverless";
import {
  BackendPrivateLink, ExistingNetworkPrivateLinkProps, FrontendPrivateLink, IBackendEndpoints, PrivateAccessSettings, RegisteredBackendEndpoints,
} from "../modules/privatelink";
import { DatabricksWorkspace, databricksAccountProvider } from "../modules/workspace";
import { awsProvider, deploymentContext, environmentBackend } from "./common";
import { defaultCatalogBucketName, type MetastoreChoice } from "../modules/unity-catalog";
import { addWorkspaceGovernance } from "./governance";
import { EnvironmentBudget } from "../modules/cost";

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
  /** Undefined for a serverless workspace (`workspace.computeMode = "SERVERLESS"`). */
  public readonly crossAccountRole?: CrossAccountRole;
  /** Undefined for a serverless workspace. */
  public readonly rootBucket?: RootBucket;
  /** Undefined unless the environment's network has a `privateLink` section. */
  public readonly privateLink?: { backend?: IBackendEndpoints; frontend?: FrontendPrivateLink; accessSettings: PrivateAccessSettings };
  /** Undefined unless `workspaceConfig.dataAccess` is set. */
  public readonly dataAccess?: DataAccess;
  /** Undefined unless `monitoring.roleActivity` is set. */
  public readonly roleActivity?: RoleActivityMonitoring;
  /** Undefined unless the environment asks for customer-managed keys. */
  public readonly keys?: WorkspaceKeys;
  public readonly workspace: DatabricksWorkspace;
  /** Undefined unless the environment has a `serverlessEgress` section. */
  public readonly serverlessEgress?: ServerlessEgress;
  /** Metastore assignment, groups and the job's service principal; undefined without `unityCatalog` or a metastore. */
  public readonly governance?: ReturnType<typeof addWorkspaceGovernance>;
  /** Undefined unless the environment has a `budget` section. */
  public readonly budget?: EnvironmentBudget;

  constructor(scope: Construct, env: Environment, metastore?: MetastoreChoice) {
    super(scope, workspaceStackId(env));
    awsProvider(this, env);
    const accountProvider = databricksAccountProvider(this, { region: env.region, databricksAccountId: env.databricksAccountId });
    new TimeProvider(this, "time");
    environmentBackend(this, env);
    pinProviderVersions(this, env.providerVersions);
    const ctx = deploymentContext(this, env, { accountProvider });

    const net = env.network;
    const serverless = env.workspace?.computeMode === "SERVERLESS";
    if (net?.mode === "create") {
      const vpc = new WorkspaceVpc(this, "network", { ...net, dataPaths: endpointDataPaths(env, ctx) });
      this.network = vpc;
      if (net.peerings?.length || net.transitGateways?.length) {
        new DataSourceConnectivity(this, "connectivity", {
          ...net, vpcId: vpc.vpcId,
          routeTableIds: Object.fromEntries(net.availabilityZones.map((az, i) => [az, vpc.privateRouteTables[i].id])),
          attachmentSubnetIds: vpc.privateSubnetIds,
        });
      }
      this.privateLink = net.privateLink ? this.addPrivateLink(vpc, net.privateLink) : undefined;
    } else if (net?.mode === "existing") {
      const existing = new ExistingNetwork(this, "network", net);
      this.network = existing;
      this.privateLink = net.privateLink ? this.addExistingPrivateLink(existing, net.privateLink) : undefined;
    }

    // Data access for clusters (the article's Kinesis → S3 workflow): its role ARN is literal, so the cross-account
    // role may pass exactly that role, and the workspace-config stack registers it without a cross-stack reference.
    const data = env.workspaceConfig?.dataAccess;
    this.dataAccess = data ? new DataAccess(this, "data-access", data) : undefined;

    // A serverless workspace has no cross-account role, root bucket or workspace keys (docs/serverless.md).
    if (!serverless) {
      this.crossAccountRole = new CrossAccountRole(this, "cross-account-role", {
        networkMode: this.network ? "customer-managed" : "databricks-managed",
        vpcId: this.network?.vpcId,
        securityGroupIds: this.network?.securityGroupIds,
        // Only the legacy instance-profile path passes a role (dataAccess.legacyInstanceProfile).
        passRoleArns: this.dataAccess?.roleArn ? [this.dataAccess.roleArn] : undefined,
      });
      const cmk = env.customerManagedKeys;
      this.keys = cmk ? new WorkspaceKeys(this, "keys", { ...cmk, crossAccountRoleArn: this.crossAccountRole.roleArn }) : undefined;
      this.rootBucket = new RootBucket(this, "root-bucket", { ...env.storage, kmsKeyArn: this.keys?.storageKeyArn });
    }
    this.workspace = new DatabricksWorkspace(this, "workspace", {
      ...env.workspace,
      crossAccountRole: this.crossAccountRole,
      // The storage configuration waits for Databricks' full grant (with the restrictive policy: the bucket itself).
      rootBucket: this.rootBucket && { bucketName: this.rootBucket.bucketName, policy: this.rootBucket.databricksAccess },
      network: this.network,
      managedServicesKeyId: this.keys?.managedServicesKeyId,
      storageKeyId: this.keys?.storageKeyId,
      vpcEndpoints: this.privateLink?.backend
        ? { restApi: this.privateLink.backend.restApiEndpointIds, dataplaneRelay: this.privateLink.backend.dataplaneRelayEndpointIds }
        : undefined,
      privateAccessSettingsId: this.privateLink?.accessSettings.privateAccessSettingsId,
      // The provider checks the new workspace through its URL: register the front-end endpoint first (#1645).
      dependsOn: this.privateLink?.frontend ? [this.privateLink.frontend.registration] : undefined,
    });

    // With the restrictive policy (default when protecting data): writes only under the workspace's own prefixes.
    this.rootBucket?.restrictToWorkspace(this.workspace.workspaceId);
    // Serverless compute is outside the VPC: its egress is the account's network policy (default: the env's own buckets).
    if (env.serverlessEgress) {
      const ownBuckets = [...(serverless ? [] : [env.storage?.rootBucketName ?? defaultRootBucketName(ctx)]), ...(data ? [data.bucketName] : [])];
      const uc = env.unityCatalog;
      this.serverlessEgress = new ServerlessEgress(this, "serverless-egress", {
        ...env.serverlessEgress, workspaceId: this.workspace.workspaceId, ownBuckets,
        catalogBucket: uc && !uc.defaultStorage ? uc.bucketName ?? defaultCatalogBucketName(ctx) : undefined,
        network: this.network && { vpcId: this.network.vpcId, subnetIds: this.network.privateSubnetIds },
      });
    }
    this.governance = addWorkspaceGovernance(this, env, metastore);
    if (env.budget) {
      this.budget = new EnvironmentBudget(this, "budget", {
        ...env.budget, workspaceId: this.workspace.workspaceId, servicePrincipalApplicationId: this.governance?.identities.servicePrincipalApplicationId,
      });
    }

    const watch = env.monitoring?.roleActivity;
    if (watch) this.roleActivity = new RoleActivityMonitoring(this, "role-activity", { roleName: crossAccountRoleName(ctx.resourcePrefix), ...watch });

    const output = (name: string, value: unknown, description: string) =>
      new TerraformOutput(this, name, { value, description, staticId: true });
    output("workspace_id", this.workspace.workspaceId, "Databricks workspace id");
    output("workspace_url", this.workspace.workspaceUrl, "Databricks workspace URL");
    if (this.crossAccountRole) output("cross_account_role_arn", this.crossAccountRole.roleArn, "IAM role Databricks assumes to launch clusters");
    if (this.rootBucket) output("root_bucket_name", this.rootBucket.bucketName, "Workspace root (DBFS) bucket");
    if (this.network) {
      output("network_id", this.workspace.networkConfiguration!.networkId, "Databricks network configuration id");
      output("vpc_id", this.network.vpcId, "VPC of the workspace's classic compute plane");
      output("private_subnet_ids", this.network.privateSubnetIds, "Private subnets the clusters run in (one per AZ)");
      output("security_group_ids", this.network.securityGroupIds, "Security groups of the cluster nodes");
    }
    if (this.dataAccess) {
      if (this.dataAccess.instanceProfileArn) output("instance_profile_arn", this.dataAccess.instanceProfileArn, "Instance profile clusters read Kinesis and write S3 with");
      output("data_bucket_name", this.dataAccess.dataBucketName, "Bucket the Kinesis → Delta job writes to");
    }
    if (this.roleActivity) output("role_activity_topic_arn", this.roleActivity.topicArn, "SNS topic alerted on failed API calls by the cross-account role");
  }

  /**
   * Back-end PrivateLink in the VPC's endpoint subnets; front-end PrivateLink in a transit VPC, or, in the workspace
   * VPC, through the back-end REST endpoint (AWS allows one private-DNS endpoint per service per VPC); and the
   * private access settings every PrivateLink workspace needs.
   */
  private addPrivateLink(vpc: WorkspaceVpc, pl: PrivateLinkConfig) {
    const fe = pl.frontend;
    const shareRestEndpoint = pl.backend && fe !== undefined && !fe.transitVpc;
    const backend = pl.backend ? new BackendPrivateLink(this, "backend-privatelink", {
      vpcId: vpc.vpcId, subnetIds: vpc.privateLinkSubnetIds, computeSecurityGroupId: vpc.securityGroup.id,
      frontendClientCidrs: shareRestEndpoint ? fe.clientCidrs : undefined,
    }) : undefined;
    const frontend = fe && !shareRestEndpoint ? new FrontendPrivateLink(this, "frontend-privatelink", {
      vpcId: fe.transitVpc?.vpcId ?? vpc.vpcId, subnetIds: fe.transitVpc?.subnetIds ?? vpc.privateLinkSubnetIds,
      clientCidrs: fe.clientCidrs, inboundResolver: fe.inboundResolver,
    }) : undefined;
    const accessSettings = new PrivateAccessSettings(this, "private-access-settings", { publicAccessEnabled: fe ? fe.publicAccess : true });
    return { backend, frontend, accessSettings };
  }

  /**
   * Back-end PrivateLink of a network you bring: endpoints created in the given subnets (admitting the first security
   * group, which every cluster node carries), or existing endpoints registered or reused. Same construct id either way.
   */
  private addExistingPrivateLink(net: ExistingNetwork, pl: ExistingNetworkPrivateLinkProps) {
    const backend: IBackendEndpoints = pl.endpointSubnetIds
      ? new BackendPrivateLink(this, "backend-privatelink", { vpcId: net.vpcId, subnetIds: pl.endpointSubnetIds, computeSecurityGroupId: net.securityGroupIds[0] })
      : new RegisteredBackendEndpoints(this, "backend-privatelink", pl);
    const accessSettings = new PrivateAccessSettings(this, "private-access-settings", { publicAccessEnabled: true });
    return { backend, accessSettings };
  }
}

/**
 * What the environment's clusters reach through the VPC endpoints (issue 19, item 11): the root bucket, the data and
 * catalog buckets, the data-access streams, all by name. The catalog bucket is created by `<env>-workspace-config`,
 * so its name comes from the config (`unityCatalog.bucketName` or its default), not from a reference.
 */
export function endpointDataPaths(env: Environment, ctx: { resourcePrefix: string; awsAccountId: string }): EndpointDataPaths {
  const data = env.workspaceConfig?.dataAccess;
  const uc = env.unityCatalog;
  return {
    rootBucket: env.storage?.rootBucketName ?? defaultRootBucketName(ctx),
    buckets: [...(data ? [data.bucketName] : []), ...(uc ? [uc.bucketName ?? defaultCatalogBucketName(ctx)] : [])],
    streamNames: data ? readableStreamNames(data, ctx) : [],
  };
}
