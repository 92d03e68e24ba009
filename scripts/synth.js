// The main job: bundle the app (when a source changed) and synthesize every environment into cdktf.out/.
// Used by `npm run synth` and as cdktf.json's "app", so `cdktf synth/diff/deploy` take the same path.
// One process: no ts-node, no second node start (build/bundle.js makes dist/main.js, build/run-bundle.js runs it
// from V8's code cache). On success it tells on stderr what was written; --quiet / -q or DBX_SYNTH_QUIET=1 silence it.
const started = process.hrtime.bigint();

// cdktf 0.21 (final upstream) calls util.isArray, which Node 22+ reports on every synth as DEP0044. It is cdktf's,
// not the user's to fix: drop that one warning, keep every other.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const code = typeof rest[0] === "object" && rest[0] !== null ? rest[0].code : rest[1];
  if (code === "DEP0044") return;
  return emitWarning.call(process, warning, ...rest);
};
const path = require("path");
const { parseCli } = require("./lib/args.js");
const { build } = require("./build/bundle.js");
const { runBundle } = require("./build/run-bundle.js");

const USAGE = `usage: npm run synth [-- --hcl] [--quiet | -q]
  --hcl     the stacks as HCL (cdk.tf) into cdktf.out.hcl: the exit from CDKTF
  --quiet   no summary on stderr (also DBX_SYNTH_QUIET=1); CDKTF_OUTDIR sets the output directory`;
const opts = parseCli("synth", process.argv.slice(2), { flags: ["--hcl", "--quiet"], aliases: { "-q": "--quiet" } }, USAGE);

// `--hcl` (npm run synth:hcl): the same stacks as HCL (`cdk.tf`), the exit from CDKTF; see docs/terraform-and-performance.md "Leaving CDKTF".
// Written to its own directory: cdktf leaves a stale cdk.tf.json beside a cdk.tf in the same one.
if (opts.hcl) process.env.SYNTH_HCL_OUTPUT = "true";
if (!process.env.CDKTF_OUTDIR) process.env.CDKTF_OUTDIR = path.resolve(__dirname, "..", opts.hcl ? "cdktf.out.hcl" : "cdktf.out");
const outdir = process.env.CDKTF_OUTDIR;

// The cdktf CLI shows an app's stderr only when the app fails, when we print no summary anyway: skip the work.
// It runs the app with CDKTF_CONTEXT_JSON set.
const quiet = opts.quiet || /^(1|true)$/i.test(process.env.DBX_SYNTH_QUIET || "") || process.env.CDKTF_CONTEXT_JSON !== undefined;
if (!quiet) {
  // At exit, so only a synth that succeeded (exit code 0) reports; registered before the app runs, so it comes first.
  process.once("exit", (code) => {
    if (code !== 0) return;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    try {
      process.stderr.write(require("./lib/synth-summary.js").synthSummary(outdir, seconds));
    } catch (e) {
      // The synth itself succeeded: a summary that cannot be made must not fail it.
      process.stderr.write(`synth: wrote ${outdir} in ${seconds.toFixed(2)} s (no summary: ${e.message})\n`);
    }
  });
}

let bundle;
try {
  bundle = build();
} catch (e) {
  // The bundler printed what is wrong and where (build/bundle.js); a stack trace would only hide it.
  if (e.name !== "BundleError") throw e;
  process.exit(1);
}
runBundle(bundle);
