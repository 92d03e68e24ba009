import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Testing } from "cdktf";
import { Environment, loadEnvironments } from "../../environments";
import { spoc } from "../../environments/spoc";
import { KinesisToDeltaJob } from "../../modules/pipeline";
import { WorkspaceCatalog, WorkspaceCatalogProps, workspaceCatalogProblems } from "../../modules/unity-catalog";
import { DatabricksWorkspace } from "../../modules/workspace";
import { WorkspaceStack } from "../../stacks/workspace-stack";
import { Json, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

const account = (scope: Parameters<Parameters<typeof synthJson>[0]>[0]) =>
  new DatabricksProvider(scope, "databricks-account", { alias: "mws", host: "https://accounts.cloud.databricks.com", accountId: TEST_CONTEXT.databricksAccountId });

describe("DatabricksWorkspace: computeMode SERVERLESS", () => {
  test("compute_mode and nothing classic: no credentials, storage configuration, network or role wait", () => {
    const json = synthJson((scope) => {
      withContext(scope, { accountProvider: account(scope) });
      new DatabricksWorkspace(scope, "workspace", { computeMode: "SERVERLESS", pricingTier: "ENTERPRISE" });
    });
    expect(resource(json, "databricks_mws_workspaces", "workspace")).toEqual({
      provider: "databricks.mws", account_id: TEST_CONTEXT.databricksAccountId, workspace_name: "dbx-test", aws_region: "us-east-1",
      compute_mode: "SERVERLESS", pricing_tier: "ENTERPRISE",
    });
    for (const type of ["databricks_mws_credentials", "databricks_mws_storage_configurations", "databricks_mws_networks", "time_sleep"]) {
      expect([type, resources(json, type)]).toEqual([type, []]);
    }
  });

  test("classic wiring on a serverless workspace, or a classic one without it, is refused with every problem", () => {
    const dep = { roleArn: "arn:aws:iam::123456789012:role/x", policy: { fqn: "x" } as never };
    expect(() => synthJson((scope) => {
      withContext(scope, { accountProvider: account(scope) });
      new DatabricksWorkspace(scope, "workspace", { computeMode: "SERVERLESS", crossAccountRole: dep, privateAccessSettingsId: "pas", storageKeyId: "k" });
    })).toThrow([
      '  - crossAccountRole = "(set)": must not be set for a serverless workspace (computeMode "SERVERLESS"): Databricks refuses credentials_id on it',
      '  - privateAccessSettingsId = "(set)": must not be set for a serverless workspace (computeMode "SERVERLESS"): Databricks refuses private_access_settings_id on it',
      '  - storageKeyId = "(set)": must not be set for a serverless workspace (computeMode "SERVERLESS"): Databricks refuses storage_customer_managed_key_id on it',
    ].join("\n"));
    expect(() => synthJson((scope) => {
      withContext(scope, { accountProvider: account(scope) });
      new DatabricksWorkspace(scope, "workspace", { crossAccountRole: dep });
    })).toThrow("DatabricksWorkspace stack/workspace: invalid props:\n  - rootBucket: is required for a classic workspace (credentials_id and storage_configuration_id)");
    expect(() => synthJson((scope) => {
      withContext(scope, { accountProvider: account(scope) });
      new DatabricksWorkspace(scope, "workspace", {});
    })).toThrow("  - crossAccountRole: is required for a classic workspace (credentials_id and storage_configuration_id)\n  - rootBucket: is required");
  });
});

describe("WorkspaceStack and the job: the spoc example", () => {
  const [env] = loadEnvironments([spoc], {});
  const json = JSON.parse(Testing.synth(new WorkspaceStack(Testing.app(), env as Environment))) as Json;

  test("no VPC, cross-account role, root bucket or keys; the serverless egress still there, on the data bucket", () => {
    expect(Object.keys(json.resource).filter((t) => /^aws_(vpc|subnet|nat_gateway|security_group|vpc_endpoint|kms_key)$/.test(t))).toEqual([]);
    // No IAM role at all: no cross-account role, and the legacy instance profile is off (dataAccess.legacyInstanceProfile).
    expect(resources(json, "aws_iam_role")).toEqual([]);
    expect(resources(json, "aws_s3_bucket").map((r) => r.bucket)).toEqual(["databricks-spoc-111111111111-data"]);
    expect(resource(json, "databricks_mws_workspaces", "workspace").compute_mode).toBe("SERVERLESS");
    expect(resource(json, "databricks_account_network_policy", "network-policy").egress.network_access.allowed_storage_destinations)
      .toEqual([{ bucket_name: "databricks-spoc-111111111111-data", region: "us-east-1", storage_destination_type: "AWS_S3" }]);
    expect(Object.keys(json.output).sort()).toEqual(["data_bucket_name", "workspace_id", "workspace_url"]);
  });

  test("the job on serverless jobs compute: no job cluster, the task names none, run as the service principal", () => {
    const job = resource(synthJson((scope) => {
      withContext(scope, { workspaceProvider: new DatabricksProvider(scope, "ws", { alias: "workspace", host: "https://x.cloud.databricks.com" }) });
      new KinesisToDeltaJob(scope, "pipeline", {
        serverless: true, notebookSource: "print(1)\n", streamName: "events", outputBaseUrl: "s3://dbx-data/delta/",
        unityCatalog: { table: "c.raw.events", checkpointPath: "/Volumes/c/raw/checkpoints/events", serviceCredential: "cred", runAsServicePrincipal: "sp-app-id" },
      });
    }), "databricks_job", "pipeline");
    expect(job.job_cluster).toBeUndefined();
    expect(job.run_as).toEqual({ service_principal_name: "sp-app-id" });
    expect(job.task).toEqual([{
      task_key: "kinesis_to_delta",
      notebook_task: { notebook_path: expect.stringContaining("databricks_notebook"), base_parameters: {
        stream_name: "events", region: "us-east-1", table: "c.raw.events", checkpoint_path: "/Volumes/c/raw/checkpoints/events", service_credential: "cred",
      } },
    }]);
  });

  test("serverless without Unity Catalog, or with cluster settings, is refused", () => {
    expect(() => synthJson((scope) => {
      withContext(scope, { workspaceProvider: new DatabricksProvider(scope, "ws", { alias: "workspace", host: "https://x.cloud.databricks.com" }) });
      new KinesisToDeltaJob(scope, "pipeline", { serverless: true, jobPolicyId: "p", notebookSource: "", streamName: "events", outputBaseUrl: "s3://dbx-data/delta/" });
    })).toThrow([
      "  - unityCatalog: is required with serverless: serverless compute has no instance profile and reads Kinesis through a Unity Catalog service credential",
      '  - jobPolicyId = "p": is not used on serverless jobs compute (no job cluster)',
    ].join("\n"));
  });
});

describe("WorkspaceCatalog on Databricks' default storage", () => {
  const synthCatalog = (props: Partial<WorkspaceCatalogProps>) => synthJson((scope) => {
    const workspaceProvider = new DatabricksProvider(scope, "ws", { alias: "workspace", host: "https://dbc-1.cloud.databricks.com" });
    withContext(scope, { workspaceProvider });
    new WorkspaceCatalog(scope, "catalog", { catalogName: "analytics", ...props });
  });

  test("no bucket, key, role, storage credential or external location; the catalog has no storage root", () => {
    const json = synthCatalog({ defaultStorage: true, grants: { catalog: [{ principal: "data-engineers", privileges: ["USE_CATALOG"] }] } });
    expect(Object.keys(json.resource).sort()).toEqual(["databricks_catalog", "databricks_default_namespace_setting", "databricks_grants", "databricks_schema"]);
    expect(resource(json, "databricks_catalog", "catalog")).toEqual({
      provider: "databricks.workspace", name: "analytics", comment: "Catalog of dbx-test", isolation_mode: "ISOLATED", force_destroy: true,
    });
  });

  test("own-storage settings beside defaultStorage are refused", () => {
    expect(workspaceCatalogProblems({
      catalogName: "analytics", defaultStorage: true, bucketName: "my-bucket-123", customerManagedKey: true,
      grants: { externalLocation: [{ principal: "data-engineers", privileges: ["READ_FILES"] }] },
    }, { resourcePrefix: "dbx-test", awsAccountId: "123456789012" }).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "bucketName: must not be set: with defaultStorage the catalog has no bucket, key or external location of its own",
      "customerManagedKey: must not be set: with defaultStorage the catalog has no bucket, key or external location of its own",
      "grants.externalLocation: must not be set: with defaultStorage the catalog has no bucket, key or external location of its own",
    ]);
  });
});
