// Drawing section (a method of Drawing): Unity Catalog — the catalog, its storage (credential → IAM role, external
// location → bucket) and who may use it (groups → securables, labelled with their privileges); system tables.
"use strict";
const { literal, list } = require("./util.js");

/** A principal as a reader sees it: a group's name, or the service principal another stack creates. */
function principalName(p) {
  if (literal(p)) return p;
  const m = /cross-stack-reference-input-([A-Za-z0-9_-]+)/.exec(p || "");
  return `service principal${m ? ` (stack ${m[1]})` : ""}`;
}

module.exports = {
  /** Catalog storage and grants; schemas, default namespace and system schemas fold onto their catalog. */
  catalog() {
    const uc = this.all.filter((r) => ["databricks_storage_credential", "databricks_credential", "databricks_external_location", "databricks_catalog"].includes(r.type));
    const grants = this.ofType("databricks_grants", "databricks_grant");
    const systemSchemas = this.ofType("databricks_system_schema");
    if (!uc.length && !grants.length && !systemSchemas.length && !this.all.some((x) => /_setting$/.test(x.type) && x.type !== "databricks_default_namespace_setting")) return;
    const roleByArn = new Map(this.ofType("aws_iam_role").filter((r) => literal(r.body.name)).map((r) => [`:role/${r.body.name}`, r.addr]));
    const bucketByUrl = new Map(this.ofType("aws_s3_bucket").filter((b) => literal(b.body.bucket)).map((b) => [`s3://${b.body.bucket}/`, b.addr]));
    for (const r of uc) {
      const b = r.body;
      const lines = {
        databricks_storage_credential: [b.isolation_mode === "ISOLATION_MODE_ISOLATED" ? "isolated to this workspace" : ""],
        databricks_credential: [`purpose ${b.purpose}`, b.isolation_mode === "ISOLATION_MODE_ISOLATED" ? "isolated to this workspace" : ""],
        databricks_external_location: [literal(b.url) ? b.url : "", b.isolation_mode === "ISOLATION_MODE_ISOLATED" ? "isolated to this workspace" : ""],
        databricks_catalog: [b.isolation_mode === "ISOLATED" ? "isolated to this workspace" : "", b.force_destroy ? "force_destroy" : "", b.lifecycle?.prevent_destroy ? "prevent_destroy" : ""],
      }[r.type];
      this.draw(r, { shape: r.type === "databricks_catalog" ? "db" : "box", cls: "dbx", group: this.WS, lines });
      // Literal links the reference edges cannot see: the credential's role ARN, the location's and catalog's S3 URL.
      const role = [...roleByArn].find(([suffix]) => literal(b.aws_iam_role?.role_arn) && String(list(b.aws_iam_role)[0]?.role_arn ?? b.aws_iam_role.role_arn).endsWith(suffix));
      if (role) this.g.edge(r.addr, role[1], "assumes", "dotted");
      if (r.type === "databricks_external_location" && bucketByUrl.has(b.url)) this.g.edge(r.addr, bucketByUrl.get(b.url), "reads/writes", "dotted");
    }
    for (const b of this.ofType("aws_s3_bucket")) if ([...bucketByUrl].some(([url, a]) => a === b.addr && uc.some((r) => r.body.url === url || r.body.storage_root === url))) this.note(b.addr, "Unity Catalog storage");
    const catalog = this.ofType("databricks_catalog")[0];
    for (const s of this.ofType("databricks_schema")) this.fold(s, this.ref(s.body.catalog_name) || catalog?.addr, `schema ${literal(s.body.name) ? s.body.name : ""}`);
    for (const v of this.ofType("databricks_volume")) this.fold(v, this.ref(v.body.catalog_name) || catalog?.addr, `volume ${literal(v.body.name) ? v.body.name : ""} (${String(v.body.volume_type || "").toLowerCase()})`);
    for (const d of this.ofType("databricks_default_namespace_setting")) this.fold(d, this.ref(d.body.namespace) || catalog?.addr, "the workspace's default catalog");
    // The system catalog is Databricks' (its schemas are not declared): drawn from the schemas the grants name.
    const systemGrantSchemas = grants.map((g) => g.body.schema).filter((s) => literal(s) && String(s).startsWith("system."));
    if (systemSchemas.length || systemGrantSchemas.length) {
      const names = new Set([...systemSchemas.map((s) => `system.${s.body.schema}`), ...systemGrantSchemas]);
      this.g.node("system-catalog", { lines: ["catalog", "system", ...[...names].sort()], shape: "db", cls: "dbx", group: this.WS });
      systemSchemas.forEach((s) => this.fold(s, "system-catalog", ""));
    }
    // Who may use what: one node per principal, one edge per securable, its grants grouped by privileges.
    const edges = new Map();
    for (const g of grants) {
      const b = g.body;
      const system = b.catalog === "system" || String(b.schema || "").startsWith("system.");
      const securable = this.ref(b.catalog ?? b.schema ?? b.external_location ?? b.credential ?? "");
      const target = system ? "system-catalog" : this.owner.get(securable) ?? securable;
      const schema = b.schema ? (literal(b.schema) ? b.schema.replace(/^system\./, "") : this.byAddr.get(securable)?.body.name) : undefined;
      const entries = g.type === "databricks_grant" ? [{ principal: b.principal, privileges: b.privileges }] : list(b.grant);
      for (const e of entries) {
        const who = principalName(e.principal);
        const sp = who.startsWith("service principal");
        const key = `principal:${who}`;
        this.g.node(key, { lines: [sp ? "service principal" : "group", sp ? who.slice(18) : who], shape: "round", cls: "ext", group: this.WS });
        if (!target || !this.g.nodes.has(target)) continue;
        const byPrivileges = edges.get(`${key}\u0000${target}`) ?? new Map();
        edges.set(`${key}\u0000${target}`, byPrivileges);
        const privileges = list(e.privileges).join(", ");
        byPrivileges.set(privileges, [...(byPrivileges.get(privileges) ?? []), schema ?? ""]);
      }
      this.consume(g);
    }
    for (const [pair, byPrivileges] of edges) {
      const [from, to] = pair.split("\u0000");
      const label = [...byPrivileges].map(([privileges, on]) => {
        const schemas = on.filter(Boolean);
        return schemas.length ? `${privileges} on schema${schemas.length > 1 ? "s" : ""} ${schemas.join(", ")}` : privileges;
      }).join("; ");
      this.g.edge(from, to, label, "solid");
    }
    // Security settings: what each says, no construct names.
    const window = (w) => { const s = list(list(w)[0]?.week_day_based_schedule)[0] || list(w)[0]?.week_day_based_schedule; const t = list(s?.window_start_time)[0] || s?.window_start_time || {};
      return s ? `${s.day_of_week} ${s.frequency} ${String(t.hours ?? 0).padStart(2, "0")}:${String(t.minutes ?? 0).padStart(2, "0")} UTC` : ""; };
    const SETTINGS = {
      databricks_disable_legacy_access_setting: () => ["legacy access off", "no direct Hive metastore, no fallback mode"],
      databricks_disable_legacy_dbfs_setting: () => ["legacy DBFS off", "no DBFS root or mounts"],
      databricks_enhanced_security_monitoring_workspace_setting: () => ["enhanced security monitoring on"],
      databricks_compliance_security_profile_workspace_setting: (b) => ["compliance security profile on", list(b.compliance_security_profile_workspace?.compliance_standards ?? list(b.compliance_security_profile_workspace)[0]?.compliance_standards).join(", ")],
      databricks_automatic_cluster_update_workspace_setting: (b) => ["automatic cluster update on", window((b.automatic_cluster_update_workspace?.maintenance_window) ?? list(b.automatic_cluster_update_workspace)[0]?.maintenance_window)],
      databricks_restrict_workspace_admins_setting: () => ["workspace admins restricted", "tokens and run_as: own service principals only"],
    };
    for (const r of this.all.filter((x) => SETTINGS[x.type])) {
      const [title, ...lines] = SETTINGS[r.type](r.body);
      this.draw(r, { title, name: "", shape: "hex", cls: "sec", group: this.WS, lines });
    }
  },
};
