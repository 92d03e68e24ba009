import { partitionOf } from "../core/constants";
import { accountRoot, policyDocument, PolicyDocument, PolicyStatement } from "../core/policy";

/**
 * Policies of the cross-account role Databricks assumes to launch cluster instances, as pure functions
 * (no cdktf, no data sources). Sources: ../shared/reference/databricks-on-aws.md §C.2–§C.4, checked against
 * `databricks/terraform-provider-databricks:aws/data_aws_crossaccount_policy.go` and
 * `databricks/terraform-databricks-sra:aws/tf/credential.tf`.
 *
 * Inputs may hold Terraform tokens (VPC and security group ids, account ids); they resolve inside the JSON.
 */

// ---------------------------------------------------------------------------------------------------------
// Databricks-managed VPC: the provider's `databricks_aws_crossaccount_policy` (reference §C.3)
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

// ---------------------------------------------------------------------------------------------------------
// Customer-managed VPC: the SRA hand-written scoped policy (reference §C.4), statements 1–12
// ---------------------------------------------------------------------------------------------------------

/** §C.4 statement 1 `CreateEC2ResourcesWithRequestTag`: creations that must carry `Vendor=Databricks`. */
export const SRA_CREATE_WITH_REQUEST_TAG_ACTIONS: readonly string[] = [
  "ec2:CreateFleet",
  "ec2:CreateLaunchTemplate",
  "ec2:CreateLaunchTemplateVersion",
  "ec2:CreateVolume",
  "ec2:RequestSpotInstances",
  "ec2:RunInstances",
];

/** §C.4 statement 2 `AllowDatabricksTagOnCreate`: tagging, only as part of these creations (`ec2:CreateAction`). */
export const SRA_TAG_ON_CREATE_ACTIONS: readonly string[] = ["ec2:CreateTags"];
/** The `ec2:CreateAction` values statement 2 admits. */
export const SRA_TAG_ON_CREATE_CREATE_ACTIONS: readonly string[] = [
  "CreateFleet",
  "CreateLaunchTemplate",
  "CreateVolume",
  "RequestSpotInstances",
  "RunInstances",
];

/**
 * §C.4 statement 3 `ModifyEC2ResourcesByResourceTags`: changes to resources already tagged `Vendor=Databricks`.
 * Kept exactly as the SRA writes it. Note: it lacks `ec2:ReplaceIamInstanceProfileAssociation`, which the
 * provider grants in every policy type (§C.3 customer list; `restricted` `InstancePoolsSupport`); the SRA runs
 * without it, so we do not add it here.
 */
export const SRA_MODIFY_BY_RESOURCE_TAG_ACTIONS: readonly string[] = [
  "ec2:AssignPrivateIpAddresses",
  "ec2:AssociateIamInstanceProfile",
  "ec2:AttachVolume",
  "ec2:CancelSpotInstanceRequests",
  "ec2:CreateLaunchTemplateVersion",
  "ec2:DetachVolume",
  "ec2:DisassociateIamInstanceProfile",
  "ec2:ModifyFleet",
  "ec2:ModifyLaunchTemplate",
  "ec2:RequestSpotInstances",
  "ec2:CreateFleet",
  "ec2:CreateLaunchTemplate",
  "ec2:CreateVolume",
  "ec2:RunInstances",
];

/** §C.4 statement 4 `GetEC2LaunchTemplateDataByTag`. */
export const SRA_GET_LAUNCH_TEMPLATE_DATA_ACTIONS: readonly string[] = ["ec2:GetLaunchTemplateData"];

/** §C.4 statement 5 `DeleteEC2ResourcesByTag`. */
export const SRA_DELETE_BY_TAG_ACTIONS: readonly string[] = [
  "ec2:DeleteFleets",
  "ec2:DeleteLaunchTemplate",
  "ec2:DeleteLaunchTemplateVersions",
  "ec2:DeleteTags",
  "ec2:DeleteVolume",
  "ec2:TerminateInstances",
];

/** §C.4 statement 6 `DescribeEC2Resources`: read-only calls, on `*` (most Describe* calls support no resource scoping). */
export const SRA_DESCRIBE_ACTIONS: readonly string[] = [
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeFleetHistory",
  "ec2:DescribeFleetInstances",
  "ec2:DescribeVpcAttribute",
  "ec2:DescribeFleets",
  "ec2:DescribeIamInstanceProfileAssociations",
  "ec2:DescribeInstanceStatus",
  "ec2:DescribeInstances",
  "ec2:DescribeInternetGateways",
  "ec2:DescribeLaunchTemplates",
  "ec2:DescribeLaunchTemplateVersions",
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
  "ec2:DescribeVpcs",
  "ec2:GetSpotPlacementScores",
];

/** §C.4 statement 7 `AllowEC2TaggingOnDatabricksResources`. */
export const SRA_TAGGING_ACTIONS: readonly string[] = ["ec2:CreateTags", "ec2:DeleteTags"];

/** §C.4 statements 8 and 9 `RestrictAMIUsageToDatabricks{Deny,Allow}`: launches whose AMI must be Databricks'. */
export const SRA_AMI_ACTIONS: readonly string[] = ["ec2:RunInstances", "ec2:CreateFleet", "ec2:RequestSpotInstances"];

/** §C.4 statement 10 `AllowRunInstancesWithScopedResources`: subnets and security groups of the workspace VPC. */
export const SRA_SCOPED_RUN_INSTANCES_ACTIONS: readonly string[] = ["ec2:RunInstances"];

/**
 * §C.4 statement 11 `IAMRoleForEC2Spot`. The SRA grants `iam:CreateServiceLinkedRole` only; the provider's
 * data source (§C.3) adds `iam:PutRolePolicy`. We follow the SRA here: a service-linked role's policy is
 * AWS-managed, so the caller never needs to put one.
 */
export const SRA_SPOT_SERVICE_LINKED_ROLE_ACTIONS: readonly string[] = ["iam:CreateServiceLinkedRole"];

/** §C.4 statement 12 `VpcNonresourceSpecificActions`: rule changes on the workspace's security groups only. */
export const SRA_SECURITY_GROUP_RULE_ACTIONS: readonly string[] = [
  "ec2:AuthorizeSecurityGroupEgress",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:RevokeSecurityGroupEgress",
  "ec2:RevokeSecurityGroupIngress",
];

/** The tag Databricks puts on everything it launches; the customer-managed policy keys on it. */
export const DATABRICKS_VENDOR_TAG = { key: "Vendor", value: "Databricks" } as const;

/** Statement ids of the customer-managed policy, in order (§C.4). */
export const CUSTOMER_MANAGED_VPC_SIDS = [
  "CreateEC2ResourcesWithRequestTag",
  "AllowDatabricksTagOnCreate",
  "ModifyEC2ResourcesByResourceTags",
  "GetEC2LaunchTemplateDataByTag",
  "DeleteEC2ResourcesByTag",
  "DescribeEC2Resources",
  "AllowEC2TaggingOnDatabricksResources",
  "RestrictAMIUsageToDatabricksDeny",
  "RestrictAMIUsageToDatabricksAllow",
  "AllowRunInstancesWithScopedResources",
  "IAMRoleForEC2Spot",
  "VpcNonresourceSpecificActions",
] as const;

/** Sid of the optional `iam:PassRole` statement (both modes). */
export const PASS_ROLE_SID = "PassInstanceProfileRoles";

// ---------------------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------------------

/** Input of {@link crossAccountTrustPolicy}. */
export interface CrossAccountTrustPolicyProps {
  /** Literal region; picks the partition of Databricks' principal. */
  readonly region: string;
  /** The Databricks account id: the trust policy's `sts:ExternalId`. */
  readonly databricksAccountId: string;
}

/**
 * Trust policy (§C.2, what `data.databricks_aws_assume_role_policy` renders): Databricks' AWS account of the
 * region's partition may assume the role, only with the Databricks account id as external id.
 */
export function crossAccountTrustPolicy({ region, databricksAccountId }: CrossAccountTrustPolicyProps): PolicyDocument {
  const p = partitionOf(region);
  return policyDocument({
    Effect: "Allow",
    Principal: { AWS: accountRoot(p.name, p.databricksAwsAccountId) },
    Action: ["sts:AssumeRole"],
    Condition: { StringEquals: { "sts:ExternalId": databricksAccountId } },
  });
}

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

/** Input of {@link customerManagedVpcPolicy}. */
export interface CustomerManagedVpcPolicyProps {
  /** Literal region; scopes the ARNs and picks the partition and Databricks' AMI owner. */
  readonly region: string;
  /** The customer's AWS account id; scopes the ARNs. */
  readonly awsAccountId: string;
  /** The workspace VPC id (may be a token). */
  readonly vpcId: string;
  /** The security groups clusters use (each may be a token). */
  readonly securityGroupIds: readonly string[];
  /** Instance-profile role ARNs Databricks may pass to clusters. @default - no iam:PassRole statement */
  readonly passRoleArns?: readonly string[];
}

/**
 * Cross-account policy for a customer-managed VPC: the SRA's scoped policy (§C.4, statements 1–12, same Sids,
 * actions, resources and conditions). Launches and changes are limited to resources tagged `Vendor=Databricks`
 * in this account and region, to Databricks' AMIs, and to the workspace VPC's subnets and security groups;
 * the policy grants no right to create or change network infrastructure.
 *
 * One difference from the SRA: statement 12 lists every given security group (the SRA takes exactly one).
 */
export function customerManagedVpcPolicy(props: CustomerManagedVpcPolicyProps): PolicyDocument {
  const { region, awsAccountId, vpcId, securityGroupIds, passRoleArns } = props;
  const p = partitionOf(region);
  const ec2 = (type: string) => `arn:${p.name}:ec2:${region}:${awsAccountId}:${type}`;
  const all = (...types: string[]) => types.map((t) => ec2(`${t}/*`));
  const vpcArn = ec2(`vpc/${vpcId}`);
  const requestTag = { [`aws:RequestTag/${DATABRICKS_VENDOR_TAG.key}`]: DATABRICKS_VENDOR_TAG.value };
  const resourceTag = { StringEquals: { [`ec2:ResourceTag/${DATABRICKS_VENDOR_TAG.key}`]: DATABRICKS_VENDOR_TAG.value } };
  const taggedResources = all("instance", "volume", "network-interface", "launch-template", "fleet", "spot-instance-request");
  const images = `arn:${p.name}:ec2:*:*:image/*`;
  const [s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12] = CUSTOMER_MANAGED_VPC_SIDS;

  return policyDocument(
    {
      Sid: s1, Effect: "Allow", Action: SRA_CREATE_WITH_REQUEST_TAG_ACTIONS,
      Resource: all("volume", "instance", "fleet", "launch-template", "network-interface"),
      Condition: { StringEquals: requestTag },
    },
    {
      Sid: s2, Effect: "Allow", Action: SRA_TAG_ON_CREATE_ACTIONS,
      Resource: all("volume", "instance", "launch-template", "fleet", "network-interface"),
      Condition: { StringEquals: { "ec2:CreateAction": SRA_TAG_ON_CREATE_CREATE_ACTIONS, ...requestTag } },
    },
    { Sid: s3, Effect: "Allow", Action: SRA_MODIFY_BY_RESOURCE_TAG_ACTIONS, Resource: taggedResources, Condition: resourceTag },
    { Sid: s4, Effect: "Allow", Action: SRA_GET_LAUNCH_TEMPLATE_DATA_ACTIONS, Resource: all("volume", "instance", "fleet"), Condition: resourceTag },
    { Sid: s5, Effect: "Allow", Action: SRA_DELETE_BY_TAG_ACTIONS, Resource: taggedResources, Condition: resourceTag },
    { Sid: s6, Effect: "Allow", Action: SRA_DESCRIBE_ACTIONS, Resource: "*" },
    { Sid: s7, Effect: "Allow", Action: SRA_TAGGING_ACTIONS, Resource: taggedResources, Condition: resourceTag },
    // Deny + Allow pair: the Deny holds even if another policy on the role allowed every image.
    { Sid: s8, Effect: "Deny", Action: SRA_AMI_ACTIONS, Resource: images, Condition: { StringNotEquals: { "ec2:Owner": p.databricksAmiOwner } } },
    { Sid: s9, Effect: "Allow", Action: SRA_AMI_ACTIONS, Resource: images, Condition: { StringEquals: { "ec2:Owner": p.databricksAmiOwner } } },
    {
      Sid: s10, Effect: "Allow", Action: SRA_SCOPED_RUN_INSTANCES_ACTIONS, Resource: all("subnet", "security-group"),
      Condition: { StringEqualsIfExists: { "ec2:vpc": vpcArn } },
    },
    {
      Sid: s11, Effect: "Allow", Action: SRA_SPOT_SERVICE_LINKED_ROLE_ACTIONS, Resource: spotServiceLinkedRoleArn(p.name),
      Condition: { StringLike: { "iam:AWSServiceName": "spot.amazonaws.com" } },
    },
    {
      Sid: s12, Effect: "Allow", Action: SRA_SECURITY_GROUP_RULE_ACTIONS,
      Resource: securityGroupIds.map((sg) => ec2(`security-group/${sg}`)),
      Condition: { StringEquals: { "ec2:vpc": vpcArn } },
    },
    ...passRoleStatements(passRoleArns),
  );
}

/** §C.3 statement 3: `iam:PassRole` on exactly the given role ARNs; no statement for none. */
export function passRoleStatements(passRoleArns: readonly string[] | undefined): PolicyStatement[] {
  if (!passRoleArns || passRoleArns.length === 0) return [];
  return [{ Sid: PASS_ROLE_SID, Effect: "Allow", Action: ["iam:PassRole"], Resource: [...passRoleArns] }];
}

/** The EC2 Spot service-linked role, any account (as both the provider and the SRA write it). */
function spotServiceLinkedRoleArn(partition: string): string {
  return `arn:${partition}:iam::*:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`;
}
