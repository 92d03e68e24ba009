import { PARTITIONS, Partition } from "../core/constants";
import { accountRoot, policyDocument, PolicyDocument } from "../core/policy";

/**
 * Unity Catalog's master role per partition: the principal that assumes a storage credential's role. Source:
 * databricks/terraform-provider-databricks v1.99.0 aws/constants.go (`unityCatalogueIamArn`; the DoD shard's
 * 170661010020 role is not offered by this project, like its other DoD constants).
 */
export const UC_MASTER_ROLE_ARNS: Readonly<Record<Partition, string>> = {
  aws: `arn:aws:iam::${PARTITIONS.aws.databricksAwsAccountId}:role/unity-catalog-prod-UCMasterRole-14S5ZJVKOTYTL`,
  "aws-us-gov": `arn:aws-us-gov:iam::${PARTITIONS["aws-us-gov"].databricksAwsAccountId}:role/unity-catalog-prod-UCMasterRole-1QRFA8SGY15OJ`,
};

/**
 * The trust a storage (or service) credential's role needs: Unity Catalog's master role with the credential's
 * external id, and the role itself (Databricks requires roles to be self-assuming), with the same external id.
 * Same statements as the provider's `databricks_aws_unity_catalog_assume_role_policy`
 * (terraform-provider-databricks v1.99.0 aws/data_aws_unity_catalog_assume_role_policy.go), rendered here so the
 * plan shows them and no data source is needed. `externalId` is usually a reference to the credential.
 */
export function unityCatalogTrustPolicy(o: { partition: Partition; awsAccountId: string; roleName: string; externalId: string }): PolicyDocument {
  const condition = { StringEquals: { "sts:ExternalId": o.externalId } };
  return policyDocument(
    { Sid: "UnityCatalogAssumeRole", Effect: "Allow", Principal: { AWS: UC_MASTER_ROLE_ARNS[o.partition] }, Action: ["sts:AssumeRole"], Condition: condition },
    {
      Sid: "ExplicitSelfRoleAssumption", Effect: "Allow", Principal: { AWS: accountRoot(o.partition, o.awsAccountId) }, Action: ["sts:AssumeRole"],
      Condition: { ...condition, ArnLike: { "aws:PrincipalArn": `arn:${o.partition}:iam::${o.awsAccountId}:role/${o.roleName}` } },
    },
  );
}

/** S3 actions of a storage credential's role, multipart uploads included (provider v1.99.0 aws/data_aws_unity_catalog_policy.go). */
export const CATALOG_S3_ACTIONS: readonly string[] = [
  "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation",
  "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload",
];
/** KMS actions on the bucket's key (same source). */
export const CATALOG_KMS_ACTIONS: readonly string[] = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"];

/**
 * The role's permissions: the bucket, assuming itself, and the bucket's key when it has one. Without the data
 * source's managed file-events statements (S3 notifications, SNS/SQS on `csms-*`): file events are off on this
 * external location.
 */
export function catalogRolePolicy(o: { partition: Partition; awsAccountId: string; roleName: string; bucketName: string; kmsKeyArn?: string }): PolicyDocument {
  const bucketArn = `arn:${o.partition}:s3:::${o.bucketName}`;
  return policyDocument(
    { Sid: "CatalogBucket", Effect: "Allow", Action: CATALOG_S3_ACTIONS, Resource: [bucketArn, `${bucketArn}/*`] },
    { Sid: "SelfAssume", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: `arn:${o.partition}:iam::${o.awsAccountId}:role/${o.roleName}` },
    ...(o.kmsKeyArn ? [{ Sid: "CatalogBucketKey", Effect: "Allow" as const, Action: CATALOG_KMS_ACTIONS, Resource: o.kmsKeyArn }] : []),
  );
}

/** Key policy of the bucket's own key: full control for the administrators; the role uses it through its IAM policy. */
export function catalogKeyPolicy(keyAdminArns: readonly string[]): PolicyDocument {
  return policyDocument({ Sid: "KeyAdministrators", Effect: "Allow", Principal: { AWS: [...keyAdminArns] }, Action: ["kms:*"], Resource: "*" });
}
