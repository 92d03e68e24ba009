// The main job: bundle the app (when a source changed) and synthesize every environment into cdktf.out/.
// Used by `npm run synth` and as cdktf.json's "app", so `cdktf synth/diff/deploy` take the same path.
// One process: no ts-node, no second node start. V8's code cache for the bundle (dist/main.js.v8cache, rebuilt
// whenever V8 rejects it) skips compiling 2.5 MB of JavaScript on every run.
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");
const { build } = require("./build");

// `--hcl` (npm run synth:hcl): the same stacks as HCL (`cdk.tf`), the exit from CDKTF; see README "Leaving CDKTF".
// Written to its own directory: cdktf leaves a stale cdk.tf.json beside a cdk.tf in the same one.
const hcl = process.argv.includes("--hcl");
if (hcl) process.env.SYNTH_HCL_OUTPUT = "true";
if (!process.env.CDKTF_OUTDIR) process.env.CDKTF_OUTDIR = path.resolve(__dirname, "..", hcl ? "cdktf.out.hcl" : "cdktf.out");

const file = build();
const cacheFile = `${file}.v8cache`;
const cachedData = fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
const script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData });
if (!cachedData || script.cachedDataRejected) {
  // Written after the run, so the functions the run compiled are in the cache too.
  process.once("exit", (code) => code === 0 && fs.writeFileSync(cacheFile, script.createCachedData()));
}
const bundle = new Module(file, module);
bundle.filename = file;
bundle.paths = Module._nodeModulePaths(path.dirname(file));
script.runInThisContext()(bundle.exports, Module.createRequire(file), bundle, file, path.dirname(file));
