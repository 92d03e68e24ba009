// Removes the shared synth output of global-setup.js (same Jest process, so SYNTH_OUTDIR is still set): without
// this every `npm test` leaves a synth-shared-* directory of ~10 stacks in the temp dir.
const fs = require("fs");

module.exports = () => {
  if (process.env.SYNTH_OUTDIR) fs.rmSync(process.env.SYNTH_OUTDIR, { recursive: true, force: true });
};
