export * from "./kinesis-to-delta";
