// The one reader of a synth output directory (cdktf.out): cdktf's manifest.json and each stack's cdk.tf.json.
// Every script that looks at synthesized stacks goes through here, so the layout and the stack id convention
// (`<env>-<component>`, env names never contain "-") are known in one place.
"use strict";
const fs = require("fs");
const path = require("path");
const { InputError } = require("./args.js");

const HINT = "run `npm run synth` first";

/** Parsed JSON of `file`, or an InputError saying which file (`what`) is missing or malformed and what to do (`hint`). */
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

/** The environment a stack belongs to: its id up to the first "-" (account-logs → account, dev-workspace → dev). */
const envOfStack = (id) => id.split("-")[0];

const manifestFile = (outdir) => path.join(outdir, "manifest.json");
const hasManifest = (outdir) => fs.existsSync(manifestFile(outdir));

/** cdktf's manifest.json of `outdir`, checked to have its "stacks". */
function readManifest(outdir) {
  const file = manifestFile(outdir);
  const manifest = readJson(file, "cdktf manifest", HINT);
  if (!manifest || !manifest.stacks || typeof manifest.stacks !== "object")
    throw new InputError(`${file} has no "stacks" (expected cdktf's manifest.json; run \`npm run synth\`)`);
  return manifest;
}

/**
 * The stacks of `outdir` in manifest order: [{ id, env, file, entry }] (`entry`: its manifest record). Without a
 * manifest (`fallback: true`), the stacks/<id>/cdk.tf.json files that exist, by name.
 */
function listStacks(outdir, { fallback = false } = {}) {
  if (fallback && !hasManifest(outdir)) {
    const dir = path.join(outdir, "stacks");
    const ids = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
    return ids.map((id) => ({ id, env: envOfStack(id), file: path.join(dir, id, "cdk.tf.json"), entry: undefined }))
      .filter((s) => fs.existsSync(s.file));
  }
  return Object.entries(readManifest(outdir).stacks).map(([key, entry]) => {
    const id = entry.name || key;
    return { id, env: envOfStack(id), file: path.join(outdir, entry.synthesizedStackPath || `stacks/${id}/cdk.tf.json`), entry };
  });
}

/** The cdk.tf.json of stack `id` (an entry of listStacks, or an id looked up in the manifest), parsed. */
function readStack(outdir, stack) {
  const s = typeof stack === "string" ? listStacks(outdir, { fallback: true }).find((x) => x.id === stack) : stack;
  if (!s) throw new InputError(`no stack "${stack}" in ${outdir} (${HINT})`);
  return readJson(s.file, `stack ${s.id}`, "run `npm run synth`");
}

/** [[name, body]] of the `resource` (or, with kind "data", the `data`) blocks of one type in a stack's JSON. */
const blocksOfType = (json, type, kind = "resource") => Object.entries(((json || {})[kind] || {})[type] || {});

/** Number of resource and data blocks of a stack's JSON. */
function countBlocks(json) {
  const count = (kind) => Object.values((json || {})[kind] || {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  return { resources: count("resource"), dataSources: count("data") };
}

module.exports = { readJson, envOfStack, hasManifest, readManifest, listStacks, readStack, blocksOfType, countBlocks, InputError };
