export * from "./serverless-egress";
export * from "./validation";
