export * from "./cluster-policies";
export * from "./workspace-settings";
