export * from "./props";
export * from "./security-alerts";
export * from "./validation";
