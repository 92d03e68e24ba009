import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContextProps } from "../../modules/core/context";
import {
  ExistingNetwork, PrivateSubnetNacl, VpcFlowLogs, WorkspaceVpc, WorkspaceVpcProps,
} from "../../modules/network";
import { workspaceVpcProblems } from "../../modules/network/validation";
import { ValidationError } from "../../modules/core/problems";
import { SUPPORTED_REGIONS } from "../../modules/core/constants";
import { s3EndpointPolicy } from "../../modules/network/endpoint-policies";
import { COMPUTE_EGRESS_PORTS, LEGACY_METASTORE_PORT, naclRules } from "../../modules/network/rules";
import { Json, refTo, resource, resources, synthJson, withContext } from "../helpers";

const BASE: WorkspaceVpcProps = {
  availabilityZones: ["us-east-1a", "us-east-1b"],
  vpcCidr: "10.0.0.0/16",
};

function synthVpc(props: Partial<WorkspaceVpcProps> = {}, context: Partial<DeploymentContextProps> = {}): Json {
  return synthJson((scope) => {
    withContext(scope, context);
    new WorkspaceVpc(scope, "network", { ...BASE, ...props });
  });
}

/** Rules as comparable strings: direction protocol ports source/destination. */
function sgRules(json: Json, sgFragment: string): string[] {
  const sg = refTo(json, "aws_security_group", sgFragment);
  const rows = (type: string, dir: string) => resources(json, type)
    .filter((r) => r.security_group_id === sg)
    .map((r) => `${dir} ${r.ip_protocol} ${r.from_port}-${r.to_port} ${r.cidr_ipv4 ?? (r.referenced_security_group_id === sg ? "self" : r.referenced_security_group_id)}`);
  return [...rows("aws_vpc_security_group_ingress_rule", "in"), ...rows("aws_vpc_security_group_egress_rule", "out")].sort();
}

describe("WorkspaceVpc: VPC and subnets", () => {
  const json = synthVpc();

  test("VPC has DNS support and hostnames", () => {
    const raw = Testing.synthScope((scope) => {
      withContext(scope);
      new WorkspaceVpc(scope, "network", BASE);
    });
    expect(raw).toHaveResourceWithProperties(Vpc, { cidr_block: "10.0.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
    expect(raw).toHaveResourceWithProperties(Subnet, { tags: { Name: "dbx-test-private-us-east-1a" } });
  });

  test("one private subnet per AZ, computed from the start of the VPC, as literal CIDRs", () => {
    expect(resource(json, "aws_subnet", "private-subnet-us-east-1a")).toMatchObject({ availability_zone: "us-east-1a", cidr_block: "10.0.0.0/19", map_public_ip_on_launch: false });
    expect(resource(json, "aws_subnet", "private-subnet-us-east-1b")).toMatchObject({ availability_zone: "us-east-1b", cidr_block: "10.0.32.0/19" });
  });

  test("one public /28 per AZ, computed from the end of the VPC", () => {
    expect(resource(json, "aws_subnet", "public-subnet-us-east-1a").cidr_block).toBe("10.0.255.240/28");
    expect(resource(json, "aws_subnet", "public-subnet-us-east-1b").cidr_block).toBe("10.0.255.224/28");
  });

  test("adding an AZ keeps the existing subnets where they are", () => {
    const three = synthVpc({ availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"] });
    for (const id of ["private-subnet-us-east-1a", "private-subnet-us-east-1b", "public-subnet-us-east-1a", "public-subnet-us-east-1b"]) {
      expect(resource(three, "aws_subnet", id).cidr_block).toBe(resource(json, "aws_subnet", id).cidr_block);
    }
    expect(resource(three, "aws_subnet", "private-subnet-us-east-1c").cidr_block).toBe("10.0.64.0/19");
  });

  test("explicit CIDRs are used as given", () => {
    const explicit = synthVpc({ privateSubnetCidrs: ["10.0.128.0/20", "10.0.144.0/20"], publicSubnetCidrs: ["10.0.0.0/28", "10.0.0.16/28"] });
    expect(resources(explicit, "aws_subnet").map((s) => s.cidr_block).sort()).toEqual(["10.0.0.0/28", "10.0.0.16/28", "10.0.128.0/20", "10.0.144.0/20"]);
  });

  test("public route table sends 0.0.0.0/0 to the internet gateway", () => {
    expect(resource(json, "aws_route", "public-default-route")).toMatchObject({ destination_cidr_block: "0.0.0.0/0", gateway_id: refTo(json, "aws_internet_gateway", "igw") });
  });
});

describe("WorkspaceVpc: PrivateLink subnets", () => {
  const json = synthVpc({ privateLink: {} });

  test("one /28 per AZ below the room kept for 6 AZs' public subnets, public and private subnets unmoved", () => {
    expect(resource(json, "aws_subnet", "privatelink-subnet-us-east-1a").cidr_block).toBe("10.0.255.144/28");
    expect(resource(json, "aws_subnet", "privatelink-subnet-us-east-1b").cidr_block).toBe("10.0.255.128/28");
    const plain = synthVpc();
    for (const id of ["public-subnet-us-east-1a", "private-subnet-us-east-1b"]) {
      expect(resource(json, "aws_subnet", id).cidr_block).toBe(resource(plain, "aws_subnet", id).cidr_block);
    }
  });

  test("their route table has no route out (endpoints need no egress)", () => {
    const rt = refTo(json, "aws_route_table", "privatelink-rt");
    expect(resources(json, "aws_route").filter((r) => r.route_table_id === rt)).toEqual([]);
    expect(resource(json, "aws_route_table_association", "privatelink-rta-us-east-1a").route_table_id).toBe(rt);
  });

  test("a larger netmask is aligned below the reserved tail", () => {
    const wide = synthVpc({ privateLink: { subnetNetmask: 26 } });
    expect(resources(wide, "aws_subnet").filter((s) => s.tags.Name.includes("privatelink")).map((s) => s.cidr_block)).toEqual(["10.0.255.64/26", "10.0.255.0/26"]);
  });

  test("explicit CIDRs that overlap a public subnet are rejected", () => {
    expect(() => synthVpc({ privateLink: { subnetCidrs: ["10.0.255.240/28", "10.0.100.0/28"] } }))
      .toThrow('privateLink.subnetCidrs[0] = "10.0.255.240/28": overlaps publicSubnetCidrs[0] (10.0.255.240/28)');
  });

  test("the config's privateLink section (backend, frontend) creates the same subnets", () => {
    const config = { subnetNetmask: 28, backend: true, frontend: { clientCidrs: ["10.9.0.0/16"], publicAccess: true } };
    expect(synthVpc({ privateLink: config })).toEqual(json);
  });

  test("no endpoint subnets without the section", () => {
    expect(resources(synthVpc(), "aws_subnet").map((s) => s.tags.Name).filter((n: string) => n.includes("privatelink"))).toEqual([]);
  });
});

describe("WorkspaceVpc: NAT layout", () => {
  test("single: one NAT gateway (first AZ) serves every private route table", () => {
    const json = synthVpc();
    expect(resources(json, "aws_nat_gateway")).toHaveLength(1);
    expect(resources(json, "aws_eip")).toHaveLength(1);
    const nat = refTo(json, "aws_nat_gateway", "nat-us-east-1a");
    for (const az of ["us-east-1a", "us-east-1b"]) {
      expect(resource(json, "aws_route", `private-default-route-${az}`)).toMatchObject({ destination_cidr_block: "0.0.0.0/0", nat_gateway_id: nat });
    }
    expect(resource(json, "aws_nat_gateway", "nat-us-east-1a").subnet_id).toBe(refTo(json, "aws_subnet", "public-subnet-us-east-1a"));
  });

  test("perAz: one NAT gateway per AZ, each private route table uses its own AZ's", () => {
    const json = synthVpc({ natGateways: "perAz", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"] });
    expect(resources(json, "aws_nat_gateway")).toHaveLength(3);
    for (const az of ["us-east-1a", "us-east-1b", "us-east-1c"]) {
      expect(resource(json, "aws_route", `private-default-route-${az}`).nat_gateway_id).toBe(refTo(json, "aws_nat_gateway", `nat-${az}`));
      expect(resource(json, "aws_nat_gateway", `nat-${az}`).subnet_id).toBe(refTo(json, "aws_subnet", `public-subnet-${az}`));
    }
  });
});

describe("WorkspaceVpc: compute security group", () => {
  test("exactly: self TCP/UDP both ways, egress 443, 2443, 5432, 6666, 8443-8451, nothing inbound from outside", () => {
    expect(sgRules(synthVpc(), "compute-sg")).toEqual([
      "in tcp 0-65535 self",
      "in udp 0-65535 self",
      "out tcp 0-65535 self",
      "out tcp 2443-2443 0.0.0.0/0",
      "out tcp 443-443 0.0.0.0/0",
      "out tcp 5432-5432 0.0.0.0/0",
      "out tcp 6666-6666 0.0.0.0/0",
      "out tcp 8443-8451 0.0.0.0/0",
      "out udp 0-65535 self",
    ]);
  });

  test("3306 only with the legacy Hive metastore toggle", () => {
    expect(sgRules(synthVpc({ legacyHiveMetastore: true }), "compute-sg")).toContain("out tcp 3306-3306 0.0.0.0/0");
    expect(sgRules(synthVpc(), "compute-sg").join()).not.toContain("3306");
  });

  test("no inline rules (so the provider removes AWS' default allow-all egress)", () => {
    const sg = resource(synthVpc(), "aws_security_group", "compute-sg");
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
  });

  test("endpoint security group admits only HTTPS from the compute group", () => {
    const json = synthVpc();
    expect(sgRules(json, "endpoint-sg")).toEqual([`in tcp 443-443 ${refTo(json, "aws_security_group", "compute-sg")}`]);
  });
});

describe("WorkspaceVpc: AWS service endpoints", () => {
  const json = synthVpc();
  const policy = (fragment: string) => JSON.parse(resource(json, "aws_vpc_endpoint", fragment).policy);

  test("S3 gateway endpoint on every private route table", () => {
    expect(resource(json, "aws_vpc_endpoint", "s3-endpoint")).toMatchObject({
      service_name: "com.amazonaws.us-east-1.s3", vpc_endpoint_type: "Gateway",
      route_table_ids: [refTo(json, "aws_route_table", "private-rt-us-east-1a"), refTo(json, "aws_route_table", "private-rt-us-east-1b")],
    });
  });

  test("STS and Kinesis interface endpoints with private DNS in the private subnets", () => {
    for (const [fragment, service] of [["sts-endpoint", "sts"], ["kinesis-endpoint", "kinesis-streams"]]) {
      expect(resource(json, "aws_vpc_endpoint", fragment)).toMatchObject({
        service_name: `com.amazonaws.us-east-1.${service}`, vpc_endpoint_type: "Interface", private_dns_enabled: true,
        subnet_ids: [refTo(json, "aws_subnet", "private-subnet-us-east-1a"), refTo(json, "aws_subnet", "private-subnet-us-east-1b")],
        security_group_ids: [refTo(json, "aws_security_group", "endpoint-sg")],
      });
    }
  });

  test("S3 policy without dataPaths (the wide form): any bucket of the customer's account and the region's Databricks buckets", () => {
    const doc = policy("s3-endpoint");
    expect(doc.Statement.map((s: Json) => s.Sid)).toEqual(["CustomerAccountBuckets", "DatabricksArtifacts", "DatabricksSampleData", "DatabricksSystemTables", "DatabricksLogDelivery"]);
    expect(doc.Statement[0].Condition).toEqual({ StringEquals: { "s3:ResourceAccount": "123456789012" } });
    expect(doc.Statement[1].Resource).toEqual(["arn:aws:s3:::databricks-prod-artifacts-us-east-1", "arn:aws:s3:::databricks-prod-artifacts-us-east-1/*"]);
    expect(doc.Statement[2].Resource).toEqual(["arn:aws:s3:::databricks-datasets-virginia", "arn:aws:s3:::databricks-datasets-virginia/*"]);
    expect(doc.Statement[4].Resource).toEqual(["arn:aws:s3:::databricks-prod-storage-virginia", "arn:aws:s3:::databricks-prod-storage-virginia/*"]);
    // Every statement open to "*" is held by a condition.
    expect(doc.Statement.filter((s: Json) => s.Principal === "*").map((s: Json) => s.Condition)).toEqual([
      { StringEquals: { "s3:ResourceAccount": "123456789012" } },
      { StringEquals: { "aws:ResourceAccount": "414351767826" } },
      { StringEquals: { "aws:PrincipalAccount": "414351767826" } },
      { StringEquals: { "aws:PrincipalAccount": "414351767826" } },
      { StringEquals: { "aws:PrincipalAccount": "414351767826" } },
    ]);
  });

  // The oracle: the SRA's own region maps, copied literally (databricks/terraform-databricks-sra:aws/tf/variables.tf
  // at 72a96ea, `shared_datasets_bucket` and `log_storage_bucket_config`), not derived from REGIONS.
  const SRA_BUCKETS: Record<string, [datasets: string, logs: string]> = {
    "ap-northeast-1": ["databricks-datasets-tokyo", "databricks-prod-storage-tokyo"],
    "ap-northeast-2": ["databricks-datasets-seoul", "databricks-prod-storage-seoul"],
    "ap-south-1": ["databricks-datasets-mumbai", "databricks-prod-storage-mumbai"],
    "ap-southeast-1": ["databricks-datasets-singapore", "databricks-prod-storage-singapore"],
    "ap-southeast-2": ["databricks-datasets-sydney", "databricks-prod-storage-sydney"],
    "ap-southeast-3": ["databricks-datasets-oregon", "databricks-prod-storage-jakarta"],
    "ca-central-1": ["databricks-datasets-montreal", "databricks-prod-storage-montreal"],
    "eu-central-1": ["databricks-datasets-frankfurt", "databricks-prod-storage-frankfurt"],
    "eu-west-1": ["databricks-datasets-ireland", "databricks-prod-storage-ireland"],
    "eu-west-2": ["databricks-datasets-london", "databricks-prod-storage-london"],
    "eu-west-3": ["databricks-datasets-paris", "databricks-prod-storage-paris"],
    "sa-east-1": ["databricks-datasets-saopaulo", "databricks-prod-storage-saopaulo"],
    "us-east-1": ["databricks-datasets-virginia", "databricks-prod-storage-virginia"],
    "us-east-2": ["databricks-datasets-ohio", "databricks-prod-storage-ohio"],
    "us-west-1": ["databricks-datasets-oregon", "databricks-prod-storage-oregon"],
    "us-west-2": ["databricks-datasets-oregon", "databricks-prod-storage-oregon"],
    "us-gov-west-1": ["databricks-datasets-pendleton", "databricks-prod-storage-pendleton"],
  };

  test("every supported region has exactly the SRA's region list", () => {
    expect([...SUPPORTED_REGIONS].sort()).toEqual(Object.keys(SRA_BUCKETS).sort());
  });

  test.each(Object.entries(SRA_BUCKETS))("S3 policy in %s: the SRA's sample-datasets and log buckets", (region, [datasets, logs]) => {
    const partition = region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    const doc = s3EndpointPolicy({ region, awsAccountId: "123456789012" });
    const sid = (id: string) => doc.Statement.find((s) => s.Sid === id)!.Resource;
    expect(sid("DatabricksSampleData")).toEqual([`arn:${partition}:s3:::${datasets}`, `arn:${partition}:s3:::${datasets}/*`]);
    expect(sid("DatabricksLogDelivery")).toEqual([`arn:${partition}:s3:::${logs}`, `arn:${partition}:s3:::${logs}/*`]);
  });

  test("STS policy: the customer account (its own roles) and Databricks' sample-data user", () => {
    const doc = policy("sts-endpoint");
    expect(doc.Statement.map((s: Json) => [s.Sid, s.Principal, s.Resource])).toEqual([
      ["CustomerAccountRoles", { AWS: "arn:aws:iam::123456789012:root" }, "arn:aws:iam::123456789012:role/*"],
      ["CustomerAccountSessions", { AWS: "arn:aws:iam::123456789012:root" }, "*"],
      ["DatabricksSampleDataUser", { AWS: ["arn:aws:iam::414351767826:user/databricks-datasets-readonly-user-prod", "arn:aws:iam::414351767826:root"] }, "*"],
    ]);
  });

  test("the dataPaths prop reaches the S3 and Kinesis policies", () => {
    const scoped = synthVpc({ dataPaths: { rootBucket: "dbx-test-root", buckets: ["dbx-test-data"], streamNames: ["events"] } });
    const doc = (fragment: string) => JSON.parse(resource(scoped, "aws_vpc_endpoint", fragment).policy);
    expect(doc("s3-endpoint").Statement.slice(0, 2).map((s: Json) => s.Resource)).toEqual([
      ["arn:aws:s3:::dbx-test-root", "arn:aws:s3:::dbx-test-root/*"], ["arn:aws:s3:::dbx-test-data", "arn:aws:s3:::dbx-test-data/*"],
    ]);
    expect(doc("kinesis-endpoint").Statement[1].Resource).toEqual(["arn:aws:kinesis:us-east-1:123456789012:stream/events", "arn:aws:kinesis:us-east-1:123456789012:stream/events/consumer/*"]);
  });

  test("Kinesis policy without dataPaths (the wide form): Databricks' log streams, and the customer's own streams", () => {
    const doc = policy("kinesis-endpoint");
    expect(doc.Statement.map((s: Json) => s.Resource)).toEqual(["arn:aws:kinesis:us-east-1:414351767826:stream/*", "arn:aws:kinesis:us-east-1:123456789012:stream/*"]);
    expect(doc.Statement[1].Action).toEqual(expect.arrayContaining(["kinesis:GetRecords", "kinesis:GetShardIterator"]));
  });

  test("the permissive toggle leaves AWS' default policies", () => {
    const open = synthVpc({ restrictiveEndpointPolicies: false });
    for (const e of resources(open, "aws_vpc_endpoint")) expect(e.policy).toBeUndefined();
  });
});

describe("WorkspaceVpc: flow logs and NACLs", () => {
  test("no flow logs or NACLs unless asked for", () => {
    const json = synthVpc();
    expect(resources(json, "aws_flow_log")).toHaveLength(0);
    expect(resources(json, "aws_network_acl")).toHaveLength(0);
  });

  test("flowLogs: the section turns them on (enabled defaults to true), enabled: false turns them off", () => {
    expect(synthVpc({ flowLogs: { enabled: true, retentionInDays: 30 } })).toEqual(synthVpc({ flowLogs: { retentionInDays: 30 } }));
    const off = synthVpc({ flowLogs: { enabled: false, retentionInDays: 30 } });
    expect(off).toEqual(synthVpc());
    expect(resources(off, "aws_flow_log")).toEqual([]);
  });

  test("flow logs default to 90 days of ALL traffic", () => {
    const json = synthVpc({ flowLogs: {} });
    expect(resource(json, "aws_cloudwatch_log_group", "log-group")).toEqual({ name: "/aws/vpc-flow-logs/dbx-test", retention_in_days: 90 });
    expect(resource(json, "aws_flow_log", "flow-log").traffic_type).toBe("ALL");
    expect(resource(json, "aws_iam_role", "role").name).toBe("dbx-test-vpc-flow-logs");
  });

  test("flow logs go to a log group with retention through a role that can only write there", () => {
    const json = synthVpc({ flowLogs: { retentionInDays: 30 } });
    expect(resource(json, "aws_cloudwatch_log_group", "log-group")).toMatchObject({ name: "/aws/vpc-flow-logs/dbx-test", retention_in_days: 30 });
    expect(resource(json, "aws_flow_log", "flow-log")).toMatchObject({
      vpc_id: refTo(json, "aws_vpc", "vpc"), traffic_type: "ALL", log_destination_type: "cloud-watch-logs",
      log_destination: refTo(json, "aws_cloudwatch_log_group", "log-group", "arn"), iam_role_arn: refTo(json, "aws_iam_role", "role", "arn"),
    });
    const trust = JSON.parse(resource(json, "aws_iam_role", "role").assume_role_policy);
    expect(trust.Statement[0]).toMatchObject({
      Principal: { Service: "vpc-flow-logs.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*" } },
    });
    const policy = JSON.parse(resource(json, "aws_iam_role_policy", "policy").policy);
    expect(policy.Statement[0].Resource).toBe(`${refTo(json, "aws_cloudwatch_log_group", "log-group", "arn")}:*`);
    expect(policy.Statement.flatMap((s: Json) => s.Action).sort()).toEqual(["logs:CreateLogStream", "logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:PutLogEvents"]);
    // DescribeLogGroups has no resource-level permissions: a log-group ARN would grant it on nothing.
    expect(policy.Statement[1]).toEqual({ Sid: "FindLogGroups", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: "*" });
  });

  test("NACL on the private subnets with the reference rule set", () => {
    const json = synthVpc({ networkAcls: true });
    expect(resource(json, "aws_network_acl", "acl")).toEqual({
      vpc_id: refTo(json, "aws_vpc", "vpc"), tags: { Name: "dbx-test-private" },
      subnet_ids: [refTo(json, "aws_subnet", "private-subnet-us-east-1a"), refTo(json, "aws_subnet", "private-subnet-us-east-1b")],
    });
    const rules = resources(json, "aws_network_acl_rule")
      .map((r) => `${r.egress ? "out" : "in"} ${r.rule_number} ${r.protocol} ${r.from_port}-${r.to_port} ${r.cidr_block} ${r.rule_action}`)
      .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    expect(rules).toEqual([
      "in 100 -1 0-0 0.0.0.0/0 allow",
      "out 100 -1 0-0 10.0.0.0/16 allow",
      "out 110 tcp 443-443 0.0.0.0/0 allow",
      "out 120 tcp 6666-6666 0.0.0.0/0 allow",
      "out 130 tcp 2443-2443 0.0.0.0/0 allow",
      "out 140 tcp 8443-8451 0.0.0.0/0 allow",
      "out 145 tcp 5432-5432 0.0.0.0/0 allow",
      "out 150 tcp 53-53 0.0.0.0/0 allow",
      "out 151 udp 53-53 0.0.0.0/0 allow",
      "out 160 tcp 1024-65535 0.0.0.0/0 allow",
      "out 170 tcp 3306-3306 0.0.0.0/0 allow", // Databricks validates it, legacy metastore or not
    ]);
    const naclOf = (legacyHiveMetastore: boolean) => resources(synthVpc({ networkAcls: true, legacyHiveMetastore }), "aws_network_acl_rule");
    expect(naclOf(true)).toEqual(naclOf(false));
  });

  test("the NACL lets out every port the compute group may send to the internet (it would silently drop the rest)", () => {
    for (const legacy of [false, true]) {
      const out = naclRules().filter((r) => r.egress && r.cidr === "0.0.0.0/0" && r.protocol === "tcp");
      for (const p of [...COMPUTE_EGRESS_PORTS, ...(legacy ? [LEGACY_METASTORE_PORT] : [])]) {
        expect([p.id, out.some((r) => r.fromPort <= p.fromPort && p.toPort <= r.toPort)]).toEqual([p.id, true]);
      }
    }
  });
});

describe("WorkspaceVpc: validation names the prop, the value and what is allowed", () => {
  const build = (props: Partial<WorkspaceVpcProps>) => () => synthVpc(props);

  test.each([
    [{ vpcCidr: "10.0.0.0/12" }, 'vpcCidr = "10.0.0.0/12": prefix /12 is outside what AWS allows for a VPC (/16 to /28)'],
    [{ privateSubnetNetmask: 28 }, "privateSubnetNetmask = 28: workspace subnet netmask must be an integer from 17 to 26 (/17 to /26)"],
    [{ availabilityZones: ["us-east-1a"] }, 'availabilityZones = ["us-east-1a"]: Databricks needs subnets in at least 2 availability zones'],
    [{ vpcCidr: "10.0.0.0/20" }, 'vpcCidr = "10.0.0.0/20": is too small for the subnets asked for: 2 private /19 and 2 public /28 subnets need 16,416 addresses, the VPC has 4,096'],
    [{ privateLink: { subnetNetmask: 29 } }, "privateLink.subnetNetmask = 29: PrivateLink subnet netmask must be an integer from 16 to 28 (/16 to /28)"],
    [{ privateLink: { subnetCidrs: ["10.0.100.0/28", "10.1.0.0/28"] } }, 'privateLink.subnetCidrs[1] = "10.1.0.0/28": is outside the VPC CIDR 10.0.0.0/16'],
    [{ privateLink: { subnetCidrs: ["10.0.100.0/28"] } }, 'privateLink.subnetCidrs = ["10.0.100.0/28"]: needs exactly one CIDR per availability zone (2), got 1'],
    [{ flowLogs: { retentionInDays: 31 } }, "flowLogs.retentionInDays = 31: must be one of CloudWatch Logs' retention periods: 1, 3, 5, 7, 14, 30,"],
    [{ availabilityZones: ["us-east-1a", "us-east-1a"] }, 'availabilityZones[1] = "us-east-1a": is listed twice; Databricks allows one workspace subnet per availability zone'],
  ])("%j", (props, message) => {
    expect(build(props)).toThrow(ValidationError);
    expect(build(props)).toThrow(message);
  });

  test("availability zones are checked against the context's region", () => {
    expect(() => synthVpc({ availabilityZones: ["us-east-1a", "us-east-1b"] }, { region: "eu-west-1" })).toThrow(
      'availabilityZones[0] = "us-east-1a": is not an availability zone of region eu-west-1 (expected eu-west-1a, eu-west-1b, …)',
    );
    const json = synthVpc({ availabilityZones: ["eu-west-1a", "eu-west-1b"] }, { region: "eu-west-1", resourcePrefix: "databricks-dev" });
    expect(resource(json, "aws_vpc_endpoint", "s3-endpoint").service_name).toBe("com.amazonaws.eu-west-1.s3");
    expect(resource(json, "aws_vpc", "vpc").tags).toEqual({ Name: "databricks-dev-vpc" });
    expect(resource(json, "aws_security_group", "compute-sg").name).toBe("databricks-dev-compute");
  });

  test("GovCloud: restrictive endpoint policies must be turned off", () => {
    expect(() => synthVpc({ availabilityZones: ["us-gov-west-1a", "us-gov-west-1b"] }, { region: "us-gov-west-1" })).toThrow(
      "restrictiveEndpointPolicies = true: restrictive endpoint policies are not available in GovCloud yet (Databricks' GovCloud bucket names are unverified); set it to false",
    );
    const json = synthVpc({ availabilityZones: ["us-gov-west-1a", "us-gov-west-1b"], restrictiveEndpointPolicies: false }, { region: "us-gov-west-1" });
    expect(resource(json, "aws_vpc_endpoint", "sts-endpoint").service_name).toBe("com.amazonaws.us-gov-west-1.sts");
  });

  test("workspaceVpcProblems takes the context's region; paths stay relative to the props", () => {
    const { problems, layout } = workspaceVpcProblems({ ...BASE, privateLink: {} }, { region: "us-east-1" });
    expect(problems).toEqual([]);
    expect(layout).toEqual({
      privateSubnetCidrs: ["10.0.0.0/19", "10.0.32.0/19"],
      publicSubnetCidrs: ["10.0.255.240/28", "10.0.255.224/28"],
      privateLinkSubnetCidrs: ["10.0.255.144/28", "10.0.255.128/28"],
    });
    expect(workspaceVpcProblems({ ...BASE, privateLink: { subnetNetmask: 8 } }, { region: "us-east-1" }).problems.map((p) => p.path))
      .toEqual(["privateLink.subnetNetmask"]);
  });

  test("without a DeploymentContext: the context's message", () => {
    expect(() => synthJson((scope) => new WorkspaceVpc(scope, "network", BASE))).toThrow(
      "stack/network: no DeploymentContext in scope. Create one in the stack first: new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
  });

  test("all problems at once, under the construct's path", () => {
    expect(build({ vpcCidr: "x", availabilityZones: ["eu-west-1a"] })).toThrow(
      "WorkspaceVpc stack/network: invalid props:\n" +
        "  - availabilityZones = [\"eu-west-1a\"]: Databricks needs subnets in at least 2 availability zones\n" +
        "  - availabilityZones[0] = \"eu-west-1a\": is not an availability zone of region us-east-1 (expected us-east-1a, us-east-1b, …)\n" +
        "  - vpcCidr = \"x\": is not an IPv4 CIDR block (expected a.b.c.d/n)",
    );
  });
});

describe("ExistingNetwork", () => {
  const ids = { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-01234567", "subnet-89abcdef"], securityGroupIds: ["sg-01234567"] };

  test("creates nothing and passes the ids through", () => {
    let net: ExistingNetwork | undefined;
    const json = synthJson((scope) => { net = new ExistingNetwork(scope, "network", ids); });
    expect(json.resource).toBeUndefined();
    expect(net).toMatchObject(ids);
  });

  test("rejects malformed ids", () => {
    expect(() => synthJson((scope) => new ExistingNetwork(scope, "network", { ...ids, securityGroupIds: [] })))
      .toThrow("securityGroupIds = []: needs 1 to 5 ids: a workspace takes 1 to 5 security groups");
    expect(() => synthJson((scope) => new ExistingNetwork(scope, "network", {
      vpcId: "vpc-1", privateSubnetIds: ["subnet-01234567", "subnet-01234567"], securityGroupIds: ["sg-x"],
    }))).toThrow(
      "ExistingNetwork stack/network: invalid props:\n" +
        '  - vpcId = "vpc-1": is not a VPC id (vpc- followed by 8 or 17 hex digits)\n' +
        '  - privateSubnetIds[1] = "subnet-01234567": is listed twice\n' +
        '  - securityGroupIds[0] = "sg-x": is not a security group id (sg- followed by 8 or 17 hex digits)',
    );
  });
});

describe("VpcFlowLogs and PrivateSubnetNacl on their own", () => {
  const VPC_ID = "vpc-0123456789abcdef0";

  test("VpcFlowLogs: names, region and account from the context", () => {
    const json = synthJson((scope) => {
      withContext(scope, { resourcePrefix: "databricks-dev", region: "eu-west-1", awsAccountId: "210987654321" });
      new VpcFlowLogs(scope, "flow-logs", { vpcId: VPC_ID, trafficType: "REJECT" });
    });
    expect(resource(json, "aws_cloudwatch_log_group", "log-group")).toEqual({ name: "/aws/vpc-flow-logs/databricks-dev", retention_in_days: 90 });
    expect(resource(json, "aws_iam_role", "role").name).toBe("databricks-dev-vpc-flow-logs");
    expect(JSON.parse(resource(json, "aws_iam_role", "role").assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "210987654321" }, ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:210987654321:vpc-flow-log/*" },
    });
    expect(JSON.parse(resource(json, "aws_iam_role_policy", "policy").policy).Statement[1].Resource).toBe("*");
    expect(resource(json, "aws_flow_log", "flow-log")).toMatchObject({ vpc_id: VPC_ID, traffic_type: "REJECT" });
  });

  test("VpcFlowLogs: the retention is one CloudWatch Logs accepts", () => {
    expect(() => synthJson((scope) => {
      withContext(scope);
      new VpcFlowLogs(scope, "flow-logs", { vpcId: VPC_ID, retentionInDays: 2 });
    })).toThrow("VpcFlowLogs stack/flow-logs: invalid props:\n  - retentionInDays = 2: must be one of CloudWatch Logs' retention periods");
  });

  test("PrivateSubnetNacl: Name tag from the context", () => {
    const json = synthJson((scope) => {
      withContext(scope, { resourcePrefix: "databricks-dev" });
      new PrivateSubnetNacl(scope, "nacl", { vpcId: VPC_ID, vpcCidr: "10.0.0.0/16", subnetIds: ["subnet-01234567"], legacyHiveMetastore: true });
    });
    expect(resource(json, "aws_network_acl", "acl")).toEqual({ vpc_id: VPC_ID, subnet_ids: ["subnet-01234567"], tags: { Name: "databricks-dev-private" } });
    expect(resource(json, "aws_network_acl_rule", "egress-170")).toMatchObject({ protocol: "tcp", from_port: 3306, to_port: 3306, cidr_block: "0.0.0.0/0" });
  });

  test.each<[string, (scope: Construct) => unknown]>([
    ["VpcFlowLogs", (scope) => new VpcFlowLogs(scope, "x", { vpcId: VPC_ID })],
    ["PrivateSubnetNacl", (scope) => new PrivateSubnetNacl(scope, "x", { vpcId: VPC_ID, vpcCidr: "10.0.0.0/16", subnetIds: [], legacyHiveMetastore: false })],
  ])("%s without a DeploymentContext: the context's message", (_name, build) => {
    expect(() => synthJson(build)).toThrow("stack/x: no DeploymentContext in scope. Create one in the stack first");
  });
});
