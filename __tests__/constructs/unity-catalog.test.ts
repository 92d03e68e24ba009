import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Construct } from "constructs";
import { DeploymentContextProps } from "../../modules/core/context";
import {
  AccountUnityCatalog, KinesisServiceCredential, kinesisServiceCredentialProblems, SystemTables, SystemTablesProps, WorkspaceCatalog, WorkspaceCatalogProps, WorkspaceMetastoreAssignment,
  accountUnityCatalogProblems, systemTablesProblems, workspaceCatalogProblems,
} from "../../modules/unity-catalog";
import { formatProblem } from "../../modules/core/problems";
import { Json, refTo, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

type Context = Partial<DeploymentContextProps>;
const BASE: WorkspaceCatalogProps = { catalogName: "analytics" };
const WS = "databricks.workspace";

function providers(scope: Construct, context: Context = {}) {
  const workspaceProvider = new DatabricksProvider(scope, "ws", { alias: "workspace", host: "https://dbc-1.cloud.databricks.com" });
  const accountProvider = new DatabricksProvider(scope, "acct", { alias: "mws", host: "https://accounts.cloud.databricks.com", accountId: TEST_CONTEXT.databricksAccountId });
  withContext(scope, { workspaceProvider, accountProvider, ...context });
}
function synth(props: Partial<WorkspaceCatalogProps> = {}, context: Context = {}): Json {
  return synthJson((scope) => {
    providers(scope, context);
    new WorkspaceCatalog(scope, "catalog", { ...BASE, ...props });
  });
}
const messages = (problems: ReturnType<typeof workspaceCatalogProblems>) => problems.map(formatProblem);

describe("WorkspaceCatalog: storage, credential, external location, catalog", () => {
  const json = synth();
  const credential = refTo(json, "databricks_storage_credential", "storage-credential", "aws_iam_role[0].external_id");

  test("the bucket is hardened (SSE-S3 without a key), force_destroy only because the context does not protect data", () => {
    expect(resource(json, "aws_s3_bucket", "catalog").bucket).toBe("dbx-test-123456789012-catalog");
    expect(resource(json, "aws_s3_bucket", "catalog").force_destroy).toBe(true);
    expect(resource(json, "aws_s3_bucket_server_side_encryption_configuration", "catalog").rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
    expect(resource(json, "aws_s3_bucket_public_access_block", "catalog")).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(JSON.parse(resource(json, "aws_s3_bucket_policy", "catalog").policy).Statement.map((s: Json) => s.Sid)).toEqual(["AllowSSLRequestsOnly"]);
    expect(resources(json, "aws_kms_key")).toEqual([]);
  });

  test("the credential names the role by its computed ARN (no reference) and is isolated", () => {
    expect(resource(json, "databricks_storage_credential", "storage-credential")).toEqual({
      provider: WS, name: "dbx-test-catalog", comment: "Storage of catalog analytics",
      aws_iam_role: { role_arn: "arn:aws:iam::123456789012:role/dbx-test-catalog" },
      isolation_mode: "ISOLATION_MODE_ISOLATED", force_destroy: true,
    });
  });

  test("the role trusts Unity Catalog's master role and itself, both on the credential's external id", () => {
    const role = resource(json, "aws_iam_role", "catalog");
    expect(role.name).toBe("dbx-test-catalog");
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "UnityCatalogAssumeRole", Effect: "Allow", Principal: { AWS: "arn:aws:iam::414351767826:role/unity-catalog-prod-UCMasterRole-14S5ZJVKOTYTL" },
          Action: ["sts:AssumeRole"], Condition: { StringEquals: { "sts:ExternalId": credential } } },
        { Sid: "ExplicitSelfRoleAssumption", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: ["sts:AssumeRole"],
          Condition: { StringEquals: { "sts:ExternalId": credential }, ArnLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/dbx-test-catalog" } } },
      ],
    });
  });

  test("the role may use the bucket and assume itself, nothing else", () => {
    const policy = resource(json, "aws_iam_role_policy", "catalog");
    expect(policy.name).toBe("dbx-test-catalog-policy");
    expect(JSON.parse(policy.policy).Statement).toEqual([
      { Sid: "CatalogBucket", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation",
        "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"],
        Resource: ["arn:aws:s3:::dbx-test-123456789012-catalog", "arn:aws:s3:::dbx-test-123456789012-catalog/*"] },
      { Sid: "SelfAssume", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: "arn:aws:iam::123456789012:role/dbx-test-catalog" },
    ]);
  });

  test("a 60 s wait after the role and its policy precedes the external location (the SRA's race fix)", () => {
    const wait = resource(json, "time_sleep", "role-propagation");
    expect(wait).toEqual({ create_duration: "60s", depends_on: [expect.stringMatching(/^aws_iam_role\./), expect.stringMatching(/^aws_iam_role_policy\./)] });
    const location = resource(json, "databricks_external_location", "external-location");
    expect(location).toEqual({
      provider: WS, name: "dbx-test-catalog", url: "s3://dbx-test-123456789012-catalog/",
      credential_name: refTo(json, "databricks_storage_credential", "storage-credential", "name"), comment: "Storage of catalog analytics",
      isolation_mode: "ISOLATION_MODE_ISOLATED", force_destroy: true,
      depends_on: [expect.stringMatching(/^time_sleep\./), expect.stringMatching(/^aws_s3_bucket_policy\./)],
    });
  });

  test("the catalog: storage root on the location, isolated, the workspace's default namespace; schema raw", () => {
    expect(resource(json, "databricks_catalog", "catalog")).toEqual({
      provider: WS, name: "analytics", comment: "Catalog of dbx-test", storage_root: "s3://dbx-test-123456789012-catalog/",
      isolation_mode: "ISOLATED", force_destroy: true, depends_on: [expect.stringMatching(/^databricks_external_location\./)],
    });
    expect(resources(json, "databricks_schema")).toEqual([{ provider: WS, catalog_name: refTo(json, "databricks_catalog", "catalog", "name"), name: "raw", comment: "Managed by dbx-test", force_destroy: true }]);
    expect(resources(json, "databricks_default_namespace_setting")).toEqual([{ provider: WS, namespace: { value: refTo(json, "databricks_catalog", "catalog", "name") } }]);
    expect(resources(json, "databricks_grants")).toEqual([]);
  });

  test("protectData: prevent_destroy on bucket, catalog and location, and no force_destroy anywhere", () => {
    const p = synth({}, { protectData: true });
    expect(resource(p, "aws_s3_bucket", "catalog")).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(resource(p, "databricks_catalog", "catalog")).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(resource(p, "databricks_external_location", "external")).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(resource(p, "databricks_storage_credential", "storage").force_destroy).toBe(false);
    expect(resources(p, "databricks_schema")[0].force_destroy).toBe(false);
    // preventDestroy: false overrides the context.
    expect(resource(synth({ preventDestroy: false }, { protectData: true }), "aws_s3_bucket", "catalog").lifecycle).toBeUndefined();
  });

  test("customerManagedKey: its own rotating key encrypts the bucket; the role may use it", () => {
    const k = synth({ customerManagedKey: true, bucketName: "acme-catalog" });
    const key = resource(k, "aws_kms_key", "catalog");
    expect(key.enable_key_rotation).toBe(true);
    expect(JSON.parse(key.policy).Statement).toEqual([{ Sid: "KeyAdministrators", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::123456789012:root"] }, Action: ["kms:*"], Resource: "*" }]);
    expect(resource(k, "aws_kms_alias", "catalog").name).toBe("alias/dbx-test-catalog-key");
    expect(resource(k, "aws_s3_bucket_server_side_encryption_configuration", "catalog").rule).toEqual([{
      apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: refTo(k, "aws_kms_key", "catalog", "arn") }, bucket_key_enabled: true,
    }]);
    expect(JSON.parse(resource(k, "aws_iam_role_policy", "catalog").policy).Statement[2]).toEqual({
      Sid: "CatalogBucketKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"], Resource: refTo(k, "aws_kms_key", "catalog", "arn"),
    });
  });

  test("GovCloud: the partition's master role", () => {
    const g = synth({}, { region: "us-gov-west-1" });
    expect(JSON.parse(resource(g, "aws_iam_role", "catalog").assume_role_policy).Statement[0].Principal.AWS)
      .toBe("arn:aws-us-gov:iam::044793339203:role/unity-catalog-prod-UCMasterRole-1QRFA8SGY15OJ");
  });

  test("grants: typed config becomes authoritative databricks_grants per securable; the service principal gets the pipeline's", () => {
    const g = synth({
      schemas: ["raw", "curated"],
      grants: {
        catalog: [{ principal: "data-analysts", privileges: ["USE_CATALOG", "USE_SCHEMA", "SELECT"] }],
        schemas: { curated: [{ principal: "data-engineers", privileges: ["USE_SCHEMA", "MODIFY"] }] },
        externalLocation: [{ principal: "data-engineers", privileges: ["READ_FILES"] }],
      },
      servicePrincipalApplicationId: "11111111-2222-3333-4444-555555555555",
    });
    const sp = "11111111-2222-3333-4444-555555555555";
    const pipeline = ["USE_SCHEMA", "CREATE_TABLE", "MODIFY", "SELECT", "READ_VOLUME", "WRITE_VOLUME", "CREATE_VOLUME"];
    expect(resource(g, "databricks_grants", "catalog-grants")).toEqual({
      provider: WS, catalog: refTo(g, "databricks_catalog", "catalog", "name"),
      grant: [{ principal: "data-analysts", privileges: ["USE_CATALOG", "USE_SCHEMA", "SELECT"] }, { principal: sp, privileges: ["USE_CATALOG"] }],
    });
    expect(resource(g, "databricks_grants", "schema-grants-raw")).toEqual({ provider: WS, schema: refTo(g, "databricks_schema", "schema-raw", "id"), grant: [{ principal: sp, privileges: pipeline }] });
    expect(resource(g, "databricks_grants", "schema-grants-curated").grant).toEqual([{ principal: "data-engineers", privileges: ["USE_SCHEMA", "MODIFY"] }, { principal: sp, privileges: pipeline }]);
    expect(resource(g, "databricks_grants", "external-location-grants")).toEqual({
      provider: WS, external_location: refTo(g, "databricks_external_location", "external-location", "id"), grant: [{ principal: "data-engineers", privileges: ["READ_FILES"] }],
    });
  });

  test("without a workspace provider it throws, naming the construct", () => {
    expect(() => synthJson((scope) => { withContext(scope); new WorkspaceCatalog(scope, "catalog", BASE); }))
      .toThrow("stack/catalog: configures a workspace, but the DeploymentContext has no workspaceProvider");
  });
});

describe("workspaceCatalogProblems", () => {
  const check = (props: Partial<WorkspaceCatalogProps>) => messages(workspaceCatalogProblems({ ...BASE, ...props }, TEST_CONTEXT));
  test("catalog names Databricks rejects or needs quoted, and its own names", () => {
    expect(check({ catalogName: "Sales-Data" })).toEqual([
      'catalogName = "Sales-Data": must be a catalog name Databricks accepts without quoting: lowercase letters, digits and _, starting with a letter, at most 255 (Databricks rejects . / spaces, lowercases names, and needs backquotes around -)',
    ]);
    expect(check({ catalogName: "system" })).toEqual(['catalogName = "system": is reserved by Databricks (system, samples, hive_metastore, information_schema); pick another catalog name']);
    expect(check({ catalogName: "sales_2026" })).toEqual([]);
  });
  test("group names, privileges per securable, duplicates, unknown schemas", () => {
    expect(check({
      grants: {
        catalog: [{ principal: "jane@example.com", privileges: ["USE_CATALOG"] }, { principal: "analysts", privileges: ["READ_FILES" as never, "SELECT", "SELECT"] }],
        schemas: { gold: [{ principal: "analysts", privileges: ["SELECT"] }] },
        externalLocation: [{ principal: "analysts", privileges: [] }],
      },
    })).toEqual([
      'grants.catalog[0].principal = "jane@example.com": is a user\'s e-mail address: grant to groups from your identity provider, so access follows group membership',
      'grants.catalog[1].privileges[0] = "READ_FILES": is not a privilege of a catalog; allowed: ALL_PRIVILEGES, APPLY_TAG, CREATE_CONNECTION, CREATE_SCHEMA, MANAGE, USE_CATALOG, CREATE_FUNCTION, CREATE_TABLE, CREATE_VOLUME, EXECUTE, MODIFY, REFRESH, SELECT, READ_VOLUME, WRITE_VOLUME, USE_SCHEMA',
      'grants.catalog[1].privileges[2] = "SELECT": is listed twice',
      "grants.externalLocation[0].privileges = []: must list at least one privilege",
      'grants.schemas.gold = "gold": is not a schema of the catalog; schemas: raw',
    ]);
  });
});

describe("metastore, assignment, system tables", () => {
  test("an existing metastore is assigned by id; a created one is looked up by name (no cross-stack reference)", () => {
    const byId = synthJson((scope) => { providers(scope); new WorkspaceMetastoreAssignment(scope, "m", { metastore: { id: "0a1b2c3d-0000-4000-8000-000000000001" }, workspaceId: "1234" }); });
    expect(resources(byId, "databricks_metastore_assignment")).toEqual([{ provider: "databricks.mws", metastore_id: "0a1b2c3d-0000-4000-8000-000000000001", workspace_id: 1234 }]);
    const byName = synthJson((scope) => { providers(scope); new WorkspaceMetastoreAssignment(scope, "m", { metastore: { name: "us-east-1" }, workspaceId: "1234" }); });
    // Either way the plan checks the metastore serves the context's region (a workspace can only use its region's).
    const regionCheck = (what: string) => ({ postcondition: [{
      condition: '${self.metastore_info[0].region == "us-east-1"}',
      error_message: `The account config's ${what} is not in us-east-1, the workspace's region: a workspace can only be assigned its region's metastore (environments/account.ts, unityCatalog.metastore).`,
    }] });
    expect(Object.values(byId.data.databricks_metastore)).toEqual([{ provider: "databricks.mws", metastore_id: "0a1b2c3d-0000-4000-8000-000000000001", lifecycle: regionCheck("metastore 0a1b2c3d-0000-4000-8000-000000000001") }]);
    expect(Object.values(byName.data.databricks_metastore)).toEqual([{ provider: "databricks.mws", name: "us-east-1", lifecycle: regionCheck('metastore "us-east-1"') }]);
    expect(resources(byName, "databricks_metastore_assignment")[0].metastore_id).toMatch(/^\$\{data\.databricks_metastore\..*\.metastore_id\}$/);
  });

  test("the account stack's metastore (owner = admin group, prevent_destroy) and the account-level legacy-features opt-in", () => {
    const json = synthJson((scope) => { providers(scope); new AccountUnityCatalog(scope, "uc", { metastore: { name: "primary" }, metastoreAdminGroup: "metastore-admins", disableLegacyFeatures: true }); });
    // The owner is looked up (the plan fails on a missing group) and named through the lookup.
    expect(Object.values(json.data.databricks_group)).toEqual([{ provider: "databricks.mws", display_name: "metastore-admins" }]);
    expect(resources(json, "databricks_metastore")).toEqual([{
      provider: "databricks.mws", name: "primary", region: "us-east-1", owner: expect.stringMatching(/^\$\{data\.databricks_group\..*\.display_name\}$/),
      force_destroy: false, lifecycle: { prevent_destroy: true },
    }]);
    expect(resources(json, "databricks_disable_legacy_features_setting")).toEqual([{ provider: "databricks.mws", disable_legacy_features: { value: true } }]);
    const existing = synthJson((scope) => { providers(scope); new AccountUnityCatalog(scope, "uc", { metastore: { id: "0a1b2c3d-0000-4000-8000-000000000001" } }); });
    expect(existing.resource).toBeUndefined();
  });

  test("account problems: metastore id format, admin group only for a created metastore", () => {
    expect(accountUnityCatalogProblems({ metastore: { id: "prod-metastore" }, metastoreAdminGroup: "admins" }).map(formatProblem)).toEqual([
      'metastore.id = "prod-metastore": must be a metastore id: a lowercase UUID (account console → Catalog → the metastore)',
      'metastoreAdminGroup = "admins": is a workspace-local group, which the account-level lookup cannot find; name an account group ("account users" holds every account user)',
      'metastoreAdminGroup = "admins": applies to a metastore created here ({ name }); set an existing metastore\'s admin in the account console',
    ]);
  });

  test("system tables: read granted per group on system and its schemas (not authoritative: the catalog is shared); no schema declared", () => {
    const props: SystemTablesProps = { readers: ["finops"], schemas: ["access", "compute"] };
    const json = synthJson((scope) => { providers(scope); new SystemTables(scope, "system", props); });
    // Databricks enables the schemas (MANAGED), which the provider's Read drops from state (#4874): never declared.
    expect(resources(json, "databricks_system_schema")).toEqual([]);
    const key = (g: Json) => String(g.catalog ?? g.schema);
    expect(resources(json, "databricks_grant").sort((a, b) => key(a).localeCompare(key(b)))).toEqual([
      { provider: WS, catalog: "system", principal: "finops", privileges: ["USE_CATALOG"] },
      { provider: WS, schema: "system.access", principal: "finops", privileges: ["USE_SCHEMA", "SELECT"] },
      { provider: WS, schema: "system.billing", principal: "finops", privileges: ["USE_SCHEMA", "SELECT"] },
      { provider: WS, schema: "system.compute", principal: "finops", privileges: ["USE_SCHEMA", "SELECT"] },
    ]);
    expect(systemTablesProblems({ readers: ["finops", "finops"] }).map(formatProblem)).toEqual(['readers[1] = "finops": is listed twice']);
    expect(systemTablesProblems({ readers: [], schemas: ["billing" as never] }).map(formatProblem)).toEqual([
      "readers = []: must name at least one group (e.g. the admins or FinOps)",
      'schemas[0] = "billing": must be one of: access, compute, lakeflow, marketplace, query, serving, storage (billing is always granted)',
    ]);
  });
});

describe("KinesisServiceCredential", () => {
  test("a SERVICE credential on a role reading exactly the streams, ACCESS for one service principal, a wait after the role", () => {
    const json = synthJson((scope) => { providers(scope); new KinesisServiceCredential(scope, "kinesis", { streamNames: ["a", "b"], servicePrincipalApplicationId: "sp-1" }); });
    expect(resources(json, "databricks_credential")).toEqual([{
      provider: WS, name: "dbx-test-kinesis", purpose: "SERVICE", comment: "Kinesis streams read by dbx-test's jobs",
      aws_iam_role: { role_arn: "arn:aws:iam::123456789012:role/dbx-test-kinesis" }, isolation_mode: "ISOLATION_MODE_ISOLATED", force_destroy: true,
    }]);
    expect(JSON.parse(resource(json, "aws_iam_role_policy", "kinesis").policy).Statement[0].Resource).toEqual([
      "arn:aws:kinesis:us-east-1:123456789012:stream/a", "arn:aws:kinesis:us-east-1:123456789012:stream/b",
    ]);
    const wait = `time_sleep.${Object.keys(json.resource.time_sleep)[0]}`;
    expect(resources(json, "databricks_grants")).toEqual([{
      provider: WS, credential: refTo(json, "databricks_credential", "kinesis", "name"), grant: [{ principal: "sp-1", privileges: ["ACCESS"] }], depends_on: [wait],
    }]);
    expect(resource(json, "time_sleep", "kinesis").create_duration).toBe("60s");
    expect(kinesisServiceCredentialProblems({ streamNames: [] }).map(formatProblem)).toEqual(["streamNames = []: must name at least one stream: the credential grants reading exactly these"]);
  });
});
