import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import type { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import type { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import type { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import type { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { ITerraformDependable, Token } from "cdktf";
import { Construct } from "constructs";
import { REGIONS } from "../core/constants";
import { ContextValues, DeploymentContext } from "../core/context";
import { accountRoot, policyDocument, PolicyDocument, renderPolicy } from "../core/policy";
import { Problem, throwIfProblems } from "../core/problems";
import { bucketNameProblems } from "../core/bucket-name";
import { createHardenedBucket } from "../core/hardened-bucket";
import { restrictiveRootBucketGrants, ROOT_BUCKET_REGION_NAMES } from "./restrictive-policy";

/**
 * What Databricks may do in the root bucket: the actions of the provider's `databricks_aws_bucket_policy`
 * (databricks/terraform-provider-databricks:aws/data_aws_bucket_policy.go), on the bucket and its objects.
 */
export const ROOT_BUCKET_DATABRICKS_ACTIONS: readonly string[] = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:ListBucket",
  "s3:GetBucketLocation",
];


/**
 * Props of {@link RootBucket}: the workspace root (DBFS) bucket Databricks registers as its storage configuration.
 * The partition and region of its ARNs, Databricks' principal and the Databricks account the policy admits come from
 * the stack's `DeploymentContext`.
 */
export interface RootBucketProps {
  /**
   * Name of the bucket: S3 general purpose naming rules, no dots (see {@link bucketNameProblems}).
   * Checked at construction unless it is a token.
   * @default `<prefix>-<awsAccountId>-root` (see {@link defaultRootBucketName}; bucket names are global)
   */
  readonly rootBucketName?: string;
  /** Keep object versions (recover overwritten or deleted DBFS files). `false` suspends versioning. @default true */
  readonly versioning?: boolean;
  /**
   * Encrypt with SSE-KMS under this key (key or alias ARN in the bucket's region; may be a token), with S3
   * bucket keys to cut KMS requests. The key policy must let Databricks use it (a separate concern).
   * @default - SSE-S3 (AES256)
   */
  readonly kmsKeyArn?: string;
  /** Let `terraform destroy` delete a non-empty bucket. @default false */
  readonly forceDestroy?: boolean;
  /**
   * Terraform lifecycle prevent_destroy on the bucket: it holds DBFS (workspace files, libraries, job results).
   * @default - the context's `protectData`
   */
  readonly preventDestroy?: boolean;
  /**
   * The SRA's restrictive policy: once the workspace exists ({@link RootBucket.restrictToWorkspace}), Databricks may
   * still read the bucket but write only under the workspace's own prefixes (`<region>-prod/<workspace id>/…`,
   * `ephemeral/…`, `<region>-prod/0_databricks_dev`). Until then the bucket carries the full grant, which the
   * storage configuration and workspace creation need. @default - the context's `protectData`
   */
  readonly restrictiveBucketPolicy?: boolean;
}

/** The root bucket's name unless given: `<prefix>-<awsAccountId>-root` (at most 32 + 18 characters, within S3's 63). */
export function defaultRootBucketName(ctx: Pick<ContextValues, "resourcePrefix" | "awsAccountId">): string {
  return `${ctx.resourcePrefix}-${ctx.awsAccountId}-root`;
}

/**
 * The Databricks workspace root bucket: public access blocked, ACLs disabled, encrypted by default, versioned,
 * and a policy that lets only the context's Databricks account in (over TLS only). With `preventDestroy` (by default
 * the context's `protectData`) Terraform refuses to destroy the bucket.
 *
 * Register it (`databricks_mws_storage_configurations`) with a dependency on {@link RootBucket.policy}, so the
 * workspace is not created before Databricks can reach the bucket.
 *
 * Construct ids below are part of the Terraform state contract: renaming one replaces the resource.
 */
export class RootBucket extends Construct {
  /** The S3 bucket. */
  public readonly bucket: S3Bucket;
  /** The bucket's name, as a reference to the bucket (depending on it orders after the bucket). */
  public readonly bucketName: string;
  /** The bucket's ARN, as a reference to the bucket. */
  public readonly bucketArn: string;
  /** Blocks every kind of public access to the bucket. */
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** `BucketOwnerEnforced`: ACLs disabled, the bucket owner owns every object. */
  public readonly ownershipControls: S3BucketOwnershipControls;
  /** Default encryption: SSE-S3, or SSE-KMS with bucket keys when `kmsKeyArn` is given. */
  public readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  /** Versioning: enabled, or suspended with `versioning: false`. */
  public readonly versioning: S3BucketVersioningA;
  /** The bucket policy (Databricks grant + TLS-only deny); created after the public access block. */
  public readonly policy: S3BucketPolicy;
  /** The bucket policy as data (what {@link policy} holds, before rendering). */
  public policyDocument: PolicyDocument;
  /** Whether the policy is restricted to the workspace's prefixes once it exists (`restrictiveBucketPolicy`). */
  public readonly restrictive: boolean;
  /**
   * What registering the bucket with Databricks must wait for: the policy, or, with the restrictive policy (which
   * waits for the workspace), the bucket created with the full grant inline.
   */
  public readonly databricksAccess: ITerraformDependable;

  constructor(scope: Construct, id: string, props: RootBucketProps = {}) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`RootBucket ${this.node.path}`, rootBucketProblems(props, ctx));
    this.literalBucketName = props.rootBucketName ?? defaultRootBucketName(ctx);
    const partition = ctx.partition;
    const resources = createHardenedBucket(this, {
      bucketName: this.literalBucketName,
      region: ctx.region,
      versioning: props.versioning,
      kmsKeyArn: props.kmsKeyArn,
      forceDestroy: props.forceDestroy,
      grants: (bucketArn) => [{
        Sid: "GrantDatabricksAccess",
        Effect: "Allow",
        Principal: { AWS: accountRoot(partition.name, partition.databricksAwsAccountId) },
        Action: ROOT_BUCKET_DATABRICKS_ACTIONS,
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [ctx.databricksAccountId] } },
      }],
    });
    this.bucket = resources.bucket;
    if (props.preventDestroy ?? ctx.protectData) this.bucket.lifecycle = { ...this.bucket.lifecycle, preventDestroy: true };
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.publicAccessBlock = resources.publicAccessBlock;
    this.ownershipControls = resources.ownershipControls;
    this.encryption = resources.encryption;
    this.versioning = resources.versioning;
    this.policy = resources.policy;
    this.policyDocument = resources.policyDocument;
    this.restrictive = props.restrictiveBucketPolicy ?? ctx.protectData;
    this.databricksAccess = this.policy;
    if (this.restrictive) {
      // One deploy, two policy states (the SRA applies the provider's default policy, then replaces it once the
      // workspace id exists): the full grant travels with the bucket's creation and the bucket never rewrites it
      // (ignore_changes), so the storage configuration and the workspace see it; the one aws_s3_bucket_policy then
      // holds the restrictive document, which references the workspace id and so is applied after the workspace.
      this.bucket.policy = renderPolicy(resources.policyDocument);
      this.bucket.lifecycle = { ...this.bucket.lifecycle, ignoreChanges: ["policy"] };
      this.databricksAccess = this.bucket;
      this.node.addValidation({
        validate: () => (this.restricted ? [] : [`RootBucket ${this.node.path}: restrictiveBucketPolicy is on but restrictToWorkspace(workspaceId) was never called`]),
      });
    }
  }

  private restricted = false;
  private readonly literalBucketName: string;

  /**
   * Restricts Databricks' writes to the workspace's prefixes (the restrictive policy; a no-op without it). The
   * workspace id may be a token: the policy then depends on the workspace and is applied after it.
   */
  public restrictToWorkspace(workspaceId: string): void {
    if (!this.restrictive) return;
    const ctx = DeploymentContext.of(this);
    const bucketArn = `arn:${ctx.partition.name}:s3:::${this.literalBucketName}`;
    const who = { principalArn: accountRoot(ctx.partition.name, ctx.partition.databricksAwsAccountId), databricksAccountId: ctx.databricksAccountId };
    const tls = this.policyDocument.Statement.filter((s) => s.Sid === "AllowSSLRequestsOnly");
    this.policyDocument = policyDocument(...restrictiveRootBucketGrants(bucketArn, who, ROOT_BUCKET_REGION_NAMES[ctx.region], workspaceId), ...tls);
    this.policy.policy = renderPolicy(this.policyDocument);
    // The offline plan (scripts/tf-check) has no Databricks provider: it may stand a placeholder in for the id.
    this.policy.addOverride("//.tf-check", { offlinePlaceholders: "the workspace id (from Databricks) in the write prefixes" });
    this.restricted = true;
  }
}

/**
 * Every problem with the props of a {@link RootBucket} (the default name too); tokens are not checked. The context's
 * region is the one a KMS key must be in (not checked while the region is unknown: the context reports that).
 */
export function rootBucketProblems(props: RootBucketProps, ctx: Pick<ContextValues, "resourcePrefix" | "awsAccountId" | "region">): Problem[] {
  const problems: Problem[] = [];
  const name = props.rootBucketName ?? defaultRootBucketName(ctx);
  if (!Token.isUnresolved(name)) problems.push(...bucketNameProblems(name, "rootBucketName"));

  const region = REGIONS[ctx.region];
  if (region && props.kmsKeyArn !== undefined && !Token.isUnresolved(props.kmsKeyArn)) {
    const partition = region.partition;
    const keyArn = new RegExp(`^arn:${partition}:kms:${ctx.region}:\\d{12}:(key|alias)/[^\\s]+$`);
    if (!keyArn.test(props.kmsKeyArn)) {
      problems.push({
        path: "kmsKeyArn", value: props.kmsKeyArn,
        message: `must be the ARN of a KMS key or alias in the bucket's region: arn:${partition}:kms:${ctx.region}:<account>:key/<key id> ` +
          "(S3 encrypts only with keys in the bucket's region)",
      });
    }
  }
  return problems;
}
