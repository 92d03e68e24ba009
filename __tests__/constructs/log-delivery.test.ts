import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContextProps } from "../../modules/core/context";
import {
  LOG_DELIVERY_BUCKET_ACTIONS, LOG_DELIVERY_OBJECT_ACTIONS, LogDelivery, LogDeliveryConfigProps, logDeliveryProblems,
  LogDeliveryProps, logDeliveryTrustPolicy,
} from "../../modules/logging";
import { formatProblem, ValidationError } from "../../modules/core/problems";
import { Json, refTo, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

const ACCOUNT = TEST_CONTEXT.databricksAccountId;
const AWS_ACCOUNT = TEST_CONTEXT.awsAccountId;
const COMMERCIAL_PRINCIPAL = "arn:aws:iam::414351767826:role/SaasUsageDeliveryRole-prod-IAMRole-3PLHICCRR1TK";
const GOV_PRINCIPAL = "arn:aws-us-gov:iam::044793339203:role/SaasUsageDeliveryRole-prod-aws-gov-IAMRole-L4QM0RCHYQ1G";

const BASE: LogDeliveryProps = { bucketName: "dbx-test-logs" };

/**
 * Builds the log delivery in a fresh stack whose context (TEST_CONTEXT unless overridden) holds the account-level
 * provider (alias `mws`), as a stack would.
 */
function addLogDelivery(scope: Construct, props: Partial<LogDeliveryProps> = {}, context: Partial<DeploymentContextProps> = {}): LogDelivery {
  const accountProvider = new DatabricksProvider(scope, "databricks-account", { alias: "mws", host: "https://accounts.cloud.databricks.com", accountId: ACCOUNT });
  withContext(scope, { accountProvider, ...context });
  return new LogDelivery(scope, "log-delivery", { ...BASE, ...props });
}
const synth = (props: Partial<LogDeliveryProps> = {}, context: Partial<DeploymentContextProps> = {}): Json =>
  synthJson((scope) => addLogDelivery(scope, props, context));

const ROLE = "aws_iam_role";
const ROLE_POLICY = "aws_iam_role_policy";
const DELIVERY = "databricks_mws_log_delivery";
/** `type.logical_id` of the one block of `type`, as Terraform's depends_on lists it. */
const address = (json: Json, type: string) => {
  const ids = Object.keys(json.resource?.[type] ?? {});
  expect(ids).toHaveLength(1);
  return `${type}.${ids[0]}`;
};
const roleArnRef = (json: Json) => refTo(json, ROLE, "log-delivery", "arn");
/** The deliveries, by config name (synthesized blocks are ordered by logical id, not by declaration). */
const deliveriesByName = (json: Json): Record<string, Json> => Object.fromEntries(resources(json, DELIVERY).map((d) => [d.config_name, d]));

describe("LogDelivery: IAM role", () => {
  test.each([
    ["us-east-1", COMMERCIAL_PRINCIPAL],
    ["us-gov-west-1", GOV_PRINCIPAL],
  ])("%s: trust policy, exactly: the partition's log-delivery role, external id = the Databricks account id", (region, principal) => {
    const role = resource(synth({}, { region }), ROLE, "log-delivery");
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{
        Effect: "Allow",
        Principal: { AWS: principal },
        Action: ["sts:AssumeRole"],
        Condition: { StringEquals: { "sts:ExternalId": ACCOUNT } },
      }],
    });
  });

  test("the trust policy is never Databricks' account root (that is the cross-account role's principal)", () => {
    for (const region of ["us-east-1", "us-gov-west-1"]) {
      expect(JSON.stringify(logDeliveryTrustPolicy({ region, databricksAccountId: ACCOUNT }))).not.toContain(":root");
    }
  });

  test("role <prefix>-log-delivery, inline policy <prefix>-log-delivery-policy on it", () => {
    const json = synth();
    expect(resource(json, ROLE, "log-delivery")).toMatchObject({ name: "dbx-test-log-delivery" });
    expect(resource(json, ROLE_POLICY, "log-delivery")).toMatchObject({
      name: "dbx-test-log-delivery-policy", role: refTo(json, ROLE, "log-delivery", "id"),
    });
  });

  test.each([
    ["us-east-1", "arn:aws:s3:::dbx-test-logs"],
    ["us-gov-west-1", "arn:aws-us-gov:s3:::dbx-test-logs"],
  ])("%s: inline policy, exactly: nine S3 actions, objects and listing under the delivery prefixes only, in this AWS account only", (region, bucketArn) => {
    const doc = JSON.parse(resource(synth({}, { region }), ROLE_POLICY, "log-delivery").policy);
    const inAccount = { "aws:ResourceAccount": AWS_ACCOUNT };
    expect(doc).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "LogBucket", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListBucketMultipartUploads"],
          Resource: bucketArn, Condition: { StringEquals: inAccount },
        },
        {
          Sid: "LogPrefixListing", Effect: "Allow", Action: ["s3:ListBucket"], Resource: bucketArn,
          Condition: { StringEquals: inAccount, StringLike: { "s3:prefix": ["audit-logs", "audit-logs/*"] } },
        },
        {
          Sid: "LogObjects", Effect: "Allow",
          Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:PutObjectAcl", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
          Resource: [`${bucketArn}/audit-logs/`, `${bucketArn}/audit-logs/*`],
          Condition: { StringEquals: inAccount },
        },
      ],
    });
  });

  test("the prefixes are the configured ones (defaults included), each once; nothing on the rest of the bucket", () => {
    const configs: LogDeliveryConfigProps[] = [
      { name: "audit", logType: "AUDIT_LOGS", deliveryPathPrefix: "logs/audit" },
      { name: "audit-ws", logType: "AUDIT_LOGS", deliveryPathPrefix: "logs/audit", workspaceIdsFilter: [1] },
      { name: "usage", logType: "BILLABLE_USAGE" },
    ];
    const json = synth({ configs });
    const role = JSON.parse(resource(json, ROLE_POLICY, "log-delivery").policy);
    const bucket = JSON.parse(resource(json, "aws_s3_bucket_policy", "log-delivery").policy);
    const objects = ["arn:aws:s3:::dbx-test-logs/logs/audit/", "arn:aws:s3:::dbx-test-logs/logs/audit/*", "arn:aws:s3:::dbx-test-logs/billable-usage/", "arn:aws:s3:::dbx-test-logs/billable-usage/*"];
    const listing = ["logs/audit", "logs/audit/*", "billable-usage", "billable-usage/*"];
    for (const doc of [role, bucket]) {
      expect(doc.Statement[1].Condition.StringLike).toEqual({ "s3:prefix": listing });
      expect(doc.Statement[2].Resource).toEqual(objects);
      expect(JSON.stringify(doc.Statement.filter((st: Json) => st.Effect === "Allow"))).not.toContain("dbx-test-logs/*");
    }
  });

  test("the exported action lists are the Databricks log-delivery set: nine actions, no wildcard, no GetObjectVersion", () => {
    const all = [...LOG_DELIVERY_BUCKET_ACTIONS, ...LOG_DELIVERY_OBJECT_ACTIONS].sort();
    expect(all).toEqual([
      "s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket",
      "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts", "s3:PutObject", "s3:PutObjectAcl",
    ]);
  });
});

describe("LogDelivery: log bucket", () => {
  const json = synth();
  const doc = JSON.parse(resource(json, "aws_s3_bucket_policy", "log-delivery").policy);

  test("a hardened bucket: public access blocked, ACLs disabled (BucketOwnerEnforced), encrypted, versioned", () => {
    expect(resources(json, "aws_s3_bucket")).toEqual([{ bucket: "dbx-test-logs", force_destroy: false, lifecycle: { prevent_destroy: true } }]);
    const bucketId = refTo(json, "aws_s3_bucket", "log-delivery");
    expect(resource(json, "aws_s3_bucket_public_access_block", "log-delivery")).toEqual({
      bucket: bucketId, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    // Databricks PUTs with the bucket-owner-full-control canned ACL, which S3 accepts with ACLs disabled.
    expect(resource(json, "aws_s3_bucket_ownership_controls", "log-delivery").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    expect(resource(json, "aws_s3_bucket_server_side_encryption_configuration", "log-delivery").rule)
      .toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
    expect(resource(json, "aws_s3_bucket_versioning", "log-delivery").versioning_configuration).toEqual({ status: "Enabled" });
  });

  test("bucket policy, exactly: the role's grants (by reference to the role), then the TLS-only deny", () => {
    const role = roleArnRef(json);
    expect(doc).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "LogDeliveryRoleBucket", Effect: "Allow", Principal: { AWS: role },
          Action: ["s3:GetBucketLocation", "s3:ListBucketMultipartUploads"], Resource: "arn:aws:s3:::dbx-test-logs",
        },
        {
          Sid: "LogDeliveryRolePrefixListing", Effect: "Allow", Principal: { AWS: role }, Action: ["s3:ListBucket"], Resource: "arn:aws:s3:::dbx-test-logs",
          Condition: { StringLike: { "s3:prefix": ["audit-logs", "audit-logs/*"] } },
        },
        {
          Sid: "LogDeliveryRoleObjects", Effect: "Allow", Principal: { AWS: role },
          Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:PutObjectAcl", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
          Resource: [
            "arn:aws:s3:::dbx-test-logs/audit-logs/", "arn:aws:s3:::dbx-test-logs/audit-logs/*",
          ],
        },
        {
          Sid: "AllowSSLRequestsOnly", Effect: "Deny", Principal: "*", Action: ["s3:*"],
          Resource: ["arn:aws:s3:::dbx-test-logs", "arn:aws:s3:::dbx-test-logs/*"],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
  });

  test("nobody but the log-delivery role is granted anything", () => {
    const allows = doc.Statement.filter((s: Json) => s.Effect === "Allow");
    expect(allows.map((s: Json) => s.Principal)).toEqual([{ AWS: roleArnRef(json) }, { AWS: roleArnRef(json) }, { AWS: roleArnRef(json) }]);
    expect(JSON.stringify(doc)).not.toContain("414351767826");
  });

  test("GovCloud: bucket policy ARNs in aws-us-gov", () => {
    const gov = JSON.parse(resource(synth({}, { region: "us-gov-west-1" }), "aws_s3_bucket_policy", "log-delivery").policy);
    expect(gov.Statement.map((s: Json) => s.Resource)).toEqual([
      "arn:aws-us-gov:s3:::dbx-test-logs", "arn:aws-us-gov:s3:::dbx-test-logs",
      [
        "arn:aws-us-gov:s3:::dbx-test-logs/audit-logs/", "arn:aws-us-gov:s3:::dbx-test-logs/audit-logs/*",
      ],
      ["arn:aws-us-gov:s3:::dbx-test-logs", "arn:aws-us-gov:s3:::dbx-test-logs/*"],
    ]);
  });

  test("no lifecycle rule by default (logs kept forever)", () => {
    expect(json.resource.aws_s3_bucket_lifecycle_configuration).toBeUndefined();
  });

  test("retentionDays: current and overwritten versions expire after that many days, after versioning is set", () => {
    const kept = synth({ retentionDays: 400 });
    expect(resource(kept, "aws_s3_bucket_lifecycle_configuration", "log-delivery")).toEqual({
      bucket: refTo(kept, "aws_s3_bucket", "log-delivery"),
      rule: [{
        id: "expire-delivered-logs", status: "Enabled", filter: [{}],
        expiration: [{ days: 400 }],
        noncurrent_version_expiration: [{ noncurrent_days: 400 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      }],
      depends_on: [address(kept, "aws_s3_bucket_versioning")],
    });
  });
});

describe("LogDelivery: Account API registrations", () => {
  const json = synth();

  test("every Account API resource uses the account provider", () => {
    for (const type of ["databricks_mws_credentials", "databricks_mws_storage_configurations", DELIVERY]) {
      expect(resources(json, type).length).toBeGreaterThan(0);
      for (const r of resources(json, type)) expect(r.provider).toBe("databricks.mws");
    }
  });

  test("credentials → the role's ARN, after a 10 s wait that starts once the role's policy exists", () => {
    const [credentials] = resources(json, "databricks_mws_credentials");
    expect(credentials).toEqual({
      provider: "databricks.mws",
      credentials_name: `dbx-test-log-delivery-credentials-\${substr(sha1(join("|", [${roleArnRef(json).slice(2, -1)}])), 0, 8)}`,
      role_arn: roleArnRef(json), depends_on: [address(json, "time_sleep")],
      lifecycle: { create_before_destroy: true, ignore_changes: ["credentials_name"] },
    });
    expect(resources(json, "time_sleep")).toEqual([{
      create_duration: "10s", triggers: { role_arn: roleArnRef(json) }, depends_on: [address(json, ROLE_POLICY)],
    }]);
  });

  test("storage configuration → the log bucket, once its policy lets the role in", () => {
    const bucket = refTo(json, "aws_s3_bucket", "log-delivery", "bucket");
    expect(resources(json, "databricks_mws_storage_configurations")).toEqual([{
      provider: "databricks.mws", account_id: ACCOUNT,
      storage_configuration_name: `dbx-test-log-delivery-storage-\${substr(sha1(join("|", [${bucket.slice(2, -1)}])), 0, 8)}`,
      bucket_name: bucket, depends_on: [address(json, "aws_s3_bucket_policy")],
      lifecycle: { create_before_destroy: true, ignore_changes: ["storage_configuration_name"] },
    }]);
  });

  test("one default delivery: AUDIT_LOGS as JSON under audit-logs, enabled; billable-usage CSV (legacy) only when configured", () => {
    const common = {
      provider: "databricks.mws", account_id: ACCOUNT,
      credentials_id: refTo(json, "databricks_mws_credentials", "log-delivery", "credentials_id"),
      storage_configuration_id: refTo(json, "databricks_mws_storage_configurations", "log-delivery", "storage_configuration_id"),
      status: "ENABLED", lifecycle: { prevent_destroy: true },
    };
    expect(resources(json, DELIVERY)).toHaveLength(1);
    expect(deliveriesByName(json)).toEqual({
      "dbx-test-audit-logs": {
        ...common, config_name: "dbx-test-audit-logs", log_type: "AUDIT_LOGS", output_format: "JSON", delivery_path_prefix: "audit-logs",
      },
    });
  });

  test("given configs: prefix, status, workspace filter and start time reach the resources; format follows the type", () => {
    const configs: LogDeliveryConfigProps[] = [
      { name: "usage-2024", logType: "BILLABLE_USAGE", deliveryPathPrefix: "usage/v1", deliveryStartTime: "2024-01" },
      { name: "Audit (prod workspaces)", logType: "AUDIT_LOGS", workspaceIdsFilter: [6383650456894062, 4102272838062927] },
      { name: "old audit", logType: "AUDIT_LOGS", status: "DISABLED" },
    ];
    const json = synth({ configs });
    expect(resources(json, DELIVERY)).toHaveLength(3);
    const deliveries = [deliveriesByName(json)["usage-2024"], deliveriesByName(json)["Audit (prod workspaces)"], deliveriesByName(json)["old audit"]];
    expect(deliveries[0]).toMatchObject({
      config_name: "usage-2024", log_type: "BILLABLE_USAGE", output_format: "CSV", delivery_path_prefix: "usage/v1",
      delivery_start_time: "2024-01", status: "ENABLED",
    });
    expect(deliveries[0].workspace_ids_filter).toBeUndefined();
    expect(deliveries[1]).toMatchObject({
      config_name: "Audit (prod workspaces)", log_type: "AUDIT_LOGS", output_format: "JSON", delivery_path_prefix: "audit-logs",
      workspace_ids_filter: [6383650456894062, 4102272838062927], status: "ENABLED",
    });
    expect(deliveries[1].delivery_start_time).toBeUndefined();
    expect(deliveries[2]).toMatchObject({ config_name: "old audit", status: "DISABLED" });
  });

  test("every delivery has prevent_destroy: configurations cannot be deleted, only disabled", () => {
    const configs: LogDeliveryConfigProps[] = [
      { name: "a", logType: "AUDIT_LOGS" }, { name: "b", logType: "AUDIT_LOGS", status: "DISABLED" }, { name: "c", logType: "BILLABLE_USAGE" },
    ];
    const json = synth({ configs });
    expect(resources(json, DELIVERY).map((d) => d.lifecycle)).toEqual(Array(3).fill({ prevent_destroy: true }));
    // And the bucket they write to (below); the role, the registrations and the bucket's companions stay replaceable.
    for (const type of [ROLE, ROLE_POLICY, "aws_s3_bucket_policy", "aws_s3_bucket_versioning"]) {
      for (const r of resources(json, type)) expect(r.lifecycle).toBeUndefined();
    }
    for (const type of ["databricks_mws_credentials", "databricks_mws_storage_configurations"]) {
      for (const r of resources(json, type)) expect(r.lifecycle.create_before_destroy).toBe(true);
    }
  });

  test("the log bucket has prevent_destroy by default, whatever the context's protectData; preventDestroy: false removes it", () => {
    for (const protectData of [false, true]) {
      expect(resource(synth({}, { protectData }), "aws_s3_bucket", "log-delivery").lifecycle).toEqual({ prevent_destroy: true });
      expect(resource(synth({ preventDestroy: false }, { protectData }), "aws_s3_bucket", "log-delivery").lifecycle).toBeUndefined();
    }
    // The deliveries keep theirs: a configuration can never be deleted.
    expect(resources(synth({ preventDestroy: false }), DELIVERY).map((d) => d.lifecycle)).toEqual([{ prevent_destroy: true }]);
  });

  test("names come from the context's prefix", () => {
    const json = synth({}, { resourcePrefix: "acme-logs" });
    expect(resource(json, ROLE, "log-delivery").name).toBe("acme-logs-log-delivery");
    expect(resource(json, ROLE_POLICY, "log-delivery").name).toBe("acme-logs-log-delivery-policy");
    expect(resources(json, "databricks_mws_credentials")[0].credentials_name).toMatch(/^acme-logs-log-delivery-credentials-\$\{substr\(sha1\(/);
    expect(resources(json, "databricks_mws_storage_configurations")[0].storage_configuration_name).toMatch(/^acme-logs-log-delivery-storage-\$\{substr\(sha1\(/);
    expect(Object.keys(deliveriesByName(json)).sort()).toEqual(["acme-logs-audit-logs"]);
  });

  test("without a DeploymentContext it throws the context's message", () => {
    expect(() => synthJson((scope) => new LogDelivery(scope, "log-delivery", BASE))).toThrow(
      "stack/log-delivery: no DeploymentContext in scope. Create one in the stack first: " +
        "new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
  });

  test("without the context's account provider it throws, naming the construct", () => {
    expect(() => synthJson((scope) => {
      withContext(scope);
      new LogDelivery(scope, "log-delivery", BASE);
    })).toThrow("stack/log-delivery: registers objects with the Databricks Account API, but the DeploymentContext has no accountProvider");
  });

  test("a delivery's Terraform address follows its name, not its position (reordering replaces nothing)", () => {
    const a: LogDeliveryConfigProps = { name: "usage", logType: "BILLABLE_USAGE" };
    const b: LogDeliveryConfigProps = { name: "audit", logType: "AUDIT_LOGS" };
    const ids = (configs: LogDeliveryConfigProps[]) => {
      const blocks = synth({ configs }).resource[DELIVERY];
      return Object.fromEntries(Object.entries(blocks).map(([id, r]) => [(r as Json).config_name, id]));
    };
    expect(ids([a, b])).toEqual(ids([b, a]));
  });

  test("the construct exposes what it created", () => {
    let made: LogDelivery | undefined;
    synthJson((scope) => { made = addLogDelivery(scope); });
    expect(made!.deliveries).toHaveLength(1);
    expect(made!.deliveries.map((d) => d.logTypeInput)).toEqual(["AUDIT_LOGS"]);
    expect(made!.deliveries.map((d) => d.configNameInput)).toEqual(["dbx-test-audit-logs"]);
    expect(made!.credentials.credentialsNameInput).toMatch(/^dbx-test-log-delivery-credentials-\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(made!.storageConfiguration.storageConfigurationNameInput).toMatch(/^dbx-test-log-delivery-storage-\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(made!.role.nameInput).toBe("dbx-test-log-delivery");
    expect(made!.bucket.bucketInput).toBe("dbx-test-logs");
    expect(made!.lifecycle).toBeUndefined();
  });
});

describe("LogDelivery: Databricks' limits on enabled configurations", () => {
  const problemsOf = (configs: LogDeliveryConfigProps[]) => logDeliveryProblems({ ...BASE, configs }).map(formatProblem);
  const audit = (name: string, extra: Partial<LogDeliveryConfigProps> = {}): LogDeliveryConfigProps =>
    ({ name, logType: "AUDIT_LOGS", deliveryPathPrefix: `audit/${name}`, ...extra });

  test("three enabled account-level configs of one log type are refused, at construction too", () => {
    const configs = [audit("a"), audit("b"), audit("c")];
    const message = "configs: has 3 enabled account-level AUDIT_LOGS configurations (configs[0], configs[1], configs[2]); " +
      "Databricks allows 2 enabled account-level delivery configurations per log type: " +
      "set status \"DISABLED\" on the others or give them a workspaceIdsFilter";
    expect(problemsOf(configs)).toEqual([message]);
    expect(() => synth({ configs })).toThrow(ValidationError);
    expect(() => synth({ configs })).toThrow(`LogDelivery stack/log-delivery: invalid props:\n  - ${message}`);
  });

  test("two per type are fine; disabled and workspace-filtered configs do not count; the limit is per log type", () => {
    expect(problemsOf([audit("a"), audit("b")])).toEqual([]);
    expect(problemsOf([audit("a"), audit("b"), audit("c", { status: "DISABLED" }), audit("d", { workspaceIdsFilter: [1] })])).toEqual([]);
    expect(problemsOf([
      audit("a"), audit("b"),
      { name: "u1", logType: "BILLABLE_USAGE", deliveryPathPrefix: "u1" }, { name: "u2", logType: "BILLABLE_USAGE", deliveryPathPrefix: "u2" },
    ])).toEqual([]);
  });

  test("a workspace may be in the filters of at most two enabled configs of a log type", () => {
    expect(problemsOf([
      audit("a", { workspaceIdsFilter: [7, 8] }), audit("b", { workspaceIdsFilter: [8] }), audit("c", { workspaceIdsFilter: [9, 8] }),
      audit("d", { workspaceIdsFilter: [8], status: "DISABLED" }),
    ])).toEqual([
      "configs: has workspace 8 in the workspaceIdsFilter of 3 enabled AUDIT_LOGS configurations (configs[0], configs[1], configs[2]); " +
        "Databricks allows 2 enabled configurations per workspace and log type",
    ]);
  });

  test("two enabled configs differing only in name are refused", () => {
    expect(problemsOf([audit("a", { deliveryPathPrefix: "x" }), audit("b", { deliveryPathPrefix: "x" })])).toEqual([
      "configs[1]: delivers the same logs to the same prefix as configs[0] (all fields but the name equal): " +
        "every log would be written twice, and Databricks rejects enabled configurations that differ only in config_name",
    ]);
    // The default prefix counts as the prefix; a different filter makes them different.
    expect(problemsOf([{ name: "a", logType: "AUDIT_LOGS" }, { name: "b", logType: "AUDIT_LOGS", deliveryPathPrefix: "audit-logs" }])).toHaveLength(1);
    expect(problemsOf([audit("a", { deliveryPathPrefix: "x", workspaceIdsFilter: [1] }), audit("b", { deliveryPathPrefix: "x" })])).toEqual([]);
  });
});

describe("LogDelivery: validation names the prop, the value and the rule", () => {
  const problemsOf = (props: Partial<LogDeliveryProps>) => logDeliveryProblems({ ...BASE, ...props }).map(formatProblem);
  const configProblems = (config: Partial<LogDeliveryConfigProps>) =>
    problemsOf({ configs: [{ name: "cfg", logType: "BILLABLE_USAGE", ...config } as LogDeliveryConfigProps] });

  test("the defaults are valid", () => {
    expect(logDeliveryProblems(BASE)).toEqual([]);
  });

  test.each<[string, Partial<LogDeliveryProps>, string[]]>([
    ["bucket name", { bucketName: "dbx.logs" }, [
      'bucketName = "dbx.logs": must not contain dots: S3\'s TLS certificate for virtual-hosted-style requests ' +
        "(<bucket>.s3.<region>.amazonaws.com) matches one name label only, so HTTPS to a dotted bucket name fails certificate checks; use hyphens instead",
    ]],
    ["retentionDays zero", { retentionDays: 0 }, ["retentionDays = 0: must be a positive integer (days before S3 expires delivered logs); omit it to keep logs forever"]],
    ["retentionDays fractional", { retentionDays: 1.5 }, ["retentionDays = 1.5: must be a positive integer (days before S3 expires delivered logs); omit it to keep logs forever"]],
    ["no configs", { configs: [] }, ["configs = []: must list at least one configuration; omit it for one AUDIT_LOGS configuration"]],
  ])("%s", (_rule, props, messages) => {
    expect(problemsOf(props)).toEqual(messages);
  });

  test.each<[string, Partial<LogDeliveryConfigProps>, string[]]>([
    ["empty name", { name: "" }, ['configs[0].name = "": must not be empty or blank']],
    ["blank name", { name: "   " }, ['configs[0].name = "   ": must not be empty or blank']],
    ["name over 255 characters", { name: "n".repeat(256) }, [
      `configs[0].name = ${JSON.stringify("n".repeat(40) + "…")} (256 characters): must be at most 255 characters long (the provider's config_name limit); it has 256`,
    ]],
    ["name with a slash", { name: "audit/prod" }, ['configs[0].name = "audit/prod": must not contain "/" (the name is part of the Terraform resource\'s construct path)']],
    ["name with padding", { name: " audit" }, ['configs[0].name = " audit": must not start or end with whitespace']],
    ["unknown log type", { logType: "CLUSTER_LOGS" as never }, ['configs[0].logType = "CLUSTER_LOGS": must be one of: BILLABLE_USAGE, AUDIT_LOGS']],
    ["unknown status", { status: "PAUSED" as never }, [
      'configs[0].status = "PAUSED": must be one of: ENABLED, DISABLED (a configuration cannot be deleted, only disabled)',
    ]],
    ["prefix with a leading slash", { deliveryPathPrefix: "/usage" }, [
      "configs[0].deliveryPathPrefix = \"/usage\": must be an S3 key prefix: segments of letters, digits and ! _ . ' ( ) - " +
        "separated by single slashes, not starting or ending with a slash",
    ]],
    ["prefix with a trailing slash", { deliveryPathPrefix: "usage/" }, [
      "configs[0].deliveryPathPrefix = \"usage/\": must be an S3 key prefix: segments of letters, digits and ! _ . ' ( ) - " +
        "separated by single slashes, not starting or ending with a slash",
    ]],
    ["prefix with a double slash", { deliveryPathPrefix: "a//b" }, [
      "configs[0].deliveryPathPrefix = \"a//b\": must be an S3 key prefix: segments of letters, digits and ! _ . ' ( ) - " +
        "separated by single slashes, not starting or ending with a slash",
    ]],
    ["prefix with a * (a wildcard in the IAM policies that scope delivery to it)", { deliveryPathPrefix: "logs/*" }, [
      "configs[0].deliveryPathPrefix = \"logs/*\": must be an S3 key prefix: segments of letters, digits and ! _ . ' ( ) - " +
        "separated by single slashes, not starting or ending with a slash",
    ]],
    ["empty prefix", { deliveryPathPrefix: "" }, [
      "configs[0].deliveryPathPrefix = \"\": must be 1 to 512 characters long; it has 0 (omit it for the log type's default prefix)",
    ]],
    ["start time format", { deliveryStartTime: "2024-1" }, ['configs[0].deliveryStartTime = "2024-1": must be a month in YYYY-MM format, e.g. 2024-01']],
    ["start time month 13", { deliveryStartTime: "2024-13" }, ['configs[0].deliveryStartTime = "2024-13": must be a month in YYYY-MM format, e.g. 2024-01']],
    ["start time before 2019-03", { deliveryStartTime: "2019-02" }, [
      'configs[0].deliveryStartTime = "2019-02": must not be before 2019-03: billable usage is not available before March 2019',
    ]],
    ["start time on audit logs", { logType: "AUDIT_LOGS", deliveryStartTime: "2024-01" }, [
      'configs[0].deliveryStartTime = "2024-01": applies only to BILLABLE_USAGE (Account API delivery_start_time); omit it for AUDIT_LOGS',
    ]],
    ["empty workspace filter", { workspaceIdsFilter: [] }, ["configs[0].workspaceIdsFilter = []: must not be empty: omit it to deliver the logs of all workspaces"]],
    ["workspace ids not positive integers", { workspaceIdsFilter: [0, -5, 1.5, 2 ** 53] }, [
      "configs[0].workspaceIdsFilter[0] = 0: must be a workspace id: a positive integer (at most 2^53 - 1)",
      "configs[0].workspaceIdsFilter[1] = -5: must be a workspace id: a positive integer (at most 2^53 - 1)",
      "configs[0].workspaceIdsFilter[2] = 1.5: must be a workspace id: a positive integer (at most 2^53 - 1)",
      "configs[0].workspaceIdsFilter[3] = 9007199254740992: must be a workspace id: a positive integer (at most 2^53 - 1)",
    ]],
    ["workspace id twice", { workspaceIdsFilter: [42, 42] }, ["configs[0].workspaceIdsFilter[1] = 42: is listed twice"]],
  ])("config: %s", (_rule, config, messages) => {
    expect(configProblems(config)).toEqual(messages);
  });

  test("accepted config values", () => {
    expect(configProblems({ name: "Usage Logs (all workspaces) — v2", deliveryPathPrefix: "logs/billable-usage.v2", deliveryStartTime: "2019-03" })).toEqual([]);
    expect(configProblems({ name: "n".repeat(255), workspaceIdsFilter: [6383650456894062, 2 ** 53 - 1] })).toEqual([]);
  });

  test("config names must be unique", () => {
    expect(problemsOf({
      configs: [
        { name: "logs", logType: "BILLABLE_USAGE" }, { name: "audit", logType: "AUDIT_LOGS" }, { name: "logs", logType: "AUDIT_LOGS", deliveryPathPrefix: "a2" },
      ],
    })).toEqual([
      'configs[2].name = "logs": is also the name of configs[0]; config names must be unique (each names a configuration in the account and its Terraform resource)',
    ]);
  });

  test("all problems at once, in the construct's error", () => {
    expect(() => synth({ bucketName: "Logs", retentionDays: -1, configs: [{ name: "", logType: "AUDIT_LOGS", deliveryStartTime: "2024-01" }] })).toThrow(
      "LogDelivery stack/log-delivery: invalid props:\n" +
        '  - bucketName = "Logs": may contain only lowercase letters, digits, dots and hyphens (S3 bucket naming rule); found "L"\n' +
        "  - retentionDays = -1: must be a positive integer (days before S3 expires delivered logs); omit it to keep logs forever\n" +
        '  - configs[0].name = "": must not be empty or blank\n' +
        '  - configs[0].deliveryStartTime = "2024-01": applies only to BILLABLE_USAGE (Account API delivery_start_time); omit it for AUDIT_LOGS',
    );
  });

  test("tokens: account ids, bucket name and workspace ids may be references; config names may not", () => {
    const json = synthJson((scope) => {
      const account = new TerraformVariable(scope, "aws_account_id", { type: "string" });
      const bucket = new TerraformVariable(scope, "log_bucket", { type: "string" });
      const workspace = new TerraformVariable(scope, "workspace_id", { type: "number" });
      addLogDelivery(scope, {
        bucketName: bucket.stringValue,
        configs: [{ name: "audit", logType: "AUDIT_LOGS", workspaceIdsFilter: [Token.asNumber(workspace.numberValue)] }],
      }, { awsAccountId: account.stringValue });
    });
    expect(resource(json, "aws_s3_bucket", "log-delivery").bucket).toBe("${var.log_bucket}");
    const rolePolicy = JSON.parse(resource(json, ROLE_POLICY, "log-delivery").policy);
    expect(rolePolicy.Statement[0]).toMatchObject({ Resource: "arn:aws:s3:::${var.log_bucket}", Condition: { StringEquals: { "aws:ResourceAccount": "${var.aws_account_id}" } } });
    expect(resources(json, DELIVERY)[0].workspace_ids_filter).toEqual(["${var.workspace_id}"]);

    expect(() => synthJson((scope) => {
      const name = new TerraformVariable(scope, "config_name", { type: "string" });
      addLogDelivery(scope, { configs: [{ name: name.stringValue, logType: "AUDIT_LOGS" }] });
    })).toThrow(/configs\[0\]\.name = "\$\{TfToken\[TOKEN\.\d+\]\}": must be a literal string, not a token/);
  });
});
