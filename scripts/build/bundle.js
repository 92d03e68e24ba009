// Bundles main.ts into dist/main.js with esbuild (no type-check: `npm test` runs tsc).
// A single bundled file loads faster than tsc output and ~10x faster than ts-node. The bundle is rebuilt only
// when an input changed (content hash of the sources, the lockfile, this script and its esbuild plugin), like make.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { parseCli } = require("../lib/args.js");

const root = path.resolve(__dirname, "..", "..");
const outfile = path.join(root, "dist", "main.js");
const stampFile = path.join(root, "dist", "main.js.inputs");
const SOURCE_DIRS = ["stacks", "modules", "environments"];

function sourceFiles() {
  // This script and the plugin it bundles with shape the bundle as much as the sources do.
  const files = [path.join(root, "main.ts"), path.join(root, "package-lock.json"), __filename, require.resolve("./cdktf-hcl-fixes.js")];
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

function inputsHash() {
  const hash = crypto.createHash("sha256");
  for (const file of sourceFiles()) hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file));
  return hash.digest("hex");
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

function build({ force = false } = {}) {
  const hash = inputsHash();
  const fresh = !force && fs.existsSync(outfile) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === hash;
  if (!fresh) {
    // esbuild plugins need its async API; synth is synchronous, so the (rare) rebuild runs in a child process.
    const run = spawnSync(process.execPath, [__filename, "--bundle"], { stdio: "inherit" });
    if (run.status !== 0) throw new Error(`bundling main.ts failed (exit ${run.status})`);
    fs.writeFileSync(stampFile, hash);
    fs.rmSync(`${outfile}.v8cache`, { force: true }); // compiled for the old bundle
  }
  return outfile;
}

module.exports = { build };
if (require.main === module) {
  const o = parseCli("bundle", process.argv.slice(2), { flags: ["--bundle", "--force"] },
    "usage: npm run bundle [-- --force]   (rebuilds dist/main.js when an input changed; --force: always)");
  if (o.bundle) {
    const { cdktfHclFixes } = require("./cdktf-hcl-fixes.js");
    require("esbuild").build({ ...BUNDLE_OPTIONS, plugins: [cdktfHclFixes] }).catch(() => process.exit(1));
  } else build({ force: o.force });
}
