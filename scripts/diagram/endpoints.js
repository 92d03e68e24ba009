// Drawing section (a method of Drawing): VPC endpoints.
"use strict";
const { list, plural, parseJson } = require("./util.js");

module.exports = {
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
  },
};
