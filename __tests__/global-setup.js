// One synth of the real app, the way `npm run synth` runs it, shared by the suites that read cdktf.out
// (SYNTH_OUTDIR, and SYNTH_STDERR: its summary; workers inherit them). Credentials-like sentinels sit in its
// environment: app.test.ts checks that none of them reaches the output.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const SENTINELS = {
  AWS_ACCESS_KEY_ID: "AKIASENTINEL0000KEY1", AWS_SECRET_ACCESS_KEY: "sentinel-aws-secret-value",
  DATABRICKS_CLIENT_ID: "sentinel-client-id", DATABRICKS_CLIENT_SECRET: "sentinel-databricks-secret",
  DATABRICKS_TOKEN: "dapi-sentinel-token",
};

module.exports = () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-shared-"));
  const run = spawnSync(process.execPath, ["scripts/synth.js"], {
    cwd: path.resolve(__dirname, ".."), env: { ...process.env, ...SENTINELS, CDKTF_OUTDIR: outdir }, encoding: "utf8",
  });
  // A failed synth doesn't stop the construct suites (they build their own stacks); the suites that read the
  // shared output fail with this message instead (__tests__/app-synth.ts).
  if (run.status !== 0) process.env.SYNTH_ERROR = `the shared synth (node scripts/synth.js) failed:\n${run.stderr}`;
  else process.env.SYNTH_OUTDIR = outdir;
  process.env.SYNTH_STDERR = run.stderr; // synth's summary of what it wrote (synth.test.ts)
  process.env.SYNTH_SENTINELS = JSON.stringify(Object.values(SENTINELS));
};
