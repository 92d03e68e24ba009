export * from "./workspace-identities";
