// The synthesized stacks as JSON (name, environment, backend, runner) for the PR workflow's plan matrix, as names for
// the deploy jobs, or the runner an environment's deploy job needs, read from cdktf.out/manifest.json. Plain CommonJS without dependencies, so CI can run it right after
// `npm ci`.
const { parseArgs, InputError } = require("./lib/args.js");
const { listStacks: stacksOf, readStack } = require("./lib/cdktf-out.js");

const USAGE = `usage:
  npm run stacks -- [--outdir cdktf.out] [--env <name>] [--remote-state | --local-state] [--names | --runs-on]
  --runs-on  the runner (JSON) the selected stacks need: the one label their "//".ci.runsOn names, else "ubuntu-latest"`;

/** The runner of a stack that names none ("//".ci.runsOn, written by stacks/workspace-config-stack.ts). */
const DEFAULT_RUNNER = "ubuntu-latest";

/** The runner a stack's JSON asks for ("//".ci.runsOn: a label or labels), or undefined. */
const runnerOf = (tf) => ((tf["//"] || {}).ci || {}).runsOn;

/** [{ name, env, envVar, backend, runsOn }] from cdktf.out/manifest.json. */
function listStacks(outdir) {
  return stacksOf(outdir).map((s) => {
    const tf = readStack(outdir, s);
    return { name: s.id, env: s.env, envVar: s.env.toUpperCase().replace(/[^A-Z0-9]/g, "_"),
      backend: Object.keys((tf.terraform && tf.terraform.backend) || { local: {} })[0], runsOn: runnerOf(tf) || DEFAULT_RUNNER };
  });
}

/**
 * The one runner that can deploy all of `stacks` in one job: the runner the stacks that name one agree on, else the
 * default. Stacks naming different runners cannot share a job: an InputError.
 */
function runnerFor(stacks) {
  const named = [...new Set(stacks.filter((s) => s.runsOn !== DEFAULT_RUNNER).map((s) => JSON.stringify(s.runsOn)))];
  if (named.length > 1) {
    throw new InputError(`the stacks need different runners (${stacks.map((s) => `${s.name}: ${JSON.stringify(s.runsOn)}`).join(", ")}); deploy them in separate jobs`);
  }
  return named.length ? JSON.parse(named[0]) : DEFAULT_RUNNER;
}

/** Runs the CLI in-process; returns the exit code (0 ok, 2 bad input). */
function main(argv, io = { stdout: process.stdout, stderr: process.stderr }) {
  try {
    const o = parseArgs(argv, { values: ["--outdir", "--env"], flags: ["--remote-state", "--local-state", "--names", "--runs-on"], positional: true });
    if (o.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (o.positional.length) throw new InputError(`unexpected argument ${o.positional[0]}\n${USAGE}`);
    const outdir = o.outdir || process.env.CDKTF_OUTDIR || "cdktf.out";
    let stacks = listStacks(outdir).filter((s) => !o.env || s.env === o.env);
    if (o.remoteState) stacks = stacks.filter((s) => s.backend !== "local");
    if (o.localState) stacks = stacks.filter((s) => s.backend === "local");
    if (o.names && o.runsOn) throw new InputError(`--names and --runs-on exclude each other\n${USAGE}`);
    const out = o.names ? stacks.map((s) => s.name).join(" ") : JSON.stringify(o.runsOn ? runnerFor(stacks) : stacks);
    io.stdout.write(`${out}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr.write(`stacks: ${e.message}\n`);
    return 2;
  }
}

module.exports = { listStacks, runnerFor, main, DEFAULT_RUNNER };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
