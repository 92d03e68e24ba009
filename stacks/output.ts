import * as fs from "fs";
import * as path from "path";

/**
 * Where the app synthesizes before the output directory gets anything: inside it (same file system, so moving is a
 * rename, and ignored by git with it), one per process.
 */
export function stagingDir(outdir: string): string {
  return path.join(path.resolve(outdir), `.staging-${process.pid}`);
}

/**
 * Creates `staging` (and the output directory, when missing: cdktf creates only the last level). Returns the cleanup
 * for a failed synth: removes what this created, so a failing synth leaves no trace.
 */
export function createStaging(staging: string): () => void {
  const outdir = path.dirname(staging);
  const existed = fs.existsSync(outdir);
  fs.mkdirSync(staging, { recursive: true });
  return () => {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!existed) fs.rmSync(outdir, { recursive: true, force: true });
  };
}

/**
 * Moves every file of `staging` to the same place under `outdir` (when given), then removes `staging`. Files are
 * replaced one by one, not the directory: Terraform's working files beside cdk.tf.json (`.terraform/`, plans) stay.
 */
export function commitOutput(staging: string, outdir: string | undefined): void {
  if (!fs.existsSync(staging)) return;
  if (outdir !== undefined) moveFiles(staging, path.resolve(outdir));
  fs.rmSync(staging, { recursive: true, force: true });
}

function moveFiles(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.isDirectory()) moveFiles(source, target);
    else fs.renameSync(source, target);
  }
}
