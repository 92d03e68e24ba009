// A failing synth writes nothing, whichever check failed (stacks/synth.ts); a successful one replaces the files it
// writes and leaves Terraform's working files beside them.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EnvironmentConfig, loadEnvironments } from "../../environments";
import { poc } from "../../environments/poc";
import { synthesize } from "../../stacks/synth";

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** An output directory holding the files of an earlier synth and Terraform's working files. */
function earlierOutput(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-output-"));
  made.push(dir);
  fs.writeFileSync(path.join(dir, "manifest.json"), "earlier");
  fs.mkdirSync(path.join(dir, "stacks", "prod-workspace", ".terraform"), { recursive: true });
  fs.writeFileSync(path.join(dir, "stacks", "prod-workspace", "cdk.tf.json"), "earlier");
  fs.writeFileSync(path.join(dir, "stacks", "prod-workspace", ".terraform", "terraform.tfstate"), "backend");
  return dir;
}

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
    const full = path.join(d, e.name);
    if (e.isDirectory()) walk(full);
    else out[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
  });
  walk(dir);
  return out;
}

const copy = (c: EnvironmentConfig): Record<string, any> => JSON.parse(JSON.stringify(c));

describe("synth output", () => {
  test("a guardrail error writes nothing, and the report names the config field the finding comes from", () => {
    // poc with protectData is production (isProductionEnvironment), and its flow logs are off.
    const base = copy(poc);
    // Its NAT egress is recorded (DBX-NET1 would fail it too), so the one finding is the flow logs'.
    const config = { ...base, protectData: true, network: { ...base.network, internetEgressReason: "poc installs packages from PyPI" } };
    const outdir = earlierOutput();
    const before = files(outdir);
    const result = synthesize({ environments: loadEnvironments([config as EnvironmentConfig], {}) }, outdir);
    expect(result.failed).toBe(true);
    expect(result.text.split("\n").slice(0, 2)).toEqual([
      "Guardrails: 1 error, 0 warnings, 7 suppressed",
      "  ERROR   [DBX-VPC1] poc: network.flowLogs.enabled = false — poc-workspace/network/vpc (aws_vpc.network_vpc_4E8F0223)",
    ]);
    expect(files(outdir)).toEqual(before);
    expect(fs.readdirSync(outdir).sort()).toEqual(["manifest.json", "stacks"]); // no staging directory left
  });

  test("a name collision writes nothing", () => {
    const [a, b] = [copy(poc), { ...copy(poc), name: "pocb" }];
    const outdir = earlierOutput();
    const before = files(outdir);
    const result = synthesize({ environments: loadEnvironments([a, b] as EnvironmentConfig[], {}) }, outdir);
    expect(result).toEqual({ failed: true, text: [
      "Invalid environment config (2 problems):",
      '  pocb: workspaceConfig.dataAccess.bucketName = "databricks-poc-111111111111-data": is also the S3 bucket name of poc: workspaceConfig.dataAccess.bucketName; these names are globally unique',
      // The copy keeps poc's catalog name too, on the same metastore (issue 19 item 16).
      '  pocb: unityCatalog.catalogName = "poc": is also the Unity Catalog catalog name of poc: unityCatalog.catalogName; names are unique within a metastore, which every environment of the account in the region shares (the metastore of Databricks account 00000000-0000-4000-8000-000000000000 in us-east-1)',
    ].join("\n") });
    expect(files(outdir)).toEqual(before);
    // Nor does it create a missing output directory.
    const missing = path.join(outdir, "new");
    expect(synthesize({ environments: loadEnvironments([a, b] as EnvironmentConfig[], {}) }, missing).failed).toBe(true);
    expect(fs.existsSync(missing)).toBe(false);
  });

  test("a synth that passes replaces the files it writes and keeps Terraform's working files", () => {
    const outdir = earlierOutput();
    const result = synthesize({ environments: loadEnvironments([poc], {}) }, outdir);
    expect(result).toEqual({ failed: false, text: "" });
    const after = files(outdir);
    expect(after["stacks/prod-workspace/.terraform/terraform.tfstate"]).toBe("backend");
    expect(after["stacks/prod-workspace/cdk.tf.json"]).toBe("earlier"); // not synthesized this time: left alone
    expect(JSON.parse(after["manifest.json"]).stacks["poc-workspace"].synthesizedStackPath).toBe("stacks/poc-workspace/cdk.tf.json");
    expect(JSON.parse(after["stacks/poc-workspace/cdk.tf.json"]).resource.aws_vpc).toBeDefined();
    expect(fs.readdirSync(outdir).filter((f) => f.startsWith(".staging"))).toEqual([]);
  });
});
