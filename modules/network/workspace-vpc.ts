import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { renderPolicy } from "../core/policy";
import { throwIfProblems } from "../core/problems";
import { Guardrails } from "../guardrails/suppressions";
import { kinesisEndpointPolicy, s3EndpointPolicy, stsEndpointPolicy } from "./endpoint-policies";
import { VpcFlowLogs } from "./flow-logs";
import { ISOLATED_S3_EGRESS } from "./isolated";
import { PrivateSubnetNacl } from "./network-acl";
import { flowLogsEnabled, IWorkspaceNetwork, NETWORK_DEFAULTS, WorkspaceVpcProps } from "./props";
import { COMPUTE_EGRESS_PORTS, LEGACY_METASTORE_PORT } from "./rules";
import { SubnetLayout, workspaceVpcProblems } from "./validation";

/**
 * A customer-managed VPC for a Databricks classic data plane (https://docs.databricks.com/aws/en/security/network/classic/customer-managed-vpc): private cluster subnets in every
 * AZ behind NAT, public subnets for the NAT gateways, the compute security group, S3/STS/Kinesis endpoints,
 * and optional flow logs and NACLs. With `egress: "isolated"` there are no public subnets, internet gateway or NAT
 * and no route to 0.0.0.0/0: compute egress goes to the VPC CIDR and the S3 prefix list only (./isolated.ts). Subnet CIDRs are computed at synth time so plans show literal values. Names
 * (`<prefix>-vpc`…), region and account come from the DeploymentContext.
 *
 * Construct ids below are part of the Terraform state contract: renaming one replaces the resource.
 */
export class WorkspaceVpc extends Construct implements IWorkspaceNetwork {
  /** The VPC (DNS support and hostnames on). */
  public readonly vpc: Vpc;
  /** Id of the VPC (a reference to it). */
  public readonly vpcId: string;
  /** Private (cluster) subnets, one per AZ, in `availabilityZones` order. */
  public readonly privateSubnets: Subnet[];
  /** Public subnets (they hold only the NAT gateways), one per AZ, in AZ order; none with `egress: "isolated"`. */
  public readonly publicSubnets: Subnet[];
  /** Ids of the private subnets, in AZ order: the subnets the workspace's network configuration registers. */
  public readonly privateSubnetIds: string[];
  /** Endpoint subnets for Databricks PrivateLink (empty unless `privateLink` is set). */
  public readonly privateLinkSubnetIds: string[];
  /** Route tables of the private subnets, one per AZ, in AZ order (default route to the AZ's NAT gateway, or the only one); routes to data sources go here. */
  public readonly privateRouteTables: RouteTable[];
  /** The NAT gateway, or one per AZ with `natGateways: "perAz"`; none with `egress: "isolated"`. */
  public readonly natGateways: NatGateway[];
  /** The compute (cluster) security group. */
  public readonly securityGroup: SecurityGroup;
  /** `[securityGroup.id]`: the security groups the workspace's clusters use. */
  public readonly securityGroupIds: string[];
  /** Security group of the interface endpoints (admits HTTPS from the compute group). */
  public readonly endpointSecurityGroup: SecurityGroup;
  /** The literal subnet CIDRs, in AZ order. */
  public readonly layout: SubnetLayout;
  /** The S3 gateway endpoint (its `prefixListId` is what isolated compute egress may reach on 443). */
  public readonly s3Endpoint: VpcEndpoint;
  /** Whether the VPC has no internet path (`egress: "isolated"`). */
  public readonly isolated: boolean;

  constructor(scope: Construct, id: string, props: WorkspaceVpcProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    const { problems, layout } = workspaceVpcProblems(props, ctx);
    throwIfProblems(`WorkspaceVpc ${this.node.path}`, problems);
    this.layout = layout!;
    const zones = props.availabilityZones;
    const name = (suffix: string) => ({ Name: ctx.nameOf(suffix) });

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: props.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: name("vpc"),
    });
    this.vpcId = this.vpc.id;
    this.isolated = props.egress === "isolated";
    // Production guardrail DBX-NET1 flags routes and egress to 0.0.0.0/0; the config's reason acknowledges them.
    if (props.internetEgressReason && !this.isolated) {
      Guardrails.suppress(this, [{ id: "DBX-NET1", reason: props.internetEgressReason }], { applyToChildren: true });
    }

    // Public side: subnets that only hold NAT gateways, routed to the internet gateway (none when isolated).
    const igw = this.isolated ? undefined : new InternetGateway(this, "igw", { vpcId: this.vpc.id, tags: name("igw") });
    const publicRt = igw && new RouteTable(this, "public-rt", { vpcId: this.vpc.id, tags: name("public") });
    if (igw && publicRt) new Route(this, "public-default-route", { routeTableId: publicRt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
    this.publicSubnets = !publicRt ? [] : zones.map((az, i) => {
      const subnet = new Subnet(this, `public-subnet-${az}`, {
        vpcId: this.vpc.id, availabilityZone: az, cidrBlock: this.layout.publicSubnetCidrs[i],
        mapPublicIpOnLaunch: false, tags: name(`public-${az}`),
      });
      new RouteTableAssociation(this, `public-rta-${az}`, { subnetId: subnet.id, routeTableId: publicRt.id });
      return subnet;
    });

    const natZones = this.isolated ? [] : (props.natGateways ?? NETWORK_DEFAULTS.natGateways) === "perAz" ? zones : zones.slice(0, 1);
    this.natGateways = natZones.map((az) => {
      const eip = new Eip(this, `nat-eip-${az}`, { domain: "vpc", tags: name(`nat-${az}`) });
      return new NatGateway(this, `nat-${az}`, {
        allocationId: eip.allocationId, subnetId: this.publicSubnets[zones.indexOf(az)].id,
        tags: name(`nat-${az}`), dependsOn: [igw!],
      });
    });

    // Private side: one cluster subnet and route table per AZ; 0.0.0.0/0 goes to the AZ's NAT (or the only one),
    // or nowhere when isolated (the route table then holds only the local route and the S3 endpoint's).
    this.privateRouteTables = [];
    this.privateSubnets = zones.map((az, i) => {
      const subnet = new Subnet(this, `private-subnet-${az}`, {
        vpcId: this.vpc.id, availabilityZone: az, cidrBlock: this.layout.privateSubnetCidrs[i],
        mapPublicIpOnLaunch: false, tags: name(`private-${az}`),
      });
      const rt = new RouteTable(this, `private-rt-${az}`, { vpcId: this.vpc.id, tags: name(`private-${az}`) });
      const nat = this.natGateways[Math.min(i, this.natGateways.length - 1)];
      if (nat) new Route(this, `private-default-route-${az}`, { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
      new RouteTableAssociation(this, `private-rta-${az}`, { subnetId: subnet.id, routeTableId: rt.id });
      this.privateRouteTables.push(rt);
      return subnet;
    });
    this.privateSubnetIds = this.privateSubnets.map((s) => s.id);

    // PrivateLink endpoint subnets: their own route table with only the local route (endpoints need no egress).
    this.privateLinkSubnetIds = [];
    if (props.privateLink) {
      const plRt = new RouteTable(this, "privatelink-rt", { vpcId: this.vpc.id, tags: name("privatelink") });
      zones.forEach((az, i) => {
        const subnet = new Subnet(this, `privatelink-subnet-${az}`, {
          vpcId: this.vpc.id, availabilityZone: az, cidrBlock: this.layout.privateLinkSubnetCidrs[i],
          mapPublicIpOnLaunch: false, tags: name(`privatelink-${az}`),
        });
        new RouteTableAssociation(this, `privatelink-rta-${az}`, { subnetId: subnet.id, routeTableId: plRt.id });
        this.privateLinkSubnetIds.push(subnet.id);
      });
    }

    this.s3Endpoint = this.s3GatewayEndpoint(ctx, props);
    this.securityGroup = this.computeSecurityGroup(ctx, props.legacyHiveMetastore ?? false, props.vpcCidr);
    this.securityGroupIds = [this.securityGroup.id];
    this.endpointSecurityGroup = new SecurityGroup(this, "endpoint-sg", {
      name: ctx.nameOf("endpoints"), description: "Interface VPC endpoints: HTTPS from Databricks compute",
      vpcId: this.vpc.id, tags: name("endpoints"),
    });
    new VpcSecurityGroupIngressRule(this, "endpoint-ingress-https", {
      securityGroupId: this.endpointSecurityGroup.id, referencedSecurityGroupId: this.securityGroup.id,
      ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS from Databricks compute",
    });
    this.awsServiceEndpoints(ctx, props);

    if (flowLogsEnabled(props.flowLogs)) {
      new VpcFlowLogs(this, "flow-logs", {
        vpcId: this.vpc.id, retentionInDays: props.flowLogs.retentionInDays, trafficType: props.flowLogs.trafficType,
      });
    }
    if (props.networkAcls) {
      new PrivateSubnetNacl(this, "private-nacl", {
        vpcId: this.vpc.id, vpcCidr: props.vpcCidr, subnetIds: this.privateSubnetIds, egress: props.egress,
      });
    }
  }

  /**
   * Self-referencing all TCP/UDP in and out, the Databricks egress ports (to 0.0.0.0/0, or to the VPC CIDR and 443 to
   * the S3 prefix list when isolated), nothing inbound from outside.
   */
  private computeSecurityGroup(ctx: DeploymentContext, legacyHiveMetastore: boolean, vpcCidr: string): SecurityGroup {
    // No inline rules: the AWS provider then removes AWS' default allow-all egress, so only the rules below exist.
    const sg = new SecurityGroup(this, "compute-sg", {
      name: ctx.nameOf("compute"), description: "Databricks classic compute (cluster nodes)",
      vpcId: this.vpc.id, tags: { Name: ctx.nameOf("compute") },
    });
    for (const protocol of ["tcp", "udp"]) {
      const self = { securityGroupId: sg.id, referencedSecurityGroupId: sg.id, ipProtocol: protocol, fromPort: 0, toPort: 65535 };
      new VpcSecurityGroupIngressRule(this, `compute-ingress-self-${protocol}`, { ...self, description: `Cluster nodes to each other (all ${protocol.toUpperCase()})` });
      new VpcSecurityGroupEgressRule(this, `compute-egress-self-${protocol}`, { ...self, description: `Cluster nodes to each other (all ${protocol.toUpperCase()})` });
    }
    for (const port of [...COMPUTE_EGRESS_PORTS, ...(legacyHiveMetastore ? [LEGACY_METASTORE_PORT] : [])]) {
      new VpcSecurityGroupEgressRule(this, `compute-egress-${port.id}`, {
        securityGroupId: sg.id, cidrIpv4: this.isolated ? vpcCidr : "0.0.0.0/0", ipProtocol: "tcp",
        fromPort: port.fromPort, toPort: port.toPort, description: port.purpose,
      });
    }
    if (this.isolated) {
      // The gateway endpoint's own attribute, not a prefix-list data source: it plans without AWS credentials.
      const s3 = ISOLATED_S3_EGRESS;
      new VpcSecurityGroupEgressRule(this, `compute-egress-${s3.id}`, {
        securityGroupId: sg.id, prefixListId: this.s3Endpoint.prefixListId, ipProtocol: "tcp",
        fromPort: s3.fromPort, toPort: s3.toPort, description: s3.purpose,
      });
    }
    return sg;
  }

  /** S3 gateway endpoint on the private route tables. */
  private s3GatewayEndpoint(ctx: DeploymentContext, props: WorkspaceVpcProps): VpcEndpoint {
    const restrictive = props.restrictiveEndpointPolicies ?? true;
    return new VpcEndpoint(this, "s3-endpoint", {
      vpcId: this.vpc.id, serviceName: `com.amazonaws.${ctx.region}.s3`, vpcEndpointType: "Gateway",
      routeTableIds: this.privateRouteTables.map((rt) => rt.id),
      policy: restrictive ? renderPolicy(s3EndpointPolicy(ctx, props.endpointAllowLists, props.dataPaths)) : undefined, tags: { Name: ctx.nameOf("s3") },
    });
  }

  /** STS and Kinesis interface endpoints with private DNS. */
  private awsServiceEndpoints(ctx: DeploymentContext, props: WorkspaceVpcProps): void {
    const restrictive = props.restrictiveEndpointPolicies ?? true;
    const allow = props.endpointAllowLists;
    const tags = (service: string) => ({ Name: ctx.nameOf(service) });
    const iface = (id: string, service: string, policy: string) =>
      new VpcEndpoint(this, id, {
        vpcId: this.vpc.id, serviceName: `com.amazonaws.${ctx.region}.${service}`, vpcEndpointType: "Interface",
        subnetIds: this.privateSubnetIds, securityGroupIds: [this.endpointSecurityGroup.id], privateDnsEnabled: true,
        policy: restrictive ? policy : undefined, tags: tags(service),
      });
    iface("sts-endpoint", "sts", renderPolicy(stsEndpointPolicy(ctx, allow)));
    iface("kinesis-endpoint", "kinesis-streams", renderPolicy(kinesisEndpointPolicy(ctx, allow, props.dataPaths)));
  }
}
