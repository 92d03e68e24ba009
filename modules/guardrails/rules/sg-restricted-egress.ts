import { SECURITY_GROUPS, describeTraffic, isOpenCidr, securityGroupRules } from "../security-groups";
import { GuardrailRule, nonCompliant } from "../rule";

/**
 * The TCP ports Databricks documents for cluster egress beyond the VPC, stated here on their own (not taken from the
 * network module, so a wrong port added there is caught, not allowed by construction): 443 (control plane, AWS
 * services), 2443 (FIPS endpoints), 3306 (legacy Hive metastore), 6666 (SCC relay over PrivateLink), 8443-8451
 * (internal control-plane calls, Unity Catalog logging and lineage, reserved).
 * Source: https://docs.databricks.com/aws/en/security/network/classic/customer-managed-vpc (Security groups).
 * And 5432, Lakebase PostgreSQL from classic compute: "To connect classic compute to PostgreSQL, open TCP port 5432"
 * (https://learn.microsoft.com/en-us/azure/databricks/oltp/instances/query); the SRA opens it on AWS since 2025-09
 * (databricks/terraform-databricks-sra:aws/tf/network.tf, commit f87f080).
 */
export const ALLOWED_PUBLIC_EGRESS: ReadonlyArray<{ readonly fromPort: number; readonly toPort: number }> = [
  { fromPort: 443, toPort: 443 },
  { fromPort: 2443, toPort: 2443 },
  { fromPort: 3306, toPort: 3306 },
  { fromPort: 5432, toPort: 5432 },
  { fromPort: 6666, toPort: 6666 },
  { fromPort: 8443, toPort: 8451 },
];

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
