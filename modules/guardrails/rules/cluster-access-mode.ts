import { ISOLATING_DATA_SECURITY_MODES } from "../../workspace-config/policy-definition";
import { policyDefinition } from "../cluster-policy";
import { GuardrailRule, nonCompliant } from "../rule";
import { clusterSpecs } from "./cluster-tags";

const ISOLATING = ISOLATING_DATA_SECURITY_MODES;
const shown = (value: unknown) => JSON.stringify(value);

/** Problems with a policy's `data_security_mode` element; none when it pins an isolating access mode. */
function policyAccessModeProblems(element: any): string[] {
  if (element === undefined) return ["the definition does not pin data_security_mode: clusters may be created with no isolation"];
  if (element?.type === "fixed") {
    return ISOLATING.includes(element.value) ? [] : [`data_security_mode is fixed to ${shown(element.value)}, not an isolating access mode`];
  }
  if (element?.type !== "allowlist") return [`data_security_mode has type ${shown(element?.type)}; only "fixed" or "allowlist" pin the access mode`];
  const values: unknown[] = Array.isArray(element.values) ? element.values : [];
  const problems = values.filter((v) => typeof v !== "string" || !ISOLATING.includes(v)).map((v) => `data_security_mode allowlist includes ${shown(v)}, not an isolating access mode`);
  if (values.length === 0) problems.push("data_security_mode allowlist is empty");
  if (element.isOptional === true) problems.push("data_security_mode is isOptional: clusters may leave it unset (no isolation)");
  if (element.defaultValue !== undefined && !ISOLATING.includes(element.defaultValue)) problems.push(`data_security_mode defaultValue ${shown(element.defaultValue)} is not an isolating access mode`);
  return problems;
}

/** Cluster policies pin an isolating access mode; clusters that set one use an isolating one. */
export const clusterAccessMode: GuardrailRule = {
  id: "DBX-CP2",
  condition: `Cluster policies pin data_security_mode to isolating access modes (fixed, or an allowlist of ${ISOLATING.join(", ")}); clusters and job clusters that set it use one of them, and clusters without a policy set it`,
  explanation:
    "Unset, data_security_mode gives a no-isolation cluster: users share one identity on it, Unity Catalog is unavailable, and " +
    "workspaces with legacy features disabled refuse to create it. NONE and the LEGACY_* modes are the same class (deprecated since DBR 15.0).",
  fix: 'Set "data_security_mode": {"type": "fixed", "value": "SINGLE_USER"} (job policies) or an allowlist of SINGLE_USER/USER_ISOLATION (ClusterPolicies does); set data_security_mode = "SINGLE_USER" on job clusters',
  level: "error",
  appliesTo: ["databricks_cluster_policy", "databricks_cluster", "databricks_job", "databricks_pipeline"],
  check: (block) => {
    if (block.type === "databricks_cluster_policy") {
      const definition = policyDefinition(block.config);
      if (definition === "unreadable") return nonCompliant(["the definition is not literal JSON: the access mode cannot be verified"]);
      return nonCompliant(policyAccessModeProblems(definition === "missing" ? undefined : definition.data_security_mode));
    }
    // Pipelines (Lakeflow) choose their own access mode and take no data_security_mode: only a set value is checked.
    return nonCompliant(clusterSpecs(block).flatMap(({ label, spec }) => {
      const mode = spec.data_security_mode;
      if (mode === undefined || mode === null || mode === "") {
        const bound = typeof spec.policy_id === "string" && spec.policy_id !== "";
        return bound || block.type === "databricks_pipeline" ? [] : [`${label}no data_security_mode and no policy_id: a no-isolation cluster`];
      }
      return typeof mode === "string" && (ISOLATING.includes(mode) || mode.includes("${")) ? [] : [`${label}data_security_mode ${shown(mode)} is not an isolating access mode`];
    }));
  },
};
