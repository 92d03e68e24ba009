/**
 * The compute security group's egress ports and the private-subnet NACL rule set.
 * Sources: https://docs.databricks.com/aws/en/security/network/classic/customer-managed-vpc (Security groups) and
 * databricks/terraform-databricks-sra:aws/tf/network.tf (the SRA's workspace security group).
 */

export interface PortRule {
  readonly id: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly purpose: string;
}

/**
 * TCP egress from cluster nodes to anywhere (via NAT or PrivateLink).
 * 5432: Lakebase (Databricks' managed PostgreSQL) listens on Postgres' port, and classic compute must reach it; the
 * SRA opens it on its workspace security group and PrivateLink endpoint group since 2025-09
 * (databricks/terraform-databricks-sra commit f87f080, "Add Lakebase support": aws/tf/network.tf, privatelink.tf;
 * Databricks: "To connect classic compute to PostgreSQL, open TCP port 5432",
 * https://learn.microsoft.com/en-us/azure/databricks/oltp/instances/query).
 */
export const COMPUTE_EGRESS_PORTS: readonly PortRule[] = [
  { id: "tcp-443", fromPort: 443, toPort: 443, purpose: "Databricks control plane (web app, REST API), AWS services, data sources and library repositories" },
  { id: "tcp-2443", fromPort: 2443, toPort: 2443, purpose: "FIPS-encrypted control-plane connections (compliance security profile)" },
  { id: "tcp-5432", fromPort: 5432, toPort: 5432, purpose: "Lakebase PostgreSQL" },
  { id: "tcp-6666", fromPort: 6666, toPort: 6666, purpose: "secure cluster connectivity relay over PrivateLink" },
  { id: "tcp-8443-8451", fromPort: 8443, toPort: 8451, purpose: "8443 control-plane internal calls, 8444 Unity Catalog logging and lineage, 8445-8451 reserved by Databricks" },
];

/** Only when the legacy Hive metastore toggle is on: Databricks' RDS-hosted metastore. */
export const LEGACY_METASTORE_PORT: PortRule = { id: "tcp-3306", fromPort: 3306, toPort: 3306, purpose: "legacy Hive metastore (not used with Unity Catalog)" };

export interface NaclRule {
  readonly ruleNumber: number;
  readonly egress: boolean;
  /** "-1" = all protocols. */
  readonly protocol: "-1" | "tcp" | "udp";
  readonly fromPort: number;
  readonly toPort: number;
  /** "vpc" = the VPC CIDR. */
  readonly cidr: "0.0.0.0/0" | "vpc";
}

/**
 * The NACL rules Databricks checks on the workspace subnets when it creates the workspace: "Subnet-level network
 * ACLs must not deny ingress or egress to any traffic. Databricks validates for the following rules while creating
 * the workspace": egress all traffic to the workspace VPC CIDR and TCP 443, 3306, 6666, 8443-8451 to 0.0.0.0/0;
 * ingress ALLOW ALL from 0.0.0.0/0, prioritized
 * (https://docs.databricks.com/aws/en/security/network/classic/customer-managed-vpc, "Subnet-level network ACLs").
 * 3306 (the legacy metastore) is on that list, so every rule set has it even where the security group never opens it.
 */
export function databricksValidatedNaclRules(): NaclRule[] {
  return [
    { ruleNumber: 100, egress: false, protocol: "-1", fromPort: 0, toPort: 0, cidr: "0.0.0.0/0" }, // the first ingress rule
    { ruleNumber: 100, egress: true, protocol: "-1", fromPort: 0, toPort: 0, cidr: "vpc" },
    { ruleNumber: 110, egress: true, protocol: "tcp", fromPort: 443, toPort: 443, cidr: "0.0.0.0/0" },
    { ruleNumber: 120, egress: true, protocol: "tcp", fromPort: 6666, toPort: 6666, cidr: "0.0.0.0/0" },
    { ruleNumber: 140, egress: true, protocol: "tcp", fromPort: 8443, toPort: 8451, cidr: "0.0.0.0/0" },
    { ruleNumber: 170, egress: true, protocol: "tcp", fromPort: 3306, toPort: 3306, cidr: "0.0.0.0/0" },
  ];
}

/**
 * The NACL of the cluster subnets behind NAT: what Databricks validates (above), plus the other ports the compute
 * group may send to (2443 FIPS, 5432 Lakebase), DNS and the ephemeral ports; everything else hits the implicit
 * deny. NACLs are stateless: inbound allows everything (return traffic), as Databricks requires.
 */
export function naclRules(): NaclRule[] {
  const out = (ruleNumber: number, protocol: NaclRule["protocol"], fromPort: number, toPort: number): NaclRule =>
    ({ ruleNumber, egress: true, protocol, fromPort, toPort, cidr: "0.0.0.0/0" });
  return [
    ...databricksValidatedNaclRules(),
    out(130, "tcp", 2443, 2443),
    out(145, "tcp", 5432, 5432), // Lakebase: below the ephemeral range, so the implicit deny would drop it
    out(150, "tcp", 53, 53),
    out(151, "udp", 53, 53),
    out(160, "tcp", 1024, 65535),
  ].sort((a, b) => Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber);
}
