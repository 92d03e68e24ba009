import { bucketCompanions } from "../s3";
import { blockList, Compliance, GuardrailRule, nonCompliant, TerraformConfig } from "../rule";

/** Whether a server_side_encryption_configuration (resource or legacy inline block) sets a default algorithm. */
function setsAlgorithm(config: TerraformConfig): boolean {
  return blockList(config.rule).some((r) => blockList(r.apply_server_side_encryption_by_default).some((d) => typeof d.sse_algorithm === "string" && d.sse_algorithm !== ""));
}

/** S3 buckets have default server-side encryption configured. */
export const s3Encryption: GuardrailRule = {
  id: "DBX-S2",
  condition: "S3 buckets have default server-side encryption configured (SSE-S3 or SSE-KMS)",
  explanation:
    "Stating the encryption in the configuration makes it reviewable and keeps it from drifting; SSE-KMS with a " +
    "customer-managed key is what lets you revoke access to the data (Databricks' customer-managed keys for workspace storage).",
  fix: "Add an aws_s3_bucket_server_side_encryption_configuration for the bucket with a rule setting sse_algorithm (AES256 or aws:kms)",
  level: "error",
  appliesTo: ["aws_s3_bucket"],
  check: (bucket, context) => {
    const legacy = blockList(bucket.config.server_side_encryption_configuration);
    if (legacy.some(setsAlgorithm)) return Compliance.COMPLIANT;
    const configs = bucketCompanions(bucket, context, "aws_s3_bucket_server_side_encryption_configuration");
    if (configs.length === 0) return nonCompliant(["no aws_s3_bucket_server_side_encryption_configuration for this bucket"]);
    return configs.some((c) => setsAlgorithm(c.config)) ? Compliance.COMPLIANT : nonCompliant(configs.map((c) => `${c.address} sets no sse_algorithm`));
  },
};
