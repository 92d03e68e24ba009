export * from "./bucket-name";
export * from "./root-bucket";
