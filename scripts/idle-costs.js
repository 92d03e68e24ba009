// What idles and costs money: per environment, the resources billed by the hour (or month) whatever the load,
// read straight from the synthesized stacks, so a reviewer sees them before anything is deployed.
const path = require("path");
const { parseCli } = require("./lib/args.js");
const { hasManifest, listStacks, readStack, blocksOfType } = require("./lib/cdktf-out.js");

const USAGE = "usage: npm run idle-costs [-- --outdir cdktf.out] [--json]      (run `npm run synth` first)";

/** Billed whatever the load. `count(body)` = billed units of one resource block. */
const BILLED = [
  { type: "aws_nat_gateway", item: "NAT gateways", unit: "per hour (+ per GB processed)", count: () => 1 },
  { type: "aws_eip", item: "public IPv4 addresses (Elastic IPs)", unit: "per hour", count: () => 1 },
  { type: "aws_vpc_endpoint", item: "interface endpoint ENIs (one per endpoint per AZ)", unit: "per hour (+ per GB)",
    count: (b) => (b.vpc_endpoint_type === "Interface" ? (b.subnet_ids || []).length : 0) },
  { type: "aws_route53_resolver_endpoint", item: "Route 53 Resolver endpoint ENIs", unit: "per hour",
    count: (b) => (b.ip_address || []).length },
  { type: "aws_ec2_transit_gateway_vpc_attachment", item: "transit gateway attachments", unit: "per hour (+ per GB)", count: () => 1 },
  { type: "aws_kinesis_stream", item: "Kinesis shards (provisioned streams)", unit: "per shard-hour",
    count: (b) => ((b.stream_mode_details || [])[0]?.stream_mode === "ON_DEMAND" ? 0 : b.shard_count || 0) },
  { type: "aws_lb", item: "network load balancers (serverless endpoint services)", unit: "per hour (+ per NLCU)",
    count: (b) => (b.load_balancer_type === "network" ? 1 : 0) },
  { type: "databricks_mws_ncc_private_endpoint_rule", item: "serverless private endpoints (NCC rules)", unit: "billed by Databricks (serverless networking)",
    count: () => 1 },
  { type: "aws_kms_key", item: "KMS customer-managed keys", unit: "per month (+ per request)", count: () => 1 },
  { type: "aws_cloudwatch_metric_alarm", item: "CloudWatch alarms", unit: "per month", count: () => 1 },
  // Serverless: billed per DBU only while running, but each scheduled evaluation starts it and it runs until auto-stop.
  { type: "databricks_sql_endpoint", item: "SQL warehouses (billed while running, until auto-stop)", unit: "per DBU-hour running",
    count: () => 1, detail: (b) => `${b.cluster_size}, auto-stop ${b.auto_stop_mins ?? 120} min` },
  { type: "aws_cloudwatch_log_group", item: "CloudWatch log groups (stored logs)", unit: "per GB-month kept",
    count: () => 1, detail: (b) => (b.retention_in_days ? `${b.retention_in_days} d` : "kept forever") },
];

/** { <env>: [{ item, unit, count, details }] } for the stacks of a synth output dir. */
function idleCosts(outdir) {
  const byEnv = {};
  for (const stack of listStacks(outdir)) {
    const json = readStack(outdir, stack);
    const rows = (byEnv[stack.env] ||= BILLED.map(({ item, unit }) => ({ item, unit, count: 0, details: [] })));
    BILLED.forEach((billed, i) => {
      for (const [, body] of blocksOfType(json, billed.type)) {
        const n = billed.count(body);
        rows[i].count += n;
        if (n && billed.detail) rows[i].details.push(billed.detail(body));
      }
    });
  }
  for (const env of Object.keys(byEnv)) byEnv[env] = byEnv[env].filter((r) => r.count > 0);
  return byEnv;
}

module.exports = { idleCosts, BILLED };

if (require.main === module) {
  const args = parseCli("idle-costs", process.argv.slice(2), { values: ["--outdir"], flags: ["--json"] }, USAGE);
  const outdir = path.resolve(args.outdir || "cdktf.out");
  if (!hasManifest(outdir)) {
    console.error(`no synthesized stacks in ${outdir}: run npm run synth first`);
    process.exit(1);
  }
  const result = idleCosts(outdir);
  if (args.json) return console.log(JSON.stringify(result, null, 2));
  const width = Math.max(...BILLED.map((b) => b.item.length));
  for (const [env, rows] of Object.entries(result)) {
    console.log(`${env}:`);
    if (!rows.length) console.log("  nothing billed while idle");
    for (const r of rows) console.log(`  ${String(r.count).padStart(3)}  ${r.item.padEnd(width)}  ${r.unit}${r.details.length ? ` [${r.details.join(", ")}]` : ""}`);
  }
}
