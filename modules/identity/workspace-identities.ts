import { DataDatabricksGroup } from "@cdktf/provider-databricks/lib/data-databricks-group";
import { Group } from "@cdktf/provider-databricks/lib/group";
import { MwsPermissionAssignment } from "@cdktf/provider-databricks/lib/mws-permission-assignment";
import { ServicePrincipal } from "@cdktf/provider-databricks/lib/service-principal";
import { ITerraformDependable, Token } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { Problem, throwIfProblems } from "../core/problems";
import { groupNameProblems } from "../unity-catalog/validation";
import { workspaceIdNumber } from "../unity-catalog/metastore";

export const WORKSPACE_PERMISSIONS = ["ADMIN", "USER"] as const;
export type WorkspacePermission = (typeof WORKSPACE_PERMISSIONS)[number];

/** An account-level group and what it may do in the workspace. */
export interface WorkspaceGroup {
  /** The group's display name (usually synced from the identity provider through SCIM). */
  readonly name: string;
  /** `ADMIN` (workspace admins) or `USER`. */
  readonly permission: WorkspacePermission;
  /**
   * Create the group in the account (no members: add them in the identity provider or the account console).
   * Groups are account-wide: let one environment create a group, the others reference it.
   * @default false (the group exists, e.g. from SCIM)
   */
  readonly create?: boolean;
}

/**
 * Props of {@link WorkspaceIdentities}: the environment's `identities` section, plus the workspace. Prefix, Databricks
 * account and the account-level provider come from the `DeploymentContext`.
 */
export interface WorkspaceIdentitiesProps {
  /** Groups assigned to the workspace (identity federation, `databricks_mws_permission_assignment`). @default - none */
  readonly groups?: readonly WorkspaceGroup[];
  /** Create a service principal `<prefix>-pipeline` (workspace USER) that runs the environment's jobs. @default true */
  readonly servicePrincipal?: boolean;
  /** The workspace id (may be a token). */
  readonly workspaceId: string;
  /** What the assignments wait for: the metastore assignment (identity federation needs Unity Catalog). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

export function workspaceIdentitiesProblems(props: Pick<WorkspaceIdentitiesProps, "groups">): Problem[] {
  const problems: Problem[] = [];
  const groups = props.groups ?? [];
  groups.forEach((g, i) => {
    problems.push(...groupNameProblems(g.name, `groups[${i}].name`));
    if (groups.findIndex((h) => h.name === g.name) !== i) problems.push({ path: `groups[${i}].name`, value: g.name, message: "is listed twice" });
  });
  const known = groups.every((g) => (WORKSPACE_PERMISSIONS as readonly string[]).includes(g.permission));
  if (groups.length && known && !groups.some((g) => g.permission === "ADMIN")) {
    problems.push({ path: "groups", value: groups.map((g) => g.name), message: "must give one group ADMIN: otherwise only the deploying principal administers the workspace" });
  }
  return problems;
}

/**
 * Who works in the workspace: configured account groups assigned ADMIN or USER (groups come from the identity
 * provider; `create` makes one here), and a service principal per environment that runs jobs (`run_as`). Needs
 * identity federation, i.e. a metastore assigned to the workspace. Account-level provider.
 */
export class WorkspaceIdentities extends Construct {
  /** Assignments by group name. */
  public readonly assignments: Readonly<Record<string, MwsPermissionAssignment>>;
  /** The service principal `<prefix>-pipeline`; undefined with `servicePrincipal: false`. */
  public readonly servicePrincipal?: ServicePrincipal;
  /** The service principal's application id (its name in grants and `run_as`); undefined without one. */
  public readonly servicePrincipalApplicationId?: string;

  constructor(scope: Construct, id: string, props: WorkspaceIdentitiesProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`WorkspaceIdentities ${this.node.path}`, workspaceIdentitiesProblems(props));
    const provider = ctx.accountProvider(this);
    const workspaceId = workspaceIdNumber(props.workspaceId);
    const assignments: Record<string, MwsPermissionAssignment> = {};
    (props.groups ?? []).forEach((g) => {
      const groupId = g.create
        ? new Group(this, `group-${g.name}`, { provider, displayName: g.name }).id
        : new DataDatabricksGroup(this, `group-${g.name}`, { provider, displayName: g.name }).id;
      assignments[g.name] = new MwsPermissionAssignment(this, `assignment-${g.name}`, {
        provider, workspaceId, principalId: Token.asNumber(groupId), permissions: [g.permission], dependsOn: props.dependsOn,
      });
    });
    this.assignments = assignments;
    if (props.servicePrincipal ?? true) {
      this.servicePrincipal = new ServicePrincipal(this, "service-principal", { provider, displayName: `${ctx.resourcePrefix}-pipeline` });
      this.servicePrincipalApplicationId = this.servicePrincipal.applicationId;
      new MwsPermissionAssignment(this, "service-principal-assignment", {
        provider, workspaceId, principalId: Token.asNumber(this.servicePrincipal.id), permissions: ["USER"], dependsOn: props.dependsOn,
      });
    }
  }
}
