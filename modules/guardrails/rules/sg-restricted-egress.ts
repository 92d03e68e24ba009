import { COMPUTE_EGRESS_PORTS, LEGACY_METASTORE_PORT } from "../../network/rules";
import { SECURITY_GROUPS, describeTraffic, isOpenCidr, securityGroupRules } from "../security-groups";
import { GuardrailRule, nonCompliant } from "../rule";

/** The Databricks ports (TCP) the compute plane may reach anywhere: the compute SG's rule set, plus the legacy metastore. */
export const ALLOWED_PUBLIC_EGRESS = [...COMPUTE_EGRESS_PORTS, LEGACY_METASTORE_PORT].sort((a, b) => a.fromPort - b.fromPort);

const ALLOWED = ALLOWED_PUBLIC_EGRESS.map((p) => (p.fromPort === p.toPort ? `${p.fromPort}` : `${p.fromPort}-${p.toPort}`)).join(", ");

/** Security groups allow egress to 0.0.0.0/0 or ::/0 only on the Databricks TCP ports. */
export const sgRestrictedEgress: GuardrailRule = {
  id: "DBX-SG2",
  condition: `Security groups allow egress to 0.0.0.0/0 or ::/0 only on the Databricks TCP ports (${ALLOWED})`,
  explanation:
    "Databricks documents exactly which ports cluster nodes need to reach beyond the VPC (control plane, SCC relay, " +
    "Unity Catalog, AWS services); allowing all traffic to the internet lets a compromised node exfiltrate data on any port.",
  fix: "Limit egress to 0.0.0.0/0 to TCP on the Databricks ports, or send the traffic to a narrower CIDR, prefix list or security group",
  level: "error",
  appliesTo: [...SECURITY_GROUPS, "aws_security_group_rule", "aws_vpc_security_group_egress_rule"],
  check: (block) =>
    nonCompliant(
      securityGroupRules(block)
        .filter((r) => r.direction === "egress")
        .filter((r) => !(r.protocol === "tcp" && r.fromPort !== undefined && r.toPort !== undefined &&
          ALLOWED_PUBLIC_EGRESS.some((p) => p.fromPort <= r.fromPort! && r.toPort! <= p.toPort)))
        .flatMap((r) => r.cidrs.filter(isOpenCidr).map((cidr) => `${r.label}egress ${describeTraffic(r)} to ${cidr}`)),
    ),
};
