export * from "./log-delivery";
