// Drawing sections (methods of Drawing): VPCs, subnets per AZ, gateways, routes, network ACLs and flow logs.
"use strict";
const { cmp, literal, list, portsText } = require("./util.js");

const ROUTE_TARGETS = ["nat_gateway_id", "gateway_id", "transit_gateway_id", "vpc_peering_connection_id", "network_interface_id", "vpc_endpoint_id", "egress_only_gateway_id"];

module.exports = {
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
  },
  inVpc(b) { return this.vpcGroup.get(this.ref(b.vpc_id)) || this.AWS; },
  routesOf(subnet) { return this.routes.get(this.tableOf.get(subnet)) || []; },
  subnetKind(s) {
    if (this.wsSubnets.has(s.addr)) return "workspace";
    if (this.plSubnets.has(s.addr)) return "PrivateLink";
    const toIgw = this.routesOf(s.addr).some((r) => this.byAddr.get(r.target)?.type === "aws_internet_gateway");
    return s.body.map_public_ip_on_launch === true || toIgw ? "public" : "private";
  },
  azGroup(s) {
    const az = [s.body.availability_zone, s.body.availability_zone_id].find(literal), vpc = this.inVpc(s.body);
    return az ? this.g.group(`${vpc}/az/${az}`, az, vpc, 10) : vpc;
  },

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
  },
};
