export * from "./props";
export * from "./policies";
export * from "./validation";
export * from "./log-delivery";
