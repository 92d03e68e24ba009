// Drawing section (a method of Drawing): the Databricks account and workspace objects, and how clusters reach the
// control plane (PrivateLink or NAT).
"use strict";
const { cmp, literal, list, plural, parseJson, portsText } = require("./util.js");

/** Per-type detail lines of Databricks objects (after the type and the name). */
const DBX_DETAILS = {
  databricks_mws_workspaces: (b) => [[b.compute_mode, b.pricing_tier, b.aws_region].filter(literal).join(" · "), b.lifecycle?.prevent_destroy ? "prevent_destroy" : ""],
  databricks_mws_ncc_private_endpoint_rule: (b) => [
    literal(b.endpoint_service) ? String(b.endpoint_service).split(".").slice(-1)[0] : "to a VPC endpoint service",
    ...list(b.resource_names).concat(list(b.domain_names)), b.enabled === false ? "created disabled" : "",
  ],
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
  databricks_budget: (b) => [
    `alerts at $${list(b.alert_configurations).map((a) => a.quantity_threshold).join(", $")} a month`,
    list(b.filter?.tags).map((t) => `${t.key} = ${list(t.value?.values).join("|")}`).join(", "),
  ],
  databricks_budget_policy: (b) => [plural(list(b.custom_tags).length, "tag") + " on serverless usage"],
  databricks_sql_endpoint: (b) => [[b.cluster_size, b.enable_serverless_compute ? "serverless" : ""].filter(Boolean).join(" · "), `auto-stop ${b.auto_stop_mins ?? 120} min`],
  databricks_alert: (b) => [`${b.condition?.operand?.column?.name} ${b.condition?.op === "GREATER_THAN" ? ">" : b.condition?.op} ${b.condition?.threshold?.value?.double_value}`],
  databricks_job: (b) => [plural(list(b.task).length, "task"), ...list(b.job_cluster).map((c) => `job cluster ${c.new_cluster?.node_type_id || c.job_cluster_key}`)],
};

module.exports = {
  /** Account objects in the control plane, workspace objects in the workspace; how clusters reach the control plane. */
  databricks() {
    for (const r of this.all.filter((x) => x.type.startsWith("databricks_") && !this.owner.has(x.addr))) {
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
  },
};
