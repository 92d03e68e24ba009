import { partitionOf } from "../core/constants";
import { policyDocument, PolicyDocument } from "../core/policy";
import { passRoleStatements, spotServiceLinkedRoleArn } from "./statements";

// ---------------------------------------------------------------------------------------------------------
// Customer-managed VPC: the SRA hand-written scoped policy (databricks/terraform-databricks-sra:aws/tf/credential.tf), statements 1–12. Pure functions, like
// ./databricks-managed-policy.ts (sources there).
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

/**
 * §C.4 statement 4 `GetEC2LaunchTemplateDataByTag`, on instances only: the Reference gives GetLaunchTemplateData
 * the `instance` resource type alone (the SRA also lists volumes and fleets, which match nothing).
 */
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

/**
 * §C.4 statement 10 `AllowRunInstancesWithScopedResources`: launches into subnets and security groups of the
 * workspace VPC. The SRA lists RunInstances only; RequestSpotInstances authorizes the same `subnet` and
 * `security-group` resources (AWS Service Authorization Reference, Amazon EC2, "Actions":
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html), so without it here a
 * Spot request could never name its subnet or security group.
 */
export const SRA_SCOPED_RUN_INSTANCES_ACTIONS: readonly string[] = ["ec2:RunInstances", "ec2:RequestSpotInstances"];

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
 * Differences from the SRA: statement 12 lists every given security group (the SRA takes exactly one); the Spot
 * request resource type is spelt as AWS spells it (`spot-instances-request`); statement 4 names instances only;
 * statement 10 also lets
 * RequestSpotInstances (not only RunInstances) use the VPC's subnets and security groups and the Spot request.
 * RequestSpotInstances' other optional types (key-pair, placement-group, snapshot) stay ungranted, as for
 * RunInstances in the SRA: Databricks' launches name none of them.
 */
export function customerManagedVpcPolicy(props: CustomerManagedVpcPolicyProps): PolicyDocument {
  const { region, awsAccountId, vpcId, securityGroupIds, passRoleArns } = props;
  const p = partitionOf(region);
  const ec2 = (type: string) => `arn:${p.name}:ec2:${region}:${awsAccountId}:${type}`;
  const all = (...types: string[]) => types.map((t) => ec2(`${t}/*`));
  const vpcArn = ec2(`vpc/${vpcId}`);
  const requestTag = { [`aws:RequestTag/${DATABRICKS_VENDOR_TAG.key}`]: DATABRICKS_VENDOR_TAG.value };
  const resourceTag = { StringEquals: { [`ec2:ResourceTag/${DATABRICKS_VENDOR_TAG.key}`]: DATABRICKS_VENDOR_TAG.value } };
  // `spot-instances-request` is how AWS's Service Authorization Reference spells the resource type (the SRA writes
  // `spot-instance-request`, which matches nothing, so CancelSpotInstanceRequests was granted on nothing).
  const taggedResources = all("instance", "volume", "network-interface", "launch-template", "fleet", "spot-instances-request");
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
    { Sid: s4, Effect: "Allow", Action: SRA_GET_LAUNCH_TEMPLATE_DATA_ACTIONS, Resource: all("instance"), Condition: resourceTag },
    { Sid: s5, Effect: "Allow", Action: SRA_DELETE_BY_TAG_ACTIONS, Resource: taggedResources, Condition: resourceTag },
    { Sid: s6, Effect: "Allow", Action: SRA_DESCRIBE_ACTIONS, Resource: "*" },
    { Sid: s7, Effect: "Allow", Action: SRA_TAGGING_ACTIONS, Resource: taggedResources, Condition: resourceTag },
    // Deny + Allow pair: the Deny holds even if another policy on the role allowed every image.
    { Sid: s8, Effect: "Deny", Action: SRA_AMI_ACTIONS, Resource: images, Condition: { StringNotEquals: { "ec2:Owner": p.databricksAmiOwner } } },
    { Sid: s9, Effect: "Allow", Action: SRA_AMI_ACTIONS, Resource: images, Condition: { StringEquals: { "ec2:Owner": p.databricksAmiOwner } } },
    {
      // The Spot request a launch creates (RunInstances with Spot options, RequestSpotInstances, where the
      // Reference marks it required) has no VPC key: StringEqualsIfExists lets it through, as the SRA meant.
      Sid: s10, Effect: "Allow", Action: SRA_SCOPED_RUN_INSTANCES_ACTIONS, Resource: all("subnet", "security-group", "spot-instances-request"),
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
