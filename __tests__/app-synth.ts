/** The output directory of the app synth that global-setup.js ran once for every suite; throws its error if it failed. */
export function sharedSynthDir(): string {
  const dir = process.env.SYNTH_OUTDIR;
  if (!dir) throw new Error(process.env.SYNTH_ERROR ?? "no shared synth: run the tests with jest (global-setup.js)");
  return dir;
}
