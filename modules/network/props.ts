/** NAT layout: one NAT gateway for the VPC (cheaper) or one per availability zone (survives an AZ outage). */
export type NatGatewayLayout = "single" | "perAz";


/** VPC flow-log settings (`WorkspaceVpcProps.flowLogs`, {@link VpcFlowLogsProps}). */
export interface FlowLogsProps {
  /** How long flow-log records are kept. @default 90 */
  readonly retentionInDays?: number;
  /** Which traffic is logged. @default "ALL" */
  readonly trafficType?: "ACCEPT" | "REJECT" | "ALL";
}

/** Props of {@link WorkspaceVpc}: a customer-managed VPC built for a Databricks classic data plane. */
export interface WorkspaceVpcProps {
  /** Prefix of resource names and `Name` tags, e.g. `databricks-dev`. */
  readonly namePrefix: string;
  /** AWS region of the VPC; must be one Databricks supports. */
  readonly region: string;
  /** The customer's AWS account id (12 digits); scopes the endpoint and flow-log policies. */
  readonly awsAccountId: string;
  /** Availability zone names (at least 2, all in `region`); one private and one public subnet each. */
  readonly availabilityZones: readonly string[];
  /** IPv4 CIDR of the VPC, /16 to /28. */
  readonly vpcCidr: string;
  /** Netmask of each private (cluster) subnet, 17 to 26. Databricks uses 2 IPs per node. @default 19 */
  readonly privateSubnetNetmask?: number;
  /** Explicit private subnet CIDRs, one per AZ, in AZ order. @default - blocks of `privateSubnetNetmask` from the start of the VPC */
  readonly privateSubnetCidrs?: readonly string[];
  /** Netmask of each public (NAT) subnet, 16 to 28. @default 28 */
  readonly publicSubnetNetmask?: number;
  /** Explicit public subnet CIDRs, one per AZ, in AZ order. @default - blocks of `publicSubnetNetmask` from the end of the VPC */
  readonly publicSubnetCidrs?: readonly string[];
  /** One NAT gateway, or one per AZ. @default "single" */
  readonly natGateways?: NatGatewayLayout;
  /** Open egress TCP 3306 for the legacy Hive metastore (not needed with Unity Catalog). @default false */
  readonly legacyHiveMetastore?: boolean;
  /** Restrict the S3, STS and Kinesis endpoints to Databricks' and this account's resources (SRA style). @default true */
  readonly restrictiveEndpointPolicies?: boolean;
  /** VPC flow logs to CloudWatch Logs. @default - no flow logs */
  readonly flowLogs?: FlowLogsProps;
  /** Network ACL on the private subnets with the reference rule set. @default false (AWS' default NACL allows all) */
  readonly networkAcls?: boolean;
  /** Dedicated subnets (one per AZ, no internet route) for Databricks PrivateLink endpoints. @default - none */
  readonly privateLinkSubnets?: PrivateLinkSubnetsProps;
}

/** Endpoint subnets for Databricks PrivateLink (`WorkspaceVpcProps.privateLinkSubnets`). */
export interface PrivateLinkSubnetsProps {
  /** Netmask of each endpoint subnet, 16 to 28. @default 28 */
  readonly netmask?: number;
  /** Explicit CIDRs, one per AZ, in AZ order. @default - computed from the end of the VPC, below room kept for 6 AZs' public subnets */
  readonly cidrs?: readonly string[];
}

/** Props of {@link ExistingNetwork}: a VPC, subnets and security groups the user already has. */
export interface ExistingNetworkProps {
  /** `vpc-…` id. */
  readonly vpcId: string;
  /** At least 2 private subnet ids, each in a different availability zone. */
  readonly privateSubnetIds: readonly string[];
  /** 1 to 5 security group ids. */
  readonly securityGroupIds: readonly string[];
}

/** What the workspace modules need from any network. */
export interface IWorkspaceNetwork {
  /** Id of the workspace VPC. */
  readonly vpcId: string;
  /** Private (cluster) subnets: at least 2, in different AZs. */
  readonly privateSubnetIds: string[];
  /** Security groups of the cluster nodes: 1 to 5. */
  readonly securityGroupIds: string[];
}

export const NETWORK_DEFAULTS = {
  privateSubnetNetmask: 19,
  publicSubnetNetmask: 28,
  privateLinkSubnetNetmask: 28,
  natGateways: "single" as NatGatewayLayout,
  flowLogRetentionInDays: 90,
};
