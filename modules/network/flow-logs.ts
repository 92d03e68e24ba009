import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { partitionOf } from "../core/constants";
import { policyDocument, renderPolicy } from "../core/policy";
import { FlowLogsProps, NETWORK_DEFAULTS } from "./props";

/** Props of {@link VpcFlowLogs}: the VPC and how to name things, plus the flow-log settings. */
export interface VpcFlowLogsProps extends FlowLogsProps {
  /** The VPC whose traffic is logged (may be a token). */
  readonly vpcId: string;
  /** Prefix of the names: log group `/aws/vpc-flow-logs/<prefix>`, role `<prefix>-vpc-flow-logs`. */
  readonly namePrefix: string;
  /** Literal AWS region of the VPC: picks the partition of the role's ARNs. */
  readonly region: string;
  /** The VPC's AWS account id (12 digits; may be a token): only its flow logs may assume the role. */
  readonly awsAccountId: string;
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
