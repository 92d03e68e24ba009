import { Partition, partitionOf } from "../core/constants";
import { policyDocument, PolicyDocument, PolicyStatement } from "../core/policy";

// The IAM side of LogDelivery as pure data: trust policy, role policy, bucket grants (rendered in TypeScript, no
// data sources, like the rest of the project).

/**
 * The role Databricks' log-delivery service runs as, per partition: the trust principal of the log-delivery role
 * (what `data.databricks_aws_assume_role_policy { for_log_delivery = true }` puts in the trust policy).
 * Source: databricks/terraform-provider-databricks:aws/constants.go (`databricks/terraform-provider-databricks:aws/constants.go`, `logDeliveryIamArn`).
 * GovCloud DoD (`arn:aws-us-gov:iam::170661010020:role/SaasUsageDeliveryRole-prod-aws-gov-dod-IAMRole-1DMEHBYR8VC5P`)
 * is not offered by this project (see `PARTITIONS`).
 */
export const LOG_DELIVERY_PRINCIPAL_ARNS: Readonly<Record<Partition, string>> = {
  aws: "arn:aws:iam::414351767826:role/SaasUsageDeliveryRole-prod-IAMRole-3PLHICCRR1TK",
  "aws-us-gov": "arn:aws-us-gov:iam::044793339203:role/SaasUsageDeliveryRole-prod-aws-gov-IAMRole-L4QM0RCHYQ1G",
};

/**
 * What the log-delivery role may do, split by S3 resource type (a bucket policy statement whose actions apply to
 * none of its resources is rejected as malformed).
 *
 * Chosen: the union of Databricks' "Configure credentials for log delivery" role policy (GetBucketLocation on the
 * bucket; PutObject, GetObject, DeleteObject, PutObjectAcl, AbortMultipartUpload on the objects; ListBucket,
 * ListMultipartUploadParts, ListBucketMultipartUploads) and its cross-account bucket-policy template (the same
 * set) — not the provider's `databricks_aws_bucket_policy { full_access_role }` that the SRA and the provider
 * example use (GetObject, GetObjectVersion, PutObject, DeleteObject, ListBucket, GetBucketLocation): that one is
 * the root-bucket policy with another principal; it lacks the multipart actions and PutObjectAcl, and grants
 * GetObjectVersion, which delivery never needs.
 *
 * PutObjectAcl: Databricks writes logs with the `bucket-owner-full-control` canned ACL. The log bucket keeps the
 * project's `BucketOwnerEnforced` ownership (ACLs disabled): S3 still accepts PUTs that carry exactly that ACL, so
 * delivery works, and every delivered object belongs to this account (what Databricks' advice to use "Bucket owner
 * preferred" is for, without ACLs ever granting anything). The permission is kept because the Databricks policy
 * lists it for that ACL header; with ACLs disabled it cannot grant anyone access.
 *
 * Scope: as Databricks' policies do (https://docs.databricks.com/en/admin/account-settings-e2/audit-aws-credentials.html,
 * https://docs.databricks.com/administration-guide/account-settings-e2/audit-aws-cross-account.html), object actions
 * only on `<prefix>/` and `<prefix>/*` of each configured `deliveryPathPrefix`, and ListBucket only for those
 * prefixes (`s3:prefix`). GetBucketLocation and ListBucketMultipartUploads stay on the bucket: neither has a key
 * to scope it by (Service Authorization Reference, Amazon S3), and neither reads or writes an object.
 */
export const LOG_DELIVERY_BUCKET_ACTIONS: readonly string[] = [
  "s3:GetBucketLocation",
  "s3:ListBucket",
  "s3:ListBucketMultipartUploads",
];
export const LOG_DELIVERY_OBJECT_ACTIONS: readonly string[] = [
  "s3:PutObject",
  "s3:GetObject",
  "s3:DeleteObject",
  "s3:PutObjectAcl",
  "s3:AbortMultipartUpload",
  "s3:ListMultipartUploadParts",
];
/** The bucket action held to the delivery prefixes by `s3:prefix`. */
const PREFIX_LISTING_ACTIONS: readonly string[] = ["s3:ListBucket"];
const UNSCOPED_BUCKET_ACTIONS = LOG_DELIVERY_BUCKET_ACTIONS.filter((a) => !PREFIX_LISTING_ACTIONS.includes(a));

/** The log-delivery grants on `bucketArn` for `prefixes`, without principal or condition (shared by both policies). */
function deliveryStatements(bucketArn: string, prefixes: readonly string[], sids: readonly [string, string, string]): PolicyStatement[] {
  return [
    { Sid: sids[0], Effect: "Allow", Action: UNSCOPED_BUCKET_ACTIONS, Resource: bucketArn },
    {
      Sid: sids[1], Effect: "Allow", Action: PREFIX_LISTING_ACTIONS, Resource: bucketArn,
      Condition: { StringLike: { "s3:prefix": prefixes.flatMap((p) => [p, `${p}/*`]) } },
    },
    { Sid: sids[2], Effect: "Allow", Action: LOG_DELIVERY_OBJECT_ACTIONS, Resource: prefixes.flatMap((p) => [`${bucketArn}/${p}/`, `${bucketArn}/${p}/*`]) },
  ];
}

/** The log-delivery principal of the region's partition (§C.1). */
export function logDeliveryPrincipalArn(region: string): string {
  return LOG_DELIVERY_PRINCIPAL_ARNS[partitionOf(region).name];
}

/**
 * Trust policy of the log-delivery role: what `data.databricks_aws_assume_role_policy { external_id, for_log_delivery
 * = true }` renders (§C.2: the principal is the log-delivery role, not Databricks' account root).
 */
export function logDeliveryTrustPolicy({ region, databricksAccountId }: { region: string; databricksAccountId: string }): PolicyDocument {
  return policyDocument({
    Effect: "Allow",
    Principal: { AWS: logDeliveryPrincipalArn(region) },
    Action: ["sts:AssumeRole"],
    Condition: { StringEquals: { "sts:ExternalId": databricksAccountId } },
  });
}

/** Input of {@link logDeliveryRolePolicy}. */
export interface LogDeliveryRolePolicyProps {
  readonly region: string;
  readonly bucketName: string;
  readonly awsAccountId: string;
  /** The configured `delivery_path_prefix`es, distinct ({@link deliveryPathPrefixes}). */
  readonly prefixes: readonly string[];
}

/**
 * Inline policy of the log-delivery role: {@link LOG_DELIVERY_BUCKET_ACTIONS} on the bucket (listing only under the
 * delivery prefixes) and {@link LOG_DELIVERY_OBJECT_ACTIONS} on the objects under the delivery prefixes, only while
 * the bucket belongs to `awsAccountId` (bucket names are global: should the bucket ever be deleted and its name
 * taken by another account, logs are not written there).
 */
export function logDeliveryRolePolicy({ region, bucketName, awsAccountId, prefixes }: LogDeliveryRolePolicyProps): PolicyDocument {
  const bucketArn = `arn:${partitionOf(region).name}:s3:::${bucketName}`;
  const inAccount = { StringEquals: { "aws:ResourceAccount": awsAccountId } };
  return policyDocument(...deliveryStatements(bucketArn, prefixes, ["LogBucket", "LogPrefixListing", "LogObjects"])
    .map((st) => ({ ...st, Condition: { ...inAccount, ...st.Condition } })));
}

/** Bucket-policy grants to the log-delivery role (the hardened bucket adds the TLS-only deny after them). */
export function logDeliveryBucketGrants(bucketArn: string, roleArn: string, prefixes: readonly string[]): PolicyStatement[] {
  return deliveryStatements(bucketArn, prefixes, ["LogDeliveryRoleBucket", "LogDeliveryRolePrefixListing", "LogDeliveryRoleObjects"])
    .map(({ Sid, ...st }) => ({ Sid, Effect: st.Effect, Principal: { AWS: roleArn }, Action: st.Action, Resource: st.Resource, ...(st.Condition ? { Condition: st.Condition } : {}) }));
}
