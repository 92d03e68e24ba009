// Bundles main.ts into dist/main.js with esbuild (no type-check: `npm test` runs tsc).
// A single bundled file loads faster than tsc output and ~10x faster than ts-node. The bundle is rebuilt only
// when an input changed (content hash of the sources, the lockfile, this script and its esbuild plugins), like make.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { parseCli } = require("../lib/args.js");

const root = path.resolve(__dirname, "..", "..");
const outfile = path.join(root, "dist", "main.js");
const SOURCE_DIRS = ["stacks", "modules", "environments"];

function sourceFiles() {
  // This script and the plugin it bundles with shape the bundle as much as the sources do.
  const files = [path.join(root, "main.ts"), path.join(root, "package-lock.json"), __filename, require.resolve("./cdktf-hcl-fixes.js"),
    require.resolve("./cdktf-fast-paths.js")];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) files.push(full);
    }
  };
  SOURCE_DIRS.forEach((d) => walk(path.join(root, d)));
  return files.sort();
}

const digest = (parts) => parts.reduce((hash, part) => hash.update(part), crypto.createHash("sha256")).digest("hex");

/**
 * Whether `outfile` was built from `files` as they are now. The stamp beside it keeps the inputs' content hash and a
 * digest of their names, sizes and modification times: equal stats mean fresh without reading ~1 MB of inputs on
 * every synth; changed stats (a checkout, an edit) fall back to the content hash. `record()` writes the stamp.
 * Stats are recorded only when no input changed in the last 2 s, so that an edit on a filesystem with coarse
 * timestamps always moves them (git's "racy" rule).
 */
function freshness(files, outfile) {
  const stampFile = `${outfile}.inputs`;
  const stats = files.map((f) => fs.statSync(f));
  const stat = digest(files.map((f, i) => `${path.relative(root, f)}\0${stats[i].size}\0${stats[i].mtimeMs}\n`));
  const racy = stats.some((s) => Date.now() - s.mtimeMs < 2000);
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, "utf8"));
  } catch {
    // no stamp, or one in the old format (the bare hash): rebuild
  }
  stamp = stamp !== null && typeof stamp === "object" ? stamp : {};
  const built = fs.existsSync(outfile);
  let hash;
  const contentHash = () => (hash ??= digest(files.flatMap((f) => [path.relative(root, f), "\0", fs.readFileSync(f)])));
  const fresh = built && (stamp.stat === stat || stamp.hash === contentHash());
  const record = () => fs.writeFileSync(stampFile, `${JSON.stringify({ hash: contentHash(), stat: racy ? null : stat })}\n`);
  if (fresh && stamp.stat !== stat && !racy) record();
  return { fresh, record };
}

const BUNDLE_OPTIONS = {
  entryPoints: [path.join(root, "main.ts")],
  outfile,
  bundle: true,
  // Prefer ES modules where a package ships both, so esbuild can drop what is unused (zod/mini).
  mainFields: ["module", "main"],
  platform: "node",
  target: "node20",
  logLevel: "warning",
  // Whitespace and syntax only (names kept): a smaller bundle to read and compile on every synth.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
};

/**
 * cdktf captures a full stack trace for every token it creates (thousands per synth), only to explain a token that
 * fails to resolve; main.ts already skips formatting them. This also skips capturing them, unless DBX_STACK_TRACES=1
 * asks for them while debugging such an error.
 */
const noTokenStackTraces = {
  name: "no-token-stack-traces",
  setup(build) {
    build.onLoad({ filter: /[\\/]cdkt[fn][\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, ({ path: file }) => ({
      contents: `${fs.readFileSync(file, "utf8")}\nif (!process.env.DBX_STACK_TRACES) exports.captureStackTrace = () => [];\n`,
      loader: "js",
    }));
  },
};

/** Hints for the JavaScript mistakes people make in an environment file, by esbuild's message. */
const HINTS = [
  [/octal literal/i, "a number cannot start with 0; account ids are strings: put the digits in quotes, e.g. awsAccountId: \"012345678901\""],
  [/^Expected ".*" but found/, "a comma, bracket, brace or quote is missing or extra at this point or just before it"],
  [/^Unterminated (string|template|regular expression)/, "close the quote (or backtick, slash) opened on this line"],
  [/^Could not resolve/, "check the import path and the file name's spelling and case"],
  [/is not exported by|No matching export/, "check the imported name's spelling: exports are case-sensitive"],
];

/** esbuild's errors as `environments/prod.ts:12:17: <message>. Hint: …`, the line and a caret under the column. */
function formatBuildErrors(errors, base = root) {
  return errors.map((e) => {
    const hint = (HINTS.find(([re]) => re.test(e.text)) || [null, "fix the TypeScript at this point (npx tsc --noEmit reports it too)"])[1];
    const loc = e.location;
    if (!loc) return `${e.text}. Hint: ${hint}`;
    const file = path.relative(base, path.resolve(base, loc.file));
    return `${file}:${loc.line}:${loc.column + 1}: ${e.text.replace(/\.$/, "")}. Hint: ${hint}\n    ${loc.lineText}\n    ${" ".repeat(loc.column)}^`;
  }).join("\n");
}

/** A bundle that failed: its errors are printed already, as file:line:column with a hint. */
class BundleError extends Error {
  constructor(status) {
    super(`bundling main.ts failed (exit ${status})`);
    this.name = "BundleError";
  }
}

function build({ force = false } = {}) {
  const inputs = freshness(sourceFiles(), outfile);
  if (force || !inputs.fresh) {
    // esbuild plugins need its async API; synth is synchronous, so the (rare) rebuild runs in a child process.
    const run = require("child_process").spawnSync(process.execPath, [__filename, "--bundle"], { stdio: "inherit" });
    if (run.status !== 0) throw new BundleError(run.status);
    inputs.record();
    fs.rmSync(`${outfile}.v8cache`, { force: true }); // compiled for the old bundle
  }
  return outfile;
}

module.exports = { build, BundleError, formatBuildErrors, freshness, sourceFiles };
if (require.main === module) {
  const o = parseCli("bundle", process.argv.slice(2), { flags: ["--bundle", "--force"] },
    "usage: npm run bundle [-- --force]   (rebuilds dist/main.js when an input changed; --force: always)");
  if (o.bundle) {
    const { cdktfHclFixes } = require("./cdktf-hcl-fixes.js");
    const { cdktfFastPaths } = require("./cdktf-fast-paths.js");
    // esbuild's own report is silenced: a mistake in an environment file gets file:line:column and a hint instead.
    require("esbuild").build({ ...BUNDLE_OPTIONS, logLevel: "silent", plugins: [cdktfHclFixes, cdktfFastPaths, noTokenStackTraces] }).catch((e) => {
      process.stderr.write(`${e.errors && e.errors.length ? formatBuildErrors(e.errors) : e.message}\n`);
      process.exit(1);
    });
  } else {
    try {
      build({ force: o.force });
    } catch (e) {
      if (!(e instanceof BundleError)) throw e;
      process.exit(1);
    }
  }
}
