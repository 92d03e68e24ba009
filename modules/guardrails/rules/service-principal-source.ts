import { NormalizedStatement, policyStatements } from "../policy";
import { Compliance, GuardrailRule, nonCompliant, TerraformBlock } from "../rule";

/** Where a trust or resource policy sits, per resource type. */
const POLICY_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_iam_role: "assume_role_policy",
  aws_s3_bucket_policy: "policy",
  aws_sns_topic_policy: "policy",
  aws_sqs_queue_policy: "policy",
  aws_kms_key: "policy",
  aws_cloudwatch_log_resource_policy: "policy_document",
  aws_secretsmanager_secret_policy: "policy",
  aws_ecr_repository_policy: "policy",
};

/** The keys that tie a service's request to the account or resource it acts for (IAM User Guide, "The confused deputy problem"). */
const SOURCE_KEYS = ["aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths"];

/**
 * Service principals that cannot carry those keys where they are granted, with AWS's reason. Each entry is a
 * (resource type, principal) pair, so the same service elsewhere still needs the condition.
 */
export const SOURCE_CONDITION_EXEMPTIONS: readonly { type: string; principal: string; reason: string; key?: string }[] = [
  {
    type: "aws_iam_role", principal: "cloudtrail.amazonaws.com",
    reason: "CloudTrail's CloudWatch Logs role: \"Confused deputy prevention is not applicable… The role policy doesn't support the use of " +
      "aws:SourceArn and aws:SourceAccount\" (CloudTrail User Guide, cloudtrail-required-policy-for-cloudwatch-logs.html)",
  },
  {
    type: "aws_iam_role", principal: "ec2.amazonaws.com",
    reason: "instance profile roles: AWS's trust policy for them has no source keys (EC2 User Guide, \"IAM roles for Amazon EC2\"); who may " +
      "attach the role is limited by iam:PassRole, which cannot cross accounts (AWS, quoted in github.com/prowler-cloud/prowler/issues/2810)",
  },
  {
    type: "aws_kms_key", principal: "cloudwatch.amazonaws.com", key: "kms:encryptioncontext:aws:sns:topicarn",
    reason: "alarms publishing to an encrypted SNS topic: the key is held to one topic by its encryption context, and that topic's policy " +
      "carries aws:SourceArn/aws:SourceAccount (AWS's key policy for this case has no source keys: Knowledge Center, cloudwatch-configure-alarm-sns)",
  },
];

/** Whether a condition entry pins a source key (not `…IfExists`, which passes when the key is absent; values given). */
function pins(statement: NormalizedStatement, keys: readonly string[]): boolean {
  return statement.conditions.some((c) => keys.includes(c.key.toLowerCase()) && !/IfExists$/.test(c.operator) &&
    c.values.length > 0 && c.values.every((v) => v !== "" && v !== "*"));
}

function findings(block: TerraformBlock, statements: readonly NormalizedStatement[]): string[] {
  const out: string[] = [];
  for (const s of statements.filter((st) => st.effect === "Allow")) {
    for (const principal of s.servicePrincipals) {
      const exemption = SOURCE_CONDITION_EXEMPTIONS.find((e) => e.type === block.type && e.principal === principal.toLowerCase());
      if (exemption && (!exemption.key || pins(s, [exemption.key]))) continue;
      if (!pins(s, SOURCE_KEYS)) out.push(`${s.label} grants ${principal} without an aws:SourceAccount or aws:SourceArn condition`);
    }
  }
  return out;
}

/** Trust and resource policies that grant an AWS service principal hold it to this account's resources. */
export const servicePrincipalSource: GuardrailRule = {
  id: "DBX-IAM3",
  condition: "Trust and resource policies that grant an AWS service principal have an aws:SourceAccount or aws:SourceArn condition " +
    "(except the principals AWS documents as unsupported there)",
  explanation:
    "A service principal acts for every AWS customer: without aws:SourceAccount / aws:SourceArn, another account's flow log, trail or " +
    "alarm can make the service use your role, bucket or topic (the cross-service confused-deputy problem, IAM User Guide).",
  fix: 'Add Condition StringEquals { "aws:SourceAccount": "<account>" } and ArnLike { "aws:SourceArn": "<the resource the service acts for>" }',
  level: "error",
  appliesTo: Object.keys(POLICY_ATTRIBUTES),
  check: (block, context) => {
    const raw = block.config[POLICY_ATTRIBUTES[block.type]];
    const statements = policyStatements(raw, context);
    if (!statements) {
      return typeof raw === "string" && raw.includes(".amazonaws.com")
        ? nonCompliant(["the policy names an AWS service but cannot be read (neither literal JSON nor an aws_iam_policy_document of this stack)"])
        : Compliance.NOT_APPLICABLE;
    }
    if (!statements.some((s) => s.effect === "Allow" && s.servicePrincipals.length > 0)) return Compliance.NOT_APPLICABLE;
    return nonCompliant(findings(block, statements));
  },
};
