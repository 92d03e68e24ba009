import * as f from "./fixtures";
import { check, expectNoSecret, run } from "./harness";
import type { Routes } from "./server";

const { verifyChecks } = require("../../../scripts/preflight/verify-checks.js");
const WS_ID = 1234567890123456;
const uc = "/api/2.1/unity-catalog";
const bound = { bindings: [{ workspace_id: WS_ID, binding_type: "BINDING_TYPE_READ_WRITE" }] };

/** What a deployed dev answers (shapes: the API reference pages cited in scripts/preflight/verify-checks.js). */
function deployed(routes: Routes): Routes {
  return {
    ...routes,
    // https://docs.databricks.com/api/workspace/metastores/current
    [`GET ${uc}/current-metastore-assignment`]: { body: { workspace_id: WS_ID, metastore_id: f.METASTORE_ID, default_catalog_name: "dev" } },
    // https://docs.databricks.com/api/account/metastoreassignments/get
    [`GET /api/2.0/accounts/${f.DBX_ACCOUNT}/workspaces/${WS_ID}/metastore`]: { body: { metastore_assignment: { workspace_id: WS_ID, metastore_id: f.METASTORE_ID, default_catalog_name: "dev" } } },
    // https://docs.databricks.com/api/workspace/catalogs/get, .../workspacebindings/getbindings
    [`GET ${uc}/catalogs/dev`]: { body: { name: "dev", isolation_mode: "ISOLATED", owner: f.CLIENT_ID } },
    [`GET ${uc}/bindings/catalog/dev`]: { body: bound },
    // https://docs.databricks.com/api/workspace/storagecredentials/get
    [`GET ${uc}/storage-credentials/databricks-dev-catalog`]: { body: { name: "databricks-dev-catalog", isolation_mode: "ISOLATION_MODE_ISOLATED" } },
    [`GET ${uc}/bindings/storage_credential/databricks-dev-catalog`]: { body: bound },
    // https://docs.databricks.com/api/workspace/externallocations/get
    [`GET ${uc}/external-locations/databricks-dev-catalog`]: { body: { name: "databricks-dev-catalog", isolation_mode: "ISOLATION_MODE_ISOLATED", url: "s3://databricks-dev-123456789012-catalog/" } },
    [`GET ${uc}/bindings/external_location/databricks-dev-catalog`]: { body: bound },
    // https://docs.databricks.com/api/workspace/grants/get
    [`GET ${uc}/permissions/catalog/dev`]: { body: { privilege_assignments: [
      { principal: "data-engineers", privileges: ["USE_CATALOG", "USE_SCHEMA", "CREATE_SCHEMA", "CREATE_TABLE", "MODIFY", "SELECT"] },
      { principal: "data-analysts", privileges: ["USE_CATALOG", "USE_SCHEMA", "SELECT"] },
    ] } },
    // https://docs.databricks.com/api/workspace/credentials/getcredential
    [`GET ${uc}/credentials/databricks-dev-kinesis`]: { body: { name: "databricks-dev-kinesis", purpose: "SERVICE" } },
    [`GET ${uc}/permissions/credential/databricks-dev-kinesis`]: { body: { privilege_assignments: [{ principal: f.SP_APPLICATION_ID, privileges: ["ACCESS"] }] } },
    // https://docs.databricks.com/api/workspace/jobs/list, .../runnow, .../getrun
    "GET /api/2.1/jobs/list": { body: { jobs: [{ job_id: 42, settings: { name: "databricks-dev kinesis to delta" } }], has_more: false } },
    "POST /api/2.1/jobs/run-now": { body: { run_id: 4242, number_in_job: 4242 } },
    "GET /api/2.1/jobs/runs/get": (_req, n) => ({ body: { run_id: 4242, run_page_url: "https://dbc-0a1b2c3d-4e5f.cloud.databricks.com/#job/42/run/4242",
      state: n < 2 ? { life_cycle_state: "RUNNING", state_message: "" } : { life_cycle_state: "TERMINATED", result_state: "SUCCESS", state_message: "" } } }),
  };
}

const verify = (argv: string[], change: (r: Routes) => Routes = (r) => r, vars: Record<string, string> = {}) =>
  run(["dev", "--json", "--egress-ip", "198.51.100.17", ...argv], { command: "verify", checks: verifyChecks, change: (r) => change(deployed(r)), vars });

describe("verify against the local fake cloud", () => {
  test("a working deploy: every check ok, read-only (no POST but the token), needs no AWS credentials", async () => {
    const r = await verify([], (r) => r, { AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "" });
    expect(r.json!.checks.filter((c) => c.status !== "ok")).toEqual([]);
    expect(r.json!.checks.map((c) => c.check)).toEqual(["verify.workspace", "verify.metastore", "verify.catalog", "verify.storage-credential",
      "verify.external-location", "verify.grants", "verify.service-credential", "workspace.job-identity", "workspace.ip-access"]);
    expect(r.code).toBe(0);
    expect(r.cloud.requests.filter((q) => q.method !== "GET" && !q.path.endsWith("/token"))).toEqual([]);
    expect(r.json).toMatchObject({ readOnly: true });
    expectNoSecret(r.stdout + r.stderr);
  });

  test("an assignment that did not take effect (provider issue #5282): a problem", async () => {
    const r = await verify([], (r) => ({ ...r, [`GET ${uc}/current-metastore-assignment`]: { status: 404, body: { error_code: "METASTORE_DOES_NOT_EXIST", message: "No metastore assigned for the current workspace." } } }));
    expect(check(r, "verify.metastore")).toMatchObject({ status: "problem", message: `metastore ${f.METASTORE_ID} is assigned but not in effect (the workspace reports none)` });
  });

  test("an isolated catalog not bound to the workspace, a missing external location, a missing grant, no ACCESS on the credential", async () => {
    const r = await verify([], (r) => ({
      ...r,
      [`GET ${uc}/bindings/catalog/dev`]: { body: { bindings: [{ workspace_id: 99, binding_type: "BINDING_TYPE_READ_WRITE" }] } },
      [`GET ${uc}/external-locations/databricks-dev-catalog`]: { status: 404, body: { error_code: "EXTERNAL_LOCATION_DOES_NOT_EXIST", message: "not found" } },
      [`GET ${uc}/permissions/catalog/dev`]: { body: { privilege_assignments: [{ principal: "data-engineers", privileges: ["USE_CATALOG"] }] } },
      [`GET ${uc}/permissions/credential/databricks-dev-kinesis`]: { body: { privilege_assignments: [] } },
    }));
    expect(check(r, "verify.catalog").message).toBe(`catalog dev is isolated and not bound to workspace ${WS_ID}`);
    expect(check(r, "verify.external-location").message).toBe("external location databricks-dev-catalog does not exist");
    expect(check(r, "verify.grants").message).toBe("catalog dev lacks data-engineers: USE_SCHEMA, data-engineers: CREATE_SCHEMA, data-engineers: CREATE_TABLE, data-engineers: MODIFY, data-engineers: SELECT, data-analysts: USE_CATALOG, data-analysts: USE_SCHEMA, data-analysts: SELECT");
    expect(check(r, "verify.service-credential").message).toBe("databricks-dev-pipeline has no ACCESS on databricks-dev-kinesis: the job cannot read Kinesis");
    expect(r.code).toBe(1);
  });

  test("IP lists off although the config turns them on; the runner not in the live list", async () => {
    const off = await verify([], (r) => ({ ...r, "GET /api/2.0/workspace-conf": { body: f.workspaceConf(false) } }));
    expect(check(off, "workspace.ip-access")).toMatchObject({ status: "problem", message: "IP access lists are off, the config turns them on" });
    const notLive = await verify([], (r) => ({ ...r, "GET /api/2.0/ip-access-lists": { body: f.ipLists(["203.0.113.0/24"]) } }));
    expect(check(notLive, "workspace.ip-access").message).toBe("198.51.100.17 is not in the workspace's live allow list (203.0.113.0/24)");
  });

  test("a workspace not RUNNING: one problem with Databricks' status message, nothing else called", async () => {
    const r = await verify([], (r) => ({ ...r, [`GET /api/2.0/accounts/${f.DBX_ACCOUNT}/workspaces`]: { body: [f.workspace({ workspace_status: "FAILED", workspace_status_message: "MALFORMED_REQUEST: Failed credentials validation checks" })] } }));
    expect(r.json!.checks).toEqual([{ environment: "dev", check: "verify.workspace", status: "problem", message: "workspace databricks-dev is FAILED: MALFORMED_REQUEST: Failed credentials validation checks", fix: expect.any(String) }]);
    expect(r.cloud.count("POST /oidc/v1/token")).toBe(0);
  });

  test("--run-job: starts one run, polls until it ends, reports the result and the run's URL", async () => {
    const r = await verify(["--run-job", "--poll-seconds", "0.05"]);
    expect(check(r, "verify.run-job")).toMatchObject({ status: "ok", message: "run 4242 of \"databricks-dev kinesis to delta\" succeeded: https://dbc-0a1b2c3d-4e5f.cloud.databricks.com/#job/42/run/4242" });
    expect(JSON.parse(r.cloud.requests.find((q) => q.route === "POST /api/2.1/jobs/run-now")!.body)).toEqual({ job_id: 42 });
    expect(r.cloud.count("POST /api/2.1/jobs/run-now")).toBe(1);
    expect(r.cloud.count("GET /api/2.1/jobs/runs/get")).toBe(2);
    expect(r.json).toMatchObject({ readOnly: false });
  });

  test("--run-job: a failed run and a run still going at --run-timeout are problems with the URL", async () => {
    const failed = await verify(["--run-job", "--poll-seconds", "0.05"], (r) => ({ ...r, "GET /api/2.1/jobs/runs/get": { body: { run_id: 4242, run_page_url: "https://x/run/4242", state: { life_cycle_state: "INTERNAL_ERROR", result_state: "FAILED", state_message: "Cluster validation error: CAN_USE missing" } } } }));
    expect(check(failed, "verify.run-job").message).toBe("run 4242 of \"databricks-dev kinesis to delta\" ended INTERNAL_ERROR/FAILED: Cluster validation error: CAN_USE missing: https://x/run/4242");
    const slow = await verify(["--run-job", "--poll-seconds", "0.05", "--run-timeout", "0.002"], (r) => ({ ...r, "GET /api/2.1/jobs/runs/get": { body: { run_id: 4242, run_page_url: "https://x/run/4242", state: { life_cycle_state: "PENDING" } } } }));
    expect(check(slow, "verify.run-job").message).toBe("run 4242 of \"databricks-dev kinesis to delta\" is still PENDING after 0.002 min (left running): https://x/run/4242");
  });
});

test("verify without Databricks credentials: names only what verify needs, no call", async () => {
  const r = await verify([], (r) => r, { AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", DATABRICKS_CLIENT_ID: "", DATABRICKS_CLIENT_SECRET: "" });
  expect(r.code).toBe(1);
  expect(JSON.parse(r.stdout).error).toMatch(/^No credentials: the verify made no call\.\n {2}Databricks \(none found\)/);
  expect(r.cloud.requests).toEqual([]);
});
