import type { Problem } from "./problems";

/**
 * S3 bucket-name checks for a Databricks root bucket. Pure (no cdktf): the environment config validation uses
 * it too. Sources: Amazon S3 User Guide, "General purpose bucket naming rules"; the Databricks provider's
 * `databricks_aws_bucket_policy` bucket regex (databricks/terraform-provider-databricks:aws/data_aws_bucket_policy.go).
 */

/** Length limits of a general purpose bucket name. */
export const BUCKET_NAME_LENGTH = { min: 3, max: 63 } as const;
/** Prefixes S3 reserves (`sthree-` also covers `sthree-configurator`). */
export const RESERVED_BUCKET_PREFIXES: readonly string[] = ["xn--", "sthree-", "amzn-s3-demo-"];
/** Suffixes S3 reserves for access point aliases, Object Lambda aliases, Multi-Region Access Points and directory buckets. */
export const RESERVED_BUCKET_SUFFIXES: readonly string[] = ["-s3alias", "--ol-s3", ".mrap", "--x-s3"];
/** The Databricks provider's bucket-name regex (`aws/data_aws_bucket_policy.go`). */
export const DATABRICKS_BUCKET_NAME_PATTERN = /^[0-9a-z][-0-9a-z.]{1,61}[0-9a-z]$/;

const S3_RULE = "(S3 bucket naming rule)";
const ALLOWED_CHAR = /[a-z0-9.-]/;
const LETTER_OR_DIGIT = /[a-zA-Z0-9]/;
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * One problem per rule the name breaks: the S3 general purpose bucket naming rules, no dots at all (TLS), and
 * the Databricks provider's regex. Empty when the name is usable as a Databricks root bucket.
 * @param path where the name sits, for the problems' `path` (e.g. `storage.rootBucketName`)
 */
export function bucketNameProblems(name: string, path = "bucketName"): Problem[] {
  const problems: Problem[] = [];
  if (typeof name !== "string") return problems; // the schema reports it
  const add = (message: string) => problems.push({ path, value: name, message });

  const { min, max } = BUCKET_NAME_LENGTH;
  if (name.length < min || name.length > max) {
    add(`must be ${min} to ${max} characters long ${S3_RULE}; it has ${name.length}`);
  }
  const badChars = [...new Set([...name].filter((c) => !ALLOWED_CHAR.test(c)))];
  if (badChars.length > 0) {
    add(`may contain only lowercase letters, digits, dots and hyphens ${S3_RULE}; found ${badChars.map((c) => JSON.stringify(c)).join(", ")}`);
  }
  if (name.length > 0) {
    const ends = [
      ...(LETTER_OR_DIGIT.test(name[0]) ? [] : [`begins with ${JSON.stringify(name[0])}`]),
      ...(LETTER_OR_DIGIT.test(name[name.length - 1]) ? [] : [`ends with ${JSON.stringify(name[name.length - 1])}`]),
    ];
    if (ends.length > 0) add(`must begin and end with a letter or digit ${S3_RULE}; it ${ends.join(" and ")}`);
  }
  if (name.includes("..")) add(`must not contain two adjacent periods ${S3_RULE}`);
  if (IP_ADDRESS.test(name)) add(`must not be formatted as an IP address (like 192.168.5.4) ${S3_RULE}`);
  const prefix = RESERVED_BUCKET_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) {
    add(`must not start with the reserved prefix ${JSON.stringify(prefix)} ${S3_RULE}; reserved prefixes: ${RESERVED_BUCKET_PREFIXES.join(", ")}`);
  }
  const suffix = RESERVED_BUCKET_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) {
    add(`must not end with the reserved suffix ${JSON.stringify(suffix)} ${S3_RULE}; reserved suffixes: ${RESERVED_BUCKET_SUFFIXES.join(", ")}`);
  }
  if (name.includes(".")) {
    add("must not contain dots: S3's TLS certificate for virtual-hosted-style requests (<bucket>.s3.<region>.amazonaws.com) " +
      "matches one name label only, so HTTPS to a dotted bucket name fails certificate checks; use hyphens instead");
  }
  // The Databricks regex is the S3 length, character and first/last-character rules in one; report it only
  // when those did not already explain a mismatch (a backstop should the S3 checks above ever change).
  if (problems.length === 0 && !DATABRICKS_BUCKET_NAME_PATTERN.test(name)) {
    add(`does not match the Databricks provider's bucket-name pattern ${DATABRICKS_BUCKET_NAME_PATTERN.source}`);
  }
  return problems;
}
