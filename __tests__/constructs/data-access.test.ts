import { TerraformOutput, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContextProps } from "../../modules/core/context";
import { DataAccess, dataAccessPolicy, DataAccessProps, dataAccessProblems } from "../../modules/data-access";
import { ValidationError } from "../../modules/core/problems";
import { Json, refTo, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

// The role and its instance profile are the opt-in legacy path: these tests turn it on (the default is below).
const BASE: DataAccessProps = { bucketName: "dbx-test-data", legacyInstanceProfile: true };
type Context = Partial<DeploymentContextProps>;
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const STREAM = (name: string, region = "us-east-1", partition = "aws") => `arn:${partition}:kinesis:${region}:123456789012:stream/${name}`;
const READ = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"];
const CONSUMER = ["kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"];

/** DataAccess in a fresh stack whose context is TEST_CONTEXT with `context` over it. */
function synth(props: Partial<DataAccessProps> = {}, context: Context = {}): Json {
  return synthJson((scope) => { addAccess(scope, props, context); });
}
function addAccess(scope: Construct, props: Partial<DataAccessProps> = {}, context: Context = {}): DataAccess {
  withContext(scope, context);
  return new DataAccess(scope, "data-access", { ...BASE, ...props });
}
const rolePolicyOf = (json: Json) => JSON.parse(resource(json, "aws_iam_role_policy", "data-access").policy);
const statement = (doc: Json, sid: string) => doc.Statement.find((s: Json) => s.Sid === sid);

describe("DataAccess: the legacy instance-profile path is opt-in", () => {
  test("by default: the data bucket and the demo stream, no EC2 role, policy or instance profile, nothing to pass", () => {
    let access!: DataAccess;
    const json = synthJson((scope) => { withContext(scope, {}); access = new DataAccess(scope, "data-access", { bucketName: "dbx-test-data", demoStream: true }); });
    expect(Object.keys(json.resource).sort()).toEqual([
      "aws_kinesis_stream", "aws_s3_bucket", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_policy", "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning",
    ]);
    expect([access.role, access.policy, access.instanceProfile, access.roleArn, access.instanceProfileArn]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(access.readableStreamNames).toEqual(["dbx-test-demo"]); // the UC service credential reads these
  });
});

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
      access = addAccess(scope);
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
    const doc = rolePolicyOf(synth({ kmsKeyArn: KEY_ARN }));
    expect(statement(doc, "UseDataBucketKey")).toEqual({
      Sid: "UseDataBucketKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [KEY_ARN],
      Condition: { StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com"] } },
    });
  });

  test("GovCloud: every ARN in the aws-us-gov partition", () => {
    let access!: DataAccess;
    const json = synthJson((scope) => { access = addAccess(scope, { streamNames: ["events"] }, { region: "us-gov-west-1" }); });
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

  test("preventDestroy: prevent_destroy on the data bucket only; defaults to the context's protectData, an explicit value wins", () => {
    const lifecycle = (props: Partial<DataAccessProps>, protectData?: boolean) =>
      resource(synth(props, { protectData }), "aws_s3_bucket", "data-bucket").lifecycle;
    expect(lifecycle({})).toBeUndefined();
    expect(lifecycle({}, true)).toEqual({ prevent_destroy: true });
    expect(lifecycle({ preventDestroy: false }, true)).toBeUndefined();
    expect(lifecycle({ preventDestroy: true }, false)).toEqual({ prevent_destroy: true });
    const guarded = synth({ demoStream: true }, { protectData: true });
    for (const [type, blocks] of Object.entries(guarded.resource as Record<string, Json>)) {
      if (type !== "aws_s3_bucket") for (const block of Object.values(blocks)) expect((block as Json).lifecycle).toBeUndefined();
    }
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
      const access = addAccess(scope);
      new TerraformOutput(scope, "bucket", { value: access.dataBucketName, staticId: true });
    });
    expect(json.output.bucket.value).toBe(refTo(json, "aws_s3_bucket", "data-bucket", "bucket"));
  });
});

describe("DataAccess: demo stream", () => {
  test("off by default: no stream, no demoStreamName", () => {
    let access!: DataAccess;
    const json = synthJson((scope) => { access = addAccess(scope); });
    expect(resources(json, "aws_kinesis_stream")).toEqual([]);
    expect(access.demoStreamName).toBeUndefined();
  });

  test("the names follow the context's prefix", () => {
    let access!: DataAccess;
    const json = synthJson((scope) => { access = addAccess(scope, { demoStream: true }, { resourcePrefix: "acme-prod" }); });
    expect(resources(json, "aws_kinesis_stream").map((k) => k.name)).toEqual(["acme-prod-demo"]);
    expect(resource(json, "aws_iam_role", "data-access").name).toBe("acme-prod-data-access");
    expect(access.roleArn).toBe("arn:aws:iam::123456789012:role/acme-prod-data-access");
  });

  test("demoStream: 1 provisioned shard, AWS-managed key, 24 h retention", () => {
    let access!: DataAccess;
    const json = synthJson((scope) => { access = addAccess(scope, { demoStream: true }); });
    expect(resources(json, "aws_kinesis_stream")).toEqual([{
      name: "dbx-test-demo", shard_count: 1, stream_mode_details: { stream_mode: "PROVISIONED" },
      encryption_type: "KMS", kms_key_id: "alias/aws/kinesis", retention_period: 24,
    }]);
    expect(access.demoStreamName).toBe("dbx-test-demo");
  });
});

describe("dataAccessProblems", () => {
  const messages = (props: Partial<DataAccessProps>) => dataAccessProblems({ ...BASE, ...props }, TEST_CONTEXT);

  test("valid props have no problems (with and without streams)", () => {
    expect(messages({})).toEqual([]);
    expect(messages({ streamNames: ["events", "a.b_c-1"], demoStream: true, writePrefix: "delta/tables/", kmsKeyArn: KEY_ARN })).toEqual([]);
  });

  test.each<[string, Partial<DataAccessProps>, Array<{ path: string; value: unknown; message: string }>]>([
    ["bucket name", { bucketName: "Dbx_Data" }, [{
      path: "bucketName", value: "Dbx_Data",
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
    ["kmsKeyArn in another region", { kmsKeyArn: KEY_ARN.replace("us-east-1", "eu-west-1") }, [{
      path: "kmsKeyArn", value: KEY_ARN.replace("us-east-1", "eu-west-1"),
      message: "must be the ARN of a KMS key in the bucket's region: arn:aws:kms:us-east-1:<account>:key/<key id> " +
        "(S3 encrypts only with keys in the bucket's region; IAM policies match key ARNs, not aliases)",
    }]],
  ])("%s", (_case, props, expected) => {
    expect(messages(props)).toEqual(expected);
  });

  test("every problem is reported at once, and the construct throws them", () => {
    const bad: DataAccessProps = { ...BASE, writePrefix: "/d", streamNames: ["a", "a"] };
    expect(dataAccessProblems(bad, TEST_CONTEXT).map((p) => p.path)).toEqual(["writePrefix", "writePrefix", "streamNames[1]"]);
    expect(() => synth(bad)).toThrow(ValidationError);
    expect(() => synth(bad)).toThrow(
      "DataAccess stack/data-access: invalid props:\n" +
        '  - writePrefix = "/d": must not start with "/": S3 keys have no leading slash (e.g. "delta/")\n' +
        '  - writePrefix = "/d": must end with "/" (e.g. "delta/"): without it the grant also covers keys that merely start with the same characters\n' +
        '  - streamNames[1] = "a": is listed twice',
    );
  });

  test("the context's prefix names the demo stream; an unknown region (the context's problem) skips the key check", () => {
    expect(dataAccessProblems({ ...BASE, streamNames: ["acme-demo"], demoStream: true }, { ...TEST_CONTEXT, resourcePrefix: "acme" }).map((p) => p.path))
      .toEqual(["streamNames[0]"]);
    expect(dataAccessProblems({ ...BASE, kmsKeyArn: "alias/x" }, { ...TEST_CONTEXT, region: "mars-north-1" })).toEqual([]);
  });

  test("tokens: the context's account id and the KMS key may be tokens; the bucket name, write prefix and stream list may not", () => {
    synthJson((scope) => {
      const variable = (name: string) => new TerraformVariable(scope, name, { type: "string" }).stringValue;
      const key = variable("key");
      expect(dataAccessProblems({ ...BASE, kmsKeyArn: key }, TEST_CONTEXT)).toEqual([]);
      expect(dataAccessProblems({ bucketName: variable("bucket"), writePrefix: variable("prefix"), streamNames: new TerraformVariable(scope, "streams", { type: "list(string)" }).listValue }, TEST_CONTEXT)
        .map((p) => `${p.path}: ${p.message}`)).toEqual([
        "bucketName: must be literal, not a token: the policy's S3 ARNs are computed from it",
        "writePrefix: must be literal, not a token: it becomes the policy's object ARN and s3:prefix condition",
        "streamNames: must be a literal list: the policy lists each stream's ARN",
      ]);
    });
    const json = synthJson((scope) => {
      const account = new TerraformVariable(scope, "account", { type: "string" }).stringValue;
      addAccess(scope, { streamNames: ["events"] }, { awsAccountId: account });
    });
    expect(statement(rolePolicyOf(json), "ReadStreams").Resource).toEqual(["arn:aws:kinesis:us-east-1:${var.account}:stream/events"]);
  });

  test("dataAccessPolicy is pure: the construct's policy is what it returns", () => {
    const props = { ...BASE, streamNames: ["events"], writePrefix: "delta/" };
    expect(rolePolicyOf(synth(props))).toEqual(dataAccessPolicy(props, TEST_CONTEXT));
  });

  test("without a DeploymentContext it throws the context's message", () => {
    expect(() => synthJson((scope) => new DataAccess(scope, "data-access", BASE))).toThrow(
      "stack/data-access: no DeploymentContext in scope. Create one in the stack first: " +
        "new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
  });
});
