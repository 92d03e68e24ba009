export * from "./environment-budget";
export * from "./props";
export * from "./validation";
