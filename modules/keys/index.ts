export * from "./key-policies";
export * from "./workspace-keys";
