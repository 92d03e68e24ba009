import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { VpcEndpointService } from "@cdktf/provider-aws/lib/vpc-endpoint-service";
import { VpcEndpointServiceAllowedPrincipal } from "@cdktf/provider-aws/lib/vpc-endpoint-service-allowed-principal";
import { Construct } from "constructs";
import { REGIONS } from "../core/constants";
import { DeploymentContext } from "../core/context";
import { throwIfProblems } from "../core/problems";
import type { CustomerEndpointServiceConfig } from "./props";
import { endpointServiceProblems } from "./validation";

/**
 * The role Databricks' serverless compute creates its interface endpoints with, which the endpoint service must allow
 * (https://docs.databricks.com/aws/en/security/network/serverless-network-security/pl-to-internal-network, step 2;
 * databricks/terraform-databricks-sra:aws/customizations/serverless_privatelink/rds/main.tf). GovCloud: the civilian shard's.
 */
export function serverlessPrivateConnectivityRole(region: string): string {
  return REGIONS[region]?.partition === "aws-us-gov"
    ? `arn:aws-us-gov:iam::347038500609:role/private-connectivity-role-${region}`
    : `arn:aws:iam::565502421330:role/private-connectivity-role-${region}`;
}

/** Props of {@link CustomerEndpointService}: a config entry and where it goes. */
export interface CustomerEndpointServiceProps extends CustomerEndpointServiceConfig {
  /** The VPC of the targets. */
  readonly vpcId: string;
  /** Subnets of the NLB (one per AZ; the environment's private subnets). */
  readonly subnetIds: readonly string[];
}

/**
 * The customer side of a serverless private path to your own service (RDS, Kafka, an internal Git or API): an internal
 * network load balancer forwarding TCP to IP targets, and a VPC endpoint service over it that lets the Databricks
 * serverless private-connectivity role connect, with acceptance as configured. The NCC rule to its `service_name`
 * lives in {@link ServerlessEgress}. Mirrors the SRA's serverless_privatelink customizations.
 */
export class CustomerEndpointService extends Construct {
  /** The internal network load balancer `<prefix>-<name>` in the given subnets. */
  public readonly loadBalancer: Lb;
  /** TCP target group of the IP targets on `port`. */
  public readonly targetGroup: LbTargetGroup;
  /** TCP listener on `port`, forwarding to {@link targetGroup}. */
  public readonly listener: LbListener;
  /** The VPC endpoint service over the load balancer. */
  public readonly service: VpcEndpointService;
  /** Allows the Databricks serverless role: the NCC rule must wait for it. */
  public readonly allowedPrincipal: VpcEndpointServiceAllowedPrincipal;
  /** The service's name, `com.amazonaws.vpce.<region>.vpce-svc-…`: the NCC rule's `endpoint_service`. */
  public readonly serviceName: string;

  constructor(scope: Construct, id: string, props: CustomerEndpointServiceProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`CustomerEndpointService ${this.node.path}`, endpointServiceProblems(props, ctx));
    const name = `${ctx.resourcePrefix}-${props.name}`;
    this.loadBalancer = new Lb(this, "nlb", {
      name, internal: true, loadBalancerType: "network", subnets: [...props.subnetIds], enableCrossZoneLoadBalancing: true,
    });
    this.targetGroup = new LbTargetGroup(this, "target-group", {
      name, port: props.port, protocol: "TCP", targetType: "ip", vpcId: props.vpcId,
      healthCheck: { protocol: "TCP", port: String(props.port) },
    });
    props.targets.forEach((ip, i) => new LbTargetGroupAttachment(this, `target-${i}`, { targetGroupArn: this.targetGroup.arn, targetId: ip, port: props.port }));
    this.listener = new LbListener(this, "listener", {
      loadBalancerArn: this.loadBalancer.arn, port: props.port, protocol: "TCP",
      defaultAction: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
    });
    this.service = new VpcEndpointService(this, "service", {
      acceptanceRequired: props.acceptanceRequired ?? true, networkLoadBalancerArns: [this.loadBalancer.arn], tags: { Name: name },
    });
    this.allowedPrincipal = new VpcEndpointServiceAllowedPrincipal(this, "databricks-principal", {
      vpcEndpointServiceId: this.service.id, principalArn: serverlessPrivateConnectivityRole(ctx.region),
    });
    this.serviceName = this.service.serviceName;
  }
}
