// Which credentials are there, found without a network call: the sources of each vendor's default chain that are
// visible in the process environment and the config files. With none of them, the preflight stops at once.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

const README_SECTION = "README.md, section \"Deploying\" (docs/preflight.md for this command)";

/** Profile names of an INI file ([name] or [profile name]); [] when it does not exist. */
function iniProfiles(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return [...text.matchAll(/^\s*\[\s*(?:profile\s+)?([^\]]+?)\s*\]/gm)].map((m) => m[1]);
}

/** Key/value pairs of one profile of an INI file (~/.databrickscfg). */
function iniSection(file, name) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  let current;
  const out = {};
  let found = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (header) {
      current = header[1];
      if (current === name) found = true;
      continue;
    }
    const kv = /^\s*([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (kv && current === name) out[kv[1]] = kv[2];
  }
  return found ? out : undefined;
}

/**
 * The AWS credential source the SDK's default chain would use (fromNodeProviderChain: env, SSO/ini profiles,
 * web identity, ECS/EC2 metadata), or undefined. EC2 instance metadata cannot be seen without a call: it counts
 * only when the caller asks for it (`--aws-imds`) and AWS_EC2_METADATA_DISABLED is not "true".
 * https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html
 */
function awsSource(env = process.env, { imds = false } = {}) {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY";
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return "web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)";
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return "container credentials (AWS_CONTAINER_CREDENTIALS_*)";
  const home = os.homedir();
  const files = [env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, ".aws", "credentials"), env.AWS_CONFIG_FILE || path.join(home, ".aws", "config")];
  const profile = env.AWS_PROFILE || "default";
  if (files.some((f) => iniProfiles(f).includes(profile))) return `profile ${profile} (${env.AWS_PROFILE ? "AWS_PROFILE" : "default"})`;
  if (imds && env.AWS_EC2_METADATA_DISABLED !== "true") return "EC2 instance metadata (--aws-imds)";
  return undefined;
}

/**
 * How the Databricks account is authenticated, like the Databricks unified auth chain for the auth types this
 * project supports (https://docs.databricks.com/aws/en/dev-tools/auth/unified-auth): { type, clientId, … } or
 * { missing: why }. Secrets stay in the returned object, never in a message.
 */
function databricksAuth(env = process.env) {
  const authType = env.DATABRICKS_AUTH_TYPE;
  if (authType === "github-oidc") {
    if (!env.DATABRICKS_CLIENT_ID) return { missing: "DATABRICKS_AUTH_TYPE=github-oidc needs DATABRICKS_CLIENT_ID (the service principal's application id)" };
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
      return { missing: "DATABRICKS_AUTH_TYPE=github-oidc needs the job's id-token: write permission (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN are unset)" };
    }
    return { type: "github-oidc", clientId: env.DATABRICKS_CLIENT_ID, requestUrl: env.ACTIONS_ID_TOKEN_REQUEST_URL, requestToken: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN, audience: env.DATABRICKS_TOKEN_AUDIENCE };
  }
  if (env.DATABRICKS_CLIENT_ID && env.DATABRICKS_CLIENT_SECRET) {
    return { type: "oauth-m2m", source: "DATABRICKS_CLIENT_ID/DATABRICKS_CLIENT_SECRET", clientId: env.DATABRICKS_CLIENT_ID, clientSecret: env.DATABRICKS_CLIENT_SECRET };
  }
  const file = env.DATABRICKS_CONFIG_FILE || path.join(os.homedir(), ".databrickscfg");
  const profile = env.DATABRICKS_CONFIG_PROFILE;
  if (profile) {
    const section = iniSection(file, profile);
    if (!section) return { missing: `DATABRICKS_CONFIG_PROFILE=${profile}: no such profile in ${file}` };
    if (!section.client_id || !section.client_secret) return { missing: `profile ${profile} in ${file} has no client_id/client_secret (OAuth M2M is what the account stacks use)` };
    return { type: "oauth-m2m", source: `profile ${profile} (${file})`, clientId: section.client_id, clientSecret: section.client_secret };
  }
  // Without DATABRICKS_CONFIG_PROFILE the unified auth reads the DEFAULT profile, when it has M2M credentials.
  const fallback = iniSection(file, "DEFAULT");
  if (fallback && fallback.client_id && fallback.client_secret) {
    return { type: "oauth-m2m", source: `profile DEFAULT (${file})`, clientId: fallback.client_id, clientSecret: fallback.client_secret };
  }
  return { missing: "none found" };
}

/** The message when a vendor's credentials are missing: what was looked for, and where the README explains it. */
function noCredentialsMessage({ aws, databricks, command = "preflight" }) {
  const lines = [`No credentials: the ${command} made no call.`];
  if (!aws) {
    lines.push("  AWS: none of AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, AWS_PROFILE (or a [default] profile, SSO included) in",
      "       ~/.aws/credentials or ~/.aws/config, AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (GitHub OIDC),",
      "       AWS_CONTAINER_CREDENTIALS_*; on EC2 pass --aws-imds to use the instance role.");
  }
  if (databricks.missing) {
    lines.push(`  Databricks (${databricks.missing}): looked for DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET,`,
      "       DATABRICKS_CONFIG_PROFILE or DEFAULT (a profile with client_id/client_secret in ~/.databrickscfg or DATABRICKS_CONFIG_FILE),",
      "       DATABRICKS_AUTH_TYPE=github-oidc + DATABRICKS_CLIENT_ID in GitHub Actions.");
  }
  lines.push(`  How to set them: ${README_SECTION}.`);
  return lines.join("\n");
}

module.exports = { awsSource, databricksAuth, noCredentialsMessage, iniSection, README_SECTION };
