import { partitionOf } from "../core/constants";
import { policyDocument, PolicyDocument } from "../core/policy";
import { passRoleStatements, spotServiceLinkedRoleArn } from "./statements";

/**
 * Policies of the cross-account role Databricks assumes to launch cluster instances, as pure functions
 * (no cdktf, no data sources). Sources: `databricks/terraform-provider-databricks:aws/data_aws_crossaccount_policy.go`
 * (base, customer and managed action lists, the Spot role statement), `aws/data_aws_assume_role_policy.go` (trust)
 * and `databricks/terraform-databricks-sra:aws/tf/credential.tf` (the scoped customer-managed VPC policy).
 *
 * Inputs may hold Terraform tokens (VPC and security group ids, account ids); they resolve inside the JSON.
 */

// ---------------------------------------------------------------------------------------------------------
// Databricks-managed VPC: the provider's `databricks_aws_crossaccount_policy` (databricks/terraform-provider-databricks:aws/data_aws_crossaccount_policy.go)
// ---------------------------------------------------------------------------------------------------------

/** §C.3 "Base (all types, 37)": granted on `*` by every policy type of the provider's data source; provider order. */
export const CROSS_ACCOUNT_BASE_ACTIONS: readonly string[] = [
  "ec2:AssignPrivateIpAddresses",
  "ec2:CancelSpotInstanceRequests",
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeIamInstanceProfileAssociations",
  "ec2:DescribeInstanceStatus",
  "ec2:DescribeInstances",
  "ec2:DescribeInternetGateways",
  "ec2:DescribeNatGateways",
  "ec2:DescribeNetworkAcls",
  "ec2:DescribePrefixLists",
  "ec2:DescribeReservedInstancesOfferings",
  "ec2:DescribeRouteTables",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSpotInstanceRequests",
  "ec2:DescribeSpotPriceHistory",
  "ec2:DescribeSubnets",
  "ec2:DescribeVolumes",
  "ec2:DescribeVpcAttribute",
  "ec2:DescribeVpcs",
  "ec2:CreateTags",
  "ec2:DeleteTags",
  "ec2:GetSpotPlacementScores",
  "ec2:RequestSpotInstances",
  "ec2:DescribeFleetHistory",
  "ec2:ModifyFleet",
  "ec2:DeleteFleets",
  "ec2:DescribeFleetInstances",
  "ec2:DescribeFleets",
  "ec2:CreateFleet",
  "ec2:DeleteLaunchTemplate",
  "ec2:GetLaunchTemplateData",
  "ec2:CreateLaunchTemplate",
  "ec2:DescribeLaunchTemplates",
  "ec2:DescribeLaunchTemplateVersions",
  "ec2:ModifyLaunchTemplate",
  "ec2:DeleteLaunchTemplateVersions",
  "ec2:CreateLaunchTemplateVersion",
];

/** §C.3 "+ customer and managed (13)": instance, volume and security-group rule changes, on `*`. */
export const CROSS_ACCOUNT_CUSTOMER_ACTIONS: readonly string[] = [
  "ec2:AssociateIamInstanceProfile",
  "ec2:AttachVolume",
  "ec2:AuthorizeSecurityGroupEgress",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:CreateVolume",
  "ec2:DeleteVolume",
  "ec2:DetachVolume",
  "ec2:DisassociateIamInstanceProfile",
  "ec2:ReplaceIamInstanceProfileAssociation",
  "ec2:RevokeSecurityGroupEgress",
  "ec2:RevokeSecurityGroupIngress",
  "ec2:RunInstances",
  "ec2:TerminateInstances",
];

/**
 * §C.3 "+ managed only (26)": what Databricks needs to build and tear down the VPC it owns (VPC, subnets,
 * route tables, internet and NAT gateways, Elastic IPs, security groups, DHCP options, VPC endpoints).
 * Never granted for a customer-managed VPC.
 */
export const CROSS_ACCOUNT_MANAGED_VPC_ONLY_ACTIONS: readonly string[] = [
  "ec2:AttachInternetGateway",
  "ec2:AllocateAddress",
  "ec2:AssociateDhcpOptions",
  "ec2:AssociateRouteTable",
  "ec2:CreateDhcpOptions",
  "ec2:CreateInternetGateway",
  "ec2:CreateNatGateway",
  "ec2:CreateRoute",
  "ec2:CreateRouteTable",
  "ec2:CreateSecurityGroup",
  "ec2:CreateSubnet",
  "ec2:CreateVpc",
  "ec2:CreateVpcEndpoint",
  "ec2:DeleteDhcpOptions",
  "ec2:DeleteInternetGateway",
  "ec2:DeleteNatGateway",
  "ec2:DeleteRoute",
  "ec2:DeleteRouteTable",
  "ec2:DeleteSecurityGroup",
  "ec2:DeleteSubnet",
  "ec2:DeleteVpc",
  "ec2:DeleteVpcEndpoints",
  "ec2:DetachInternetGateway",
  "ec2:DisassociateRouteTable",
  "ec2:ModifyVpcAttribute",
  "ec2:ReleaseAddress",
];

/** The provider's `policy_type = "managed"` statement 1 (§C.3): base + customer + managed-only, 76 actions on `*`. */
export const DATABRICKS_MANAGED_VPC_ACTIONS: readonly string[] = [
  ...CROSS_ACCOUNT_BASE_ACTIONS,
  ...CROSS_ACCOUNT_CUSTOMER_ACTIONS,
  ...CROSS_ACCOUNT_MANAGED_VPC_ONLY_ACTIONS,
];

/** §C.3 statement 2 (all provider policy types): create the EC2 Spot service-linked role and put its policy. */
export const SPOT_SERVICE_LINKED_ROLE_ACTIONS: readonly string[] = ["iam:CreateServiceLinkedRole", "iam:PutRolePolicy"];

/** Input of {@link databricksManagedVpcPolicy}. */
export interface DatabricksManagedVpcPolicyProps {
  /** Literal region; picks the partition of the ARNs. */
  readonly region: string;
  /** Instance-profile role ARNs Databricks may pass to clusters. @default - no iam:PassRole statement */
  readonly passRoleArns?: readonly string[];
}

/**
 * Cross-account policy for a Databricks-managed VPC: the provider's `policy_type = "managed"` (§C.3), i.e.
 * {@link DATABRICKS_MANAGED_VPC_ACTIONS} on `*` and the Spot service-linked-role statement. Databricks creates
 * the VPC in this account, so nothing can be scoped to a VPC or security group known in advance.
 */
export function databricksManagedVpcPolicy({ region, passRoleArns }: DatabricksManagedVpcPolicyProps): PolicyDocument {
  const p = partitionOf(region).name;
  return policyDocument(
    { Sid: "DatabricksManagedVpcEc2", Effect: "Allow", Action: DATABRICKS_MANAGED_VPC_ACTIONS, Resource: "*" },
    {
      Sid: "IAMRoleForEC2Spot",
      Effect: "Allow",
      Action: SPOT_SERVICE_LINKED_ROLE_ACTIONS,
      Resource: spotServiceLinkedRoleArn(p),
      Condition: { StringLike: { "iam:AWSServiceName": "spot.amazonaws.com" } },
    },
    ...passRoleStatements(passRoleArns),
  );
}
