import { Token } from "cdktf";
import { EMAIL_ADDRESS } from "../core/email";
import { bucketNameProblems } from "../core/bucket-name";
import { ROLE_NAME_MAX_LENGTH, ROLE_NAME_PATTERN } from "../core/iam-names";
import { logRetentionProblems } from "../core/log-retention";
import { Problem } from "../core/problems";
import { RoleActivityMonitoringProps, RoleActivityTrail } from "./props";
import { isRecord } from "../core/shape";

/** CloudWatch Logs log group names (CreateLogGroup `logGroupName`). */
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const LOG_GROUP_NAME_MAX_LENGTH = 512;
/** Something@something.tld, no spaces: enough to catch typos; SNS and the confirmation email do the rest. */
/** CloudWatch alarm periods of standard-resolution metrics (what metric filters publish), with 1 evaluation period. */
const PERIOD = { min: 60, max: 86400, step: 60 } as const;

/**
 * Every problem with the props of a {@link RoleActivityMonitoring}; format checks skip Terraform tokens where
 * allowed. The names built from the context's prefix fit their length limits (a prefix has at most 32
 * characters), and the context checks its prefix, region and account id itself.
 */
export function roleActivityProblems(props: RoleActivityMonitoringProps): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const literal = (value: unknown) => !Token.isUnresolved(value);

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
  const given = (isRecord(trail) ? trail : {}) as { createTrail?: { bucketName: string; retentionInDays?: number }; existingLogGroupName?: string };
  const create = given.createTrail;
  const existing = given.existingLogGroupName;
  if ((create === undefined) === (existing === undefined)) {
    add("trail", trail,
      "must set exactly one of createTrail (a new trail, log group and bucket) and existingLogGroupName (a log group an existing trail delivers to)");
    return problems;
  }
  if (create !== undefined) {
    if (!isRecord(create)) return problems; // the schema reports it
    if (!Token.isUnresolved(create.bucketName)) problems.push(...bucketNameProblems(create.bucketName, "trail.createTrail.bucketName"));
    problems.push(...logRetentionProblems("trail.createTrail.retentionInDays", create.retentionInDays));
  } else if (typeof existing === "string" && !Token.isUnresolved(existing)) {
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
  if (!Array.isArray(emails)) return []; // none, or of a type the schema reports
  if (Token.isUnresolved(emails)) {
    return [{ path: "alarmEmails", value: "<list token>", message: "must be a literal list: each address becomes its own subscription" }];
  }
  const problems: Problem[] = [];
  const seen = emails.map((e) => (typeof e === "string" ? e.toLowerCase() : e));
  emails.forEach((email, i) => {
    const add = (message: string) => problems.push({ path: `alarmEmails[${i}]`, value: email, message });
    if (typeof email !== "string") return; // the schema reports it
    if (Token.isUnresolved(email)) add("must be a literal address, not a token: its subscription is named after it");
    else if (!EMAIL_ADDRESS.test(email)) add("is not an email address (name@domain.tld)");
    else if (seen.indexOf(email.toLowerCase()) !== i) add("is listed twice (addresses are compared ignoring case)");
  });
  return problems;
}
