import { Compliance, GuardrailRule, isExpression, nonCompliant } from "../rule";

/** Every VPC of a production stack has flow logs. */
export const vpcFlowLogs: GuardrailRule = {
  id: "DBX-VPC1",
  condition: "Every VPC of a production stack (created, or the existing one a workspace network uses) has an aws_flow_log",
  explanation:
    "Flow logs are the only record of which addresses cluster nodes talked to; incident response and exfiltration " +
    "investigations in production need them (CIS AWS 3.9). Outside production they are optional, to save cost.",
  fix: "Turn on network.flowLogs for the environment (WorkspaceVpc's VpcFlowLogs), or add an aws_flow_log for the existing VPC",
  level: "error",
  appliesTo: ["aws_vpc", "databricks_mws_networks"],
  check: (block, context) => {
    if (!context.production) return Compliance.NOT_APPLICABLE;
    const flowLogs = context.blocks("aws_flow_log");
    if (block.type === "aws_vpc") {
      return flowLogs.some((f) => context.isReferenceTo(f.config.vpc_id, block)) ? Compliance.COMPLIANT : nonCompliant(["the VPC has no aws_flow_log"]);
    }
    // A network over a VPC of this stack is checked at that VPC; a literal VPC id is a VPC brought from elsewhere.
    const vpcId = block.config.vpc_id;
    if (typeof vpcId !== "string" || (isExpression(vpcId) && vpcId.startsWith("${aws_vpc."))) return Compliance.NOT_APPLICABLE;
    return flowLogs.some((f) => f.config.vpc_id === vpcId) ? Compliance.COMPLIANT : nonCompliant([`the workspace's existing VPC ${vpcId} has no aws_flow_log in this stack`]);
  },
};
