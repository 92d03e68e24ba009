export * from "./cross-account-policy";
export * from "./cross-account-role";
