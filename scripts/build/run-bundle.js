// Runs the bundled app in this process from V8's code cache (dist/main.js.v8cache, rebuilt whenever V8 rejects
// it): skips compiling 2.5 MB of JavaScript on every synth.
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");

/** Loads `file` (a CommonJS bundle) like require() would, with its code cache beside it. */
function runBundle(file) {
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
}

module.exports = { runBundle };
