import { SECURITY_GROUPS, describeTraffic, isOpenCidr, securityGroupRules } from "../security-groups";
import { GuardrailRule, nonCompliant } from "../rule";

/** Security groups allow no ingress from 0.0.0.0/0 or ::/0. */
export const sgNoPublicIngress: GuardrailRule = {
  id: "DBX-SG1",
  condition: "Security groups allow no ingress from 0.0.0.0/0 or ::/0",
  explanation:
    "Cluster nodes and endpoints are only ever reached from inside the VPC (nodes talk to each other, Databricks reaches " +
    "them through the secure cluster connectivity relay they dial out to); an ingress rule open to the internet only adds attack surface.",
  fix: "Allow ingress from the security group itself, another security group, or the specific CIDRs that need it",
  level: "error",
  appliesTo: [...SECURITY_GROUPS, "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
  check: (block) =>
    nonCompliant(
      securityGroupRules(block)
        .filter((r) => r.direction === "ingress")
        .flatMap((r) => r.cidrs.filter(isOpenCidr).map((cidr) => `${r.label}ingress ${describeTraffic(r)} from ${cidr}`)),
    ),
};
