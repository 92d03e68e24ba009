import { PARTITIONS } from "../../core/constants";
import { coversAction, NormalizedStatement, policyStatements } from "../policy";
import { Compliance, GuardrailRule, nonCompliant } from "../rule";

/** Every AWS account Databricks owns, in every partition (the cross-account and log-delivery principals among them). */
export const DATABRICKS_AWS_ACCOUNT_IDS: readonly string[] = [
  ...new Set(Object.values(PARTITIONS).flatMap((p) => [p.databricksAwsAccountId, p.databricksArtifactAccountId, p.databricksAmiOwner])),
];

const DATABRICKS_PRINCIPAL = new RegExp(`^(\\*|(${DATABRICKS_AWS_ACCOUNT_IDS.join("|")})|arn:aws[\\w-]*:(iam|sts)::(${DATABRICKS_AWS_ACCOUNT_IDS.join("|")}):.*)$`);

/** The principals of a statement that are Databricks accounts (or anyone: `*`). */
function databricksPrincipals(statement: NormalizedStatement): string[] {
  return statement.awsPrincipals.filter((p) => DATABRICKS_PRINCIPAL.test(p));
}

/** An exact `sts:ExternalId` match: String(Equals|EqualsIgnoreCase|Like without wildcards), not ...IfExists. */
function requiresExternalId(statement: NormalizedStatement): boolean {
  return statement.conditions.some((c) => /^(ForAnyValue:|ForAllValues:)?String(Equals|EqualsIgnoreCase|Like)$/.test(c.operator) &&
    c.key.toLowerCase() === "sts:externalid" && c.values.length > 0 && c.values.every((v) => v !== "" && !/[*?]/.test(v)));
}

/** IAM role trust policies that let a Databricks AWS account assume the role require sts:ExternalId. */
export const iamTrustExternalId: GuardrailRule = {
  id: "DBX-IAM1",
  condition: "IAM role trust policies that let a Databricks AWS account assume the role require an sts:ExternalId condition",
  explanation:
    "Databricks' AWS account assumes roles for every Databricks customer; the external id (your Databricks account id) " +
    "is what stops another customer from pointing their workspace at your role (the confused-deputy problem).",
  fix: 'Add Condition StringEquals { "sts:ExternalId": "<your Databricks account id>" } to each Allow statement trusting Databricks',
  level: "error",
  appliesTo: ["aws_iam_role"],
  check: (role, context) => {
    const raw = role.config.assume_role_policy;
    const statements = policyStatements(raw, context);
    if (!statements) {
      const mentioned = DATABRICKS_AWS_ACCOUNT_IDS.find((id) => typeof raw === "string" && raw.includes(id));
      return mentioned
        ? nonCompliant([`the trust policy mentions Databricks account ${mentioned} but cannot be read (neither literal JSON nor an aws_iam_policy_document of this stack)`])
        : Compliance.NOT_APPLICABLE;
    }
    const trusting = statements.filter((s) => s.effect === "Allow" && coversAction(s, "sts:AssumeRole") && databricksPrincipals(s).length > 0);
    if (trusting.length === 0) return Compliance.NOT_APPLICABLE;
    return nonCompliant(trusting.filter((s) => !requiresExternalId(s))
      .map((s) => `${s.label} lets ${databricksPrincipals(s).join(", ")} assume the role without an sts:ExternalId condition`));
  },
};
