import { TerraformOutput, TerraformVariable } from "cdktf";
import { DataAccess, DataAccessProps, dataAccessProblems } from "../modules/data-access";
import { ValidationError } from "../modules/core/problems";
import { Json, refTo, resource, resources, synthJson } from "./helpers";

const BASE: DataAccessProps = {
  namePrefix: "dbx-test", region: "us-east-1", awsAccountId: "123456789012", dataBucketName: "dbx-test-data",
};
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const STREAM = (name: string, region = "us-east-1", partition = "aws") => `arn:${partition}:kinesis:${region}:123456789012:stream/${name}`;
const READ = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];
const CONSUMER = ["kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"];

function synth(props: Partial<DataAccessProps> = {}): Json {
  return synthJson((scope) => new DataAccess(scope, "data-access", { ...BASE, ...props }));
}
const rolePolicyOf = (json: Json) => JSON.parse(resource(json, "aws_iam_role_policy", "data-access").policy);
const statement = (doc: Json, sid: string) => doc.Statement.find((s: Json) => s.Sid === sid);

describe("DataAccess: role, trust and instance profile", () => {
  const json = synth({ streamNames: ["events"] });

  test("trust policy: exactly EC2 may assume the role", () => {
    expect(JSON.parse(resource(json, "aws_iam_role", "data-access").assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: ["sts:AssumeRole"] }],
    });
  });

  test("role, instance profile and policy names", () => {
    expect(resource(json, "aws_iam_role", "data-access").name).toBe("dbx-test-data-access");
    expect(resource(json, "aws_iam_instance_profile", "data-access").name).toBe("dbx-test-data-access");
    expect(resource(json, "aws_iam_role_policy", "data-access").name).toBe("dbx-test-data-access-policy");
  });

  test("the instance profile wraps the role by reference (created after it); the policy is attached to it", () => {
    expect(resource(json, "aws_iam_instance_profile", "data-access").role).toBe(refTo(json, "aws_iam_role", "data-access", "name"));
    expect(resource(json, "aws_iam_role_policy", "data-access").role).toBe(refTo(json, "aws_iam_role", "data-access", "id"));
  });

  test("roleArn, roleName and instanceProfileArn are literal and match the created names", () => {
    let access!: DataAccess;
    const json = synthJson((scope) => {
      access = new DataAccess(scope, "data-access", BASE);
      new TerraformOutput(scope, "role", { value: access.roleArn, staticId: true });
      new TerraformOutput(scope, "profile", { value: access.instanceProfileArn, staticId: true });
    });
    expect(access.roleName).toBe("dbx-test-data-access");
    expect(json.output.role.value).toBe("arn:aws:iam::123456789012:role/dbx-test-data-access");
    expect(json.output.profile.value).toBe("arn:aws:iam::123456789012:instance-profile/dbx-test-data-access");
    expect(access.roleArn).toBe(`arn:aws:iam::123456789012:role/${resource(json, "aws_iam_role", "data-access").name}`);
    expect(access.instanceProfileArn)
      .toBe(`arn:aws:iam::123456789012:instance-profile/${resource(json, "aws_iam_instance_profile", "data-access").name}`);
  });
});

describe("DataAccess: permissions policy", () => {
  test("the whole document: streams, then the bucket, prefix-limited; no KMS without a key", () => {
    expect(rolePolicyOf(synth({ streamNames: ["events", "clicks"], writePrefix: "delta/" }))).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "ReadStreams", Effect: "Allow", Action: READ, Resource: [STREAM("events"), STREAM("clicks")] },
        { Sid: "ReadStreamConsumers", Effect: "Allow", Action: CONSUMER, Resource: [`${STREAM("events")}/consumer/*`, `${STREAM("clicks")}/consumer/*`] },
        { Sid: "LocateDataBucket", Effect: "Allow", Action: ["s3:GetBucketLocation"], Resource: ["arn:aws:s3:::dbx-test-data"] },
        {
          Sid: "ListDataBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::dbx-test-data"],
          Condition: { StringLike: { "s3:prefix": ["delta/*"] } },
        },
        { Sid: "ReadWriteDelta", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: ["arn:aws:s3:::dbx-test-data/delta/*"] },
      ],
    });
  });

  test("the demo stream is readable and listed after the configured streams", () => {
    const doc = rolePolicyOf(synth({ streamNames: ["events"], demoStream: true }));
    expect(statement(doc, "ReadStreams").Resource).toEqual([STREAM("events"), STREAM("dbx-test-demo")]);
    expect(statement(doc, "ReadStreamConsumers").Resource).toEqual([`${STREAM("events")}/consumer/*`, `${STREAM("dbx-test-demo")}/consumer/*`]);
  });

  test("demo stream only: exactly that stream", () => {
    expect(statement(rolePolicyOf(synth({ demoStream: true })), "ReadStreams").Resource).toEqual([STREAM("dbx-test-demo")]);
  });

  test("no streams and no demo stream: no Kinesis permission at all (an S3-only role)", () => {
    const doc = rolePolicyOf(synth());
    expect(doc.Statement.map((s: Json) => s.Sid)).toEqual(["LocateDataBucket", "ListDataBucket", "ReadWriteDelta"]);
    expect(doc.Statement.flatMap((s: Json) => s.Action).filter((a: string) => a.startsWith("kinesis:"))).toEqual([]);
  });

  test("no writePrefix: the whole bucket, listing unconditioned", () => {
    const doc = rolePolicyOf(synth());
    expect(statement(doc, "ListDataBucket")).toEqual({ Sid: "ListDataBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::dbx-test-data"] });
    expect(statement(doc, "ReadWriteDelta").Resource).toEqual(["arn:aws:s3:::dbx-test-data/*"]);
  });

  test("the action set is exact: no ListStreams, no writes to Kinesis, no other S3 actions", () => {
    const doc = rolePolicyOf(synth({ streamNames: ["events"], demoStream: true, writePrefix: "delta/", kmsKeyArn: KEY_ARN }));
    expect(doc.Statement.flatMap((s: Json) => s.Action).sort()).toEqual([
      ...READ, ...CONSUMER, "s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
      "kms:Decrypt", "kms:GenerateDataKey",
    ].sort());
    for (const s of doc.Statement) expect(s.Effect).toBe("Allow");
  });

  test("no \"*\" resource and no bare wildcard anywhere; every ARN names the account's streams, bucket or key", () => {
    const doc = rolePolicyOf(synth({ streamNames: ["events"], demoStream: true, writePrefix: "delta/", kmsKeyArn: KEY_ARN }));
    const all = doc.Statement.flatMap((s: Json) => [s.Resource].flat());
    expect(all).not.toContain("*");
    for (const arn of all) {
      expect(arn).toMatch(/^arn:aws:(kinesis:us-east-1:123456789012:stream\/[\w.-]+(\/consumer\/\*)?|s3:::dbx-test-data(\/delta\/\*)?|kms:us-east-1:123456789012:key\/[\w-]+)$/);
    }
    expect(doc.Statement.every((s: Json) => s.NotResource === undefined && s.NotAction === undefined)).toBe(true);
  });

  test("KMS: only with a key, on that key, through S3 in the region only", () => {
    expect(rolePolicyOf(synth()).Statement.flatMap((s: Json) => s.Action).filter((a: string) => a.startsWith("kms:"))).toEqual([]);
    const doc = rolePolicyOf(synth({ kmsKeyArn: KEY_ARN, region: "us-east-1" }));
    expect(statement(doc, "UseDataBucketKey")).toEqual({
      Sid: "UseDataBucketKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [KEY_ARN],
      Condition: { StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com"] } },
    });
  });

  test("GovCloud: every ARN in the aws-us-gov partition", () => {
    let access!: DataAccess;
    const json = synthJson((scope) => { access = new DataAccess(scope, "data-access", { ...BASE, region: "us-gov-west-1", streamNames: ["events"] }); });
    expect(access.roleArn).toBe("arn:aws-us-gov:iam::123456789012:role/dbx-test-data-access");
    expect(access.instanceProfileArn).toBe("arn:aws-us-gov:iam::123456789012:instance-profile/dbx-test-data-access");
    const doc = rolePolicyOf(json);
    expect(statement(doc, "ReadStreams").Resource).toEqual([STREAM("events", "us-gov-west-1", "aws-us-gov")]);
    expect(statement(doc, "ReadWriteDelta").Resource).toEqual(["arn:aws-us-gov:s3:::dbx-test-data/*"]);
  });
});

describe("DataAccess: data bucket", () => {
  const json = synth();
  const bucketId = refTo(json, "aws_s3_bucket", "data-bucket");

  test("one hardened bucket with the given name, under the data-bucket scope", () => {
    expect(resources(json, "aws_s3_bucket")).toEqual([{ bucket: "dbx-test-data", force_destroy: false }]);
    expect(Object.keys(json.resource.aws_s3_bucket)[0]).toMatch(/^data-access_data-bucket_[0-9A-F]{8}$/);
  });

  test("public access block: all four flags on", () => {
    expect(resource(json, "aws_s3_bucket_public_access_block", "data-bucket")).toEqual({
      bucket: bucketId, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
  });

  test("bucket policy: only the TLS-only deny (access is through the role's policy)", () => {
    expect(JSON.parse(resource(json, "aws_s3_bucket_policy", "data-bucket").policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{
        Sid: "AllowSSLRequestsOnly", Effect: "Deny", Principal: "*", Action: ["s3:*"],
        Resource: ["arn:aws:s3:::dbx-test-data", "arn:aws:s3:::dbx-test-data/*"],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }],
    });
  });

  test("encryption: SSE-S3 by default, SSE-KMS with the key when given", () => {
    expect(resource(json, "aws_s3_bucket_server_side_encryption_configuration", "data-bucket").rule)
      .toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
    expect(resource(synth({ kmsKeyArn: KEY_ARN }), "aws_s3_bucket_server_side_encryption_configuration", "data-bucket").rule).toEqual([{
      apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY_ARN }, bucket_key_enabled: true,
    }]);
  });

  test("ownership controls and versioning", () => {
    expect(resource(json, "aws_s3_bucket_ownership_controls", "data-bucket").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    expect(resource(json, "aws_s3_bucket_versioning", "data-bucket").versioning_configuration).toEqual({ status: "Enabled" });
  });

  test("dataBucketName references the bucket", () => {
    const json = synthJson((scope) => {
      const access = new DataAccess(scope, "data-access", BASE);
      new TerraformOutput(scope, "bucket", { value: access.dataBucketName, staticId: true });
    });
    expect(json.output.bucket.value).toBe(refTo(json, "aws_s3_bucket", "data-bucket", "bucket"));
  });
});

describe("DataAccess: demo stream", () => {
  test("off by default: no stream, no demoStreamName", () => {
    let access!: DataAccess;
    const json = synthJson((scope) => { access = new DataAccess(scope, "data-access", BASE); });
    expect(resources(json, "aws_kinesis_stream")).toEqual([]);
    expect(access.demoStreamName).toBeUndefined();
  });

  test("demoStream: 1 provisioned shard, AWS-managed key, 24 h retention", () => {
    let access!: DataAccess;
    const json = synthJson((scope) => { access = new DataAccess(scope, "data-access", { ...BASE, demoStream: true }); });
    expect(resources(json, "aws_kinesis_stream")).toEqual([{
      name: "dbx-test-demo", shard_count: 1, stream_mode_details: { stream_mode: "PROVISIONED" },
      encryption_type: "KMS", kms_key_id: "alias/aws/kinesis", retention_period: 24,
    }]);
    expect(access.demoStreamName).toBe("dbx-test-demo");
  });
});

describe("dataAccessProblems", () => {
  const messages = (props: Partial<DataAccessProps>) => dataAccessProblems({ ...BASE, ...props });

  test("valid props have no problems (with and without streams)", () => {
    expect(messages({})).toEqual([]);
    expect(messages({ streamNames: ["events", "a.b_c-1"], demoStream: true, writePrefix: "delta/tables/", kmsKeyArn: KEY_ARN })).toEqual([]);
  });

  test.each<[string, Partial<DataAccessProps>, Array<{ path: string; value: unknown; message: string }>]>([
    ["namePrefix too long", { namePrefix: "a".repeat(53) }, [{
      path: "namePrefix", value: "a".repeat(53),
      message: "makes the role name 65 characters long; IAM allows 64, so the prefix may have at most 52",
    }]],
    ["namePrefix empty", { namePrefix: "" }, [{ path: "namePrefix", value: "", message: "must not be empty" }]],
    ["namePrefix with a space", { namePrefix: "dbx test" }, [{
      path: "namePrefix", value: "dbx test", message: "may contain only letters, digits and _ + = , . @ - (IAM role names match [\\w+=,.@-]+)",
    }]],
    ["namePrefix bad for the demo stream", { namePrefix: "dbx@test", demoStream: true }, [{
      path: "namePrefix", value: "dbx@test",
      message: "makes the demo stream name \"dbx@test-demo\" invalid: Kinesis stream names may contain only letters, digits, _ . -",
    }]],
    ["unknown region", { region: "mars-1" }, [expect.objectContaining({ path: "region", value: "mars-1", message: expect.stringMatching(/^unknown region; supported regions: /) })]],
    ["account id", { awsAccountId: "1234" }, [{ path: "awsAccountId", value: "1234", message: "must be an AWS account id: exactly 12 digits" }]],
    ["bucket name", { dataBucketName: "Dbx_Data" }, [{
      path: "dataBucketName", value: "Dbx_Data",
      message: "may contain only lowercase letters, digits, dots and hyphens (S3 bucket naming rule); found \"D\", \"_\"",
    }]],
    ["stream name characters", { streamNames: ["events", "bad/name"] }, [{
      path: "streamNames[1]", value: "bad/name", message: "must be a Kinesis stream name: 1 to 128 letters, digits, _ . -",
    }]],
    ["stream name too long", { streamNames: ["a".repeat(129)] }, [{
      path: "streamNames[0]", value: "a".repeat(129), message: "must be a Kinesis stream name: 1 to 128 letters, digits, _ . -",
    }]],
    ["empty stream name", { streamNames: [""] }, [{ path: "streamNames[0]", value: "", message: "must be a Kinesis stream name: 1 to 128 letters, digits, _ . -" }]],
    ["duplicate stream", { streamNames: ["events", "events"] }, [{ path: "streamNames[1]", value: "events", message: "is listed twice" }]],
    ["stream is the demo stream", { streamNames: ["dbx-test-demo"], demoStream: true }, [{
      path: "streamNames[0]", value: "dbx-test-demo",
      message: "is the demo stream's name (demoStream: true creates and grants it); remove it from streamNames",
    }]],
    ["writePrefix with a leading slash", { writePrefix: "/delta/" }, [{
      path: "writePrefix", value: "/delta/", message: "must not start with \"/\": S3 keys have no leading slash (e.g. \"delta/\")",
    }]],
    ["writePrefix without a trailing slash", { writePrefix: "delta" }, [{
      path: "writePrefix", value: "delta",
      message: "must end with \"/\" (e.g. \"delta/\"): without it the grant also covers keys that merely start with the same characters",
    }]],
    ["writePrefix with a wildcard", { writePrefix: "delta*/" }, [{
      path: "writePrefix", value: "delta*/", message: "must not contain * or ?: they are wildcards in the policy's ARN and condition",
    }]],
    ["kmsKeyArn an alias", { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/data" }, [{
      path: "kmsKeyArn", value: "arn:aws:kms:us-east-1:123456789012:alias/data",
      message: "must be the ARN of a KMS key in the bucket's region: arn:aws:kms:us-east-1:<account>:key/<key id> " +
        "(S3 encrypts only with keys in the bucket's region; IAM policies match key ARNs, not aliases)",
    }]],
    ["kmsKeyArn in another region", { kmsKeyArn: KEY_ARN.replace("us-east-1", "eu-west-1") }, [expect.objectContaining({ path: "kmsKeyArn" })]],
  ])("%s", (_case, props, expected) => {
    expect(messages(props)).toEqual(expected);
  });

  test("every problem is reported at once, and the construct throws them", () => {
    const bad: DataAccessProps = { ...BASE, awsAccountId: "x", writePrefix: "/d", streamNames: ["a", "a"] };
    expect(dataAccessProblems(bad).map((p) => p.path)).toEqual(["awsAccountId", "writePrefix", "writePrefix", "streamNames[1]"]);
    expect(() => synthJson((scope) => new DataAccess(scope, "data-access", bad))).toThrow(ValidationError);
    expect(() => synthJson((scope) => new DataAccess(scope, "data-access", bad)))
      .toThrow(/DataAccess stack\/data-access: invalid props:\n {2}- awsAccountId = "x": must be an AWS account id/);
  });

  test("tokens: account id and KMS key may be tokens; namePrefix may not", () => {
    synthJson((scope) => {
      const account = new TerraformVariable(scope, "account", { type: "string" }).stringValue;
      const key = new TerraformVariable(scope, "key", { type: "string" }).stringValue;
      expect(dataAccessProblems({ ...BASE, awsAccountId: account, kmsKeyArn: key })).toEqual([]);
      const prefix = new TerraformVariable(scope, "prefix", { type: "string" }).stringValue;
      expect(dataAccessProblems({ ...BASE, namePrefix: prefix }).map((p) => p.message))
        .toEqual(["must be literal, not a token: the role and instance profile ARNs are computed from it"]);
    });
  });
});
