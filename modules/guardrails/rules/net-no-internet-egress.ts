import { blockList, Compliance, GuardrailRule, nonCompliant, RuleContext, stringList, TerraformBlock, TerraformConfig } from "../rule";
import { describeTraffic, isOpenCidr, securityGroupRules } from "../security-groups";

/**
 * The workspace's subnets and security groups: what the stack's `databricks_mws_networks` register. A stack without
 * one (a network construct on its own) counts every route table and security group: the rule fails closed.
 */
function workspaceScope(context: RuleContext): { subnets: Set<string>; groups: Set<string> } | undefined {
  const networks = context.blocks("databricks_mws_networks");
  if (networks.length === 0) return undefined;
  return {
    subnets: new Set(networks.flatMap((n) => stringList(n.config.subnet_ids))),
    groups: new Set(networks.flatMap((n) => stringList(n.config.security_group_ids))),
  };
}

/**
 * Whether a route table (given as the `route_table_id` value, a reference or a literal id) serves a workspace subnet:
 * explicitly associated, or the VPC's main table while some workspace subnet has no association of its own.
 */
function servesWorkspaceSubnet(routeTableId: unknown, context: RuleContext, subnets: Set<string>, main: boolean): boolean {
  const associations = context.blocks("aws_route_table_association");
  if (associations.some((a) => a.config.route_table_id === routeTableId && subnets.has(a.config.subnet_id))) return true;
  const isMain = main || String(routeTableId).startsWith("${aws_default_route_table.")
    || context.blocks("aws_main_route_table_association").some((m) => m.config.route_table_id === routeTableId);
  return isMain && [...subnets].some((s) => !associations.some((a) => a.config.subnet_id === s));
}

function openDestination(route: TerraformConfig): string | undefined {
  return [route.destination_cidr_block, route.cidr_block, route.destination_ipv6_cidr_block, route.ipv6_cidr_block]
    .find((d): d is string => typeof d === "string" && isOpenCidr(d));
}

function target(route: TerraformConfig): string {
  const key = ["nat_gateway_id", "gateway_id", "transit_gateway_id", "vpc_peering_connection_id", "network_interface_id", "vpc_endpoint_id", "egress_only_gateway_id"]
    .find((k) => route[k] !== undefined && route[k] !== null);
  if (!key) return "a target";
  const value = String(route[key]);
  // `${aws_nat_gateway.x.id}` → `aws_nat_gateway.x`: the address, readable in a finding.
  return value.startsWith("${") ? value.slice(2, -1).replace(/\.id$/, "") : `${key.replace(/_id$/, "")} ${value}`;
}

function routeFindings(block: TerraformBlock, context: RuleContext): string[] {
  const scope = workspaceScope(context);
  const tableRef = (b: TerraformBlock) => (b.type === "aws_route" ? b.config.route_table_id : `\${${b.address}.id}`);
  if (scope && !servesWorkspaceSubnet(tableRef(block), context, scope.subnets, block.type === "aws_default_route_table")) return [];
  const routes = block.type === "aws_route" ? [block.config] : blockList(block.config.route);
  return routes.flatMap((r) => {
    const dest = openDestination(r);
    return dest ? [`route ${dest} to ${target(r)} from the workspace subnets' route table`] : [];
  });
}

function securityGroupFindings(block: TerraformBlock, context: RuleContext): string[] {
  const scope = workspaceScope(context);
  const group = block.type === "aws_security_group" ? `\${${block.address}.id}` : block.config.security_group_id;
  if (scope && !scope.groups.has(group)) return [];
  return securityGroupRules(block)
    .filter((r) => r.direction === "egress")
    .flatMap((r) => r.cidrs.filter(isOpenCidr).map((cidr) => `${r.label}egress ${describeTraffic(r)} to ${cidr} from the workspace's security group`));
}

/**
 * Production: nothing routes or lets the cluster subnets send to 0.0.0.0/0 (exfiltration resistance a reviewer can
 * read from the plan), unless the network's config records why (`network.internetEgressReason`, applied as a
 * suppression of this rule and written to the resources).
 */
export const netNoInternetEgress: GuardrailRule = {
  id: "DBX-NET1",
  condition: "In production, the workspace subnets have no route and the workspace security groups no egress rule to 0.0.0.0/0 or ::/0",
  explanation:
    "A route or security-group rule to the whole internet lets a notebook send data anywhere; the SRA's isolated network " +
    "reaches the control plane through PrivateLink and AWS through VPC endpoints only, which a reviewer can verify from the plan.",
  fix: 'Use network.egress: "isolated" (with privateLink.backend), or record why production needs internet egress in network.internetEgressReason',
  level: "error",
  appliesTo: ["aws_route", "aws_route_table", "aws_default_route_table", "aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_egress_rule"],
  check: (block, context) => {
    if (!context.production) return Compliance.NOT_APPLICABLE;
    const routing = block.type === "aws_route" || block.type.endsWith("route_table");
    return nonCompliant(routing ? routeFindings(block, context) : securityGroupFindings(block, context));
  },
};
