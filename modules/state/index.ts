export * from "./state-bucket";
