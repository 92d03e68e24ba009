import { Permissions } from "@cdktf/provider-databricks/lib/permissions";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { Problem } from "../core/problems";
import { groupDisplayNameProblem, looksLikeUserName } from "../core/principals";

/** Who gets `CAN_USE` on a policy: workspace groups by display name, service principals by application id. */
export interface PolicyUsers {
  /** Group display names (the config's `users`). @default - none */
  readonly groups?: readonly string[];
  /** Service principals' application ids (e.g. the one jobs run as; may be tokens). @default - none */
  readonly servicePrincipals?: readonly string[];
}

/**
 * Grants `CAN_USE` on a cluster policy to workspace groups and service principals (`databricks_permissions` with
 * `cluster_policy_id`, databricks/terraform-provider-databricks:docs/resources/permissions.md@v1.99.0). Nothing
 * without either: admins can use every policy anyway. The resource is authoritative (one per policy): it replaces
 * grants made by hand in the UI, so every principal of a policy goes into this one resource.
 */
export function grantCanUse(scope: Construct, id: string, policyId: string, users: PolicyUsers, provider: TerraformProvider): Permissions | undefined {
  const accessControl = [
    ...(users.groups ?? []).map((groupName) => ({ groupName, permissionLevel: "CAN_USE" })),
    ...(users.servicePrincipals ?? []).map((servicePrincipalName) => ({ servicePrincipalName, permissionLevel: "CAN_USE" })),
  ];
  if (accessControl.length === 0) return undefined;
  return new Permissions(scope, id, { provider, clusterPolicyId: policyId, accessControl });
}

/** Problems with group names at `path` (`clusterPolicy.users`): what Databricks refuses (modules/core/principals.ts), e-mail addresses, admins, repeats. */
export function groupNameProblems(groups: readonly string[] | undefined, path: string): Problem[] {
  const problems: Problem[] = [];
  if (!Array.isArray(groups)) return problems; // not a list: the config schema reports it
  groups.forEach((group, i) => {
    const at = `${path}[${i}]`;
    const bad = groupDisplayNameProblem(group);
    if (bad) {
      problems.push({ path: at, value: group, message: bad });
    } else if (looksLikeUserName(group)) {
      problems.push({ path: at, value: group, message: "is a user name; list groups (CAN_USE is granted to groups, so access follows group membership)" });
    } else if (group === "admins") {
      problems.push({ path: at, value: group, message: "is the admins group, which can use every policy already; list the groups that need it" });
    } else if (groups!.indexOf(group) !== i) {
      problems.push({ path: at, value: group, message: `repeats ${path.split(".").pop()}[${groups!.indexOf(group)}]` });
    }
  });
  return problems;
}
