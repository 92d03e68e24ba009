export {
  PRIVATELINK_CAVEATS, PRIVATELINK_REGIONS, PRIVATELINK_SERVICES, privateLinkProblems, privateLinkServices,
} from "./services";
export type { PrivateLinkRegion, PrivateLinkServices } from "./services";
export * from "./backend";
export * from "./frontend";
export * from "./access-settings";
export * from "./existing-backend";
