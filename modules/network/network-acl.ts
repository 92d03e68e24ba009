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
  /**
   * Ignored: outbound TCP 3306 is always allowed, because Databricks validates it on the subnets' NACLs when it
   * creates the workspace (`databricksValidatedNaclRules`); the compute security group opens it only with the
   * legacy Hive metastore. @default false
   * @deprecated has no effect
   */
  readonly legacyHiveMetastore?: boolean;
  /** `"isolated"`: the isolated VPC's rule set (`isolatedNaclRules`: what Databricks validates, no more). @default "nat" */
  readonly egress?: EgressMode;
}

/**
 * A network ACL on the private subnets with the rule set of `naclRules` (or `isolatedNaclRules`): both hold every
 * rule Databricks validates at workspace creation (https://docs.databricks.com/aws/en/security/network/classic/customer-managed-vpc).
 */
export class PrivateSubnetNacl extends Construct {
  /** The network ACL, associated with the private subnets. */
  public readonly acl: NetworkAcl;

  constructor(scope: Construct, id: string, props: PrivateSubnetNaclProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    this.acl = new NetworkAcl(this, "acl", { vpcId: props.vpcId, subnetIds: props.subnetIds, tags: { Name: ctx.nameOf("private") } });
    for (const rule of props.egress === "isolated" ? isolatedNaclRules() : naclRules()) {
      new NetworkAclRule(this, `${rule.egress ? "egress" : "ingress"}-${rule.ruleNumber}`, {
        networkAclId: this.acl.id, ruleNumber: rule.ruleNumber, egress: rule.egress, protocol: rule.protocol,
        ruleAction: "allow", cidrBlock: rule.cidr === "vpc" ? props.vpcCidr : rule.cidr,
        fromPort: rule.fromPort, toPort: rule.toPort,
      });
    }
  }
}
