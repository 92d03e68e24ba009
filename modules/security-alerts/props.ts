/**
 * Props of {@link SecurityAlerts} (the config's `securityAlerts` section): alerts on the audit log system table
 * `system.access.audit` (https://docs.databricks.com/aws/en/admin/system-tables/audit-logs), evaluated by a small
 * serverless SQL warehouse on a schedule, mailed to the recipients.
 */
export interface SecurityAlertsProps {
  /** E-mail addresses notified when an alert triggers (at least one): a notification destination of type EMAIL. */
  readonly recipients: readonly string[];
  /**
   * When the alerts are evaluated: a Quartz cron expression and a Java time zone. Each query looks back 24 hours, so
   * an alert triggers once when something happens and clears a day after the last event. Each evaluation starts the
   * warehouse, which then runs until its auto-stop (10 minutes, the API's minimum): hourly costs ~6× every 6 hours.
   * @default { cron: "0 0 0/6 * * ?", timezone: "UTC" } (every 6 hours)
   */
  readonly schedule?: { readonly cron: string; readonly timezone?: string };
  /** Cluster size of the serverless warehouse that runs the queries. @default "2X-Small" */
  readonly warehouseSize?: string;
}

/** One alert: a query over `system.access.audit` returning one row with a numeric column `events`. */
export interface AuditAlertDefinition {
  /** File name under `sql/security-alerts/` without `.sql`, and the task key. */
  readonly id: string;
  /** Display name of the query and the alert. */
  readonly title: string;
  /** The alert triggers when `events` (a count) is greater than this: it is sent as `events >= floor(threshold) + 1`. */
  readonly threshold: number;
}

/** The shipped alerts (the examples). Each query is a file in `sql/security-alerts/`. */
export const AUDIT_ALERTS: readonly AuditAlertDefinition[] = [
  { id: "failed-logins", title: "Repeated failed logins", threshold: 4 },
  { id: "admin-changes", title: "Admin role or admins group changed", threshold: 0 },
  { id: "token-changes", title: "Personal access tokens created or revoked", threshold: 0 },
  { id: "ip-access-list-changes", title: "IP access lists changed", threshold: 0 },
];

/** Serverless SQL warehouse sizes (provider 1.99 docs/resources/sql_endpoint.md, `cluster_size`). */
export const WAREHOUSE_SIZES = ["2X-Small", "X-Small", "Small", "Medium", "Large", "X-Large", "2X-Large", "3X-Large", "4X-Large"] as const;
/** Every 6 hours, UTC. */
export const DEFAULT_ALERT_SCHEDULE = { cron: "0 0 0/6 * * ?", timezone: "UTC" } as const;
/** The marker in each query replaced by the workspace id at synth. */
export const WORKSPACE_ID_MARKER = ":workspace_id";
