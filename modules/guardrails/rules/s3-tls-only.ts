import { coversAction, NormalizedStatement, policyStatements } from "../policy";
import { bucketCompanions } from "../s3";
import { Compliance, GuardrailRule, nonCompliant, TerraformBlock } from "../rule";

/** Deny, to everyone, S3 actions on the bucket's objects, when aws:SecureTransport is false. */
function deniesInsecureTransport(s: NormalizedStatement): boolean {
  return s.effect === "Deny" && s.awsPrincipals.includes("*") && coversAction(s, "s3:GetObject") && coversAction(s, "s3:PutObject") &&
    (s.resources ?? []).some((r) => r === "*" || r.endsWith("/*")) &&
    s.conditions.some((c) => /^Bool(IfExists)?$/.test(c.operator) && c.key.toLowerCase() === "aws:securetransport" && c.values.includes("false"));
}

/** S3 bucket policies deny requests that do not use TLS. */
export const s3TlsOnly: GuardrailRule = {
  id: "DBX-S3",
  condition: "S3 buckets have a bucket policy that denies non-TLS access (aws:SecureTransport false)",
  explanation:
    "Without the deny, any principal the bucket trusts may read or write data over plain HTTP, in the clear; AWS " +
    "Security Hub (S3.5) and the Databricks security reference architecture require TLS-only buckets.",
  fix: 'Add a statement to the bucket policy: Effect Deny, Principal "*", Action s3:*, Resource the bucket and bucket/*, Condition Bool aws:SecureTransport = "false"',
  level: "error",
  appliesTo: ["aws_s3_bucket"],
  check: (bucket, context) => {
    const policies: Array<{ where: string; policy: unknown }> = bucketCompanions(bucket, context, "aws_s3_bucket_policy")
      .map((p: TerraformBlock) => ({ where: p.address, policy: p.config.policy }));
    if (bucket.config.policy !== undefined) policies.push({ where: `${bucket.address} (inline policy)`, policy: bucket.config.policy });
    if (policies.length === 0) return nonCompliant(["no aws_s3_bucket_policy for this bucket"]);
    const findings: string[] = [];
    for (const { where, policy } of policies) {
      const statements = policyStatements(policy, context);
      if (statements?.some(deniesInsecureTransport)) return Compliance.COMPLIANT;
      findings.push(statements
        ? `${where} has no statement denying s3:* on the bucket's objects when aws:SecureTransport is false`
        : `${where} cannot be read (neither literal JSON nor an aws_iam_policy_document of this stack)`);
    }
    return nonCompliant(findings);
  },
};
