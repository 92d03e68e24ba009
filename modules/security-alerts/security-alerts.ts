import { Alert } from "@cdktf/provider-databricks/lib/alert";
import { Directory } from "@cdktf/provider-databricks/lib/directory";
import { Job } from "@cdktf/provider-databricks/lib/job";
import { NotificationDestination } from "@cdktf/provider-databricks/lib/notification-destination";
import { Query } from "@cdktf/provider-databricks/lib/query";
import { SqlEndpoint } from "@cdktf/provider-databricks/lib/sql-endpoint";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { throwIfProblems } from "../core/problems";
import { AuditAlertDefinition, DEFAULT_ALERT_SCHEDULE, SecurityAlertsProps, WORKSPACE_ID_MARKER } from "./props";
import { securityAlertsProblems } from "./validation";

/** A shipped alert with its SQL text (read from `sql/security-alerts/<id>.sql` by the stack). */
export interface AuditAlertQuery extends AuditAlertDefinition {
  /** The query: one row, a numeric column `events`; `:workspace_id` stands for the workspace id. */
  readonly sql: string;
}

/** What the construct needs besides its config section. */
export interface SecurityAlertsTarget {
  /** The workspace id (may be a token): replaces `:workspace_id` in each query. */
  readonly workspaceId: string;
  /** The alerts to create. */
  readonly queries: readonly AuditAlertQuery[];
}

/**
 * Opt-in security alerts on `system.access.audit` (workspace-level provider): a 2X-Small serverless SQL warehouse
 * that stops after 10 idle minutes, a saved query and an alert per definition, an e-mail notification destination,
 * and a job that evaluates every alert on the schedule and notifies the destination. Alerts of provider 1.99's
 * `databricks_alert` have no schedule or recipients of their own: a job's `sql_task.alert` evaluates them and
 * mails its subscriptions (provider 1.99 docs/resources/job.md, `sql_task`). The queries run as the job's owner
 * (the deploying principal), which must be able to read `system.access` (docs/unity-catalog.md).
 */
export class SecurityAlerts extends Construct {
  /** The serverless SQL warehouse `<prefix> security alerts`. */
  public readonly warehouse: SqlEndpoint;
  /** The e-mail notification destination holding the recipients. */
  public readonly destination: NotificationDestination;
  /** One query and one alert per definition, by id. */
  public readonly alerts: Readonly<Record<string, { readonly query: Query; readonly alert: Alert }>>;
  /** The job `<prefix> security alerts` evaluating every alert on the schedule. */
  public readonly job: Job;

  constructor(scope: Construct, id: string, props: SecurityAlertsProps & SecurityAlertsTarget) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`SecurityAlerts ${this.node.path}`, securityAlertsProblems(props));
    const provider = ctx.workspaceProvider(this);
    const name = `${ctx.resourcePrefix} security alerts`;
    this.warehouse = new SqlEndpoint(this, "warehouse", {
      // 10 minutes: the Warehouses API's minimum auto-stop (0 or >= 10, https://docs.databricks.com/api/workspace/warehouses/create).
      provider, name, clusterSize: props.warehouseSize ?? "2X-Small", maxNumClusters: 1, autoStopMins: 10,
      // Serverless needs warehouse_type PRO; set both explicitly (their defaults vary by workspace history).
      enableServerlessCompute: true, warehouseType: "PRO",
      // Don't wait for the new warehouse to start (and bill) during the apply; the first evaluation starts it.
      noWait: true,
      tags: { customTags: Object.entries(ctx.tags).map(([key, value]) => ({ key, value })) },
    });
    const folder = new Directory(this, "folder", { provider, path: `/Shared/${ctx.resourcePrefix}/security-alerts` });
    // config.email is ForceNew (provider 1.99 settings/resource_notification_destination.go): new recipients replace
    // the destination, and the job moves to the new one before the old one goes.
    this.destination = new NotificationDestination(this, "recipients", {
      provider, displayName: name, config: { email: { addresses: [...props.recipients] } }, lifecycle: { createBeforeDestroy: true },
    });
    const alerts: Record<string, { query: Query; alert: Alert }> = {};
    for (const def of props.queries) {
      const query = new Query(this, `${def.id}-query`, {
        provider, displayName: def.title, warehouseId: this.warehouse.id, parentPath: folder.path,
        queryText: def.sql.split(WORKSPACE_ID_MARKER).join(props.workspaceId),
      });
      const alert = new Alert(this, `${def.id}-alert`, {
        provider, queryId: query.id, displayName: def.title, parentPath: folder.path,
        // "events > threshold" as "events >= threshold + 1" (counts are whole numbers): a threshold value of 0 would
        // never reach the API (double_value is omitempty in the Go SDK and resource_alert.go at provider 1.99 does
        // not force-send it), leaving an alert without a threshold.
        condition: {
          op: "GREATER_THAN_OR_EQUAL", operand: { column: { name: "events" } }, threshold: { value: { doubleValue: Math.floor(def.threshold) + 1 } },
          // No rows is the healthy state, not an error.
          emptyResultState: "OK",
        },
      });
      alerts[def.id] = { query, alert };
    }
    this.alerts = alerts;
    const schedule = props.schedule ?? DEFAULT_ALERT_SCHEDULE;
    this.job = new Job(this, "job", {
      provider, name, maxConcurrentRuns: 1,
      schedule: { quartzCronExpression: schedule.cron, timezoneId: schedule.timezone ?? "UTC" },
      // Sorted by task_key: the provider's Read sorts tasks so (provider 1.99 jobs/jobs_api_go_sdk.go; docs/resources/
      // job.md), and any other order shows as a change on every plan.
      task: [...props.queries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((def) => ({
        taskKey: def.id,
        sqlTask: { warehouseId: this.warehouse.id, alert: { alertId: alerts[def.id].alert.id, subscriptions: [{ destinationId: this.destination.id }] } },
      })),
    });
  }
}
