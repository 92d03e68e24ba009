import { blockList, Compliance, GuardrailRule, nonCompliant } from "../rule";
import { clusterSpecs } from "./cluster-tags";

/**
 * A job that runs as a service principal can use the cluster policies its clusters name: a non-admin run-as identity
 * without `CAN_USE` on the policy cannot start the job cluster, so every run fails (issue 19, item 2).
 */
export const jobRunAsPolicy: GuardrailRule = {
  id: "DBX-JOB1",
  condition: "A databricks_job with run_as.service_principal_name has a databricks_permissions in the stack granting that service principal CAN_USE on each cluster policy (of the stack) its clusters use",
  explanation:
    "A job cluster starts as the job's run-as identity; a non-admin service principal cannot create a cluster under a " +
    "policy it has no CAN_USE on, so every run fails at cluster start. Group grants (jobPolicy.users) may not include it.",
  fix: "Pass the service principal to ClusterPolicies' jobRunAsServicePrincipals (the stacks pass the environment's), or grant it CAN_USE in the policy's databricks_permissions",
  level: "error",
  appliesTo: ["databricks_job"],
  check: (job, context) => {
    const sp = blockList(job.config.run_as)[0]?.service_principal_name;
    if (typeof sp !== "string" || sp === "") return Compliance.NOT_APPLICABLE;
    const policies = context.blocks("databricks_cluster_policy");
    const permissions = context.blocks("databricks_permissions");
    return nonCompliant(clusterSpecs(job).flatMap(({ label, spec }) => {
      const policy = policies.find((p) => context.isReferenceTo(spec.policy_id, p));
      if (!policy) return []; // no policy, or one managed elsewhere: nothing to check here
      const granted = permissions.some((perm) => context.isReferenceTo(perm.config.cluster_policy_id, policy) &&
        blockList(perm.config.access_control).some((a) => a.service_principal_name === sp && a.permission_level === "CAN_USE"));
      return granted ? [] : [`${label}run-as service principal has no CAN_USE on ${policy.address}`];
    }));
  },
};
