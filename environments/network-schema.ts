// The `network` section's shapes (modules/network, modules/privatelink props), composed by schema.ts.
import * as z from "zod/mini";
import { EGRESS_MODES } from "../modules/network/isolated";
import { oneOf, strict } from "./schema-base";

const flowLogs = strict({
  /** Send VPC flow logs to CloudWatch Logs. */
  enabled: z.boolean(),
  /** Days to keep them (a CloudWatch Logs retention period). Default 90. */
  retentionInDays: z.optional(z.number()),
  trafficType: z.optional(z.enum(["ACCEPT", "REJECT", "ALL"], oneOf(["ACCEPT", "REJECT", "ALL"]))),
});

const peering = strict({
  name: z.string(),
  peerVpcId: z.string(),
  peerAccountId: z.optional(z.string()),
  peerRegion: z.optional(z.string()),
  cidrs: z.array(z.string()),
});

const transitGateway = strict({ name: z.string(), transitGatewayId: z.string(), cidrs: z.array(z.string()) });

const frontendPrivateLink = strict({
  /** Users' networks allowed to reach the front-end endpoint on 443. */
  clientCidrs: z.array(z.string()),
  /** Keep the workspace reachable from the internet too (IP access lists still apply). */
  publicAccess: z.boolean(),
  /** A Route 53 Resolver inbound endpoint so on-premises DNS can forward the workspace domain. Default false. */
  inboundResolver: z.optional(z.boolean()),
  /** Put the front-end endpoint in this transit VPC instead of the workspace VPC. */
  transitVpc: z.optional(strict({ vpcId: z.string(), subnetIds: z.array(z.string()) })),
});

export const privateLink = strict({
  /** Back-end PrivateLink: clusters reach the REST API and the SCC relay through interface endpoints. */
  backend: z.boolean(),
  /** Netmask of the dedicated endpoint subnets (one per AZ). Default 28. */
  subnetNetmask: z.optional(z.number()),
  subnetCidrs: z.optional(z.array(z.string())),
  /** Front-end PrivateLink: users reach the web UI and REST API privately. */
  frontend: z.optional(frontendPrivateLink),
});

/** A customer-managed VPC created by this project (modules/network WorkspaceVpc). */
export const createdNetwork = strict({
  mode: z.literal("create"),
  /** Availability zones (at least 2, in the environment's region): one cluster subnet each. */
  availabilityZones: z.array(z.string()),
  vpcCidr: z.string(),
  privateSubnetNetmask: z.optional(z.number()),
  privateSubnetCidrs: z.optional(z.array(z.string())),
  publicSubnetNetmask: z.optional(z.number()),
  publicSubnetCidrs: z.optional(z.array(z.string())),
  natGateways: z.optional(z.enum(["single", "perAz"], oneOf(["single", "perAz"]))),
  legacyHiveMetastore: z.optional(z.boolean()),
  restrictiveEndpointPolicies: z.optional(z.boolean()),
  /** Other accounts' buckets, streams and roles the restrictive endpoint policies also allow. Default: none. */
  endpointAllowLists: z.optional(strict({
    s3: z.optional(strict({ trustedAccountIds: z.optional(z.array(z.string())), buckets: z.optional(z.array(z.string())) })),
    kinesis: z.optional(strict({ streamArns: z.optional(z.array(z.string())) })),
    sts: z.optional(strict({ roleArns: z.optional(z.array(z.string())) })),
  })),
  flowLogs: z.optional(flowLogs),
  networkAcls: z.optional(z.boolean()),
  privateLink: z.optional(privateLink),
  /** VPC peering connections to data sources, routed from the cluster subnets. */
  peerings: z.optional(z.array(peering)),
  /** Transit gateway attachments, routed from the cluster subnets. */
  transitGateways: z.optional(z.array(transitGateway)),
  /** "isolated": no NAT, IGW or public subnets, no route to 0.0.0.0/0 (needs privateLink.backend). Default "nat". */
  egress: z.optional(z.enum(EGRESS_MODES, oneOf(EGRESS_MODES))),
  /** Why a production network keeps internet egress (guardrail DBX-NET1); written to the synthesized output. */
  internetEgressReason: z.optional(z.string()),
});

/** A VPC, subnets and security groups the user already has (modules/network ExistingNetwork). */
export const existingNetwork = strict({
  mode: z.literal("existing"),
  vpcId: z.string(),
  privateSubnetIds: z.array(z.string()),
  securityGroupIds: z.array(z.string()),
  /** Back-end PrivateLink: create the endpoints in given subnets, register existing ones, or use registered ones. */
  privateLink: z.optional(strict({
    backend: z.boolean(),
    endpointSubnetIds: z.optional(z.array(z.string())),
    awsVpcEndpointIds: z.optional(strict({ restApi: z.string(), relay: z.string() })),
    databricksVpcEndpointIds: z.optional(strict({ restApi: z.string(), relay: z.string() })),
  })),
});

/** No customer VPC: Databricks creates and manages the VPC (wider cross-account IAM policy). */
export const databricksManagedNetwork = strict({ mode: z.literal("databricks-managed") });

export const NETWORK_MODES = ["create", "existing", "databricks-managed"] as const;
