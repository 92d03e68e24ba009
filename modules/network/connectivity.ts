import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { Route } from "@cdktf/provider-aws/lib/route";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import type { IPv4CidrRange } from "ip-num";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { REGIONS } from "../core/constants";
import { DeploymentContext } from "../core/context";
import { AWS_ACCOUNT_ID, awsResourceIdProblems } from "../core/ids";
import { Problem, throwIfProblems } from "../core/problems";
import { overlaps, parseCidr } from "../core/cidr";

/**
 * The article's "can my cluster reach it?": a new data source is reached with standard network patterns.
 * Each connection routes the given CIDRs from every private (cluster) route table.
 */
export interface PeeringConnectionProps {
  /** Short name; part of resource ids and the Name tag (renaming replaces the connection). */
  readonly name: string;
  /** The other VPC (`vpc-…`). */
  readonly peerVpcId: string;
  /** Its account, when not this one. @default - this account (the connection is then auto-accepted if also same region) */
  readonly peerAccountId?: string;
  /** Its region, when not this one (the DeploymentContext's). @default - this region */
  readonly peerRegion?: string;
  /** CIDRs behind the peer to route to (e.g. the RDS subnets). */
  readonly cidrs: readonly string[];
}

/** A transit gateway attachment of the workspace VPC (in `attachmentSubnetIds`), with routes from the cluster subnets to `cidrs`. */
export interface TransitGatewayAttachmentProps {
  /** Short name; part of resource ids and the Name tag (renaming replaces the attachment). */
  readonly name: string;
  /** An existing transit gateway (`tgw-…`), possibly shared from another account through RAM. */
  readonly transitGatewayId: string;
  /** CIDRs to route to the transit gateway (on-premises, other VPCs). */
  readonly cidrs: readonly string[];
}

/** Props of {@link DataSourceConnectivity}. The region and the `Name` tags' prefix come from the DeploymentContext. */
export interface DataSourceConnectivityProps {
  /** The workspace VPC (may be a token): requester of the peerings, attached to the transit gateways. */
  readonly vpcId: string;
  /** The workspace VPC's CIDR: routed CIDRs must not overlap it. */
  readonly vpcCidr: string;
  /** Private route tables (one per AZ) that get the routes; their keys name the routes (e.g. the AZ). */
  readonly routeTableIds: Readonly<Record<string, string>>;
  /** Subnets for transit gateway attachments (one per AZ). */
  readonly attachmentSubnetIds: readonly string[];
  /** VPC peering connections to data sources. @default - none */
  readonly peerings?: readonly PeeringConnectionProps[];
  /** Transit gateway attachments to data sources. @default - none */
  readonly transitGateways?: readonly TransitGatewayAttachmentProps[];
}

/**
 * VPC peering connections and transit gateway attachments, with routes from the cluster subnets. Connections are
 * tagged `Name: <prefix>-<name>`; a peering whose `peerRegion` differs from the context's region is not auto-accepted.
 */
export class DataSourceConnectivity extends Construct {
  /** The VPC peering connections, in the order of `peerings`. */
  public readonly peerings: VpcPeeringConnection[] = [];
  /** The transit gateway VPC attachments, in the order of `transitGateways`. */
  public readonly attachments: Ec2TransitGatewayVpcAttachment[] = [];

  constructor(scope: Construct, id: string, props: DataSourceConnectivityProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`DataSourceConnectivity ${this.node.path}`, connectivityProblems(props));
    const routes = (connection: string, cidrs: readonly string[], target: { vpcPeeringConnectionId?: string; transitGatewayId?: string }, dependsOn?: ITerraformDependable[]) => {
      for (const [key, routeTableId] of Object.entries(props.routeTableIds)) {
        for (const cidr of cidrs) {
          // Keyed by route table and CIDR, so adding a CIDR adds a route and moves none.
          new Route(this, `${connection}-route-${key}-${cidr.replace(/[./]/g, "-")}`, {
            routeTableId, destinationCidrBlock: cidr, ...target, dependsOn,
          });
        }
      }
    };
    for (const peer of props.peerings ?? []) {
      const sameAccountAndRegion = !peer.peerAccountId && (!peer.peerRegion || peer.peerRegion === ctx.region);
      const pcx = new VpcPeeringConnection(this, `peering-${peer.name}`, {
        vpcId: props.vpcId, peerVpcId: peer.peerVpcId, peerOwnerId: peer.peerAccountId, peerRegion: peer.peerRegion,
        // Cross-account or cross-region peerings must be accepted on the other side.
        autoAccept: sameAccountAndRegion ? true : undefined,
        tags: { Name: ctx.nameOf(peer.name) },
      });
      this.peerings.push(pcx);
      routes(`peering-${peer.name}`, peer.cidrs, { vpcPeeringConnectionId: pcx.id });
    }
    for (const tgw of props.transitGateways ?? []) {
      const attachment = new Ec2TransitGatewayVpcAttachment(this, `tgw-${tgw.name}`, {
        vpcId: props.vpcId, transitGatewayId: tgw.transitGatewayId, subnetIds: [...props.attachmentSubnetIds],
        tags: { Name: ctx.nameOf(tgw.name) },
      });
      this.attachments.push(attachment);
      routes(`tgw-${tgw.name}`, tgw.cidrs, { transitGatewayId: tgw.transitGatewayId }, [attachment]);
    }
  }
}

const NAME = /^[a-z0-9][a-z0-9-]{0,30}$/;

/** Problems with the connections: names, ids, and CIDRs that are malformed, overlap the VPC or each other. */
export function connectivityProblems(props: Pick<DataSourceConnectivityProps, "vpcCidr" | "peerings" | "transitGateways">): Problem[] {
  const problems: Problem[] = [];
  const vpc = parseCidr(props.vpcCidr);
  const routed: Array<{ path: string; cidr: string; range: IPv4CidrRange }> = [];
  const names = new Set<string>();
  const check = (path: string, c: { name: string; cidrs: readonly string[] }) => {
    if (!NAME.test(c.name)) problems.push({ path: `${path}.name`, value: c.name, message: "must be 1 to 31 lowercase letters, digits or dashes" });
    else if (names.has(c.name)) problems.push({ path: `${path}.name`, value: c.name, message: "is used by another connection; names must be unique" });
    names.add(c.name);
    if (c.cidrs.length === 0) problems.push({ path: `${path}.cidrs`, value: c.cidrs, message: "needs at least one CIDR to route" });
    c.cidrs.forEach((cidr, i) => {
      const at = `${path}.cidrs[${i}]`;
      const parsed = parseCidr(cidr);
      if ("error" in parsed) return void problems.push({ path: at, value: cidr, message: parsed.error });
      if (parsed.range.getPrefix().getValue() === 0n) return void problems.push({ path: at, value: cidr, message: "must not be the default route; egress to the internet goes through NAT" });
      if ("range" in vpc && overlaps(vpc.range, parsed.range)) {
        return void problems.push({ path: at, value: cidr, message: `overlaps the workspace VPC ${props.vpcCidr}; routes to it would never leave the VPC` });
      }
      const clash = routed.find((r) => overlaps(r.range, parsed.range));
      if (clash) return void problems.push({ path: at, value: cidr, message: `overlaps ${clash.path} (${clash.cidr}); one destination, one route` });
      routed.push({ path: at, cidr, range: parsed.range });
    });
  };
  (props.peerings ?? []).forEach((p, i) => {
    const path = `peerings[${i}]`;
    check(path, p);
    problems.push(...awsResourceIdProblems(`${path}.peerVpcId`, p.peerVpcId, "vpc"));
    if (p.peerAccountId !== undefined && !AWS_ACCOUNT_ID.test(p.peerAccountId)) problems.push({ path: `${path}.peerAccountId`, value: p.peerAccountId, message: "must be a 12-digit AWS account id" });
    if (p.peerRegion !== undefined && !REGIONS[p.peerRegion] && !/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(p.peerRegion)) {
      problems.push({ path: `${path}.peerRegion`, value: p.peerRegion, message: "is not an AWS region name (like eu-west-1)" });
    }
  });
  (props.transitGateways ?? []).forEach((t, i) => {
    const path = `transitGateways[${i}]`;
    check(path, t);
    problems.push(...awsResourceIdProblems(`${path}.transitGatewayId`, t.transitGatewayId, "tgw"));
  });
  return problems;
}
