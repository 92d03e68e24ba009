import * as f from "./fixtures";
import { accountConfig, check, devConfig, expectNoSecret, run } from "./harness";
import type { Req } from "./server";

const quotaCode = (req: Req) => JSON.parse(req.body).QuotaCode as string;

describe("preflight against the local fake cloud: AWS", () => {
  test("the passing case: every check ok (or skipped with a reason), exit 0, no secret printed", async () => {
    const r = await run(["dev", "--egress-ip", "198.51.100.17", "--json"]);
    expect(r.json?.checks.filter((c) => c.status === "problem")).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.json?.safe).toBe(true);
    expect(check(r, "aws.identity").message).toBe(`arn:aws:sts::${f.AWS_ACCOUNT}:assumed-role/deployer/preflight in account ${f.AWS_ACCOUNT}`);
    expect(check(r, "aws.region").message).toBe("us-east-1 is enabled; us-east-1a, us-east-1b available");
    expect(check(r, "aws.quota.natGateways").message).toBe("room for 1 NAT gateway(s) (us-east-1a: 1 used; limit 5 per AZ, applied)");
    expect(check(r, "aws.quota.eips").message).toBe("1 in use + 1 the stack adds <= limit 5 (EC2-VPC Elastic IPs, applied)");
    expect(check(r, "databricks.metastore").status).toBe("ok");
    expect(check(r, "databricks.groups").message).toBe("3 group(s) exist: data-analysts, data-engineers, databricks-admins");
    expect(check(r, "workspace.ip-access").status).toBe("ok");
    expect(check(r, "workspace.job-identity").status).toBe("ok");
    expectNoSecret(r.stdout + r.stderr);
    // The same run as text: one line per check, then the summary, and it says it is read-only.
    const t = await run(["dev", "--egress-ip", "198.51.100.17"]);
    expect(t.stdout.split("\n")[0]).toBe("preflight: read-only (changes nothing in AWS or Databricks)");
    expect(t.stdout).toMatch(/^ok {6}dev aws\.identity: /m);
    expect(t.stdout.trim().split("\n").pop()).toMatch(/^\d+ ok, 0 problem\(s\), \d+ skipped: safe to deploy dev$/);
    expectNoSecret(t.stdout + t.stderr);
  });

  test("credentials of another AWS account: a problem naming both accounts and the fix; nothing else of AWS is called", async () => {
    const r = await run(["dev", "--json"], { change: (routes) => ({ ...routes, "aws:GetCallerIdentity": { body: f.stsIdentity("210987654321") } }) });
    expect(r.code).toBe(1);
    const c = check(r, "aws.identity");
    expect(c.status).toBe("problem");
    expect(c.message).toBe(`the credentials are arn:aws:sts::210987654321:assumed-role/deployer/preflight in account 210987654321, the environment's awsAccountId is ${f.AWS_ACCOUNT}`);
    expect(c.fix).toContain("DBX_DEV_AWS_ACCOUNT_ID");
    expect(r.cloud.count("aws:DescribeVpcs")).toBe(0);
  });

  test("expired AWS credentials (403 from STS): a problem, no secret in the output", async () => {
    const r = await run(["dev", "--json"], { change: (routes) => ({ ...routes, "aws:GetCallerIdentity": { status: 403, body: f.stsError("ExpiredToken", "The security token included in the request is expired") } }) });
    expect(check(r, "aws.identity")).toMatchObject({ status: "problem", message: "STS GetCallerIdentity failed: ExpiredToken: The security token included in the request is expired" });
    expect(check(r, "aws.region").status).toBe("skipped");
    expectNoSecret(r.stdout + r.stderr);
  });

  test("an AZ the region does not offer: a problem naming the available ones", async () => {
    const r = await run(["dev", "--json"], { change: (routes) => ({ ...routes, "aws:DescribeAvailabilityZones": { body: f.ec2Zones(["us-east-1a", "us-east-1c"]) } }) });
    expect(check(r, "aws.region")).toMatchObject({ status: "problem", message: "us-east-1b not available in us-east-1 (available: us-east-1a, us-east-1c)" });
  });

  test("no room: 5 NAT gateways in the NAT's AZ, 5 EIPs in use; a quota never changed falls back to the AWS default", async () => {
    const r = await run(["dev", "--json"], {
      change: (routes) => ({
        ...routes,
        "aws:DescribeNatGateways": { body: f.ec2Nats(["subnet-a", "subnet-a", "subnet-a", "subnet-a", "subnet-a"]) },
        "aws:DescribeAddresses": { body: f.ec2Addresses(5) },
        "sq:GetServiceQuota": (req) => (quotaCode(req) === "L-0263D0A3"
          ? { status: 400, headers: { "x-amzn-ErrorType": "NoSuchResourceException" }, body: { __type: "NoSuchResourceException", message: "The request failed because the specified service does not exist." } }
          : { body: f.quota("vpc", quotaCode(req), 5) }),
        "sq:GetAWSDefaultServiceQuota": { body: f.quota("ec2", "L-0263D0A3", 5) },
      }),
    });
    expect(r.code).toBe(1);
    expect(check(r, "aws.quota.natGateways")).toMatchObject({ status: "problem", message: "no room for a NAT gateway in us-east-1a (us-east-1a: 5 used; limit 5 per AZ, applied)" });
    expect(check(r, "aws.quota.eips")).toMatchObject({ status: "problem", message: "5 in use + 1 the stack adds > limit 5 (EC2-VPC Elastic IPs, AWS default)" });
    expect(check(r, "aws.quota.eips").fix).toContain("--service-code ec2 --quota-code L-0263D0A3");
  });

  test("quotas not readable (AccessDenied): skipped with the permission to add, usage still checked against the default", async () => {
    const r = await run(["dev", "--json"], {
      change: (routes) => ({ ...routes, "sq:GetServiceQuota": { status: 400, headers: { "x-amzn-ErrorType": "AccessDeniedException" }, body: { __type: "AccessDeniedException", message: "not authorized" } } }),
    });
    const skipped = r.json!.checks.filter((c) => c.check.startsWith("aws.quota.") && c.status === "skipped");
    expect(skipped.map((c) => c.check)).toEqual(["aws.quota.vpcs", "aws.quota.internetGateways", "aws.quota.natGateways", "aws.quota.eips"]);
    expect(skipped[0].fix).toContain("servicequotas:GetServiceQuota");
    expect(r.json!.checks.filter((c) => c.check.startsWith("aws.quota.") && c.status === "ok")).toHaveLength(4);
  });

  test("an isolated network adds no NAT gateway, EIP or internet gateway: those are skipped, the VPC quota is checked", async () => {
    const net = { ...(devConfig().network as object), egress: "isolated", natGateways: undefined, publicSubnetNetmask: undefined, privateLink: { backend: true } };
    const r = await run(["dev", "--json"], { configs: { environments: [devConfig({ network: net as never })], account: accountConfig } });
    expect(check(r, "aws.quota.natGateways")).toMatchObject({ status: "skipped", message: "the stack adds no NAT gateways" });
    expect(check(r, "aws.quota.vpcs").status).toBe("ok");
  });

  test("an existing network: a missing subnet, one subnet in another VPC, one AZ only, a missing security group", async () => {
    const network = { mode: "existing" as const, vpcId: "vpc-0a1b2c3d", privateSubnetIds: ["subnet-0a0a0a0a", "subnet-0b0b0b0b", "subnet-0c0c0c0c"], securityGroupIds: ["sg-01010101", "sg-02020202"] };
    const r = await run(["dev", "--json"], {
      configs: { environments: [devConfig({ network })], account: accountConfig },
      change: (routes) => ({
        ...routes,
        "aws:DescribeSubnets": { body: f.ec2Subnets([["subnet-0a0a0a0a", "vpc-0a1b2c3d", "us-east-1a"], ["subnet-0b0b0b0b", "vpc-0b2c3d4e", "us-east-1a"]]) },
        "aws:DescribeSecurityGroups": { body: f.ec2Groups([["sg-01010101", "vpc-0a1b2c3d"]]) },
      }),
    });
    expect(check(r, "aws.network.vpc")).toMatchObject({ status: "ok", message: "vpc-0a1b2c3d exists (10.0.0.0/16)" });
    expect(check(r, "aws.network.subnets")).toMatchObject({ status: "problem", message: "not found: subnet-0c0c0c0c; subnet-0b0b0b0b is in vpc-0b2c3d4e; Databricks needs subnets in at least 2 AZs, these are in us-east-1a" });
    expect(check(r, "aws.network.security-groups")).toMatchObject({ status: "problem", message: "not found in vpc-0a1b2c3d: sg-02020202" });
  });

  test("an existing VPC that is gone: EC2's error code is the message", async () => {
    const network = { mode: "existing" as const, vpcId: "vpc-0f0f0f0f", privateSubnetIds: ["subnet-0a0a0a0a", "subnet-0b0b0b0b"], securityGroupIds: ["sg-01010101"] };
    const r = await run(["dev", "--json"], {
      configs: { environments: [devConfig({ network })], account: accountConfig },
      change: (routes) => ({ ...routes, "aws:DescribeVpcs": { status: 400, body: f.ec2Error("InvalidVpcID.NotFound", "The vpc ID 'vpc-0f0f0f0f' does not exist") } }),
    });
    expect(check(r, "aws.network.vpc")).toMatchObject({ status: "problem", message: "InvalidVpcID.NotFound: The vpc ID 'vpc-0f0f0f0f' does not exist" });
  });
});

test("STS never answers: a timeout problem within the SDK's attempts, the run goes on to Databricks", async () => {
  const started = Date.now();
  const r = await run(["dev", "--json", "--timeout", "0.3"], { change: (routes) => ({ ...routes, "aws:GetCallerIdentity": () => "hang" }) });
  const c = check(r, "aws.identity");
  expect(c.status).toBe("problem");
  expect(c.message).toMatch(/^STS GetCallerIdentity failed: TimeoutError: .*300 ms/);
  expect(check(r, "databricks.account").status).toBe("ok");
  expect(Date.now() - started).toBeLessThan(10000);
});
