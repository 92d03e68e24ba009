import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KinesisStream } from "@cdktf/provider-aws/lib/kinesis-stream";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { createHardenedBucket } from "../core/hardened-bucket";
import { PolicyDocument, renderPolicy } from "../core/policy";
import { throwIfProblems } from "../core/problems";
import { dataAccessPolicy, dataAccessTrustPolicy } from "./policy";
import { DATA_ACCESS_ROLE_SUFFIX, DataAccessProps, DEMO_STREAM_SUFFIX, readableStreamNames } from "./props";
import { dataAccessProblems } from "./validation";

/**
 * AWS permissions for Databricks clusters in the article's workflow (Kinesis → Structured Streaming → Delta on S3):
 * a hardened data bucket, an EC2 role with a least-privilege inline policy, and the instance profile wrapping it.
 * Register {@link instanceProfileArn} with the workspace (`databricks_instance_profile`) and let the cross-account
 * role pass {@link roleArn}; both are literal strings, so another stack can use them without a cross-stack reference.
 *
 * Streams encrypted with the AWS-managed key (`alias/aws/kinesis`, like the demo stream) need no KMS permissions:
 * that key's policy admits the account's principals through Kinesis. Streams under a customer-managed key need
 * `kms:Decrypt` on it, which this construct does not grant.
 *
 * Construct ids below are part of the Terraform state contract: renaming one replaces the resource.
 */
export class DataAccess extends Construct {
  /** `arn:<partition>:iam::<account>:role/<prefix>-data-access`, literal (no reference to the role). */
  public readonly roleArn: string;
  /** `<prefix>-data-access`, literal. */
  public readonly roleName: string;
  /** `arn:<partition>:iam::<account>:instance-profile/<prefix>-data-access`, literal (no reference to the profile). */
  public readonly instanceProfileArn: string;
  /** The instance profile wrapping {@link role}. */
  public readonly instanceProfile: IamInstanceProfile;
  /** The EC2 role clusters run with, `<prefix>-data-access`. */
  public readonly role: IamRole;
  /** The inline permissions policy (`aws_iam_role_policy`). */
  public readonly policy: IamRolePolicy;
  /** The trust policy as data (what {@link role} holds, before rendering). */
  public readonly assumeRolePolicyDocument: PolicyDocument;
  /** The permissions policy as data (what {@link policy} holds, before rendering). */
  public readonly policyDocument: PolicyDocument;
  /** The data bucket's name, as a reference to the bucket (depending on it orders after the bucket). */
  public readonly dataBucketName: string;
  /** `arn:<partition>:s3:::<bucket>`, literal. */
  public readonly dataBucketArn: string;
  /** The data bucket (`prevent_destroy` with `preventDestroy`). */
  public readonly dataBucket: S3Bucket;
  /** Blocks every kind of public access to the data bucket. */
  public readonly dataBucketPublicAccessBlock: S3BucketPublicAccessBlock;
  /** The data bucket's policy (TLS only). */
  public readonly dataBucketPolicy: S3BucketPolicy;
  /** The demo stream; undefined unless `demoStream` is true. */
  public readonly demoStream?: KinesisStream;
  /** `<prefix>-demo` (literal); undefined unless `demoStream` is true. */
  public readonly demoStreamName?: string;
  /** The stream names the role may read: `streamNames`, then the demo stream. */
  public readonly readableStreamNames: readonly string[];

  constructor(scope: Construct, id: string, props: DataAccessProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`DataAccess ${this.node.path}`, dataAccessProblems(props, ctx));
    const partition = ctx.partition.name;
    // `<prefix>-data-access`: at most 32 + 12 characters, within IAM's 64 (the context bounds the prefix).
    this.roleName = `${ctx.resourcePrefix}${DATA_ACCESS_ROLE_SUFFIX}`;
    this.roleArn = `arn:${partition}:iam::${ctx.awsAccountId}:role/${this.roleName}`;
    this.instanceProfileArn = `arn:${partition}:iam::${ctx.awsAccountId}:instance-profile/${this.roleName}`;

    const bucket = createHardenedBucket(new Construct(this, "data-bucket"), {
      bucketName: props.bucketName, region: ctx.region, kmsKeyArn: props.kmsKeyArn,
    });
    this.dataBucket = bucket.bucket;
    if (props.preventDestroy ?? ctx.protectData) this.dataBucket.lifecycle = { ...this.dataBucket.lifecycle, preventDestroy: true };
    this.dataBucketName = bucket.bucket.bucket;
    this.dataBucketArn = `arn:${partition}:s3:::${props.bucketName}`;
    this.dataBucketPublicAccessBlock = bucket.publicAccessBlock;
    this.dataBucketPolicy = bucket.policy;

    if (props.demoStream) {
      this.demoStreamName = `${ctx.resourcePrefix}${DEMO_STREAM_SUFFIX}`;
      this.demoStream = new KinesisStream(this, "demo-stream", {
        name: this.demoStreamName,
        shardCount: 1,
        streamModeDetails: { streamMode: "PROVISIONED" },
        encryptionType: "KMS",
        kmsKeyId: "alias/aws/kinesis",
        retentionPeriod: 24,
      });
    }
    this.readableStreamNames = readableStreamNames(props, ctx);

    this.assumeRolePolicyDocument = dataAccessTrustPolicy();
    this.policyDocument = dataAccessPolicy({ ...props, streamNames: this.readableStreamNames }, ctx);

    this.role = new IamRole(this, "role", {
      name: this.roleName,
      description: "Databricks clusters: read Kinesis streams, write Delta to the data bucket",
      assumeRolePolicy: renderPolicy(this.assumeRolePolicyDocument),
    });
    this.policy = new IamRolePolicy(this, "policy", {
      name: `${this.roleName}-policy`,
      role: this.role.id,
      policy: renderPolicy(this.policyDocument),
    });
    // `role` references the role resource, so the profile is created after it (the name is the same literal).
    this.instanceProfile = new IamInstanceProfile(this, "instance-profile", { name: this.roleName, role: this.role.name });
  }
}
