import { DefaultRouteTable } from "@cdktf/provider-aws/lib/default-route-table";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { MwsNetworks } from "@cdktf/provider-databricks/lib/mws-networks";
import { Aspects, TerraformStack, Testing } from "cdktf";
import { DatabricksGuardrails, GuardrailFinding } from "../../modules/guardrails";
import { WorkspaceVpc, WorkspaceVpcProps } from "../../modules/network";
import { workspaceVpcProblems } from "../../modules/network/validation";
import { Json, refTo, resource, resources, synthJson, withContext } from "../helpers";

const BASE: WorkspaceVpcProps = { availabilityZones: ["us-east-1a", "us-east-1b"], vpcCidr: "10.0.0.0/16" };
const ISOLATED: WorkspaceVpcProps = { ...BASE, egress: "isolated", privateLink: {} };

function synthVpc(props: WorkspaceVpcProps): Json {
  return synthJson((scope) => {
    withContext(scope);
    new WorkspaceVpc(scope, "network", props);
  });
}

/** Compute-group rules as `direction protocol ports peer`, peer = a CIDR, `self` or `s3-prefix-list`. */
function computeRules(json: Json): string[] {
  const sg = refTo(json, "aws_security_group", "compute-sg");
  const s3 = refTo(json, "aws_vpc_endpoint", "s3-endpoint", "prefix_list_id");
  const peer = (r: Json) => r.cidr_ipv4 ?? (r.prefix_list_id === s3 ? "s3-prefix-list" : r.referenced_security_group_id === sg ? "self" : r.referenced_security_group_id);
  const rows = (type: string, dir: string) => resources(json, type).filter((r) => r.security_group_id === sg)
    .map((r) => `${dir} ${r.ip_protocol} ${r.from_port}-${r.to_port} ${peer(r)}`);
  return [...rows("aws_vpc_security_group_ingress_rule", "in"), ...rows("aws_vpc_security_group_egress_rule", "out")].sort();
}

/** Every route of the VPC as `route-table destination target-type`. */
function routes(json: Json): string[] {
  return resources(json, "aws_route").map((r) => {
    const table = Object.keys(json.resource.aws_route_table).find((k) => r.route_table_id === `\${aws_route_table.${k}.id}`)!.replace(/^network_|_[0-9A-F]{8}$/g, "");
    return `${table} ${r.destination_cidr_block} ${r.nat_gateway_id ? "nat" : r.gateway_id ? "igw" : "other"}`;
  }).sort();
}

function naclRows(json: Json): string[] {
  return resources(json, "aws_network_acl_rule")
    .map((r) => `${r.egress ? "out" : "in"} ${r.rule_number} ${r.protocol} ${r.from_port}-${r.to_port} ${r.cidr_block}`)
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

describe("WorkspaceVpc egress modes: exact routes, security-group rules and NACLs", () => {
  const nat = synthVpc({ ...BASE, privateLink: {}, networkAcls: true });
  const isolated = synthVpc({ ...ISOLATED, networkAcls: true });

  test("nat: the public subnets' route to the internet gateway, every private route table's to NAT", () => {
    expect(routes(nat)).toEqual(["private-rt-us-east-1a 0.0.0.0/0 nat", "private-rt-us-east-1b 0.0.0.0/0 nat", "public-rt 0.0.0.0/0 igw"]);
  });

  test("isolated: no route at all (local and S3-endpoint routes only), no IGW, NAT, EIP or public subnet", () => {
    expect(routes(isolated)).toEqual([]);
    for (const type of ["aws_internet_gateway", "aws_nat_gateway", "aws_eip"]) expect(resources(isolated, type)).toEqual([]);
    expect(resources(isolated, "aws_subnet").map((s) => s.tags.Name).sort()).toEqual([
      "dbx-test-private-us-east-1a", "dbx-test-private-us-east-1b", "dbx-test-privatelink-us-east-1a", "dbx-test-privatelink-us-east-1b",
    ]);
    expect(resource(isolated, "aws_vpc_endpoint", "s3-endpoint").route_table_ids).toEqual([
      refTo(isolated, "aws_route_table", "private-rt-us-east-1a"), refTo(isolated, "aws_route_table", "private-rt-us-east-1b"),
    ]);
  });

  test("isolated: the subnets sit where the nat mode puts them (switching modes moves no subnet)", () => {
    for (const id of ["private-subnet-us-east-1a", "private-subnet-us-east-1b", "privatelink-subnet-us-east-1a", "privatelink-subnet-us-east-1b"]) {
      expect(resource(isolated, "aws_subnet", id).cidr_block).toBe(resource(nat, "aws_subnet", id).cidr_block);
    }
  });

  test("nat: the Databricks ports to 0.0.0.0/0", () => {
    expect(computeRules(nat).filter((r) => r.startsWith("out tcp") && !r.endsWith("self"))).toEqual([
      "out tcp 2443-2443 0.0.0.0/0", "out tcp 443-443 0.0.0.0/0", "out tcp 5432-5432 0.0.0.0/0", "out tcp 6666-6666 0.0.0.0/0", "out tcp 8443-8451 0.0.0.0/0",
    ]);
  });

  test("isolated: exactly self both ways, the Databricks ports to the VPC CIDR, 443 to the S3 prefix list; nothing to 0.0.0.0/0", () => {
    expect(computeRules(isolated)).toEqual([
      "in tcp 0-65535 self",
      "in udp 0-65535 self",
      "out tcp 0-65535 self",
      "out tcp 2443-2443 10.0.0.0/16",
      "out tcp 443-443 10.0.0.0/16",
      "out tcp 443-443 s3-prefix-list",
      "out tcp 5432-5432 10.0.0.0/16",
      "out tcp 6666-6666 10.0.0.0/16",
      "out tcp 8443-8451 10.0.0.0/16",
      "out udp 0-65535 self",
    ]);
    // The prefix list is the gateway endpoint's own attribute: no data source, so the plan needs no AWS call.
    expect(resource(isolated, "aws_vpc_security_group_egress_rule", "compute-egress-s3-https").prefix_list_id)
      .toBe(refTo(isolated, "aws_vpc_endpoint", "s3-endpoint", "prefix_list_id"));
    expect(isolated.data).toBeUndefined();
  });

  test("isolated NACL: exactly what Databricks validates at workspace creation; no DNS, 2443, 5432 or ephemeral egress beyond the VPC", () => {
    expect(naclRows(isolated)).toEqual([
      "in 100 -1 0-0 0.0.0.0/0",
      "out 100 -1 0-0 10.0.0.0/16",
      "out 110 tcp 443-443 0.0.0.0/0",
      "out 120 tcp 6666-6666 0.0.0.0/0",
      "out 140 tcp 8443-8451 0.0.0.0/0",
      "out 170 tcp 3306-3306 0.0.0.0/0",
    ]);
    expect(naclRows(nat)).toContain("out 160 tcp 1024-65535 0.0.0.0/0");
  });
});

describe("WorkspaceVpc egress validation", () => {
  const problems = (props: WorkspaceVpcProps) => workspaceVpcProblems(props, { region: "us-east-1" }).problems.map((p) => `${p.path}: ${p.message}`);

  test("isolated needs the PrivateLink subnets and rejects what only the nat mode uses", () => {
    expect(problems({ ...BASE, egress: "isolated", natGateways: "perAz", publicSubnetNetmask: 27, legacyHiveMetastore: true, internetEgressReason: "partner API over the internet" })).toEqual([
      'natGateways: has no effect with egress "isolated" (no NAT gateways); remove it',
      'publicSubnetNetmask: has no effect with egress "isolated" (no public subnets); remove it',
      'internetEgressReason: has no effect with egress "isolated" (there is no route to the internet to explain); remove it',
      'legacyHiveMetastore: cannot be used with egress "isolated": the legacy Hive metastore is reached over the internet (use Unity Catalog)',
      'privateLink: is required with egress "isolated": clusters reach the control plane only through back-end PrivateLink (set privateLink: { backend: true })',
    ]);
    expect(problems(ISOLATED)).toEqual([]);
  });

  test("a reason must say something", () => {
    expect(problems({ ...BASE, internetEgressReason: " short " })).toEqual([
      "internetEgressReason: must be at least 10 characters saying why this network keeps a route to the internet",
    ]);
  });
});

describe("DBX-NET1: no internet route or egress from the workspace subnets in production", () => {
  // The shipped prod (isolated) passes: the shared synth would fail otherwise, and app.test.ts checks it has no route.
  /** A NAT VPC in 3 AZs registered as a workspace network, under the pack; DBX-NET1 findings and the cdk.tf.json document. */
  function prodWith(network: Partial<WorkspaceVpcProps>, production = true): { findings: readonly GuardrailFinding[]; json: Json } {
    const stack = new TerraformStack(Testing.app(), "prod-workspace");
    withContext(stack);
    const vpc = new WorkspaceVpc(stack, "network", { ...BASE, availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"], privateLink: {}, ...network });
    new MwsNetworks(stack, "registration", {
      accountId: "0a1b2c3d-0000-4000-8000-000000000000", networkName: "n", vpcId: vpc.vpcId, subnetIds: vpc.privateSubnetIds, securityGroupIds: vpc.securityGroupIds,
    });
    const pack = new DatabricksGuardrails({ production });
    Aspects.of(stack).add(pack);
    Testing.synth(stack);
    // toTerraform(): the document cdktf writes to cdk.tf.json, "//" audit metadata included.
    return { findings: pack.findings.filter((f) => f.ruleId === "DBX-NET1"), json: stack.toTerraform() };
  }
  const natProd: Partial<WorkspaceVpcProps> = { egress: "nat", natGateways: "perAz" };
  const FLAGGED = [
    "compute-egress-tcp-2443", "compute-egress-tcp-443", "compute-egress-tcp-5432", "compute-egress-tcp-6666", "compute-egress-tcp-8443-8451",
    "private-default-route-us-east-1a", "private-default-route-us-east-1b", "private-default-route-us-east-1c",
  ];

  test("prod with NAT: each private route to 0.0.0.0/0 and each compute egress rule to it is an error; the public subnets' IGW route is not a workspace route; not production: no finding", () => {
    const found = prodWith(natProd).findings;
    expect(found.every((f) => f.level === "error")).toBe(true);
    expect(found.map((f) => f.path.replace("prod-workspace/network/", "")).sort()).toEqual(FLAGGED);
    expect(found.find((f) => f.path.endsWith("route-us-east-1a"))!.finding).toBe("route 0.0.0.0/0 to aws_nat_gateway.network_nat-us-east-1a_B3C42541 from the workspace subnets' route table");
    expect(prodWith(natProd, false).findings).toEqual([]);
  });

  test("network.internetEgressReason turns the findings into info and is written to each resource", () => {
    const reason = "egress through the central inspection firewall (change CHG-1234)";
    const { findings, json } = prodWith({ ...natProd, internetEgressReason: reason });
    expect(findings.map((f) => f.path.replace("prod-workspace/network/", "")).sort()).toEqual(FLAGGED);
    expect(findings.every((f) => f.level === "info" && f.suppressionReason === reason)).toBe(true);
    expect(resource(json, "aws_route", "private-default-route-us-east-1a")["//"].guardrails).toEqual({ suppressed: [{ id: "DBX-NET1", reason }] });
    expect(resource(json, "aws_vpc_security_group_egress_rule", "compute-egress-tcp-443")["//"].guardrails).toEqual({ suppressed: [{ id: "DBX-NET1", reason }] });
  });

  test("without a workspace network in the stack every route table and security group counts (fails closed); inline routes and rules too", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new RouteTable(stack, "rt", { vpcId: "vpc-01234567", route: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-01234567" }, { cidrBlock: "10.9.0.0/16", gatewayId: "igw-01234567" }] });
    new SecurityGroup(stack, "sg", { vpcId: "vpc-01234567", egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
    const pack = new DatabricksGuardrails({ production: true });
    Aspects.of(stack).add(pack);
    Testing.synth(stack);
    expect(pack.findings.filter((f) => f.ruleId === "DBX-NET1").map((f) => `${f.path}: ${f.finding}`)).toEqual([
      "s/rt: route 0.0.0.0/0 to gateway igw-01234567 from the workspace subnets' route table",
      "s/sg: egress[0]: egress all traffic to 0.0.0.0/0 from the workspace's security group",
    ]);
  });

  test("a subnet without its own route table uses the VPC's main one: its routes to 0.0.0.0/0 count", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const main = new DefaultRouteTable(stack, "main", { defaultRouteTableId: "rtb-01234567" });
    new Route(stack, "default", { routeTableId: main.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-01234567" });
    new MwsNetworks(stack, "n", { accountId: "a", networkName: "n", subnetIds: ["subnet-01234567", "subnet-89abcdef"], securityGroupIds: ["sg-01234567"] });
    const pack = new DatabricksGuardrails({ production: true });
    Aspects.of(stack).add(pack);
    Testing.synth(stack);
    expect(pack.findings.filter((f) => f.ruleId === "DBX-NET1").map((f) => f.path)).toEqual(["s/default"]);
  });
});
