import { App, Aspects, TerraformStack } from "cdktf";
import { AccountConfig } from "../environments/account-schema";
import { Environment } from "../environments/schema";
import { DatabricksGuardrails, isProductionEnvironment } from "../modules/guardrails";
import { AccountLogsStack } from "./account-stack";
import { AccountUnityCatalogStack, needsAccountUnityCatalogStack } from "./account-unity-catalog-stack";
import { ContextConfig, DeploymentConfig } from "./common";
import { StateStack } from "./state-stack";
import { WorkspaceConfigStack } from "./workspace-config-stack";
import { WorkspaceStack } from "./workspace-stack";

/** `<name>-state`, when the config keeps its state in an S3 bucket this project creates. */
function stateStack(app: App, config: DeploymentConfig & ContextConfig): StateStack | undefined {
  return config.state?.backend === "s3" && config.state.createBucket !== false
    ? new StateStack(app, { ...config, state: config.state })
    : undefined;
}

/**
 * Adds every environment's stacks to the app: `<env>-state` (when it owns an S3 state bucket), `<env>-workspace`,
 * and `<env>-workspace-config` (when configured; deployed after the workspace, whose URL it reads).
 */
export function addEnvironmentStacks(app: App, environments: readonly Environment[], account?: AccountConfig): void {
  for (const env of environments) {
    const state = stateStack(app, env);
    // The region's metastore comes from the account config (one per region per account, not per environment).
    const workspace = new WorkspaceStack(app, env, account?.unityCatalog?.metastore);
    const config = env.workspaceConfig ? new WorkspaceConfigStack(app, { ...env, workspaceConfig: env.workspaceConfig }, workspace) : undefined;
    // A backend needs its bucket before `terraform init`: deploy order, not a reference.
    if (state) for (const stack of [workspace, config]) stack?.addDependency(state);
    guard([state, workspace, config], isProductionEnvironment(env));
  }
}

/** The guardrail pack on every stack: error findings fail the synth (README, "Guardrails"). */
function guard(stacks: ReadonlyArray<TerraformStack | undefined>, production: boolean): void {
  const pack = new DatabricksGuardrails({ production });
  for (const stack of stacks) if (stack) Aspects.of(stack).add(pack);
}

/**
 * The account-level stacks: `account-logs` when log delivery is configured, `account-unity-catalog` when the config
 * creates a metastore or disables legacy features account-wide, and `account-state` for either.
 */
export function addAccountStacks(app: App, account: AccountConfig | undefined): void {
  const uc = account && needsAccountUnityCatalogStack(account) ? account : undefined;
  if (!account || (!account.logDelivery && !uc)) return;
  const state = stateStack(app, account);
  const logs = account.logDelivery ? new AccountLogsStack(app, { ...account, logDelivery: account.logDelivery }) : undefined;
  const catalog = uc ? new AccountUnityCatalogStack(app, uc) : undefined;
  if (state) for (const stack of [logs, catalog]) stack?.addDependency(state);
  // Production: one per Databricks account, delivering the audit logs of every environment, prod included.
  guard([state, logs, catalog], true);
}
