import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { partitionOf } from "../core/constants";
import { awsAccountIdProblems, regionProblems } from "../core/ids";
import { ROLE_NAME_MAX_LENGTH, ROLE_NAME_PATTERN } from "../core/iam-names";
import { accountRoot, policyDocument, PolicyDocument, PolicyStatement, renderPolicy } from "../core/policy";
import { logRetentionProblems } from "../core/log-retention";
import { Problem, throwIfProblems } from "../core/problems";
import { bucketNameProblems } from "../core/bucket-name";
import { createHardenedBucket, HardenedBucketResources } from "../core/hardened-bucket";

/** Where the CloudTrail events of the watched role are read from. */
export type RoleActivityTrail =
  | {
    /**
     * A new single-region trail of this account's management events, delivered to a new log group (and to a new
     * hardened bucket, the full record).
     */
    readonly createTrail: {
      /** Name of the trail's bucket: S3 general purpose naming rules, no dots (see `bucketNameProblems`). */
      readonly bucketName: string;
      /** How long the log group keeps the events (the bucket keeps them all). @default 90 */
      readonly retentionInDays?: number;
    };
  }
  | {
    /**
     * Name of a log group an existing trail (e.g. the organization trail) already delivers this account's
     * management events of the region to. May be a token.
     */
    readonly existingLogGroupName: string;
  };

/** Props of {@link RoleActivityMonitoring}. */
export interface RoleActivityMonitoringProps {
  /**
   * Prefix of the resource names (`<prefix>-role-activity` trail and topic, `<prefix>-cloudtrail-to-logs` role, …)
   * and of the metric namespace `Databricks/<prefix>`. Literal; letters and digits in runs joined by single `-` or
   * `_` (the strictest of the names it goes into: CloudTrail and SNS).
   */
  readonly namePrefix: string;
  /** Literal AWS region of the trail and the alarm; picks the partition of the ARNs. */
  readonly region: string;
  /** The AWS account id (12 digits; may be a token): the account whose role is watched and the trail's account. */
  readonly awsAccountId: string;
  /**
   * Name of the role to watch (e.g. `<prefix>-cross-account`, see `CrossAccountRole`); literal, it goes into the
   * metric filter pattern. The name only, without path: CloudTrail's `sessionIssuer.userName`.
   */
  readonly roleName: string;
  /**
   * Where the CloudTrail events are: `{ createTrail: { bucketName, retentionInDays? } }` creates a single-region
   * management-events trail delivering to a new log group (and the hardened bucket); `{ existingLogGroupName }`
   * uses a log group an existing (e.g. organization) trail already delivers to.
   */
  readonly trail: RoleActivityTrail;
  /** Email addresses to notify (SNS email subscriptions need confirming). @default - topic only */
  readonly alarmEmails?: readonly string[];
  /** Failed calls in `periodSeconds` that raise the alarm. @default 1 */
  readonly threshold?: number;
  /** The alarm's evaluation period, a multiple of 60 from 60 to 86400. @default 300 */
  readonly periodSeconds?: number;
}

export const ROLE_ACTIVITY_DEFAULTS = {
  threshold: 1,
  periodSeconds: 300,
  retentionInDays: 90,
} as const;

/** Suffixes of the derived names (`<prefix><suffix>`). */
export const ROLE_ACTIVITY_NAMES = {
  /** Trail, SNS topic (`…-alarms`), KMS alias (`alias/…-alarms`) and log group (`/aws/cloudtrail/…`). */
  base: "-role-activity",
  /** The role CloudTrail assumes to write to the log group. */
  trailRole: "-cloudtrail-to-logs",
} as const;

/** The metric's namespace prefix: `Databricks/<namePrefix>`. */
export const ROLE_ACTIVITY_NAMESPACE_PREFIX = "Databricks/";

/**
 * The `errorCode`s that count as a failed call worth paging on: authorization failures only.
 *
 * - `*UnauthorizedOperation`: EC2 (the cross-account role's main API) reports a missing permission, an SCP or
 *   permissions-boundary deny as `Client.UnauthorizedOperation` (also after a dry run that lacks permission).
 * - `AccessDenied*`: the same from IAM, STS and S3 (`AccessDenied`) and from KMS and most JSON APIs
 *   (`AccessDeniedException`), e.g. `iam:CreateServiceLinkedRole` for spot or the storage key for EBS volumes.
 *
 * Such a failure means the role's policy, an SCP, or a key policy no longer lets Databricks do what it needs (or
 * someone is using the role for something it is not for): a person has to act, so it pages.
 *
 * Deliberately not matched: `Client.*` as a whole and `Server.*`. They are mostly capacity, quota and
 * consistency noise Databricks handles itself (`Server.InsufficientInstanceCapacity`,
 * `Client.InstanceLimitExceeded`, `Client.RequestLimitExceeded`, `Client.InvalidInstanceID.NotFound` right
 * after a launch) — and `Client.DryRunOperation` is what a *successful* dry run returns, which Databricks' own
 * permission checks produce. Watch those on a dashboard or a separate, non-paging alarm if wanted.
 */
export const FAILED_CALL_ERROR_CODES: readonly string[] = ["*UnauthorizedOperation", "AccessDenied*"];

/**
 * The metric filter pattern: calls made in sessions of `roleName` of `awsAccountId` that failed with one of
 * {@link FAILED_CALL_ERROR_CODES}. The account condition keeps a same-named role of another account out when the
 * log group is fed by an organization trail. Pure; `roleName` must be a valid IAM role name (no quotes can occur).
 */
export function failedCallsPattern(roleName: string, awsAccountId: string): string {
  const issuer = "$.userIdentity.sessionContext.sessionIssuer";
  const errors = FAILED_CALL_ERROR_CODES.map((code) => `($.errorCode = "${code}")`).join(" || ");
  return `{ (${issuer}.userName = "${roleName}") && (${issuer}.accountId = "${awsAccountId}") && (${errors}) }`;
}

/**
 * CloudTrail's own bucket policy statements for a trail (CloudTrail User Guide, "Amazon S3 bucket policy for
 * CloudTrail"), held to the one trail by `aws:SourceArn` (confused-deputy prevention). Pure.
 */
export function trailBucketGrants(bucketArn: string, trailArn: string, awsAccountId: string): PolicyStatement[] {
  return [
    {
      Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["s3:GetBucketAcl"], Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceArn": trailArn } },
    },
    {
      Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["s3:PutObject"], Resource: `${bucketArn}/AWSLogs/${awsAccountId}/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
    },
  ];
}

/**
 * Failed API calls of one IAM role — by default the Databricks cross-account role — made visible and alerted on:
 * a CloudWatch Logs metric filter over the account's CloudTrail events ({@link failedCallsPattern}), a metric
 * `Databricks/<prefix>` / `FailedApiCalls-<roleName>`, an alarm at `threshold` failures per `periodSeconds`, and
 * an encrypted SNS topic with optional email subscriptions.
 *
 * The events come from a trail this construct creates (`createTrail`) or from a log group an existing trail
 * already feeds (`existingLogGroupName`; the organization trail in most landing zones). Only one trail per
 * `namePrefix`: to watch a second role, point a second instance at {@link logGroupName} of the first.
 *
 * Creating a trail: single-region on purpose (`is_multi_region_trail = false`): the role acts in the workspace's
 * region, and one region's management events keep CloudWatch Logs ingestion small. Its consequences: calls the
 * role makes in other regions are not seen, and IAM's global events reach a single-region trail only in
 * us-east-1, so `iam:*` failures (e.g. `iam:CreateServiceLinkedRole`) are seen only for workspaces there. Use an
 * existing multi-region or organization trail's log group to see everything.
 *
 * Construct ids below are part of the Terraform state contract: renaming one replaces the resource.
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

  constructor(scope: Construct, id: string, props: RoleActivityMonitoringProps) {
    super(scope, id);
    throwIfProblems(`RoleActivityMonitoring ${this.node.path}`, roleActivityProblems(props));
    const partition = partitionOf(props.region).name;
    const account = props.awsAccountId;
    const baseName = `${props.namePrefix}${ROLE_ACTIVITY_NAMES.base}`;

    // ---------- where the events are ----------
    let logGroupName: string;
    if ("createTrail" in props.trail) {
      const create = props.trail.createTrail;
      // Built literally (not from the trail's attributes): the bucket policy must exist before the trail does.
      const trailArn = `arn:${partition}:cloudtrail:${props.region}:${account}:trail/${baseName}`;
      this.trailBucket = createHardenedBucket(new Construct(this, "trail-bucket"), {
        bucketName: create.bucketName,
        region: props.region,
        grants: (bucketArn) => trailBucketGrants(bucketArn, trailArn, account),
      });
      this.logGroup = new CloudwatchLogGroup(this, "log-group", {
        name: `/aws/cloudtrail/${baseName}`,
        retentionInDays: create.retentionInDays ?? ROLE_ACTIVITY_DEFAULTS.retentionInDays,
      });
      // No aws:SourceArn / aws:SourceAccount condition here: CloudTrail does not support them for its CloudWatch
      // Logs role (CloudTrail User Guide, "Role policy document for CloudTrail to use CloudWatch Logs for
      // monitoring": confused deputy prevention is not applicable), and a condition it does not send would stop
      // the delivery. Another trail can use this role only if its creator may iam:PassRole it, which cannot
      // happen across accounts.
      this.trailRole = new IamRole(this, "trail-role", {
        name: `${props.namePrefix}${ROLE_ACTIVITY_NAMES.trailRole}`,
        description: `CloudTrail delivery of trail ${baseName} to CloudWatch Logs`,
        assumeRolePolicy: renderPolicy(policyDocument({
          Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: ["sts:AssumeRole"],
        })),
      });
      // The trail's streams only: CloudTrail names them <account>_CloudTrail_<region> (any region, should the
      // trail ever become multi-region).
      this.trailRolePolicy = new IamRolePolicy(this, "trail-role-policy", {
        name: "write-trail-events",
        role: this.trailRole.id,
        policy: renderPolicy(policyDocument({
          Sid: "WriteTrailEventsToTheLogGroup", Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: `${this.logGroup.arn}:log-stream:${account}_CloudTrail_*`,
        })),
      });
      this.trail = new Cloudtrail(this, "trail", {
        name: baseName,
        s3BucketName: this.trailBucket.bucket.bucket,
        eventSelector: [{ readWriteType: "All", includeManagementEvents: true }],
        includeGlobalServiceEvents: true,
        // A choice, see the class comment: the workspace's region only.
        isMultiRegionTrail: false,
        enableLogFileValidation: true,
        // CloudTrail wants the group ARN with the log-stream wildcard.
        cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
        cloudWatchLogsRoleArn: this.trailRole.arn,
        // CreateTrail checks that it may write to the bucket and the log group.
        dependsOn: [this.trailBucket.policy, this.trailRolePolicy],
      });
      logGroupName = this.logGroup.name;
    } else {
      logGroupName = props.trail.existingLogGroupName;
    }
    this.logGroupName = logGroupName;

    // ---------- metric and alarm ----------
    this.filterPattern = failedCallsPattern(props.roleName, account);
    this.metricNamespace = `${ROLE_ACTIVITY_NAMESPACE_PREFIX}${props.namePrefix}`;
    this.metricName = `FailedApiCalls-${props.roleName}`;
    this.metricFilter = new CloudwatchLogMetricFilter(this, "metric-filter", {
      name: `${props.namePrefix}-${props.roleName}-failed-api-calls`,
      logGroupName,
      pattern: this.filterPattern,
      metricTransformation: { namespace: this.metricNamespace, name: this.metricName, value: "1", unit: "Count" },
    });

    // The AWS managed key alias/aws/sns cannot be used: its policy (which nobody can edit) does not let CloudWatch
    // alarms use it, so every notification would fail ("CloudWatch Alarms does not have authorization to access
    // the SNS topic encryption key"; AWS Knowledge Center, "cloudwatch-configure-alarm-sns"). A customer-managed
    // key lets CloudWatch encrypt for this topic only (the SNS encryption context names the topic).
    const topicName = `${baseName}-alarms`;
    const topicArn = `arn:${partition}:sns:${props.region}:${account}:${topicName}`;
    this.topicKeyPolicyDocument = policyDocument(
      {
        Sid: "EnableKeyAdministration", Effect: "Allow", Principal: { AWS: accountRoot(partition, account) },
        Action: ["kms:*"], Resource: "*",
      },
      {
        Sid: "AllowCloudWatchAlarmsToPublish", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*",
        Condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": topicArn } },
      },
    );
    this.topicKey = new KmsKey(this, "topic-key", {
      description: `SNS topic ${topicName}: alarms on failed API calls of ${props.roleName}`,
      enableKeyRotation: true,
      policy: renderPolicy(this.topicKeyPolicyDocument),
    });
    new KmsAlias(this, "topic-key-alias", { name: `alias/${topicName}`, targetKeyId: this.topicKey.keyId });
    this.topic = new SnsTopic(this, "topic", { name: topicName, kmsMasterKeyId: this.topicKey.arn });
    this.topicArn = this.topic.arn;

    const threshold = props.threshold ?? ROLE_ACTIVITY_DEFAULTS.threshold;
    const period = props.periodSeconds ?? ROLE_ACTIVITY_DEFAULTS.periodSeconds;
    this.alarm = new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: `${props.namePrefix}-${props.roleName}-failed-api-calls`,
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
    this.alarmName = this.alarm.alarmName;

    // Ids from the address (not the position): removing one address leaves the others' subscriptions alone.
    this.emailSubscriptions = (props.alarmEmails ?? []).map((email) => new SnsTopicSubscription(this, `email-${email.toLowerCase()}`, {
      topicArn: this.topic.arn, protocol: "email", endpoint: email,
    }));
  }
}

/** Runs of letters and digits joined by single `-` or `_`: valid in CloudTrail trail names (no adjacent or
 * trailing separators, no dots next to them), SNS topic names (no dots at all), IAM role and KMS alias names. */
const NAME_PREFIX = /^[A-Za-z0-9]+([-_][A-Za-z0-9]+)*$/;
/** CloudWatch Logs log group names (CreateLogGroup `logGroupName`). */
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const LOG_GROUP_NAME_MAX_LENGTH = 512;
/** Something@something.tld, no spaces: enough to catch typos; SNS and the confirmation email do the rest. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** CloudWatch alarm periods of standard-resolution metrics (what metric filters publish), with 1 evaluation period. */
const PERIOD = { min: 60, max: 86400, step: 60 } as const;

/** Every problem with the props of a {@link RoleActivityMonitoring}; format checks skip Terraform tokens where allowed. */
export function roleActivityProblems(props: RoleActivityMonitoringProps): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const literal = (value: unknown) => !Token.isUnresolved(value);

  // namePrefix: goes into the trail, topic, role and alias names and the metric namespace.
  const longestIamName = ROLE_ACTIVITY_NAMES.trailRole;
  const maxPrefix = ROLE_NAME_MAX_LENGTH - longestIamName.length;
  if (!literal(props.namePrefix)) {
    add("namePrefix", props.namePrefix, "must be a literal string, not a token: it goes into resource names and the metric namespace");
  } else if (props.namePrefix.length === 0) {
    add("namePrefix", props.namePrefix, "must not be empty");
  } else {
    if (!NAME_PREFIX.test(props.namePrefix)) {
      add("namePrefix", props.namePrefix,
        "may contain only letters and digits, in runs joined by single - or _ (CloudTrail trail names forbid adjacent " +
        "or trailing separators, SNS topic names forbid dots)");
    }
    if (props.namePrefix.length > maxPrefix) {
      add("namePrefix", props.namePrefix,
        `makes the role name <prefix>${longestIamName} ${props.namePrefix.length + longestIamName.length} characters long; ` +
        `IAM allows ${ROLE_NAME_MAX_LENGTH}, so the prefix may have at most ${maxPrefix}`);
    }
  }

  problems.push(...regionProblems(props.region, "the partition of the ARNs"));
  problems.push(...awsAccountIdProblems(props.awsAccountId));

  // roleName: it is written into the filter pattern between double quotes; IAM names cannot hold a quote.
  if (!literal(props.roleName)) {
    add("roleName", props.roleName, "must be a literal role name, not a token: it is written into the metric filter pattern and the alarm name");
  } else if (props.roleName.length === 0 || props.roleName.length > ROLE_NAME_MAX_LENGTH) {
    add("roleName", props.roleName, `must be 1 to ${ROLE_NAME_MAX_LENGTH} characters long (IAM role names); it has ${props.roleName.length}`);
  } else if (!ROLE_NAME_PATTERN.test(props.roleName)) {
    add("roleName", props.roleName,
      "is not an IAM role name: letters, digits and _ + = , . @ - only (give the name, not the ARN, and no path)");
  }

  problems.push(...trailProblems(props.trail));
  problems.push(...emailProblems(props.alarmEmails));

  if (props.threshold !== undefined && literal(props.threshold) && !(Number.isInteger(props.threshold) && props.threshold >= 1)) {
    add("threshold", props.threshold, "must be a positive whole number of failed calls");
  }
  const period = props.periodSeconds;
  if (period !== undefined && literal(period)
    && !(Number.isInteger(period) && period >= PERIOD.min && period <= PERIOD.max && period % PERIOD.step === 0)) {
    add("periodSeconds", period,
      `must be a multiple of ${PERIOD.step} from ${PERIOD.min} to ${PERIOD.max} seconds (CloudWatch periods of standard-resolution metrics, one day at most)`);
  }
  return problems;
}

function trailProblems(trail: RoleActivityTrail | undefined): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const given = (trail ?? {}) as { createTrail?: { bucketName: string; retentionInDays?: number }; existingLogGroupName?: string };
  const create = given.createTrail;
  const existing = given.existingLogGroupName;
  if ((create === undefined) === (existing === undefined)) {
    add("trail", trail,
      "must set exactly one of createTrail (a new trail, log group and bucket) and existingLogGroupName (a log group an existing trail delivers to)");
    return problems;
  }
  if (create !== undefined) {
    if (!Token.isUnresolved(create.bucketName)) problems.push(...bucketNameProblems(create.bucketName, "trail.createTrail.bucketName"));
    problems.push(...logRetentionProblems("trail.createTrail.retentionInDays", create.retentionInDays));
  } else if (existing !== undefined && !Token.isUnresolved(existing)) {
    const path = "trail.existingLogGroupName";
    if (existing.startsWith("arn:")) {
      add(path, existing, "must be a log group name, not an ARN (e.g. aws-controltower/CloudTrailLogs)");
    } else if (existing.length === 0 || existing.length > LOG_GROUP_NAME_MAX_LENGTH) {
      add(path, existing, `must be 1 to ${LOG_GROUP_NAME_MAX_LENGTH} characters long (CloudWatch Logs log group names); it has ${existing.length}`);
    } else if (!LOG_GROUP_NAME.test(existing)) {
      add(path, existing, "is not a CloudWatch Logs log group name: letters, digits and . - _ / # only");
    }
  }
  return problems;
}

function emailProblems(emails: readonly string[] | undefined): Problem[] {
  if (emails === undefined) return [];
  if (Token.isUnresolved(emails)) {
    return [{ path: "alarmEmails", value: "<list token>", message: "must be a literal list: each address becomes its own subscription" }];
  }
  const problems: Problem[] = [];
  const seen = emails.map((e) => (typeof e === "string" ? e.toLowerCase() : e));
  emails.forEach((email, i) => {
    const add = (message: string) => problems.push({ path: `alarmEmails[${i}]`, value: email, message });
    if (Token.isUnresolved(email)) add("must be a literal address, not a token: its subscription is named after it");
    else if (!EMAIL.test(email)) add("is not an email address (name@domain.tld)");
    else if (seen.indexOf(email.toLowerCase()) !== i) add("is listed twice (addresses are compared ignoring case)");
  });
  return problems;
}
