// One synth of the real app, the way `npm run synth` runs it, shared by the suites that read cdktf.out
// (SYNTH_OUTDIR; workers inherit it). Suites that test the synth itself still run their own.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

module.exports = () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-shared-"));
  const run = spawnSync(process.execPath, ["scripts/synth.js"], {
    cwd: path.resolve(__dirname, ".."), env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`synth failed:\n${run.stderr}`);
  process.env.SYNTH_OUTDIR = outdir;
};
