import { partitionOf, regionInfo } from "../core/constants";
import type { ContextValues } from "../core/context";
import { accountRoot, policyDocument, PolicyDocument, PolicyStatement } from "../core/policy";
import { KINESIS_CONSUMER_READ_ACTIONS, KINESIS_STREAM_READ_ACTIONS } from "../core/kinesis-actions";
import { EndpointAllowLists, kinesisAllowStatements, s3AllowStatements, stsAllowStatements } from "./endpoint-allow-lists";

/**
 * SRA-style VPC endpoint policies (databricks/terraform-databricks-sra:aws/tf/privatelink.tf): the buckets and
 * streams the environment uses, named, plus the Databricks buckets and streams the runtime needs; everything else
 * through these endpoints is denied (`network.endpointAllowLists` widens them). Each takes the deployment's region
 * and account: a DeploymentContext, or the same fields of a config.
 */
export type EndpointPolicyContext = Pick<ContextValues, "region" | "awsAccountId">;

/**
 * What the environment's clusters reach through the endpoints, by name (the stack derives it from the config; the
 * catalog bucket is created by the workspace-config stack, so it is named, not referenced).
 */
export interface EndpointDataPaths {
  /** The workspace root bucket: DBFS root, written by Databricks' own principals (as in the SRA). */
  readonly rootBucket: string;
  /** Buckets of this account its principals read and write: the data bucket, the Unity Catalog bucket. @default [] */
  readonly buckets?: readonly string[];
  /** Streams of this account, in this region, the clusters read (never write). @default [] */
  readonly streamNames?: readonly string[];
}

const S3_READ = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation"];
const S3_READ_WRITE = [
  ...S3_READ, "s3:PutObject", "s3:DeleteObject",
  "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload",
];
/** What clusters do on a stream they read, and on its enhanced fan-out consumers (the data-access role's actions). */
const KINESIS_READ = [...KINESIS_STREAM_READ_ACTIONS, ...KINESIS_CONSUMER_READ_ACTIONS];
const KINESIS_WRITE = ["kinesis:PutRecord", "kinesis:PutRecords"];

function bucketAndObjects(partition: string, buckets: readonly string[]): string[] {
  return buckets.flatMap((b) => [`arn:${partition}:s3:::${b}`, `arn:${partition}:s3:::${b}/*`]);
}

/**
 * The customer's buckets: with `paths`, the root bucket for Databricks' principals and the named buckets for this
 * account's (the SRA's two statements); without, every bucket of this account (the wide form, for callers that
 * cannot name them).
 */
function customerBucketStatements(partition: string, account: string, databricksAccount: string, paths?: EndpointDataPaths): PolicyStatement[] {
  if (!paths) {
    return [{ Sid: "CustomerAccountBuckets", Effect: "Allow", Principal: "*", Action: S3_READ_WRITE, Resource: "*", Condition: { StringEquals: { "s3:ResourceAccount": account } } }];
  }
  const buckets = [...new Set(paths.buckets ?? [])].filter((b) => b !== paths.rootBucket);
  return [
    {
      Sid: "WorkspaceRootBucket", Effect: "Allow", Principal: "*", Action: S3_READ_WRITE, Resource: bucketAndObjects(partition, [paths.rootBucket]),
      Condition: { StringEquals: { "aws:PrincipalAccount": databricksAccount, "s3:ResourceAccount": account } },
    },
    ...(buckets.length ? [{
      Sid: "EnvironmentBuckets", Effect: "Allow", Principal: "*", Action: S3_READ_WRITE, Resource: bucketAndObjects(partition, buckets),
      Condition: { StringEquals: { "aws:PrincipalAccount": account, "s3:ResourceAccount": account } },
    } as PolicyStatement] : []),
  ];
}

export function s3EndpointPolicy({ region, awsAccountId }: EndpointPolicyContext, allow?: EndpointAllowLists, paths?: EndpointDataPaths): PolicyDocument {
  const p = partitionOf(region);
  const { datasetsBucket, logBucket } = regionInfo(region);
  const artifacts = [`databricks-prod-artifacts-${region}`, ...(region === "us-west-2" ? ["databricks-update-oregon"] : [])];
  return policyDocument(
    ...customerBucketStatements(p.name, awsAccountId, p.databricksAwsAccountId, paths),
    {
      Sid: "DatabricksArtifacts", Effect: "Allow", Principal: "*", Action: S3_READ,
      Resource: bucketAndObjects(p.name, artifacts),
      Condition: { StringEquals: { "aws:ResourceAccount": p.databricksArtifactAccountId } },
    },
    {
      Sid: "DatabricksSampleData", Effect: "Allow", Principal: "*", Action: S3_READ,
      Resource: bucketAndObjects(p.name, [datasetsBucket]),
      Condition: { StringEquals: { "aws:PrincipalAccount": p.databricksArtifactAccountId } },
    },
    {
      Sid: "DatabricksSystemTables", Effect: "Allow", Principal: "*", Action: S3_READ,
      Resource: bucketAndObjects(p.name, [`system-tables-prod-${region}-uc-metastore-bucket`]),
      Condition: { StringEquals: { "aws:PrincipalAccount": p.databricksAwsAccountId } },
    },
    {
      Sid: "DatabricksLogDelivery", Effect: "Allow", Principal: "*", Action: ["s3:PutObject", "s3:ListBucket", "s3:GetBucketLocation"],
      Resource: bucketAndObjects(p.name, [logBucket]),
      Condition: { StringEquals: { "aws:PrincipalAccount": p.databricksAwsAccountId } },
    },
    ...s3AllowStatements(allow, p.name, S3_READ_WRITE),
  );
}

/**
 * STS: this account's principals may assume (and tag sessions of) roles of this account only; the calls without a
 * resource (session tokens, key info, decoding messages) stay on `*`. Roles of other accounts come from
 * `endpointAllowLists.sts.roleArns`. The SRA's customer statement has `Resource: "*"`, which lets a principal of
 * this account assume a role in any account through the endpoint.
 */
export function stsEndpointPolicy({ region, awsAccountId }: EndpointPolicyContext, allow?: EndpointAllowLists): PolicyDocument {
  const p = partitionOf(region);
  const self = { AWS: accountRoot(p.name, awsAccountId) };
  return policyDocument(
    {
      Sid: "CustomerAccountRoles", Effect: "Allow", Principal: self,
      Action: ["sts:AssumeRole", "sts:TagSession"], Resource: `arn:${p.name}:iam::${awsAccountId}:role/*`,
    },
    {
      // No resource-level permissions for these (Service Authorization Reference, AWS STS): `*` is the only resource.
      Sid: "CustomerAccountSessions", Effect: "Allow", Principal: self,
      Action: ["sts:GetAccessKeyInfo", "sts:GetSessionToken", "sts:DecodeAuthorizationMessage"], Resource: "*",
    },
    {
      Sid: "DatabricksSampleDataUser", Effect: "Allow",
      Principal: { AWS: [`arn:${p.name}:iam::${p.databricksArtifactAccountId}:user/databricks-datasets-readonly-user-prod`, accountRoot(p.name, p.databricksAwsAccountId)] },
      Action: ["sts:AssumeRole", "sts:GetSessionToken", "sts:TagSession"],
      Resource: "*",
    },
    ...stsAllowStatements(allow, self),
  );
}

/**
 * Kinesis: Databricks' log streams (the SRA's statement), and reads of the environment's streams by this account's
 * principals. Without `paths`, every stream of this account, read and write (the wide form).
 */
export function kinesisEndpointPolicy({ region, awsAccountId }: EndpointPolicyContext, allow?: EndpointAllowLists, paths?: EndpointDataPaths): PolicyDocument {
  const p = partitionOf(region);
  const self = { AWS: accountRoot(p.name, awsAccountId) };
  const streams = (paths ? [...new Set(paths.streamNames ?? [])] : ["*"]).map((s) => `arn:${p.name}:kinesis:${region}:${awsAccountId}:stream/${s}`);
  return policyDocument(
    {
      Sid: "DatabricksLogStreams", Effect: "Allow", Principal: { AWS: accountRoot(p.name, p.databricksAwsAccountId) },
      Action: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStream"],
      Resource: `arn:${p.name}:kinesis:${region}:${p.databricksAwsAccountId}:stream/*`,
    },
    ...(streams.length ? [{
      // The article's workflow: clusters read the environment's streams (instance profile or UC service credential).
      Sid: paths ? "EnvironmentStreams" : "CustomerAccountStreams", Effect: "Allow", Principal: self,
      Action: paths ? KINESIS_READ : [...KINESIS_READ, ...KINESIS_WRITE],
      Resource: paths ? [...streams, ...streams.map((s) => `${s}/consumer/*`)] : streams[0],
    } as PolicyStatement] : []),
    ...kinesisAllowStatements(allow, self.AWS, [...KINESIS_READ, ...KINESIS_WRITE]),
  );
}
