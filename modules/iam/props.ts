/** Who owns the workspace VPC: the customer (this project's default) or Databricks. */
export type WorkspaceNetworkMode = "customer-managed" | "databricks-managed";
export const WORKSPACE_NETWORK_MODES: readonly WorkspaceNetworkMode[] = ["customer-managed", "databricks-managed"];

/** A workspace takes 1 to 5 security groups (Databricks network configuration). */
export const SECURITY_GROUP_COUNT = { min: 1, max: 5 } as const;

/**
 * Props of {@link CrossAccountRole}. The role's name (`<prefix>-cross-account`, see `crossAccountRoleName`), the
 * partition and region of its ARNs, the account it scopes and the trust policy's external id (the Databricks account
 * id) come from the stack's `DeploymentContext`.
 */
export interface CrossAccountRoleProps {
  /** Customer-managed VPC (scoped SRA policy) or Databricks-managed VPC (the provider's wider `managed` policy). */
  readonly networkMode: WorkspaceNetworkMode;
  /** customer-managed only (required there, rejected for databricks-managed): the workspace VPC id (may be a Terraform token). @default - none (valid only with "databricks-managed") */
  readonly vpcId?: string;
  /** customer-managed only (required there, 1–5): the security group ids clusters use (may be tokens). @default - none (valid only with "databricks-managed") */
  readonly securityGroupIds?: readonly string[];
  /** Instance-profile role ARNs Databricks may pass to clusters. @default - no iam:PassRole at all. Never "*". */
  readonly passRoleArns?: readonly string[];
}
