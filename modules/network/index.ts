export * from "./props";
export * from "./workspace-vpc";
export * from "./existing-network";
export * from "./flow-logs";
export * from "./network-acl";
export { COMPUTE_EGRESS_PORTS, LEGACY_METASTORE_PORT, naclRules } from "./rules";
export { VPC_PREFIX, WORKSPACE_SUBNET_PREFIX, PUBLIC_SUBNET_PREFIX } from "./validation";
export * from "./connectivity";
