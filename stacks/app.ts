import { App, TerraformStack } from "cdktf";
import { AccountConfig } from "../environments/account-schema";
import { Environment } from "../environments/schema";
import { AccountLogsStack } from "./account-stack";
import { DeploymentConfig } from "./common";
import { StateStack } from "./state-stack";
import { WorkspaceStack } from "./workspace-stack";

/** `<name>-state` first when the config keeps its state in an S3 bucket this project creates. */
function withStateBucket(app: App, config: DeploymentConfig, stack: TerraformStack): void {
  if (config.state?.backend === "s3" && config.state.createBucket !== false) {
    // The stack's backend needs the bucket before `terraform init`: deploy order, not a reference.
    stack.addDependency(new StateStack(app, { ...config, state: config.state }));
  }
}

/** Adds every environment's stacks to the app: `<env>-state` (when it owns an S3 state bucket), `<env>-workspace`. */
export function addEnvironmentStacks(app: App, environments: readonly Environment[]): void {
  for (const env of environments) withStateBucket(app, env, new WorkspaceStack(app, env));
}

/** The account-level stacks: `account-logs` (and `account-state`), when log delivery is configured. */
export function addAccountStacks(app: App, account: AccountConfig | undefined): void {
  if (account?.logDelivery) withStateBucket(app, account, new AccountLogsStack(app, { ...account, logDelivery: account.logDelivery }));
}
