// The main job: bundle the app and synthesize every environment into cdktf.out/.
// Used by `npm run synth` and as cdktf.json's "app" (so `cdktf synth/diff/deploy` take the same path).
// One process: esbuild's build and the app run back to back, no ts-node, no second node start.
const path = require("path");
const { build } = require("./build");

if (!process.env.CDKTF_OUTDIR) process.env.CDKTF_OUTDIR = path.resolve(__dirname, "..", "cdktf.out");
require(build());
