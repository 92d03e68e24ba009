import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { Partition, PARTITIONS, REGIONS } from "../core/constants";
import { awsAccountIdProblems, databricksAccountIdProblems, regionProblems } from "../core/ids";
import { Problem, throwIfProblems } from "../core/problems";
import { CROSS_ACCOUNT_ROLE_SUFFIX, ROLE_NAME_MAX_LENGTH, ROLE_NAME_PATTERN } from "../core/iam-names";
import { crossAccountTrustPolicy, customerManagedVpcPolicy, databricksManagedVpcPolicy } from "./cross-account-policy";
import { PolicyDocument, renderPolicy } from "../core/policy";

/** Who owns the workspace VPC: the customer (this project's default) or Databricks. */
export type WorkspaceNetworkMode = "customer-managed" | "databricks-managed";
export const WORKSPACE_NETWORK_MODES: readonly WorkspaceNetworkMode[] = ["customer-managed", "databricks-managed"];

/** A workspace takes 1 to 5 security groups (Databricks network configuration). */
export const SECURITY_GROUP_COUNT = { min: 1, max: 5 } as const;

/** Props of {@link CrossAccountRole}. */
export interface CrossAccountRoleProps {
  /** Prefix of the role name: `<prefix>-cross-account`; policy name `<prefix>-cross-account-policy`. */
  readonly namePrefix: string;
  /** Literal AWS region of the workspace: selects the partition (aws / aws-us-gov) and the ARNs' region. */
  readonly region: string;
  /** The customer's AWS account id (12 digits; may be a token); scopes the ARNs. */
  readonly awsAccountId: string;
  /** The Databricks account id (lowercase UUID; may be a token): the trust policy's `sts:ExternalId` and nothing else. */
  readonly databricksAccountId: string;
  /** Customer-managed VPC (scoped SRA policy) or Databricks-managed VPC (the provider's wider `managed` policy). */
  readonly networkMode: WorkspaceNetworkMode;
  /** customer-managed only (required there, rejected for databricks-managed): the workspace VPC id (may be a Terraform token). @default - none (valid only with "databricks-managed") */
  readonly vpcId?: string;
  /** customer-managed only (required there, 1–5): the security group ids clusters use (may be tokens). @default - none (valid only with "databricks-managed") */
  readonly securityGroupIds?: readonly string[];
  /** Instance-profile role ARNs Databricks may pass to clusters. @default - no iam:PassRole at all. Never "*". */
  readonly passRoleArns?: readonly string[];
}

/**
 * The cross-account IAM role Databricks assumes to launch cluster instances in this account (reference §C.2–§C.4):
 * trusted by Databricks' AWS account of the region's partition with the Databricks account id as external id,
 * with an inline policy scoped to the workspace VPC (customer-managed) or the provider's `managed` policy
 * (Databricks-managed VPC).
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
    throwIfProblems(`CrossAccountRole ${this.node.path}`, crossAccountRoleProblems(props));
    const roleName = `${props.namePrefix}${CROSS_ACCOUNT_ROLE_SUFFIX}`;

    this.assumeRolePolicyDocument = crossAccountTrustPolicy(props);
    this.policyDocument = props.networkMode === "customer-managed"
      ? customerManagedVpcPolicy({ ...props, vpcId: props.vpcId!, securityGroupIds: props.securityGroupIds! })
      : databricksManagedVpcPolicy(props);

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

const AWS_ID = (kind: string) => new RegExp(`^${kind}-([0-9a-f]{8}|[0-9a-f]{17})$`);
/** A role ARN: optional path of IAM name characters, then the role name. No wildcards can match. */
const ROLE_ARN = (partition: string) => new RegExp(`^arn:${partition}:iam::\\d{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$`);

/** Every problem with the props of a {@link CrossAccountRole}; format checks skip Terraform tokens. */
export function crossAccountRoleProblems(props: CrossAccountRoleProps): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const literal = (value: string) => !Token.isUnresolved(value);

  // namePrefix: the role name must be a valid IAM role name.
  if (literal(props.namePrefix)) {
    const roleName = `${props.namePrefix}${CROSS_ACCOUNT_ROLE_SUFFIX}`;
    const maxPrefix = ROLE_NAME_MAX_LENGTH - CROSS_ACCOUNT_ROLE_SUFFIX.length;
    if (props.namePrefix.length === 0) add("namePrefix", props.namePrefix, "must not be empty");
    else if (!ROLE_NAME_PATTERN.test(props.namePrefix)) {
      add("namePrefix", props.namePrefix, "may contain only letters, digits and _ + = , . @ - (IAM role names match [\\w+=,.@-]+)");
    }
    if (roleName.length > ROLE_NAME_MAX_LENGTH) {
      add("namePrefix", props.namePrefix,
        `makes the role name ${roleName.length} characters long; IAM allows ${ROLE_NAME_MAX_LENGTH}, so the prefix may have at most ${maxPrefix}`);
    }
  }

  const region = REGIONS[props.region];
  problems.push(...regionProblems(props.region, "the partition of the policies' ARNs"));
  problems.push(...awsAccountIdProblems(props.awsAccountId));
  problems.push(...databricksAccountIdProblems(props.databricksAccountId, "the trust policy matches the sts:ExternalId exactly"));

  if (!WORKSPACE_NETWORK_MODES.includes(props.networkMode)) {
    add("networkMode", props.networkMode, `must be one of ${WORKSPACE_NETWORK_MODES.map((m) => JSON.stringify(m)).join(", ")}`);
  } else if (props.networkMode === "customer-managed") {
    problems.push(...customerManagedProblems(props));
  } else {
    const why = "Databricks creates the VPC and its security groups itself in this mode; pass them only with networkMode \"customer-managed\"";
    if (props.vpcId !== undefined) add("vpcId", props.vpcId, `must not be set for networkMode "databricks-managed": ${why}`);
    if (props.securityGroupIds !== undefined) add("securityGroupIds", props.securityGroupIds, `must not be set for networkMode "databricks-managed": ${why}`);
  }

  problems.push(...passRoleProblems(props.passRoleArns, region?.partition));
  return problems;
}

function customerManagedProblems(props: CrossAccountRoleProps): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const { vpcId, securityGroupIds } = props;

  if (vpcId === undefined) {
    add("vpcId", undefined, 'is required for networkMode "customer-managed": the policy scopes RunInstances and security group changes to this VPC');
  } else if (!Token.isUnresolved(vpcId) && !AWS_ID("vpc").test(vpcId)) {
    add("vpcId", vpcId, "is not a VPC id (vpc- followed by 8 or 17 hex digits)");
  }

  const { min, max } = SECURITY_GROUP_COUNT;
  if (securityGroupIds === undefined) {
    add("securityGroupIds", undefined, `is required for networkMode "customer-managed": ${min} to ${max} security group ids the clusters use`);
  } else if (Token.isUnresolved(securityGroupIds)) {
    add("securityGroupIds", "<list token>", "must be a literal list (its elements may be tokens): each security group becomes its own ARN in the policy");
  } else {
    if (securityGroupIds.length < min || securityGroupIds.length > max) {
      add("securityGroupIds", securityGroupIds, `needs ${min} to ${max} ids: a workspace takes ${min} to ${max} security groups`);
    }
    securityGroupIds.forEach((sg, i) => {
      if (Token.isUnresolved(sg)) return;
      if (!AWS_ID("sg").test(sg)) add(`securityGroupIds[${i}]`, sg, "is not a security group id (sg- followed by 8 or 17 hex digits)");
      else if (securityGroupIds.indexOf(sg) !== i) add(`securityGroupIds[${i}]`, sg, "is listed twice");
    });
  }
  return problems;
}

function passRoleProblems(arns: readonly string[] | undefined, partition: Partition | undefined): Problem[] {
  if (arns === undefined) return [];
  if (Token.isUnresolved(arns)) {
    return [{ path: "passRoleArns", value: "<list token>", message: "must be a literal list (its elements may be tokens): the policy lists each role ARN" }];
  }
  const problems: Problem[] = [];
  const partitions = partition ? [partition] : (Object.keys(PARTITIONS) as Partition[]);
  const shape = `arn:${partitions.join("|")}:iam::<12 digits>:role/<optional path/><role name>`;
  arns.forEach((arn, i) => {
    const add = (message: string) => problems.push({ path: `passRoleArns[${i}]`, value: arn, message });
    if (Token.isUnresolved(arn)) return;
    if (arn === "*") add("must not be \"*\": Databricks could then pass any role in the account to its clusters; list the instance-profile role ARNs");
    else if (/[*?]/.test(arn)) add("must not contain wildcards (* or ?): list each instance-profile role ARN");
    else if (!partitions.some((p) => ROLE_ARN(p).test(arn))) add(`is not an IAM role ARN of the region's partition: ${shape}`);
    else if (arns.indexOf(arn) !== i) add("is listed twice");
  });
  return problems;
}
