import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContextProps } from "../../modules/core/context";
import { crossAccountRoleName } from "../../modules/core/iam-names";
import {
  FAILED_CALL_ERROR_CODES, failedCallsPattern, ROLE_ACTIVITY_DEFAULTS, RoleActivityMonitoring, RoleActivityMonitoringProps, roleActivityProblems,
} from "../../modules/monitoring";
import { LOG_RETENTION_DAYS } from "../../modules/core/log-retention";
import { ValidationError } from "../../modules/core/problems";
import { Json, refTo, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

const ACCOUNT = TEST_CONTEXT.awsAccountId;
const ROLE = crossAccountRoleName(TEST_CONTEXT.resourcePrefix);
const CREATE: RoleActivityMonitoringProps = {
  roleName: ROLE,
  trail: { createTrail: { bucketName: "dbx-test-trail" } },
};
const EXISTING: RoleActivityMonitoringProps = { ...CREATE, trail: { existingLogGroupName: "aws-controltower/CloudTrailLogs" } };

/** The monitoring in `scope`, under a context with TEST_CONTEXT's values unless overridden. */
function addMonitoring(scope: Construct, props: RoleActivityMonitoringProps, context: Partial<DeploymentContextProps> = {}): RoleActivityMonitoring {
  withContext(scope, context);
  return new RoleActivityMonitoring(scope, "role-activity", props);
}

function synthMonitoring(props: Partial<RoleActivityMonitoringProps> = {}, base: RoleActivityMonitoringProps = CREATE, context: Partial<DeploymentContextProps> = {}): Json {
  return synthJson((scope) => addMonitoring(scope, { ...base, ...props }, context));
}

const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/dbx-test-role-activity`;
const PATTERN =
  '{ ($.userIdentity.sessionContext.sessionIssuer.userName = "dbx-test-cross-account") && ' +
  '($.userIdentity.sessionContext.sessionIssuer.accountId = "123456789012") && ' +
  '(($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) }';
/** `type.logical_id` of the one block of `type` whose id contains `fragment`, as Terraform's depends_on lists it. */
const address = (json: Json, type: string, fragment: string) => {
  const ids = Object.keys(json.resource?.[type] ?? {}).filter((id) => id.includes(fragment));
  expect(ids).toHaveLength(1);
  return `${type}.${ids[0]}`;
};

describe("RoleActivityMonitoring: metric filter", () => {
  test("the pattern, exactly: this role's sessions in this account, authorization failures only", () => {
    expect(FAILED_CALL_ERROR_CODES).toEqual(["*UnauthorizedOperation", "AccessDenied*"]);
    expect(failedCallsPattern(ROLE, ACCOUNT)).toBe(PATTERN);
    // Capacity, quota and dry-run results are not failures worth paging on.
    for (const noisy of ["Client.*", "Server.", "DryRun"]) expect(PATTERN).not.toContain(noisy);
  });

  test("on the new log group, publishing 1 per matching event to Databricks/<prefix>", () => {
    const json = synthMonitoring();
    expect(resources(json, "aws_cloudwatch_log_metric_filter")).toEqual([{
      name: "dbx-test-dbx-test-cross-account-failed-api-calls",
      log_group_name: refTo(json, "aws_cloudwatch_log_group", "log-group", "name"),
      pattern: PATTERN,
      metric_transformation: { namespace: "Databricks/dbx-test", name: "FailedApiCalls-dbx-test-cross-account", value: "1", unit: "Count" },
    }]);
  });

  test("the role name given is the one matched", () => {
    const json = synthMonitoring({ roleName: "other-role" });
    expect(resource(json, "aws_cloudwatch_log_metric_filter", "metric-filter").pattern)
      .toContain('$.userIdentity.sessionContext.sessionIssuer.userName = "other-role"');
  });
});

describe("RoleActivityMonitoring: alarm and topic", () => {
  const json = synthMonitoring();
  const topic = refTo(json, "aws_sns_topic", "topic", "arn");

  test("alarm: Sum of the filter's metric ≥ 1 in 300 s, missing data not breaching, notifies the topic", () => {
    expect(resources(json, "aws_cloudwatch_metric_alarm")).toEqual([expect.objectContaining({
      alarm_name: "dbx-test-dbx-test-cross-account-failed-api-calls",
      namespace: "Databricks/dbx-test",
      metric_name: "FailedApiCalls-dbx-test-cross-account",
      statistic: "Sum",
      period: 300,
      evaluation_periods: 1,
      datapoints_to_alarm: 1,
      threshold: 1,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      treat_missing_data: "notBreaching",
      alarm_actions: [topic],
      ok_actions: [topic],
    })]);
    // The alarm reads exactly the metric the filter writes.
    const filter = resource(json, "aws_cloudwatch_log_metric_filter", "metric-filter").metric_transformation;
    const alarm = resource(json, "aws_cloudwatch_metric_alarm", "alarm");
    expect([alarm.namespace, alarm.metric_name]).toEqual([filter.namespace, filter.name]);
  });

  test("threshold and periodSeconds are used as given", () => {
    const alarm = resource(synthMonitoring({ threshold: 5, periodSeconds: 900 }), "aws_cloudwatch_metric_alarm", "alarm");
    expect([alarm.threshold, alarm.period]).toEqual([5, 900]);
    expect([ROLE_ACTIVITY_DEFAULTS.threshold, ROLE_ACTIVITY_DEFAULTS.periodSeconds]).toEqual([1, 300]);
  });

  test("the topic is encrypted with its own customer-managed key that CloudWatch may use for this topic only", () => {
    expect(resources(json, "aws_sns_topic")).toEqual([{ name: "dbx-test-role-activity-alarms", kms_master_key_id: refTo(json, "aws_kms_key", "topic-key", "arn") }]);
    const key = resource(json, "aws_kms_key", "topic-key");
    expect(key.enable_key_rotation).toBe(true);
    expect(JSON.parse(key.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "EnableKeyAdministration", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ["kms:*"], Resource: "*" },
        {
          Sid: "AllowCloudWatchAlarmsToPublish", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*",
          Condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": `arn:aws:sns:us-east-1:${ACCOUNT}:dbx-test-role-activity-alarms` } },
        },
      ],
    });
    expect(resource(json, "aws_kms_alias", "topic-key-alias")).toEqual({
      name: "alias/dbx-test-role-activity-alarms", target_key_id: refTo(json, "aws_kms_key", "topic-key", "key_id"),
    });
  });

  test("the topic's policy lets CloudWatch publish for this account's alarm only (confused-deputy keys)", () => {
    expect(resource(json, "aws_sns_topic_policy", "topic-policy")).toEqual({
      arn: topic,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
          Sid: "AllowTheAlarmToPublish", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["sns:Publish"], Resource: topic,
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:dbx-test-${ROLE}-failed-api-calls` },
          },
        }],
      }),
    });
    expect(resource(json, "aws_cloudwatch_metric_alarm", "alarm").alarm_name).toBe(`dbx-test-${ROLE}-failed-api-calls`);
  });

  test("never the AWS managed key alias/aws/sns (CloudWatch alarms cannot publish to topics under it)", () => {
    expect(JSON.stringify(json)).not.toContain("alias/aws/sns");
  });

  test("outputs reference the topic, the alarm and the log group", () => {
    const out = synthJson((scope) => {
      const m = addMonitoring(scope, CREATE);
      new TerraformOutput(scope, "topic", { value: m.topicArn, staticId: true });
      new TerraformOutput(scope, "alarm", { value: m.alarmName, staticId: true });
      new TerraformOutput(scope, "group", { value: m.logGroupName, staticId: true });
    });
    expect(out.output.topic.value).toBe(refTo(out, "aws_sns_topic", "topic", "arn"));
    expect(out.output.alarm.value).toBe(refTo(out, "aws_cloudwatch_metric_alarm", "alarm", "alarm_name"));
    expect(out.output.group.value).toBe(refTo(out, "aws_cloudwatch_log_group", "log-group", "name"));
  });
});

describe("RoleActivityMonitoring: email subscriptions", () => {
  test("none by default: the topic only", () => {
    expect(resources(synthMonitoring(), "aws_sns_topic_subscription")).toEqual([]);
  });

  test("one email subscription per address, on the topic", () => {
    const json = synthMonitoring({ alarmEmails: ["ops@example.com", "security@example.org"] });
    const topic = refTo(json, "aws_sns_topic", "topic", "arn");
    expect(resources(json, "aws_sns_topic_subscription")).toEqual([
      { topic_arn: topic, protocol: "email", endpoint: "ops@example.com" },
      { topic_arn: topic, protocol: "email", endpoint: "security@example.org" },
    ]);
  });

  test("ids follow the address: removing the first leaves the second's subscription in place", () => {
    const ids = (emails: string[]) => Object.keys(synthMonitoring({ alarmEmails: emails }).resource.aws_sns_topic_subscription);
    const both = ids(["ops@example.com", "security@example.org"]);
    expect(ids(["security@example.org"])).toEqual([both[1]]);
  });
});

describe("RoleActivityMonitoring: createTrail", () => {
  const json = synthMonitoring();

  test("a single-region management-events trail with log file validation, to the bucket and the log group", () => {
    expect(resources(json, "aws_cloudtrail")).toEqual([{
      name: "dbx-test-role-activity",
      s3_bucket_name: refTo(json, "aws_s3_bucket", "trail-bucket", "bucket"),
      event_selector: [{ read_write_type: "All", include_management_events: true }],
      include_global_service_events: true,
      is_multi_region_trail: false,
      enable_log_file_validation: true,
      cloud_watch_logs_group_arn: `${refTo(json, "aws_cloudwatch_log_group", "log-group", "arn")}:*`,
      cloud_watch_logs_role_arn: refTo(json, "aws_iam_role", "trail-role", "arn"),
      depends_on: [address(json, "aws_s3_bucket_policy", "trail-bucket"), address(json, "aws_iam_role_policy", "trail-role-policy")],
    }]);
  });

  test("the bucket policy: CloudTrail's ACL check and write, held to this trail, then the TLS-only deny", () => {
    expect(JSON.parse(resource(json, "aws_s3_bucket_policy", "trail-bucket").policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: ["s3:GetBucketAcl"], Resource: "arn:aws:s3:::dbx-test-trail",
          Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
        },
        {
          Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: ["s3:PutObject"], Resource: `arn:aws:s3:::dbx-test-trail/AWSLogs/${ACCOUNT}/*`,
          Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
        },
        {
          Sid: "AllowSSLRequestsOnly", Effect: "Deny", Principal: "*", Action: ["s3:*"],
          Resource: ["arn:aws:s3:::dbx-test-trail", "arn:aws:s3:::dbx-test-trail/*"],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
  });

  test("the bucket gets the project's hardening", () => {
    expect(resources(json, "aws_s3_bucket")).toEqual([{ bucket: "dbx-test-trail", force_destroy: false }]);
    expect(resource(json, "aws_s3_bucket_public_access_block", "trail-bucket")).toMatchObject({
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    expect(resource(json, "aws_s3_bucket_ownership_controls", "trail-bucket").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    expect(resource(json, "aws_s3_bucket_versioning", "trail-bucket").versioning_configuration).toEqual({ status: "Enabled" });
  });

  test("the log group keeps 90 days by default, retentionInDays when given", () => {
    expect(resources(json, "aws_cloudwatch_log_group")).toEqual([{ name: "/aws/cloudtrail/dbx-test-role-activity", retention_in_days: 90 }]);
    const kept = synthMonitoring({ trail: { createTrail: { bucketName: "dbx-test-trail", retentionInDays: 365 } } });
    expect(resource(kept, "aws_cloudwatch_log_group", "log-group").retention_in_days).toBe(365);
  });

  test("the delivery role: trusted by CloudTrail, may only create streams in and write to the trail's log group", () => {
    const role = resource(json, "aws_iam_role", "trail-role");
    expect(role.name).toBe("dbx-test-cloudtrail-to-logs");
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: ["sts:AssumeRole"] }],
    });
    const policy = resource(json, "aws_iam_role_policy", "trail-role-policy");
    expect(policy.role).toBe(refTo(json, "aws_iam_role", "trail-role"));
    expect(JSON.parse(policy.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{
        Sid: "WriteTrailEventsToTheLogGroup", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${refTo(json, "aws_cloudwatch_log_group", "log-group", "arn")}:log-stream:${ACCOUNT}_CloudTrail_*`,
      }],
    });
  });

  test("GovCloud: ARNs in the aws-us-gov partition", () => {
    const gov = synthMonitoring({}, CREATE, { region: "us-gov-west-1" });
    const trailArn = `arn:aws-us-gov:cloudtrail:us-gov-west-1:${ACCOUNT}:trail/dbx-test-role-activity`;
    const statements = JSON.parse(resource(gov, "aws_s3_bucket_policy", "trail-bucket").policy).Statement;
    expect(statements[0]).toMatchObject({ Resource: "arn:aws-us-gov:s3:::dbx-test-trail", Condition: { StringEquals: { "aws:SourceArn": trailArn } } });
    const key = JSON.parse(resource(gov, "aws_kms_key", "topic-key").policy);
    expect(key.Statement[0].Principal).toEqual({ AWS: `arn:aws-us-gov:iam::${ACCOUNT}:root` });
    expect(key.Statement[1].Condition.StringEquals["kms:EncryptionContext:aws:sns:topicArn"])
      .toBe(`arn:aws-us-gov:sns:us-gov-west-1:${ACCOUNT}:dbx-test-role-activity-alarms`);
    expect(JSON.parse(resource(gov, "aws_sns_topic_policy", "topic-policy").policy).Statement[0].Condition.ArnLike)
      .toEqual({ "aws:SourceArn": `arn:aws-us-gov:cloudwatch:us-gov-west-1:${ACCOUNT}:alarm:dbx-test-${ROLE}-failed-api-calls` });
  });
});

describe("RoleActivityMonitoring: existingLogGroupName", () => {
  const json = synthMonitoring({}, EXISTING);

  test("no trail, bucket, log group or delivery role", () => {
    for (const type of ["aws_cloudtrail", "aws_s3_bucket", "aws_s3_bucket_policy", "aws_cloudwatch_log_group", "aws_iam_role", "aws_iam_role_policy"]) {
      expect(resources(json, type)).toEqual([]);
    }
  });

  test("the filter reads the given group; the alarm and topic are the same as with a new trail", () => {
    expect(resource(json, "aws_cloudwatch_log_metric_filter", "metric-filter")).toMatchObject({ log_group_name: "aws-controltower/CloudTrailLogs", pattern: PATTERN });
    expect(resources(json, "aws_cloudwatch_metric_alarm")).toEqual(resources(synthMonitoring(), "aws_cloudwatch_metric_alarm"));
    expect(resources(json, "aws_sns_topic")).toHaveLength(1);
    expect(resources(json, "aws_sns_topic_policy")).toEqual(resources(synthMonitoring(), "aws_sns_topic_policy"));
  });

  test("logGroupName is the given name", () => {
    const out = synthJson((scope) => {
      const m = addMonitoring(scope, EXISTING);
      new TerraformOutput(scope, "group", { value: m.logGroupName, staticId: true });
    });
    expect(out.output.group.value).toBe("aws-controltower/CloudTrailLogs");
  });
});

describe("RoleActivityMonitoring: plannable offline", () => {
  test.each([["createTrail", CREATE], ["existingLogGroupName", EXISTING]])("%s: no data sources in the synthesized JSON", (_, props) => {
    const json = synthMonitoring({ alarmEmails: ["ops@example.com"] }, props);
    expect(json.data).toBeUndefined();
    expect(JSON.stringify(json)).not.toContain("${data.");
  });
});

describe("RoleActivityMonitoring: validation names the prop, the value and what is allowed", () => {
  const build = (props: Partial<RoleActivityMonitoringProps>, base = CREATE) => () => synthMonitoring(props, base);

  test("valid props have no problems", () => {
    expect(roleActivityProblems(CREATE)).toEqual([]);
    expect(roleActivityProblems({ ...EXISTING, alarmEmails: ["a@b.io"], threshold: 2, periodSeconds: 86400 })).toEqual([]);
  });

  test.each([
    [{ roleName: "arn:aws:iam::123456789012:role/x" }, 'roleName = "arn:aws:iam::123456789012:role/x": is not an IAM role name: letters, digits and _ + = , . @ - only (give the name, not the ARN, and no path)'],
    [{ trail: { createTrail: { bucketName: "Dbx_Trail" } } },
      'trail.createTrail.bucketName = "Dbx_Trail": may contain only lowercase letters, digits, dots and hyphens (S3 bucket naming rule); found "D", "_"'],
    [{ trail: { createTrail: { bucketName: "dbx-test-trail", retentionInDays: 45 } } },
      `trail.createTrail.retentionInDays = 45: must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`],
    [{ trail: { existingLogGroupName: "arn:aws:logs:us-east-1:123456789012:log-group:x" } },
      'trail.existingLogGroupName = "arn:aws:logs:us-east-1:123456789012:log-group:x": must be a log group name, not an ARN (e.g. aws-controltower/CloudTrailLogs)'],
    [{ trail: { existingLogGroupName: "my group" } }, 'trail.existingLogGroupName = "my group": is not a CloudWatch Logs log group name: letters, digits and . - _ / # only'],
    [{ trail: { createTrail: { bucketName: "dbx-test-trail" }, existingLogGroupName: "x" } as RoleActivityMonitoringProps["trail"] },
      'trail = {"createTrail":{"bucketName":"dbx-test-trail"},"existingLogGroupName":"x"}: must set exactly one of createTrail (a new trail, log group and bucket) and existingLogGroupName (a log group an existing trail delivers to)'],
    [{ alarmEmails: ["ops@example"] }, 'alarmEmails[0] = "ops@example": is not an email address (name@domain.tld)'],
    [{ alarmEmails: ["ops@example.com", "OPS@example.com"] }, 'alarmEmails[1] = "OPS@example.com": is listed twice (addresses are compared ignoring case)'],
    [{ threshold: 0 }, "threshold = 0: must be a positive whole number of failed calls"],
    [{ threshold: 1.5 }, "threshold = 1.5: must be a positive whole number of failed calls"],
    [{ periodSeconds: 90 }, "periodSeconds = 90: must be a multiple of 60 from 60 to 86400 seconds (CloudWatch periods of standard-resolution metrics, one day at most)"],
    [{ periodSeconds: 86460 }, "periodSeconds = 86460: must be a multiple of 60 from 60 to 86400 seconds (CloudWatch periods of standard-resolution metrics, one day at most)"],
  ] as Array<[Partial<RoleActivityMonitoringProps>, string]>)("%j", (props, message) => {
    expect(build(props)).toThrow(ValidationError);
    expect(build(props)).toThrow(message);
  });

  test("all problems at once, under the construct's path", () => {
    expect(build({ roleName: "", alarmEmails: ["ops"], threshold: -1 })).toThrow(
      "RoleActivityMonitoring stack/role-activity: invalid props:\n" +
        '  - roleName = "": must be 1 to 64 characters long (IAM role names); it has 0\n' +
        '  - alarmEmails[0] = "ops": is not an email address (name@domain.tld)\n' +
        "  - threshold = -1: must be a positive whole number of failed calls",
    );
  });

  test("the pure function reports the same problems without building anything", () => {
    expect(roleActivityProblems({ ...EXISTING, alarmEmails: ["nope"], periodSeconds: 30 }).map((p) => p.path)).toEqual(["alarmEmails[0]", "periodSeconds"]);
  });
});

describe("RoleActivityMonitoring: deployment context", () => {
  test("names, namespace, ARNs and the account condition come from the context", () => {
    const json = synthMonitoring({ roleName: "acme-prod-cross-account" }, CREATE, { resourcePrefix: "acme-prod", awsAccountId: "210987654321", region: "eu-west-1" });
    expect(resource(json, "aws_cloudtrail", "trail").name).toBe("acme-prod-role-activity");
    expect(resource(json, "aws_iam_role", "trail-role").name).toBe("acme-prod-cloudtrail-to-logs");
    expect(resource(json, "aws_cloudwatch_log_group", "log-group").name).toBe("/aws/cloudtrail/acme-prod-role-activity");
    expect(resource(json, "aws_sns_topic", "topic").name).toBe("acme-prod-role-activity-alarms");
    expect(resource(json, "aws_kms_alias", "topic-key-alias").name).toBe("alias/acme-prod-role-activity-alarms");
    expect(resource(json, "aws_cloudwatch_log_metric_filter", "metric-filter")).toMatchObject({
      name: "acme-prod-acme-prod-cross-account-failed-api-calls",
      pattern: failedCallsPattern("acme-prod-cross-account", "210987654321"),
      metric_transformation: { namespace: "Databricks/acme-prod", name: "FailedApiCalls-acme-prod-cross-account", value: "1", unit: "Count" },
    });
    expect(resource(json, "aws_cloudwatch_metric_alarm", "alarm").alarm_name).toBe("acme-prod-acme-prod-cross-account-failed-api-calls");
    const statements = JSON.parse(resource(json, "aws_s3_bucket_policy", "trail-bucket").policy).Statement;
    expect(statements[0].Condition).toEqual({ StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:210987654321:trail/acme-prod-role-activity" } });
    expect(statements[1].Resource).toBe("arn:aws:s3:::dbx-test-trail/AWSLogs/210987654321/*");
  });

  test("without a DeploymentContext it throws the context's message", () => {
    expect(() => synthJson((scope) => new RoleActivityMonitoring(scope, "role-activity", CREATE))).toThrow(
      "stack/role-activity: no DeploymentContext in scope. Create one in the stack first: " +
        "new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
  });
});

describe("RoleActivityMonitoring: preventDestroy on the trail bucket (audit evidence)", () => {
  const bucketLifecycle = (json: Json) => resource(json, "aws_s3_bucket", "trail-bucket").lifecycle;

  test("defaults to the context's protectData", () => {
    expect(bucketLifecycle(synthMonitoring())).toBeUndefined();
    expect(bucketLifecycle(synthMonitoring({}, CREATE, { protectData: false }))).toBeUndefined();
    expect(bucketLifecycle(synthMonitoring({}, CREATE, { protectData: true }))).toEqual({ prevent_destroy: true });
  });

  test("an explicit preventDestroy wins over the context", () => {
    expect(bucketLifecycle(synthMonitoring({ preventDestroy: true }, CREATE, { protectData: false }))).toEqual({ prevent_destroy: true });
    expect(bucketLifecycle(synthMonitoring({ preventDestroy: false }, CREATE, { protectData: true }))).toBeUndefined();
  });

  test("only the bucket: its companions, the log group, the trail, the role and the topic stay replaceable", () => {
    const json = synthMonitoring({}, CREATE, { protectData: true });
    for (const [type, blocks] of Object.entries(json.resource as Record<string, Record<string, Json>>)) {
      if (type === "aws_s3_bucket") continue;
      for (const block of Object.values(blocks)) expect([type, block.lifecycle]).toEqual([type, undefined]);
    }
  });

  test("existingLogGroupName: no bucket, nothing to protect", () => {
    const json = synthMonitoring({ preventDestroy: true }, EXISTING, { protectData: true });
    expect(JSON.stringify(json)).not.toContain("prevent_destroy");
  });
});
