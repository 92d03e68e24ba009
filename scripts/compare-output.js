// Proves a refactor left the synthesized output unchanged: synthesizes a baseline (a git revision, in a temporary
// worktree, or an existing cdktf.out copy) and the current tree, then compares every stack's cdk.tf.json and its
// manifest record. Nothing is ignored: any differing JSON path is reported.
// Usage: npm run compare-output -- [--base <git-rev> | --base-dir <dir>] [--outdir <current cdktf.out>] [--max-paths 20]
// Exit: 0 identical, 1 differences, 2 bad usage (or a synth that failed).
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { parseArgs, InputError } = require("./lib/args.js");
const { listStacks, readJson } = require("./lib/cdktf-out.js");

const root = path.resolve(__dirname, "..");
const USAGE = "usage: npm run compare-output -- [--base <git-rev> | --base-dir <dir>] [--outdir <current cdktf.out>] [--max-paths <n>]";
const MAX_VALUE = 80;

/** A path segment: `.name` for plain keys, `["a.b"]` for keys that would read ambiguously, `[i]` for array items. */
const segment = (key) => (typeof key === "number" ? `[${key}]` : /^[\w-]+$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

const kind = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** [{ path, old, new }] of the leaves where two JSON values differ; `undefined` = absent on that side. */
function jsonDiff(a, b, at = "") {
  if (kind(a) !== kind(b) || (kind(a) !== "object" && kind(a) !== "array")) {
    return Object.is(a, b) ? [] : [{ path: at.replace(/^\./, ""), old: a, new: b }];
  }
  const keys = Array.isArray(a)
    ? Array.from({ length: Math.max(a.length, b.length) }, (_, i) => i)
    : [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => jsonDiff(a[k], b[k], at + segment(k)));
}

/** The stacks of a synth output dir: { id: { tf, manifest } } (manifest: its record in manifest.json, if any). */
function readTree(outdir) {
  const stacks = {};
  for (const s of listStacks(outdir, { fallback: true })) stacks[s.id] = { tf: readJson(s.file, `stack ${s.id}`, outdir), manifest: s.entry };
  return stacks;
}

/**
 * Compares two synth output directories: { added: [id], removed: [id], changed: [{ id, diffs }], same: n }. A stack's
 * diffs are the JSON paths of its cdk.tf.json, then those of its manifest record prefixed with "manifest:".
 */
function compareTrees(baseDir, currentDir) {
  const base = readTree(baseDir), current = readTree(currentDir);
  const result = { added: [], removed: [], changed: [], same: 0 };
  for (const id of [...new Set([...Object.keys(base), ...Object.keys(current)])].sort()) {
    if (!base[id]) result.added.push(id);
    else if (!current[id]) result.removed.push(id);
    else {
      const diffs = [...jsonDiff(base[id].tf, current[id].tf),
        ...jsonDiff(base[id].manifest, current[id].manifest).map((d) => ({ ...d, path: `manifest:${d.path}` }))];
      if (diffs.length) result.changed.push({ id, diffs });
      else result.same++;
    }
  }
  return result;
}

const show = (v) => {
  if (v === undefined) return "(absent)";
  const text = JSON.stringify(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
};

/** The report lines of compareTrees' result, the one-line summary last. */
function report(result, { maxPaths = 20 } = {}) {
  const lines = [];
  for (const id of result.added) lines.push(`+ stack ${id} (only in the current output)`);
  for (const id of result.removed) lines.push(`- stack ${id} (only in the baseline)`);
  for (const { id, diffs } of result.changed) {
    lines.push(`~ stack ${id}: ${diffs.length} differing path${diffs.length === 1 ? "" : "s"}`);
    for (const d of diffs.slice(0, maxPaths)) lines.push(`    ${d.path || "(root)"}: ${show(d.old)} -> ${show(d.new)}`);
    if (diffs.length > maxPaths) lines.push(`    … ${diffs.length - maxPaths} more (--max-paths ${diffs.length} shows all)`);
  }
  const total = result.same + result.changed.length + result.added.length + result.removed.length;
  const differs = result.added.length + result.removed.length + result.changed.length;
  lines.push(differs
    ? `compare-output: DIFFERENT: ${result.changed.length} changed, ${result.added.length} added, ${result.removed.length} removed, ${result.same} identical of ${total} stacks`
    : `compare-output: identical: ${total} stacks`);
  return lines;
}

/** Runs `node scripts/synth.js` in `cwd` into `outdir`; an InputError with its output if it fails. */
function synth(cwd, outdir, what) {
  const run = spawnSync(process.execPath, ["scripts/synth.js"], {
    cwd, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: outdir, DBX_SYNTH_QUIET: "1" }, maxBuffer: 64 << 20,
  });
  if (run.status !== 0) throw new InputError(`synth of ${what} failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
}

const git = (args, cwd = root) => spawnSync("git", args, { cwd, encoding: "utf8" });

/** Synthesizes git revision `rev` into `outdir`, from a temporary detached worktree that is removed afterwards. */
function synthRevision(rev, outdir, tmp) {
  const sha = git(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  if (sha.status !== 0) throw new InputError(`--base ${rev} is not a git revision of ${root}`);
  const tree = path.join(tmp, "base-worktree");
  const add = git(["worktree", "add", "--detach", "--quiet", tree, sha.stdout.trim()]);
  if (add.status !== 0) throw new InputError(`git worktree add failed: ${add.stderr.trim()}`);
  try {
    // The same dependencies as this checkout: the baseline must differ only in the project's own code.
    fs.symlinkSync(path.join(root, "node_modules"), path.join(tree, "node_modules"), "dir");
    synth(tree, outdir, `--base ${rev}`);
  } finally {
    git(["worktree", "remove", "--force", tree]);
    git(["worktree", "prune"]);
  }
}

function main(argv, io = { stdout: process.stdout, stderr: process.stderr }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "compare-output-"));
  try {
    const o = parseArgs(argv, { values: ["--base", "--base-dir", "--outdir", "--max-paths"] });
    if (o.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (!o.base === !o.baseDir) throw new InputError(`give one of --base <git-rev> or --base-dir <dir>\n${USAGE}`);
    const maxPaths = o.maxPaths === undefined ? 20 : Number(o.maxPaths);
    if (!Number.isInteger(maxPaths) || maxPaths < 0) throw new InputError(`--max-paths needs a whole number, not ${o.maxPaths}`);
    for (const [flag, dir] of [["--base-dir", o.baseDir], ["--outdir", o.outdir]])
      if (dir && !fs.existsSync(path.join(dir, "stacks"))) throw new InputError(`${flag} ${dir} has no stacks/ directory (expected a cdktf.out)`);
    let baseDir = o.baseDir && path.resolve(o.baseDir);
    if (o.base) synthRevision(o.base, (baseDir = path.join(tmp, "base")), tmp);
    let currentDir = o.outdir && path.resolve(o.outdir);
    if (!currentDir) synth(root, (currentDir = path.join(tmp, "current")), "the current tree");
    const result = compareTrees(baseDir, currentDir);
    io.stdout.write(`${report(result, { maxPaths }).join("\n")}\n`);
    return result.added.length + result.removed.length + result.changed.length ? 1 : 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr.write(`compare-output: ${e.message}\n`);
    return 2;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { jsonDiff, compareTrees, report, main };

if (require.main === module) {
  // Ctrl-C stops the synth child; with a listener, main() still runs its cleanup (the temporary worktree) first.
  process.once("SIGINT", () => process.exit(130));
  process.exitCode = main(process.argv.slice(2));
}
