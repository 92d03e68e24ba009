import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Cluster } from "@cdktf/provider-databricks/lib/cluster";
import { ClusterPolicy } from "@cdktf/provider-databricks/lib/cluster-policy";
import { Job } from "@cdktf/provider-databricks/lib/job";
import { MwsNetworks } from "@cdktf/provider-databricks/lib/mws-networks";
import { MwsWorkspaces } from "@cdktf/provider-databricks/lib/mws-workspaces";
import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { App, Aspects, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import * as fs from "fs";
import * as path from "path";
import { sharedSynthDir } from "../app-synth";
import { loadConfig } from "../../environments";
import {
  DATABRICKS_RULES, DatabricksGuardrails, DatabricksGuardrailsProps, GuardrailFinding, Guardrails, isProductionEnvironment, synthReport,
} from "../../modules/guardrails";
import { ALLOWED_PUBLIC_EGRESS } from "../../modules/guardrails/rules/sg-restricted-egress";
import { COMPUTE_EGRESS_PORTS, LEGACY_METASTORE_PORT } from "../../modules/network/rules";
import { addEnvironmentStacks } from "../../stacks/app";

/** A stack with the pack applied, built by `build` and synthesized once; its findings and resolved JSON. */
function check(build: (scope: Construct) => void, props: DatabricksGuardrailsProps = {}) {
  const stack = new TerraformStack(Testing.app(), "stack");
  const pack = new DatabricksGuardrails(props);
  Aspects.of(stack).add(pack);
  build(stack);
  Testing.synth(stack);
  return { stack, pack, findings: pack.findings };
}

/** `<id> <path relative to the stack>: <finding>`, the short form the tests compare. */
const brief = (fs: readonly GuardrailFinding[], id?: string) =>
  fs.filter((f) => !id || f.ruleId === id).map((f) => `${f.ruleId} ${f.path.replace(/^stack\//, "")}: ${f.finding}`);

const json = (doc: unknown) => JSON.stringify(doc);
const DATABRICKS = "arn:aws:iam::414351767826:root";
const REQUIRED = { Environment: "t", Owner: "o", CostCenter: "c", Project: "p", ManagedBy: "m" };
const fixedTags = Object.fromEntries(Object.entries(REQUIRED).map(([k, v]) => [`custom_tags.${k}`, { type: "fixed", value: v }]));
const AUTOTERMINATION = { autotermination_minutes: { type: "range", minValue: 10, maxValue: 60, defaultValue: 30 } };
const tlsDeny = (bucket: string) => ({
  Sid: "AllowSSLRequestsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket, `${bucket}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
});

/** A bucket with everything the S3 rules ask for. */
function hardenedBucket(scope: Construct, id: string) {
  const bucket = new S3Bucket(scope, id, { bucket: `${id}-bucket` });
  new S3BucketPublicAccessBlock(scope, `${id}-pab`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  new S3BucketServerSideEncryptionConfigurationA(scope, `${id}-sse`, { bucket: bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
  new S3BucketPolicy(scope, `${id}-policy`, { bucket: bucket.id, policy: json({ Version: "2012-10-17", Statement: [tlsDeny(`arn:aws:s3:::${id}-bucket`)] }) });
  return bucket;
}

describe("DBX-SG1, DBX-SG2: security groups", () => {
  const { findings } = check((s) => {
    const sg = new SecurityGroup(s, "web", {
      ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }],
      egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
    new SecurityGroupRule(s, "rdp", { type: "ingress", securityGroupId: sg.id, protocol: "tcp", fromPort: 3389, toPort: 3389, ipv6CidrBlocks: ["::/0"] });
    new VpcSecurityGroupIngressRule(s, "open-in", { securityGroupId: sg.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" });
    new VpcSecurityGroupIngressRule(s, "self-in", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 0, toPort: 65535, referencedSecurityGroupId: sg.id });
    new VpcSecurityGroupEgressRule(s, "ssh-out", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv6: "::/0" });
    new VpcSecurityGroupEgressRule(s, "wide-out", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 443, toPort: 8451, cidrIpv4: "0.0.0.0/0" });
    // Compliant: the Databricks ports, all traffic inside the VPC.
    new VpcSecurityGroupEgressRule(s, "https-out", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
    new VpcSecurityGroupEgressRule(s, "control-plane-out", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 8443, toPort: 8451, cidrIpv4: "0.0.0.0/0" });
    new VpcSecurityGroupEgressRule(s, "metastore-out", { securityGroupId: sg.id, ipProtocol: "6", fromPort: 3306, toPort: 3306, cidrIpv4: "0.0.0.0/0" });
    new VpcSecurityGroupEgressRule(s, "lakebase-out", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" });
    new SecurityGroupRule(s, "vpc-out", { type: "egress", securityGroupId: sg.id, protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] });
  });

  test("ingress from 0.0.0.0/0 or ::/0 is an error, per rule (inline, aws_security_group_rule, ingress rule resource)", () => {
    expect(brief(findings, "DBX-SG1")).toEqual([
      "DBX-SG1 web: ingress[0]: ingress tcp 22 from 0.0.0.0/0",
      "DBX-SG1 rdp: ingress tcp 3389 from ::/0",
      "DBX-SG1 open-in: ingress all traffic from 0.0.0.0/0",
    ]);
    expect(findings.find((f) => f.ruleId === "DBX-SG1")!.level).toBe("error");
  });

  test("egress to the internet is only allowed on the Databricks TCP ports; all traffic or wider ranges are not", () => {
    expect(brief(findings, "DBX-SG2")).toEqual([
      "DBX-SG2 web: egress[0]: egress all traffic to 0.0.0.0/0",
      "DBX-SG2 ssh-out: egress tcp 22 to ::/0",
      "DBX-SG2 wide-out: egress tcp 443-8451 to 0.0.0.0/0",
    ]);
    expect(findings.find((f) => f.ruleId === "DBX-SG2")!.message).toBe(
      "[DBX-SG2] Security groups allow egress to 0.0.0.0/0 or ::/0 only on the Databricks TCP ports (443, 2443, 3306, 5432, 6666, 8443-8451) — " +
      "egress[0]: egress all traffic to 0.0.0.0/0. Fix: Limit egress to 0.0.0.0/0 to TCP on the Databricks ports, or send the traffic to a narrower CIDR, prefix list or security group",
    );
  });
});

describe("DBX-SG2 states its own oracle", () => {
  test("the network module's egress ports are a subset of what the rule allows (the rule doesn't import them)", () => {
    const ports = [...COMPUTE_EGRESS_PORTS, LEGACY_METASTORE_PORT];
    const outside = ports.filter((p) => !ALLOWED_PUBLIC_EGRESS.some((a) => a.fromPort <= p.fromPort && p.toPort <= a.toPort));
    expect(outside).toEqual([]);
    const source = fs.readFileSync(path.join(__dirname, "..", "..", "modules", "guardrails", "rules", "sg-restricted-egress.ts"), "utf8");
    expect(source).not.toMatch(/from "\.\.\/\.\.\/network/);
  });

  test("a wrong port added to the module would be a finding, not allowed by construction", () => {
    const { findings } = check((s) => {
      const sg = new SecurityGroup(s, "compute", {});
      new VpcSecurityGroupEgressRule(s, "wrong", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 5439, toPort: 5439, cidrIpv4: "0.0.0.0/0" });
    });
    expect(brief(findings, "DBX-SG2")).toEqual(["DBX-SG2 wrong: egress tcp 5439 to 0.0.0.0/0"]);
  });
});

describe("DBX-S1, DBX-S2, DBX-S3: S3 buckets", () => {
  const { findings } = check((s) => {
    hardenedBucket(s, "good");
    new S3Bucket(s, "bare", { bucket: "bare-bucket" });
    const partial = new S3Bucket(s, "partial", { bucket: "partial-bucket" });
    new S3BucketPublicAccessBlock(s, "partial-pab", { bucket: partial.id, blockPublicAcls: true, ignorePublicAcls: true });
    new S3BucketServerSideEncryptionConfigurationA(s, "partial-sse", { bucket: partial.id, rule: [{ bucketKeyEnabled: true }] });
    new S3BucketPolicy(s, "partial-policy", { bucket: partial.id, policy: json({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::partial-bucket/*" }] }) });
    // Companions that name the bucket literally, and a TLS deny from an aws_iam_policy_document.
    new S3Bucket(s, "named", { bucket: "named-bucket" });
    new S3BucketPublicAccessBlock(s, "named-pab", { bucket: "named-bucket", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketServerSideEncryptionConfigurationA(s, "named-sse", { bucket: "named-bucket", rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] });
    const doc = new DataAwsIamPolicyDocument(s, "named-doc", {
      statement: [{
        effect: "Deny", actions: ["s3:*"], resources: ["arn:aws:s3:::named-bucket", "arn:aws:s3:::named-bucket/*"],
        principals: [{ type: "AWS", identifiers: ["*"] }], condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      }],
    });
    new S3BucketPolicy(s, "named-policy", { bucket: "named-bucket", policy: doc.json });
  });

  test("a bucket without public access block, encryption or TLS-only policy has one error per rule", () => {
    expect(brief(findings).filter((f) => f.includes(" bare:"))).toEqual([
      "DBX-S1 bare: no aws_s3_bucket_public_access_block for this bucket",
      "DBX-S2 bare: no aws_s3_bucket_server_side_encryption_configuration for this bucket",
      "DBX-S3 bare: no aws_s3_bucket_policy for this bucket",
    ]);
  });

  test("incomplete settings name what is missing", () => {
    expect(brief(findings).filter((f) => f.includes(" partial:"))).toEqual([
      expect.stringMatching(/^DBX-S1 partial: aws_s3_bucket_public_access_block\.partial-pab\w* leaves block_public_policy, restrict_public_buckets not true$/),
      expect.stringMatching(/^DBX-S2 partial: aws_s3_bucket_server_side_encryption_configuration\.partial-sse\w* sets no sse_algorithm$/),
      expect.stringMatching(/^DBX-S3 partial: aws_s3_bucket_policy\.partial-policy\w* has no statement denying s3:\* on the bucket's objects when aws:SecureTransport is false$/),
    ]);
  });

  test("hardened buckets comply, whether companions reference the bucket or name it, with literal or data-source policies", () => {
    expect(brief(findings).filter((f) => / (good|named):/.test(f))).toEqual([]);
  });
});

describe("DBX-IAM1: Databricks trust needs sts:ExternalId", () => {
  const trust = (statement: object) => json({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }] });
  const { findings } = check((s) => {
    new IamRole(s, "no-external-id", { assumeRolePolicy: trust({ Principal: { AWS: DATABRICKS } }) });
    new IamRole(s, "if-exists", { assumeRolePolicy: trust({ Principal: { AWS: ["414351767826"] }, Condition: { StringEqualsIfExists: { "sts:ExternalId": "x" } } }) });
    new IamRole(s, "anyone", { assumeRolePolicy: trust({ Principal: "*" }) });
    new IamRole(s, "with-external-id", { assumeRolePolicy: trust({ Principal: { AWS: DATABRICKS }, Condition: { StringEquals: { "sts:ExternalId": "0a1b" } } }) });
    new IamRole(s, "ec2", { assumeRolePolicy: trust({ Principal: { Service: "ec2.amazonaws.com" } }) });
    const doc = new DataAwsIamPolicyDocument(s, "doc", { statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "AWS", identifiers: [DATABRICKS] }] }] });
    new IamRole(s, "from-doc", { assumeRolePolicy: doc.json });
  });

  test("each Allow statement trusting a Databricks account (or anyone) without an exact ExternalId match is an error", () => {
    expect(brief(findings, "DBX-IAM1")).toEqual([
      `DBX-IAM1 no-external-id: Statement[0] lets ${DATABRICKS} assume the role without an sts:ExternalId condition`,
      "DBX-IAM1 if-exists: Statement[0] lets 414351767826 assume the role without an sts:ExternalId condition",
      "DBX-IAM1 anyone: Statement[0] lets * assume the role without an sts:ExternalId condition",
      `DBX-IAM1 from-doc: Statement[0] lets ${DATABRICKS} assume the role without an sts:ExternalId condition`,
    ]);
  });
});

describe("DBX-IAM3: service principals are held to this account's resources", () => {
  const doc = (...Statement: object[]) => json({ Version: "2012-10-17", Statement });
  const assume = (service: string, Condition?: object) => doc({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(Condition ? { Condition } : {}) });
  const source = { StringEquals: { "aws:SourceAccount": "111111111111" }, ArnLike: { "aws:SourceArn": "arn:aws:ec2:us-east-1:111111111111:vpc-flow-log/*" } };
  const trailWrite = (Condition?: object) => doc({
    Sid: "Write", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*", ...(Condition ? { Condition } : {}),
  });
  const keyGrant = (Condition?: object) => doc({
    Effect: "Allow", Principal: { Service: ["cloudwatch.amazonaws.com"] }, Action: ["kms:Decrypt"], Resource: "*", ...(Condition ? { Condition } : {}),
  });
  const { findings } = check((s) => {
    // Non-compliant.
    new IamRole(s, "flow-logs-open", { assumeRolePolicy: assume("vpc-flow-logs.amazonaws.com") });
    new IamRole(s, "if-exists", { assumeRolePolicy: assume("vpc-flow-logs.amazonaws.com", { StringEqualsIfExists: { "aws:SourceAccount": "111111111111" } }) });
    new S3BucketPolicy(s, "trail-open", { bucket: "b", policy: trailWrite() });
    new KmsKey(s, "key-open", { policy: keyGrant() });
    new SnsTopicPolicy(s, "topic-open", { arn: "arn:aws:sns:us-east-1:111111111111:t", policy: doc({ Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: "*" }) });
    const d = new DataAwsIamPolicyDocument(s, "doc", { statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }] }] });
    new IamRole(s, "from-doc", { assumeRolePolicy: d.json });
    // Compliant: source keys, or a principal AWS documents as unsupported where it is granted.
    new IamRole(s, "flow-logs", { assumeRolePolicy: assume("vpc-flow-logs.amazonaws.com", source) });
    new IamRole(s, "cloudtrail-logs-role", { assumeRolePolicy: assume("cloudtrail.amazonaws.com") });
    new IamRole(s, "instance-profile", { assumeRolePolicy: assume("ec2.amazonaws.com") });
    new S3BucketPolicy(s, "trail", { bucket: "b", policy: trailWrite({ StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/t" } }) });
    new KmsKey(s, "key-for-one-topic", { policy: keyGrant({ StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": "arn:aws:sns:us-east-1:111111111111:t" } }) });
    new IamRole(s, "databricks", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { AWS: DATABRICKS }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "x" } } }) });
  });

  test("each Allow statement granting a service principal without a pinned source key is an error; documented exemptions pass", () => {
    expect(brief(findings, "DBX-IAM3")).toEqual([
      "DBX-IAM3 flow-logs-open: Statement[0] grants vpc-flow-logs.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition",
      "DBX-IAM3 if-exists: Statement[0] grants vpc-flow-logs.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition",
      "DBX-IAM3 trail-open: Statement[0] (Write) grants cloudtrail.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition",
      "DBX-IAM3 key-open: Statement[0] grants cloudwatch.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition",
      "DBX-IAM3 topic-open: Statement[0] grants cloudwatch.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition",
      "DBX-IAM3 from-doc: Statement[0] grants lambda.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition",
    ]);
  });
});

describe("DBX-IAM2: no iam:PassRole on Resource *", () => {
  const policy = (...Statement: object[]) => json({ Version: "2012-10-17", Statement });
  const { findings } = check((s) => {
    new IamRolePolicy(s, "passrole", { role: "r", policy: policy({ Sid: "Pass", Effect: "Allow", Action: ["iam:PassRole"], Resource: "*" }) });
    new IamPolicy(s, "admin", { policy: policy({ Effect: "Allow", Action: "*", Resource: "*" }) });
    new IamRole(s, "inline", { assumeRolePolicy: policy(), inlinePolicy: [{ name: "iam", policy: policy({ Effect: "Allow", Action: "iam:Pass*", Resource: ["*"] }) }] });
    new DataAwsIamPolicyDocument(s, "doc", { statement: [{ actions: ["iam:*"], resources: ["*"] }] });
    // Compliant: named roles, denies, other actions on *.
    new IamRolePolicy(s, "scoped", { role: "r", policy: policy(
      { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111111111111:role/data-access" },
      { Effect: "Deny", Action: "iam:*", Resource: "*" },
      { Effect: "Allow", Action: "ec2:Describe*", Resource: "*" },
    ) });
  });

  test("policies, inline policies and policy documents allowing PassRole on every resource are errors", () => {
    expect(brief(findings, "DBX-IAM2")).toEqual([
      'DBX-IAM2 passrole: Statement[0] (Pass) allows iam:PassRole (iam:PassRole) on Resource "*"',
      'DBX-IAM2 admin: Statement[0] allows * (iam:PassRole) on Resource "*"',
      'DBX-IAM2 inline: inline_policy[0] (iam): Statement[0] allows iam:Pass* (iam:PassRole) on Resource "*"',
      'DBX-IAM2 doc: Statement[0] allows iam:* (iam:PassRole) on Resource "*"',
    ]);
  });
});

describe("DBX-KMS1, DBX-VPC1: key rotation, production flow logs", () => {
  const build = (s: Construct) => {
    new KmsKey(s, "rotating", { enableKeyRotation: true });
    new KmsKey(s, "static", {});
    new KmsKey(s, "signing", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
    new Vpc(s, "logged", { cidrBlock: "10.0.0.0/16" });
    new FlowLog(s, "flow-log", { vpcId: (s.node.findChild("logged") as Vpc).id, trafficType: "ALL", logDestination: "arn:aws:s3:::logs" });
    new Vpc(s, "unlogged", { cidrBlock: "10.1.0.0/16" });
    new MwsNetworks(s, "byo", { accountId: "a", networkName: "n", vpcId: "vpc-0abc", subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] });
  };
  const prod = check(build, { production: true });

  test("a symmetric key without rotation is an error; asymmetric keys cannot rotate", () => {
    expect(brief(prod.findings, "DBX-KMS1")).toEqual(["DBX-KMS1 static: enable_key_rotation is not true"]);
  });

  test("in production every created VPC and every existing VPC a network uses needs a flow log", () => {
    expect(brief(prod.findings, "DBX-VPC1")).toEqual([
      "DBX-VPC1 unlogged: the VPC has no aws_flow_log",
      "DBX-VPC1 byo: the workspace's existing VPC vpc-0abc has no aws_flow_log in this stack",
    ]);
  });

  test("outside production flow logs are not required", () => {
    expect(brief(check(build).findings, "DBX-VPC1")).toEqual([]);
  });
});

describe("DBX-CP1, DBX-TAG2: cluster policies", () => {
  const policy = (s: Construct, id: string, definition: object) => new ClusterPolicy(s, id, { name: id, definition: json({ ...fixedTags, ...definition }) });
  const { findings } = check((s) => {
    policy(s, "good", AUTOTERMINATION);
    policy(s, "fixed", { autotermination_minutes: { type: "fixed", value: 20, hidden: true } });
    policy(s, "off", { autotermination_minutes: { type: "fixed", value: 0, hidden: true } });
    policy(s, "optional", { autotermination_minutes: { type: "range", minValue: 10, maxValue: 60, isOptional: true } });
    policy(s, "from-zero", { autotermination_minutes: { type: "range", minValue: 0, maxValue: 60 } });
    policy(s, "unbounded", { autotermination_minutes: { type: "range", minValue: 10 } });
    policy(s, "unlimited", { autotermination_minutes: { type: "unlimited", defaultValue: 60 } });
    policy(s, "absent", {});
    new ClusterPolicy(s, "untagged", { name: "untagged", definition: json({ ...AUTOTERMINATION, "custom_tags.Owner": { type: "fixed", value: "o" }, "custom_tags.Project": { type: "unlimited" } }) });
  });

  test("auto-termination must be fixed ≥ 1 or a bounded, required range from ≥ 1", () => {
    expect(brief(findings, "DBX-CP1")).toEqual([
      "DBX-CP1 off: autotermination_minutes is fixed to 0: auto-termination off",
      "DBX-CP1 optional: autotermination_minutes is isOptional: clusters may leave it unset (never terminate)",
      "DBX-CP1 from-zero: autotermination_minutes range allows 0 as its minimum (0 = never terminate); set minValue ≥ 1",
      "DBX-CP1 unbounded: autotermination_minutes range has no maxValue: clusters may idle for days",
      'DBX-CP1 unlimited: autotermination_minutes has type "unlimited"; only "fixed" (≥ 1) or "range" (minValue ≥ 1, with a maxValue) enforce it',
      "DBX-CP1 absent: the definition does not constrain autotermination_minutes: clusters may turn auto-termination off (0)",
    ]);
  });

  test("policies must fix every required tag", () => {
    expect(brief(findings, "DBX-TAG2")).toEqual([
      "DBX-TAG2 untagged: the definition does not fix custom_tags.Environment, custom_tags.CostCenter, custom_tags.Project, custom_tags.ManagedBy",
    ]);
  });
});

describe("DBX-TAG1, DBX-TAG3: workspace and cluster tags", () => {
  const { findings } = check((s) => {
    const ws = { accountId: "a", awsRegion: "us-east-1", workspaceName: "w" };
    new MwsWorkspaces(s, "tagged", { ...ws, customTags: REQUIRED });
    new MwsWorkspaces(s, "untagged", { ...ws, customTags: { Owner: "o", Project: " " } });
    new Cluster(s, "bound", { sparkVersion: "15.4.x-scala2.12", policyId: "p-1" });
    new Cluster(s, "tagged-cluster", { sparkVersion: "15.4.x-scala2.12", customTags: REQUIRED });
    new Cluster(s, "loose", { sparkVersion: "15.4.x-scala2.12", customTags: { Owner: "o" } });
    new Job(s, "job", {
      jobCluster: [{ jobClusterKey: "ok", newCluster: { sparkVersion: "15.4.x-scala2.12", policyId: "p-1" } }, { jobClusterKey: "adhoc", newCluster: { sparkVersion: "15.4.x-scala2.12" } }],
    });
  });

  test("workspaces lacking required custom_tags are errors (blank values count as missing)", () => {
    expect(brief(findings, "DBX-TAG1")).toEqual(["DBX-TAG1 untagged: custom_tags lacks Environment, CostCenter, Project, ManagedBy"]);
  });

  test("clusters and job clusters with neither a policy nor the tags are warnings", () => {
    expect(brief(findings, "DBX-TAG3")).toEqual([
      "DBX-TAG3 loose: no policy_id, and custom_tags lacks Environment, CostCenter, Project, ManagedBy",
      "DBX-TAG3 job: job_cluster[1] (adhoc): no policy_id, and custom_tags lacks Environment, Owner, CostCenter, Project, ManagedBy",
    ]);
    expect(findings.filter((f) => f.ruleId === "DBX-TAG3").map((f) => f.level)).toEqual(["warning", "warning"]);
  });
});

describe("DBX-PRV1: no credentials in provider blocks", () => {
  const { findings } = check((s) => {
    new AwsProvider(s, "aws", { region: "us-east-1", accessKey: "AKIAEXAMPLE", secretKey: "secret", alias: "keys" });
    new AwsProvider(s, "aws-oidc", { region: "us-east-1", alias: "oidc", assumeRoleWithWebIdentity: [{ roleArn: "arn:aws:iam::1:role/r", webIdentityToken: "jwt" }] });
    new AwsProvider(s, "aws-clean", { region: "us-east-1" });
    const secret = new TerraformVariable(s, "databricks_client_secret", { type: "string", sensitive: true });
    const plain = new TerraformVariable(s, "databricks_token", { type: "string" });
    new DatabricksProvider(s, "dbx", { host: "https://x.cloud.databricks.com", clientId: "id", clientSecret: secret.stringValue, alias: "ok" });
    new DatabricksProvider(s, "dbx-token", { host: "https://x.cloud.databricks.com", token: plain.stringValue, password: "hunter2", alias: "bad" });
  });

  test("credential arguments are errors (never with their value); a sensitive variable is allowed", () => {
    expect(brief(findings, "DBX-PRV1")).toEqual([
      "DBX-PRV1 aws: access_key is set in the provider block",
      "DBX-PRV1 aws: secret_key is set in the provider block",
      "DBX-PRV1 aws-oidc: assume_role_with_web_identity[0].web_identity_token is set in the provider block",
      "DBX-PRV1 dbx-token: password is set in the provider block",
      "DBX-PRV1 dbx-token: token is set in the provider block",
    ]);
    expect(findings.map((f) => f.message).join("\n")).not.toMatch(/AKIAEXAMPLE|hunter2|jwt/);
    expect(findings.find((f) => f.ruleId === "DBX-PRV1")!.address).toBe("provider.aws.keys");
  });
});

describe("suppressions", () => {
  const openSg = (s: Construct, id = "sg") => new SecurityGroup(s, id, { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] });

  test("a reason under 10 characters is rejected, naming the construct, the field, the reason and the minimum", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const sg = openSg(stack);
    expect(() => Guardrails.suppress(sg, [{ id: "DBX-SG1", reason: "public" }])).toThrow(
      'Guardrails.suppress(stack/sg): invalid props:\n  - suppressions[0].reason = "public": for rule DBX-SG1: must be at least 10 characters saying why the finding is acceptable (has 6)',
    );
  });

  test("unknown rule ids, whole stacks (no global off-switch) and no-op suppressions are rejected", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    expect(() => Guardrails.suppress(openSg(stack), [{ id: "DBX-SG9", reason: "a long enough reason" }])).toThrow(/suppressions\[0\]\.id = "DBX-SG9": is not a guardrail rule; known rules: DBX-SG1, DBX-SG2/);
    expect(() => Guardrails.suppress(stack, [{ id: "DBX-SG1", reason: "a long enough reason" }])).toThrow(/construct = "stack": is an app or a stack/);
    expect(() => Guardrails.suppress(new Construct(stack, "module"), [{ id: "DBX-SG1", reason: "a long enough reason" }])).toThrow(/options\.applyToChildren: must be true/);
  });

  test("a suppressed finding is info, not an error, and the suppression is recorded in the resource's metadata", () => {
    const reason = "Public HTTPS load balancer for the docs site";
    const { stack, findings } = check((s) => {
      const module = new Construct(s, "frontend");
      openSg(module, "lb");
      openSg(module, "other");
      Guardrails.suppress(module, [{ id: "DBX-SG1", reason }], { applyToChildren: true });
      Guardrails.suppress(openSg(s, "own"), [{ id: "DBX-SG1", reason: `  ${reason}  ` }]);
      openSg(s, "unsuppressed");
    });
    expect(findings.map((f) => [f.path, f.level, f.suppressionReason])).toEqual([
      ["stack/frontend/lb", "info", reason], ["stack/frontend/other", "info", reason], ["stack/own", "info", reason], ["stack/unsuppressed", "error", undefined],
    ]);
    const sgs = Object.values((stack.toTerraform() as any).resource.aws_security_group) as any[];
    expect(sgs.map((sg) => sg["//"].guardrails)).toEqual([...Array(3).fill({ suppressed: [{ id: "DBX-SG1", reason }] }), undefined]);
    const levels = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type.startsWith("@cdktf/")).map((m) => m.type));
    expect(levels.sort()).toEqual(["@cdktf/error", "@cdktf/info", "@cdktf/info", "@cdktf/info"]);
  });
});

describe("failing the synth", () => {
  test("an error finding fails cdktf's synth, and the app's report lists rule id, path, finding and fix", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "stack");
    Aspects.of(stack).add(new DatabricksGuardrails());
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new KmsKey(stack, "key", {});
    expect(() => Testing.fullSynth(stack)).toThrow(/Encountered Annotations with level "ERROR"[^]*\[DBX-KMS1\] KMS keys have enable_key_rotation = true — enable_key_rotation is not true/);
    const report = synthReport(app);
    expect(report.failed).toBe(true);
    expect(report.text).toContain("Guardrails: 1 error, 0 warnings, 0 suppressed\n  ERROR   [DBX-KMS1] stack/key (aws_kms_key.key)\n" +
      "          KMS keys have enable_key_rotation = true — enable_key_rotation is not true\n          Fix: Set enable_key_rotation = true on the aws_kms_key");
  });

  test("warnings and suppressed findings alone do not fail it", () => {
    const { stack } = check((s) => new Cluster(s, "loose", { sparkVersion: "15.4.x-scala2.12", dataSecurityMode: "SINGLE_USER" }));
    const report = synthReport(stack.node.scope!);
    expect(report.failed).toBe(false);
    expect(report.text).toMatch(/^Guardrails: 0 errors, 1 warning, 0 suppressed\n {2}WARNING \[DBX-TAG3\] stack\/loose/);
  });

  test("the pack validates its props", () => {
    expect(() => new DatabricksGuardrails({ rules: [DATABRICKS_RULES[0], DATABRICKS_RULES[0]] })).toThrow('rules[1].id = "DBX-SG1": is used by two rules');
  });
});

describe("the shipped app", () => {
  test("synthesizes with no guardrail errors or warnings, and with no suppressions", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(sharedSynthDir(), "manifest.json"), "utf8"));
    const annotations = Object.values(manifest.stacks).flatMap((s: any) => s.annotations);
    expect(annotations).toEqual([]);
  });

  test("every stack carries the pack, production decided per environment; the pack sees the real stacks", () => {
    const { environments } = loadConfig();
    expect(environments.map((e) => [e.name, isProductionEnvironment(e)])).toEqual([["poc", false], ["dev", false], ["prod", true], ["spoc", false]]);
    // poc, treated as production, breaks two rules: it has no flow logs, and it routes to the internet through NAT.
    const poc = environments.find((e) => e.name === "poc")!;
    const app = Testing.app();
    addEnvironmentStacks(app as App, [{ ...poc, protectData: true }]);
    const stacks = app.node.children as TerraformStack[];
    const packs = stacks.map((s) => Aspects.of(s).all.find((a): a is DatabricksGuardrails => a instanceof DatabricksGuardrails));
    expect(packs.map((p) => p?.production)).toEqual([true, true]);
    for (const stack of stacks) Testing.synth(stack);
    // … and DBX-NET1: its NAT route and compute egress to 0.0.0.0/0, which a production network must not have unexplained.
    const nat = "aws_nat_gateway.network_nat-us-east-1a_B3C42541";
    expect(brief(packs[0]!.findings)).toEqual([
      "DBX-VPC1 poc-workspace/network/vpc: the VPC has no aws_flow_log",
      `DBX-NET1 poc-workspace/network/private-default-route-us-east-1a: route 0.0.0.0/0 to ${nat} from the workspace subnets' route table`,
      `DBX-NET1 poc-workspace/network/private-default-route-us-east-1b: route 0.0.0.0/0 to ${nat} from the workspace subnets' route table`,
      ...["443", "2443", "5432", "6666", "8443-8451"].map((p) => `DBX-NET1 poc-workspace/network/compute-egress-tcp-${p}: egress tcp ${p} to 0.0.0.0/0 from the workspace's security group`),
    ]);
  });

  test("docs/guardrails.md's rule table has one row per rule, with its level", () => {
    const rows = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "guardrails.md"), "utf8").match(/^\| `DBX-[A-Z0-9]+` \| \w+ \|/gm) ?? [];
    expect(rows).toEqual(DATABRICKS_RULES.map((r) => `| \`${r.id}\` | ${r.level} |`));
  });

  test("isProductionEnvironment: protectData, or prod in the name or Environment tag", () => {
    expect(isProductionEnvironment({ name: "stage", tags: { Environment: "production" } })).toBe(true);
    expect(isProductionEnvironment({ name: "prod-eu" })).toBe(true);
    expect(isProductionEnvironment({ name: "data", protectData: true })).toBe(true);
    expect(isProductionEnvironment({ name: "product", tags: { Environment: "dev" } })).toBe(false);
  });
});

describe("DBX-CP2: access modes", () => {
  const policy = (s: Construct, id: string, definition: object) =>
    new ClusterPolicy(s, id, { name: id, definition: json({ ...fixedTags, ...AUTOTERMINATION, ...definition }) });
  const CLUSTERS = /^DBX-CP2 (dedicated|under-policy|no-isolation|unset|job):/;
  const { findings } = check((s) => {
    policy(s, "job-fixed", { data_security_mode: { type: "fixed", value: "SINGLE_USER" } });
    policy(s, "allowlist", { data_security_mode: { type: "allowlist", values: ["SINGLE_USER", "USER_ISOLATION", "DATA_SECURITY_MODE_DEDICATED"], defaultValue: "SINGLE_USER" } });
    policy(s, "unpinned", {});
    policy(s, "fixed-none", { data_security_mode: { type: "fixed", value: "NONE" } });
    policy(s, "legacy-allowed", { data_security_mode: { type: "allowlist", values: ["SINGLE_USER", "LEGACY_TABLE_ACL"], isOptional: true } });
    policy(s, "blocklist", { data_security_mode: { type: "blocklist", values: ["NONE"] } });
    new ClusterPolicy(s, "expression", { name: "expression", definition: "${var.policy}" });
    new Cluster(s, "dedicated", { sparkVersion: "18.x-scala2.13", dataSecurityMode: "SINGLE_USER" });
    new Cluster(s, "under-policy", { sparkVersion: "18.x-scala2.13", policyId: "p-1" });
    new Cluster(s, "no-isolation", { sparkVersion: "18.x-scala2.13", dataSecurityMode: "NONE", policyId: "p-1" });
    new Cluster(s, "unset", { sparkVersion: "18.x-scala2.13" });
    new Job(s, "job", {
      jobCluster: [
        { jobClusterKey: "ok", newCluster: { sparkVersion: "18.x-scala2.13", policyId: "p-1", dataSecurityMode: "SINGLE_USER" } },
        { jobClusterKey: "legacy", newCluster: { sparkVersion: "18.x-scala2.13", policyId: "p-1", dataSecurityMode: "LEGACY_SINGLE_USER" } },
      ],
    });
  });

  test("policies pin an isolating mode: fixed, or an allowlist of isolating modes only", () => {
    expect(brief(findings, "DBX-CP2").filter((f) => !CLUSTERS.test(f))).toEqual([
      "DBX-CP2 unpinned: the definition does not pin data_security_mode: clusters may be created with no isolation",
      'DBX-CP2 fixed-none: data_security_mode is fixed to "NONE", not an isolating access mode',
      'DBX-CP2 legacy-allowed: data_security_mode allowlist includes "LEGACY_TABLE_ACL", not an isolating access mode',
      "DBX-CP2 legacy-allowed: data_security_mode is isOptional: clusters may leave it unset (no isolation)",
      'DBX-CP2 blocklist: data_security_mode has type "blocklist"; only "fixed" or "allowlist" pin the access mode',
      "DBX-CP2 expression: the definition is not literal JSON: the access mode cannot be verified",
    ]);
  });

  test("clusters and job clusters that set a mode use an isolating one; unset needs a policy", () => {
    expect(brief(findings, "DBX-CP2").filter((f) => CLUSTERS.test(f))).toEqual([
      'DBX-CP2 no-isolation: data_security_mode "NONE" is not an isolating access mode',
      "DBX-CP2 unset: no data_security_mode and no policy_id: a no-isolation cluster",
      'DBX-CP2 job: job_cluster[1] (legacy): data_security_mode "LEGACY_SINGLE_USER" is not an isolating access mode',
    ]);
    expect(findings.filter((f) => f.ruleId === "DBX-CP2").every((f) => f.level === "error")).toBe(true);
  });

  test("DBX-CP1 leaves job-only policies alone (job clusters don't support autotermination_minutes)", () => {
    const { findings: cp1 } = check((s) => {
      new ClusterPolicy(s, "jobs", { name: "jobs", definition: json({ ...fixedTags, cluster_type: { type: "fixed", value: "job" }, data_security_mode: { type: "fixed", value: "SINGLE_USER" } }) });
      new ClusterPolicy(s, "any", { name: "any", definition: json({ ...fixedTags, data_security_mode: { type: "fixed", value: "SINGLE_USER" } }) });
    });
    expect(brief(cp1)).toEqual(["DBX-CP1 any: the definition does not constrain autotermination_minutes: clusters may turn auto-termination off (0)"]);
  });
});
