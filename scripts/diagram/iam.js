// Drawing sections (methods of Drawing): IAM roles with who they trust, their policies, and what those let them use.
"use strict";
const { literal, list, plural, parseJson, escRe, shortName } = require("./util.js");

const KNOWN_ACCOUNTS = { "414351767826": "Databricks", "044793339203": "Databricks GovCloud", "170661010020": "Databricks GovCloud DoD" };
/** Policy `Resource` ARNs that name a resource of the stack literally (references are matched as `${…}`). */
const ARN_OF = {
  aws_s3_bucket: (b) => literal(b.bucket) && new RegExp(`^arn:[^:]+:s3:::${escRe(b.bucket)}(/|$)`),
  aws_kinesis_stream: (b) => literal(b.name) && new RegExp(`^arn:[^:]+:kinesis:[^:]*:[^:]*:stream/${escRe(b.name)}(/|$)`),
  aws_iam_role: (b) => literal(b.name) && new RegExp(`^arn:[^:]+:iam::[^:]*:role/(.*/)?${escRe(b.name)}$`),
};
const POLICY_TARGETS = ["aws_s3_bucket", "aws_kinesis_stream", "aws_iam_role", "aws_cloudwatch_log_group", "aws_kms_key", "aws_sns_topic"];

/** "iam:PassRole" for one or two actions, else "s3: 4 actions" per service. */
function actionsText(actions) {
  const sorted = [...new Set(actions)].sort();
  if (sorted.length <= 2) return sorted.join(", ");
  const bySvc = new Map();
  for (const a of sorted) bySvc.set(a.split(":")[0], (bySvc.get(a.split(":")[0]) || 0) + 1);
  return [...bySvc].map(([svc, n]) => `${svc}: ${plural(n, "action")}`).join(", ");
}

module.exports = {
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
  },

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
  },
};
