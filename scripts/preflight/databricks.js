// Databricks clients for the checks: an OAuth token for the account (and for a workspace), then GETs. Token
// endpoints as Databricks documents them:
// - OAuth M2M (client credentials): POST <accounts host>/oidc/accounts/<account id>/v1/token, and
//   <workspace URL>/oidc/v1/token, with grant_type=client_credentials&scope=all-apis
//   (https://docs.databricks.com/aws/en/dev-tools/auth/oauth-m2m).
// - GitHub OIDC (workload identity federation): the job's id token for audience DATABRICKS_TOKEN_AUDIENCE (default:
//   the account id), exchanged at the same endpoints with grant_type=urn:ietf:params:oauth:grant-type:token-exchange
//   (https://docs.databricks.com/aws/en/dev-tools/auth/provider-github,
//   https://docs.databricks.com/aws/en/dev-tools/auth/oauth-federation-exchange).
"use strict";
const { requestJson, CallError } = require("./http.js");

const DEFAULT_ACCOUNTS_HOST = "https://accounts.cloud.databricks.com";

/** The accounts host (PREFLIGHT_ACCOUNTS_HOST for tests or another cloud), without a trailing slash. */
const accountsHost = (env = process.env) => (env.PREFLIGHT_ACCOUNTS_HOST || DEFAULT_ACCOUNTS_HOST).replace(/\/+$/, "");

/** The URL of a workspace (PREFLIGHT_WORKSPACE_HOST overrides it for tests). */
function workspaceUrl(workspace, env = process.env) {
  if (env.PREFLIGHT_WORKSPACE_HOST) return env.PREFLIGHT_WORKSPACE_HOST.replace(/\/+$/, "");
  return `https://${workspace.deployment_name}.cloud.databricks.com`;
}

/** The GitHub Actions id token for `audience` (https://docs.github.com/en/actions/reference/security/oidc). */
async function githubIdToken(auth, audience, secrets, opts) {
  const url = `${auth.requestUrl}${auth.requestUrl.includes("?") ? "&" : "?"}audience=${encodeURIComponent(audience)}`;
  secrets.add(auth.requestToken);
  const body = await requestJson("GitHub OIDC id token", url, { ...opts, headers: { Authorization: `Bearer ${auth.requestToken}` } });
  if (typeof body.value !== "string") throw new CallError("GitHub OIDC id token", "malformed", "no value in the answer");
  secrets.add(body.value);
  return body.value;
}

/** An access token from `tokenUrl` for `auth` (see the file comment); every secret involved is added to `secrets`. */
async function fetchToken(what, tokenUrl, auth, audience, secrets, opts) {
  const form = new URLSearchParams({ scope: "all-apis" });
  const headers = { "Content-Type": "application/x-www-form-urlencoded" };
  if (auth.type === "github-oidc") {
    form.set("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
    form.set("subject_token", await githubIdToken(auth, auth.audience || audience, secrets, opts));
    form.set("subject_token_type", "urn:ietf:params:oauth:token-type:jwt");
    form.set("client_id", auth.clientId);
  } else {
    secrets.add(auth.clientSecret);
    form.set("grant_type", "client_credentials");
    headers.Authorization = `Basic ${Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString("base64")}`;
    secrets.add(headers.Authorization.slice(6));
  }
  const body = await requestJson(what, tokenUrl, { ...opts, method: "POST", headers, body: form.toString() });
  if (typeof body.access_token !== "string" || body.access_token === "") throw new CallError(what, "malformed", "no access_token in the answer");
  secrets.add(body.access_token);
  return body.access_token;
}

/** A client of one host: get(path, what) with the bearer token fetched on first use. */
function client(host, tokenUrl, auth, audience, secrets, opts) {
  let token;
  const get = async (path, what) => {
    if (!token) token = fetchToken(`OAuth token from ${tokenUrl}`, tokenUrl, auth, audience, secrets, opts);
    return requestJson(what || `GET ${path}`, `${host}${path}`, { ...opts, headers: { Authorization: `Bearer ${await token}` } });
  };
  const post = async (path, body, what) => {
    if (!token) token = fetchToken(`OAuth token from ${tokenUrl}`, tokenUrl, auth, audience, secrets, opts);
    return requestJson(what || `POST ${path}`, `${host}${path}`, {
      ...opts, method: "POST", body: JSON.stringify(body), headers: { Authorization: `Bearer ${await token}`, "Content-Type": "application/json" },
    });
  };
  return { host, get, post };
}

/** The Account API client of `accountId`. */
function accountClient(accountId, auth, secrets, opts, env = process.env) {
  const host = accountsHost(env);
  return client(host, `${host}/oidc/accounts/${accountId}/v1/token`, auth, accountId, secrets, opts);
}

/** The workspace API client of `workspace` (an Account API workspace object). */
function workspaceClient(workspace, accountId, auth, secrets, opts, env = process.env) {
  const host = workspaceUrl(workspace, env);
  return client(host, `${host}/oidc/v1/token`, auth, accountId, secrets, opts);
}

module.exports = { accountClient, workspaceClient, workspaceUrl, accountsHost, DEFAULT_ACCOUNTS_HOST };
