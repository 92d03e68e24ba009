/**
 * Props of {@link EnvironmentBudget} (the config's `budget` section). Budgets and budget policies are account-level
 * objects (provider 1.99 `finops/resource_budget.go`, `internal/providers/pluginfw/products/budget_policy`), both
 * Public Preview: https://docs.databricks.com/aws/en/admin/account-settings/budgets
 */
export interface EnvironmentBudgetProps {
  /** Monthly spend, in list-price US dollars, that the alert thresholds are percentages of (more than 0). */
  readonly monthlyLimitUsd: number;
  /**
   * Percentages of {@link monthlyLimitUsd} at which an e-mail goes out (each more than 0 and at most 1,000, no
   * duplicates); one `alert_configurations` block each (`CUMULATIVE_SPENDING_EXCEEDED`, per month).
   * @default [80, 100]
   */
  readonly alertThresholdsPercent?: readonly number[];
  /** E-mail addresses notified when a threshold is crossed (at least one). */
  readonly recipients: readonly string[];
  /**
   * Tag keys whose environment values select the usage the budget counts (`filter.tags`, `IN [value]`). Each must
   * be one of the environment's tags: cluster policies fix them on classic clusters, the budget policy on serverless
   * usage, the workspace's `custom_tags` on its own compute. Usage without them (a warehouse someone created by hand
   * without tags) is not counted.
   * @default ["Environment"]
   */
  readonly filterTagKeys?: readonly string[];
  /**
   * A serverless budget policy (`<prefix>-serverless`, bound to the workspace) that tags serverless usage with the
   * environment's tags; the job's service principal may use it, and the job uses it.
   * @default true
   */
  readonly serverlessBudgetPolicy?: boolean;
}

/** Threshold percentages when none are configured. */
export const DEFAULT_ALERT_THRESHOLDS_PERCENT: readonly number[] = [80, 100];
/** Filter tags when none are configured. */
export const DEFAULT_FILTER_TAG_KEYS: readonly string[] = ["Environment"];
/** Tag keys a budget policy may not set (they are the policy's own): provider 1.99 docs/resources/budget_policy.md. */
export const RESERVED_BUDGET_POLICY_TAGS: readonly string[] = ["budget-policy-name", "budget-policy-id", "budget-policy-resolution-result"];
/** At most 20 custom tags per budget policy (same doc). */
export const MAX_BUDGET_POLICY_TAGS = 20;
