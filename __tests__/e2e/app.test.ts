import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadConfig } from "../../environments";
import { synthesize } from "../../stacks/synth";
import { sharedSynthDir } from "../app-synth";

/** The main job exactly as `npm run synth` runs it, into a fresh directory. */
function synth(extraEnv: Record<string, string> = {}) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
  const run = spawnSync(process.execPath, ["scripts/synth.js"], {
    cwd: path.resolve(__dirname, "..", ".."),
    env: { ...process.env, ...extraEnv, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  return { outdir, run };
}

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return out;
}

/**
 * The same app synthesized in this process by plain cdktf: no bundle, so none of the speed-ups that
 * scripts/build/cdktf-fast-paths.js patches into the bundle's cdktf and ip-num.
 */
function plainSynth(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-plain-"));
  // As main.ts does: cdktf would format a stack trace for every token it creates, which only error messages read.
  const formatter = Error.prepareStackTrace;
  Error.prepareStackTrace = () => "";
  try {
    const result = synthesize(loadConfig(), outdir);
    if (result.failed) throw new Error(`plain synth failed:\n${result.text}`);
  } finally {
    Error.prepareStackTrace = formatter;
  }
  return outdir;
}

const stack = (outdir: string, id: string) => JSON.parse(fs.readFileSync(path.join(outdir, "stacks", id, "cdk.tf.json"), "utf8"));
const count = (json: Record<string, any>, type: string) => Object.keys(json.resource?.[type] ?? {}).length;

describe("npm run synth", () => {
  // The shared synth (global-setup.js) ran with sentinels standing in for credentials the operator has set.
  const first = { outdir: sharedSynthDir(), run: { status: 0 } };
  const secrets: string[] = JSON.parse(process.env.SYNTH_SENTINELS!);
  const plain = plainSynth();
  afterAll(() => fs.rmSync(plain, { recursive: true, force: true }));

  test("succeeds and writes each environment's stacks: <env>-workspace, and <env>-state where state is in S3", () => {
    expect(first.run.status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(first.outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual([
      "account-logs", "account-state", "dev-state", "dev-workspace", "dev-workspace-config", "poc-workspace", "poc-workspace-config",
      "prod-state", "prod-workspace", "prod-workspace-config", "spoc-workspace", "spoc-workspace-config",
    ]);
    expect(manifest.stacks["prod-workspace"].dependencies).toEqual(["prod-state"]);
  });

  test("each stack is selected by exactly one '<env>-*' glob (cdktf deploy 'poc-*' deploys one environment)", () => {
    const ids = fs.readdirSync(path.join(first.outdir, "stacks"));
    const globs = ["poc", "dev", "prod", "spoc", "account"].map((env) => new RegExp(`^${env}-[^]*$`));
    for (const id of ids) expect(globs.filter((g) => g.test(id))).toHaveLength(1);
  });

  test("is deterministic, and the bundle's cdktf speed-ups change nothing: byte-identical to plain cdktf's synth", () => {
    expect(filesUnder(plain)).toEqual(filesUnder(first.outdir));
  });

  test("writes no credentials, whatever is in the environment", () => {
    const all = Object.values(filesUnder(first.outdir)).join("\n");
    expect(secrets.length).toBeGreaterThan(0);
    for (const value of secrets) expect(all).not.toContain(value);
    expect(all).not.toMatch(/"(access_key|secret_key|token|password|client_secret)"\s*:/);
  });

  test("environments differ where their configs say", () => {
    const [poc, dev, prod] = ["poc", "dev", "prod"].map((e) => stack(first.outdir, `${e}-workspace`));
    // prod is isolated: no NAT, internet gateway or route to 0.0.0.0/0; poc and dev keep one NAT gateway.
    expect([poc, dev, prod].map((s) => count(s, "aws_nat_gateway"))).toEqual([1, 1, 0]);
    expect([poc, dev, prod].map((s) => count(s, "aws_internet_gateway"))).toEqual([1, 1, 0]);
    expect(Object.values(prod.resource.aws_route ?? {})).toEqual([]);
    expect([poc, dev, prod].map((s) => count(s, "aws_flow_log"))).toEqual([0, 1, 1]);
    expect([poc, dev, prod].map((s) => count(s, "aws_network_acl"))).toEqual([0, 0, 1]);
    expect(prod.provider.aws[0]).toEqual({
      region: "us-east-1", allowed_account_ids: ["333333333333"],
      default_tags: [{ tags: { Environment: "prod", Owner: "cloud-engineering", CostCenter: "CC-0000", Project: "databricks", ManagedBy: "cdktf" } }],
    });
    expect(poc.terraform.backend).toEqual({ local: { path: "../../../terraform.poc-workspace.tfstate" } });
    expect(prod.terraform.backend.s3).toMatchObject({ key: "prod/prod-workspace.tfstate", encrypt: true, use_lockfile: true });
    expect([poc, dev, prod].map((s) => count(s, "aws_kms_key"))).toEqual([0, 0, 3]); // prod: 2 workspace keys + the alarm topic's
    const tier = (s: Record<string, any>) => (Object.values(s.resource.databricks_mws_workspaces)[0] as { pricing_tier: string }).pricing_tier;
    expect([poc, dev, prod].map(tier)).toEqual(["PREMIUM", "ENTERPRISE", "ENTERPRISE"]); // dev: IP access lists
    expect([poc, dev, prod].map((s) => count(s, "databricks_mws_vpc_endpoint"))).toEqual([0, 0, 2]);
  });

  test("a bad config stops the synth before anything is written", () => {
    const bad = synth({ DBX_DEV_DATABRICKS_ACCOUNT_ID: "not-a-uuid" });
    expect(bad.run.status).toBe(1);
    expect(bad.run.stderr).toContain(
      'dev: databricksAccountId (from $DBX_DEV_DATABRICKS_ACCOUNT_ID) = "not-a-uuid": must be a Databricks account id',
    );
    expect(fs.readdirSync(bad.outdir)).toEqual([]);
  });

  test("poc stack snapshot (a complement to the construct tests)", () => {
    expect(stack(first.outdir, "poc-workspace")).toMatchSnapshot();
  });
});
