export * from "./cluster-policies";
export * from "./policy-definition";
export * from "./policy-permissions";
export * from "./runtime";
export * from "./workspace-settings";
