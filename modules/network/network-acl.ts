import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { Construct } from "constructs";
import { naclRules } from "./rules";

export interface PrivateSubnetNaclProps {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly subnetIds: string[];
  readonly legacyHiveMetastore: boolean;
  readonly tags?: Record<string, string>;
}

/** A network ACL on the private subnets with the rule set of reference §B.5 (see `naclRules`). */
export class PrivateSubnetNacl extends Construct {
  public readonly acl: NetworkAcl;

  constructor(scope: Construct, id: string, props: PrivateSubnetNaclProps) {
    super(scope, id);
    this.acl = new NetworkAcl(this, "acl", { vpcId: props.vpcId, subnetIds: props.subnetIds, tags: props.tags });
    for (const rule of naclRules(props.legacyHiveMetastore)) {
      new NetworkAclRule(this, `${rule.egress ? "egress" : "ingress"}-${rule.ruleNumber}`, {
        networkAclId: this.acl.id, ruleNumber: rule.ruleNumber, egress: rule.egress, protocol: rule.protocol,
        ruleAction: "allow", cidrBlock: rule.cidr === "vpc" ? props.vpcCidr : rule.cidr,
        fromPort: rule.fromPort, toPort: rule.toPort,
      });
    }
  }
}
