// Loads the environments for the preflight and verify commands: config-entry.ts bundled by esbuild into
// dist/preflight-config.js (rebuilt only when a source changed, like build/bundle.js does for main.ts). A separate
// bundle, so `npm run synth` neither builds nor loads anything of the preflight.
"use strict";
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
const entry = path.join(__dirname, "config-entry.ts");
const outfile = path.join(root, "dist", "preflight-config.js");

/** The bundled config module: { loadConfig, expected }. */
function loadBundle() {
  const { formatBuildErrors, freshness, sourceFiles } = require("../build/bundle.js");
  const inputs = freshness([...sourceFiles(), entry, __filename], outfile);
  if (!inputs.fresh) {
    try {
      require("esbuild").buildSync({
        entryPoints: [entry], outfile, bundle: true, platform: "node", target: "node20", format: "cjs",
        mainFields: ["module", "main"], logLevel: "silent", legalComments: "none",
      });
    } catch (e) {
      throw new Error(e.errors && e.errors.length ? formatBuildErrors(e.errors) : e.message);
    }
    inputs.record();
  }
  return require(outfile);
}

/** The placeholder ids of the example environments: a config that still holds one is refused before any call. */
const PLACEHOLDER_AWS = ["111111111111", "222222222222", "333333333333"];
const PLACEHOLDER_DATABRICKS = ["00000000-0000-4000-8000-000000000000"];

/** Problems (one string each) for placeholder ids in `config` (an environment or the account-level config). */
function placeholderProblems(config) {
  const found = [];
  const up = config.name.toUpperCase();
  if (PLACEHOLDER_AWS.includes(config.awsAccountId)) {
    found.push(`awsAccountId is the example placeholder ${config.awsAccountId}: set your AWS account id in environments/${config.name}.ts or DBX_${up}_AWS_ACCOUNT_ID`);
  }
  if (PLACEHOLDER_DATABRICKS.includes(config.databricksAccountId)) {
    found.push(`databricksAccountId is the example placeholder ${config.databricksAccountId}: set your Databricks account id (account console, top right) in environments/${config.name}.ts or DBX_${up}_DATABRICKS_ACCOUNT_ID`);
  }
  return found;
}

/**
 * The selected environments, validated like the synth validates them. Throws an Error whose message lists the
 * config problems, or names the environments that exist when one asked for does not. `configs`: { environments,
 * account } instead of environments/ (tests).
 */
function selectEnvironments(names, variables = process.env, configs = {}) {
  const bundle = loadBundle();
  let config;
  try {
    config = bundle.loadConfig(configs.environments, configs.account, variables);
  } catch (e) {
    if (e && Array.isArray(e.problems)) throw new Error(e.message);
    throw e;
  }
  const known = config.environments.map((e) => e.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) throw new Error(`unknown environment ${unknown.join(", ")}; the environments are: ${known.join(", ")}`);
  return names.map((n) => {
    const env = config.environments.find((e) => e.name === n);
    return { env, account: config.account, expected: bundle.expected(env, config.account) };
  });
}

module.exports = { selectEnvironments, placeholderProblems, loadBundle, PLACEHOLDER_AWS, PLACEHOLDER_DATABRICKS };
