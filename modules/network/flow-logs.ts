import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { partitionOf } from "../constants";
import { policyDocument, renderPolicy } from "../iam/policy";
import { FlowLogsProps, NETWORK_DEFAULTS } from "./props";

export interface VpcFlowLogsProps extends FlowLogsProps {
  readonly vpcId: string;
  readonly namePrefix: string;
  readonly region: string;
  readonly awsAccountId: string;
}

/** VPC flow logs to a CloudWatch log group with retention, through a role that can only write to that group. */
export class VpcFlowLogs extends Construct {
  public readonly logGroup: CloudwatchLogGroup;
  public readonly role: IamRole;
  public readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const partition = partitionOf(props.region).name;
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/vpc-flow-logs/${props.namePrefix}`,
      retentionInDays: props.retentionInDays ?? NETWORK_DEFAULTS.flowLogRetentionInDays,
    });
    // Confused-deputy guard: only flow logs of this account may assume the role.
    this.role = new IamRole(this, "role", {
      name: `${props.namePrefix}-vpc-flow-logs`,
      assumeRolePolicy: renderPolicy(policyDocument({
        Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: ["sts:AssumeRole"],
        Condition: {
          StringEquals: { "aws:SourceAccount": props.awsAccountId },
          ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${props.region}:${props.awsAccountId}:vpc-flow-log/*` },
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
        {
          Sid: "FindLogGroups", Effect: "Allow", Action: ["logs:DescribeLogGroups"],
          Resource: `arn:${partition}:logs:${props.region}:${props.awsAccountId}:log-group:*`,
        },
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
