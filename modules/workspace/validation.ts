import type { Problem } from "../core/problems";
import { DatabricksWorkspaceProps, PRICING_TIERS, PricingTier } from "./props";

// Declared beside the props they type (props.ts imports nothing from here); re-exported for existing importers.
export { PRICING_TIERS, type PricingTier };

/**
 * What {@link workspaceProblems} checks: the workspace's own settings (the config's `workspace` section and the
 * role wait), with `pricingTier` as any string so that a config can be checked before it is typed.
 */
export type WorkspaceValidationInput = Pick<DatabricksWorkspaceProps, "name" | "deploymentName" | "roleWaitSeconds"> & {
  readonly pricingTier?: string;
  readonly computeMode?: string;
};

/** The props a serverless workspace must not carry, and why (the API refuses them; provider 1.99 docs/resources/mws_workspaces.md). */
const CLASSIC_ONLY: ReadonlyArray<[keyof DatabricksWorkspaceProps, string]> = [
  ["crossAccountRole", "credentials_id"], ["rootBucket", "storage_configuration_id"], ["network", "network_id"],
  ["vpcEndpoints", "network_id"], ["privateAccessSettingsId", "private_access_settings_id"],
  ["managedServicesKeyId", "managed_services_customer_managed_key_id"], ["storageKeyId", "storage_customer_managed_key_id"],
];

/**
 * The wiring a compute mode needs (construct use; the config checks report the config fields instead): a serverless
 * workspace has no credentials, storage, network, private access settings or workspace keys (the provider does not
 * reject them itself: only the API does, at apply); a classic one needs credentials and storage.
 */
export function computeModeProblems(props: Partial<DatabricksWorkspaceProps>): Problem[] {
  if (props.computeMode === "SERVERLESS") {
    return CLASSIC_ONLY.filter(([key]) => props[key] !== undefined)
      .map(([key, argument]) => ({ path: key, value: "(set)", message: `must not be set for a serverless workspace (computeMode "SERVERLESS"): Databricks refuses ${argument} on it` }));
  }
  return (["crossAccountRole", "rootBucket"] as const).filter((key) => props[key] === undefined)
    .map((key) => ({ path: key, value: undefined, message: "is required for a classic workspace (credentials_id and storage_configuration_id)" }));
}

/** Workspace names: Databricks allows letters, digits, spaces, dashes and underscores, up to 100 characters. */
const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9 _-]{0,99}$/;
/** Deployment names become a DNS label. */
const DEPLOYMENT_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Every problem with the workspace's settings, with paths relative to the props (`name`, `pricingTier`,
 * `deploymentName`, `roleWaitSeconds`). Without a name the workspace takes the context's prefix, always a valid name.
 */
export function workspaceProblems(props: WorkspaceValidationInput): Problem[] {
  const problems: Problem[] = [];
  if (props.name !== undefined && !WORKSPACE_NAME.test(props.name)) {
    problems.push({ path: "name", value: props.name, message: "must be 1 to 100 letters, digits, spaces, dashes or underscores, starting with a letter or digit" });
  }
  if (props.pricingTier !== undefined && !PRICING_TIERS.includes(props.pricingTier as PricingTier)) {
    problems.push({ path: "pricingTier", value: props.pricingTier, message: `must be one of: ${PRICING_TIERS.join(", ")}` });
  }
  if (props.deploymentName !== undefined && !DEPLOYMENT_NAME.test(props.deploymentName)) {
    problems.push({ path: "deploymentName", value: props.deploymentName, message: "must be a DNS label: 1 to 63 lowercase letters, digits or dashes, not starting or ending with a dash" });
  }
  if (props.computeMode !== undefined && props.computeMode !== "SERVERLESS") {
    problems.push({ path: "computeMode", value: props.computeMode, message: "must be \"SERVERLESS\" (the provider's only value) or unset for a classic workspace" });
  }
  const wait = props.roleWaitSeconds;
  if (wait !== undefined && (!Number.isInteger(wait) || wait < 0 || wait > 600)) {
    problems.push({ path: "roleWaitSeconds", value: wait, message: "must be an integer from 0 to 600" });
  }
  return problems;
}
