import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { logRetentionProblems } from "../core/log-retention";
import { policyDocument, renderPolicy } from "../core/policy";
import { Problem, throwIfProblems } from "../core/problems";
import { FlowLogSettings, NETWORK_DEFAULTS } from "./props";

/**
 * Props of {@link VpcFlowLogs}: the VPC, plus the flow-log settings. Names (log group `/aws/vpc-flow-logs/<prefix>`,
 * role `<prefix>-vpc-flow-logs`), region and account come from the DeploymentContext.
 */
export interface VpcFlowLogsProps extends FlowLogSettings {
  /** The VPC whose traffic is logged (may be a token). */
  readonly vpcId: string;
}

/** VPC flow logs to a CloudWatch log group with retention, through a role that can only write to that group. */
export class VpcFlowLogs extends Construct {
  /** The CloudWatch log group `/aws/vpc-flow-logs/<prefix>` the records go to, with retention. */
  public readonly logGroup: CloudwatchLogGroup;
  /** The role the flow-logs service assumes to write to the log group (trusted only by this account's flow logs). */
  public readonly role: IamRole;
  /** The VPC flow log. */
  public readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`VpcFlowLogs ${this.node.path}`, vpcFlowLogsProblems(props));
    const partition = ctx.partition.name;
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/vpc-flow-logs/${ctx.resourcePrefix}`,
      retentionInDays: props.retentionInDays ?? NETWORK_DEFAULTS.flowLogRetentionInDays,
    });
    // Confused-deputy guard: only flow logs of this account may assume the role.
    this.role = new IamRole(this, "role", {
      name: ctx.nameOf("vpc-flow-logs"),
      assumeRolePolicy: renderPolicy(policyDocument({
        Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: ["sts:AssumeRole"],
        Condition: {
          StringEquals: { "aws:SourceAccount": ctx.awsAccountId },
          ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${ctx.region}:${ctx.awsAccountId}:vpc-flow-log/*` },
        },
      })),
    });
    new IamRolePolicy(this, "policy", {
      name: "write-flow-logs",
      role: this.role.id,
      policy: renderPolicy(policyDocument(
        {
          Sid: "WriteToTheFlowLogGroup", Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: `${this.logGroup.arn}:*`,
        },
        // DescribeLogGroups supports no resource-level permissions (Service Authorization Reference, CloudWatch
        // Logs): only "*" grants it, as in AWS's flow-logs role policy (VPC User Guide, "IAM role for publishing
        // flow logs to CloudWatch Logs"). It is read-only.
        { Sid: "FindLogGroups", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: "*" },
      )),
    });
    this.flowLog = new FlowLog(this, "flow-log", {
      vpcId: props.vpcId,
      trafficType: props.trafficType ?? "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      maxAggregationInterval: 600,
    });
  }
}

/** Problems with the flow-log settings (paths relative to them: `retentionInDays`). */
export function vpcFlowLogsProblems(props: FlowLogSettings): Problem[] {
  return logRetentionProblems("retentionInDays", props.retentionInDays);
}
