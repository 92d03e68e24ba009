import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { partitionOf } from "./constants";
import { policyDocument, PolicyDocument, PolicyStatement, renderPolicy } from "./policy";

export interface HardenedBucketProps {
  readonly bucketName: string;
  readonly region: string;
  /** @default true */
  readonly versioning?: boolean;
  /** SSE-KMS key; @default - SSE-S3 (AES256) */
  readonly kmsKeyArn?: string;
  /** @default false */
  readonly forceDestroy?: boolean;
  /** Statements granting access, given the bucket's literal ARN; the TLS-only deny is always added. @default - none */
  readonly grants?: (bucketArn: string) => PolicyStatement[];
}

export interface HardenedBucketResources {
  readonly bucket: S3Bucket;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  readonly ownershipControls: S3BucketOwnershipControls;
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  readonly versioning: S3BucketVersioningA;
  readonly policy: S3BucketPolicy;
  readonly policyDocument: PolicyDocument;
}

/**
 * The hardening every bucket of this project gets: public access blocked (all four), ACLs disabled
 * (BucketOwnerEnforced), encryption by default, versioning, and a TLS-only policy. Creates the resources in
 * `scope` itself (ids `bucket`, `public-access-block`, … are the callers' state contract).
 */
export function createHardenedBucket(scope: Construct, props: HardenedBucketProps): HardenedBucketResources {
  const partition = partitionOf(props.region);
  const bucket = new S3Bucket(scope, "bucket", { bucket: props.bucketName, forceDestroy: props.forceDestroy ?? false });
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, "public-access-block", {
    bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
  });
  const ownershipControls = new S3BucketOwnershipControls(scope, "ownership-controls", {
    bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" },
  });
  const encryption = new S3BucketServerSideEncryptionConfigurationA(scope, "encryption", {
    bucket: bucket.id,
    rule: [props.kmsKeyArn === undefined
      ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
      : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
  });
  const versioning = new S3BucketVersioningA(scope, "versioning", {
    bucket: bucket.id, versioningConfiguration: { status: (props.versioning ?? true) ? "Enabled" : "Suspended" },
  });

  // Literal ARNs keep the policy readable in the plan; the `bucket` argument orders it after the bucket.
  const bucketArn = `arn:${partition.name}:s3:::${props.bucketName}`;
  const doc = policyDocument(
    ...(props.grants?.(bucketArn) ?? []),
    {
      Sid: "AllowSSLRequestsOnly", Effect: "Deny", Principal: "*", Action: ["s3:*"],
      Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  );
  // PutBucketPolicy while the public access block is still being applied can fail (or be rejected as
  // public); order the policy after it.
  const policy = new S3BucketPolicy(scope, "policy", { bucket: bucket.id, policy: renderPolicy(doc), dependsOn: [publicAccessBlock] });
  return { bucket, publicAccessBlock, ownershipControls, encryption, versioning, policy, policyDocument: doc };
}
