import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { TerraformOutput, TerraformVariable } from "cdktf";
import { DeploymentContextProps } from "../../modules/core/context";
import { ValidationError } from "../../modules/core/problems";
import { bucketNameProblems, DATABRICKS_BUCKET_NAME_PATTERN } from "../../modules/core/bucket-name";
import { defaultRootBucketName, ROOT_BUCKET_DATABRICKS_ACTIONS, RootBucket, RootBucketProps, rootBucketProblems } from "../../modules/storage";
import { Json, refTo, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

const ACCOUNT = TEST_CONTEXT.databricksAccountId;
const BASE: RootBucketProps = { rootBucketName: "dbx-test-root" };
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
type Context = Partial<DeploymentContextProps>;

/** A root bucket in a fresh stack whose context is TEST_CONTEXT with `context` over it. */
function synthBucket(props: Partial<RootBucketProps> = {}, context: Context = {}): Json {
  return synthJson((scope) => {
    withContext(scope, context);
    new RootBucket(scope, "root-bucket", { ...BASE, ...props });
  });
}

const policyOf = (json: Json) => JSON.parse(resource(json, "aws_s3_bucket_policy", "policy").policy);
/** `type.logical_id` of the one block of `type`, as Terraform's depends_on lists it. */
const address = (json: Json, type: string) => {
  const ids = Object.keys(json.resource?.[type] ?? {});
  expect(ids).toHaveLength(1);
  return `${type}.${ids[0]}`;
};

describe("RootBucket: bucket hardening", () => {
  const json = synthBucket();
  const bucketId = refTo(json, "aws_s3_bucket", "root-bucket");

  test("one bucket with the given name; force_destroy off by default", () => {
    expect(resources(json, "aws_s3_bucket")).toEqual([{ bucket: "dbx-test-root", force_destroy: false }]);
  });

  test("forceDestroy: true lets destroy empty the bucket", () => {
    expect(resource(synthBucket({ forceDestroy: true }), "aws_s3_bucket", "root-bucket").force_destroy).toBe(true);
  });

  test("default name <prefix>-<awsAccountId>-root, from the context", () => {
    expect(resources(synthJson((scope) => { withContext(scope); new RootBucket(scope, "root-bucket"); }), "aws_s3_bucket"))
      .toEqual([{ bucket: "dbx-test-123456789012-root", force_destroy: false }]);
    expect(resource(synthBucket({ rootBucketName: undefined }, { resourcePrefix: "acme-prod", awsAccountId: "210987654321" }), "aws_s3_bucket", "root-bucket").bucket)
      .toBe("acme-prod-210987654321-root");
    expect(defaultRootBucketName(TEST_CONTEXT)).toBe("dbx-test-123456789012-root");
  });

  test("preventDestroy: prevent_destroy on the bucket only; defaults to the context's protectData, an explicit value wins", () => {
    const lifecycle = (props: Partial<RootBucketProps>, protectData?: boolean) =>
      resource(synthBucket(props, { protectData }), "aws_s3_bucket", "root-bucket").lifecycle;
    expect(lifecycle({})).toBeUndefined();
    expect(lifecycle({}, false)).toBeUndefined();
    // (protectData also turns the restrictive policy on: the bucket then never rewrites its initial inline policy.)
    expect(lifecycle({}, true)).toEqual({ prevent_destroy: true, ignore_changes: ["policy"] });
    expect(lifecycle({ preventDestroy: false, restrictiveBucketPolicy: false }, true)).toBeUndefined();
    expect(lifecycle({ preventDestroy: true }, false)).toEqual({ prevent_destroy: true });
    const protectedJson = synthBucket({}, { protectData: true });
    for (const [type, blocks] of Object.entries(protectedJson.resource as Record<string, Json>)) {
      if (type !== "aws_s3_bucket") for (const block of Object.values(blocks)) expect((block as Json).lifecycle).toBeUndefined();
    }
  });

  test("public access block: all four flags on", () => {
    expect(resource(json, "aws_s3_bucket_public_access_block", "public-access-block")).toEqual({
      bucket: bucketId, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
  });

  test("ownership controls: BucketOwnerEnforced (ACLs disabled)", () => {
    expect(resource(json, "aws_s3_bucket_ownership_controls", "ownership-controls")).toEqual({
      bucket: bucketId, rule: { object_ownership: "BucketOwnerEnforced" },
    });
  });

  test("default encryption: SSE-S3 (AES256), no KMS key, no bucket key", () => {
    expect(resource(json, "aws_s3_bucket_server_side_encryption_configuration", "encryption")).toEqual({
      bucket: bucketId, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
    });
  });

  test("kmsKeyArn: SSE-KMS with that key and S3 bucket keys", () => {
    const kms = synthBucket({ kmsKeyArn: KEY_ARN });
    expect(resource(kms, "aws_s3_bucket_server_side_encryption_configuration", "encryption").rule).toEqual([{
      apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY_ARN },
      bucket_key_enabled: true,
    }]);
  });

  test("kmsKeyArn may be a token (a key created in the same stack)", () => {
    const json = synthJson((scope) => {
      withContext(scope);
      const key = new KmsKey(scope, "key", { enableKeyRotation: true });
      new RootBucket(scope, "root-bucket", { ...BASE, kmsKeyArn: key.arn });
    });
    const rule = resource(json, "aws_s3_bucket_server_side_encryption_configuration", "encryption").rule[0];
    expect(rule.apply_server_side_encryption_by_default.kms_master_key_id).toBe(refTo(json, "aws_kms_key", "key", "arn"));
  });

  test("versioning: Enabled by default, Suspended when turned off", () => {
    expect(resource(json, "aws_s3_bucket_versioning", "versioning")).toEqual({ bucket: bucketId, versioning_configuration: { status: "Enabled" } });
    expect(resource(synthBucket({ versioning: false }), "aws_s3_bucket_versioning", "versioning").versioning_configuration).toEqual({ status: "Suspended" });
  });

  test("bucketName and bucketArn reference the bucket (consumers order after it)", () => {
    const json = synthJson((scope) => {
      withContext(scope);
      const root = new RootBucket(scope, "root-bucket", BASE);
      new TerraformOutput(scope, "name", { value: root.bucketName, staticId: true });
      new TerraformOutput(scope, "arn", { value: root.bucketArn, staticId: true });
    });
    expect(json.output.name.value).toBe(refTo(json, "aws_s3_bucket", "root-bucket", "bucket"));
    expect(json.output.arn.value).toBe(refTo(json, "aws_s3_bucket", "root-bucket", "arn"));
  });
});

describe("RootBucket: bucket policy", () => {
  const json = synthBucket();
  const doc = policyOf(json);

  test("the whole document: Databricks grant, then the TLS-only deny", () => {
    expect(doc).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "GrantDatabricksAccess", Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::414351767826:root" },
          Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation"],
          Resource: ["arn:aws:s3:::dbx-test-root", "arn:aws:s3:::dbx-test-root/*"],
          Condition: { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [ACCOUNT] } },
        },
        {
          Sid: "AllowSSLRequestsOnly", Effect: "Deny", Principal: "*", Action: ["s3:*"],
          Resource: ["arn:aws:s3:::dbx-test-root", "arn:aws:s3:::dbx-test-root/*"],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
  });

  test("Databricks gets exactly the six actions, and the exported constant is that set", () => {
    const six = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation"];
    expect(ROOT_BUCKET_DATABRICKS_ACTIONS).toEqual(six);
    const allows = doc.Statement.filter((s: Json) => s.Effect === "Allow");
    expect(allows).toHaveLength(1);
    expect(allows[0].Action).toEqual(six);
  });

  test("the grant is held to the context's Databricks account's principal tag", () => {
    const grant = policyOf(synthBucket({}, { databricksAccountId: "ffffffff-1111-4222-8333-444444444444" })).Statement[0];
    expect(grant.Condition).toEqual({ StringEquals: { "aws:PrincipalTag/DatabricksAccountId": ["ffffffff-1111-4222-8333-444444444444"] } });
  });

  test.each([
    ["us-east-1", "arn:aws:iam::414351767826:root", "arn:aws:s3:::dbx-test-root"],
    ["eu-west-1", "arn:aws:iam::414351767826:root", "arn:aws:s3:::dbx-test-root"],
    ["us-gov-west-1", "arn:aws-us-gov:iam::044793339203:root", "arn:aws-us-gov:s3:::dbx-test-root"],
  ])("%s: principal %s, resources in %s", (region, principal, bucketArn) => {
    const statements = policyOf(synthBucket({}, { region })).Statement;
    expect(statements[0].Principal).toEqual({ AWS: principal });
    for (const s of statements) expect(s.Resource).toEqual([bucketArn, `${bucketArn}/*`]);
  });

  test("TLS-only: deny s3:* to everyone on the bucket and its objects without secure transport", () => {
    const deny = doc.Statement.find((s: Json) => s.Effect === "Deny");
    expect(deny).toEqual({
      Sid: "AllowSSLRequestsOnly", Effect: "Deny", Principal: "*", Action: ["s3:*"],
      Resource: ["arn:aws:s3:::dbx-test-root", "arn:aws:s3:::dbx-test-root/*"],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  test("attached to the bucket, after the public access block", () => {
    const policy = resource(json, "aws_s3_bucket_policy", "policy");
    expect(policy.bucket).toBe(refTo(json, "aws_s3_bucket", "root-bucket"));
    expect(policy.depends_on).toContain(address(json, "aws_s3_bucket_public_access_block"));
  });
});

describe("bucketNameProblems", () => {
  const S3 = "(S3 bucket naming rule)";
  const DOTS = "must not contain dots: S3's TLS certificate for virtual-hosted-style requests (<bucket>.s3.<region>.amazonaws.com) " +
    "matches one name label only, so HTTPS to a dotted bucket name fails certificate checks; use hyphens instead";
  const PREFIXES = "reserved prefixes: xn--, sthree-, amzn-s3-demo-";
  const SUFFIXES = "reserved suffixes: -s3alias, --ol-s3, .mrap, --x-s3";

  test.each<[string, string, string[]]>([
    ["too short", "ab", [`must be 3 to 63 characters long ${S3}; it has 2`]],
    ["empty", "", [`must be 3 to 63 characters long ${S3}; it has 0`]],
    ["too long", "a".repeat(64), [`must be 3 to 63 characters long ${S3}; it has 64`]],
    ["uppercase", "Dbx-Root", [`may contain only lowercase letters, digits, dots and hyphens ${S3}; found "D", "R"`]],
    ["underscore", "dbx_root", [`may contain only lowercase letters, digits, dots and hyphens ${S3}; found "_"`]],
    ["dots", "dbx.root.bucket", [DOTS]],
    ["adjacent periods", "dbx..root", [`must not contain two adjacent periods ${S3}`, DOTS]],
    ["IP-like", "192.168.5.4", [`must not be formatted as an IP address (like 192.168.5.4) ${S3}`, DOTS]],
    ["xn-- prefix", "xn--dbx-root", [`must not start with the reserved prefix "xn--" ${S3}; ${PREFIXES}`]],
    ["sthree- prefix", "sthree-configurator-x", [`must not start with the reserved prefix "sthree-" ${S3}; ${PREFIXES}`]],
    ["amzn-s3-demo- prefix", "amzn-s3-demo-root", [`must not start with the reserved prefix "amzn-s3-demo-" ${S3}; ${PREFIXES}`]],
    ["-s3alias suffix", "dbx-root-s3alias", [`must not end with the reserved suffix "-s3alias" ${S3}; ${SUFFIXES}`]],
    ["--ol-s3 suffix", "dbx-root--ol-s3", [`must not end with the reserved suffix "--ol-s3" ${S3}; ${SUFFIXES}`]],
    ["--x-s3 suffix", "dbx-root--x-s3", [`must not end with the reserved suffix "--x-s3" ${S3}; ${SUFFIXES}`]],
    [".mrap suffix", "dbx-root.mrap", [`must not end with the reserved suffix ".mrap" ${S3}; ${SUFFIXES}`, DOTS]],
    ["starts with a hyphen", "-dbx-root", [`must begin and end with a letter or digit ${S3}; it begins with "-"`]],
    ["ends with a hyphen", "dbx-root-", [`must begin and end with a letter or digit ${S3}; it ends with "-"`]],
    ["dots at both ends", ".dbx.", [`must begin and end with a letter or digit ${S3}; it begins with "." and ends with "."`, DOTS]],
    ["several rules at once", "_Dbx", [
      `may contain only lowercase letters, digits, dots and hyphens ${S3}; found "_", "D"`,
      `must begin and end with a letter or digit ${S3}; it begins with "_"`,
    ]],
  ])("%s: %j", (_rule, name, messages) => {
    const problems = bucketNameProblems(name);
    expect(problems.map((p) => p.message)).toEqual(messages);
    for (const p of problems) expect(p).toMatchObject({ path: "bucketName", value: name });
  });

  test.each(["abc", "123", "dbx-test-root", "a".repeat(63), "xn-dbx", "dbx-s3alias-root", "my--bucket"])("accepts %j", (name) => {
    expect(bucketNameProblems(name)).toEqual([]);
  });

  test("the path names where the value sits", () => {
    expect(bucketNameProblems("ab", "storage.rootBucketName")[0].path).toBe("storage.rootBucketName");
  });

  test("the S3 rules cover the Databricks provider's regex: every name it rejects breaks a named S3 rule", () => {
    // Deterministic pseudo-random names over an alphabet that exercises every rule.
    const alphabet = "az09.-_A";
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16; // high bits: the low ones cycle
    let rejected = 0;
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      // Mostly valid characters, so that names pass some rules and break others.
      const name = Array.from({ length: next() % 67 }, () => (next() % 4 === 0 ? alphabet[next() % alphabet.length] : "abz09-"[next() % 6])).join("");
      const problems = bucketNameProblems(name);
      if (!DATABRICKS_BUCKET_NAME_PATTERN.test(name)) {
        rejected++;
        expect(problems.length).toBeGreaterThan(0);
        expect(problems.map((p) => p.message).join("\n")).not.toContain("Databricks provider's bucket-name pattern");
      }
      if (problems.length === 0) {
        accepted++;
        expect(name).toMatch(DATABRICKS_BUCKET_NAME_PATTERN);
      }
    }
    expect(Math.min(rejected, accepted)).toBeGreaterThan(500);
  });
});

describe("RootBucket: validation names the prop, the value and the rule", () => {
  const build = (props: Partial<RootBucketProps>, context: Context = {}) => () => synthBucket(props, context);

  test("a bad bucket name fails at construction", () => {
    expect(build({ rootBucketName: "Dbx_Root" })).toThrow(ValidationError);
    expect(build({ rootBucketName: "Dbx_Root" })).toThrow(
      "RootBucket stack/root-bucket: invalid props:\n" +
        '  - rootBucketName = "Dbx_Root": may contain only lowercase letters, digits, dots and hyphens (S3 bucket naming rule); found "D", "_", "R"',
    );
    expect(build({ rootBucketName: "dbx.root" })).toThrow('rootBucketName = "dbx.root": must not contain dots: ');
  });

  test.each<[Partial<RootBucketProps>, Context, string]>([
    [{ kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/abc" }, {}, 'kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/abc": must be the ARN of a KMS key or alias in the bucket\'s region: arn:aws:kms:us-east-1:<account>:key/<key id> (S3 encrypts only with keys in the bucket\'s region)'],
    [{ kmsKeyArn: "alias/dbx" }, {}, 'kmsKeyArn = "alias/dbx": must be the ARN of a KMS key or alias in the bucket\'s region: arn:aws:kms:us-east-1:<account>:key/<key id> (S3 encrypts only with keys in the bucket\'s region)'],
    [{ kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" }, { region: "us-gov-west-1" }, `kmsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/abc": must be the ARN of a KMS key or alias in the bucket's region: arn:aws-us-gov:kms:us-gov-west-1:<account>:key/<key id> (S3 encrypts only with keys in the bucket's region)`],
  ])("%j in %j", (props, context, message) => {
    expect(build(props, context)).toThrow(ValidationError);
    expect(build(props, context)).toThrow(message);
  });

  test("an alias ARN in the bucket's region is accepted", () => {
    expect(build({ kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/dbx-root" })).not.toThrow();
  });

  test("all problems at once", () => {
    expect(build({ rootBucketName: "ab", kmsKeyArn: "alias/dbx" })).toThrow(
      "RootBucket stack/root-bucket: invalid props:\n" +
        '  - rootBucketName = "ab": must be 3 to 63 characters long (S3 bucket naming rule); it has 2\n' +
        '  - kmsKeyArn = "alias/dbx": must be the ARN of a KMS key or alias in the bucket\'s region: arn:aws:kms:us-east-1:<account>:key/<key id> (S3 encrypts only with keys in the bucket\'s region)',
    );
  });

  test("rootBucketProblems checks the default name too, with the props' path; an unknown region skips the key check", () => {
    expect(rootBucketProblems({}, TEST_CONTEXT)).toEqual([]);
    expect(rootBucketProblems({ rootBucketName: "a.b" }, TEST_CONTEXT).map((p) => p.path)).toEqual(["rootBucketName"]);
    expect(rootBucketProblems({ kmsKeyArn: "alias/dbx" }, { ...TEST_CONTEXT, region: "mars-north-1" })).toEqual([]);
  });

  test("tokens are not checked: the name and the context's account id may come from variables", () => {
    const json = synthJson((scope) => {
      const name = new TerraformVariable(scope, "root_bucket_name", { type: "string" });
      const account = new TerraformVariable(scope, "databricks_account_id", { type: "string" });
      withContext(scope, { databricksAccountId: account.stringValue });
      new RootBucket(scope, "root-bucket", { rootBucketName: name.stringValue });
    });
    expect(resource(json, "aws_s3_bucket", "root-bucket").bucket).toBe("${var.root_bucket_name}");
    const grant = policyOf(json).Statement[0];
    expect(grant.Resource).toEqual(["arn:aws:s3:::${var.root_bucket_name}", "arn:aws:s3:::${var.root_bucket_name}/*"]);
    expect(grant.Condition.StringEquals["aws:PrincipalTag/DatabricksAccountId"]).toEqual(["${var.databricks_account_id}"]);
  });

  test("without a DeploymentContext it throws the context's message", () => {
    expect(() => synthJson((scope) => new RootBucket(scope, "root-bucket", BASE))).toThrow(
      "stack/root-bucket: no DeploymentContext in scope. Create one in the stack first: " +
        "new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
  });
});
