// Mermaid pictures of the synthesized stacks, for reviewers: one flowchart per stack of what its Terraform JSON
// creates, with the AWS account (VPC per AZ, routes out, endpoints, security groups, IAM, buckets, keys, logs) and
// the Databricks objects, joined by the `${type.name.attr}` references. Only the JSON is read (no environment
// config), so any stack draws, a library consumer's included. Repeated helpers (route tables, SG rules, bucket
// settings, policies) are folded onto the node they belong to instead of being drawn.
// Usage: npm run diagram -- [--outdir cdktf.out] [--stack <id>]… [--readme]      (run `npm run synth` first)
// This file is the CLI (reading cdktf.out; `--readme` rewrites the diagram blocks of docs/diagrams.md); the drawing
// is in diagram/: drawing.js (one stack's picture, with a file per section: network, security-groups, endpoints,
// iam, data, ops, databricks), graph.js (the Mermaid model and label escaping) and util.js.
"use strict";
const fs = require("fs");
const path = require("path");
const { diagram } = require("./diagram/drawing.js");
const { portsText } = require("./diagram/util.js");
const { parseArgs, ArgError, InputError } = require("./lib/args.js");
const { hasManifest, listStacks, readStack } = require("./lib/cdktf-out.js");

/** The page `--readme` updates: its marked ```mermaid blocks are the example stacks' diagrams. */
const README = path.join(__dirname, "..", "docs", "diagrams.md");

class UsageError extends InputError {}
const USAGE = "usage: npm run diagram -- [--outdir cdktf.out] [--stack <id>]… [--readme]";

/** The stacks of a synth output directory: [{ id, json }], or a UsageError naming what is missing. */
function readStacks(outdir, ids = []) {
  if (!hasManifest(outdir)) throw new UsageError(`no synthesized stacks in ${outdir} (${path.join(outdir, "manifest.json")} is missing): run \`npm run synth\` first`);
  const stacks = new Map(listStacks(outdir).map((s) => [s.id, s]));
  const names = [...stacks.keys()].sort();
  const unknown = ids.filter((id) => !stacks.has(id));
  if (unknown.length) {
    const what = `unknown stack${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}`;
    throw new UsageError(`${what} in ${outdir}; it has: ${names.join(", ") || "none"}`);
  }
  return (ids.length ? [...new Set(ids)] : names).map((id) => {
    const stack = stacks.get(id);
    if (!fs.existsSync(stack.file)) throw new UsageError(`stack "${id}" is in ${path.join(outdir, "manifest.json")} but ${stack.file} is missing: run \`npm run synth\` again`);
    return { id, json: readStack(outdir, stack) };
  });
}

const BLOCK = /<!-- diagram:([A-Za-z0-9_-]+):start -->\n[\s\S]*?<!-- diagram:\1:end -->/g;
/** { stack: diagram text } of the page's marked ```mermaid blocks. */
function readmeBlocks(text) {
  const out = {};
  for (const m of text.matchAll(BLOCK)) out[m[1]] = (/```mermaid\n([\s\S]*?)```/.exec(m[0]) || [])[1] ?? "";
  return out;
}
/** The page's text with every marked block replaced by the diagram of its stack. */
function updateReadme(text, diagrams) {
  return text.replace(BLOCK, (_, id) => {
    if (!(id in diagrams)) {
      throw new UsageError(`docs/diagrams.md has a diagram block for stack "${id}", which is not synthesized; stacks: ${Object.keys(diagrams).sort().join(", ")}`);
    }
    return `<!-- diagram:${id}:start -->\n\`\`\`mermaid\n${diagrams[id]}\`\`\`\n<!-- diagram:${id}:end -->`;
  });
}

function main(argv) {
  let opts;
  try {
    opts = parseArgs(argv, { values: ["--outdir"], lists: ["--stack"], flags: ["--readme"] });
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    throw new UsageError(`unknown or incomplete argument "${e.arg}" (${e.message}); ${USAGE}`);
  }
  if (opts.help) return console.log(USAGE);
  const outdir = path.resolve(opts.outdir || "cdktf.out");
  const stacks = readStacks(outdir, opts.stack); // all checked before anything is written
  const dir = path.join(outdir, "diagrams");
  fs.mkdirSync(dir, { recursive: true });
  for (const { id, json } of stacks) {
    fs.writeFileSync(path.join(dir, `${id}.mmd`), diagram(json, id));
    console.log(`wrote ${path.relative(process.cwd(), path.join(dir, `${id}.mmd`))}`);
  }
  if (opts.readme) {
    const text = fs.readFileSync(README, "utf8");
    const wanted = Object.keys(readmeBlocks(text));
    const diagrams = Object.fromEntries(readStacks(outdir, wanted).map(({ id, json }) => [id, diagram(json, id)]));
    fs.writeFileSync(README, updateReadme(text, diagrams));
    console.log(`updated ${wanted.length} diagram block(s) in docs/diagrams.md: ${wanted.join(", ")}`);
  }
}

/** main() with bad input reported as one line on stderr; the exit code (2: bad input). */
function cli(argv) {
  try {
    main(argv);
    return 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    console.error(`diagram: ${e.message}`);
    return 2;
  }
}

module.exports = { diagram, readStacks, readmeBlocks, updateReadme, portsText, main, cli, UsageError };

if (require.main === module) process.exitCode = cli(process.argv.slice(2));
