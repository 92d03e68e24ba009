import { ConfigError, LabelledProblem, loadConfig } from "./environments";
import { formatProblem } from "./modules/core/problems";
import { synthesize } from "./stacks/synth";

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
printWarnings(config.warnings);

// cdktf formats a full stack trace for every token it creates (thousands per synth, ~40 % of synth time),
// only to explain token-resolution errors. Skip that formatting while the app builds and synthesizes; set
// DBX_STACK_TRACES=1 when debugging such an error. Thrown errors keep their traces: V8 formats an error's
// stack when it is first read, after the original formatter is back.
const formatter = Error.prepareStackTrace;
if (!process.env.DBX_STACK_TRACES) Error.prepareStackTrace = () => "";
try {
  // Nothing is written unless every check passed (stacks/synth.ts).
  const result = synthesize(config, process.env.CDKTF_OUTDIR ?? "cdktf.out");
  if (result.text) console.error(result.text);
  if (result.failed) process.exitCode = 1;
} finally {
  Error.prepareStackTrace = formatter;
}

function printWarnings(warnings: readonly LabelledProblem[]): void {
  if (warnings.length === 0) return;
  console.error(`Config warnings (${warnings.length}; the synth goes on):\n${warnings.map((w) => `  ${w.environment}: ${formatProblem(w.problem)}`).join("\n")}`);
}
