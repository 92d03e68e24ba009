// The one command-line parser of the scripts: `--name value` / `--name=value` (options with a value; those listed in
// `lists` may repeat and give an array), `--name` booleans, short aliases (-q), and positional arguments. Anything
// else starting with "-" is an error naming the allowed options, so a typo never passes silently.
"use strict";

/** Bad input (unknown options, missing values, missing or malformed files): one line on stderr, exit code 2. */
class InputError extends Error {}

/** An argument the parser rejects; `arg` is the argument as given, for scripts that word the message their way. */
class ArgError extends InputError {
  constructor(message, arg) {
    super(message);
    this.arg = arg;
  }
}

const camel = (option) => option.replace(/^--?/, "").replace(/-(\w)/g, (_, c) => c.toUpperCase());

/**
 * Parses `argv` into camelCase keys. spec: { values: ["--outdir"], lists: ["--stack"] (also in values or alone),
 * flags: ["--json"], aliases: { "-q": "--quiet" }, positional: true (default: a positional argument is an error) }.
 * `--help` is always allowed (`help: true`). Positional arguments are in `positional`.
 */
function parseArgs(argv, { values = [], flags = [], lists = [], aliases = {}, positional = false } = {}) {
  const valued = [...new Set([...values, ...lists])];
  const allowed = [...valued, ...flags.filter((f) => f !== "--help"), "--help"];
  const named = allowed.map((o) => [o, ...Object.keys(aliases).filter((a) => aliases[a] === o)].join(" | "));
  const opts = { positional: [], help: false };
  for (const l of lists) opts[camel(l)] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const name = aliases[eq < 0 ? a : a.slice(0, eq)] || (eq < 0 ? a : a.slice(0, eq));
    if (valued.includes(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === "" || (eq < 0 && v.startsWith("--"))) throw new ArgError(`${name} needs a value`, a);
      if (lists.includes(name)) opts[camel(name)].push(v);
      else opts[camel(name)] = v;
    } else if (allowed.includes(name) && eq < 0) opts[camel(name)] = true;
    else if (a.startsWith("-") && a !== "-") throw new ArgError(`unknown option ${a} (allowed: ${named.join(", ")})`, a);
    else if (positional) opts.positional.push(a);
    else throw new ArgError(`unexpected argument ${a}`, a);
  }
  return opts;
}

/**
 * parseArgs for a script's top level: `--help` prints `usage` and exits 0; a bad argument is reported on stderr as
 * "<name>: <what is wrong>" followed by the usage, exit 2.
 */
function parseCli(name, argv, spec, usage) {
  let opts;
  try {
    opts = parseArgs(argv, spec);
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    process.stderr.write(`${name}: ${e.message}\n${usage}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return opts;
}

module.exports = { parseArgs, parseCli, InputError, ArgError };
