import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { Construct } from "constructs";
import { bucketNameProblems } from "../core/bucket-name";
import { DeploymentContext } from "../core/context";
import { createHardenedBucket } from "../core/hardened-bucket";
import { Problem, throwIfProblems } from "../core/problems";

/** Props of {@link StateBucket}. The partition of the bucket policy's ARNs comes from the stack's `DeploymentContext` region. */
export interface StateBucketProps {
  /** Name of the Terraform state bucket (S3 naming rules, no dots). */
  readonly bucketName: string;
  /** Days to keep superseded state versions (the undo history of every stack). @default 90 */
  readonly noncurrentVersionDays?: number;
  /**
   * Terraform lifecycle prevent_destroy on the bucket. Unlike the other data-holding constructs it does not follow
   * the context's `protectData`: the bucket holds the Terraform state of every stack of the environment, a test
   * environment's too, and losing it orphans every resource those stacks manage (Terraform can no longer update or
   * destroy them). Turn it off only to tear down an environment whose stacks are all destroyed.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/** Bounds of `noncurrentVersionDays`. */
export const NONCURRENT_VERSION_DAYS = { min: 1, max: 3650, default: 90 } as const;

/** Every problem with the props of a {@link StateBucket}. */
export function stateBucketProblems(props: StateBucketProps): Problem[] {
  const days = props.noncurrentVersionDays ?? NONCURRENT_VERSION_DAYS.default;
  const { min, max } = NONCURRENT_VERSION_DAYS;
  return [
    ...bucketNameProblems(props.bucketName),
    ...(!Number.isInteger(days) || days < min || days > max
      ? [{ path: "noncurrentVersionDays", value: days, message: `must be an integer from ${min} to ${max}` }] : []),
  ];
}

/**
 * The bucket that holds the environments' Terraform state: versioned (every state write can be rolled back),
 * encrypted, public access blocked, TLS only, and protected from `terraform destroy` (prevent_destroy, see
 * {@link StateBucketProps.preventDestroy}). Locking uses S3-native lock files (`use_lockfile`), so no DynamoDB table
 * is needed.
 */
export class StateBucket extends Construct {
  /** The state bucket (versioned, `prevent_destroy` unless turned off). */
  public readonly bucket: S3Bucket;
  /** The bucket's name, as a reference to the bucket. */
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`StateBucket ${this.node.path}`, stateBucketProblems(props));
    const resources = createHardenedBucket(this, { bucketName: props.bucketName, region: ctx.region, versioning: true });
    this.bucket = resources.bucket;
    if (props.preventDestroy ?? true) this.bucket.lifecycle = { preventDestroy: true };
    this.bucketName = this.bucket.bucket;
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [{
        id: "expire-old-state-versions", status: "Enabled", filter: [{}],
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? NONCURRENT_VERSION_DAYS.default }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      }],
      dependsOn: [resources.versioning],
    });
  }
}
