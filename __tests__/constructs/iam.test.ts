import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContextProps } from "../../modules/core/context";
import { crossAccountRoleName } from "../../modules/core/iam-names";
import { CrossAccountRole, CrossAccountRoleProps, crossAccountRoleProblems } from "../../modules/iam";
import { ValidationError } from "../../modules/core/problems";
import { Json, refTo, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

const DATABRICKS_ACCOUNT = TEST_CONTEXT.databricksAccountId;
const VPC = "vpc-0123456789abcdef0";
const SG1 = "sg-0123456789abcdef0";
const SG2 = "sg-89abcdef";

const CUSTOMER: CrossAccountRoleProps = {
  networkMode: "customer-managed",
  vpcId: VPC,
  securityGroupIds: [SG1, SG2],
};

const MANAGED: CrossAccountRoleProps = { networkMode: "databricks-managed" };

/**
 * Union of the Allow actions of the SRA scoped policy, databricks/terraform-databricks-sra:aws/tf/credential.tf statements 1–7, 9–12, written out from
 * the reference text (not from the module's constants), sorted.
 */
const SRA_ALLOW_ACTIONS = [
  "ec2:AssignPrivateIpAddresses",
  "ec2:AssociateIamInstanceProfile",
  "ec2:AttachVolume",
  "ec2:AuthorizeSecurityGroupEgress",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:CancelSpotInstanceRequests",
  "ec2:CreateFleet",
  "ec2:CreateLaunchTemplate",
  "ec2:CreateLaunchTemplateVersion",
  "ec2:CreateTags",
  "ec2:CreateVolume",
  "ec2:DeleteFleets",
  "ec2:DeleteLaunchTemplate",
  "ec2:DeleteLaunchTemplateVersions",
  "ec2:DeleteTags",
  "ec2:DeleteVolume",
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeFleetHistory",
  "ec2:DescribeFleetInstances",
  "ec2:DescribeFleets",
  "ec2:DescribeIamInstanceProfileAssociations",
  "ec2:DescribeInstanceStatus",
  "ec2:DescribeInstances",
  "ec2:DescribeInternetGateways",
  "ec2:DescribeLaunchTemplateVersions",
  "ec2:DescribeLaunchTemplates",
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
  "ec2:DetachVolume",
  "ec2:DisassociateIamInstanceProfile",
  "ec2:GetLaunchTemplateData",
  "ec2:GetSpotPlacementScores",
  "ec2:ModifyFleet",
  "ec2:ModifyLaunchTemplate",
  "ec2:RequestSpotInstances",
  "ec2:RevokeSecurityGroupEgress",
  "ec2:RevokeSecurityGroupIngress",
  "ec2:RunInstances",
  "ec2:TerminateInstances",
  "iam:CreateServiceLinkedRole",
];

/** Reference §C.3 "+ managed only (26)", written out from the reference text. */
const MANAGED_ONLY_ACTIONS = [
  "ec2:AllocateAddress",
  "ec2:AssociateDhcpOptions",
  "ec2:AssociateRouteTable",
  "ec2:AttachInternetGateway",
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

/** Reference §C.3 base (37) + customer (13) + managed (26), written out from the reference text, sorted. */
const DATABRICKS_MANAGED_ACTIONS = [
  "ec2:AllocateAddress",
  "ec2:AssignPrivateIpAddresses",
  "ec2:AssociateDhcpOptions",
  "ec2:AssociateIamInstanceProfile",
  "ec2:AssociateRouteTable",
  "ec2:AttachInternetGateway",
  "ec2:AttachVolume",
  "ec2:AuthorizeSecurityGroupEgress",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:CancelSpotInstanceRequests",
  "ec2:CreateDhcpOptions",
  "ec2:CreateFleet",
  "ec2:CreateInternetGateway",
  "ec2:CreateLaunchTemplate",
  "ec2:CreateLaunchTemplateVersion",
  "ec2:CreateNatGateway",
  "ec2:CreateRoute",
  "ec2:CreateRouteTable",
  "ec2:CreateSecurityGroup",
  "ec2:CreateSubnet",
  "ec2:CreateTags",
  "ec2:CreateVolume",
  "ec2:CreateVpc",
  "ec2:CreateVpcEndpoint",
  "ec2:DeleteDhcpOptions",
  "ec2:DeleteFleets",
  "ec2:DeleteInternetGateway",
  "ec2:DeleteLaunchTemplate",
  "ec2:DeleteLaunchTemplateVersions",
  "ec2:DeleteNatGateway",
  "ec2:DeleteRoute",
  "ec2:DeleteRouteTable",
  "ec2:DeleteSecurityGroup",
  "ec2:DeleteSubnet",
  "ec2:DeleteTags",
  "ec2:DeleteVolume",
  "ec2:DeleteVpc",
  "ec2:DeleteVpcEndpoints",
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeFleetHistory",
  "ec2:DescribeFleetInstances",
  "ec2:DescribeFleets",
  "ec2:DescribeIamInstanceProfileAssociations",
  "ec2:DescribeInstanceStatus",
  "ec2:DescribeInstances",
  "ec2:DescribeInternetGateways",
  "ec2:DescribeLaunchTemplateVersions",
  "ec2:DescribeLaunchTemplates",
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
  "ec2:DetachInternetGateway",
  "ec2:DetachVolume",
  "ec2:DisassociateIamInstanceProfile",
  "ec2:DisassociateRouteTable",
  "ec2:GetLaunchTemplateData",
  "ec2:GetSpotPlacementScores",
  "ec2:ModifyFleet",
  "ec2:ModifyLaunchTemplate",
  "ec2:ModifyVpcAttribute",
  "ec2:ReleaseAddress",
  "ec2:ReplaceIamInstanceProfileAssociation",
  "ec2:RequestSpotInstances",
  "ec2:RevokeSecurityGroupEgress",
  "ec2:RevokeSecurityGroupIngress",
  "ec2:RunInstances",
  "ec2:TerminateInstances",
];

/** A role in a fresh stack whose context is TEST_CONTEXT with `context` over it. */
function synthRole(props: Partial<CrossAccountRoleProps> = {}, base: CrossAccountRoleProps = CUSTOMER, context: Partial<DeploymentContextProps> = {}): Json {
  return synthJson((scope) => {
    withContext(scope, context);
    new CrossAccountRole(scope, "cross-account", { ...base, ...props });
  });
}
const trustOf = (json: Json): Json => JSON.parse(resource(json, "aws_iam_role", "role").assume_role_policy);
const policyOf = (json: Json): Json => JSON.parse(resource(json, "aws_iam_role_policy", "policy").policy);
const statement = (doc: Json, sid: string): Json => {
  const found = doc.Statement.filter((s: Json) => s.Sid === sid);
  if (found.length !== 1) throw new Error(`expected one statement ${sid}, found ${found.length}`);
  return found[0];
};
const asList = (x: unknown): string[] => (x === undefined ? [] : Array.isArray(x) ? x : [x as string]);
const allowActions = (doc: Json): string[] =>
  [...new Set<string>(doc.Statement.filter((s: Json) => s.Effect === "Allow").flatMap((s: Json) => asList(s.Action)))].sort();
const everyAction = (doc: Json): string[] => doc.Statement.flatMap((s: Json) => asList(s.Action));

describe("CrossAccountRole: role, names and trust policy", () => {
  test.each([
    ["us-east-1", "arn:aws:iam::414351767826:root"],
    ["eu-west-1", "arn:aws:iam::414351767826:root"],
    ["us-gov-west-1", "arn:aws-us-gov:iam::044793339203:root"],
  ])("%s: Databricks' account of the partition, external id = the Databricks account id", (region, principal) => {
    expect(trustOf(synthRole({}, CUSTOMER, { region }))).toEqual({
      Version: "2012-10-17",
      Statement: [{
        Effect: "Allow",
        Principal: { AWS: principal },
        Action: ["sts:AssumeRole"],
        Condition: { StringEquals: { "sts:ExternalId": DATABRICKS_ACCOUNT } },
      }],
    });
  });

  test("the trust policy is the same in both network modes", () => {
    expect(trustOf(synthRole({}, MANAGED))).toEqual(trustOf(synthRole()));
  });

  test("the external id follows the context's Databricks account id", () => {
    const other = "ffffffff-1111-4222-8333-444444444444";
    expect(trustOf(synthRole({}, CUSTOMER, { databricksAccountId: other })).Statement[0].Condition).toEqual({ StringEquals: { "sts:ExternalId": other } });
  });

  test("role <prefix>-cross-account with one inline policy <prefix>-cross-account-policy", () => {
    const json = synthRole();
    expect(resources(json, "aws_iam_role")).toHaveLength(1);
    expect(resources(json, "aws_iam_role_policy")).toHaveLength(1);
    expect(resource(json, "aws_iam_role", "role")).toEqual({
      name: "dbx-test-cross-account",
      description: "Databricks cross-account role (customer-managed VPC)",
      assume_role_policy: JSON.stringify(trustOf(json)),
    });
    expect(resource(json, "aws_iam_role", "role").name).toBe(crossAccountRoleName(TEST_CONTEXT.resourcePrefix));
    expect(resource(synthRole({}, MANAGED), "aws_iam_role", "role").description).toBe("Databricks cross-account role (databricks-managed VPC)");
    expect(resource(synthRole({}, CUSTOMER, { resourcePrefix: "acme-prod" }), "aws_iam_role_policy", "policy").name).toBe("acme-prod-cross-account-policy");
    expect(resource(json, "aws_iam_role_policy", "policy")).toMatchObject({
      name: "dbx-test-cross-account-policy",
      role: refTo(json, "aws_iam_role", "role"),
    });
    // No managed-policy attachments, no data sources.
    expect(resources(json, "aws_iam_role_policy_attachment")).toHaveLength(0);
    expect(json.data).toBeUndefined();
  });

  test("roleArn and roleName reference the role", () => {
    let role: CrossAccountRole | undefined;
    const json = synthJson((scope) => {
      withContext(scope);
      role = new CrossAccountRole(scope, "cross-account", CUSTOMER);
      new SecurityGroup(scope, "uses-role", { name: role.roleName, description: role.roleArn });
    });
    expect(resource(json, "aws_security_group", "uses-role")).toMatchObject({
      name: refTo(json, "aws_iam_role", "role", "name"),
      description: refTo(json, "aws_iam_role", "role", "arn"),
    });
  });
});

describe("CrossAccountRole: customer-managed VPC (SRA scoped policy, databricks/terraform-databricks-sra:aws/tf/credential.tf)", () => {
  const doc = policyOf(synthRole());

  test("statements 1–12 in the SRA's order, with its Sids", () => {
    expect(doc.Statement.map((s: Json) => s.Sid)).toEqual([
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
    ]);
  });

  test("the Allow actions are exactly the union of the §C.4 lists", () => {
    expect(allowActions(doc)).toEqual(SRA_ALLOW_ACTIONS);
    expect(allowActions(doc)).toHaveLength(50);
  });

  test("no VPC-building action (§C.3 managed-only) and no wildcard action anywhere", () => {
    const actions = everyAction(doc);
    for (const action of MANAGED_ONLY_ACTIONS) expect(actions).not.toContain(action);
    expect(actions.filter((a) => a.includes("*"))).toEqual([]);
    expect(actions.filter((a) => /^ec2:(Create|Delete)(Vpc|Subnet|RouteTable|Route|InternetGateway|NatGateway|SecurityGroup|DhcpOptions)/.test(a))).toEqual([]);
  });

  test("only the Describe statement is on Resource *", () => {
    expect(doc.Statement.filter((s: Json) => asList(s.Resource).includes("*")).map((s: Json) => s.Sid)).toEqual(["DescribeEC2Resources"]);
  });

  test("creations carry Vendor=Databricks as a request tag; later actions need it as a resource tag", () => {
    expect(statement(doc, "CreateEC2ResourcesWithRequestTag")).toEqual({
      Sid: "CreateEC2ResourcesWithRequestTag", Effect: "Allow",
      Action: ["ec2:CreateFleet", "ec2:CreateLaunchTemplate", "ec2:CreateLaunchTemplateVersion", "ec2:CreateVolume", "ec2:RequestSpotInstances", "ec2:RunInstances"],
      Resource: [
        "arn:aws:ec2:us-east-1:123456789012:volume/*",
        "arn:aws:ec2:us-east-1:123456789012:instance/*",
        "arn:aws:ec2:us-east-1:123456789012:fleet/*",
        "arn:aws:ec2:us-east-1:123456789012:launch-template/*",
        "arn:aws:ec2:us-east-1:123456789012:network-interface/*",
      ],
      Condition: { StringEquals: { "aws:RequestTag/Vendor": "Databricks" } },
    });
    expect(statement(doc, "AllowDatabricksTagOnCreate").Condition).toEqual({
      StringEquals: {
        "ec2:CreateAction": ["CreateFleet", "CreateLaunchTemplate", "CreateVolume", "RequestSpotInstances", "RunInstances"],
        "aws:RequestTag/Vendor": "Databricks",
      },
    });
    for (const sid of ["ModifyEC2ResourcesByResourceTags", "GetEC2LaunchTemplateDataByTag", "DeleteEC2ResourcesByTag", "AllowEC2TaggingOnDatabricksResources"]) {
      expect(statement(doc, sid).Condition).toEqual({ StringEquals: { "ec2:ResourceTag/Vendor": "Databricks" } });
    }
    expect(statement(doc, "DeleteEC2ResourcesByTag").Resource).toEqual([
      "arn:aws:ec2:us-east-1:123456789012:instance/*",
      "arn:aws:ec2:us-east-1:123456789012:volume/*",
      "arn:aws:ec2:us-east-1:123456789012:network-interface/*",
      "arn:aws:ec2:us-east-1:123456789012:launch-template/*",
      "arn:aws:ec2:us-east-1:123456789012:fleet/*",
      "arn:aws:ec2:us-east-1:123456789012:spot-instances-request/*",
    ]);
  });

  test.each([
    ["us-east-1", "aws", "601306020600"],
    ["us-gov-west-1", "aws-us-gov", "044732911619"],
  ])("%s: launches only from Databricks' AMIs (Deny on other owners, Allow twin)", (region, partition, owner) => {
    const d = policyOf(synthRole({}, CUSTOMER, { region }));
    const actions = ["ec2:RunInstances", "ec2:CreateFleet", "ec2:RequestSpotInstances"];
    const images = `arn:${partition}:ec2:*:*:image/*`;
    expect(d.Statement.filter((s: Json) => s.Effect === "Deny")).toEqual([{
      Sid: "RestrictAMIUsageToDatabricksDeny", Effect: "Deny", Action: actions, Resource: images,
      Condition: { StringNotEquals: { "ec2:Owner": owner } },
    }]);
    expect(statement(d, "RestrictAMIUsageToDatabricksAllow")).toEqual({
      Sid: "RestrictAMIUsageToDatabricksAllow", Effect: "Allow", Action: actions, Resource: images,
      Condition: { StringEquals: { "ec2:Owner": owner } },
    });
  });

  test("the Spot request type is spelt as AWS spells it (spot-instances-request), in every tag-scoped statement", () => {
    const spot = "arn:aws:ec2:us-east-1:123456789012:spot-instances-request/*";
    for (const sid of ["ModifyEC2ResourcesByResourceTags", "DeleteEC2ResourcesByTag", "AllowEC2TaggingOnDatabricksResources"]) {
      expect(asList(statement(doc, sid).Resource)).toContain(spot);
    }
    expect(JSON.stringify(doc)).not.toContain("spot-instance-request");
  });

  test("GetLaunchTemplateData on tagged instances only (its one resource type)", () => {
    expect(statement(doc, "GetEC2LaunchTemplateDataByTag").Resource).toEqual(["arn:aws:ec2:us-east-1:123456789012:instance/*"]);
  });

  test("RunInstances and RequestSpotInstances on subnets, security groups and Spot requests only inside the workspace VPC", () => {
    expect(statement(doc, "AllowRunInstancesWithScopedResources")).toEqual({
      Sid: "AllowRunInstancesWithScopedResources", Effect: "Allow", Action: ["ec2:RunInstances", "ec2:RequestSpotInstances"],
      Resource: [
        "arn:aws:ec2:us-east-1:123456789012:subnet/*",
        "arn:aws:ec2:us-east-1:123456789012:security-group/*",
        "arn:aws:ec2:us-east-1:123456789012:spot-instances-request/*",
      ],
      Condition: { StringEqualsIfExists: { "ec2:vpc": `arn:aws:ec2:us-east-1:123456789012:vpc/${VPC}` } },
    });
  });

  test("security group rule changes only on the given groups, in the workspace VPC", () => {
    expect(statement(doc, "VpcNonresourceSpecificActions")).toEqual({
      Sid: "VpcNonresourceSpecificActions", Effect: "Allow",
      Action: ["ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress"],
      Resource: [`arn:aws:ec2:us-east-1:123456789012:security-group/${SG1}`, `arn:aws:ec2:us-east-1:123456789012:security-group/${SG2}`],
      Condition: { StringEquals: { "ec2:vpc": `arn:aws:ec2:us-east-1:123456789012:vpc/${VPC}` } },
    });
  });

  test("Spot service-linked role: CreateServiceLinkedRole only (no PutRolePolicy)", () => {
    expect(statement(doc, "IAMRoleForEC2Spot")).toEqual({
      Sid: "IAMRoleForEC2Spot", Effect: "Allow", Action: ["iam:CreateServiceLinkedRole"],
      Resource: "arn:aws:iam::*:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot",
      Condition: { StringLike: { "iam:AWSServiceName": "spot.amazonaws.com" } },
    });
  });

  test("every EC2 ARN names the given region and account (images: any, they are Databricks')", () => {
    const d = policyOf(synthRole({}, CUSTOMER, { region: "eu-west-1", awsAccountId: "210987654321" }));
    const arns = d.Statement.flatMap((s: Json) => asList(s.Resource)).filter((r: string) => r.startsWith("arn:aws:ec2:"));
    expect(arns.length).toBeGreaterThan(30);
    for (const arn of arns) expect(arn).toMatch(/^arn:aws:ec2:(eu-west-1:210987654321:|\*:\*:image\/\*$)/);
    expect(statement(d, "VpcNonresourceSpecificActions").Condition.StringEquals["ec2:vpc"]).toBe(`arn:aws:ec2:eu-west-1:210987654321:vpc/${VPC}`);
  });

  test("GovCloud: every ARN in the aws-us-gov partition", () => {
    const d = policyOf(synthRole({}, CUSTOMER, { region: "us-gov-west-1" }));
    const arns = d.Statement.flatMap((s: Json) => asList(s.Resource)).filter((r: string) => r !== "*");
    for (const arn of arns) expect(arn).toMatch(/^arn:aws-us-gov:(ec2|iam):/);
    expect(JSON.stringify(d)).not.toMatch(/arn:aws:/);
  });

  test("VPC and security group ids may be Terraform references", () => {
    const json = synthJson((scope) => {
      withContext(scope);
      const vpc = new Vpc(scope, "vpc", { cidrBlock: "10.0.0.0/16" });
      const sg = new SecurityGroup(scope, "sg", { vpcId: vpc.id });
      new CrossAccountRole(scope, "cross-account", { ...CUSTOMER, vpcId: vpc.id, securityGroupIds: [sg.id] });
    });
    const d = policyOf(json);
    const vpcArn = `arn:aws:ec2:us-east-1:123456789012:vpc/${refTo(json, "aws_vpc", "vpc")}`;
    expect(statement(d, "AllowRunInstancesWithScopedResources").Condition.StringEqualsIfExists["ec2:vpc"]).toBe(vpcArn);
    expect(statement(d, "VpcNonresourceSpecificActions").Resource).toEqual([
      `arn:aws:ec2:us-east-1:123456789012:security-group/${refTo(json, "aws_security_group", "sg")}`,
    ]);
  });
});

describe("CrossAccountRole: Databricks-managed VPC (provider 'managed' policy, databricks/terraform-provider-databricks:aws/data_aws_crossaccount_policy.go)", () => {
  const doc = policyOf(synthRole({}, MANAGED));

  test("one EC2 statement on * with exactly base 37 + customer 13 + managed 26 actions", () => {
    const ec2 = doc.Statement[0];
    expect(ec2).toMatchObject({ Effect: "Allow", Resource: "*" });
    expect([...ec2.Action].sort()).toEqual(DATABRICKS_MANAGED_ACTIONS);
    expect(ec2.Action).toHaveLength(76);
    expect(allowActions(doc)).toEqual([...DATABRICKS_MANAGED_ACTIONS, "iam:CreateServiceLinkedRole", "iam:PutRolePolicy"].sort());
  });

  test.each([
    ["us-east-1", "aws"],
    ["us-gov-west-1", "aws-us-gov"],
  ])("%s: the Spot service-linked-role statement", (region, partition) => {
    const d = policyOf(synthRole({}, MANAGED, { region }));
    expect(d.Statement).toHaveLength(2);
    expect(d.Statement[1]).toEqual({
      Sid: "IAMRoleForEC2Spot", Effect: "Allow", Action: ["iam:CreateServiceLinkedRole", "iam:PutRolePolicy"],
      Resource: `arn:${partition}:iam::*:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`,
      Condition: { StringLike: { "iam:AWSServiceName": "spot.amazonaws.com" } },
    });
  });

  test("no Deny and no VPC scoping (Databricks owns the VPC)", () => {
    expect(doc.Statement.filter((s: Json) => s.Effect === "Deny")).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain("ec2:vpc");
  });
});

describe("CrossAccountRole: iam:PassRole", () => {
  const ARNS = ["arn:aws:iam::123456789012:role/dbx-instance-profile", "arn:aws:iam::123456789012:role/team/etl-profile"];

  test.each([["customer-managed", CUSTOMER], ["databricks-managed", MANAGED]])("%s: absent by default and for an empty list", (_, base) => {
    for (const props of [{}, { passRoleArns: [] }]) {
      expect(everyAction(policyOf(synthRole(props, base)))).not.toContain("iam:PassRole");
      expect(JSON.stringify(policyOf(synthRole(props, base)))).not.toContain("PassRole");
    }
  });

  test.each([["customer-managed", CUSTOMER], ["databricks-managed", MANAGED]])("%s: exactly the listed ARNs, passed to EC2 only", (_, base) => {
    const d = policyOf(synthRole({ passRoleArns: ARNS }, base));
    const passing = d.Statement.filter((s: Json) => asList(s.Action).includes("iam:PassRole"));
    expect(passing).toEqual([{
      Sid: "PassInstanceProfileRoles", Effect: "Allow", Action: ["iam:PassRole"], Resource: ARNS,
      Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
    }]);
  });

  test("a role ARN may be a Terraform reference", () => {
    const json = synthJson((scope) => {
      withContext(scope);
      // Another deployment's role, in a scope with its own context.
      const otherScope = new Construct(scope, "other-deployment");
      withContext(otherScope, { resourcePrefix: "other" });
      const profileRole = new CrossAccountRole(otherScope, "other", MANAGED);
      new CrossAccountRole(scope, "cross-account", { ...CUSTOMER, passRoleArns: [profileRole.role.arn] });
    });
    expect(resources(json, "aws_iam_role").map((r) => r.name).sort()).toEqual(["dbx-test-cross-account", "other-cross-account"]);
    const policies = resources(json, "aws_iam_role_policy").filter((p) => p.name === "dbx-test-cross-account-policy");
    const d = JSON.parse(policies[0].policy);
    expect(statement(d, "PassInstanceProfileRoles").Resource).toEqual([`\${aws_iam_role.${Object.keys(json.resource.aws_iam_role).find((k) => k.includes("other"))}.arn}`]);
  });

  test.each([
    [["*"], 'passRoleArns[0] = "*": must not be "*": Databricks could then pass any role in the account to its clusters; list the instance-profile role ARNs'],
    [["arn:aws:iam::123456789012:role/*"], 'passRoleArns[0] = "arn:aws:iam::123456789012:role/*": must not contain wildcards (* or ?): list each instance-profile role ARN'],
    [["arn:aws:iam::123456789012:user/alice"], 'passRoleArns[0] = "arn:aws:iam::123456789012:user/alice": is not an IAM role ARN of the region\'s partition: arn:aws:iam::<12 digits>:role/<optional path/><role name>'],
  ])("rejects %j", (passRoleArns, message) => {
    expect(() => synthRole({ passRoleArns })).toThrow(ValidationError);
    expect(() => synthRole({ passRoleArns })).toThrow(message);
  });

  test("a commercial ARN is rejected in GovCloud", () => {
    expect(() => synthRole({ passRoleArns: [ARNS[0]] }, CUSTOMER, { region: "us-gov-west-1" })).toThrow(
      `passRoleArns[0] = "${ARNS[0]}": is not an IAM role ARN of the region's partition: arn:aws-us-gov:iam::<12 digits>:role/<optional path/><role name>`,
    );
  });
});

describe("CrossAccountRole: validation names the prop, the value and what is allowed", () => {
  const build = (props: Partial<CrossAccountRoleProps>, base = CUSTOMER) => () => synthRole(props, base);

  test.each<[Partial<CrossAccountRoleProps>, string]>([
    [{ vpcId: undefined }, 'vpcId: is required for networkMode "customer-managed": the policy scopes RunInstances and security group changes to this VPC'],
    [{ vpcId: "vpc-123" }, 'vpcId = "vpc-123": is not a VPC id (vpc- followed by 8 or 17 hex digits)'],
    [{ securityGroupIds: undefined }, 'securityGroupIds: is required for networkMode "customer-managed": 1 to 5 security group ids the clusters use'],
    [{ securityGroupIds: [] }, "securityGroupIds = []: needs 1 to 5 ids: a workspace takes 1 to 5 security groups"],
    [{ securityGroupIds: ["sg-01234567", "sg-11234567", "sg-21234567", "sg-31234567", "sg-41234567", "sg-51234567"] },
      'securityGroupIds = ["sg-01234567","sg-11234567","sg-21234567","sg-31234567","sg-41234567","sg-51234567"]: needs 1 to 5 ids: a workspace takes 1 to 5 security groups'],
    [{ securityGroupIds: ["sg-01234567", "sg-xyz"] }, 'securityGroupIds[1] = "sg-xyz": is not a security group id (sg- followed by 8 or 17 hex digits)'],
    [{ securityGroupIds: [SG1, SG1] }, `securityGroupIds[1] = "${SG1}": is listed twice`],
    [{ networkMode: "hybrid" as never }, 'networkMode = "hybrid": must be one of "customer-managed", "databricks-managed"'],
  ])("%j → %s", (props, message) => {
    expect(build(props)).toThrow(ValidationError);
    expect(build(props)).toThrow(message);
  });

  test("the longest prefix the context allows (32 characters) gives a 46-character role name", () => {
    const prefix = `a${"b".repeat(31)}`;
    expect(resource(synthRole({}, CUSTOMER, { resourcePrefix: prefix }), "aws_iam_role", "role").name).toBe(`${prefix}-cross-account`);
  });

  test("databricks-managed rejects a VPC id and security groups", () => {
    expect(build({ vpcId: VPC, securityGroupIds: [SG1] }, MANAGED)).toThrow(
      "CrossAccountRole stack/cross-account: invalid props:\n" +
        `  - vpcId = "${VPC}": must not be set for networkMode "databricks-managed": Databricks creates the VPC and its security groups itself in this mode; pass them only with networkMode "customer-managed"\n` +
        `  - securityGroupIds = ["${SG1}"]: must not be set for networkMode "databricks-managed": Databricks creates the VPC and its security groups itself in this mode; pass them only with networkMode "customer-managed"`,
    );
  });

  test("all problems at once, under the construct's path", () => {
    expect(build({ vpcId: "vpc-1", securityGroupIds: ["sg-1"], passRoleArns: ["*"] })).toThrow(
      "CrossAccountRole stack/cross-account: invalid props:\n" +
        '  - vpcId = "vpc-1": is not a VPC id (vpc- followed by 8 or 17 hex digits)\n' +
        '  - securityGroupIds[0] = "sg-1": is not a security group id (sg- followed by 8 or 17 hex digits)\n' +
        '  - passRoleArns[0] = "*": must not be "*": Databricks could then pass any role in the account to its clusters; list the instance-profile role ARNs',
    );
  });

  test("tokens skip the format checks (also the context's account id); a list token does not", () => {
    const json = synthRole({ vpcId: Token.asString({ Ref: "vpc" }), securityGroupIds: [Token.asString({ Ref: "sg" })] }, CUSTOMER, {
      awsAccountId: Token.asString({ Ref: "account" }),
    });
    expect(resources(json, "aws_iam_role")).toHaveLength(1);
    expect(build({ securityGroupIds: Token.asList({ Ref: "sgs" }) })).toThrow(
      'securityGroupIds = "<list token>": must be a literal list (its elements may be tokens): each security group becomes its own ARN in the policy',
    );
    expect(build({ passRoleArns: Token.asList({ Ref: "roles" }) })).toThrow(
      'passRoleArns = "<list token>": must be a literal list (its elements may be tokens): the policy lists each role ARN',
    );
  });

  test("crossAccountRoleProblems takes the context's values: the region picks the partition of pass-role ARNs", () => {
    const props = { ...CUSTOMER, passRoleArns: ["arn:aws:iam::123456789012:role/x"] };
    expect(crossAccountRoleProblems(props, TEST_CONTEXT)).toEqual([]);
    expect(crossAccountRoleProblems(props, { ...TEST_CONTEXT, region: "us-gov-west-1" })).toEqual([{
      path: "passRoleArns[0]", value: "arn:aws:iam::123456789012:role/x",
      message: "is not an IAM role ARN of the region's partition: arn:aws-us-gov:iam::<12 digits>:role/<optional path/><role name>",
    }]);
    // An unknown region is the context's problem: any partition's ARN passes here.
    expect(crossAccountRoleProblems(props, { ...TEST_CONTEXT, region: "mars-north-1" })).toEqual([]);
  });

  test("without a DeploymentContext it throws the context's message", () => {
    expect(() => synthJson((scope) => new CrossAccountRole(scope, "cross-account", CUSTOMER))).toThrow(
      "stack/cross-account: no DeploymentContext in scope. Create one in the stack first: " +
        "new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
  });
});
