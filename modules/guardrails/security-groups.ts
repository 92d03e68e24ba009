import { blockList, stringList, TerraformBlock } from "./rule";

/** Security-group rule resources, and the security groups whose inline rules the rules read. */
export const SECURITY_GROUPS = ["aws_security_group", "aws_default_security_group"] as const;

/** One security-group rule, whichever of the three ways Terraform lets you write it. */
export interface SecurityGroupRule {
  /** Traffic direction. */
  readonly direction: "ingress" | "egress";
  /** `tcp`, `udp`, `icmp`..., or `all` (-1). */
  readonly protocol: string;
  /** First port, when the rule has ports. */
  readonly fromPort?: number;
  /** Last port, when the rule has ports. */
  readonly toPort?: number;
  /** IPv4 and IPv6 CIDRs the rule opens (referenced groups and prefix lists are not CIDRs). */
  readonly cidrs: readonly string[];
  /** `ingress[1]: ` for inline rules, empty for rule resources. */
  readonly label: string;
}

/** The rules a block defines: inline blocks of a security group, or the rule resource itself. */
export function securityGroupRules(block: TerraformBlock): SecurityGroupRule[] {
  const c = block.config;
  const rule = (direction: "ingress" | "egress", r: Record<string, any>, label: string, protocol: unknown): SecurityGroupRule => ({
    direction, label, protocol: normalizeProtocol(protocol), fromPort: port(r.from_port), toPort: port(r.to_port),
    cidrs: [...stringList(r.cidr_blocks), ...stringList(r.ipv6_cidr_blocks), ...stringList(r.cidr_ipv4), ...stringList(r.cidr_ipv6)],
  });
  switch (block.type) {
    case "aws_security_group":
    case "aws_default_security_group":
      return (["ingress", "egress"] as const).flatMap((d) => blockList(c[d]).map((r, i) => rule(d, r, `${d}[${i}]: `, r.protocol)));
    case "aws_security_group_rule":
      return c.type === "ingress" || c.type === "egress" ? [rule(c.type, c, "", c.protocol)] : [];
    case "aws_vpc_security_group_ingress_rule":
      return [rule("ingress", c, "", c.ip_protocol)];
    case "aws_vpc_security_group_egress_rule":
      return [rule("egress", c, "", c.ip_protocol)];
    default:
      return [];
  }
}

/** `0.0.0.0/0`, `::/0` or any other /0: the whole internet. */
export function isOpenCidr(cidr: string): boolean {
  return cidr.trim().endsWith("/0");
}

/** `tcp 443`, `tcp 8443-8451`, `all traffic`. */
export function describeTraffic(rule: SecurityGroupRule): string {
  if (rule.protocol === "all") return "all traffic";
  if (rule.fromPort === undefined || rule.toPort === undefined) return `${rule.protocol} (all ports)`;
  return `${rule.protocol} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`;
}

const PROTOCOL_NUMBERS: Record<string, string> = { "-1": "all", all: "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };

function normalizeProtocol(value: unknown): string {
  const p = String(value ?? "all").toLowerCase();
  return PROTOCOL_NUMBERS[p] ?? p;
}

function port(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" ? n : undefined;
}
