// The command line of `npm run preflight` and `npm run verify`: arguments, credentials found without a call,
// the config (placeholders refused before any call), then the checks, the report and the exit status
// (0: safe / as deployed, 1: not, 2: bad arguments or config).
"use strict";
const { parseArgs, ArgError } = require("../lib/args.js");
const { awsSource, databricksAuth, noCredentialsMessage } = require("./credentials.js");
const { Report } = require("./report.js");

const PLACEHOLDER_METASTORE = "0a1b2c3d-0000-4000-8000-000000000001";

const usage = (command) => `usage: npm run ${command} -- <env> [<env>…] [--json] [--egress-ip <ipv4>] [--timeout <seconds>] [--aws-imds]${command === "verify" ? " [--run-job [--run-timeout <minutes>] [--poll-seconds <s>]]" : ""}
  Read-only: ${command === "verify" ? "reads what the deploy made (--run-job starts one run of the Kinesis job)" : "checks the accounts before a deploy"}; changes nothing. docs/preflight.md lists every check.
  --json        the report as JSON (for CI)
  --egress-ip   this runner's public IPv4 (also PREFLIGHT_EGRESS_IP), checked against the IP access lists
  --timeout     seconds per call (default 10)
  --aws-imds    use the EC2 instance role when no other AWS credentials are set${command === "verify" ? `
  --run-job     start one run of the Kinesis job and wait for it (default 30 min, polling every 15 s)` : ""}`;

function fail(out, json, command, message, code) {
  if (json) out.stdout(`${JSON.stringify({ command, readOnly: true, safe: false, error: message }, null, 2)}\n`);
  else out.stderr(`${command}: ${message}\n`);
  return code;
}

/**
 * Runs `command` ("preflight" or "verify") with `argv`; `checksFor(report, ctx)` runs one environment's checks.
 * Returns the exit status. `out`, `variables` and `configs` (see config.js) are injectable for tests.
 */
async function main(command, argv, checksFor, { variables = process.env, configs, out = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) } } = {}) {
  const verify = command === "verify";
  const spec = { values: ["--egress-ip", "--timeout", ...(verify ? ["--run-timeout", "--poll-seconds"] : [])], flags: ["--json", "--aws-imds", ...(verify ? ["--run-job"] : [])], positional: true };
  let opts;
  try {
    opts = parseArgs(argv, spec);
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    out.stderr(`${command}: ${e.message}\n${usage(command)}\n`);
    return 2;
  }
  if (opts.help) {
    out.stdout(`${usage(command)}\n`);
    return 0;
  }
  const json = Boolean(opts.json);
  // Every bad argument in one message, before any config is loaded or any call made.
  const bad = [];
  const positive = (flag, value, unit) => value !== undefined && !(Number(value) > 0) && bad.push(`${flag} must be a number of ${unit} > 0, got ${value}`);
  positive("--timeout", opts.timeout, "seconds");
  positive("--run-timeout", opts.runTimeout, "minutes");
  positive("--poll-seconds", opts.pollSeconds, "seconds");
  for (const flag of ["runTimeout", "pollSeconds"]) {
    if (opts[flag] !== undefined && !opts.runJob) bad.push(`--${flag === "runTimeout" ? "run-timeout" : "poll-seconds"} only applies with --run-job`);
  }
  const egressIp = opts.egressIp || variables.PREFLIGHT_EGRESS_IP;
  if (egressIp && !require("./workspace.js").validIp(egressIp)) {
    bad.push(`${opts.egressIp ? "--egress-ip" : "PREFLIGHT_EGRESS_IP"} must be the runner's public IPv4 address (e.g. 198.51.100.34), got ${egressIp}`);
  }
  if (bad.length) return fail(out, json, command, bad.join("; "), 2);
  const timeoutMs = Number(opts.timeout ?? 10) * 1000;
  const config = require("./config.js");
  if (opts.positional.length === 0) {
    let names = "";
    try {
      names = `\nenvironments: ${config.loadBundle().loadConfig(undefined, undefined, variables).environments.map((e) => e.name).join(", ")}`;
    } catch {
      // The usage still helps when the config is broken; the synth reports the config's problems.
    }
    out.stderr(`${command}: name the environment(s) to check\n${usage(command)}${names}\n`);
    return 2;
  }

  // The environments first: a wrong name is bad input, whatever the credentials.
  let selected;
  try {
    selected = config.selectEnvironments(opts.positional, variables, configs);
  } catch (e) {
    return fail(out, json, command, e.message, 2);
  }

  // No call without credentials: what the default chains would find, seen without the network.
  // verify reads Databricks only: it needs no AWS credentials.
  const aws = verify ? "not needed" : awsSource(variables, { imds: Boolean(opts.awsImds) });
  const auth = databricksAuth(variables);
  if (!aws || auth.missing) return fail(out, json, command, noCredentialsMessage({ aws, databricks: auth, command }), 1);

  const report = new Report(command);
  if (auth.clientSecret) report.secrets.add(auth.clientSecret);
  for (const s of [variables.AWS_SECRET_ACCESS_KEY, variables.AWS_SESSION_TOKEN, variables.ACTIONS_ID_TOKEN_REQUEST_TOKEN]) if (s) report.secrets.add(s);
  for (const { env, account, expected } of selected) {
    // Placeholder ids: refused before any call.
    const placeholders = config.placeholderProblems(env);
    if (placeholders.length) {
      for (const p of placeholders) report.add(env.name, "config.placeholders", "problem", p, "replace the example's placeholder ids with your own before any deploy");
      continue;
    }
    const ctx = {
      env, account, expected, auth, egressIp, timeoutMs, variables, opts,
      placeholderMetastore: expected.metastoreId === PLACEHOLDER_METASTORE,
      callOpts: { timeoutMs, retryCapMs: Math.min(5000, timeoutMs) },
    };
    await checksFor(report, ctx);
  }
  out.stdout(json ? report.json() : report.text());
  return report.safe ? 0 : 1;
}

/** The command line of `npm run preflight` / `npm run verify`: main's status as the exit code; a crash says what. */
function runCli(command, checksFor) {
  main(command, process.argv.slice(2), checksFor).then((code) => {
    process.exitCode = code;
  }, (e) => {
    process.stderr.write(`${command}: ${e && e.message ? e.message : e}\n`);
    process.exitCode = 1;
  });
}

module.exports = { main, runCli, usage, PLACEHOLDER_METASTORE };
