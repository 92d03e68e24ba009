import * as fs from "fs";
import * as os from "os";
import * as path from "path";

interface Row { item: string; unit: string; count: number; details: string[] }
const { idleCosts } = require("../../scripts/idle-costs.js") as { idleCosts(outdir: string): Record<string, Row[]> };

/** A synth output dir with the given stacks (removed after the suite). */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function outdirWith(stacks: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idle-"));
  dirs.push(dir);
  const manifest: Record<string, unknown> = {};
  for (const [id, json] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, "stacks", id), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", id, "cdk.tf.json"), JSON.stringify(json));
    manifest[id] = { name: id, synthesizedStackPath: `stacks/${id}/cdk.tf.json` };
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ stacks: manifest }));
  return dir;
}

const counts = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.item, r.count]));

describe("idle-costs", () => {
  test("counts, per environment, what is billed whatever the load, in a known stack", () => {
    const dir = outdirWith({
      "test-workspace": { resource: {
        aws_nat_gateway: { a: {}, b: {} }, aws_eip: { a: {}, b: {} },
        aws_vpc_endpoint: { s3: { vpc_endpoint_type: "Gateway" }, sts: { vpc_endpoint_type: "Interface", subnet_ids: ["x", "y", "z"] } },
        aws_route53_resolver_endpoint: { r: { ip_address: [{}, {}] } },
        aws_kms_key: { k: {} }, aws_cloudwatch_log_group: { g: { retention_in_days: 7 } },
        aws_kinesis_stream: { p: { shard_count: 2, stream_mode_details: [{ stream_mode: "PROVISIONED" }] }, o: { stream_mode_details: [{ stream_mode: "ON_DEMAND" }] } },
        aws_vpc: { v: {} }, aws_subnet: { s: {} },
      } },
      "test-state": { resource: { aws_s3_bucket: { b: {} }, aws_cloudwatch_log_group: { h: {} } } },
      "other-workspace": { resource: { aws_vpc: { v: {} } } },
    });
    const result = idleCosts(dir);
    expect(counts(result.test)).toEqual({
      "NAT gateways": 2, "public IPv4 addresses (Elastic IPs)": 2, "interface endpoint ENIs (one per endpoint per AZ)": 3,
      "Route 53 Resolver endpoint ENIs": 2, "Kinesis shards (provisioned streams)": 2, "KMS customer-managed keys": 1,
      "CloudWatch log groups (stored logs)": 2,
    });
    expect(result.test.find((r) => r.item.startsWith("CloudWatch"))!.details).toEqual(["7 d", "kept forever"]);
    expect(result.other).toEqual([]);
  });

  test("on the shipped environments: poc and dev have one NAT gateway, prod (isolated) none; only prod has KMS keys (workspace + alarm topic + catalog)", () => {
    const result = idleCosts(process.env.SYNTH_OUTDIR!); // synthesized once for all suites (global-setup.js)
    expect(["poc", "dev", "prod"].map((env) => counts(result[env])["NAT gateways"] ?? 0)).toEqual([1, 1, 0]);
    expect(["poc", "dev", "prod"].map((env) => counts(result[env])["public IPv4 addresses (Elastic IPs)"] ?? 0)).toEqual([1, 1, 0]);
    expect(["poc", "dev", "prod"].map((env) => counts(result[env])["KMS customer-managed keys"] ?? 0)).toEqual([0, 0, 4]);
    expect(counts(result.prod)["CloudWatch alarms"]).toBe(1);
    expect(["poc", "dev", "prod"].map((env) => counts(result[env])["Kinesis shards (provisioned streams)"] ?? 0)).toEqual([1, 0, 0]); // poc's demo stream
    expect(counts(result.prod)["interface endpoint ENIs (one per endpoint per AZ)"]).toBe(12); // STS, Kinesis, REST, relay × 3 AZs
    // Serverless private paths: prod's orders-db NLB and two NCC rules (S3, orders-db); spoc (serverless) idles at its demo stream only.
    expect(["poc", "dev", "prod", "spoc"].map((env) => counts(result[env])["network load balancers (serverless endpoint services)"] ?? 0)).toEqual([0, 0, 1, 0]);
    expect(counts(result.prod)["serverless private endpoints (NCC rules)"]).toBe(2);
    expect(counts(result.spoc)).toEqual({ "Kinesis shards (provisioned streams)": 1 });
    // prod's security alerts: one serverless warehouse, started by every hourly evaluation.
    const warehouses = ["poc", "dev", "prod"].map((env) => result[env].find((r) => r.item.startsWith("SQL warehouses")));
    expect(warehouses.map((r) => r?.count ?? 0)).toEqual([0, 0, 1]);
    expect(warehouses[2]!.details).toEqual(["2X-Small, auto-stop 10 min"]);
  });
});
