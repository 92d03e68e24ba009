import { AccessControlRuleSet } from "@cdktf/provider-databricks/lib/access-control-rule-set";
import { Budget } from "@cdktf/provider-databricks/lib/budget";
import { BudgetPolicy } from "@cdktf/provider-databricks/lib/budget-policy";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { throwIfProblems } from "../core/problems";
import { DEFAULT_ALERT_THRESHOLDS_PERCENT, DEFAULT_FILTER_TAG_KEYS, EnvironmentBudgetProps } from "./props";
import { environmentBudgetProblems } from "./validation";

/** What the construct needs besides its config section. */
export interface EnvironmentBudgetTarget {
  /** The workspace id (a token of `databricks_mws_workspaces.workspace_id`) the budget policy is bound to. */
  readonly workspaceId: string;
  /**
   * Application id of the service principal that runs the environment's jobs: it gets `roles/budgetPolicy.user` on
   * the budget policy, so its serverless runs can use it.
   * @default - none: only account admins can use the policy
   */
  readonly servicePrincipalApplicationId?: string;
}

/**
 * Spend you can see, per environment (account-level provider): a monthly `databricks_budget` over the usage that
 * carries the environment's tags, e-mailing the recipients at each threshold, and a serverless budget policy that
 * puts the same tags on serverless usage (which has no cluster to tag).
 * https://docs.databricks.com/aws/en/admin/account-settings/budgets,
 * https://docs.databricks.com/aws/en/admin/usage/budget-policies
 */
export class EnvironmentBudget extends Construct {
  /** The budget `<prefix> monthly`. */
  public readonly budget: Budget;
  /** The serverless budget policy `<prefix>-serverless`; undefined with `serverlessBudgetPolicy: false`. */
  public readonly budgetPolicy?: BudgetPolicy;
  /** The id of {@link budgetPolicy} (for a job's `budget_policy_id`); undefined without it. */
  public readonly budgetPolicyId?: string;

  constructor(scope: Construct, id: string, props: EnvironmentBudgetProps & EnvironmentBudgetTarget) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`EnvironmentBudget ${this.node.path}`, environmentBudgetProblems(props, ctx));
    const provider = ctx.accountProvider(this);
    const actionConfigurations = props.recipients.map((target) => ({ actionType: "EMAIL_NOTIFICATION", target }));
    this.budget = new Budget(this, "budget", {
      provider,
      displayName: `${ctx.resourcePrefix} monthly`,
      alertConfigurations: (props.alertThresholdsPercent ?? DEFAULT_ALERT_THRESHOLDS_PERCENT).map((percent) => ({
        timePeriod: "MONTH", triggerType: "CUMULATIVE_SPENDING_EXCEEDED", quantityType: "LIST_PRICE_DOLLARS_USD",
        // A string in the API; whole cents, so 80 % of 1,000 is "800", not "800.0000000001".
        quantityThreshold: String(Math.round(props.monthlyLimitUsd * percent) / 100),
        actionConfigurations,
      })),
      filter: {
        tags: (props.filterTagKeys ?? DEFAULT_FILTER_TAG_KEYS).map((key) => ({ key, value: { operator: "IN", values: [ctx.tags[key]] } })),
      },
    });
    if (props.serverlessBudgetPolicy ?? true) {
      this.budgetPolicy = new BudgetPolicy(this, "serverless-policy", {
        provider,
        policyName: `${ctx.resourcePrefix}-serverless`,
        // Sorted by key: the policy is a plugin-framework resource whose state is the API's answer, so an order the API
        // changes would fail the apply as an inconsistent result.
        customTags: Object.entries(ctx.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value })),
        bindingWorkspaceIds: [Token.asNumber(props.workspaceId)],
      });
      this.budgetPolicyId = this.budgetPolicy.policyId;
      if (props.servicePrincipalApplicationId) {
        // Authoritative for the policy's rule set: account admins keep managing it through their admin role.
        new AccessControlRuleSet(this, "serverless-policy-users", {
          provider,
          name: `accounts/${ctx.databricksAccountId}/budgetPolicies/${this.budgetPolicy.policyId}/ruleSets/default`,
          grantRules: [{ principals: [`servicePrincipals/${props.servicePrincipalApplicationId}`], role: "roles/budgetPolicy.user" }],
        });
      }
    }
  }
}
