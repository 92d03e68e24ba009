// Drawing sections (methods of Drawing): security groups, their rules on the node, and the edges between groups.
"use strict";
const { cmp, list, shortName, portsText } = require("./util.js");

const RULE_TYPES = ["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_security_group_rule"];

module.exports = {
  sgName(sg) { return `SG ${this.nameOf(this.byAddr.get(sg).body) || shortName(this.byAddr.get(sg).name)}`; },
  /** A rule's peer that is a resource: a security group, or a gateway endpoint's prefix list (`prefix_list_id`). */
  peerName(peer) {
    const r = this.byAddr.get(peer);
    if (r.type !== "aws_vpc_endpoint") return this.sgName(peer);
    return /\.s3$/.test(r.body.service_name || "") ? "S3 prefix list" : `prefix list of ${this.nameOf(r.body) || shortName(r.name)}`;
  },
  /** The CIDR of the VPC a security group is in, when literal (egress to it reaches the endpoints in that VPC). */
  vpcCidrOf(sg) {
    const vpc = this.byAddr.get(this.ref(this.byAddr.get(sg)?.body.vpc_id));
    return vpc && vpc.type === "aws_vpc" ? vpc.body.cidr_block : undefined;
  },

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
        const peer = r.peer === sg.addr ? "self" : this.byAddr.has(r.peer) ? this.peerName(r.peer) : r.peer;
        const k = r.dir === "in" ? `in: |from ${peer}` : `out: |to ${peer}`;
        groups.set(k, [...(groups.get(k) || []), r]);
      }
      const lines = [...groups].sort(([a], [b]) => cmp(a, b)).map(([k, rs]) => k.replace("|", `${portsText(rs)} `));
      this.draw(sg, { shape: "hex", cls: "sec", group: this.inVpc(sg.body), lines: [this.wsSgs.has(sg.addr) ? "cluster nodes" : "", ...lines] });
    }
    for (const sg of this.ofType("aws_security_group").filter((s) => !this.endpointSgs.has(s.addr))) this.peerEdges(sg.addr, sg.addr);
  },
  /** Ingress rules of `sg` from `peer` that `peer`'s egress rules let out too (to `sg`, to `sg`'s VPC CIDR or to 0.0.0.0/0). */
  allowed(peer, sg) {
    const covers = (o, r) => ["-1", "all"].includes(String(o.proto)) || (o.proto === r.proto && Number(o.from) <= Number(r.from) && Number(o.to) >= Number(r.to));
    const vpcCidr = this.vpcCidrOf(sg);
    return this.rules.filter((r) => r.sg === sg && r.dir === "in" && r.peer === peer)
      .filter((r) => this.rules.some((o) => o.sg === peer && o.dir === "out" && (o.peer === sg || o.peer === "0.0.0.0/0" || (vpcCidr && o.peer === vpcCidr)) && covers(o, r)));
  },
  /** Edges peer SG → `node` labelled with the ports both sides allow; CIDR peers become label lines of `node`. */
  peerEdges(sg, node) {
    for (const peer of new Set(this.rules.filter((r) => r.sg === sg && r.dir === "in" && r.peer !== sg).map((r) => r.peer))) {
      if (!this.byAddr.has(peer)) { if (node !== sg) this.note(node, `in: ${portsText(this.rules.filter((r) => r.sg === sg && r.peer === peer))} from ${peer}`); continue; }
      const ok = this.allowed(peer, sg);
      if (ok.length) this.g.edge(peer, node, portsText(ok));
    }
  },
};
