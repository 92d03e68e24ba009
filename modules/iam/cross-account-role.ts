import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { crossAccountRoleName } from "../core/iam-names";
import { PolicyDocument, renderPolicy } from "../core/policy";
import { throwIfProblems } from "../core/problems";
import { customerManagedVpcPolicy } from "./customer-managed-policy";
import { databricksManagedVpcPolicy } from "./databricks-managed-policy";
import { CrossAccountRoleProps } from "./props";
import { crossAccountTrustPolicy } from "./trust-policy";
import { crossAccountRoleProblems } from "./validation";

/**
 * The cross-account IAM role Databricks assumes to launch cluster instances in this account (databricks/terraform-provider-databricks:aws/data_aws_assume_role_policy.go; databricks/terraform-provider-databricks:aws/data_aws_crossaccount_policy.go; databricks/terraform-databricks-sra:aws/tf/credential.tf):
 * trusted by Databricks' AWS account of the region's partition with the Databricks account id as external id,
 * with an inline policy scoped to the workspace VPC (customer-managed) or the provider's `managed` policy
 * (Databricks-managed VPC). Its name, region and both account ids come from the {@link DeploymentContext}.
 *
 * Databricks validates the role's policy when the role is registered (`databricks_mws_credentials`): order the
 * registration after {@link policy}, not only after the role ({@link roleArn} references the role alone).
 *
 * Construct ids below are part of the Terraform state contract: renaming one replaces the resource.
 */
export class CrossAccountRole extends Construct {
  /** The IAM role, `<prefix>-cross-account`. */
  public readonly role: IamRole;
  /** The role's ARN (a reference to the role). */
  public readonly roleArn: string;
  /** The role's name (a reference to the role). */
  public readonly roleName: string;
  /** The inline permissions policy (`aws_iam_role_policy`). */
  public readonly policy: IamRolePolicy;
  /** The trust policy as data (what {@link role} holds, before rendering). */
  public readonly assumeRolePolicyDocument: PolicyDocument;
  /** The permissions policy as data (what {@link policy} holds, before rendering). */
  public readonly policyDocument: PolicyDocument;

  constructor(scope: Construct, id: string, props: CrossAccountRoleProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`CrossAccountRole ${this.node.path}`, crossAccountRoleProblems(props, ctx));
    // `<prefix>-cross-account`: at most 32 + 14 characters, within IAM's 64 (the context bounds the prefix).
    const roleName = crossAccountRoleName(ctx.resourcePrefix);
    const { region, awsAccountId, databricksAccountId } = ctx;

    this.assumeRolePolicyDocument = crossAccountTrustPolicy({ region, databricksAccountId });
    this.policyDocument = props.networkMode === "customer-managed"
      ? customerManagedVpcPolicy({ region, awsAccountId, vpcId: props.vpcId!, securityGroupIds: props.securityGroupIds!, passRoleArns: props.passRoleArns })
      : databricksManagedVpcPolicy({ region, passRoleArns: props.passRoleArns });

    this.role = new IamRole(this, "role", {
      name: roleName,
      description: `Databricks cross-account role (${props.networkMode} VPC)`,
      assumeRolePolicy: renderPolicy(this.assumeRolePolicyDocument),
    });
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;
    this.policy = new IamRolePolicy(this, "policy", {
      name: `${roleName}-policy`,
      role: this.role.id,
      policy: renderPolicy(this.policyDocument),
    });
  }
}
