import { accountRoot, policyDocument, PolicyDocument, PolicyStatement } from "../core/policy";
import { FAILED_CALL_ERROR_CODES } from "./props";

// What RoleActivityMonitoring writes, as pure data: the metric filter pattern and its policy documents.

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
 * Trust policy of the role CloudTrail assumes to write to the log group. No aws:SourceArn / aws:SourceAccount
 * condition: CloudTrail does not support them for its CloudWatch Logs role (CloudTrail User Guide, "Role policy
 * document for CloudTrail to use CloudWatch Logs for monitoring": "Confused deputy prevention is not applicable to the
 * role policy for CloudWatch Logs monitoring. The role policy doesn't support the use of aws:SourceArn and
 * aws:SourceAccount", https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html),
 * and a condition it does not send would stop the delivery. Another trail can use this role only if its creator
 * may iam:PassRole it, which cannot happen across accounts.
 */
export function trailRoleTrustPolicy(): PolicyDocument {
  return policyDocument({
    Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: ["sts:AssumeRole"],
  });
}

/**
 * The CloudWatch Logs role's inline policy: the trail's streams only. CloudTrail names them
 * `<account>_CloudTrail_<region>` (any region, should the trail ever become multi-region).
 */
export function trailRolePolicy(logGroupArn: string, awsAccountId: string): PolicyDocument {
  return policyDocument({
    Sid: "WriteTrailEventsToTheLogGroup", Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: `${logGroupArn}:log-stream:${awsAccountId}_CloudTrail_*`,
  });
}

/**
 * Policy of the alarm topic: CloudWatch may publish for this account's alarm only (`aws:SourceArn` = the alarm,
 * `aws:SourceAccount`: confused-deputy prevention, AWS Knowledge Center "cloudwatch-receive-sns-for-alarm-trigger").
 * It replaces SNS's default policy, which lets every principal of the account publish and subscribe; this account's
 * users and roles still can, through their own IAM policies. Pure.
 */
export function alarmTopicPolicy(topicArn: string, alarmArn: string, awsAccountId: string): PolicyDocument {
  return policyDocument({
    Sid: "AllowTheAlarmToPublish", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" },
    Action: ["sns:Publish"], Resource: topicArn,
    Condition: { StringEquals: { "aws:SourceAccount": awsAccountId }, ArnLike: { "aws:SourceArn": alarmArn } },
  });
}

/**
 * Policy of the alarm topic's key: the account administers it; CloudWatch alarms may encrypt for this topic only
 * (the SNS encryption context names the topic). No aws:SourceArn here: AWS's key policy for alarms on encrypted
 * topics has none (Knowledge Center "cloudwatch-configure-alarm-sns"); the topic's policy pins the alarm instead.
 */
export function topicKeyPolicy(partition: string, awsAccountId: string, topicArn: string): PolicyDocument {
  return policyDocument(
    {
      Sid: "EnableKeyAdministration", Effect: "Allow", Principal: { AWS: accountRoot(partition, awsAccountId) },
      Action: ["kms:*"], Resource: "*",
    },
    {
      Sid: "AllowCloudWatchAlarmsToPublish", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*",
      Condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": topicArn } },
    },
  );
}
