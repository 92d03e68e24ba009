// "Real Terraform, not just JSON": for every synthesized stack, run `terraform init/validate/plan`
// offline on a copy that keeps only the parts whose providers exist in a local provider mirror
// (here: hashicorp/aws; there is no databricks provider binary and no network).
// Usage: node scripts/tf-check.js [--outdir cdktf.out] [--hcl-outdir cdktf.out.hcl] [stack ...]
// With --hcl-outdir, each stack's HCL (npm run synth:hcl) is checked too, as module hcl-<stack>.
// This file is the CLI and checkStacks; tf-check/ has discovery.js (terraform CLI, provider mirror), local-copy.js
// (the offline copy of a stack), hcl-copy.js (the same for its HCL) and runner.js (one terraform run for all).
const fs = require("fs");
const path = require("path");
const { parseCli } = require("./lib/args.js");
const { listStacks: stacksOf, readJson } = require("./lib/cdktf-out.js");
const { discoverTerraform, discoverMirror } = require("./tf-check/discovery.js");
const { localCopy } = require("./tf-check/local-copy.js");
const { hclLocalCopy } = require("./tf-check/hcl-copy.js");
const { runTerraform } = require("./tf-check/runner.js");

const root = path.resolve(__dirname, "..");

/**
 * Checks every stack (or opts.stacks) of a synth output dir in one Terraform run, plus:
 * - opts.extraStacks: [{ stack, file, priorState? }]; priorState = state resources ({ type, name, instances })
 *   of that stack "already deployed", so its plan shows updates, replacements and deletes, not only creates;
 * - opts.hclOutdir: the same stacks synthesized as HCL (`npm run synth:hcl`); each kept stack's HCL twin runs as
 *   module `hcl-<stack>` and must plan exactly the resources its JSON plans;
 * - opts.planJsonFile: where to write `terraform show -json` of the whole plan;
 * - opts.validate: false skips the separate `terraform validate` run (plan validates too).
 * - opts.signal (AbortSignal) kills the terraform commands; opts.timeoutMs caps each one (default 300 s).
 */
async function checkStacks(outdir, opts = {}) {
  const started = Date.now();
  if (opts.hclOutdir && !fs.existsSync(path.join(opts.hclOutdir, "stacks")))
    throw new Error(`hclOutdir ${opts.hclOutdir} has no stacks/ folder: run \`npm run synth:hcl\` first (it writes cdktf.out.hcl)`);
  const all = [...listStacks(outdir), ...(opts.extraStacks || [])];
  const wanted = opts.stacks && opts.stacks.length ? opts.stacks : all.map((s) => s.stack);
  const terraform = discoverTerraform();
  const mirror = terraform ? discoverMirror() : null; // no point searching the disk without a CLI
  const missing = mirror ? mirror.missing : "no terraform CLI (set TERRAFORM_BINARY_NAME or put terraform on PATH)";
  const blank = (stack) => ({ stack, ok: false, keptResources: 0, removed: [], planned: { create: 0, update: 0, delete: 0, replace: 0, noop: 0 } });
  const results = wanted.map(blank);
  const copies = [];
  for (const r of [...results]) {
    const found = all.find((s) => s.stack === r.stack);
    if (!found) r.reason = `no synthesized stack "${r.stack}" in ${outdir}`;
    else if (missing) Object.assign(r, { skipped: true, reason: `SKIPPED: ${missing}` });
    else {
      try {
        const copy = localCopy(readJson(found.file, `stack ${r.stack}`, "run `npm run synth`"), mirror.providers);
        Object.assign(r, { keptResources: copy.keptResources, removed: copy.removed });
        if (!copy.keptResources) {
          Object.assign(r, { skipped: true, reason: `SKIPPED: nothing left to check (${Object.values(copy.unavailable).join("; ") || "no resources"})` });
          continue;
        }
        copies.push({ stack: r.stack, copy, priorState: found.priorState });
        const hclFile = opts.hclOutdir && path.join(opts.hclOutdir, "stacks", r.stack, "cdk.tf");
        if (hclFile && fs.existsSync(hclFile)) {
          const twin = { ...blank(`hcl-${r.stack}`), twinOf: r.stack, keptResources: copy.keptResources, removed: copy.removed };
          results.push(twin);
          try {
            copies.push({ stack: twin.stack, copy, hcl: hclLocalCopy(fs.readFileSync(hclFile, "utf8"), copy, hclFile) });
          } catch (e) {
            twin.reason = e.message;
          }
        }
      } catch (e) {
        r.reason = e.message;
      }
    }
  }
  if (copies.length) {
    const outcome = await runTerraform(copies, { terraform, mirror, workdir: opts.workdir || path.join(root, ".tfcheck"),
      planJsonFile: opts.planJsonFile, validateToo: opts.validate !== false, signal: opts.signal, timeoutMs: opts.timeoutMs });
    const plannedOf = (stack) => outcome.changes.filter((c) => c.resource.module === `module.${stack}` && !c.resource.addr.includes(".data."));
    for (const r of results.filter((x) => copies.some((c) => c.stack === x.stack))) {
      if (outcome.error) {
        r.reason = outcome.error;
        continue;
      }
      // Only managed resources count; data-source reads deferred to apply appear as "read".
      const mine = plannedOf(r.stack);
      for (const c of mine) r.planned[{ create: "create", update: "update", delete: "delete", replace: "replace", noop: "noop" }[c.action] || "delete"]++;
      if (all.find((s) => s.stack === r.stack)?.priorState) {
        r.ok = true; // a stack with a prior state is expected to change; the caller checks what
        continue;
      }
      r.ok = r.planned.create === mine.length && r.planned.create === r.keptResources;
      if (!r.ok) r.reason = `plan has ${JSON.stringify(r.planned)}, expected ${r.keptResources} creates only`;
      if (r.ok && r.twinOf) {
        const addresses = (stack) => plannedOf(stack).map((c) => c.resource.addr.slice(`module.${stack}.`.length)).sort().join("\n");
        r.ok = addresses(r.stack) === addresses(r.twinOf);
        if (!r.ok) r.reason = `the HCL plans other resources than the JSON of ${r.twinOf}`;
      }
    }
  }
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  return results.map((r) => ({ ...r, seconds }));
}

/** [{ stack, file }] of a synth output dir: its manifest's stacks, or without one the stacks/<id>/cdk.tf.json there. */
const listStacks = (outdir) => stacksOf(outdir, { fallback: true }).map((s) => ({ stack: s.id, file: s.file }));

module.exports = { discoverTerraform, discoverMirror, localCopy, checkStacks, listStacks };

if (require.main === module) {
  const o = parseCli("tf-check", process.argv.slice(2), { values: ["--outdir", "--hcl-outdir"], positional: true },
    "usage: node scripts/tf-check.js [--outdir cdktf.out] [--hcl-outdir cdktf.out.hcl] [stack ...]");
  const outdir = path.resolve(o.outdir || process.env.CDKTF_OUTDIR || path.join(root, "cdktf.out"));
  const hclOutdir = o.hclOutdir && path.resolve(o.hclOutdir);
  checkStacks(outdir, { stacks: o.positional, hclOutdir }).catch((err) => {
    console.error(err.message);
    process.exit(2);
  }).then((results) => {
    if (!results.length) {
      console.error(`no synthesized stacks in ${outdir} (run npm run synth first)`);
      process.exit(1);
    }
    const width = Math.max(...results.map((r) => r.stack.length));
    for (const r of results) {
      const name = r.stack.padEnd(width);
      if (r.ok) console.log(`ok   ${name}  validate+plan: ${r.planned.create} to create (removed ${r.removed.length} non-local blocks)${r.twinOf ? ", same as its JSON" : ""}`);
      else if (r.skipped) console.log(`skip ${name}  ${r.reason}`);
      else console.log(`FAIL ${name}\n${r.reason.replace(/^/gm, "     ")}`);
    }
    console.log(`terraform init + validate + plan of ${results.length} stacks: ${results[0].seconds}s`);
    process.exit(results.some((r) => !r.ok && !r.skipped) ? 1 : 0);
  });
}
