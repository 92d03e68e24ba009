import { REQUIRED_TAGS } from "../../core/tags";
import { policyDefinition } from "../cluster-policy";
import { GuardrailRule, nonCompliant } from "../rule";

/** Cluster policies fix custom_tags.<Tag> for every required tag. */
export const clusterPolicyTags: GuardrailRule = {
  id: "DBX-TAG2",
  condition: `Cluster policies fix custom_tags.<Tag> (type "fixed", non-empty) for each required tag (${REQUIRED_TAGS.join(", ")})`,
  explanation:
    "Tags fixed by the policy reach every cluster created under it, whoever creates it, so usage reports and " +
    "the AWS bill attribute each cluster; tags left to users are forgotten or mistyped.",
  fix: 'Add "custom_tags.<Tag>": {"type": "fixed", "value": "<value>"} for each required tag (ClusterPolicies does, from the environment tags)',
  level: "error",
  appliesTo: ["databricks_cluster_policy"],
  check: (policy) => {
    const definition = policyDefinition(policy.config);
    if (definition === "unreadable") return nonCompliant(["the definition is not literal JSON: the tags cannot be verified"]);
    const fixed = (key: string) => {
      const element = definition === "missing" ? undefined : definition[`custom_tags.${key}`];
      return element?.type === "fixed" && typeof element.value === "string" && element.value.trim() !== "";
    };
    const missing = REQUIRED_TAGS.filter((key) => !fixed(key));
    return nonCompliant(missing.length ? [`the definition does not fix ${missing.map((k) => `custom_tags.${k}`).join(", ")}`] : []);
  },
};
