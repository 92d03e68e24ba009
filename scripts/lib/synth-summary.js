// What `npm run synth` wrote, for its stderr: each stack with its resource and data source blocks and guardrail
// findings (the manifest's annotations; main.ts has already printed their text), the output dir and the time.
"use strict";
const fs = require("fs");
const path = require("path");
const { listStacks, readJson, countBlocks } = require("./cdktf-out.js");

/** Resource and data blocks of a stack: its cdk.tf.json, or for `synth --hcl` the top-level blocks of its cdk.tf. */
function blocksOf(file, id) {
  if (!file.endsWith(".tf")) return countBlocks(readJson(file, `stack ${id}`, "synth output"));
  const { splitBlocks } = require("../tf-check/hcl-copy.js");
  const kinds = splitBlocks(fs.readFileSync(file, "utf8"), file).map((b) => b.kind);
  return { resources: kinds.filter((k) => k === "resource").length, dataSources: kinds.filter((k) => k === "data").length };
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The summary text: a header line, one line per stack, and a guardrail line when there are findings. */
function synthSummary(outdir, seconds) {
  const stacks = listStacks(outdir).map((s) => {
    const levels = ((s.entry && s.entry.annotations) || []).map((a) => String(a.level));
    return { id: s.id, ...blocksOf(s.file, s.id),
      warnings: levels.filter((l) => /warn/i.test(l)).length, errors: levels.filter((l) => /error/i.test(l)).length };
  });
  const shown = path.relative(process.cwd(), outdir);
  const where = shown && !shown.startsWith("..") && !path.isAbsolute(shown) ? shown : outdir;
  const width = Math.max(0, ...stacks.map((s) => s.id.length));
  const lines = [`synth: ${plural(stacks.length, "stack")} written to ${where} in ${seconds.toFixed(2)} s`];
  for (const s of stacks) {
    const findings = [s.errors && plural(s.errors, "guardrail error"), s.warnings && plural(s.warnings, "guardrail warning")].filter(Boolean);
    lines.push(`  ${s.id.padEnd(width)}  ${plural(s.resources, "resource").padStart(13)}  ${plural(s.dataSources, "data source")}` +
      `${findings.length ? `  ${findings.join(", ")}` : ""}`);
  }
  const warnings = stacks.reduce((n, s) => n + s.warnings, 0);
  if (warnings) lines.push(`guardrails: ${plural(warnings, "warning")} (listed above)`);
  return `${lines.join("\n")}\n`;
}

module.exports = { synthSummary };
