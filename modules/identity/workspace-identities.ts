import { DataDatabricksGroup } from "@cdktf/provider-databricks/lib/data-databricks-group";
import { Group } from "@cdktf/provider-databricks/lib/group";
import { MwsPermissionAssignment } from "@cdktf/provider-databricks/lib/mws-permission-assignment";
import { ServicePrincipal } from "@cdktf/provider-databricks/lib/service-principal";
import { ITerraformDependable, Token } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { Problem, throwIfProblems } from "../core/problems";
import { DATABRICKS_MANAGED_GROUPS, groupDisplayNameProblem, lookedUpGroupNameProblem } from "../core/principals";
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
  /**
   * Account groups that Unity Catalog grants or system-table readers name but that are not assigned to the workspace
   * (e.g. FinOps reading system tables from another workspace): looked up by name (`data "databricks_group"`, account
   * level), never created or assigned, so a missing one fails the plan rather than the apply of a grant.
   * @default - none
   */
  readonly existingGroups?: readonly string[];
  /** Create a service principal `<prefix>-pipeline` (workspace USER) that runs the environment's jobs. @default true */
  readonly servicePrincipal?: boolean;
  /** The workspace id (may be a token). */
  readonly workspaceId: string;
  /** What the assignments wait for: the metastore assignment (identity federation needs Unity Catalog). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/** The display name of the environment's service principal: `<prefix>-pipeline`. */
export function servicePrincipalDisplayName(resourcePrefix: string): string {
  return `${resourcePrefix}-pipeline`;
}

/** Problems with the groups (paths relative to the props): names Databricks refuses, repeats, no ADMIN group. */
export function workspaceIdentitiesProblems(props: Pick<WorkspaceIdentitiesProps, "groups" | "existingGroups">): Problem[] {
  const problems: Problem[] = [];
  const groups = Array.isArray(props.groups) ? props.groups : [];
  const names = groups.map((g) => g?.name);
  groups.forEach((g, i) => {
    const at = `groups[${i}].name`;
    const bad = groupDisplayNameProblem(g?.name) ?? (g.create ? managedGroupProblem(g.name) : lookedUpGroupNameProblem(g.name));
    if (bad) problems.push({ path: at, value: g?.name, message: bad });
    else if (names.indexOf(g.name) !== i) problems.push({ path: at, value: g.name, message: `is listed twice (groups[${names.indexOf(g.name)}])` });
  });
  const existing = Array.isArray(props.existingGroups) ? props.existingGroups : [];
  existing.forEach((name, i) => {
    const at = `existingGroups[${i}]`;
    const bad = groupDisplayNameProblem(name) ?? lookedUpGroupNameProblem(name);
    if (bad) problems.push({ path: at, value: name, message: bad });
    else if (names.includes(name)) problems.push({ path: at, value: name, message: `is in groups[${names.indexOf(name)}] already (assigned to the workspace); list it once` });
    else if (existing.indexOf(name) !== i) problems.push({ path: at, value: name, message: `is listed twice (existingGroups[${existing.indexOf(name)}])` });
  });
  const known = groups.every((g) => (WORKSPACE_PERMISSIONS as readonly string[]).includes(g?.permission));
  if (groups.length && known && !groups.some((g) => g.permission === "ADMIN")) {
    problems.push({ path: "groups", value: names, message: "must give one group ADMIN: otherwise only the deploying principal administers the workspace" });
  }
  return problems;
}

/** A group Databricks manages cannot be created (the provider's databricks_group refuses the name). */
function managedGroupProblem(name: string): string | undefined {
  return DATABRICKS_MANAGED_GROUPS.includes(name)
    ? `is a group Databricks manages (${DATABRICKS_MANAGED_GROUPS.join(", ")}): it cannot be created; remove create: true` : undefined;
}

/**
 * Who works in the workspace: configured account groups assigned ADMIN or USER (groups come from the identity
 * provider; `create` makes one here), and a service principal per environment that runs jobs (`run_as`). Needs
 * identity federation, i.e. a metastore assigned to the workspace. Account-level provider.
 */
export class WorkspaceIdentities extends Construct {
  /** Assignments by group name. */
  public readonly assignments: Readonly<Record<string, MwsPermissionAssignment>>;
  /** The lookups of `existingGroups`, by name. */
  public readonly existingGroups: Readonly<Record<string, DataDatabricksGroup>>;
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
    // Looked up only: a group that does not exist (or a typo) fails the plan, before any grant names it.
    this.existingGroups = Object.fromEntries((props.existingGroups ?? []).map((name) => [name,
      new DataDatabricksGroup(this, `existing-group-${name}`, { provider, displayName: name })]));
    if (props.servicePrincipal ?? true) {
      this.servicePrincipal = new ServicePrincipal(this, "service-principal", { provider, displayName: servicePrincipalDisplayName(ctx.resourcePrefix) });
      this.servicePrincipalApplicationId = this.servicePrincipal.applicationId;
      new MwsPermissionAssignment(this, "service-principal-assignment", {
        provider, workspaceId, principalId: Token.asNumber(this.servicePrincipal.id), permissions: ["USER"], dependsOn: props.dependsOn,
      });
    }
  }
}
