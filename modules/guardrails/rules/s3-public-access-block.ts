import { bucketCompanions } from "../s3";
import { Compliance, GuardrailRule, nonCompliant } from "../rule";

/** The four settings of a complete S3 public access block. */
export const PUBLIC_ACCESS_BLOCK_FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] as const;

/** S3 buckets have a public access block with all four settings on. */
export const s3PublicAccessBlock: GuardrailRule = {
  id: "DBX-S1",
  condition: "S3 buckets have a public access block with all four settings true",
  explanation:
    "The root, data, log and state buckets hold workspace data, Delta tables, audit logs and Terraform state; a public " +
    "access block is the backstop that keeps a mistaken ACL or bucket policy from making any of it public.",
  fix: `Add an aws_s3_bucket_public_access_block for the bucket with ${PUBLIC_ACCESS_BLOCK_FLAGS.join(", ")} = true (the storage module's hardened buckets do)`,
  level: "error",
  appliesTo: ["aws_s3_bucket"],
  check: (bucket, context) => {
    const complete = (c: Record<string, unknown>) => PUBLIC_ACCESS_BLOCK_FLAGS.every((f) => c[f] === true);
    // An account-wide block covers every bucket of the account.
    if (context.blocks("aws_s3_account_public_access_block").some((b) => complete(b.config))) return Compliance.COMPLIANT;
    const blocks = bucketCompanions(bucket, context, "aws_s3_bucket_public_access_block");
    if (blocks.length === 0) return nonCompliant(["no aws_s3_bucket_public_access_block for this bucket"]);
    if (blocks.some((b) => complete(b.config))) return Compliance.COMPLIANT;
    return nonCompliant(blocks.map((b) => `${b.address} leaves ${PUBLIC_ACCESS_BLOCK_FLAGS.filter((f) => b.config[f] !== true).join(", ")} not true`));
  },
};
