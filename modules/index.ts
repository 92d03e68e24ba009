// The construct library's public API (package entry point): every construct with its props, and the helpers a
// consumer needs to validate its own config the way the constructs do. Stacks and environments are not part of it.
export * from "./core/constants";
export * from "./core/ids";
export * from "./core/problems";
export * from "./core/tags";

export * from "./network";
export * from "./iam";
export * from "./storage";
export * from "./workspace";
export * from "./privatelink";
export * from "./keys";
export * from "./state";
export * from "./logging";
export * from "./monitoring";
export * from "./workspace-config";
export * from "./data-access";
export * from "./pipeline";
export * from "./guardrails";
// Both areas export a `WorkspaceSettings`: the name means the construct; the validator's input type of
// `workspaceProblems` (same name in ./workspace) is structural, so `DatabricksWorkspaceProps` fits it.
export { WorkspaceSettings } from "./workspace-config";
