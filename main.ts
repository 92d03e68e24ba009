import { App } from "cdktf";
import { ConfigError, loadConfig } from "./environments";
import { synthReport } from "./modules/guardrails";
import { ValidationError } from "./modules/core/problems";
import { addAccountStacks, addEnvironmentStacks } from "./stacks/app";

// Validate every environment (and the account-level config) before anything is written: a bad config never
// leaves a half-written cdktf.out.
let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}

// cdktf formats a full stack trace for every token it creates (thousands per synth, ~40 % of synth time),
// only to explain token-resolution errors. Skip that formatting while the app builds and synthesizes; set
// DBX_STACK_TRACES=1 when debugging such an error. Thrown errors keep their traces: V8 formats an error's
// stack when it is first read, after the original formatter is back.
const formatter = Error.prepareStackTrace;
if (!process.env.DBX_STACK_TRACES) Error.prepareStackTrace = () => "";
// Synthesize every stack even past error annotations (the cdktf CLI sets this too, then reads the manifest), so the
// report below lists every guardrail finding of every stack at once; the exit code still fails the synth.
process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS ??= "true";
try {
  // stackTraces: false drops the per-construct traces from the metadata too; they never reach cdk.tf.json.
  const app = new App({ stackTraces: false });
  addEnvironmentStacks(app, config.environments, config.account);
  addAccountStacks(app, config.account);
  app.synth();
  const report = synthReport(app);
  if (report.text) console.error(report.text);
  if (report.failed) process.exitCode = 1;
} catch (err) {
  // A construct rejecting its props (the config checks above catch most of these first): say what, not where.
  if (!(err instanceof ValidationError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
} finally {
  Error.prepareStackTrace = formatter;
}
