import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { createHardenedBucket, HardenedBucketResources } from "../core/hardened-bucket";
import { PolicyDocument, renderPolicy } from "../core/policy";
import { throwIfProblems } from "../core/problems";
import { alarmTopicPolicy, failedCallsPattern, topicKeyPolicy, trailBucketGrants, trailRolePolicy, trailRoleTrustPolicy } from "./policies";
import {
  FAILED_CALL_ERROR_CODES, ROLE_ACTIVITY_DEFAULTS, ROLE_ACTIVITY_NAMES, ROLE_ACTIVITY_NAMESPACE_PREFIX, RoleActivityMonitoringProps,
  RoleActivityTrail,
} from "./props";
import { roleActivityProblems } from "./validation";

type CreateTrailProps = Extract<RoleActivityTrail, { createTrail: unknown }>["createTrail"];

/** What `createTrail` makes. */
interface CreatedTrail {
  readonly trail: Cloudtrail;
  readonly logGroup: CloudwatchLogGroup;
  readonly trailBucket: HardenedBucketResources;
  readonly trailRole: IamRole;
  readonly trailRolePolicy: IamRolePolicy;
}

/** The alarm topic and its key. */
interface AlarmTopic {
  readonly topic: SnsTopic;
  readonly topicKey: KmsKey;
  readonly topicKeyPolicyDocument: PolicyDocument;
}

/**
 * Failed API calls of one IAM role — by default the Databricks cross-account role — made visible and alerted on:
 * a CloudWatch Logs metric filter over the account's CloudTrail events ({@link failedCallsPattern}), a metric
 * `Databricks/<prefix>` / `FailedApiCalls-<roleName>`, an alarm at `threshold` failures per `periodSeconds`, and
 * an encrypted SNS topic with optional email subscriptions.
 *
 * The events come from a trail this construct creates (`createTrail`) or from a log group an existing trail
 * already feeds (`existingLogGroupName`; the organization trail in most landing zones). Only one trail per
 * resource prefix: to watch a second role, point a second instance at {@link logGroupName} of the first.
 *
 * Creating a trail: single-region on purpose (`is_multi_region_trail = false`): the role acts in the workspace's
 * region, and one region's management events keep CloudWatch Logs ingestion small. Its consequences: calls the
 * role makes in other regions are not seen, and IAM's global events reach a single-region trail only in
 * us-east-1, so `iam:*` failures (e.g. `iam:CreateServiceLinkedRole`) are seen only for workspaces there. Use an
 * existing multi-region or organization trail's log group to see everything. The trail's bucket holds the audit
 * evidence: it gets `prevent_destroy` when `preventDestroy` (default: the context's `protectData`).
 *
 * Names, region and account come from the `DeploymentContext`. Construct ids below are part of the Terraform
 * state contract: renaming one replaces the resource.
 */
export class RoleActivityMonitoring extends Construct {
  /** ARN of the alarm topic (a reference to it): subscribe further endpoints here. */
  public readonly topicArn: string;
  /** The log group the metric filter reads (a reference to the new group, or the given name). */
  public readonly logGroupName: string;
  /** Name of the alarm (a reference to it). */
  public readonly alarmName: string;

  /** The metric filter pattern ({@link failedCallsPattern}). */
  public readonly filterPattern: string;
  /** Namespace of the metric: `Databricks/<prefix>`. */
  public readonly metricNamespace: string;
  /** Name of the metric: `FailedApiCalls-<roleName>`. */
  public readonly metricName: string;

  /** The encrypted SNS topic the alarm notifies. */
  public readonly topic: SnsTopic;
  /** The topic's policy: only the alarm may publish, for this account ({@link alarmTopicPolicy}). */
  public readonly topicPolicy: SnsTopicPolicy;
  /** Customer-managed key of the topic (CloudWatch alarms cannot use the AWS managed `alias/aws/sns`). */
  public readonly topicKey: KmsKey;
  /** The topic key's policy as data (what {@link topicKey} holds, before rendering). */
  public readonly topicKeyPolicyDocument: PolicyDocument;
  /** The metric filter counting the role's failed calls. */
  public readonly metricFilter: CloudwatchLogMetricFilter;
  /** The alarm on the metric. */
  public readonly alarm: CloudwatchMetricAlarm;
  /** One per address of `alarmEmails`, in order. */
  public readonly emailSubscriptions: SnsTopicSubscription[];

  /** createTrail only: the trail, its log group, bucket and CloudWatch Logs role. */
  public readonly trail?: Cloudtrail;
  /** createTrail only: the trail's CloudWatch log group. */
  public readonly logGroup?: CloudwatchLogGroup;
  /** createTrail only: the trail's hardened bucket and its companion resources. */
  public readonly trailBucket?: HardenedBucketResources;
  /** createTrail only: the role CloudTrail assumes to write to the log group. */
  public readonly trailRole?: IamRole;
  /** createTrail only: that role's inline policy. */
  public readonly trailRolePolicy?: IamRolePolicy;

  private readonly context: DeploymentContext;
  /** `<prefix>-role-activity`: the trail, topic, alias and log group are named after it. */
  private readonly baseName: string;

  constructor(scope: Construct, id: string, props: RoleActivityMonitoringProps) {
    super(scope, id);
    this.context = DeploymentContext.of(this);
    throwIfProblems(`RoleActivityMonitoring ${this.node.path}`, roleActivityProblems(props));
    this.baseName = `${this.context.resourcePrefix}${ROLE_ACTIVITY_NAMES.base}`;

    // Where the events are. Resources are created in the order they always were (the synthesized JSON follows it).
    const source = props.trail;
    if ("createTrail" in source) {
      const created = this.createTrail(source.createTrail, props.preventDestroy ?? this.context.protectData);
      this.trail = created.trail;
      this.logGroup = created.logGroup;
      this.trailBucket = created.trailBucket;
      this.trailRole = created.trailRole;
      this.trailRolePolicy = created.trailRolePolicy;
      this.logGroupName = created.logGroup.name;
    } else {
      this.logGroupName = source.existingLogGroupName;
    }

    this.filterPattern = failedCallsPattern(props.roleName, this.context.awsAccountId);
    this.metricNamespace = `${ROLE_ACTIVITY_NAMESPACE_PREFIX}${this.context.resourcePrefix}`;
    this.metricName = `FailedApiCalls-${props.roleName}`;
    this.metricFilter = this.createMetricFilter(props.roleName);

    const alarmTopic = this.createTopic(props.roleName);
    this.topic = alarmTopic.topic;
    this.topicKey = alarmTopic.topicKey;
    this.topicKeyPolicyDocument = alarmTopic.topicKeyPolicyDocument;
    this.topicArn = this.topic.arn;
    const { partition, region, awsAccountId } = this.context;
    const alarmArn = `arn:${partition.name}:cloudwatch:${region}:${awsAccountId}:alarm:${this.alarmNameOf(props.roleName)}`;
    this.topicPolicy = new SnsTopicPolicy(this, "topic-policy", {
      arn: this.topic.arn, policy: renderPolicy(alarmTopicPolicy(this.topic.arn, alarmArn, awsAccountId)),
    });
    this.alarm = this.createAlarm(props);
    this.alarmName = this.alarm.alarmName;
    this.emailSubscriptions = this.subscribe(props.alarmEmails ?? []);
  }

  /** A single-region management-events trail, its hardened bucket, log group and CloudWatch Logs role. */
  private createTrail(create: CreateTrailProps, preventDestroy: boolean): CreatedTrail {
    const { partition, region, awsAccountId } = this.context;
    // Built literally (not from the trail's attributes): the bucket policy must exist before the trail does.
    const trailArn = `arn:${partition.name}:cloudtrail:${region}:${awsAccountId}:trail/${this.baseName}`;
    const trailBucket = createHardenedBucket(new Construct(this, "trail-bucket"), {
      bucketName: create.bucketName,
      region,
      grants: (bucketArn) => trailBucketGrants(bucketArn, trailArn, awsAccountId),
    });
    if (preventDestroy) trailBucket.bucket.lifecycle = { ...trailBucket.bucket.lifecycle, preventDestroy: true };
    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/cloudtrail/${this.baseName}`,
      retentionInDays: create.retentionInDays ?? ROLE_ACTIVITY_DEFAULTS.retentionInDays,
    });
    const trailRole = new IamRole(this, "trail-role", {
      name: `${this.context.resourcePrefix}${ROLE_ACTIVITY_NAMES.trailRole}`,
      description: `CloudTrail delivery of trail ${this.baseName} to CloudWatch Logs`,
      assumeRolePolicy: renderPolicy(trailRoleTrustPolicy()),
    });
    const rolePolicy = new IamRolePolicy(this, "trail-role-policy", {
      name: "write-trail-events",
      role: trailRole.id,
      policy: renderPolicy(trailRolePolicy(logGroup.arn, awsAccountId)),
    });
    const trail = new Cloudtrail(this, "trail", {
      name: this.baseName,
      s3BucketName: trailBucket.bucket.bucket,
      eventSelector: [{ readWriteType: "All", includeManagementEvents: true }],
      includeGlobalServiceEvents: true,
      // A choice, see the class comment: the workspace's region only.
      isMultiRegionTrail: false,
      enableLogFileValidation: true,
      // CloudTrail wants the group ARN with the log-stream wildcard.
      cloudWatchLogsGroupArn: `${logGroup.arn}:*`,
      cloudWatchLogsRoleArn: trailRole.arn,
      // CreateTrail checks that it may write to the bucket and the log group.
      dependsOn: [trailBucket.policy, rolePolicy],
    });
    return { trail, logGroup, trailBucket, trailRole, trailRolePolicy: rolePolicy };
  }

  /** Counts the role's failed calls in the log group as a metric. */
  private createMetricFilter(roleName: string): CloudwatchLogMetricFilter {
    return new CloudwatchLogMetricFilter(this, "metric-filter", {
      name: `${this.context.resourcePrefix}-${roleName}-failed-api-calls`,
      logGroupName: this.logGroupName,
      pattern: this.filterPattern,
      metricTransformation: { namespace: this.metricNamespace, name: this.metricName, value: "1", unit: "Count" },
    });
  }

  /**
   * The alarm topic, encrypted with its own key. The AWS managed key alias/aws/sns cannot be used: its policy (which
   * nobody can edit) does not let CloudWatch alarms use it, so every notification would fail ("CloudWatch Alarms does
   * not have authorization to access the SNS topic encryption key"; AWS Knowledge Center,
   * "cloudwatch-configure-alarm-sns"). A customer-managed key lets CloudWatch encrypt for this topic only.
   */
  private createTopic(roleName: string): AlarmTopic {
    const { partition, region, awsAccountId } = this.context;
    const topicName = `${this.baseName}-alarms`;
    const topicKeyPolicyDocument = topicKeyPolicy(partition.name, awsAccountId, `arn:${partition.name}:sns:${region}:${awsAccountId}:${topicName}`);
    const topicKey = new KmsKey(this, "topic-key", {
      description: `SNS topic ${topicName}: alarms on failed API calls of ${roleName}`,
      enableKeyRotation: true,
      policy: renderPolicy(topicKeyPolicyDocument),
    });
    new KmsAlias(this, "topic-key-alias", { name: `alias/${topicName}`, targetKeyId: topicKey.keyId });
    const topic = new SnsTopic(this, "topic", { name: topicName, kmsMasterKeyId: topicKey.arn });
    return { topic, topicKey, topicKeyPolicyDocument };
  }

  /** The alarm on the metric, notifying the topic when it fires and when it is over. */
  private createAlarm(props: RoleActivityMonitoringProps): CloudwatchMetricAlarm {
    const threshold = props.threshold ?? ROLE_ACTIVITY_DEFAULTS.threshold;
    const period = props.periodSeconds ?? ROLE_ACTIVITY_DEFAULTS.periodSeconds;
    return new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: this.alarmNameOf(props.roleName),
      alarmDescription: `API calls by IAM role ${props.roleName} failed with an authorization error ` +
        `(${FAILED_CALL_ERROR_CODES.join(", ")}) at least ${threshold} time(s) in ${period} s. ` +
        `Find them in CloudWatch Logs Insights on the trail's log group with this metric filter's pattern.`,
      namespace: this.metricNamespace,
      metricName: this.metricName,
      statistic: "Sum",
      period,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      // The filter publishes only when a call fails: no data is the normal, healthy state.
      treatMissingData: "notBreaching",
      alarmActions: [this.topic.arn],
      // Tell the same people when it is over.
      okActions: [this.topic.arn],
    });
  }

  /** `<prefix>-<roleName>-failed-api-calls`: the alarm's name, also in the topic policy's aws:SourceArn. */
  private alarmNameOf(roleName: string): string {
    return `${this.context.resourcePrefix}-${roleName}-failed-api-calls`;
  }

  /** One email subscription per address. Ids from the address (not the position): removing one leaves the others alone. */
  private subscribe(emails: readonly string[]): SnsTopicSubscription[] {
    return emails.map((email) => new SnsTopicSubscription(this, `email-${email.toLowerCase()}`, {
      topicArn: this.topic.arn, protocol: "email", endpoint: email,
    }));
  }
}
