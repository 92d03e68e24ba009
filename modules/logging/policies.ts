import { Partition, partitionOf } from "../core/constants";
import { policyDocument, PolicyDocument, PolicyStatement } from "../core/policy";

// The IAM side of LogDelivery as pure data: trust policy, role policy, bucket grants (rendered in TypeScript, no
// data sources, like the rest of the project).

/**
 * The role Databricks' log-delivery service runs as, per partition: the trust principal of the log-delivery role
 * (what `data.databricks_aws_assume_role_policy { for_log_delivery = true }` puts in the trust policy).
 * Source: reference §C.1 (`databricks/terraform-provider-databricks:aws/constants.go`, `logDeliveryIamArn`).
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
 * Scope: the whole (dedicated) bucket rather than Databricks' per-prefix resources with an `s3:prefix` condition:
 * several configurations share the bucket, and `ListBucketMultipartUploads` has no `s3:prefix` key to scope it by.
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

/**
 * Inline policy of the log-delivery role: {@link LOG_DELIVERY_BUCKET_ACTIONS} on the bucket and
 * {@link LOG_DELIVERY_OBJECT_ACTIONS} on its objects, only while the bucket belongs to `awsAccountId` (bucket names
 * are global: should the bucket ever be deleted and its name taken by another account, logs are not written there).
 */
export function logDeliveryRolePolicy({ region, bucketName, awsAccountId }: { region: string; bucketName: string; awsAccountId: string }): PolicyDocument {
  const bucketArn = `arn:${partitionOf(region).name}:s3:::${bucketName}`;
  const condition = { StringEquals: { "aws:ResourceAccount": awsAccountId } };
  return policyDocument(
    { Sid: "LogBucket", Effect: "Allow", Action: LOG_DELIVERY_BUCKET_ACTIONS, Resource: bucketArn, Condition: condition },
    { Sid: "LogObjects", Effect: "Allow", Action: LOG_DELIVERY_OBJECT_ACTIONS, Resource: `${bucketArn}/*`, Condition: condition },
  );
}

/** Bucket-policy grants to the log-delivery role (the hardened bucket adds the TLS-only deny after them). */
export function logDeliveryBucketGrants(bucketArn: string, roleArn: string): PolicyStatement[] {
  return [
    { Sid: "LogDeliveryRoleBucket", Effect: "Allow", Principal: { AWS: roleArn }, Action: LOG_DELIVERY_BUCKET_ACTIONS, Resource: bucketArn },
    { Sid: "LogDeliveryRoleObjects", Effect: "Allow", Principal: { AWS: roleArn }, Action: LOG_DELIVERY_OBJECT_ACTIONS, Resource: `${bucketArn}/*` },
  ];
}
