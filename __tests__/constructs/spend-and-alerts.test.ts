import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import * as fs from "fs";
import * as path from "path";
import { EnvironmentBudget, EnvironmentBudgetProps, environmentBudgetProblems } from "../../modules/cost";
import { AUDIT_ALERTS, SecurityAlerts, SecurityAlertsProps, securityAlertsProblems } from "../../modules/security-alerts";
import { Json, refTo, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

const WS = "${databricks_mws_workspaces.ws.workspace_id}";
const TAGS = { Environment: "test", Owner: "platform" };
const SQL_DIR = path.resolve(__dirname, "..", "..", "sql", "security-alerts");

function budget(props: Partial<EnvironmentBudgetProps> & { servicePrincipalApplicationId?: string } = {}): Json {
  return synthJson((scope) => {
    const accountProvider = new DatabricksProvider(scope, "databricks-account", { alias: "mws", host: "https://accounts.cloud.databricks.com", accountId: TEST_CONTEXT.databricksAccountId });
    withContext(scope, { accountProvider, tags: { Owner: TAGS.Owner, Environment: TAGS.Environment } }); // custom_tags come out sorted
    new EnvironmentBudget(scope, "budget", { monthlyLimitUsd: 1000, recipients: ["finops@example.com"], ...props, workspaceId: WS });
  });
}

describe("EnvironmentBudget", () => {
  test("defaults: 80 % and 100 % of the limit, mailed, over usage tagged with the environment; a serverless policy bound to the workspace", () => {
    const json = budget({ servicePrincipalApplicationId: "app-1" });
    const action = [{ action_type: "EMAIL_NOTIFICATION", target: "finops@example.com" }];
    const alert = (threshold: string) => ({
      time_period: "MONTH", trigger_type: "CUMULATIVE_SPENDING_EXCEEDED", quantity_type: "LIST_PRICE_DOLLARS_USD", quantity_threshold: threshold, action_configurations: action,
    });
    expect(resource(json, "databricks_budget", "budget")).toEqual({
      provider: "databricks.mws", display_name: "dbx-test monthly", alert_configurations: [alert("800"), alert("1000")],
      filter: { tags: [{ key: "Environment", value: { operator: "IN", values: ["test"] } }] },
    });
    expect(resource(json, "databricks_budget_policy", "serverless-policy")).toEqual({
      provider: "databricks.mws", policy_name: "dbx-test-serverless", binding_workspace_ids: [WS],
      custom_tags: [{ key: "Environment", value: "test" }, { key: "Owner", value: "platform" }],
    });
    expect(resource(json, "databricks_access_control_rule_set", "serverless-policy-users")).toEqual({
      provider: "databricks.mws",
      name: `accounts/0a1b2c3d-0000-4000-8000-000000000000/budgetPolicies/${refTo(json, "databricks_budget_policy", "serverless-policy", "policy_id")}/ruleSets/default`,
      grant_rules: [{ principals: ["servicePrincipals/app-1"], role: "roles/budgetPolicy.user" }],
    });
  });

  test("thresholds in whole cents, several recipients and tags; no policy when turned off", () => {
    const json = budget({ monthlyLimitUsd: 1234.5, alertThresholdsPercent: [33.3], recipients: ["a@example.com", "b@example.com"], filterTagKeys: ["Environment", "Owner"], serverlessBudgetPolicy: false });
    const b = resource(json, "databricks_budget", "budget");
    expect(b.alert_configurations.map((a: Json) => a.quantity_threshold)).toEqual(["411.09"]);
    expect(b.alert_configurations[0].action_configurations.map((a: Json) => a.target)).toEqual(["a@example.com", "b@example.com"]);
    expect(b.filter.tags.map((t: Json) => `${t.key}=${t.value.values}`)).toEqual(["Environment=test", "Owner=platform"]);
    expect(resources(json, "databricks_budget_policy")).toEqual([]);
    expect(resources(json, "databricks_access_control_rule_set")).toEqual([]);
  });

  test("no service principal: the policy exists, nobody but admins may use it", () => {
    expect(resources(budget(), "databricks_access_control_rule_set")).toEqual([]);
  });

  test("validation names the field, the value and what is allowed; wrong types are reported, not thrown", () => {
    const problems = (props: unknown, tags: Record<string, string> = TAGS) =>
      environmentBudgetProblems(props as EnvironmentBudgetProps, { tags }).map((p) => `${p.path} = ${JSON.stringify(p.value)}: ${p.message}`);
    expect(problems({ monthlyLimitUsd: 0, alertThresholdsPercent: [80, 80, 0, 2000], recipients: [], filterTagKeys: ["Team"] })).toEqual([
      "monthlyLimitUsd = 0: must be a number of US dollars greater than 0",
      "alertThresholdsPercent[1] = 80: is listed twice",
      "alertThresholdsPercent[2] = 0: must be a percentage greater than 0 and at most 1000",
      "alertThresholdsPercent[3] = 2000: must be a percentage greater than 0 and at most 1000",
      "recipients = []: must list at least one e-mail address: a budget alert nobody receives is never seen",
      "filterTagKeys[0] = \"Team\": must be one of the environment's tags (Environment, Owner): the budget filters usage by the tag's value",
    ]);
    expect(problems({ monthlyLimitUsd: "100", recipients: ["finops"] }, { Owner: "x", "budget-policy-id": "y" })).toEqual([
      "monthlyLimitUsd = \"100\": must be a number of US dollars greater than 0",
      "recipients[0] = \"finops\": is not an e-mail address like finops@example.com",
      "filterTagKeys = \"Environment\": must be one of the environment's tags (Owner, budget-policy-id): the budget filters usage by the tag's value",
      "serverlessBudgetPolicy = true: the environment tag \"budget-policy-id\" is reserved by budget policies (budget-policy-name, budget-policy-id, budget-policy-resolution-result)",
    ]);
    expect(() => budget({ recipients: [] })).toThrow("EnvironmentBudget stack/budget: invalid props:\n  - recipients = []: must list at least one e-mail address");
  });
});

const ADMIN_CHANGES = { id: "admin-changes", title: "Admin changes", threshold: 0, sql: "SELECT count(*) AS events FROM system.access.audit WHERE workspace_id IN (0, :workspace_id)" };

function alerts(props: Partial<SecurityAlertsProps> = {}, queries = [ADMIN_CHANGES]): Json {
  return synthJson((scope) => {
    const workspaceProvider = new DatabricksProvider(scope, "databricks-workspace", { alias: "workspace", host: "https://dbc-1.cloud.databricks.com" });
    withContext(scope, { workspaceProvider, tags: TAGS });
    new SecurityAlerts(scope, "security-alerts", {
      recipients: ["security@example.com"], ...props, workspaceId: "${databricks_mws_workspaces.ws.workspace_id}", queries,
    });
  });
}

describe("SecurityAlerts", () => {
  test("a stopped-when-idle serverless warehouse, a query and alert per definition, mailed by a scheduled job", () => {
    const json = alerts();
    expect(resource(json, "databricks_sql_endpoint", "warehouse")).toEqual({
      provider: "databricks.workspace", name: "dbx-test security alerts", cluster_size: "2X-Small", max_num_clusters: 1, auto_stop_mins: 10,
      enable_serverless_compute: true, warehouse_type: "PRO", no_wait: true,
      tags: { custom_tags: [{ key: "Environment", value: "test" }, { key: "Owner", value: "platform" }] },
    });
    expect(resource(json, "databricks_directory", "folder")).toEqual({ provider: "databricks.workspace", path: "/Shared/dbx-test/security-alerts" });
    expect(resource(json, "databricks_notification_destination", "recipients")).toEqual({
      provider: "databricks.workspace", display_name: "dbx-test security alerts", config: { email: { addresses: ["security@example.com"] } },
      lifecycle: { create_before_destroy: true },
    });
    const folder = refTo(json, "databricks_directory", "folder", "path");
    const warehouse = refTo(json, "databricks_sql_endpoint", "warehouse");
    expect(resource(json, "databricks_query", "admin-changes-query")).toEqual({
      provider: "databricks.workspace", display_name: "Admin changes", warehouse_id: warehouse, parent_path: folder,
      query_text: "SELECT count(*) AS events FROM system.access.audit WHERE workspace_id IN (0, ${databricks_mws_workspaces.ws.workspace_id})",
    });
    expect(resource(json, "databricks_alert", "admin-changes-alert")).toEqual({
      provider: "databricks.workspace", display_name: "Admin changes", parent_path: folder,
      query_id: refTo(json, "databricks_query", "admin-changes-query"),
      // events > 0 as events >= 1: a double_value of 0 would not reach the API.
      condition: { op: "GREATER_THAN_OR_EQUAL", operand: { column: { name: "events" } }, threshold: { value: { double_value: 1 } }, empty_result_state: "OK" },
    });
    expect(resource(json, "databricks_job", "job")).toEqual({
      provider: "databricks.workspace", name: "dbx-test security alerts", max_concurrent_runs: 1,
      schedule: { quartz_cron_expression: "0 0 0/6 * * ?", timezone_id: "UTC" },
      task: [{
        task_key: "admin-changes",
        sql_task: {
          warehouse_id: warehouse,
          alert: { alert_id: refTo(json, "databricks_alert", "admin-changes-alert"), subscriptions: [{ destination_id: refTo(json, "databricks_notification_destination", "recipients") }] },
        },
      }],
    });
  });

  test("the job's tasks are in task_key order (the order the provider reads them back in); thresholds as >= n + 1", () => {
    const json = alerts({}, [{ ...ADMIN_CHANGES, id: "token-changes", threshold: 0 }, { ...ADMIN_CHANGES, id: "failed-logins", threshold: 4 }, ADMIN_CHANGES]);
    expect(resource(json, "databricks_job", "job").task.map((t: Json) => t.task_key)).toEqual(["admin-changes", "failed-logins", "token-changes"]);
    expect(resource(json, "databricks_alert", "failed-logins-alert").condition.threshold).toEqual({ value: { double_value: 5 } });
  });

  test("schedule and warehouse size from config", () => {
    const json = alerts({ schedule: { cron: "0 0/30 * * * ?", timezone: "Europe/Berlin" }, warehouseSize: "Small" });
    expect(resource(json, "databricks_job", "job").schedule).toEqual({ quartz_cron_expression: "0 0/30 * * * ?", timezone_id: "Europe/Berlin" });
    expect(resource(json, "databricks_sql_endpoint", "warehouse").cluster_size).toBe("Small");
  });

  test("validation", () => {
    const problems = (props: unknown) => securityAlertsProblems(props as SecurityAlertsProps).map((p) => `${p.path} = ${JSON.stringify(p.value)}: ${p.message}`);
    expect(problems({ recipients: ["sec"], warehouseSize: "Tiny", schedule: { cron: "0 * * * *", timezone: "utc" } })).toEqual([
      "recipients[0] = \"sec\": is not an e-mail address like security@example.com",
      "warehouseSize = \"Tiny\": must be one of: 2X-Small, X-Small, Small, Medium, Large, X-Large, 2X-Large, 3X-Large, 4X-Large",
      expect.stringMatching(/^schedule\.cron = "0 \* \* \* \*": must be a Quartz cron expression of 6 or 7 fields/),
      "schedule.timezone = \"utc\": must be a Java (IANA) time zone id like \"UTC\" or \"Europe/Berlin\" (case-sensitive)",
    ]);
    expect(problems({ recipients: [] })).toEqual(["recipients = []: must list at least one e-mail address: an alert nobody receives is never seen"]);
  });
});

// The shape of each shipped query: what the construct and the alert rely on, checked on the SQL text itself.
describe.each(AUDIT_ALERTS.map((def) => [def.id, def] as const))("sql/security-alerts/%s.sql", (id) => {
  const sql = fs.readFileSync(path.join(SQL_DIR, `${id}.sql`), "utf8");
  const code = sql.split("\n").filter((line) => !line.trim().startsWith("--")).join("\n");
  test("one read-only SELECT of system.access.audit and nothing else", () => {
    expect(code.trim()).toMatch(/^SELECT\b/i);
    expect(code).not.toMatch(/;|\b(INSERT|UPDATE|DELETE|MERGE|DROP|CREATE|ALTER|GRANT)\b/i);
    expect([...code.matchAll(/\bFROM\s+([\w.]+)/gi)].map((m) => m[1]).filter((t) => t.includes("."))).toEqual(["system.access.audit"]);
  });
  test("returns the numeric column `events` the alert compares", () => {
    expect(code).toMatch(/\bAS events\b/);
  });
  test("scoped to the workspace and to the last 24 hours (the alert clears a day after the last event)", () => {
    expect(code).toContain(":workspace_id");
    expect(code).toMatch(/event_time >= current_timestamp\(\) - INTERVAL 24 HOURS/);
  });
  test("cites the audit-log reference for its action names", () => {
    expect(sql).toContain("https://docs.databricks.com/aws/en/admin/account-settings/audit-logs");
  });
});
