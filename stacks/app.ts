import { App } from "cdktf";
import { Environment } from "../environments/schema";
import { StateStack } from "./state-stack";
import { WorkspaceStack } from "./workspace-stack";

/** Adds every environment's stacks to the app: `<env>-state` (when it owns an S3 state bucket), `<env>-workspace`. */
export function addEnvironmentStacks(app: App, environments: readonly Environment[]): void {
  for (const env of environments) {
    const workspace = new WorkspaceStack(app, env);
    if (env.state?.backend === "s3" && env.state.createBucket !== false) {
      // The workspace stack's backend needs the bucket before `terraform init`: deploy order, not a reference.
      workspace.addDependency(new StateStack(app, { ...env, state: env.state }));
    }
  }
}
