import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KinesisStream } from "@cdktf/provider-aws/lib/kinesis-stream";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { partitionOf, REGIONS } from "../core/constants";
import { awsAccountIdProblems, regionProblems } from "../core/ids";
import { ROLE_NAME_MAX_LENGTH, ROLE_NAME_PATTERN } from "../core/iam-names";
import { policyDocument, PolicyDocument, PolicyStatement, renderPolicy } from "../core/policy";
import { Problem, throwIfProblems } from "../core/problems";
import { bucketNameProblems } from "../core/bucket-name";
import { createHardenedBucket } from "../core/hardened-bucket";

/** Suffix of the role and instance profile names: `<prefix>-data-access`; inline policy `<prefix>-data-access-policy`. */
export const DATA_ACCESS_ROLE_SUFFIX = "-data-access";
/** Suffix of the demo stream's name: `<prefix>-demo`. */
export const DEMO_STREAM_SUFFIX = "-demo";

/** Kinesis stream names (CreateStream `StreamName`): 1 to 128 of these characters. */
export const KINESIS_STREAM_NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;
export const KINESIS_STREAM_NAME_LENGTH = { min: 1, max: 128 } as const;

/**
 * What the clusters may do on each stream (resource type `stream`). Polling mode, the Databricks Kinesis source's
 * default and what the notebook uses, needs ListShards, GetShardIterator and GetRecords (Databricks, "Connect to
 * Amazon Kinesis"); DescribeStream / DescribeStreamSummary are the existence/status checks consumers make first.
 * `kinesis:ListStreams` is not granted: the source is given stream names and never enumerates streams.
 */
export const KINESIS_STREAM_READ_ACTIONS: readonly string[] = [
  "kinesis:DescribeStream",
  "kinesis:DescribeStreamSummary",
  "kinesis:GetRecords",
  "kinesis:GetShardIterator",
  "kinesis:ListShards",
];

/**
 * Enhanced fan-out reads (`consumerMode = "efo"`): these two act on the resource type `consumer`
 * (`<stream ARN>/consumer/<name>:<creation timestamp>`), not on the stream, so they are granted on the configured
 * streams' consumers only. Registering a consumer (`kinesis:RegisterStreamConsumer`) is not granted: EFO needs a
 * consumer registered beforehand (or a wider policy).
 */
export const KINESIS_CONSUMER_READ_ACTIONS: readonly string[] = ["kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"];

/**
 * Reading and writing Delta under the write prefix. Delta needs DeleteObject: checkpoint and offset files are
 * rewritten and cleaned up, the `_delta_log` is trimmed after checkpoints, and VACUUM removes unreferenced files.
 */
export const DATA_OBJECT_ACTIONS: readonly string[] = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"];
/** SSE-KMS: GetObject decrypts, PutObject (and multipart upload) generates data keys. */
export const DATA_KEY_ACTIONS: readonly string[] = ["kms:Decrypt", "kms:GenerateDataKey"];

/** Props of {@link DataAccess}. */
export interface DataAccessProps {
  /**
   * Prefix of the names: role and instance profile `<prefix>-data-access`, demo stream `<prefix>-demo`. Literal
   * (the ARNs are computed from it); the role name must be a valid IAM name of at most 64 characters.
   */
  readonly namePrefix: string;
  /** Literal AWS region of the bucket and the streams: picks the partition and the ARNs' region. */
  readonly region: string;
  /** The AWS account id (12 digits; may be a token) of the role, the bucket and the streams. */
  readonly awsAccountId: string;
  /** The data bucket clusters write Delta to (created here, hardened). S3 naming rules, no dots. */
  readonly dataBucketName: string;
  /**
   * Prefix in the data bucket the clusters may write under (e.g. "delta/"): no leading `/`, ends with `/`, no
   * wildcards. Listing is limited to it too.
   * @default "" (whole bucket)
   */
  readonly writePrefix?: string;
  /**
   * Existing Kinesis streams (names, in {@link region} and {@link awsAccountId}) the clusters may read.
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
}

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
  /** The data bucket. */
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
    throwIfProblems(`DataAccess ${this.node.path}`, dataAccessProblems(props));
    const partition = partitionOf(props.region).name;
    this.roleName = `${props.namePrefix}${DATA_ACCESS_ROLE_SUFFIX}`;
    this.roleArn = `arn:${partition}:iam::${props.awsAccountId}:role/${this.roleName}`;
    this.instanceProfileArn = `arn:${partition}:iam::${props.awsAccountId}:instance-profile/${this.roleName}`;

    const bucket = createHardenedBucket(new Construct(this, "data-bucket"), {
      bucketName: props.dataBucketName, region: props.region, kmsKeyArn: props.kmsKeyArn,
    });
    this.dataBucket = bucket.bucket;
    this.dataBucketName = bucket.bucket.bucket;
    this.dataBucketArn = `arn:${partition}:s3:::${props.dataBucketName}`;
    this.dataBucketPublicAccessBlock = bucket.publicAccessBlock;
    this.dataBucketPolicy = bucket.policy;

    if (props.demoStream) {
      this.demoStreamName = `${props.namePrefix}${DEMO_STREAM_SUFFIX}`;
      this.demoStream = new KinesisStream(this, "demo-stream", {
        name: this.demoStreamName,
        shardCount: 1,
        streamModeDetails: { streamMode: "PROVISIONED" },
        encryptionType: "KMS",
        kmsKeyId: "alias/aws/kinesis",
        retentionPeriod: 24,
      });
    }
    this.readableStreamNames = [...(props.streamNames ?? []), ...(this.demoStreamName ? [this.demoStreamName] : [])];

    this.assumeRolePolicyDocument = dataAccessTrustPolicy();
    this.policyDocument = dataAccessPolicy({ ...props, streamNames: this.readableStreamNames });

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

/** Trust policy of the data-access role: EC2 instances (the cluster nodes) assume it through the instance profile. */
export function dataAccessTrustPolicy(): PolicyDocument {
  return policyDocument({
    Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: ["sts:AssumeRole"],
  });
}

/**
 * The data-access role's permissions (pure; `streamNames` are all the streams it may read, demo stream included).
 * No statement has a `*` resource.
 */
export function dataAccessPolicy(props: Pick<DataAccessProps, "region" | "awsAccountId" | "dataBucketName" | "writePrefix" | "streamNames" | "kmsKeyArn">): PolicyDocument {
  const partition = partitionOf(props.region).name;
  const streamArns = (props.streamNames ?? []).map((name) => `arn:${partition}:kinesis:${props.region}:${props.awsAccountId}:stream/${name}`);
  const bucketArn = `arn:${partition}:s3:::${props.dataBucketName}`;
  const prefix = props.writePrefix ?? "";
  const statements: PolicyStatement[] = [];
  if (streamArns.length > 0) {
    statements.push(
      { Sid: "ReadStreams", Effect: "Allow", Action: KINESIS_STREAM_READ_ACTIONS, Resource: streamArns },
      { Sid: "ReadStreamConsumers", Effect: "Allow", Action: KINESIS_CONSUMER_READ_ACTIONS, Resource: streamArns.map((arn) => `${arn}/consumer/*`) },
    );
  }
  statements.push(
    { Sid: "LocateDataBucket", Effect: "Allow", Action: ["s3:GetBucketLocation"], Resource: [bucketArn] },
    {
      Sid: "ListDataBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [bucketArn],
      // Its own statement: GetBucketLocation requests carry no s3:prefix, and a listing without a prefix (the whole
      // bucket) must not match (StringLike fails on a missing key; ...IfExists would let it through).
      ...(prefix === "" ? {} : { Condition: { StringLike: { "s3:prefix": [`${prefix}*`] } } }),
    },
    { Sid: "ReadWriteDelta", Effect: "Allow", Action: DATA_OBJECT_ACTIONS, Resource: [`${bucketArn}/${prefix}*`] },
  );
  if (props.kmsKeyArn !== undefined) {
    statements.push({
      Sid: "UseDataBucketKey", Effect: "Allow", Action: DATA_KEY_ACTIONS, Resource: [props.kmsKeyArn],
      Condition: { StringEquals: { "kms:ViaService": [`s3.${props.region}.amazonaws.com`] } },
    });
  }
  return policyDocument(...statements);
}

/** Every problem with the props of a {@link DataAccess}; format checks skip Terraform tokens where they can. */
export function dataAccessProblems(props: DataAccessProps): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const literal = (value: string) => !Token.isUnresolved(value);

  // namePrefix: literal, and `<prefix>-data-access` a valid IAM role (and instance profile) name.
  if (!literal(props.namePrefix)) {
    add("namePrefix", props.namePrefix, "must be literal, not a token: the role and instance profile ARNs are computed from it");
  } else {
    const roleName = `${props.namePrefix}${DATA_ACCESS_ROLE_SUFFIX}`;
    if (props.namePrefix.length === 0) add("namePrefix", props.namePrefix, "must not be empty");
    else if (!ROLE_NAME_PATTERN.test(props.namePrefix)) {
      add("namePrefix", props.namePrefix, "may contain only letters, digits and _ + = , . @ - (IAM role names match [\\w+=,.@-]+)");
    }
    if (roleName.length > ROLE_NAME_MAX_LENGTH) {
      add("namePrefix", props.namePrefix,
        `makes the role name ${roleName.length} characters long; IAM allows ${ROLE_NAME_MAX_LENGTH}, so the prefix may have at most ${ROLE_NAME_MAX_LENGTH - DATA_ACCESS_ROLE_SUFFIX.length}`);
    }
    if (props.demoStream && props.namePrefix.length > 0 && !KINESIS_STREAM_NAME_PATTERN.test(props.namePrefix)) {
      add("namePrefix", props.namePrefix,
        `makes the demo stream name ${JSON.stringify(`${props.namePrefix}${DEMO_STREAM_SUFFIX}`)} invalid: Kinesis stream names may contain only letters, digits, _ . -`);
    }
  }

  const region = REGIONS[props.region];
  problems.push(...regionProblems(props.region, "the partition and region of the policy's ARNs"));
  problems.push(...awsAccountIdProblems(props.awsAccountId));
  if (literal(props.dataBucketName)) problems.push(...bucketNameProblems(props.dataBucketName, "dataBucketName"));
  else add("dataBucketName", props.dataBucketName, "must be literal, not a token: the policy's S3 ARNs are computed from it");

  const prefix = props.writePrefix;
  if (prefix !== undefined && prefix !== "") {
    if (!literal(prefix)) add("writePrefix", prefix, "must be literal, not a token: it becomes the policy's object ARN and s3:prefix condition");
    else {
      if (prefix.startsWith("/")) add("writePrefix", prefix, "must not start with \"/\": S3 keys have no leading slash (e.g. \"delta/\")");
      if (!prefix.endsWith("/")) add("writePrefix", prefix, "must end with \"/\" (e.g. \"delta/\"): without it the grant also covers keys that merely start with the same characters");
      if (/[*?]/.test(prefix)) add("writePrefix", prefix, "must not contain * or ?: they are wildcards in the policy's ARN and condition");
    }
  }

  const streams = props.streamNames;
  if (streams !== undefined) {
    if (Token.isUnresolved(streams)) {
      add("streamNames", "<list token>", "must be a literal list: the policy lists each stream's ARN");
    } else {
      const { min, max } = KINESIS_STREAM_NAME_LENGTH;
      const demoName = props.demoStream ? `${props.namePrefix}${DEMO_STREAM_SUFFIX}` : undefined;
      streams.forEach((name, i) => {
        const path = `streamNames[${i}]`;
        if (!literal(name)) return;
        if (name.length < min || name.length > max || !KINESIS_STREAM_NAME_PATTERN.test(name)) {
          add(path, name, `must be a Kinesis stream name: ${min} to ${max} letters, digits, _ . -`);
        } else if (streams.indexOf(name) !== i) add(path, name, "is listed twice");
        else if (name === demoName) add(path, name, "is the demo stream's name (demoStream: true creates and grants it); remove it from streamNames");
      });
    }
  }

  if (region && props.kmsKeyArn !== undefined && literal(props.kmsKeyArn)) {
    const keyArn = new RegExp(`^arn:${region.partition}:kms:${props.region}:\\d{12}:key/[^\\s*?]+$`);
    if (!keyArn.test(props.kmsKeyArn)) {
      add("kmsKeyArn", props.kmsKeyArn,
        `must be the ARN of a KMS key in the bucket's region: arn:${region.partition}:kms:${props.region}:<account>:key/<key id> ` +
        "(S3 encrypts only with keys in the bucket's region; IAM policies match key ARNs, not aliases)");
    }
  }
  return problems;
}
