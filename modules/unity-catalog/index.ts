export * from "./props";
export * from "./validation";
export * from "./policy";
export * from "./workspace-catalog";
export * from "./metastore";
export * from "./system-tables";
export * from "./service-credential";
