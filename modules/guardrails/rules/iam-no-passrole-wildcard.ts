import { actionMatches, coversAction, documentStatements, NormalizedStatement, policyStatements } from "../policy";
import { blockList, Compliance, GuardrailRule, nonCompliant, TerraformBlock } from "../rule";

/** Policy resources whose `policy` is an identity policy. */
const POLICY_RESOURCES = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"];

function findings(statements: readonly NormalizedStatement[], prefix = ""): string[] {
  return statements
    .filter((s) => s.effect === "Allow" && coversAction(s, "iam:PassRole"))
    .filter((s) => (s.resources ?? []).includes("*") || s.notResources !== undefined)
    .map((s) => {
      const granted = s.actions ? s.actions.filter((a) => actionMatches(a, "iam:PassRole")).join(", ") : `NotAction ${s.notActions!.join(", ")}`;
      const on = s.notResources ? `NotResource ${s.notResources.join(", ")}` : 'Resource "*"';
      return `${prefix}${s.label} allows ${granted} (iam:PassRole) on ${on}`;
    });
}

/**
 * IAM policies do not allow iam:PassRole (nor iam:*, *) on every resource. Policies that reference an
 * aws_iam_policy_document are checked at the document, so a finding is reported once.
 */
export const iamNoPassRoleWildcard: GuardrailRule = {
  id: "DBX-IAM2",
  condition: 'IAM policies do not allow iam:PassRole (or iam:*, *) on Resource "*"',
  explanation:
    "iam:PassRole on every role lets the holder (for the cross-account role: Databricks, for any workspace user who can " +
    "start a cluster) hand any role of the account, admin roles included, to an EC2 instance it controls: privilege escalation.",
  fix: "List the role ARNs that may be passed (e.g. the instance-profile roles clusters use), or add an iam:PassedToService condition and a role path",
  level: "error",
  appliesTo: [...POLICY_RESOURCES, "aws_iam_role", "data.aws_iam_policy_document"],
  check: (block: TerraformBlock) => {
    if (block.kind === "data") return nonCompliant(findings(documentStatements(block.config)));
    if (block.type === "aws_iam_role") {
      const inline = blockList(block.config.inline_policy).flatMap((p, i) => findings(policyStatements(p.policy) ?? [], `inline_policy[${i}]${p.name ? ` (${p.name})` : ""}: `));
      return inline.length > 0 ? nonCompliant(inline) : Compliance.COMPLIANT;
    }
    return nonCompliant(findings(policyStatements(block.config.policy) ?? []));
  },
};
