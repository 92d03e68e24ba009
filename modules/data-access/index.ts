export * from "./data-access";
export * from "./policy";
export * from "./props";
export * from "./validation";
