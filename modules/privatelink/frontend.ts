import { Route53ResolverEndpoint } from "@cdktf/provider-aws/lib/route53-resolver-endpoint";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { MwsVpcEndpoint } from "@cdktf/provider-databricks/lib/mws-vpc-endpoint";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { ContextValues, DeploymentContext } from "../core/context";
import { awsResourceIdListProblems, awsResourceIdProblems } from "../core/ids";
import { Problem, throwIfProblems } from "../core/problems";
import { parseCidr, prefixOf } from "../core/cidr";
import { privateLinkProblems, privateLinkServices } from "./services";
import { generationName, registrationLifecycle } from "../workspace/registration";

/** One port the front-end security group admits from every client CIDR. */
export interface FrontendPortRule {
  readonly id: string;
  readonly protocol: "tcp" | "udp";
  readonly fromPort: number;
  readonly toPort: number;
  readonly purpose: string;
}

/** Users reach the web app, the REST API and Databricks Connect on 443 only (Databricks front-end PrivateLink docs). */
export const FRONTEND_HTTPS_PORT: FrontendPortRule = {
  id: "https", protocol: "tcp", fromPort: 443, toPort: 443, purpose: "Workspace web app and REST API (HTTPS) from client networks",
};

/** Only with `inboundResolver`: DNS queries that the client networks' resolvers forward to the inbound endpoint. */
export const FRONTEND_DNS_PORTS: readonly FrontendPortRule[] = [
  { id: "dns-tcp", protocol: "tcp", fromPort: 53, toPort: 53, purpose: "DNS (TCP) forwarded by client network resolvers to the Route 53 inbound endpoint" },
  { id: "dns-udp", protocol: "udp", fromPort: 53, toPort: 53, purpose: "DNS (UDP) forwarded by client network resolvers to the Route 53 inbound endpoint" },
];

/** The ports the front-end security group admits from each client CIDR. */
export function frontendPorts(inboundResolver: boolean): readonly FrontendPortRule[] {
  return inboundResolver ? [FRONTEND_HTTPS_PORT, ...FRONTEND_DNS_PORTS] : [FRONTEND_HTTPS_PORT];
}

/**
 * Props of {@link FrontendPrivateLink}. From the DeploymentContext: the name prefix (security group and endpoint
 * `<prefix>-databricks-frontend`, resolver `<prefix>-databricks-inbound`), the region (must have Databricks
 * PrivateLink, see `PRIVATELINK_REGIONS`; it picks the endpoint service), and the Databricks account and
 * account-level provider the endpoint is registered with.
 */
export interface FrontendPrivateLinkProps {
  /**
   * The VPC users' traffic arrives in (may be a token): a transit VPC reached over Direct Connect, VPN or Transit
   * Gateway, or the workspace VPC. It needs DNS support and DNS hostnames. It must not already hold an endpoint with
   * private DNS to the workspace service — e.g. `BackendPrivateLink`'s: AWS allows one per VPC (see the class doc).
   */
  readonly vpcId: string;
  /** Subnets for the endpoint (and the inbound resolver), at most one per availability zone; at least 1 (2 with `inboundResolver`). */
  readonly subnetIds: readonly string[];
  /**
   * IPv4 CIDRs of the users' networks (on-premises, VPN, other VPCs) allowed to reach the endpoint on TCP 443
   * (and the inbound resolver on 53). At least one; never 0.0.0.0/0. A literal list; the CIDRs may be tokens.
   */
  readonly clientCidrs: readonly string[];
  /**
   * Create a Route 53 Resolver inbound endpoint in `subnetIds`, so DNS servers outside the VPC can forward the
   * workspace's domain to it (see the class doc). @default false
   */
  readonly inboundResolver?: boolean;
}

/**
 * Front-end (user to workspace) PrivateLink: an interface endpoint to the region's workspace service with private
 * DNS, its registration with the Databricks account, a security group admitting only the client networks, and
 * optionally a Route 53 Resolver inbound endpoint. Reference §B.2; no public anchor does this end to end
 * (terraform-databricks-examples#79, terraform-provider-databricks#1645).
 *
 * DNS. Once a workspace has private access settings, Databricks' public DNS answers its hostname
 * (`<workspace>.cloud.databricks.com`) with a CNAME to the regional `<city>.privatelink.cloud.databricks.com`. With
 * `private_dns_enabled`, AWS answers that name with this endpoint's private IPs — but only for queries made through
 * the VPC's own resolver (AmazonProvidedDNS), i.e. from inside this VPC. Machines elsewhere (on-premises, other
 * VPCs) still get the public answer. Their DNS servers need a conditional forwarder for
 * `privatelink.cloud.databricks.com` to resolver IPs inside this VPC: that is what `inboundResolver` creates (its
 * IPs are in `inboundResolverEndpoint.ipAddress`; point the forwarder at them). Networks that already forward to
 * a Route 53 inbound endpoint in this VPC do not need a second one.
 *
 * One VPC, one private-DNS endpoint per service: AWS rejects a second endpoint with private DNS for the workspace
 * service in a VPC. If users come in through the workspace VPC, which already has `BackendPrivateLink`'s workspace
 * endpoint, do not create this construct there: that endpoint serves users too (register it once, allow it in the
 * private access settings, and admit the users' CIDRs on 443 to its security group).
 *
 * Construct ids below are part of the Terraform state contract: renaming one replaces the resource; ingress rules
 * are keyed by their CIDR, so reordering `clientCidrs` replaces nothing.
 */
export class FrontendPrivateLink extends Construct {
  /** Security group of the endpoint and the inbound resolver: admits only `clientCidrs`. */
  public readonly securityGroup: SecurityGroup;
  /** Id of {@link securityGroup}. */
  public readonly securityGroupId: string;
  /** Interface endpoint to the workspace service. */
  public readonly endpoint: VpcEndpoint;
  /** `databricks_mws_vpc_endpoint` of {@link endpoint}. */
  public readonly registration: MwsVpcEndpoint;
  /** Databricks id (`vpc_endpoint_id`) of the endpoint: for `allowed_vpc_endpoint_ids` of ENDPOINT-level private access settings. */
  public readonly endpointId: string;
  /** The Route 53 Resolver inbound endpoint (only with `inboundResolver`). */
  public readonly inboundResolverEndpoint?: Route53ResolverEndpoint;

  constructor(scope: Construct, id: string, props: FrontendPrivateLinkProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`FrontendPrivateLink ${this.node.path}`, frontendPrivateLinkProblems(props, ctx));
    const accountProvider = ctx.accountProvider(this);
    const services = privateLinkServices(ctx.region)!;
    const prefix = ctx.resourcePrefix;
    const inboundResolver = props.inboundResolver ?? false;
    const name = `${prefix}-databricks-frontend`;

    // No inline rules: the AWS provider then removes AWS' default allow-all egress, so only the rules below exist.
    this.securityGroup = new SecurityGroup(this, "endpoint-sg", {
      name, description: "Databricks front-end PrivateLink endpoint: HTTPS from client networks only",
      vpcId: props.vpcId, tags: { Name: name },
    });
    this.securityGroupId = this.securityGroup.id;
    props.clientCidrs.forEach((cidr, i) => {
      const key = Token.isUnresolved(cidr) ? `cidr-${i}` : cidr.replace(/[./]/g, "-");
      for (const port of frontendPorts(inboundResolver)) {
        new VpcSecurityGroupIngressRule(this, `ingress-${port.id}-${key}`, {
          securityGroupId: this.securityGroup.id, cidrIpv4: cidr,
          ipProtocol: port.protocol, fromPort: port.fromPort, toPort: port.toPort, description: port.purpose,
        });
      }
    });

    this.endpoint = new VpcEndpoint(this, "workspace-endpoint", {
      vpcId: props.vpcId, serviceName: services.workspace, vpcEndpointType: "Interface", subnetIds: [...props.subnetIds],
      securityGroupIds: [this.securityGroup.id], privateDnsEnabled: true, tags: { Name: name },
    });
    // Every argument is ForceNew: a new endpoint gets a new registration first (../workspace/registration.ts); private
    // access settings that list it update in place.
    this.registration = new MwsVpcEndpoint(this, "registration", {
      provider: accountProvider, accountId: ctx.databricksAccountId, awsVpcEndpointId: this.endpoint.id,
      vpcEndpointName: generationName(`${prefix}-frontend`, [this.endpoint.id, ctx.region]), region: ctx.region,
      lifecycle: registrationLifecycle("vpc_endpoint_name"),
    });
    this.endpointId = this.registration.vpcEndpointId;

    if (inboundResolver) {
      this.inboundResolverEndpoint = new Route53ResolverEndpoint(this, "inbound-resolver", {
        name: `${prefix}-databricks-inbound`, direction: "INBOUND", securityGroupIds: [this.securityGroup.id],
        ipAddress: props.subnetIds.map((subnetId) => ({ subnetId })), tags: { Name: `${prefix}-databricks-inbound` },
      });
    }
  }
}

/**
 * Every problem with the props of a {@link FrontendPrivateLink} in the context's region (a region without
 * Databricks PrivateLink is reported at `region`); format checks skip Terraform tokens.
 */
export function frontendPrivateLinkProblems(props: FrontendPrivateLinkProps, ctx: Pick<ContextValues, "region">): Problem[] {
  const problems: Problem[] = [
    ...privateLinkProblems(ctx.region, "region"),
    ...awsResourceIdProblems("vpcId", props.vpcId, "vpc"),
    ...awsResourceIdListProblems("subnetIds", props.subnetIds, "subnet", { min: 1, why: "the endpoint needs a subnet" }),
    ...clientCidrProblems(props.clientCidrs),
  ];
  const inboundResolver = props.inboundResolver ?? false;
  if (typeof inboundResolver !== "boolean") {
    problems.push({ path: "inboundResolver", value: inboundResolver, message: "must be true or false" });
  } else if (inboundResolver && !Token.isUnresolved(props.subnetIds) && props.subnetIds.length === 1) {
    problems.push({
      path: "inboundResolver", value: true,
      message: "needs at least 2 subnetIds (got 1): a Route 53 Resolver endpoint needs 2 IP addresses, one in each of 2 subnets (ideally in different availability zones)",
    });
  }
  return problems;
}

export function clientCidrProblems(cidrs: readonly string[]): Problem[] {
  if (Token.isUnresolved(cidrs)) {
    return [{ path: "clientCidrs", value: "<list token>", message: "must be a literal list (its elements may be tokens): each CIDR becomes its own security group rule" }];
  }
  const problems: Problem[] = [];
  if (cidrs.length === 0) {
    problems.push({ path: "clientCidrs", value: cidrs, message: "needs at least 1 CIDR: the networks of the users who reach the workspace through this endpoint" });
  }
  cidrs.forEach((cidr, i) => {
    if (Token.isUnresolved(cidr)) return;
    const add = (message: string) => problems.push({ path: `clientCidrs[${i}]`, value: cidr, message });
    const parsed = parseCidr(cidr);
    if ("error" in parsed) add(parsed.error);
    else if (prefixOf(parsed.range) === 0) add("must not be 0.0.0.0/0: the endpoint admits only the users' networks; list their CIDRs");
    else if (cidrs.indexOf(cidr) !== i) add("is listed twice");
  });
  return problems;
}
