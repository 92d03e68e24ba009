// `npm run synth` (scripts/synth.js) tells on stderr what it wrote: per stack its resource and data source blocks,
// guardrail findings, the output dir and the time; nothing with --quiet / -q / DBX_SYNTH_QUIET=1 or when it failed.
import { sharedSynthDir } from "../app-synth";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { synthSummary } = require("../../scripts/lib/synth-summary.js") as { synthSummary(outdir: string, seconds: number): string };

type Json = Record<string, any>;
const made: string[] = [];
const tmpdir = () => made[made.push(fs.mkdtempSync(path.join(os.tmpdir(), "synth-summary-"))) - 1];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const blocks = (json: Json, kind: string) => Object.values<Json>(json[kind] ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);

/** synth.js run into a fresh directory; resolves with its exit code and stderr. */
function synth(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; outdir: string }> {
  const outdir = tmpdir();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/synth.js", ...args], {
      cwd: path.resolve(__dirname, "..", ".."), env: { ...process.env, DBX_SYNTH_QUIET: "", ...env, CDKTF_OUTDIR: outdir },
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stderr, outdir }));
  });
}

describe("synth summary", () => {
  test("the shared synth printed each stack with its resource and data source counts, the output dir and the time", () => {
    const outdir = sharedSynthDir();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    const ids = Object.keys(manifest.stacks);
    const lines = process.env.SYNTH_STDERR!.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^synth: ${ids.length} stacks written to ${outdir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} in \\d+\\.\\d\\d s$`));
    expect(lines.slice(1).map((l) => l.trim().split(/\s+/))).toEqual(ids.map((id) => {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, manifest.stacks[id].synthesizedStackPath), "utf8"));
      const [r, d] = [blocks(json, "resource"), blocks(json, "data")];
      return [id, String(r), r === 1 ? "resource" : "resources", String(d), "data", d === 1 ? "source" : "sources"];
    }));
    expect(lines.length).toBe(ids.length + 1); // the shipped app has no guardrail findings
  });

  test("guardrail findings are counted per stack, their text is not repeated", () => {
    const dir = tmpdir();
    fs.mkdirSync(path.join(dir, "stacks", "dev-workspace"), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", "dev-workspace", "cdk.tf.json"),
      JSON.stringify({ resource: { aws_vpc: { a: {} }, aws_subnet: { a: {}, b: {} } }, data: { aws_region: { r: {} } } }));
    const warning = { level: "@cdktf/warn", message: "[DBX-VPC1] secret text", constructPath: "dev-workspace/vpc" };
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ stacks: { "dev-workspace": {
      name: "dev-workspace", synthesizedStackPath: "stacks/dev-workspace/cdk.tf.json", annotations: [warning, warning] } } }));
    expect(synthSummary(dir, 0.4567)).toBe([
      `synth: 1 stack written to ${dir} in 0.46 s`,
      "  dev-workspace    3 resources  1 data source  2 guardrail warnings",
      "guardrails: 2 warnings (listed above)",
      ""].join("\n"));
  });

  test("--quiet, -q and DBX_SYNTH_QUIET=1 print nothing; a failed synth prints no summary; a bad flag exits 2", async () => {
    const [long, short, env, failed, bad, misspelt] = await Promise.all([
      synth(["--quiet"]), synth(["-q"]), synth([], { DBX_SYNTH_QUIET: "1" }),
      synth([], { DBX_DEV_DATABRICKS_ACCOUNT_ID: "not-a-uuid" }), synth(["--quite"]), synth([], { DBX_PRODUCTION_AWS_ACCOUNT_ID: "333333333333" }),
    ]);
    // A misspelt override is an error, not ignored; a failed synth writes nothing.
    expect(misspelt.code).toBe(1);
    expect(misspelt.stderr).toMatch(/^ {2}environment variables: \$DBX_PRODUCTION_AWS_ACCOUNT_ID: names no environment or field; the overrides are DBX_POC_AWS_ACCOUNT_ID, /m);
    for (const run of [failed, misspelt]) expect(fs.readdirSync(run.outdir)).toEqual([]);
    for (const quiet of [long, short, env]) expect(quiet).toMatchObject({ code: 0, stderr: "" });
    expect(fs.existsSync(path.join(long.outdir, "manifest.json"))).toBe(true);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/must be a Databricks account id/);
    expect(failed.stderr).not.toMatch(/^synth:/m);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/^synth: unknown option --quite \(allowed: --hcl, --quiet \| -q, --help\)\nusage:/) });
  }, 60000);
});
