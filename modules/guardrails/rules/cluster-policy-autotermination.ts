import { asNumber, policyDefinition } from "../cluster-policy";
import { Compliance, GuardrailRule, nonCompliant } from "../rule";

/** Problems with a policy's `autotermination_minutes` element; none when it enforces auto-termination. */
function autoterminationProblems(element: any): string[] {
  if (element === undefined) return ["the definition does not constrain autotermination_minutes: clusters may turn auto-termination off (0)"];
  if (element?.type === "fixed") {
    const value = asNumber(element.value);
    return value !== undefined && value >= 1 ? [] : [`autotermination_minutes is fixed to ${JSON.stringify(element.value)}: auto-termination off`];
  }
  if (element?.type !== "range") return [`autotermination_minutes has type ${JSON.stringify(element?.type)}; only "fixed" (≥ 1) or "range" (minValue ≥ 1, with a maxValue) enforce it`];
  const problems: string[] = [];
  const min = asNumber(element.minValue);
  const max = asNumber(element.maxValue);
  if (min === undefined || min < 1) problems.push(`autotermination_minutes range allows ${min ?? "any value"} as its minimum (0 = never terminate); set minValue ≥ 1`);
  if (max === undefined) problems.push("autotermination_minutes range has no maxValue: clusters may idle for days");
  if (element.isOptional === true) problems.push("autotermination_minutes is isOptional: clusters may leave it unset (never terminate)");
  const def = element.defaultValue === undefined ? undefined : asNumber(element.defaultValue);
  if (element.defaultValue !== undefined && (def === undefined || def < 1)) problems.push(`autotermination_minutes defaultValue ${JSON.stringify(element.defaultValue)} turns auto-termination off`);
  return problems;
}

/** Cluster policies enforce auto-termination. */
export const clusterPolicyAutotermination: GuardrailRule = {
  id: "DBX-CP1",
  condition: "Cluster policies enforce auto-termination: autotermination_minutes fixed ≥ 1, or a range with minValue ≥ 1 and a maxValue, not optional (job-only policies, cluster_type fixed to job, are exempt)",
  explanation:
    "An idle all-purpose cluster bills EC2 and DBUs until someone stops it; the cluster policy is the only place that " +
    "can stop users from creating clusters that never terminate.",
  fix: 'Set "autotermination_minutes": {"type": "range", "minValue": 10, "maxValue": <limit>, "defaultValue": <n>} in the definition (ClusterPolicies does)',
  level: "error",
  appliesTo: ["databricks_cluster_policy"],
  check: (policy) => {
    const definition = policyDefinition(policy.config);
    if (definition === "missing") return nonCompliant(autoterminationProblems(undefined));
    if (definition === "unreadable") return nonCompliant(["the definition is not literal JSON: auto-termination cannot be verified"]);
    // A job-only policy: job clusters end with their run and don't support autotermination_minutes
    // (databricks/terraform-provider-databricks:docs/resources/job.md@v1.99.0, job_cluster block).
    const clusterType = definition.cluster_type;
    if (clusterType?.type === "fixed" && clusterType.value === "job") return Compliance.NOT_APPLICABLE;
    return nonCompliant(autoterminationProblems(definition.autotermination_minutes));
  },
};
