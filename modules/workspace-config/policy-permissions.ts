import { Permissions } from "@cdktf/provider-databricks/lib/permissions";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { Problem } from "../core/problems";
import { groupDisplayNameProblem, looksLikeUserName } from "../core/principals";

/**
 * Grants `CAN_USE` on a cluster policy to workspace groups (`databricks_permissions` with `cluster_policy_id`,
 * databricks/terraform-provider-databricks:docs/resources/permissions.md@v1.99.0). Nothing without groups: admins
 * can use every policy anyway. The resource is authoritative: it replaces grants made by hand in the UI.
 */
export function grantCanUse(scope: Construct, id: string, policyId: string, groups: readonly string[] | undefined, provider: TerraformProvider): Permissions | undefined {
  if (!groups || groups.length === 0) return undefined;
  return new Permissions(scope, id, {
    provider, clusterPolicyId: policyId,
    accessControl: groups.map((groupName) => ({ groupName, permissionLevel: "CAN_USE" })),
  });
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
