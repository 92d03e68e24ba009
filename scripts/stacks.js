// The synthesized stacks as JSON (name, environment, backend) for the PR workflow's plan matrix, or as names for the
// deploy jobs, read from cdktf.out/manifest.json. Also the small helpers plan-summary.js shares: the input error,
// reading a JSON file, the option parser. Plain CommonJS without dependencies, so CI can run it right after `npm ci`.
const fs = require("fs");
const path = require("path");

const USAGE = `usage:
  npm run stacks -- [--outdir cdktf.out] [--env <name>] [--remote-state | --local-state] [--names]`;

/** Bad input (missing or malformed files, unknown options): reported as one line on stderr, exit code 2. */
class InputError extends Error {}

function readJson(file, what, hint) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`cannot read ${what} file ${file}: ${e.code === "ENOENT" ? "no such file" : e.message} (${hint})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${what} file ${file} is not JSON (${e.message}; ${hint})`);
  }
}

const camel = (option) => option.slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase());

/**
 * `--name value` / `--name=value` for the options in `values` (those in `lists` may repeat: an array) and `--name` for
 * those in `flags`, into camelCase keys; other arguments go to `files`. An unknown option is an InputError.
 */
function parseArgs(argv, { values = [], flags = [], lists = [] }) {
  const opts = { files: [] };
  for (const l of lists) opts[camel(l)] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [name, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    if (values.includes(name)) {
      const v = inline !== undefined ? inline : argv[++i];
      if (v === undefined || v === "") throw new InputError(`${name} needs a value`);
      if (lists.includes(name)) opts[camel(name)].push(v);
      else opts[camel(name)] = v;
    } else if (flags.includes(name)) opts[camel(name)] = true;
    else if (a.startsWith("-")) throw new InputError(`unknown option ${a} (allowed: ${[...values, ...flags].join(", ")})`);
    else opts.files.push(a);
  }
  return opts;
}

/** [{ name, env, envVar, backend }] from cdktf.out/manifest.json; env = the stack id before the first "-". */
function listStacks(outdir) {
  const file = path.join(outdir, "manifest.json");
  const manifest = readJson(file, "cdktf manifest", "run `npm run synth` first");
  if (!manifest.stacks || typeof manifest.stacks !== "object")
    throw new InputError(`${file} has no "stacks" (expected cdktf's manifest.json; run \`npm run synth\`)`);
  return Object.values(manifest.stacks).map((s) => {
    const tf = readJson(path.join(outdir, s.synthesizedStackPath), `stack ${s.name}`, "run `npm run synth`");
    const env = s.name.split("-")[0];
    return { name: s.name, env, envVar: env.toUpperCase().replace(/[^A-Z0-9]/g, "_"),
      backend: Object.keys((tf.terraform && tf.terraform.backend) || { local: {} })[0] };
  });
}

/** Runs the CLI in-process; returns the exit code (0 ok, 2 bad input). */
function main(argv, io = { stdout: process.stdout, stderr: process.stderr }) {
  try {
    const o = parseArgs(argv, { values: ["--outdir", "--env"], flags: ["--remote-state", "--local-state", "--names", "--help"] });
    if (o.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (o.files.length) throw new InputError(`unexpected argument ${o.files[0]}\n${USAGE}`);
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

module.exports = { listStacks, main, InputError, readJson, parseArgs };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
