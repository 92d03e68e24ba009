export * from "./workspace-identities";
export * from "./policy-access";
