/**
 * Props and constants of {@link LogDelivery}: account-level delivery of billable usage and audit logs to S3
 * (databricks/terraform-provider-databricks:docs/resources/mws_log_delivery.md; https://docs.databricks.com/aws/en/admin/account-settings/audit-log-delivery; databricks/terraform-provider-databricks:docs/resources/mws_workspaces.md). The props are the account config's `logDelivery` section.
 */

/** The two log types the Account API delivers. */
export type LogType = "BILLABLE_USAGE" | "AUDIT_LOGS";
export const LOG_TYPES: readonly LogType[] = ["BILLABLE_USAGE", "AUDIT_LOGS"];
/** The only output format the API accepts per log type (provider doc `mws_log_delivery.md`, `output_format`). */
export const LOG_OUTPUT_FORMATS: Readonly<Record<LogType, "CSV" | "JSON">> = { BILLABLE_USAGE: "CSV", AUDIT_LOGS: "JSON" };
/** Default `delivery_path_prefix` per log type (the provider doc's and the SRA's). */
export const DEFAULT_DELIVERY_PATH_PREFIXES: Readonly<Record<LogType, string>> = {
  BILLABLE_USAGE: "billable-usage",
  AUDIT_LOGS: "audit-logs",
};

export type LogDeliveryStatus = "ENABLED" | "DISABLED";
export const LOG_DELIVERY_STATUSES: readonly LogDeliveryStatus[] = ["ENABLED", "DISABLED"];

/** Enabled account-level configurations (no workspace filter) Databricks allows per log type; also per workspace and log type (databricks/terraform-provider-databricks:docs/resources/mws_log_delivery.md; https://docs.databricks.com/aws/en/admin/account-settings/audit-log-delivery). */
export const MAX_ENABLED_CONFIGS_PER_LOG_TYPE = 2;
/** The provider validates `config_name` with `StringLenBetween(0, 255)` (`mws/resource_mws_log_delivery.go`). */
export const CONFIG_NAME_MAX_LENGTH = 255;
/** Our cap on `delivery_path_prefix`: S3 keys are at most 1024 bytes and Databricks appends its own path to the prefix. */
export const DELIVERY_PATH_PREFIX_MAX_LENGTH = 512;
/** Billable usage is not available before March 2019 (Account API `delivery_start_time`). */
export const EARLIEST_DELIVERY_START = "2019-03";

/**
 * Suffix of the role name: `<prefix>-log-delivery`; its inline policy is `<prefix>-log-delivery-policy`, its
 * registrations `<prefix>-log-delivery-credentials-<hash>` / `-storage-<hash>` (../workspace/registration.ts; at most
 * 61 characters with a 32-character prefix).
 */
export const LOG_DELIVERY_ROLE_SUFFIX = "-log-delivery";
/** Wait between the role (with its policy) and its registration, as the SRA's `time_sleep.wait` (databricks/terraform-provider-databricks:docs/resources/mws_log_delivery.md; https://docs.databricks.com/aws/en/admin/account-settings/audit-log-delivery). */
export const LOG_DELIVERY_ROLE_WAIT = "10s";

/** One `databricks_mws_log_delivery`. Only `status` can change later: any other change replaces it (see {@link LogDelivery}). */
export interface LogDeliveryConfigProps {
  /**
   * `config_name`, unique among the configurations: 1 to 255 characters, no `/`, no control characters, no
   * leading or trailing spaces. Also names the Terraform resource, so renaming one replaces it.
   */
  readonly name: string;
  /** Output format follows: BILLABLE_USAGE → CSV, AUDIT_LOGS → JSON. */
  readonly logType: LogType;
  /**
   * Key prefix in the bucket: a valid S3 key without leading or trailing `/` and without `*`. The role and the bucket
   * policy grant object access under the configured prefixes only.
   * @default "billable-usage" / "audit-logs"
   */
  readonly deliveryPathPrefix?: string;
  /**
   * Only these workspace ids (positive integers). An account-level configuration (no filter) also delivers
   * account-level audit events (Unity Catalog, Delta Sharing, …) and covers workspaces created later.
   * @default - all workspaces of the account
   */
  readonly workspaceIdsFilter?: readonly number[];
  /** "ENABLED" | "DISABLED". A config cannot be deleted, only disabled. @default "ENABLED" */
  readonly status?: LogDeliveryStatus;
  /**
   * YYYY-MM, when delivery starts (not before the account's first data, not before 2019-03). BILLABLE_USAGE only.
   * @default - Databricks' default (the current month)
   */
  readonly deliveryStartTime?: string;
}

/**
 * Props of {@link LogDelivery}: the account config's `logDelivery` section. The names (role `<prefix>-log-delivery`,
 * default configs `<prefix>-billable-usage` / `<prefix>-audit-logs`), the region (partition of the log-delivery
 * principal and the ARNs), both account ids and the account-level provider come from the `DeploymentContext`.
 */
export interface LogDeliveryProps {
  /** Name of the dedicated, hardened log bucket (S3 naming rules, no dots). */
  readonly bucketName: string;
  /**
   * The delivery configurations, each a `databricks_mws_log_delivery` named after its `name`. Billable usage (CSV) is
   * legacy: Databricks recommends the `system.billing.usage` system table; list a BILLABLE_USAGE config to opt in.
   * @default one enabled AUDIT_LOGS config, account-level, default prefix
   */
  readonly configs?: readonly LogDeliveryConfigProps[];
  /** Days before delivered logs (and overwritten versions of them) expire. @default - kept forever */
  readonly retentionDays?: number;
  /**
   * Terraform `prevent_destroy` on the log bucket. Delivery configurations can never be deleted, only disabled
   * (see {@link LogDelivery}), so the bucket they write to must survive them; and the delivered logs are the
   * account's audit and billing record. So, unlike other data-holding constructs, this does not follow the
   * context's `protectData`.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * The configurations a {@link LogDelivery} creates when `configs` is not given: audit logs only. Billable-usage CSV
 * delivery is an explicit opt-in (a BILLABLE_USAGE entry in `configs`): `system.billing.usage` supersedes it.
 */
export function defaultLogDeliveryConfigs(resourcePrefix: string): LogDeliveryConfigProps[] {
  return [{ name: `${resourcePrefix}-audit-logs`, logType: "AUDIT_LOGS" }];
}

/** The `delivery_path_prefix` of each configuration (the log type's default when unset), distinct, in order. */
export function deliveryPathPrefixes(configs: readonly LogDeliveryConfigProps[]): string[] {
  return [...new Set(configs.map((c) => c.deliveryPathPrefix ?? DEFAULT_DELIVERY_PATH_PREFIXES[c.logType]))];
}
