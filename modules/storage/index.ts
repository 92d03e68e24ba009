export * from "./root-bucket";
export * from "./restrictive-policy";
