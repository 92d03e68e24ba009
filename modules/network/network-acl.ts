import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { EgressMode, isolatedNaclRules } from "./isolated";
import { naclRules } from "./rules";

/** Props of {@link PrivateSubnetNacl}. Its `Name` tag, `<prefix>-private`, comes from the DeploymentContext. */
export interface PrivateSubnetNaclProps {
  /** The VPC of the subnets (may be a token). */
  readonly vpcId: string;
  /** The VPC's CIDR: outbound traffic inside the VPC is allowed. */
  readonly vpcCidr: string;
  /** The private (cluster) subnets the ACL is associated with. */
  readonly subnetIds: string[];
  /** Also allow outbound TCP 3306 (legacy Hive metastore). */
  readonly legacyHiveMetastore: boolean;
  /** `"isolated"`: the isolated VPC's rule set (`isolatedNaclRules`: VPC CIDR, and S3 on 443). @default "nat" */
  readonly egress?: EgressMode;
}

/** A network ACL on the private subnets with the rule set of `naclRules`. */
export class PrivateSubnetNacl extends Construct {
  /** The network ACL, associated with the private subnets. */
  public readonly acl: NetworkAcl;

  constructor(scope: Construct, id: string, props: PrivateSubnetNaclProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    this.acl = new NetworkAcl(this, "acl", { vpcId: props.vpcId, subnetIds: props.subnetIds, tags: { Name: ctx.nameOf("private") } });
    for (const rule of props.egress === "isolated" ? isolatedNaclRules() : naclRules(props.legacyHiveMetastore)) {
      new NetworkAclRule(this, `${rule.egress ? "egress" : "ingress"}-${rule.ruleNumber}`, {
        networkAclId: this.acl.id, ruleNumber: rule.ruleNumber, egress: rule.egress, protocol: rule.protocol,
        ruleAction: "allow", cidrBlock: rule.cidr === "vpc" ? props.vpcCidr : rule.cidr,
        fromPort: rule.fromPort, toPort: rule.toPort,
      });
    }
  }
}
