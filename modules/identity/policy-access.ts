import { Permissions } from "@cdktf/provider-databricks/lib/permissions";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";

/** One cluster policy and who may use it. */
export interface PolicyUsers {
  /** The policy's id (may be a token). */
  readonly policyId: string;
  /** Groups (display names) given `CAN_USE`. @default - none */
  readonly groups?: readonly string[];
  /** Service principals (application ids, may be tokens) given `CAN_USE`. @default - none */
  readonly servicePrincipals?: readonly string[];
}

/** Props of {@link ClusterPolicyAccess}. */
export interface ClusterPolicyAccessProps {
  /** Construct id suffix → the policy and its users. Policies with no users get no permissions resource. */
  readonly policies: Readonly<Record<string, PolicyUsers>>;
}

/**
 * `CAN_USE` on cluster policies for the groups and service principals that should create compute with them
 * (`databricks_permissions`, authoritative per policy: workspace admins keep their implicit rights). Workspace-level
 * provider.
 */
export class ClusterPolicyAccess extends Construct {
  /** By the keys of `policies`. */
  public readonly permissions: Readonly<Record<string, Permissions>>;

  constructor(scope: Construct, id: string, props: ClusterPolicyAccessProps) {
    super(scope, id);
    const provider = DeploymentContext.of(this).workspaceProvider(this);
    const made: Record<string, Permissions> = {};
    for (const [key, p] of Object.entries(props.policies)) {
      const accessControl = [
        ...(p.groups ?? []).map((groupName) => ({ groupName, permissionLevel: "CAN_USE" })),
        ...(p.servicePrincipals ?? []).map((servicePrincipalName) => ({ servicePrincipalName, permissionLevel: "CAN_USE" })),
      ];
      if (accessControl.length) made[key] = new Permissions(this, key, { provider, clusterPolicyId: p.policyId, accessControl });
    }
    this.permissions = made;
  }
}
