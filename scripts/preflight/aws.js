// AWS checks, read-only: who the credentials are (STS GetCallerIdentity), the region and AZs (EC2
// DescribeAvailabilityZones), room for what a created VPC adds (Service Quotas GetServiceQuota + EC2 Describe*
// counts), and an existing network's VPC, subnets and security groups (EC2 Describe*). The SDK (v3, per-service
// packages) is loaded here only, lazily: `npm run synth` never loads it. Credentials: the SDK's default chain
// (env, SSO/profiles, web identity, container, instance metadata), through awsAssumeRoleArn when the config sets it.
// AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_<SERVICE>) points every client elsewhere, e.g. at the tests' server.
"use strict";

/** Service Quotas codes (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html; defaults there). */
const QUOTAS = {
  vpcs: { service: "vpc", code: "L-F678F1CE", name: "VPCs per Region", default: 5 },
  internetGateways: { service: "vpc", code: "L-A4707A72", name: "Internet gateways per Region", default: 5 },
  natGateways: { service: "vpc", code: "L-FE5A380F", name: "NAT gateways per Availability Zone", default: 5 },
  eips: { service: "ec2", code: "L-0263D0A3", name: "EC2-VPC Elastic IPs", default: 5 },
};

function clients(env, { timeoutMs }) {
  // The SDK warns under Node 20 that its releases after January 2027 need Node 22; the pinned version supports
  // Node 20 (its engines: >=20) like this project does. Its documented switch turns that one warning off.
  if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const { STSClient } = require("@aws-sdk/client-sts");
  const { EC2Client } = require("@aws-sdk/client-ec2");
  const { ServiceQuotasClient } = require("@aws-sdk/client-service-quotas");
  // throwOnRequestTimeout: without it the SDK's HTTP handler only logs a warning when requestTimeout passes, and waits on.
  const requestHandler = { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true };
  const base = { region: env.region, maxAttempts: 3, requestHandler };
  let credentials;
  if (env.awsAssumeRoleArn) {
    const { fromTemporaryCredentials } = require("@aws-sdk/credential-providers");
    credentials = fromTemporaryCredentials({ params: { RoleArn: env.awsAssumeRoleArn, RoleSessionName: `preflight-${env.name}` }, clientConfig: base });
  }
  const config = credentials ? { ...base, credentials } : base;
  return { sts: new STSClient(config), ec2: new EC2Client(config), quotas: new ServiceQuotasClient(config) };
}

const errText = (e) => `${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message || e}`.replace(/\s+/g, " ").slice(0, 300);

/** A quota's applied value; the AWS default when it was never changed; undefined when not readable. */
async function quotaValue(quotas, q) {
  const { GetServiceQuotaCommand, GetAWSDefaultServiceQuotaCommand } = require("@aws-sdk/client-service-quotas");
  try {
    const out = await quotas.send(new GetServiceQuotaCommand({ ServiceCode: q.service, QuotaCode: q.code }));
    return { value: out.Quota && out.Quota.Value, source: "applied" };
  } catch (e) {
    if (e.name !== "NoSuchResourceException") throw e;
    const out = await quotas.send(new GetAWSDefaultServiceQuotaCommand({ ServiceCode: q.service, QuotaCode: q.code }));
    return { value: out.Quota && out.Quota.Value, source: "AWS default" };
  }
}

/** Every page of an EC2 Describe call: the items under `key`. */
async function all(ec2, Command, input, key) {
  const items = [];
  let NextToken;
  do {
    const out = await ec2.send(new Command({ ...input, NextToken }));
    if (!Array.isArray(out[key])) throw Object.assign(new Error(`the answer has no ${key} list`), { name: "MalformedAnswer" });
    items.push(...out[key]);
    NextToken = out.NextToken;
  } while (NextToken);
  return items;
}

async function checkQuotas(report, name, c, vpc, azs) {
  const ec2 = require("@aws-sdk/client-ec2");
  const usage = {
    vpcs: async () => ({ total: (await all(c.ec2, ec2.DescribeVpcsCommand, {}, "Vpcs")).length }),
    internetGateways: async () => ({ total: (await all(c.ec2, ec2.DescribeInternetGatewaysCommand, {}, "InternetGateways")).length }),
    eips: async () => ({ total: (await all(c.ec2, ec2.DescribeAddressesCommand, { Filters: [{ Name: "domain", Values: ["vpc"] }] }, "Addresses")).length }),
    natGateways: async () => {
      // Pending, available and deleting NAT gateways count against the quota (the VPC quotas page).
      const nats = await all(c.ec2, ec2.DescribeNatGatewaysCommand, { Filter: [{ Name: "state", Values: ["pending", "available", "deleting"] }] }, "NatGateways");
      const subnetIds = [...new Set(nats.map((n) => n.SubnetId).filter(Boolean))];
      const subnets = subnetIds.length ? await all(c.ec2, ec2.DescribeSubnetsCommand, { SubnetIds: subnetIds }, "Subnets") : [];
      const az = new Map(subnets.map((s) => [s.SubnetId, s.AvailabilityZone]));
      const perAz = {};
      for (const n of nats) perAz[az.get(n.SubnetId)] = (perAz[az.get(n.SubnetId)] || 0) + 1;
      return { perAz };
    },
  };
  const adds = { vpcs: vpc.vpcs, internetGateways: vpc.internetGateways, eips: vpc.eips, natGateways: vpc.natZones.length };
  for (const key of Object.keys(QUOTAS)) {
    const q = QUOTAS[key];
    const check = `aws.quota.${key}`;
    if (adds[key] === 0) {
      report.add(name, check, "skipped", `the stack adds no ${q.name.replace(/ per .*/, "")}`);
      continue;
    }
    let limit;
    try {
      limit = await quotaValue(c.quotas, q);
    } catch (e) {
      report.add(name, check, "skipped", `quota ${q.service}/${q.code} not readable (${errText(e)}); AWS default ${q.default}`, "allow servicequotas:GetServiceQuota to the deployer, or check Service Quotas in the console");
      limit = { value: q.default, source: "AWS default, assumed" };
    }
    try {
      const used = await usage[key]();
      const fix = `request an increase of ${q.name} (aws service-quotas request-service-quota-increase --service-code ${q.service} --quota-code ${q.code} --desired-value <n> --region ${azs.region}) or free some`;
      if (key === "natGateways") {
        const full = vpc.natZones.filter((z) => (used.perAz[z] || 0) + 1 > limit.value);
        const where = vpc.natZones.map((z) => `${z}: ${used.perAz[z] || 0} used`).join(", ");
        if (full.length) report.add(name, check, "problem", `no room for a NAT gateway in ${full.join(", ")} (${where}; limit ${limit.value} per AZ, ${limit.source})`, fix);
        else report.add(name, check, "ok", `room for ${vpc.natZones.length} NAT gateway(s) (${where}; limit ${limit.value} per AZ, ${limit.source})`);
      } else if (used.total + adds[key] > limit.value) {
        report.add(name, check, "problem", `${used.total} in use + ${adds[key]} the stack adds > limit ${limit.value} (${q.name}, ${limit.source})`, fix);
      } else {
        report.add(name, check, "ok", `${used.total} in use + ${adds[key]} the stack adds <= limit ${limit.value} (${q.name}, ${limit.source})`);
      }
    } catch (e) {
      report.add(name, check, "problem", `could not count what is in use: ${errText(e)}`, "allow ec2:Describe* to the deployer");
    }
  }
}

async function checkExisting(report, name, c, net, zones) {
  const ec2 = require("@aws-sdk/client-ec2");
  const found = async (check, fn, fix) => {
    try {
      await fn();
    } catch (e) {
      report.add(name, check, "problem", errText(e), fix);
    }
  };
  await found("aws.network.vpc", async () => {
    const vpcs = await all(c.ec2, ec2.DescribeVpcsCommand, { VpcIds: [net.vpcId] }, "Vpcs");
    if (vpcs.length !== 1) throw new Error(`${net.vpcId} not found`);
    report.add(name, "aws.network.vpc", "ok", `${net.vpcId} exists (${vpcs[0].CidrBlock})`);
  }, `network.vpcId: a VPC of account ${c.accountId} in ${zones.region}`);
  await found("aws.network.subnets", async () => {
    const subnets = await all(c.ec2, ec2.DescribeSubnetsCommand, { SubnetIds: net.privateSubnetIds }, "Subnets");
    const problems = [];
    const missing = net.privateSubnetIds.filter((id) => !subnets.some((s) => s.SubnetId === id));
    if (missing.length) problems.push(`not found: ${missing.join(", ")}`);
    const elsewhere = subnets.filter((s) => s.VpcId !== net.vpcId).map((s) => `${s.SubnetId} is in ${s.VpcId}`);
    problems.push(...elsewhere);
    const outside = subnets.filter((s) => !zones.names.includes(s.AvailabilityZone)).map((s) => `${s.SubnetId} is in ${s.AvailabilityZone}, not an available AZ of ${zones.region}`);
    problems.push(...outside);
    const azs = [...new Set(subnets.map((s) => s.AvailabilityZone))];
    if (azs.length < 2) problems.push(`Databricks needs subnets in at least 2 AZs, these are in ${azs.join(", ") || "none"}`);
    if (problems.length) report.add(name, "aws.network.subnets", "problem", problems.join("; "), "network.privateSubnetIds: subnets of network.vpcId in two or more AZs of the region");
    else report.add(name, "aws.network.subnets", "ok", `${subnets.length} subnets in ${net.vpcId}, AZs ${azs.sort().join(", ")}`);
  }, "network.privateSubnetIds");
  await found("aws.network.security-groups", async () => {
    const groups = await all(c.ec2, ec2.DescribeSecurityGroupsCommand, { GroupIds: net.securityGroupIds }, "SecurityGroups");
    const bad = net.securityGroupIds.filter((id) => !groups.some((g) => g.GroupId === id && g.VpcId === net.vpcId));
    if (bad.length) report.add(name, "aws.network.security-groups", "problem", `not found in ${net.vpcId}: ${bad.join(", ")}`, "network.securityGroupIds: security groups of network.vpcId");
    else report.add(name, "aws.network.security-groups", "ok", `${groups.length} security group(s) in ${net.vpcId}`);
  }, "network.securityGroupIds");
}

/** Every AWS check of `env`; `expected` is config-entry.ts's view of what its stacks add. */
async function awsChecks(report, env, expected, { timeoutMs = 5000 } = {}) {
  const name = env.name;
  const c = clients(env, { timeoutMs });
  const { GetCallerIdentityCommand } = require("@aws-sdk/client-sts");
  let identity;
  try {
    identity = await c.sts.send(new GetCallerIdentityCommand({}));
  } catch (e) {
    report.add(name, "aws.identity", "problem", `STS GetCallerIdentity failed: ${errText(e)}`, "refresh the AWS credentials (aws sso login, or the CI role) and try again");
    report.add(name, "aws.region", "skipped", "no working AWS credentials");
    return;
  }
  if (identity.Account !== env.awsAccountId) {
    report.add(name, "aws.identity", "problem", `the credentials are ${identity.Arn} in account ${identity.Account}, the environment's awsAccountId is ${env.awsAccountId}`,
      `use credentials of ${env.awsAccountId} (AWS_PROFILE), or set awsAccountId in environments/${name}.ts / DBX_${name.toUpperCase()}_AWS_ACCOUNT_ID`);
    return;
  }
  report.add(name, "aws.identity", "ok", `${identity.Arn} in account ${identity.Account}`);
  c.accountId = identity.Account;
  const ec2 = require("@aws-sdk/client-ec2");
  let zones;
  try {
    const out = await c.ec2.send(new ec2.DescribeAvailabilityZonesCommand({ Filters: [{ Name: "state", Values: ["available"] }] }));
    zones = { region: env.region, names: (out.AvailabilityZones || []).map((z) => z.ZoneName) };
    const wanted = env.network?.mode === "create" ? env.network.availabilityZones : [];
    const missing = wanted.filter((z) => !zones.names.includes(z));
    if (missing.length) report.add(name, "aws.region", "problem", `${missing.join(", ")} not available in ${env.region} (available: ${zones.names.join(", ")})`, "network.availabilityZones: zones of the region that are available to the account");
    else report.add(name, "aws.region", "ok", `${env.region} is enabled; ${wanted.length ? `${wanted.join(", ")} available` : `${zones.names.length} AZs available`}`);
  } catch (e) {
    report.add(name, "aws.region", "problem", `EC2 DescribeAvailabilityZones in ${env.region} failed: ${errText(e)}`, `enable the region ${env.region} for the account (opt-in regions), or allow ec2:DescribeAvailabilityZones`);
    return;
  }
  if (expected.vpc) await checkQuotas(report, name, c, expected.vpc, zones);
  else if (env.network?.mode === "existing") await checkExisting(report, name, c, env.network, zones);
  else if (!env.network) report.add(name, "aws.network", "skipped", "serverless workspace (workspace.computeMode): no VPC of yours");
  else report.add(name, "aws.network", "skipped", "network.mode databricks-managed: Databricks creates the VPC in its account");
}

module.exports = { awsChecks, QUOTAS };
