import type { EndpointAllowLists } from "./endpoint-allow-lists";
import type { EndpointDataPaths } from "./endpoint-policies";
import type { EgressMode } from "./isolated";

/** NAT layout: one NAT gateway for the VPC (cheaper) or one per availability zone (survives an AZ outage). */
export type NatGatewayLayout = "single" | "perAz";

/** What {@link VpcFlowLogs} records and for how long. */
export interface FlowLogSettings {
  /** How long flow-log records are kept (a CloudWatch Logs retention period). @default 90 */
  readonly retentionInDays?: number;
  /** Which traffic is logged. @default "ALL" */
  readonly trafficType?: "ACCEPT" | "REJECT" | "ALL";
}

/** VPC flow-log settings of a {@link WorkspaceVpcProps} (the config's `network.flowLogs`). */
export interface FlowLogsProps extends FlowLogSettings {
  /** Log the VPC's traffic: the section's presence turns flow logs on, `enabled: false` turns them off. @default true */
  readonly enabled?: boolean;
}

/** Endpoint subnets for Databricks PrivateLink (`WorkspaceVpcProps.privateLink`, the config's `network.privateLink`). */
export interface PrivateLinkSubnetsProps {
  /** Netmask of each endpoint subnet, 16 to 28. @default 28 */
  readonly subnetNetmask?: number;
  /** Explicit CIDRs, one per AZ, in AZ order. @default - computed from the end of the VPC, below room kept for 6 AZs' public subnets */
  readonly subnetCidrs?: readonly string[];
}

/**
 * Props of {@link WorkspaceVpc}: a customer-managed VPC built for a Databricks classic data plane (the config's
 * `network` section with `mode: "create"`). Names, region and account come from the DeploymentContext.
 */
export interface WorkspaceVpcProps {
  /** Availability zone names (at least 2, all in the context's region); one private and one public subnet each. */
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
  /**
   * What the restrictive endpoint policies also allow: trusted accounts and named buckets (S3), streams (Kinesis),
   * roles (STS) of other accounts; validated. Needs `restrictiveEndpointPolicies`. @default - nothing more (as strict as without)
   */
  readonly endpointAllowLists?: EndpointAllowLists;
  /**
   * The buckets and streams the environment's clusters use, by name: the restrictive S3 and Kinesis endpoint
   * policies allow exactly these of this account (the root bucket to Databricks' principals, the others to this
   * account's; streams read-only). Not part of the environment config: the stack derives it (root, data and catalog
   * buckets; the data-access streams). The Terraform state bucket is deliberately not in it: nothing in the VPC
   * needs it (a CI runner inside this VPC would: add it to `endpointAllowLists.s3.buckets`).
   * @default - every bucket and stream of this account (the wide form; pass the names)
   */
  readonly dataPaths?: EndpointDataPaths;
  /** VPC flow logs to CloudWatch Logs (on unless `enabled: false`). @default - no flow logs */
  readonly flowLogs?: FlowLogsProps;
  /**
   * Network ACL on the private subnets: the rules Databricks validates at workspace creation (ingress all from
   * 0.0.0.0/0; egress all to the VPC and TCP 443, 3306, 6666, 8443-8451), plus, behind NAT, the other compute ports,
   * DNS and ephemeral ports (docs/network.md). @default false (AWS' default NACL allows all)
   */
  readonly networkAcls?: boolean;
  /**
   * Dedicated subnets (one per AZ, no internet route) for Databricks PrivateLink endpoints: created whenever the
   * section is present (other fields of the config's section, `backend` and `frontend`, are for the PrivateLink
   * constructs). @default - none
   */
  readonly privateLink?: PrivateLinkSubnetsProps;
  /**
   * How cluster subnets reach beyond the VPC. `"nat"`: public subnets, an internet gateway and NAT gateways, and
   * egress to 0.0.0.0/0 on the Databricks ports. `"isolated"` (the SRA's default): none of those and no route to
   * 0.0.0.0/0; the Databricks ports go to the VPC CIDR (back-end PrivateLink, required) and 443 to the S3 gateway
   * endpoint's prefix list only. Library installs from PyPI/Maven and calls to external APIs then need a mirror, a
   * proxy, PrivateLink or the peering/transit-gateway connectivity (README, "Isolated network"). @default "nat"
   */
  readonly egress?: EgressMode;
  /**
   * Why this network keeps a route (and security-group egress) to 0.0.0.0/0: required in production by guardrail
   * DBX-NET1 when `egress` is `"nat"`, and written to the synthesized resources like a suppression.
   * @default - none (production must use `egress: "isolated"`)
   */
  readonly internetEgressReason?: string;
}

/** Props of {@link ExistingNetwork}: a VPC, subnets and security groups the user already has. */
export interface ExistingNetworkProps {
  /** `vpc-…` id. */
  readonly vpcId: string;
  /** 2 to 16 private subnet ids, each in a different availability zone. */
  readonly privateSubnetIds: readonly string[];
  /** 1 to 5 security group ids. */
  readonly securityGroupIds: readonly string[];
  /**
   * Back-end PrivateLink for this VPC, for the PrivateLink constructs (the stack builds them): endpoints created in
   * given subnets, existing AWS endpoints registered, or endpoints already registered (shared between workspaces).
   * Every cluster node carries all `securityGroupIds`, so created endpoints admit the first of them. @default - none
   */
  readonly privateLink?: ExistingNetworkPrivateLinkProps;
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

/** Whether `flowLogs` turns flow logs on: present and not `enabled: false`. */
export function flowLogsEnabled(flowLogs: FlowLogsProps | undefined): flowLogs is FlowLogsProps {
  return flowLogs !== undefined && flowLogs.enabled !== false;
}

/** One back-end endpoint pair: the workspace (REST API) endpoint and the SCC relay endpoint. */
export interface BackendEndpointPair {
  /** The workspace (REST API) endpoint. */
  readonly restApi: string;
  /** The secure cluster connectivity relay endpoint. */
  readonly relay: string;
}

/**
 * Back-end PrivateLink of a network you bring (`ExistingNetworkProps.privateLink`, the config's `network.privateLink`
 * with `mode: "existing"`). Exactly one of the three ways; the SRA lets several workspaces share one endpoint pair
 * (`aws/tf/template.tfvars.example`, custom network mode: existing `workspace_vpce_id` / `relay_vpce_id`).
 */
export interface ExistingNetworkPrivateLinkProps {
  /** Back-end PrivateLink on (the workspace is registered with the endpoints). Must be true when the section is present. */
  readonly backend: boolean;
  /** Create the two interface endpoints (and their security group) in these subnets of the VPC, ≥ 2 AZs. @default - none */
  readonly endpointSubnetIds?: readonly string[];
  /** Register these existing AWS interface endpoints (`vpce-…`) with the Databricks account. @default - none */
  readonly awsVpcEndpointIds?: BackendEndpointPair;
  /** Use endpoints already registered with the Databricks account (their Databricks `vpc_endpoint_id`s). @default - none */
  readonly databricksVpcEndpointIds?: BackendEndpointPair;
}
