/** Suffix of the role and instance profile names: `<prefix>-data-access`; inline policy `<prefix>-data-access-policy`. */
export const DATA_ACCESS_ROLE_SUFFIX = "-data-access";
/** Suffix of the demo stream's name: `<prefix>-demo`. */
export const DEMO_STREAM_SUFFIX = "-demo";

/** The streams clusters read with these props: `streamNames`, then the demo stream `<prefix>-demo` (pure). */
export function readableStreamNames(props: Pick<DataAccessProps, "streamNames" | "demoStream">, ctx: { resourcePrefix: string }): string[] {
  return [...(props.streamNames ?? []), ...(props.demoStream ? [`${ctx.resourcePrefix}${DEMO_STREAM_SUFFIX}`] : [])];
}

/** Kinesis stream names (CreateStream `StreamName`): 1 to 128 of these characters. */
export const KINESIS_STREAM_NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;
export const KINESIS_STREAM_NAME_LENGTH = { min: 1, max: 128 } as const;

/**
 * Props of {@link DataAccess}: the config's `workspaceConfig.dataAccess` section. The names' prefix (role and instance
 * profile `<prefix>-data-access`, demo stream `<prefix>-demo`), the partition, region and account of the ARNs come
 * from the stack's `DeploymentContext`.
 */
export interface DataAccessProps {
  /** The data bucket clusters write Delta to (created here, hardened). Literal; S3 naming rules, no dots. */
  readonly bucketName: string;
  /**
   * Prefix in the data bucket the clusters may write under (e.g. "delta/"): no leading `/`, ends with `/`, no
   * wildcards. Listing is limited to it too.
   * @default "" (whole bucket)
   */
  readonly writePrefix?: string;
  /**
   * Existing Kinesis streams (names, in the context's region and AWS account) the clusters may read.
   * With none and no {@link demoStream}, the role has no Kinesis permissions at all (an S3-only data-access role).
   * @default - none
   */
  readonly streamNames?: readonly string[];
  /**
   * Also create a small demo stream `<prefix>-demo` (1 shard, provisioned, encrypted with the AWS-managed key
   * `alias/aws/kinesis`, 24 h retention) and allow reading it.
   * @default false
   */
  readonly demoStream?: boolean;
  /**
   * SSE-KMS key for the data bucket: a key ARN (not an alias: IAM policies match key ARNs) in the bucket's
   * region; may be a token. The role may use it through S3 only. The key policy must allow the account's IAM
   * policies (the default key policy does).
   * @default - SSE-S3
   */
  readonly kmsKeyArn?: string;
  /**
   * Terraform lifecycle prevent_destroy on the data bucket: it holds the job's Delta tables. (The demo stream keeps
   * 24 hours of test records and is not protected.)
   * @default - the context's `protectData`
   */
  readonly preventDestroy?: boolean;
}
