import { REQUIRED_TAGS } from "../../core/tags";
import { GuardrailRule, isExpression, nonCompliant } from "../rule";

/** Required tags missing from a tag map (absent or blank). */
export function missingTags(tags: unknown): string[] {
  const map = tags !== null && typeof tags === "object" ? (tags as Record<string, unknown>) : {};
  return REQUIRED_TAGS.filter((key) => typeof map[key] !== "string" || (map[key] as string).trim() === "");
}

/** Workspaces carry the required tags in custom_tags. */
export const workspaceTags: GuardrailRule = {
  id: "DBX-TAG1",
  condition: `Workspaces carry the required tags (${REQUIRED_TAGS.join(", ")}) in custom_tags`,
  explanation:
    "Databricks copies a workspace's custom_tags to the EC2 instances and EBS volumes it launches; without them, " +
    "compute costs (most of the bill) cannot be charged back to an owner or cost center.",
  fix: "Pass the environment's tags as customTags to DatabricksWorkspace (custom_tags on databricks_mws_workspaces)",
  level: "error",
  appliesTo: ["databricks_mws_workspaces"],
  check: (workspace) => {
    const tags = workspace.config.custom_tags;
    if (isExpression(tags)) return nonCompliant(["custom_tags is an expression: the tags cannot be verified"]);
    const missing = missingTags(tags);
    return nonCompliant(missing.length ? [`custom_tags lacks ${missing.join(", ")}`] : []);
  },
};
