import { App, Aspects, TerraformStack } from "cdktf";
import { AccountConfig } from "../environments/account-schema";
import { Environment } from "../environments/schema";
import { DatabricksGuardrails, isProductionEnvironment } from "../modules/guardrails";
import { AccountLogsStack } from "./account-stack";
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
export function addEnvironmentStacks(app: App, environments: readonly Environment[]): void {
  for (const env of environments) {
    const state = stateStack(app, env);
    const workspace = new WorkspaceStack(app, env);
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

/** The account-level stacks: `account-logs` (and `account-state`), when log delivery is configured. */
export function addAccountStacks(app: App, account: AccountConfig | undefined): void {
  if (!account?.logDelivery) return;
  const state = stateStack(app, account);
  const logs = new AccountLogsStack(app, { ...account, logDelivery: account.logDelivery });
  if (state) logs.addDependency(state);
  // Production: one per Databricks account, delivering the audit logs of every environment, prod included.
  guard([state, logs], true);
}
