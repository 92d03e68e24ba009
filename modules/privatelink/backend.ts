import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { MwsVpcEndpoint } from "@cdktf/provider-databricks/lib/mws-vpc-endpoint";
import { Construct } from "constructs";
import { REGIONS } from "../core/constants";
import { ContextValues, DeploymentContext } from "../core/context";
import { awsResourceIdListProblems, awsResourceIdProblems } from "../core/ids";
import { Problem, throwIfProblems } from "../core/problems";
import type { PortRule } from "../network/rules";
import { generationName, registrationLifecycle } from "../workspace/registration";
import type { IBackendEndpoints } from "./existing-backend";
import { clientCidrProblems } from "./frontend";
import { privateLinkProblems, privateLinkServices, PrivateLinkServices } from "./services";

/**
 * TCP ports the back-end endpoints admit from the compute security group (https://docs.databricks.com/aws/en/security/network/classic/privatelink; databricks/terraform-provider-databricks:docs/guides/aws-private-link-workspace.md).
 *
 * The anchors disagree: the provider's PrivateLink guide opens 443/2443/6666, the SRA 443/2443/5432/6666/8443-8451
 * (databricks/terraform-databricks-sra:aws/tf/privatelink.tf), others 443/6666/8443-8451 or 443/2443/6666. We take
 * the SRA's — exactly the compute group's egress ports (`COMPUTE_EGRESS_PORTS` in ../network/rules.ts), so nothing
 * a cluster may send to the control plane is dropped at the endpoint, and nothing is opened that the cluster cannot send:
 * - 2443 and 8443-8451 carry newer control-plane traffic (FIPS connections, internal calls, Unity Catalog lineage);
 *   with back-end PrivateLink that traffic goes to these endpoints, so leaving them out (PRV guide) breaks it.
 * - 5432: Lakebase PostgreSQL from classic compute goes through the workspace endpoint; the SRA admits it there
 *   since 2025-09 (commit f87f080, "Add Lakebase support"), together with 5432 egress on its compute group.
 * - The source is the compute security group, not subnet CIDRs (SRA, BHK, EX): only cluster nodes get in.
 * - No egress rules: interface endpoints only answer, and security groups are stateful (SRA does the same).
 * - GovCloud: 6666 is omitted, as SRA does for both GovCloud shards (`aws/tf/privatelink.tf`).
 */
export const BACKEND_ENDPOINT_PORTS: readonly PortRule[] = [
  { id: "tcp-443", fromPort: 443, toPort: 443, purpose: "HTTPS from Databricks compute: workspace REST API" },
  { id: "tcp-2443", fromPort: 2443, toPort: 2443, purpose: "FIPS-encrypted control-plane connections from Databricks compute (compliance security profile)" },
  { id: "tcp-5432", fromPort: 5432, toPort: 5432, purpose: "Lakebase PostgreSQL from Databricks compute" },
  { id: "tcp-6666", fromPort: 6666, toPort: 6666, purpose: "Secure cluster connectivity relay from Databricks compute" },
  { id: "tcp-8443-8451", fromPort: 8443, toPort: 8451, purpose: "8443 control-plane internal calls, 8444 Unity Catalog logging and lineage, 8445-8451 reserved by Databricks" },
];

/** The ports the back-end endpoint security group admits in `region` (all of them, less 6666 in GovCloud). */
export function backendEndpointPorts(region: string): readonly PortRule[] {
  return REGIONS[region]?.partition === "aws-us-gov" ? BACKEND_ENDPOINT_PORTS.filter((p) => p.id !== "tcp-6666") : BACKEND_ENDPOINT_PORTS;
}

/**
 * Props of {@link BackendPrivateLink}. From the DeploymentContext: the name prefix (security group
 * `<prefix>-databricks-endpoints`, endpoints `<prefix>-databricks-backend-{rest,relay}`), the region (must have
 * Databricks PrivateLink, see `PRIVATELINK_REGIONS`; it picks the endpoint services), and the Databricks account
 * and account-level provider the endpoints are registered with.
 */
export interface BackendPrivateLinkProps {
  /** The workspace VPC (may be a token). It needs DNS support and DNS hostnames, or private DNS cannot be enabled. */
  readonly vpcId: string;
  /**
   * Dedicated endpoint subnets, one per availability zone, at least 2 (e.g. `WorkspaceVpc.privateLinkSubnetIds`).
   * A literal list; the ids may be tokens.
   */
  readonly subnetIds: readonly string[];
  /** The compute (cluster) security group: the only source the endpoints admit (may be a token). */
  readonly computeSecurityGroupId: string;
  /**
   * Users' networks that reach the web UI and REST API through the REST endpoint (front-end PrivateLink in the
   * workspace VPC). AWS allows one private-DNS endpoint per service per VPC, so the front end shares this one
   * rather than getting its own. @default - back end only
   */
  readonly frontendClientCidrs?: readonly string[];
}

/**
 * Back-end (compute plane to control plane) PrivateLink (https://docs.databricks.com/aws/en/security/network/classic/privatelink; databricks/terraform-provider-databricks:docs/guides/aws-private-link-workspace.md; databricks/terraform-databricks-sra:aws/tf/variables.tf; databricks/terraform-provider-databricks:docs/resources/mws_workspaces.md): an endpoint security
 * group that admits only the compute group, interface endpoints with private DNS to the region's workspace
 * (REST API) and SCC relay services, and their registrations with the Databricks account. Pass
 * {@link restApiEndpointIds} and {@link dataplaneRelayEndpointIds} to `databricks_mws_networks.vpc_endpoints`.
 *
 * Construct ids below are part of the Terraform state contract: renaming one replaces the resource.
 */
export class BackendPrivateLink extends Construct implements IBackendEndpoints {
  /** The region's endpoint service names this construct connects to. */
  public readonly services: PrivateLinkServices;
  /** Security group of both endpoints. */
  public readonly securityGroup: SecurityGroup;
  /** Id of {@link securityGroup}. */
  public readonly securityGroupId: string;
  /** Interface endpoint to the workspace (REST API) service. */
  public readonly workspaceEndpoint: VpcEndpoint;
  /** Interface endpoint to the SCC relay service. */
  public readonly relayEndpoint: VpcEndpoint;
  /** `databricks_mws_vpc_endpoint` of {@link workspaceEndpoint}. */
  public readonly workspaceRegistration: MwsVpcEndpoint;
  /** `databricks_mws_vpc_endpoint` of {@link relayEndpoint}. */
  public readonly relayRegistration: MwsVpcEndpoint;
  /** Databricks ids (`vpc_endpoint_id`) for `databricks_mws_networks.vpc_endpoints.rest_api`. */
  public readonly restApiEndpointIds: string[];
  /** Databricks ids (`vpc_endpoint_id`) for `databricks_mws_networks.vpc_endpoints.dataplane_relay`. */
  public readonly dataplaneRelayEndpointIds: string[];

  constructor(scope: Construct, id: string, props: BackendPrivateLinkProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`BackendPrivateLink ${this.node.path}`, backendPrivateLinkProblems(props, ctx));
    const accountProvider = ctx.accountProvider(this);
    this.services = privateLinkServices(ctx.region)!;
    const prefix = ctx.resourcePrefix;

    // No inline rules: the AWS provider then removes AWS' default allow-all egress, so only the rules below exist.
    this.securityGroup = new SecurityGroup(this, "endpoint-sg", {
      name: `${prefix}-databricks-endpoints`,
      description: "Databricks back-end PrivateLink endpoints: control-plane ports from Databricks compute only",
      vpcId: props.vpcId,
      tags: { Name: `${prefix}-databricks-endpoints` },
    });
    this.securityGroupId = this.securityGroup.id;
    for (const port of backendEndpointPorts(ctx.region)) {
      new VpcSecurityGroupIngressRule(this, `ingress-${port.id}`, {
        securityGroupId: this.securityGroup.id, referencedSecurityGroupId: props.computeSecurityGroupId,
        ipProtocol: "tcp", fromPort: port.fromPort, toPort: port.toPort, description: port.purpose,
      });
    }

    for (const cidr of props.frontendClientCidrs ?? []) {
      new VpcSecurityGroupIngressRule(this, `ingress-frontend-https-${cidr.replace(/[./]/g, "-")}`, {
        securityGroupId: this.securityGroup.id, cidrIpv4: cidr, ipProtocol: "tcp", fromPort: 443, toPort: 443,
        description: "Front-end PrivateLink: web UI and REST API from users' networks",
      });
    }

    // Private DNS makes the workspace and relay hostnames resolve to these endpoints inside the VPC.
    const endpoint = (construct: string, serviceName: string, name: string) => new VpcEndpoint(this, construct, {
      vpcId: props.vpcId, serviceName, vpcEndpointType: "Interface", subnetIds: [...props.subnetIds],
      securityGroupIds: [this.securityGroup.id], privateDnsEnabled: true, tags: { Name: name },
    });
    this.workspaceEndpoint = endpoint("workspace-endpoint", this.services.workspace, `${prefix}-databricks-backend-rest`);
    this.relayEndpoint = endpoint("relay-endpoint", this.services.relay, `${prefix}-databricks-backend-relay`);

    // Every argument is ForceNew; the network configuration that lists the registration is replaced with it (both
    // create-before-destroy, ../workspace/registration.ts), and the workspace switches networks in place.
    const register = (construct: string, awsEndpoint: VpcEndpoint, name: string) => new MwsVpcEndpoint(this, construct, {
      provider: accountProvider, accountId: ctx.databricksAccountId,
      awsVpcEndpointId: awsEndpoint.id, vpcEndpointName: generationName(name, [awsEndpoint.id, ctx.region]), region: ctx.region,
      lifecycle: registrationLifecycle("vpc_endpoint_name"),
    });
    this.workspaceRegistration = register("workspace-registration", this.workspaceEndpoint, `${prefix}-backend-rest`);
    this.relayRegistration = register("relay-registration", this.relayEndpoint, `${prefix}-backend-relay`);
    this.restApiEndpointIds = [this.workspaceRegistration.vpcEndpointId];
    this.dataplaneRelayEndpointIds = [this.relayRegistration.vpcEndpointId];
  }
}

/**
 * Every problem with the props of a {@link BackendPrivateLink} in the context's region (a region without
 * Databricks PrivateLink is reported at `region`); format checks skip Terraform tokens.
 */
export function backendPrivateLinkProblems(props: BackendPrivateLinkProps, ctx: Pick<ContextValues, "region">): Problem[] {
  return [
    ...privateLinkProblems(ctx.region, "region"),
    ...awsResourceIdProblems("vpcId", props.vpcId, "vpc"),
    ...awsResourceIdListProblems("subnetIds", props.subnetIds, "subnet",
      { min: 2, why: "one endpoint subnet per availability zone, in at least 2 zones, so the endpoints survive the loss of one" }),
    ...awsResourceIdProblems("computeSecurityGroupId", props.computeSecurityGroupId, "sg"),
    ...(props.frontendClientCidrs ? clientCidrProblems(props.frontendClientCidrs).map((p) => ({ ...p, path: p.path.replace(/^clientCidrs/, "frontendClientCidrs") })) : []),
  ];
}
