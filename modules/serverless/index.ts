export * from "./props";
export * from "./serverless-egress";
export * from "./validation";
export * from "./endpoint-service";
