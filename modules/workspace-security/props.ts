/** Compliance standards (databricks-sdk-go v0.93.0 service/settings/model.go `ComplianceStandard`). */
export const COMPLIANCE_STANDARDS = [
  "CANADA_PROTECTED_B", "CYBER_ESSENTIAL_PLUS", "FEDRAMP_HIGH", "FEDRAMP_IL5", "FEDRAMP_MODERATE", "GERMANY_C5", "GERMANY_TISAX",
  "HIPAA", "HITRUST", "IRAP_PROTECTED", "ISMAP", "ITAR_EAR", "K_FSI", "NONE", "PCI_DSS",
] as const;
export type ComplianceStandard = (typeof COMPLIANCE_STANDARDS)[number];
export const DAYS_OF_WEEK = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;
/** Maintenance window frequencies (provider v1.99.0 docs/resources/automatic_cluster_update_setting.md). */
export const MAINTENANCE_FREQUENCIES = [
  "FIRST_OF_MONTH", "SECOND_OF_MONTH", "THIRD_OF_MONTH", "FOURTH_OF_MONTH", "FIRST_AND_THIRD_OF_MONTH", "SECOND_AND_FOURTH_OF_MONTH", "EVERY_WEEK",
] as const;

/** When clusters restart onto updated images: a weekly or monthly window (UTC). */
export interface MaintenanceWindow {
  /** Day of the week, e.g. `SUNDAY`. */
  readonly dayOfWeek: (typeof DAYS_OF_WEEK)[number];
  /** Which of those days: `EVERY_WEEK`, `FIRST_OF_MONTH`... */
  readonly frequency: (typeof MAINTENANCE_FREQUENCIES)[number];
  /** Hour the window starts, UTC (0–23). */
  readonly startHour: number;
  /** Minute the window starts (0–59). @default 0 */
  readonly startMinute?: number;
  /** Restart compute in the window even when no update is available. @default false */
  readonly restartEvenIfNoUpdatesAvailable?: boolean;
}

/**
 * Props of {@link WorkspaceSecurity}: the environment's `security` section. Enhanced security monitoring, the
 * compliance security profile and automatic cluster update are features of the Enhanced Security and Compliance
 * add-on (Enterprise tier; the environment checks reject them on Premium), which is billed on top of the tier: each
 * needs `complianceAddOn: true`.
 */
export interface WorkspaceSecurityProps {
  /**
   * Your Databricks account has the Enhanced Security and Compliance add-on, a paid add-on charged on top of the
   * Enterprise tier (Databricks: "Your Databricks account must include the Enhanced Security and Compliance add-on",
   * https://docs.databricks.com/aws/en/security/privacy/enhanced-security-monitoring,
   * https://docs.databricks.com/aws/en/security/privacy/security-profile; provider v1.99.0
   * docs/resources/automatic_cluster_update_setting.md). Required before `enhancedSecurityMonitoring`,
   * `complianceSecurityProfile` or `automaticClusterUpdate` is synthesized; synthesizes nothing itself.
   * @default false
   */
  readonly complianceAddOn?: boolean;
  /** `databricks_disable_legacy_access_setting`: no direct Hive metastore access, no fallback mode, no runtime before 13.3 LTS. @default true */
  readonly disableLegacyAccess?: boolean;
  /** `databricks_disable_legacy_dbfs_setting`: no DBFS root or mounts. @default true */
  readonly disableLegacyDbfs?: boolean;
  /** Enhanced security monitoring (hardened image, antivirus, file-integrity monitoring). @default false */
  readonly enhancedSecurityMonitoring?: boolean;
  /**
   * Compliance security profile with these standards (`["NONE"]` for the profile alone). PERMANENT: Databricks
   * cannot turn it off. It turns on enhanced security monitoring and automatic cluster update too.
   * @default - off
   */
  readonly complianceSecurityProfile?: { readonly standards: readonly ComplianceStandard[] };
  /** Automatic cluster update in this maintenance window. @default - off */
  readonly automaticClusterUpdate?: MaintenanceWindow;
  /**
   * Workspace admins may only create tokens for, and set `run_as` to, service principals they are users of
   * (`RESTRICT_TOKENS_AND_JOB_RUN_AS`). Only an account admin who is in the workspace can change it.
   * @default false
   */
  readonly restrictWorkspaceAdmins?: boolean;
}
