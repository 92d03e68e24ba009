import { REQUIRED_TAGS } from "../../core/tags";
import { blockList, GuardrailRule, nonCompliant, TerraformBlock, TerraformConfig } from "../rule";
import { missingTags } from "./workspace-tags";

/** The cluster specs a `databricks_cluster`, `databricks_job` or `databricks_pipeline` creates, each with a label for findings. */
export function clusterSpecs(block: TerraformBlock): Array<{ label: string; spec: TerraformConfig }> {
  const c = block.config;
  switch (block.type) {
    case "databricks_cluster":
      return [{ label: "", spec: c }];
    case "databricks_pipeline":
      return blockList(c.cluster).map((spec, i) => ({ label: `cluster[${i}]${spec.label ? ` (${spec.label})` : ""}: `, spec }));
    default: // databricks_job
      return [
        ...blockList(c.new_cluster).map((spec) => ({ label: "new_cluster: ", spec })),
        ...blockList(c.job_cluster).flatMap((jc, i) => blockList(jc.new_cluster).map((spec) => ({ label: `job_cluster[${i}]${jc.job_cluster_key ? ` (${jc.job_cluster_key})` : ""}: `, spec }))),
        ...blockList(c.task).flatMap((t, i) => blockList(t.new_cluster).map((spec) => ({ label: `task[${i}]${t.task_key ? ` (${t.task_key})` : ""}: `, spec }))),
      ];
  }
}

/** Clusters and job clusters carry the required tags or are bound to a cluster policy (which fixes them). */
export const clusterTags: GuardrailRule = {
  id: "DBX-TAG3",
  condition: `Clusters, job clusters and pipeline clusters carry the required tags (${REQUIRED_TAGS.join(", ")}) in custom_tags or set a policy_id`,
  explanation:
    "A cluster defined in code outside any policy escapes the policy's fixed tags (and limits); its instances " +
    "would only carry the workspace tags, and its usage would not show per owner in Databricks' usage reports.",
  fix: "Set policy_id to one of the environment's cluster policies (they fix the tags), or add the required tags to custom_tags",
  level: "warning",
  appliesTo: ["databricks_cluster", "databricks_job", "databricks_pipeline"],
  check: (block) =>
    nonCompliant(clusterSpecs(block).flatMap(({ label, spec }) => {
      if (typeof spec.policy_id === "string" && spec.policy_id !== "") return [];
      const missing = missingTags(spec.custom_tags);
      return missing.length ? [`${label}no policy_id, and custom_tags lacks ${missing.join(", ")}`] : [];
    })),
};
