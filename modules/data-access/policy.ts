import { partitionOf } from "../core/constants";
import type { ContextValues } from "../core/context";
import { policyDocument, PolicyDocument, PolicyStatement } from "../core/policy";
import type { DataAccessProps } from "./props";

// The Kinesis read actions live in the kernel: the endpoint policies (network) grant the same ones.
import { KINESIS_CONSUMER_READ_ACTIONS, KINESIS_STREAM_READ_ACTIONS } from "../core/kinesis-actions";
export { KINESIS_CONSUMER_READ_ACTIONS, KINESIS_STREAM_READ_ACTIONS };

/**
 * Reading and writing Delta under the write prefix. Delta needs DeleteObject: checkpoint and offset files are
 * rewritten and cleaned up, the `_delta_log` is trimmed after checkpoints, and VACUUM removes unreferenced files.
 */
export const DATA_OBJECT_ACTIONS: readonly string[] = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"];
/** SSE-KMS: GetObject decrypts, PutObject (and multipart upload) generates data keys. */
export const DATA_KEY_ACTIONS: readonly string[] = ["kms:Decrypt", "kms:GenerateDataKey"];

/** Trust policy of the data-access role: EC2 instances (the cluster nodes) assume it through the instance profile. */
export function dataAccessTrustPolicy(): PolicyDocument {
  return policyDocument({
    Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: ["sts:AssumeRole"],
  });
}

/**
 * The data-access role's permissions (pure; `streamNames` are all the streams it may read, demo stream included).
 * The context's region and AWS account scope the ARNs. No statement has a `*` resource.
 */
export function dataAccessPolicy(
  props: Pick<DataAccessProps, "bucketName" | "writePrefix" | "streamNames" | "kmsKeyArn">,
  ctx: Pick<ContextValues, "region" | "awsAccountId">,
): PolicyDocument {
  const partition = partitionOf(ctx.region).name;
  const streamArns = (props.streamNames ?? []).map((name) => `arn:${partition}:kinesis:${ctx.region}:${ctx.awsAccountId}:stream/${name}`);
  const bucketArn = `arn:${partition}:s3:::${props.bucketName}`;
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
      Condition: { StringEquals: { "kms:ViaService": [`s3.${ctx.region}.amazonaws.com`] } },
    });
  }
  return policyDocument(...statements);
}
