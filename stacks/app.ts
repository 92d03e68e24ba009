import { App } from "cdktf";
import { Environment } from "../environments/schema";
import { WorkspaceStack } from "./workspace-stack";

/** Adds every environment's stacks to the app. */
export function addEnvironmentStacks(app: App, environments: readonly Environment[]): void {
  for (const env of environments) {
    new WorkspaceStack(app, env);
  }
}
