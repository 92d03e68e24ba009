export * from "./props";
export * from "./validation";
export * from "./workspace-security";
