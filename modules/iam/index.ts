export * from "./cross-account-role";
export * from "./customer-managed-policy";
export * from "./databricks-managed-policy";
export * from "./props";
export { PASS_ROLE_SID, passRoleStatements } from "./statements";
export * from "./trust-policy";
export * from "./validation";
