// The NACL rule sets against the rules Databricks validates on the workspace subnets when it creates a workspace.
// The oracle is the documented list, copied here, not derived from the code.
import { IPv4, IPv4CidrRange } from "ip-num";
import { isolatedNaclRules, naclRules } from "../../modules/network";
import type { NaclRule } from "../../modules/network/rules";

/**
 * https://docs.databricks.com/aws/en/security/network/classic/customer-managed-vpc, "Subnet-level network ACLs":
 * "Subnet-level network ACLs must not deny ingress or egress to any traffic. Databricks validates for the following
 * rules while creating the workspace:
 *  - Egress (outbound): Allow all traffic to the workspace VPC CIDR, for internal traffic. Allow TCP access to
 *    0.0.0.0/0 for these ports: 443 (Databricks infrastructure, cloud data sources, library repositories), 3306 (the
 *    metastore), 6666 (only required if you use PrivateLink), 8443 (control plane API), 8444 (Unity Catalog logging
 *    and lineage), 8445 through 8451 (future extendability).
 *  - Ingress (inbound): ALLOW ALL from Source 0.0.0.0/0. This rule must be prioritized."
 */
const DOCUMENTED = {
  egressToVpc: "all traffic",
  egressTcpToAnywhere: [443, 3306, 6666, 8443, 8444, 8445, 8446, 8447, 8448, 8449, 8450, 8451],
  ingress: { from: "0.0.0.0/0", protocol: "all", prioritized: true },
};

const VPC = "10.30.0.0/16";
type Flow = { egress: boolean; protocol: "tcp" | "udp" | "icmp"; port: number; peer: string };

/** AWS' evaluation: the lowest-numbered rule of the direction that matches decides; none matching is the implicit deny. */
function allows(rules: readonly NaclRule[], flow: Flow): boolean {
  const peer = IPv4.fromDecimalDottedString(flow.peer);
  const match = rules.filter((r) => r.egress === flow.egress)
    .sort((a, b) => a.ruleNumber - b.ruleNumber)
    .find((r) => (r.protocol === "-1" || (r.protocol === flow.protocol && r.fromPort <= flow.port && flow.port <= r.toPort))
      && IPv4CidrRange.fromCidr(r.cidr === "vpc" ? VPC : r.cidr).contains(IPv4CidrRange.fromCidr(`${peer.toString()}/32`)));
  return match !== undefined; // every rule of ours allows
}

describe.each<[string, NaclRule[]]>([
  ["nat", naclRules()],
  ["isolated", isolatedNaclRules()],
])("the %s NACL passes Databricks' workspace-creation validation", (_mode, rules) => {
  test("ingress: ALLOW ALL from 0.0.0.0/0 is the first (lowest-numbered) ingress rule", () => {
    const first = rules.filter((r) => !r.egress).sort((a, b) => a.ruleNumber - b.ruleNumber)[0];
    expect(first).toMatchObject({ protocol: "-1", cidr: DOCUMENTED.ingress.from });
    for (const [protocol, port, peer] of [["tcp", 22, "198.51.100.7"], ["udp", 53, "10.30.4.5"], ["icmp", 0, "203.0.113.9"]] as const) {
      expect({ protocol, port, peer, allowed: allows(rules, { egress: false, protocol, port, peer }) }).toEqual({ protocol, port, peer, allowed: true });
    }
  });

  test("egress: all traffic to the VPC CIDR", () => {
    for (const [protocol, port] of [["tcp", 1], ["tcp", 65535], ["udp", 53], ["icmp", 0]] as const) {
      expect({ protocol, port, allowed: allows(rules, { egress: true, protocol, port, peer: "10.30.200.1" }) }).toEqual({ protocol, port, allowed: true });
    }
  });

  test.each(DOCUMENTED.egressTcpToAnywhere)("egress: TCP %d to 0.0.0.0/0", (port) => {
    for (const peer of ["52.216.0.1", "3.5.0.1", "203.0.113.200"]) expect({ peer, allowed: allows(rules, { egress: true, protocol: "tcp", port, peer }) }).toEqual({ peer, allowed: true });
  });
});

test("the isolated NACL lets out to the internet exactly the documented TCP ports, no other port or protocol", () => {
  const out = isolatedNaclRules().filter((r) => r.egress && r.cidr !== "vpc");
  const ports = out.flatMap((r) => {
    expect({ cidr: r.cidr, protocol: r.protocol }).toEqual({ cidr: "0.0.0.0/0", protocol: "tcp" });
    return Array.from({ length: r.toPort - r.fromPort + 1 }, (_, i) => r.fromPort + i);
  });
  expect([...new Set(ports)].sort((a, b) => a - b)).toEqual(DOCUMENTED.egressTcpToAnywhere);
});

test("samples: the isolated NACL refuses HTTP and DNS to the internet; the NAT one refuses NTP", () => {
  expect(allows(isolatedNaclRules(), { egress: true, protocol: "tcp", port: 80, peer: "198.51.100.7" })).toBe(false);
  expect(allows(isolatedNaclRules(), { egress: true, protocol: "udp", port: 53, peer: "198.51.100.7" })).toBe(false);
  expect(allows(naclRules(), { egress: true, protocol: "udp", port: 123, peer: "198.51.100.7" })).toBe(false);
});
