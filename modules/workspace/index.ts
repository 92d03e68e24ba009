export * from "./account-provider";
export * from "./validation";
export * from "./workspace";
