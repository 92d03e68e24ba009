// One stack's picture: the resources of its Terraform JSON, each drawn, folded onto the node it belongs to, or
// consumed; the sections (network, security groups, endpoints, IAM, data, ops, Databricks) are methods of Drawing
// defined in their own files.
"use strict";
const { Graph } = require("./graph.js");
const { cmp, literal, list, shortName, refsIn } = require("./util.js");

const TYPE_LABEL = {
  aws_internet_gateway: "internet gateway", aws_nat_gateway: "NAT gateway", aws_flow_log: "VPC flow log", aws_vpc_endpoint: "VPC endpoint",
  aws_cloudwatch_log_group: "log group", aws_cloudtrail: "CloudTrail trail", aws_cloudwatch_metric_alarm: "CloudWatch alarm",
  aws_sns_topic: "SNS topic", aws_kinesis_stream: "Kinesis stream", aws_kms_key: "KMS key", aws_s3_bucket: "S3 bucket",
  aws_iam_role: "IAM role", aws_security_group: "security group", aws_network_acl: "network ACL",
  databricks_mws_credentials: "credentials", databricks_mws_storage_configurations: "storage configuration",
  databricks_mws_networks: "network configuration", databricks_mws_workspaces: "workspace",
  databricks_mws_private_access_settings: "private access settings", databricks_mws_customer_managed_keys: "customer-managed key",
  databricks_mws_vpc_endpoint: "VPC endpoint registration", databricks_mws_log_delivery: "log delivery",
  databricks_workspace_conf: "workspace settings", databricks_ip_access_list: "IP access list",
};
/** Types whose construct id says nothing a reviewer needs: no name line unless the resource has a real name. */
const NAMELESS = new Set(["aws_flow_log", "databricks_mws_customer_managed_keys", "databricks_workspace_conf"]);
// Generic reference edges skip these attributes: plumbing, policy text, and what the sections draw their own way.
const SKIP = new Set(["//", "depends_on", "lifecycle", "provider", "triggers", "vpc_id", "policy", "assume_role_policy"]);
const AWS_SKIP = new Set(["subnet_id", "subnet_ids", "security_group_id", "security_group_ids", "referenced_security_group_id", "route_table_id",
  "route_table_ids", "allocation_id", "network_acl_id", "bucket", "role", "target_key_id", "topic_arn", "log_group_name"]);

/**
 * One stack's picture. Each resource is either drawn as a node, folded into one (`owner` maps it to that node; its
 * facts become label lines, its references edges of that node) or consumed (owner null: routes, associations).
 */
class Drawing {
  constructor(tf) {
    this.tf = tf;
    this.all = [];
    for (const [type, blocks] of Object.entries(tf.resource || {})) {
      for (const [name, body] of Object.entries(blocks || {})) this.all.push({ type, name, addr: `${type}.${name}`, body: body || {} });
    }
    this.all.sort((a, b) => cmp(a.addr, b.addr));
    this.byAddr = new Map(this.all.map((r) => [r.addr, r]));
    this.known = new Set(this.byAddr.keys());
    this.g = new Graph();
    this.owner = new Map();
    this.notes = new Map();
    this.rules = []; // security group rules, normalised: { sg, dir, proto, from, to, peer (SG address or CIDR) }
    this.policies = new Map(); // role → policy documents
    this.refCache = new Map();
  }
  refs(v) { return refsIn(v, this.known); }
  /** Everything resource `r` references (cached: bodies hold long policies and notebooks). */
  bodyRefs(r) {
    if (!this.refCache.has(r.addr)) this.refCache.set(r.addr, this.refs(r.body));
    return this.refCache.get(r.addr);
  }
  ref(v) { return this.refs(v)[0]; }
  ofType(...types) { return this.all.filter((r) => types.includes(r.type)); }
  note(key, line) { if (line) this.notes.set(key, [...(this.notes.get(key) || []), line]); }
  fold(r, parent, line) { this.owner.set(r.addr, parent); this.note(parent, line); }
  consume(r) { this.owner.set(r.addr, null); }
  nameOf(b) {
    const names = [b.tags?.Name, b.name, b.bucket, b.workspace_name, b.label, b.path, ...Object.entries(b).filter(([k]) => k.endsWith("_name")).map(([, v]) => v)];
    // A registration's name ends in a hash Terraform computes (modules/workspace/registration.ts): `<base>-…`.
    const hashed = names.map((v) => typeof v === "string" && /^([^$]+)-\$\{substr\(sha1\(/.exec(v)?.[1]).find(Boolean);
    return names.find(literal) ?? (hashed ? `${hashed}-…` : undefined);
  }
  draw(r, { lines = [], title, name, ...opts }) {
    this.owner.set(r.addr, r.addr);
    title ||= TYPE_LABEL[r.type] || r.type.replace(/^[a-z0-9]+_/, "").replace(/^mws_/, "").replace(/_/g, " ");
    name ??= this.nameOf(r.body) || (NAMELESS.has(r.type) ? "" : shortName(r.name));
    return this.g.node(r.addr, { ...opts, lines: [title, name, ...lines] });
  }

  render(stack) {
    this.areas();
    this.vpcs();
    this.securityGroups();
    this.endpoints();
    this.routesAndAcls();
    this.iam();
    this.data();
    this.ops();
    this.catalog();
    this.databricks();
    for (const r of this.all.filter((x) => !this.owner.has(x.addr))) { // anything else: a plain node where its provider lives
      if (/^(time|null|random|terraform)_/.test(r.type)) this.consume(r);
      else this.draw(r, { cls: r.type.startsWith("aws_") ? "net" : "ext", group: r.type.startsWith("aws_") ? this.AWS : this.OTHER });
    }
    this.referenceEdges();
    this.policyEdges();
    for (const [key, lines] of this.notes) {
      const sorted = [...new Set(lines)].sort();
      // A bucket's settings read best as one line ("SSE-S3 · bucket policy · versioned").
      this.g.nodes.get(key)?.lines.push(...(this.byAddr.get(key)?.type === "aws_s3_bucket" ? [sorted.join(" · ")] : sorted));
    }
    return this.g.render(stack);
  }

  /** Top-level areas: the Databricks account (control plane), the workspace, the customer's AWS account. */
  areas() {
    const { g, tf } = this;
    const dbx = tf.provider?.databricks || [], aws = (tf.provider?.aws || [])[0] || {};
    const account = dbx.map((p) => p.account_id).find(literal), awsAccount = list(aws.allowed_account_ids).find(literal);
    const host = dbx.map((p) => p.host).find((h) => h && !/accounts\./.test(h));
    const fromStack = /cross-stack-reference-input-([A-Za-z0-9_-]+)/.exec(host || "");
    this.DBX = g.group("dbx", `Databricks control plane${account ? ` · account ${account}` : ""}`, null, 10);
    this.WS = g.group("ws", `Databricks workspace${fromStack ? ` · URL from stack ${fromStack[1]}` : literal(host) ? ` · ${host}` : ""}`, null, 20);
    this.AWS = g.group("aws", `Customer AWS account${awsAccount ? ` ${awsAccount}` : ""}${literal(aws.region) ? ` · ${aws.region}` : ""}`, null, 30);
    this.OTHER = g.group("other", "Other resources", null, 40);
    this.IAM = g.group("aws/iam", "IAM", this.AWS, 60);
    this.DATA = g.group("aws/data", "Data and keys", this.AWS, 70);
    this.OPS = g.group("aws/ops", "Logs and alarms", this.AWS, 80);
  }

  /** Edges from references, drawn between the nodes the two resources belong to. */
  referenceEdges() {
    for (const r of this.all) {
      const from = this.owner.get(r.addr);
      if (!from || !this.g.nodes.has(from)) continue;
      for (const [attr, value] of Object.entries(r.body)) {
        if (SKIP.has(attr) || (r.type.startsWith("aws_") && AWS_SKIP.has(attr))) continue;
        for (const target of this.refs(value)) {
          const label = r.type === "aws_s3_bucket_server_side_encryption_configuration" ? "SSE-KMS" : /kms/.test(attr) ? "encrypted by"
            : attr === "prefix_list_id" ? `${String(r.body.ip_protocol || "").toUpperCase()} ${r.body.from_port} to the prefix list` : "";
          const registers = r.type.startsWith("databricks_") && !target.startsWith("databricks_");
          this.g.edge(from, this.owner.get(target), label, registers ? "dotted" : "solid");
        }
      }
    }
  }
}
Object.assign(Drawing.prototype, require("./network.js"), require("./security-groups.js"), require("./endpoints.js"),
  require("./iam.js"), require("./data.js"), require("./ops.js"), require("./databricks.js"), require("./catalog.js"));

/** The diagram of one synthesized stack (its cdk.tf.json, parsed), as Mermaid flowchart text. */
function diagram(tf, stack = "stack") {
  return new Drawing(tf).render(stack);
}

module.exports = { diagram, Drawing };
