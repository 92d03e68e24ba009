// The shared kernel: deployment context, ids and names, problems, policies, hardened buckets. Feature folders are
// peers over it and never import each other's internals.
export * from "./bucket-name";
export * from "./constants";
export * from "./context";
export * from "./hardened-bucket";
export * from "./iam-names";
export * from "./instance-types";
export * from "./ids";
export * from "./log-retention";
export * from "./policy";
export * from "./problems";
export * from "./tags";
