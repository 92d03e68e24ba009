// The synthesized stacks as JSON (name, environment, backend) for the PR workflow's plan matrix, or as names for the
// deploy jobs, read from cdktf.out/manifest.json. Plain CommonJS without dependencies, so CI can run it right after
// `npm ci`.
const { parseArgs, InputError } = require("./lib/args.js");
const { listStacks: stacksOf, readStack } = require("./lib/cdktf-out.js");

const USAGE = `usage:
  npm run stacks -- [--outdir cdktf.out] [--env <name>] [--remote-state | --local-state] [--names]`;

/** [{ name, env, envVar, backend }] from cdktf.out/manifest.json. */
function listStacks(outdir) {
  return stacksOf(outdir).map((s) => {
    const tf = readStack(outdir, s);
    return { name: s.id, env: s.env, envVar: s.env.toUpperCase().replace(/[^A-Z0-9]/g, "_"),
      backend: Object.keys((tf.terraform && tf.terraform.backend) || { local: {} })[0] };
  });
}

/** Runs the CLI in-process; returns the exit code (0 ok, 2 bad input). */
function main(argv, io = { stdout: process.stdout, stderr: process.stderr }) {
  try {
    const o = parseArgs(argv, { values: ["--outdir", "--env"], flags: ["--remote-state", "--local-state", "--names"], positional: true });
    if (o.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (o.positional.length) throw new InputError(`unexpected argument ${o.positional[0]}\n${USAGE}`);
    const outdir = o.outdir || process.env.CDKTF_OUTDIR || "cdktf.out";
    let stacks = listStacks(outdir).filter((s) => !o.env || s.env === o.env);
    if (o.remoteState) stacks = stacks.filter((s) => s.backend !== "local");
    if (o.localState) stacks = stacks.filter((s) => s.backend === "local");
    io.stdout.write(o.names ? `${stacks.map((s) => s.name).join(" ")}\n` : `${JSON.stringify(stacks)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr.write(`stacks: ${e.message}\n`);
    return 2;
  }
}

module.exports = { listStacks, main };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
