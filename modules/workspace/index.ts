export * from "./account-provider";
export * from "./props";
export * from "./validation";
export * from "./workspace";
