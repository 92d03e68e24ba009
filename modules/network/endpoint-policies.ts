import { partitionOf, regionInfo } from "../core/constants";
import type { ContextValues } from "../core/context";
import { accountRoot, policyDocument, PolicyDocument } from "../core/policy";
import { EndpointAllowLists, kinesisAllowStatements, s3AllowStatements, stsAllowStatements } from "./endpoint-allow-lists";

/**
 * SRA-style VPC endpoint policies (databricks/terraform-databricks-sra:aws/tf/privatelink.tf), generalised so the article's workflow still works:
 * clusters may use any bucket and stream owned by the customer's account, plus the Databricks buckets and
 * streams the runtime needs. Everything else through these endpoints is denied. Each takes the deployment's
 * region and account: a DeploymentContext, or the same fields of a config.
 */
export type EndpointPolicyContext = Pick<ContextValues, "region" | "awsAccountId">;

const S3_READ = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation"];
const S3_READ_WRITE = [
  ...S3_READ, "s3:PutObject", "s3:DeleteObject",
  "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload",
];

function bucketAndObjects(partition: string, buckets: readonly string[]): string[] {
  return buckets.flatMap((b) => [`arn:${partition}:s3:::${b}`, `arn:${partition}:s3:::${b}/*`]);
}

export function s3EndpointPolicy({ region, awsAccountId }: EndpointPolicyContext, allow?: EndpointAllowLists): PolicyDocument {
  const p = partitionOf(region);
  const { datasetsBucket, logBucket } = regionInfo(region);
  const artifacts = [`databricks-prod-artifacts-${region}`, ...(region === "us-west-2" ? ["databricks-update-oregon"] : [])];
  return policyDocument(
    {
      Sid: "CustomerAccountBuckets", Effect: "Allow", Principal: "*", Action: S3_READ_WRITE, Resource: "*",
      Condition: { StringEquals: { "s3:ResourceAccount": awsAccountId } },
    },
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

export function stsEndpointPolicy({ region, awsAccountId }: EndpointPolicyContext, allow?: EndpointAllowLists): PolicyDocument {
  const p = partitionOf(region);
  return policyDocument(
    {
      Sid: "CustomerAccount", Effect: "Allow", Principal: { AWS: accountRoot(p.name, awsAccountId) },
      Action: ["sts:AssumeRole", "sts:GetAccessKeyInfo", "sts:GetSessionToken", "sts:DecodeAuthorizationMessage", "sts:TagSession"],
      Resource: "*",
    },
    {
      Sid: "DatabricksSampleDataUser", Effect: "Allow",
      Principal: { AWS: [`arn:${p.name}:iam::${p.databricksArtifactAccountId}:user/databricks-datasets-readonly-user-prod`, accountRoot(p.name, p.databricksAwsAccountId)] },
      Action: ["sts:AssumeRole", "sts:GetSessionToken", "sts:TagSession"],
      Resource: "*",
    },
    ...stsAllowStatements(allow),
  );
}

export function kinesisEndpointPolicy({ region, awsAccountId }: EndpointPolicyContext, allow?: EndpointAllowLists): PolicyDocument {
  const p = partitionOf(region);
  const reader = [
    "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:DescribeStreamConsumer", "kinesis:GetRecords",
    "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard", "kinesis:PutRecord", "kinesis:PutRecords",
  ];
  return policyDocument(
    {
      Sid: "DatabricksLogStreams", Effect: "Allow", Principal: { AWS: accountRoot(p.name, p.databricksAwsAccountId) },
      Action: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStream"],
      Resource: `arn:${p.name}:kinesis:${region}:${p.databricksAwsAccountId}:stream/*`,
    },
    {
      // The article's workflow: clusters read the customer's streams with an instance profile.
      Sid: "CustomerAccountStreams", Effect: "Allow", Principal: { AWS: accountRoot(p.name, awsAccountId) },
      Action: reader,
      Resource: `arn:${p.name}:kinesis:${region}:${awsAccountId}:stream/*`,
    },
    ...kinesisAllowStatements(allow, accountRoot(p.name, awsAccountId), reader),
  );
}
