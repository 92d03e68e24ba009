export * from "./data-access";
