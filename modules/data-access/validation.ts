import { Token } from "cdktf";
import { bucketNameProblems } from "../core/bucket-name";
import { REGIONS } from "../core/constants";
import type { ContextValues } from "../core/context";
import type { Problem } from "../core/problems";
import { DataAccessProps, DEMO_STREAM_SUFFIX, KINESIS_STREAM_NAME_LENGTH, KINESIS_STREAM_NAME_PATTERN } from "./props";
import { isRecord } from "../core/shape";

/**
 * Every problem with the props of a {@link DataAccess}; format checks skip Terraform tokens where they can. The
 * context's prefix names the demo stream, its region is the one a KMS key must be in (not checked while the region
 * is unknown: the context reports that).
 */
export function dataAccessProblems(props: DataAccessProps, ctx: Pick<ContextValues, "resourcePrefix" | "region">): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const literal = (value: string) => !Token.isUnresolved(value);
  if (!isRecord(props)) return problems; // the schema reports it

  if (typeof props.bucketName !== "string") { /* the schema reports it */ } else if (literal(props.bucketName)) problems.push(...bucketNameProblems(props.bucketName, "bucketName"));
  else add("bucketName", props.bucketName, "must be literal, not a token: the policy's S3 ARNs are computed from it");

  const prefix = props.writePrefix;
  if (typeof prefix === "string" && prefix !== "") {
    if (!literal(prefix)) add("writePrefix", prefix, "must be literal, not a token: it becomes the policy's object ARN and s3:prefix condition");
    else {
      if (prefix.startsWith("/")) add("writePrefix", prefix, "must not start with \"/\": S3 keys have no leading slash (e.g. \"delta/\")");
      if (!prefix.endsWith("/")) add("writePrefix", prefix, "must end with \"/\" (e.g. \"delta/\"): without it the grant also covers keys that merely start with the same characters");
      if (/[*?]/.test(prefix)) add("writePrefix", prefix, "must not contain * or ?: they are wildcards in the policy's ARN and condition");
    }
  }

  const streams = props.streamNames;
  if (Array.isArray(streams)) {
    if (Token.isUnresolved(streams)) {
      add("streamNames", "<list token>", "must be a literal list: the policy lists each stream's ARN");
    } else {
      const { min, max } = KINESIS_STREAM_NAME_LENGTH;
      const demoName = props.demoStream ? `${ctx.resourcePrefix}${DEMO_STREAM_SUFFIX}` : undefined;
      streams.forEach((name, i) => {
        const path = `streamNames[${i}]`;
        if (typeof name !== "string" || !literal(name)) return; // a type the schema reports, or a token
        if (name.length < min || name.length > max || !KINESIS_STREAM_NAME_PATTERN.test(name)) {
          add(path, name, `must be a Kinesis stream name: ${min} to ${max} letters, digits, _ . -`);
        } else if (streams.indexOf(name) !== i) add(path, name, "is listed twice");
        else if (name === demoName) add(path, name, "is the demo stream's name (demoStream: true creates and grants it); remove it from streamNames");
      });
    }
  }

  const region = REGIONS[ctx.region];
  if (region && props.kmsKeyArn !== undefined && literal(props.kmsKeyArn)) {
    const keyArn = new RegExp(`^arn:${region.partition}:kms:${ctx.region}:\\d{12}:key/[^\\s*?]+$`);
    if (!keyArn.test(props.kmsKeyArn)) {
      add("kmsKeyArn", props.kmsKeyArn,
        `must be the ARN of a KMS key in the bucket's region: arn:${region.partition}:kms:${ctx.region}:<account>:key/<key id> ` +
        "(S3 encrypts only with keys in the bucket's region; IAM policies match key ARNs, not aliases)");
    }
  }
  return problems;
}
