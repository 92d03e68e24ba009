// Two fixes to cdktf 0.21.0's HCL renderer (`synth --hcl`, our `npm run synth:hcl`), applied when esbuild bundles
// the app. CDKTF is archived, so they cannot land upstream; the Terraform test validates and plans the HCL, which
// is how both were found:
// 1. a string holding `${...}` is written without escaping its quotes, so every IAM/bucket policy that interpolates
//    an ARN becomes invalid HCL ("Invalid character"). We escape the literal parts and keep interpolations as is.
// 2. depends_on entries are written as quoted strings, which Terraform deprecates ("Quoted references are
//    deprecated") and will reject; we write bare references.
// Each patch must match cdktf's source exactly: a cdktf upgrade that changes it fails the build loudly.
const fs = require("fs");

/** HCL quoted-template escaping: `\`, `"` and control characters outside `${…}`/`%{…}`; interpolations verbatim. */
function escapeTemplate(str) {
  let out = "";
  for (let i = 0; i < str.length; i++) {
    const c = str[i];
    if ((c === "$" || c === "%") && str[i + 1] === "{") {
      if (str[i - 1] === c) { out += `${c}{`; i++; continue; } // "$${" / "%%{": an escaped literal, kept as is
      let depth = 0, j = i + 1, quoted = false;
      for (; j < str.length; j++) {
        const d = str[j];
        if (quoted) { if (d === "\\") j++; else if (d === '"') quoted = false; }
        else if (d === '"') quoted = true;
        else if (d === "{") depth++;
        else if (d === "}" && --depth === 0) break;
      }
      out += str.slice(i, j + 1);
      i = j;
    } else out += { "\\": "\\\\", '"': '\\"', "\t": "\\t", "\r": "\\r", "\n": "\\n" }[c] || c;
  }
  return out;
}

const PATCHES = [
  {
    why: "escape quotes in strings that hold interpolations",
    from: /function escapeQuotes\(str\) \{[\s\S]*?\n\}\n/,
    to: `function escapeQuotes(str) {\n    return (${escapeTemplate.toString()})(str);\n}\n`,
  },
  {
    why: "depends_on as bare references",
    from: 'if (name === "//") {\n            return undefined;\n        }',
    to: 'if (name === "//") {\n            return undefined;\n        }\n' +
      '        if (name === "depends_on" && Array.isArray(v)) {\n' +
      '            return `depends_on = [${v.map((d) => String(d).replace(/^\\$\\{(.*)\\}$/, "$1")).join(", ")}]`;\n        }',
  },
];

/**
 * esbuild plugin: patches node_modules/cdktf/lib/hcl/render.js while bundling (or the cdktn fork's, which has the
 * same bugs: docs/cdktn-trial.md). A bundle that never loaded the renderer is an error, so a moved file can't
 * silently drop the fixes.
 */
const cdktfHclFixes = {
  name: "cdktf-hcl-fixes",
  setup(build) {
    let patched = false;
    build.onEnd((result) => {
      // Thrown, not pushed onto result.errors: esbuild ignores errors added there (checked with esbuild 0.28).
      if (!patched && result.errors.length === 0) throw new Error("cdktf-hcl-fixes: the HCL renderer (cdktf/lib/hcl/render.js) was never bundled; the HCL fixes were not applied");
    });
    build.onLoad({ filter: /[\\/]cdkt[fn][\\/]lib[\\/]hcl[\\/]render\.js$/ }, ({ path }) => {
      patched = true;
      let contents = fs.readFileSync(path, "utf8");
      for (const patch of PATCHES) {
        const next = contents.replace(patch.from, patch.to);
        if (next === contents) throw new Error(`cdktf-hcl-fixes: "${patch.why}" no longer matches ${path}; check the cdktf version`);
        contents = next;
      }
      return { contents, loader: "js" };
    });
  },
};

module.exports = { cdktfHclFixes, escapeTemplate };
