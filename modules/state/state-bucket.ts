import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { Construct } from "constructs";
import { throwIfProblems } from "../core/problems";
import { bucketNameProblems } from "../core/bucket-name";
import { createHardenedBucket } from "../core/hardened-bucket";

/** Props of {@link StateBucket}. */
export interface StateBucketProps {
  /** Name of the Terraform state bucket (S3 naming rules, no dots). */
  readonly bucketName: string;
  /** AWS region of the bucket (literal): picks the partition of the bucket policy's ARNs. */
  readonly region: string;
  /** Days to keep superseded state versions (the undo history of every stack). @default 90 */
  readonly noncurrentVersionDays?: number;
}

/**
 * The bucket that holds the environments' Terraform state: versioned (every state write can be rolled back),
 * encrypted, public access blocked, TLS only, and protected from `terraform destroy` (prevent_destroy).
 * Locking uses S3-native lock files (`use_lockfile`), so no DynamoDB table is needed.
 */
export class StateBucket extends Construct {
  /** The state bucket (versioned, `prevent_destroy`). */
  public readonly bucket: S3Bucket;
  /** The bucket's name, as a reference to the bucket. */
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const days = props.noncurrentVersionDays ?? 90;
    throwIfProblems(`StateBucket ${this.node.path}`, [
      ...bucketNameProblems(props.bucketName),
      ...(!Number.isInteger(days) || days < 1 || days > 3650
        ? [{ path: "noncurrentVersionDays", value: days, message: "must be an integer from 1 to 3650" }] : []),
    ]);
    const resources = createHardenedBucket(this, { bucketName: props.bucketName, region: props.region, versioning: true });
    this.bucket = resources.bucket;
    this.bucket.lifecycle = { preventDestroy: true };
    this.bucketName = this.bucket.bucket;
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [{
        id: "expire-old-state-versions", status: "Enabled", filter: [{}],
        noncurrentVersionExpiration: [{ noncurrentDays: days }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      }],
      dependsOn: [resources.versioning],
    });
  }
}
