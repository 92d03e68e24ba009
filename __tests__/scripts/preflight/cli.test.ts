import { spawnSync } from "child_process";
import * as path from "path";
import * as f from "./fixtures";
import { check, emptyHome, expectNoSecret, run } from "./harness";

const root = path.resolve(__dirname, "..", "..", "..");
const noCredentials = { PATH: process.env.PATH ?? "", HOME: emptyHome, AWS_CONFIG_FILE: path.join(emptyHome, "none"), AWS_SHARED_CREDENTIALS_FILE: path.join(emptyHome, "none") };

describe("preflight command line", () => {
  test("no credentials at all: one message within 2 s naming what it looked for and the README section; exit 1", () => {
    const started = Date.now();
    const r = spawnSync(process.execPath, ["scripts/preflight.js", "poc"], { cwd: root, env: noCredentials, encoding: "utf8", timeout: 10000 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    for (const v of ["AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET", "DATABRICKS_CONFIG_PROFILE", "DATABRICKS_AUTH_TYPE=github-oidc", "README.md, section \"Deploying\""]) {
      expect(r.stderr).toContain(v);
    }
    expect(r.stderr.split("\n")[0]).toBe("preflight: No credentials: the preflight made no call.");
  });

  test("no credentials, --json: the same message as JSON on stdout, safe false", () => {
    const r = spawnSync(process.execPath, ["scripts/preflight.js", "poc", "--json"], { cwd: root, env: noCredentials, encoding: "utf8", timeout: 10000 });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ command: "preflight", readOnly: true, safe: false });
    expect(out.error).toContain("DATABRICKS_CONFIG_PROFILE");
  });

  test("only the Databricks half missing: the message names Databricks only", async () => {
    const r = await run(["dev"], { vars: { DATABRICKS_CLIENT_ID: "", DATABRICKS_CLIENT_SECRET: "" } });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("AWS:");
    expect(r.stderr).toContain("Databricks (none found)");
    expect(r.cloud.requests).toEqual([]);
  });

  test("the examples' placeholder ids are refused before any call, for each environment named", async () => {
    const r = await run(["dev", "--json"], { vars: { DBX_DEV_AWS_ACCOUNT_ID: "", DBX_DEV_DATABRICKS_ACCOUNT_ID: "" } });
    expect(r.code).toBe(1);
    expect(r.cloud.requests).toEqual([]);
    expect(r.json!.checks.map((c) => c.message)).toEqual([
      "awsAccountId is the example placeholder 222222222222: set your AWS account id in environments/dev.ts or DBX_DEV_AWS_ACCOUNT_ID",
      "databricksAccountId is the example placeholder 00000000-0000-4000-8000-000000000000: set your Databricks account id (account console, top right) in environments/dev.ts or DBX_DEV_DATABRICKS_ACCOUNT_ID",
    ]);
  });

  test("the account config's example metastore id is refused without a call to it", async () => {
    const { account } = await import("../../../environments/account");
    const { dev } = await import("../../../environments/dev");
    const r = await run(["dev", "--json"], { configs: { environments: [dev], account } });
    expect(check(r, "databricks.metastore")).toMatchObject({ status: "problem", message: "unityCatalog.metastore.id is the example's placeholder 0a1b2c3d-0000-4000-8000-000000000001" });
    expect(r.cloud.requests.filter((q) => q.path.includes("/metastores/"))).toEqual([]);
  });

  test("an unknown environment, an unknown option, no environment: exit 2 with what is allowed", async () => {
    const unknown = await run(["qa"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("preflight: unknown environment qa; the environments are: dev\n");
    const option = await run(["dev", "--jsn"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option --jsn");
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("name the environment(s) to check");
  });

  test("bad values: every one in one message, exit 2, no call; a wrong environment is bad input even without credentials", async () => {
    const r = await run(["dev", "--timeout", "0", "--egress-ip", "my-laptop"], { command: "verify", checks: () => Promise.resolve() });
    expect(r).toMatchObject({ code: 2, stderr: "verify: --timeout must be a number of seconds > 0, got 0; --egress-ip must be the runner's public IPv4 address (e.g. 198.51.100.34), got my-laptop\n" });
    expect(r.cloud.requests).toEqual([]);
    const job = await run(["dev", "--run-timeout", "abc", "--poll-seconds", "5"], { command: "verify", checks: () => Promise.resolve() });
    expect(job.stderr).toBe("verify: --run-timeout must be a number of minutes > 0, got abc; --run-timeout only applies with --run-job; --poll-seconds only applies with --run-job\n");
    const env = await run(["dev"], { vars: { PREFLIGHT_EGRESS_IP: "300.1.1.1" } });
    expect(env).toMatchObject({ code: 2, stderr: "preflight: PREFLIGHT_EGRESS_IP must be the runner's public IPv4 address (e.g. 198.51.100.34), got 300.1.1.1\n" });
    const qa = spawnSync(process.execPath, ["scripts/preflight.js", "qa"], { cwd: root, env: noCredentials, encoding: "utf8", timeout: 10000 });
    expect(qa.status).toBe(2);
    expect(qa.stderr).toBe("preflight: unknown environment qa; the environments are: poc, dev, prod, spoc\n");
  });
});

describe("preflight: the workspace, when it exists", () => {
  test("the runner is refused by the workspace's IP list (403 naming its IP): a problem with that IP and the fix", async () => {
    const r = await run(["dev", "--json"], { change: (routes) => ({ ...routes, "GET /api/2.0/workspace-conf": { status: 403, body: f.ipBlocked("192.0.2.7") } }) });
    const c = check(r, "workspace.ip-access");
    expect(c).toMatchObject({ status: "problem", message: "the workspace refuses this runner: its egress IP 192.0.2.7 is not in the workspace's IP allow list" });
    expect(c.fix).toContain("192.0.2.7/32");
    expect(check(r, "workspace.job-identity").status).toBe("skipped");
  });

  test("--egress-ip outside the configured allow list: the apply would lock this runner out", async () => {
    const r = await run(["dev", "--json", "--egress-ip", "192.0.2.7"]);
    expect(check(r, "workspace.ip-access")).toMatchObject({ status: "problem", message: "192.0.2.7 is not inside workspaceConfig.ipAccessLists.allow (203.0.113.0/24, 198.51.100.16/28): the apply would lock this runner out" });
    expect(r.code).toBe(1);
  });

  test("no egress IP given: skipped, saying how to give it (PREFLIGHT_EGRESS_IP works too)", async () => {
    const r = await run(["dev", "--json"]);
    expect(check(r, "workspace.ip-access")).toMatchObject({ status: "skipped", message: "this runner's egress IP is unknown (the workspace answered, so it is in the live allow list); the apply sets allow 203.0.113.0/24, 198.51.100.16/28" });
    const env = await run(["dev", "--json"], { vars: { PREFLIGHT_EGRESS_IP: "203.0.113.9" } });
    expect(check(env, "workspace.ip-access").status).toBe("ok");
  });

  test("the job's service principal without CAN_USE on the jobs policy: a problem", async () => {
    const r = await run(["dev", "--json", "--egress-ip", "198.51.100.17"], { change: (routes) => ({ ...routes, "GET /api/2.0/permissions/cluster-policies/ABC1": { body: f.policyPermissions([]) } }) });
    expect(check(r, "workspace.job-identity")).toMatchObject({ status: "problem", message: "databricks-dev-pipeline has no CAN_USE on \"databricks-dev jobs\": the job cannot start its cluster" });
  });

  test("no workspace yet: the workspace checks are skipped with the reason, and it is safe", async () => {
    const r = await run(["dev", "--json"], { change: (routes) => ({ ...routes, [`GET /api/2.0/accounts/${f.DBX_ACCOUNT}/workspaces`]: { body: [] } }) });
    expect(check(r, "workspace.ip-access")).toMatchObject({ status: "skipped", message: "workspace databricks-dev does not exist yet (created by dev-workspace)" });
    expect(r.code).toBe(0);
    expect(r.cloud.count("POST /oidc/v1/token")).toBe(0);
    expectNoSecret(r.stdout + r.stderr);
  });
});

test("no workspace yet, --egress-ip outside the configured allow list: still a problem (the first apply turns the lists on)", async () => {
  const r = await run(["dev", "--json", "--egress-ip", "192.0.2.7"], { change: (routes) => ({ ...routes, [`GET /api/2.0/accounts/${f.DBX_ACCOUNT}/workspaces`]: { body: [] } }) });
  expect(check(r, "workspace.ip-access").status).toBe("problem");
  expect(r.code).toBe(1);
});

test("an egress IP outside the configured list does not hide the job-identity check (the workspace answered)", async () => {
  const r = await run(["dev", "--egress-ip", "192.0.2.7"]);
  expect(r.stdout).toContain("problem dev workspace.ip-access: 192.0.2.7 is not inside workspaceConfig.ipAccessLists.allow (203.0.113.0/24, 198.51.100.16/28): the apply would lock this runner out. Fix: add 192.0.2.7/32");
  expect(r.stdout).toMatch(/^ok {6}dev workspace\.job-identity: /m);
});
