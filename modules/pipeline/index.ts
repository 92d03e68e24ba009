export * from "./kinesis-to-delta";
export * from "./schedule";
