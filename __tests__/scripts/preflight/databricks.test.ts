import * as fs from "fs";
import * as path from "path";
import * as f from "./fixtures";
import { accountConfig, check, devConfig, emptyHome, expectNoSecret, groupsResponder, run } from "./harness";

const acct = `/api/2.0/accounts/${f.DBX_ACCOUNT}`;
const token = `POST /oidc/accounts/${f.DBX_ACCOUNT}/v1/token`;

describe("preflight against the local fake cloud: Databricks", () => {
  test("OAuth M2M: client credentials as HTTP Basic at the account's token endpoint; the token as Bearer", async () => {
    const r = await run(["dev", "--json"]);
    const t = r.cloud.requests.find((q) => q.route === token)!;
    expect(Object.fromEntries(new URLSearchParams(t.body))).toEqual({ scope: "all-apis", grant_type: "client_credentials" });
    expect(t.headers.authorization).toBe(`Basic ${Buffer.from(`${f.CLIENT_ID}:${f.SECRETS.clientSecret}`).toString("base64")}`);
    expect(r.cloud.requests.find((q) => q.route === `GET ${acct}/workspaces`)!.headers.authorization).toBe(`Bearer ${f.SECRETS.accessToken}`);
    // The token was fetched once for the account, once for the workspace.
    expect(r.cloud.count(token)).toBe(1);
    expect(r.cloud.count("POST /oidc/v1/token")).toBe(1);
  });

  test("a Databricks CLI profile (DATABRICKS_CONFIG_PROFILE in DATABRICKS_CONFIG_FILE) is used like the env variables", async () => {
    const cfg = path.join(emptyHome, "databrickscfg");
    fs.writeFileSync(cfg, `[deploy]\nhost = https://accounts.cloud.databricks.com\naccount_id = ${f.DBX_ACCOUNT}\nclient_id = ${f.CLIENT_ID}\nclient_secret = ${f.SECRETS.clientSecret}\n`);
    const r = await run(["dev", "--json"], { vars: { DATABRICKS_CLIENT_ID: "", DATABRICKS_CLIENT_SECRET: "", DATABRICKS_CONFIG_PROFILE: "deploy", DATABRICKS_CONFIG_FILE: cfg } });
    expect(check(r, "databricks.account").status).toBe("ok");
    expect(r.cloud.requests.find((q) => q.route === token)!.headers.authorization).toContain("Basic ");
    expectNoSecret(r.stdout + r.stderr);
  });

  test("without DATABRICKS_CONFIG_PROFILE, the DEFAULT profile's client id and secret are used", async () => {
    const cfg = path.join(emptyHome, "databrickscfg-default");
    fs.writeFileSync(cfg, `[DEFAULT]\nhost = https://accounts.cloud.databricks.com\nclient_id = ${f.CLIENT_ID}\nclient_secret = ${f.SECRETS.clientSecret}\n`);
    const r = await run(["dev", "--json"], { vars: { DATABRICKS_CLIENT_ID: "", DATABRICKS_CLIENT_SECRET: "", DATABRICKS_CONFIG_FILE: cfg } });
    expect(check(r, "databricks.account").status).toBe("ok");
  });

  test("GitHub OIDC: the job's id token (audience: the account id) exchanged for a Databricks token (RFC 8693)", async () => {
    const idToken = "SENTINEL-github-id-token-0123456789";
    const requestToken = "SENTINEL-gh-request-token-0123";
    const r = await run(["dev", "--json"], {
      vars: (url) => ({ DATABRICKS_CLIENT_SECRET: "", DATABRICKS_AUTH_TYPE: "github-oidc", ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken, ACTIONS_ID_TOKEN_REQUEST_URL: `${url}/github/token?api-version=2.0` }),
      change: (routes) => ({ ...routes, "GET /github/token": { body: { count: 1, value: idToken } } }),
    });
    expect(check(r, "databricks.account").status).toBe("ok");
    const gh = r.cloud.requests.find((q) => q.route === "GET /github/token")!;
    expect(gh.query.get("audience")).toBe(f.DBX_ACCOUNT);
    expect(gh.headers.authorization).toBe(`Bearer ${requestToken}`);
    expect(Object.fromEntries(new URLSearchParams(r.cloud.requests.find((q) => q.route === token)!.body))).toEqual({
      scope: "all-apis", grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: idToken,
      subject_token_type: "urn:ietf:params:oauth:token-type:jwt", client_id: f.CLIENT_ID,
    });
    for (const s of [idToken, requestToken]) expect(r.stdout).not.toContain(s);
  });

  test("GitHub OIDC without the id-token permission: the no-credentials message says so, no call", async () => {
    const r = await run(["dev"], { vars: { DATABRICKS_CLIENT_SECRET: "", DATABRICKS_AUTH_TYPE: "github-oidc" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("DATABRICKS_AUTH_TYPE=github-oidc needs the job's id-token: write permission (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN are unset)");
    expect(r.cloud.requests).toEqual([]);
  });

  test("the token endpoint refuses the client secret (401 invalid_client): a problem saying which credentials to check", async () => {
    const r = await run(["dev", "--json"], { change: (routes) => ({ ...routes, [token]: { status: 401, body: { error: "invalid_client", error_description: "Client authentication failed" } } }) });
    const c = check(r, "databricks.account");
    expect(c.status).toBe("problem");
    expect(c.message).toContain("HTTP 401 (invalid_client: Client authentication failed)");
    expect(c.fix).toContain("check DATABRICKS_CLIENT_ID/SECRET");
    expect(check(r, "databricks.groups")).toMatchObject({ status: "skipped", message: "the Account API is not reachable with these credentials" });
    expectNoSecret(r.stdout + r.stderr);
  });

  test("a service principal that is not an account admin (403): the fix names the account admin role", async () => {
    const r = await run(["dev", "--json"], { change: (routes) => ({ ...routes, [`GET ${acct}/workspaces`]: { status: 403, body: { error_code: "PERMISSION_DENIED", message: "User is not an account admin" } } }) });
    expect(check(r, "databricks.account").message).toBe(`the service principal cannot use the Account API of ${f.DBX_ACCOUNT}: Account API workspaces list: HTTP 403 (PERMISSION_DENIED: User is not an account admin)`);
    expect(check(r, "databricks.account").fix).toContain("account admin role");
  });

  test("429 with Retry-After: waits and retries, then passes", async () => {
    const r = await run(["dev", "--json"], {
      change: (routes) => ({ ...routes, [`GET ${acct}/workspaces`]: (_req, n) => (n === 1 ? { status: 429, headers: { "Retry-After": "1" }, body: { error_code: "TOO_MANY_REQUESTS", message: "slow down" } } : { body: [f.workspace()] }) }),
    });
    expect(r.cloud.count(`GET ${acct}/workspaces`)).toBe(2);
    expect(check(r, "databricks.account").status).toBe("ok");
  });

  test("a call that never answers: a timeout problem after --timeout, the run goes on", async () => {
    const started = Date.now();
    const r = await run(["dev", "--json", "--timeout", "0.5"], { change: (routes) => ({ ...routes, [`GET ${acct}/metastores/${f.METASTORE_ID}`]: () => "hang" }) });
    expect(check(r, "databricks.metastore").message).toBe("Account API metastore: timeout (no answer within 0.5 s)");
    expect(check(r, "databricks.groups").status).toBe("ok");
    expect(Date.now() - started).toBeLessThan(10000);
  });

  test("a malformed answer (not JSON, or not the documented shape): a problem, not a crash", async () => {
    const r = await run(["dev", "--json"], { change: (routes) => ({ ...routes, [`GET ${acct}/workspaces`]: { body: "<html>proxy error</html>" } }) });
    expect(check(r, "databricks.account").message).toContain("Account API workspaces list: malformed (the answer is not JSON)");
    const r2 = await run(["dev", "--json"], { change: (routes) => ({ ...routes, [`GET ${acct}/metastores/${f.METASTORE_ID}`]: { body: { metastores: [] } } }) });
    expect(check(r2, "databricks.metastore").message).toBe("Account API metastore: malformed (no metastore_info)");
  });

  test("the metastore: in another region, administered by someone else; or missing", async () => {
    const r = await run(["dev", "--json"], { change: (routes) => ({ ...routes, [`GET ${acct}/metastores/${f.METASTORE_ID}`]: { body: f.metastore({ region: "eu-west-1", owner: "someone@example.com" }) }, [`GET ${acct}/scim/v2/Groups`]: groupsResponder((n) => n !== "someone@example.com") }) });
    expect(check(r, "databricks.metastore").message).toBe(`metastore us-east-1 (${f.METASTORE_ID}): it is in eu-west-1, the environment in us-east-1 (a workspace can only use its region's metastore); its owner (metastore admin) is someone@example.com, not the deploying service principal or a group it is in`);
    const r2 = await run(["dev", "--json"], { change: (routes) => ({ ...routes, [`GET ${acct}/metastores/${f.METASTORE_ID}`]: { status: 404, body: { error_code: "METASTORE_DOES_NOT_EXIST", message: "not found" } } }) });
    expect(check(r2, "databricks.metastore").message).toBe(`metastore ${f.METASTORE_ID} does not exist in account ${f.DBX_ACCOUNT}`);
  });

  test("the metastore admin is a group the service principal is in: ok", async () => {
    const r = await run(["dev", "--json"], {
      change: (routes) => ({
        ...routes,
        [`GET ${acct}/metastores/${f.METASTORE_ID}`]: { body: f.metastore({ owner: "metastore-admins" }) },
        [`GET ${acct}/scim/v2/ServicePrincipals`]: { body: f.scimList([{ id: "sp-1", applicationId: f.CLIENT_ID, displayName: "deployer" }]) },
      }),
    });
    expect(check(r, "databricks.metastore")).toMatchObject({ status: "ok", message: "metastore us-east-1 is in us-east-1; the deployer administers it (owner metastore-admins)" });
  });

  test("a group the config assigns or grants to does not exist in the account", async () => {
    const r = await run(["dev", "--json"], { change: (routes) => ({ ...routes, [`GET ${acct}/scim/v2/Groups`]: groupsResponder((n) => n !== "data-analysts") }) });
    expect(check(r, "databricks.groups")).toMatchObject({ status: "problem", message: `not in account ${f.DBX_ACCOUNT}: data-analysts` });
  });

  test("add-on settings (ESM): the tier and the add-on to confirm; a Premium workspace is moved to Enterprise by the apply", async () => {
    const security = { complianceAddOn: true, enhancedSecurityMonitoring: true };
    const live = await run(["dev", "--json"], { configs: { environments: [devConfig({ security })], account: accountConfig }, change: (routes) => ({ ...routes, [`GET ${acct}/workspaces`]: { body: [f.workspace({ pricing_tier: "PREMIUM" })] } }) });
    expect(check(live, "databricks.tier")).toMatchObject({ status: "ok", message: "security.enhancedSecurityMonitoring: Enterprise tier; the workspace is PREMIUM now, the apply moves it to ENTERPRISE (billed as such); the Enhanced Security and Compliance add-on has no read API: confirm it in the account console (Settings → Feature enablement)" });
    const none = await run(["dev", "--json"]);
    expect(check(none, "databricks.tier")).toMatchObject({ status: "skipped", message: "the config turns on no add-on setting" });
  });
});

test("a server that echoes the client secret and the token in its errors: both masked, in text and in --json", async () => {
  const echo = { status: 400, body: { error_code: "INVALID_PARAMETER_VALUE", message: `bad request from ${f.SECRETS.clientSecret} with ${f.SECRETS.accessToken}` } };
  const change = (routes: Record<string, unknown>) => ({ ...routes, [`GET ${acct}/metastores/${f.METASTORE_ID}`]: echo }) as never;
  for (const argv of [["dev"], ["dev", "--json"]]) {
    const r = await run(argv, { change });
    expect(r.stdout).toContain("bad request from *** with ***");
    expectNoSecret(r.stdout + r.stderr);
  }
});
