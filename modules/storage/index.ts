export * from "./root-bucket";
