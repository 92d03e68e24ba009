// The HCL twin of tf-check's localCopy: keeps, from a stack's `cdk.tf` (`npm run synth:hcl`), exactly the blocks
// that localCopy kept from the same stack's JSON, so `terraform validate` and plan check the HCL we hand users as
// the exit from CDKTF. Only top-level blocks are cut; their text is left as cdktf wrote it.
const { substitute } = require("./local-copy.js");

/**
 * Splits HCL text into its top-level blocks: [{ kind, labels, text }]. Understands what cdktf's HCL output can
 * contain: quoted strings with escapes and `${…}` interpolations (which may hold strings), heredocs, comments.
 */
function splitBlocks(text, file = "cdk.tf") {
  const blocks = [];
  let i = 0;
  let line = 1;
  const fail = (why) => {
    throw new Error(`${file}:${line}: ${why}`);
  };
  const skipSpace = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === "\n") line++;
      if (/\s/.test(c)) i++;
      else if (c === "#" || text.startsWith("//", i)) i = text.indexOf("\n", i) < 0 ? text.length : text.indexOf("\n", i);
      else if (text.startsWith("/*", i)) {
        const end = text.indexOf("*/", i);
        if (end < 0) fail("unterminated comment");
        line += (text.slice(i, end).match(/\n/g) || []).length;
        i = end + 2;
      } else break;
    }
  };
  // Scans from an opening "{" to its matching "}"; returns the index after it.
  const scanBody = (start) => {
    // Where we are: code, a string, or an interpolation ("${" inside a string, closed by its own "}").
    const stack = [{ in: "code", depth: 0 }];
    for (let j = start; j < text.length; j++) {
      const c = text[j];
      const top = stack[stack.length - 1];
      if (c === "\n") line++;
      if (top.in === "string") {
        if (c === "\\") j++;
        else if (c === '"') stack.pop();
        else if ((c === "$" || c === "%") && text[j + 1] === "{") {
          stack.push({ in: "interp", depth: 0 });
          j++;
        }
        continue;
      }
      if (c === '"') stack.push({ in: "string" });
      else if (c === "#" || (c === "/" && text[j + 1] === "/")) {
        const nl = text.indexOf("\n", j);
        j = (nl < 0 ? text.length : nl) - 1;
      } else if (c === "<" && text[j + 1] === "<") {
        const m = /^<<-?([A-Za-z_][\w-]*)\n/.exec(text.slice(j, j + 200));
        if (!m) continue;
        const end = new RegExp(`\\n[ \\t]*${m[1]}[ \\t]*(\\n|$)`).exec(text.slice(j + m[0].length - 1));
        if (!end) fail(`unterminated heredoc ${m[1]}`);
        const stop = j + m[0].length - 1 + end.index + end[0].length - 1;
        line += (text.slice(j, stop).match(/\n/g) || []).length;
        j = stop - 1;
      } else if (c === "{") top.depth++;
      else if (c === "}") {
        if (top.in === "interp" && top.depth === 0) stack.pop();
        else if (--top.depth === 0 && stack.length === 1) return j + 1;
      }
    }
    return fail("unbalanced braces: a block is not closed");
  };

  skipSpace();
  while (i < text.length) {
    const start = i;
    const header = /^([A-Za-z_][\w-]*)((?:[ \t]+"[^"\n]*")*)[ \t]*\{/.exec(text.slice(i, i + 500));
    if (!header) fail(`expected a top-level block, found ${JSON.stringify(text.slice(i, i + 40))}`);
    const labels = [...header[2].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    i = scanBody(i + header[0].length - 1);
    blocks.push({ kind: header[1], labels, text: text.slice(start, i) });
    skipSpace();
  }
  return blocks;
}

/** The address localCopy uses for a block, or null for blocks without one (terraform, provider, locals). */
function addressOf({ kind, labels }) {
  if (kind === "resource") return `${labels[0]}.${labels[1]}`;
  if (kind === "data") return `data.${labels[0]}.${labels[1]}`;
  if (["output", "variable", "module"].includes(kind)) return `${kind}.${labels[0]}`;
  return null;
}

/** Every address present in a localCopy result's JSON. */
function keptAddresses(json) {
  const kept = new Set();
  for (const [kind, prefix] of [["resource", ""], ["data", "data."]])
    for (const [type, byName] of Object.entries(json[kind] || {})) for (const name of Object.keys(byName)) kept.add(`${prefix}${type}.${name}`);
  for (const kind of ["output", "variable", "module"]) for (const name of Object.keys(json[kind] || {})) kept.add(`${kind}.${name}`);
  return kept;
}

/**
 * hcl: the stack's cdk.tf text; copy: localCopy() of the same stack's JSON.
 * -> the HCL of the kept blocks, minus terraform/provider blocks (the caller writes those from the JSON copy,
 * where localCopy swapped in offline credentials) and minus depends_on entries naming removed blocks.
 */
function hclLocalCopy(hcl, copy, file) {
  const kept = keptAddresses(copy.json);
  const removed = copy.removed.filter((a) => !a.startsWith("output."));
  const out = [];
  const seen = new Set();
  for (const block of splitBlocks(hcl, file)) {
    if (block.kind === "terraform" || block.kind === "provider") continue;
    if (block.kind === "locals") {
      if (copy.json.locals) out.push(block.text);
      continue;
    }
    const address = addressOf(block);
    if (!address) throw new Error(`${file}: unexpected top-level block "${block.kind}"`);
    if (!kept.has(address)) continue;
    seen.add(address);
    // Same placeholders as localCopy for the blocks it substituted in (references to removed blocks on purpose).
    const text = (copy.substituted || []).some((s) => s.startsWith(`${address} <- `)) ? substitute(block.text, removed) : block.text;
    // Same rule as localCopy: depends_on only orders, so edges to removed blocks go.
    out.push(text.replace(/^depends_on = \[(.*)\]$/gm, (_, refs) => `depends_on = [${refs.split(", ")
      .filter((ref) => !removed.some((a) => ref === a || ref.startsWith(`${a}.`) || ref.startsWith(`${a}[`))).join(", ")}]`));
  }
  const missing = [...kept].filter((a) => !seen.has(a));
  if (missing.length) throw new Error(`${file}: the JSON synth has blocks the HCL synth lacks: ${missing.join(", ")}`);
  return `${out.join("\n\n")}\n`;
}

module.exports = { splitBlocks, hclLocalCopy };
