// Mermaid pictures of the synthesized stacks, for reviewers: one flowchart per stack of what its Terraform JSON
// creates, with the AWS account (VPC per AZ, routes out, endpoints, security groups, IAM, buckets, keys, logs) and
// the Databricks objects, joined by the `${type.name.attr}` references. Only the JSON is read (no environment
// config), so any stack draws, a library consumer's included. Repeated helpers (route tables, SG rules, bucket
// settings, policies) are folded onto the node they belong to instead of being drawn.
// Usage: npm run diagram -- [--outdir cdktf.out] [--stack <id>]… [--readme]      (run `npm run synth` first)
"use strict";
const fs = require("fs");
const path = require("path");

const README = path.join(__dirname, "..", "README.md");
const RULE_TYPES = ["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_security_group_rule"];
const KNOWN_ACCOUNTS = { "414351767826": "Databricks", "044793339203": "Databricks GovCloud", "170661010020": "Databricks GovCloud DoD" };
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
const CLASSES = {
  net: "fill:#e8f1fb,stroke:#2563eb,color:#111", sec: "fill:#fdecec,stroke:#dc2626,color:#111",
  iam: "fill:#fff4e0,stroke:#d97706,color:#111", data: "fill:#e9f7ef,stroke:#16a34a,color:#111",
  ops: "fill:#f3e8ff,stroke:#7c3aed,color:#111", dbx: "fill:#ffece6,stroke:#ff3621,color:#111", ext: "fill:#f4f4f5,stroke:#52525b,color:#111",
};
const SHAPES = { box: ["[", "]"], round: ["(", ")"], db: ["[(", ")]"], circle: ["((", "))"], hex: ["{{", "}}"], sub: ["[[", "]]"] };
const ARROWS = { solid: "-->", dotted: "-.->", thick: "==>", line: "-.-" };

class UsageError extends Error {}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const literal = (v) => typeof v === "string" && v !== "" && !v.includes("${");
const list = (v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const parseJson = (text) => { try { return typeof text === "string" ? JSON.parse(text) : undefined; } catch { return undefined; } };
/** Mermaid-safe label text: every character that Mermaid or HTML could read as syntax becomes an entity code. */
const esc = (text) => String(text).replace(/[#"<>[\](){}|`&]/g, (c) => (c === "\"" ? "#quot;" : `#${c.charCodeAt(0)};`));
const sanitize = (key) => key.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "");
const escRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The construct id without cdktf's hash suffix: what a person named the resource. */
const shortName = (name) => name.replace(/_[0-9A-F]{8}$/, "");

/** Addresses ("type.name") of the stack's resources that `value` references, in order of appearance. */
function refsIn(value, known) {
  const text = typeof value === "string" ? value : JSON.stringify(value, (k, v) => (k === "//" ? undefined : v)) || "";
  const out = [];
  for (const m of text.matchAll(/\$\{([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g)) {
    const addr = `${m[1]}.${m[2]}`;
    if (known.has(addr) && !out.includes(addr)) out.push(addr);
  }
  return out;
}

/** Nodes, subgraphs and edges; rendered sorted, so the text depends only on what was added. */
class Graph {
  constructor() { this.groups = new Map(); this.nodes = new Map(); this.edges = new Map(); this.used = new Set(); }
  id(key, prefix) {
    const base = `${prefix}${sanitize(key)}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    return id;
  }
  group(key, label, parent = null, order = 50) {
    if (!this.groups.has(key)) this.groups.set(key, { id: this.id(key, "g_"), label, parent, order });
    return key;
  }
  node(key, { lines, shape = "box", cls = "ext", group = null }) {
    if (!this.nodes.has(key)) this.nodes.set(key, { id: this.id(key, ""), lines: lines.filter(Boolean), shape, cls, group });
    return this.nodes.get(key);
  }
  edge(from, to, label = "", style = "solid") {
    if (from === to || !this.nodes.has(from) || !this.nodes.has(to)) return;
    this.edges.set(`${from}|${to}|${label}|${style}`, { from, to, label, style });
  }
  render(title) {
    const out = [`%% ${title}: drawn by \`npm run diagram\` from the synthesized Terraform JSON; do not edit by hand`, "flowchart LR"];
    const kids = (parent) => [...this.groups].filter(([, g]) => g.parent === parent)
      .sort(([, a], [, b]) => a.order - b.order || cmp(a.label, b.label));
    const nodesIn = (group) => [...this.nodes.values()].filter((n) => n.group === group).sort((a, b) => cmp(a.id, b.id));
    const nodeLine = (n) => `${SHAPES[n.shape][0]}"${n.lines.map(esc).join("<br/>")}"${SHAPES[n.shape][1]}`;
    const empty = (key) => !nodesIn(key).length && kids(key).every(([k]) => empty(k));
    const emit = (parent, indent) => {
      for (const n of nodesIn(parent)) out.push(`${indent}${n.id}${nodeLine(n)}`);
      for (const [key, g] of kids(parent)) {
        if (empty(key)) continue;
        out.push(`${indent}subgraph ${g.id}["${esc(g.label)}"]`);
        emit(key, `${indent}  `);
        out.push(`${indent}end`);
      }
    };
    emit(null, "  ");
    const id = (key) => this.nodes.get(key).id;
    const edges = [...this.edges.values()].map((e) => ({ ...e, a: id(e.from), b: id(e.to) }))
      .sort((x, y) => cmp(x.a, y.a) || cmp(x.b, y.b) || cmp(x.label, y.label));
    for (const e of edges) out.push(`  ${e.a} ${ARROWS[e.style]}${e.label ? `|"${esc(e.label)}"|` : ""} ${e.b}`);
    for (const [cls, style] of Object.entries(CLASSES)) {
      const ids = [...this.nodes.values()].filter((n) => n.cls === cls).map((n) => n.id).sort();
      if (ids.length) out.push(`  classDef ${cls} ${style}`, `  class ${ids.join(",")} ${cls}`);
    }
    return `${out.join("\n")}\n`;
  }
}

/** "TCP 443, 8443-8451" per protocol; TCP and UDP with the same ports are merged ("TCP+UDP all"). */
function portsText(rules) {
  const byProto = new Map();
  for (const r of rules) {
    const proto = ["-1", "all"].includes(String(r.proto)) ? "all" : String(r.proto).toUpperCase();
    const from = Number(r.from ?? 0), to = Number(r.to ?? 0);
    const text = proto === "all" ? "" : (from <= 0 && (to === 65535 || to <= 0)) ? "all" : from === to ? String(from) : `${from}-${to}`;
    if (!byProto.has(proto)) byProto.set(proto, new Map());
    byProto.get(proto).set(text, Math.max(from, 0));
  }
  if (byProto.has("all")) return "all traffic";
  const ports = (p) => [...byProto.get(p)].sort((a, b) => a[1] - b[1] || cmp(a[0], b[0])).map(([t]) => t).join(", ");
  const protos = [...byProto.keys()].sort();
  if (protos.includes("TCP") && protos.includes("UDP") && ports("TCP") === ports("UDP")) {
    return [`TCP+UDP ${ports("TCP")}`, ...protos.filter((p) => p !== "TCP" && p !== "UDP").map((p) => `${p} ${ports(p)}`)].join("; ");
  }
  return protos.map((p) => `${p} ${ports(p)}`).join("; ");
}

const OPS_SIGN = { GreaterThanOrEqualToThreshold: "≥", GreaterThanThreshold: ">", LessThanThreshold: "<", LessThanOrEqualToThreshold: "≤" };
/** Per-type detail lines of Databricks objects (after the type and the name). */
const DBX_DETAILS = {
  databricks_mws_workspaces: (b) => [[b.pricing_tier, b.aws_region].filter(literal).join(" · "), b.lifecycle?.prevent_destroy ? "prevent_destroy" : ""],
  databricks_mws_private_access_settings: (b) => [
    `public access ${b.public_access_enabled === false ? "off" : "on"}`, b.private_access_level ? `level ${b.private_access_level}` : "",
  ],
  databricks_mws_customer_managed_keys: (b) => [list(b.use_cases).join(", ")],
  databricks_mws_log_delivery: (b) => [[b.log_type, b.output_format].filter(Boolean).join(" · "), b.delivery_path_prefix ? `to ${b.delivery_path_prefix}/` : "", b.status],
  databricks_ip_access_list: (b) => [`${b.list_type}: ${list(b.ip_addresses).join(", ")}`],
  databricks_workspace_conf: (b) => Object.entries(b.custom_config || {}).sort(([x], [y]) => cmp(x, y)).map(([k, v]) => `${k} = ${v}`),
  databricks_cluster_policy: (b) => {
    const def = parseJson(b.definition) || {};
    // Fixed top-level settings (cluster_type) tell policies apart; fixed tags (custom_tags.X) would only crowd the node.
    const fixed = Object.entries(def).filter(([k, r]) => r.type === "fixed" && !k.includes(".")).map(([k, r]) => `${k} = ${r.value}`);
    const ranges = Object.entries(def).filter(([, r]) => r.type === "range").map(([k, r]) => `${k} ${r.minValue ?? ""}-${r.maxValue ?? ""}`);
    return [plural(Object.keys(def).length, "rule"), ...fixed, ...ranges];
  },
  databricks_notebook: (b) => [b.language],
  databricks_job: (b) => [plural(list(b.task).length, "task"), ...list(b.job_cluster).map((c) => `job cluster ${c.new_cluster?.node_type_id || c.job_cluster_key}`)],
};
/** Policy `Resource` ARNs that name a resource of the stack literally (references are matched as `${…}`). */
const ARN_OF = {
  aws_s3_bucket: (b) => literal(b.bucket) && new RegExp(`^arn:[^:]+:s3:::${escRe(b.bucket)}(/|$)`),
  aws_kinesis_stream: (b) => literal(b.name) && new RegExp(`^arn:[^:]+:kinesis:[^:]*:[^:]*:stream/${escRe(b.name)}(/|$)`),
  aws_iam_role: (b) => literal(b.name) && new RegExp(`^arn:[^:]+:iam::[^:]*:role/(.*/)?${escRe(b.name)}$`),
};
const POLICY_TARGETS = ["aws_s3_bucket", "aws_kinesis_stream", "aws_iam_role", "aws_cloudwatch_log_group", "aws_kms_key", "aws_sns_topic"];
const ROUTE_TARGETS = ["nat_gateway_id", "gateway_id", "transit_gateway_id", "vpc_peering_connection_id", "network_interface_id", "vpc_endpoint_id", "egress_only_gateway_id"];
// Generic reference edges skip these attributes: plumbing, policy text, and what the sections above draw their own way.
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
    return [b.tags?.Name, b.name, b.bucket, b.workspace_name, b.label, b.path, ...Object.entries(b).filter(([k]) => k.endsWith("_name")).map(([, v]) => v)].find(literal);
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

  /** VPCs as subgraphs, subnets per AZ (kind from what uses them), IGW, NAT gateways, the Internet. */
  vpcs() {
    const { g } = this;
    this.vpcGroup = new Map();
    for (const v of this.ofType("aws_vpc")) {
      this.consume(v);
      this.vpcGroup.set(v.addr, g.group(v.addr, ["VPC", this.nameOf(v.body), v.body.cidr_block].filter(literal).join(" · "), this.AWS, 50));
    }
    this.networks = this.ofType("databricks_mws_networks");
    this.wsSubnets = new Set(this.networks.flatMap((n) => this.refs(n.body.subnet_ids)));
    this.wsSgs = new Set(this.networks.flatMap((n) => this.refs(n.body.security_group_ids)));
    this.registered = new Map(); // aws_vpc_endpoint → "SCC relay" | "REST API" | "Databricks"
    const endpointOf = (reg) => this.ref(this.byAddr.get(reg).body.aws_vpc_endpoint_id);
    for (const reg of this.ofType("databricks_mws_vpc_endpoint")) if (endpointOf(reg.addr)) this.registered.set(endpointOf(reg.addr), "Databricks");
    for (const n of this.networks) {
      for (const [use, what] of [["dataplane_relay", "SCC relay"], ["rest_api", "REST API"]]) {
        for (const reg of this.refs(n.body.vpc_endpoints?.[use])) if (endpointOf(reg)) this.registered.set(endpointOf(reg), what);
      }
    }
    this.plSubnets = new Set([...this.registered.keys()].flatMap((e) => this.refs(this.byAddr.get(e).body.subnet_ids)));
    // Route tables are not drawn: which table each subnet uses, and where each table's routes go.
    this.tableOf = new Map();
    for (const a of this.ofType("aws_route_table_association")) {
      this.consume(a);
      if (this.ref(a.body.subnet_id)) this.tableOf.set(this.ref(a.body.subnet_id), this.ref(a.body.route_table_id));
    }
    this.routes = new Map();
    const addRoute = (table, b) => {
      const attr = ROUTE_TARGETS.find((k) => b[k]);
      if (!table || !attr) return;
      const dest = [b.destination_cidr_block, b.cidr_block, b.destination_ipv6_cidr_block, b.ipv6_cidr_block, b.destination_prefix_list_id].find(literal);
      this.routes.set(table, [...(this.routes.get(table) || []), { dest: dest || "prefix list", target: this.ref(b[attr]) || b[attr], attr }]);
    };
    for (const t of this.ofType("aws_route_table")) { this.consume(t); for (const r of list(t.body.route)) addRoute(t.addr, r); }
    for (const r of this.ofType("aws_route")) { this.consume(r); addRoute(this.ref(r.body.route_table_id), r.body); }
    for (const s of this.ofType("aws_subnet")) {
      const table = this.tableOf.get(s.addr);
      this.owner.set(s.addr, s.addr);
      const lines = [`${this.subnetKind(s)} subnet`, s.body.cidr_block, table && !this.routes.get(table) ? "local routes only" : ""].filter(literal);
      g.node(s.addr, { lines, cls: "net", group: this.azGroup(s) });
    }
    for (const igw of this.ofType("aws_internet_gateway", "aws_egress_only_internet_gateway")) this.draw(igw, { shape: "round", cls: "net", group: this.inVpc(igw.body) });
    for (const e of this.ofType("aws_eip")) {
      const user = this.all.find((r) => r.type !== "aws_eip" && this.refs(r.body.allocation_id).includes(e.addr));
      if (user) this.fold(e, user.addr, "Elastic IP");
    }
    for (const nat of this.ofType("aws_nat_gateway")) {
      const subnet = this.byAddr.get(this.ref(nat.body.subnet_id));
      this.draw(nat, { shape: "round", cls: "net", group: subnet ? this.azGroup(subnet) : this.inVpc(nat.body) });
    }
    if (this.ofType("aws_internet_gateway").length) g.node("internet", { lines: ["Internet"], shape: "circle", cls: "ext" });
  }
  inVpc(b) { return this.vpcGroup.get(this.ref(b.vpc_id)) || this.AWS; }
  routesOf(subnet) { return this.routes.get(this.tableOf.get(subnet)) || []; }
  subnetKind(s) {
    if (this.wsSubnets.has(s.addr)) return "workspace";
    if (this.plSubnets.has(s.addr)) return "PrivateLink";
    const toIgw = this.routesOf(s.addr).some((r) => this.byAddr.get(r.target)?.type === "aws_internet_gateway");
    return s.body.map_public_ip_on_launch === true || toIgw ? "public" : "private";
  }
  azGroup(s) {
    const az = [s.body.availability_zone, s.body.availability_zone_id].find(literal), vpc = this.inVpc(s.body);
    return az ? this.g.group(`${vpc}/az/${az}`, az, vpc, 10) : vpc;
  }
  sgName(sg) { return `SG ${this.nameOf(this.byAddr.get(sg).body) || shortName(this.byAddr.get(sg).name)}`; }

  /** Security groups with their rules summarised on the node; a group only interface endpoints use is folded onto them. */
  securityGroups() {
    for (const r of this.ofType(...RULE_TYPES)) {
      const b = r.body, sg = this.ref(b.security_group_id);
      const dir = r.type.endsWith("ingress_rule") || b.type === "ingress" ? "in" : "out";
      const peers = b.self ? [sg] : [this.ref(b.referenced_security_group_id) || this.ref(b.source_security_group_id), b.cidr_ipv4, b.cidr_ipv6,
        b.prefix_list_id, ...list(b.cidr_blocks), ...list(b.ipv6_cidr_blocks), ...list(b.prefix_list_ids)].filter(Boolean);
      for (const peer of peers) this.rules.push({ sg, dir, proto: b.ip_protocol ?? b.protocol, from: b.from_port, to: b.to_port, peer: this.ref(peer) || peer });
      if (sg) this.owner.set(r.addr, sg);
    }
    for (const sg of this.ofType("aws_security_group")) {
      for (const [key, dir] of [["ingress", "in"], ["egress", "out"]]) {
        for (const b of list(sg.body[key])) {
          const peers = [...(b.self ? [sg.addr] : []), ...this.refs(b.security_groups), ...list(b.cidr_blocks), ...list(b.ipv6_cidr_blocks), ...list(b.prefix_list_ids)];
          for (const peer of peers) this.rules.push({ sg: sg.addr, dir, proto: b.protocol, from: b.from_port, to: b.to_port, peer });
        }
      }
    }
    this.endpointSgs = new Set();
    for (const sg of this.ofType("aws_security_group")) {
      const users = this.all.filter((r) => !RULE_TYPES.includes(r.type) && r.addr !== sg.addr && this.bodyRefs(r).includes(sg.addr));
      if (users.length && users.every((u) => u.type === "aws_vpc_endpoint" && this.refs(u.body.security_group_ids).includes(sg.addr))) {
        this.endpointSgs.add(sg.addr);
        this.consume(sg);
        continue;
      }
      const groups = new Map(); // "in: … from X" / "out: … to Y" → rules
      for (const r of this.rules.filter((x) => x.sg === sg.addr)) {
        const peer = r.peer === sg.addr ? "self" : this.byAddr.has(r.peer) ? this.sgName(r.peer) : r.peer;
        const k = r.dir === "in" ? `in: |from ${peer}` : `out: |to ${peer}`;
        groups.set(k, [...(groups.get(k) || []), r]);
      }
      const lines = [...groups].sort(([a], [b]) => cmp(a, b)).map(([k, rs]) => k.replace("|", `${portsText(rs)} `));
      this.draw(sg, { shape: "hex", cls: "sec", group: this.inVpc(sg.body), lines: [this.wsSgs.has(sg.addr) ? "cluster nodes" : "", ...lines] });
    }
    for (const sg of this.ofType("aws_security_group").filter((s) => !this.endpointSgs.has(s.addr))) this.peerEdges(sg.addr, sg.addr);
  }
  /** Ingress rules of `sg` from `peer` that `peer`'s egress rules let out too (to `sg` or to 0.0.0.0/0). */
  allowed(peer, sg) {
    const covers = (o, r) => ["-1", "all"].includes(String(o.proto)) || (o.proto === r.proto && Number(o.from) <= Number(r.from) && Number(o.to) >= Number(r.to));
    return this.rules.filter((r) => r.sg === sg && r.dir === "in" && r.peer === peer)
      .filter((r) => this.rules.some((o) => o.sg === peer && o.dir === "out" && (o.peer === sg || o.peer === "0.0.0.0/0") && covers(o, r)));
  }
  /** Edges peer SG → `node` labelled with the ports both sides allow; CIDR peers become label lines of `node`. */
  peerEdges(sg, node) {
    for (const peer of new Set(this.rules.filter((r) => r.sg === sg && r.dir === "in" && r.peer !== sg).map((r) => r.peer))) {
      if (!this.byAddr.has(peer)) { if (node !== sg) this.note(node, `in: ${portsText(this.rules.filter((r) => r.sg === sg && r.peer === peer))} from ${peer}`); continue; }
      const ok = this.allowed(peer, sg);
      if (ok.length) this.g.edge(peer, node, portsText(ok));
    }
  }

  /** Endpoints, named by what they reach; ENIs summarised by the kind of subnet they sit in. */
  endpoints() {
    for (const e of this.ofType("aws_vpc_endpoint")) {
      const b = e.body, service = String(b.service_name || ""), short = service.split(".").slice(3).join(".");
      const subnets = this.refs(b.subnet_ids).map((s) => this.byAddr.get(s));
      const kinds = [...new Set(subnets.map((s) => this.subnetKind(s)))].sort();
      const sgs = this.refs(b.security_group_ids).filter((s) => this.endpointSgs.has(s));
      const policy = parseJson(b.policy);
      this.draw(e, {
        shape: "round", cls: "net", group: this.inVpc(b),
        title: this.registered.has(e.addr) ? `${this.registered.get(e.addr)} endpoint`
          : `${(short.length <= 3 ? short.toUpperCase() : short) || "VPC"} ${(b.vpc_endpoint_type || "Gateway").toLowerCase()} endpoint`,
        name: this.registered.has(e.addr) ? service.split(".").pop() : service,
        lines: [subnets.length ? `ENIs in ${subnets.length} ${kinds.join("/")} subnets` : "", b.private_dns_enabled ? "private DNS" : "",
          policy ? `policy: ${plural(list(policy.Statement).length, "statement")}` : "", ...sgs.map((s) => this.sgName(s))],
      });
      for (const sg of sgs) this.peerEdges(sg, e.addr);
      for (const table of this.refs(b.route_table_ids)) for (const [s, t] of this.tableOf) if (t === table) this.g.edge(s, e.addr, `${short.toUpperCase() || "gateway"} route`);
    }
  }

  /** Routes as subnet → target edges per destination; the NAT's own subnet; IGW → Internet; NACLs and flow logs. */
  routesAndAcls() {
    const { g } = this;
    for (const s of this.ofType("aws_subnet")) {
      for (const r of this.routesOf(s.addr)) {
        let target = r.target;
        if (!this.byAddr.has(target)) { // a literal id (existing transit gateway, peering): a node of its own
          target = `ext:${r.attr}:${r.target}`;
          g.node(target, { lines: [r.attr.replace(/_id$/, "").replace(/_/g, " "), String(r.target)], shape: "round", cls: "ext", group: this.AWS });
        }
        g.edge(s.addr, this.owner.get(target) || target, r.dest);
      }
    }
    for (const nat of this.ofType("aws_nat_gateway")) g.edge(nat.addr, this.ref(nat.body.subnet_id), "in", "line");
    for (const igw of this.ofType("aws_internet_gateway")) g.edge(igw.addr, "internet");
    for (const acl of this.ofType("aws_network_acl")) {
      const rules = [...list(acl.body.ingress).map((r) => ({ ...r, egress: false })), ...list(acl.body.egress).map((r) => ({ ...r, egress: true }))];
      for (const r of this.ofType("aws_network_acl_rule").filter((x) => this.ref(x.body.network_acl_id) === acl.addr)) { this.owner.set(r.addr, acl.addr); rules.push(r.body); }
      const groups = new Map();
      for (const r of rules) {
        const k = `${r.egress ? "out" : "in"}: ${r.rule_action || r.action || "allow"}|${r.egress ? "to" : "from"} ${r.cidr_block || r.ipv6_cidr_block}`;
        groups.set(k, [...(groups.get(k) || []), { proto: r.protocol, from: r.from_port, to: r.to_port }]);
      }
      const lines = [...groups].sort(([a], [b]) => cmp(a, b)).map(([k, rs]) => k.replace("|", ` ${portsText(rs)} `));
      this.draw(acl, { shape: "hex", cls: "sec", group: this.inVpc(acl.body), lines });
      for (const s of this.refs(acl.body.subnet_ids)) g.edge(acl.addr, s, "", "line");
    }
    for (const a of this.ofType("aws_network_acl_association")) { this.consume(a); g.edge(this.ref(a.body.network_acl_id), this.ref(a.body.subnet_id), "", "line"); }
    for (const f of this.ofType("aws_flow_log")) this.draw(f, { shape: "round", cls: "ops", group: this.inVpc(f.body), lines: [`${f.body.traffic_type || "ALL"} traffic`] });
  }

  /** Roles with who they trust; policies and instance profiles folded in. */
  iam() {
    for (const r of this.ofType("aws_iam_role")) {
      const trust = list(parseJson(r.body.assume_role_policy)?.Statement).flatMap((st) => {
        const external = JSON.stringify(st.Condition || {}).includes("sts:ExternalId") ? " · external id" : "";
        return Object.entries(st.Principal || {}).flatMap(([kind, ids]) => list(ids).map((id) => {
          const acct = /^arn:[^:]+:iam::(\d{12}):(.*)$/.exec(id) || /^(\d{12})$/.exec(id);
          const who = acct ? `${KNOWN_ACCOUNTS[acct[1]] || "AWS"} ${acct[1]}${acct[2] && acct[2] !== "root" ? ` ${acct[2].replace("/", " ")}` : ""}`
            : `${kind === "Service" ? "" : `${kind} `}${id}`;
          return `trusted by ${who}${external}`;
        }));
      });
      this.draw(r, { cls: "iam", group: this.IAM, lines: trust });
    }
    const attach = (role, name, doc) => {
      this.policies.set(role, [...(this.policies.get(role) || []), doc]);
      const d = parseJson(doc);
      this.note(role, `policy ${name}${d ? `: ${plural(list(d.Statement).length, "statement")}` : ""}`);
    };
    for (const p of this.ofType("aws_iam_role_policy")) {
      const role = this.ref(p.body.role);
      if (role) { this.owner.set(p.addr, role); attach(role, this.nameOf(p.body) || shortName(p.name), p.body.policy); }
    }
    for (const a of this.ofType("aws_iam_role_policy_attachment")) {
      const role = this.ref(a.body.role), pol = this.byAddr.get(this.ref(a.body.policy_arn));
      if (!role) continue;
      this.owner.set(a.addr, role);
      if (!pol) { this.note(role, `managed policy ${String(a.body.policy_arn).split("/").pop()}`); continue; }
      if (!this.owner.has(pol.addr)) this.owner.set(pol.addr, role);
      attach(role, this.nameOf(pol.body) || shortName(pol.name), pol.body.policy);
    }
    for (const p of this.ofType("aws_iam_instance_profile")) {
      const role = this.ref(p.body.role);
      if (role) this.fold(p, role, `instance profile ${this.nameOf(p.body) || shortName(p.name)}`);
    }
  }

  /** Buckets (settings folded in, Databricks use named), streams, keys (named by alias). */
  data() {
    const use = new Map();
    for (const sc of this.ofType("databricks_mws_storage_configurations")) {
      const users = this.all.filter((r) => this.bodyRefs(r).includes(sc.addr)).map((r) => r.type);
      use.set(this.ref(sc.body.bucket_name), users.includes("databricks_mws_log_delivery") ? "log delivery bucket" : "workspace root bucket");
    }
    for (const t of this.ofType("aws_cloudtrail")) if (this.ref(t.body.s3_bucket_name)) use.set(this.ref(t.body.s3_bucket_name), "CloudTrail bucket");
    for (const b of this.ofType("aws_s3_bucket")) {
      this.draw(b, { shape: "db", cls: "data", group: this.DATA, lines: [use.get(b.addr), b.body.lifecycle?.prevent_destroy ? "prevent_destroy" : ""] });
    }
    for (const r of this.all.filter((x) => x.type.startsWith("aws_s3_bucket_") && this.byAddr.get(this.ref(x.body.bucket))?.type === "aws_s3_bucket")) {
      const b = r.body, sse = list(b.rule).map((x) => x.apply_server_side_encryption_by_default?.sse_algorithm).find(Boolean);
      const blocked = b.block_public_acls && b.block_public_policy && b.ignore_public_acls && b.restrict_public_buckets;
      this.fold(r, this.ref(b.bucket), {
        aws_s3_bucket_versioning: list(b.versioning_configuration)[0]?.status === "Enabled" ? "versioned" : "",
        aws_s3_bucket_server_side_encryption_configuration: { AES256: "SSE-S3", "aws:kms": "SSE-KMS" }[sse] || sse,
        aws_s3_bucket_public_access_block: blocked ? "public access blocked" : "public access partly blocked",
        aws_s3_bucket_policy: "bucket policy",
        aws_s3_bucket_lifecycle_configuration: `lifecycle: ${plural(list(b.rule).length, "rule")}`,
      }[r.type]);
    }
    for (const s of this.ofType("aws_kinesis_stream")) {
      const onDemand = list(s.body.stream_mode_details)[0]?.stream_mode === "ON_DEMAND";
      this.draw(s, { shape: "db", cls: "data", group: this.DATA, lines: [onDemand ? "on demand" : s.body.shard_count ? plural(s.body.shard_count, "shard") : ""] });
    }
    for (const k of this.ofType("aws_kms_key")) {
      const aliases = this.ofType("aws_kms_alias").filter((a) => this.ref(a.body.target_key_id) === k.addr);
      aliases.forEach((a) => this.fold(a, k.addr, a === aliases[0] ? "" : a.body.name));
      this.draw(k, { shape: "sub", cls: "data", group: this.DATA, name: aliases.map((a) => a.body.name).find(literal),
        lines: [k.body.enable_key_rotation ? "rotation on" : "", k.body.lifecycle?.prevent_destroy ? "prevent_destroy" : ""] });
    }
  }

  /** Log groups, trails, alarms, topics; a metric filter folds into its log group and links it to the alarm on its metric. */
  ops() {
    for (const l of this.ofType("aws_cloudwatch_log_group")) {
      this.draw(l, { cls: "ops", group: this.OPS, lines: [l.body.retention_in_days ? `kept ${l.body.retention_in_days} days` : "kept forever"] });
    }
    for (const t of this.ofType("aws_cloudtrail")) this.draw(t, { cls: "ops", group: this.OPS, lines: [t.body.is_multi_region_trail ? "all regions" : "this region"] });
    for (const t of this.ofType("aws_sns_topic")) this.draw(t, { shape: "round", cls: "ops", group: this.OPS });
    for (const s of this.ofType("aws_sns_topic_subscription")) if (this.ref(s.body.topic_arn)) this.fold(s, this.ref(s.body.topic_arn), `${s.body.protocol} subscription`);
    for (const a of this.ofType("aws_cloudwatch_metric_alarm")) {
      const b = a.body, sign = OPS_SIGN[b.comparison_operator] || b.comparison_operator;
      this.draw(a, { shape: "round", cls: "ops", group: this.OPS, lines: [[b.metric_name, sign, b.threshold].filter((x) => x !== undefined).join(" ")] });
    }
    for (const f of this.ofType("aws_cloudwatch_log_metric_filter")) {
      const group = this.ref(f.body.log_group_name), metric = list(f.body.metric_transformation)[0] || {};
      if (!group) continue;
      this.fold(f, group, `metric filter → ${metric.name}`);
      for (const a of this.ofType("aws_cloudwatch_metric_alarm")) {
        if (a.body.metric_name === metric.name && a.body.namespace === metric.namespace) this.g.edge(group, a.addr, "metric filter");
      }
    }
  }

  /** Account objects in the control plane, workspace objects in the workspace; how clusters reach the control plane. */
  databricks() {
    for (const r of this.all.filter((x) => x.type.startsWith("databricks_"))) {
      const account = r.type.startsWith("databricks_mws_") || /\.mws$/.test(r.body.provider || "");
      const arn = r.type === "databricks_instance_profile" && literal(r.body.instance_profile_arn) ? r.body.instance_profile_arn.split("/").pop() : undefined;
      const lines = (DBX_DETAILS[r.type] || (() => []))(r.body);
      this.draw(r, { shape: r.type === "databricks_mws_workspaces" ? "sub" : "box", cls: "dbx", group: account ? this.DBX : this.WS, name: arn, lines });
    }
    // Secure cluster connectivity: over back-end PrivateLink where the network registers endpoints, else out through NAT.
    const viaNat = ["SCC relay", "REST API"].filter((w) => ![...this.registered.values()].includes(w));
    const natPath = this.networks.length && viaNat.length && this.g.nodes.has("internet") && this.ofType("aws_nat_gateway").length;
    if (!this.registered.size && !natPath) return;
    this.g.node("control-plane", { lines: ["control plane services", "web app · REST API · SCC relay"], shape: "sub", cls: "dbx", group: this.DBX });
    for (const [e, what] of this.registered) this.g.edge(e, "control-plane", `PrivateLink: ${what}`, "thick");
    const egress = this.rules.filter((r) => this.wsSgs.has(r.sg) && r.dir === "out" && r.peer === "0.0.0.0/0");
    if (natPath) this.g.edge("internet", "control-plane", `${viaNat.join(" + ")} via NAT${egress.length ? `: ${portsText(egress)}` : ""}`, "thick");
  }

  /** Edges from references, drawn between the nodes the two resources belong to. */
  referenceEdges() {
    for (const r of this.all) {
      const from = this.owner.get(r.addr);
      if (!from || !this.g.nodes.has(from)) continue;
      for (const [attr, value] of Object.entries(r.body)) {
        if (SKIP.has(attr) || (r.type.startsWith("aws_") && AWS_SKIP.has(attr))) continue;
        for (const target of this.refs(value)) {
          const label = r.type === "aws_s3_bucket_server_side_encryption_configuration" ? "SSE-KMS" : /kms/.test(attr) ? "encrypted by" : "";
          const registers = r.type.startsWith("databricks_") && !target.startsWith("databricks_");
          this.g.edge(from, this.owner.get(target), label, registers ? "dotted" : "solid");
        }
      }
    }
  }

  /** What each role's policies let it use: resources referenced in the documents or named by their ARNs. */
  policyEdges() {
    for (const [role, docs] of this.policies) {
      const actions = new Map();
      for (const st of docs.flatMap((d) => list(parseJson(d)?.Statement)).filter((s) => s.Effect !== "Deny")) {
        for (const t of this.ofType(...POLICY_TARGETS).filter((x) => x.addr !== role)) {
          const arn = ARN_OF[t.type]?.(t.body);
          if (list(st.Resource).some((res) => this.refs(res).includes(t.addr) || (arn && arn.test(res)))) {
            actions.set(t.addr, new Set([...(actions.get(t.addr) || []), ...list(st.Action)]));
          }
        }
      }
      for (const [t, acts] of actions) this.g.edge(role, t, actionsText([...acts]), "dotted");
    }
  }
}

/** The diagram of one synthesized stack (its cdk.tf.json, parsed), as Mermaid flowchart text. */
function diagram(tf, stack = "stack") {
  return new Drawing(tf).render(stack);
}

/** "iam:PassRole" for one or two actions, else "s3: 4 actions" per service. */
function actionsText(actions) {
  const sorted = [...new Set(actions)].sort();
  if (sorted.length <= 2) return sorted.join(", ");
  const bySvc = new Map();
  for (const a of sorted) bySvc.set(a.split(":")[0], (bySvc.get(a.split(":")[0]) || 0) + 1);
  return [...bySvc].map(([svc, n]) => `${svc}: ${plural(n, "action")}`).join(", ");
}

/** The stacks of a synth output directory: [{ id, json }], or a UsageError naming what is missing. */
function readStacks(outdir, ids = []) {
  const manifestFile = path.join(outdir, "manifest.json");
  if (!fs.existsSync(manifestFile)) throw new UsageError(`no synthesized stacks in ${outdir} (${manifestFile} is missing): run \`npm run synth\` first`);
  const stacks = JSON.parse(fs.readFileSync(manifestFile, "utf8")).stacks || {};
  const names = Object.keys(stacks).sort();
  const unknown = ids.filter((id) => !stacks[id]);
  if (unknown.length) {
    const what = `unknown stack${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}`;
    throw new UsageError(`${what} in ${outdir}; it has: ${names.join(", ") || "none"}`);
  }
  return (ids.length ? [...new Set(ids)] : names).map((id) => {
    const file = path.join(outdir, stacks[id].synthesizedStackPath || `stacks/${id}/cdk.tf.json`);
    if (!fs.existsSync(file)) throw new UsageError(`stack "${id}" is in ${manifestFile} but ${file} is missing: run \`npm run synth\` again`);
    return { id, json: JSON.parse(fs.readFileSync(file, "utf8")) };
  });
}

const BLOCK = /<!-- diagram:([A-Za-z0-9_-]+):start -->\n[\s\S]*?<!-- diagram:\1:end -->/g;
/** { stack: diagram text } of the README's marked ```mermaid blocks. */
function readmeBlocks(text) {
  const out = {};
  for (const m of text.matchAll(BLOCK)) out[m[1]] = (/```mermaid\n([\s\S]*?)```/.exec(m[0]) || [])[1] ?? "";
  return out;
}
/** The README text with every marked block replaced by the diagram of its stack. */
function updateReadme(text, diagrams) {
  return text.replace(BLOCK, (_, id) => {
    if (!(id in diagrams)) {
      throw new UsageError(`README.md has a diagram block for stack "${id}", which is not synthesized; stacks: ${Object.keys(diagrams).sort().join(", ")}`);
    }
    return `<!-- diagram:${id}:start -->\n\`\`\`mermaid\n${diagrams[id]}\`\`\`\n<!-- diagram:${id}:end -->`;
  });
}

function main(argv) {
  const opts = { outdir: "cdktf.out", stacks: [], readme: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--readme") opts.readme = true;
    else if (a === "--outdir" && argv[i + 1] && !argv[i + 1].startsWith("--")) opts.outdir = argv[++i];
    else if (a === "--stack" && argv[i + 1] && !argv[i + 1].startsWith("--")) opts.stacks.push(argv[++i]);
    else throw new UsageError(`unknown or incomplete argument "${a}"; usage: npm run diagram -- [--outdir cdktf.out] [--stack <id>]… [--readme]`);
  }
  const outdir = path.resolve(opts.outdir);
  const stacks = readStacks(outdir, opts.stacks); // all checked before anything is written
  const dir = path.join(outdir, "diagrams");
  fs.mkdirSync(dir, { recursive: true });
  for (const { id, json } of stacks) {
    fs.writeFileSync(path.join(dir, `${id}.mmd`), diagram(json, id));
    console.log(`wrote ${path.relative(process.cwd(), path.join(dir, `${id}.mmd`))}`);
  }
  if (opts.readme) {
    const text = fs.readFileSync(README, "utf8");
    const wanted = Object.keys(readmeBlocks(text));
    const diagrams = Object.fromEntries(readStacks(outdir, wanted).map(({ id, json }) => [id, diagram(json, id)]));
    fs.writeFileSync(README, updateReadme(text, diagrams));
    console.log(`updated ${wanted.length} diagram block(s) in README.md: ${wanted.join(", ")}`);
  }
}

/** main() with bad input reported as one line on stderr; the exit code (2: bad input). */
function cli(argv) {
  try {
    main(argv);
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`diagram: ${e.message}`);
    return 2;
  }
}

module.exports = { diagram, readStacks, readmeBlocks, updateReadme, portsText, main, cli, UsageError };

if (require.main === module) process.exitCode = cli(process.argv.slice(2));
