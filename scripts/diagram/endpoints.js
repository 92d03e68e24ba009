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
    this.endpointServices();
  },
  /** Serverless private paths to the customer's services: NLB (listener, targets folded in) and the endpoint service over it. */
  endpointServices() {
    for (const lb of this.ofType("aws_lb")) {
      const b = lb.body;
      this.draw(lb, { shape: "round", cls: "net", group: this.inVpc({ vpc_id: this.refs(b.subnets).map((s) => this.byAddr.get(s)?.body.vpc_id).find(Boolean) }),
        title: `${b.internal ? "internal " : ""}${b.load_balancer_type || "application"} load balancer`, lines: [plural(this.refs(b.subnets).length, "subnet")] });
    }
    for (const l of this.ofType("aws_lb_listener")) this.fold(l, this.ref(l.body.load_balancer_arn), `listener ${l.body.protocol} ${l.body.port}`);
    for (const tg of this.ofType("aws_lb_target_group")) {
      const targets = this.ofType("aws_lb_target_group_attachment").filter((a) => this.ref(a.body.target_group_arn) === tg.addr);
      for (const a of targets) this.fold(a, tg.addr, `target ${a.body.target_id}:${a.body.port}`);
      this.draw(tg, { shape: "round", cls: "net", group: this.inVpc(tg.body), title: "target group", lines: [`${tg.body.protocol} ${tg.body.port} · ${tg.body.target_type} targets`] });
    }
    for (const svc of this.ofType("aws_vpc_endpoint_service")) {
      const principals = this.ofType("aws_vpc_endpoint_service_allowed_principal").filter((p) => this.ref(p.body.vpc_endpoint_service_id) === svc.addr);
      for (const p of principals) this.fold(p, svc.addr, `allows ${String(p.body.principal_arn).split(":").pop()}`);
      const lb = this.refs(svc.body.network_load_balancer_arns).map((x) => this.byAddr.get(x)).find(Boolean);
      this.draw(svc, { shape: "round", cls: "net", group: lb ? this.g.nodes.get(lb.addr)?.group : this.AWS, title: "VPC endpoint service",
        lines: [svc.body.acceptance_required === false ? "auto-accept" : "acceptance required"] });
    }
  },
};
