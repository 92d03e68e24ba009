import { DataSourceConnectivity, DataSourceConnectivityProps } from "../../modules/network";
import { ValidationError } from "../../modules/core/problems";
import { connectivityProblems } from "../../modules/network/connectivity";
import { resource, resources, synthJson, withContext } from "../helpers";

const BASE: DataSourceConnectivityProps = {
  vpcId: "vpc-0123456789abcdef0", vpcCidr: "10.30.0.0/16",
  routeTableIds: { "us-east-1a": "rtb-0aaaaaaaaaaaaaaaa", "us-east-1b": "rtb-0bbbbbbbbbbbbbbbb" },
  attachmentSubnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
};
const synth = (props: Partial<DataSourceConnectivityProps>, region = "us-east-1") => synthJson((scope) => {
  withContext(scope, { resourcePrefix: "dbx", region });
  new DataSourceConnectivity(scope, "connectivity", { ...BASE, ...props });
});

describe("DataSourceConnectivity", () => {
  test("same-account, same-region peering is auto-accepted and routed from every private route table", () => {
    const json = synth({ peerings: [{ name: "rds", peerVpcId: "vpc-0fedcba9876543210", cidrs: ["10.50.0.0/24", "10.50.1.0/24"] }] });
    const pcx = resource(json, "aws_vpc_peering_connection", "peering-rds");
    expect(pcx).toMatchObject({ vpc_id: BASE.vpcId, peer_vpc_id: "vpc-0fedcba9876543210", auto_accept: true, tags: { Name: "dbx-rds" } });
    const pcxRef = `\${aws_vpc_peering_connection.${Object.keys(json.resource.aws_vpc_peering_connection)[0]}.id}`;
    expect(resources(json, "aws_route").map((r) => `${r.route_table_id} ${r.destination_cidr_block} ${r.vpc_peering_connection_id === pcxRef}`).sort()).toEqual([
      "rtb-0aaaaaaaaaaaaaaaa 10.50.0.0/24 true", "rtb-0aaaaaaaaaaaaaaaa 10.50.1.0/24 true",
      "rtb-0bbbbbbbbbbbbbbbb 10.50.0.0/24 true", "rtb-0bbbbbbbbbbbbbbbb 10.50.1.0/24 true",
    ]);
  });

  test("a cross-account peering names the owner and is accepted on the other side", () => {
    const json = synth({ peerings: [{ name: "other", peerVpcId: "vpc-0fedcba9876543210", peerAccountId: "444444444444", peerRegion: "eu-west-1", cidrs: ["172.16.0.0/16"] }] });
    const pcx = resource(json, "aws_vpc_peering_connection", "peering-other");
    expect(pcx).toMatchObject({ peer_owner_id: "444444444444", peer_region: "eu-west-1" });
    expect(pcx.auto_accept).toBeUndefined();
  });

  test("a peering is auto-accepted when its peerRegion is the context's region, not otherwise", () => {
    const peering = { name: "rds", peerVpcId: "vpc-0fedcba9876543210", peerRegion: "eu-west-1", cidrs: ["10.50.0.0/24"] };
    expect(resource(synth({ peerings: [peering] }, "eu-west-1"), "aws_vpc_peering_connection", "peering-rds").auto_accept).toBe(true);
    expect(resource(synth({ peerings: [peering] }, "us-east-1"), "aws_vpc_peering_connection", "peering-rds").auto_accept).toBeUndefined();
  });

  test("a transit gateway attachment in the cluster subnets, routes after the attachment", () => {
    const json = synth({ transitGateways: [{ name: "corp", transitGatewayId: "tgw-0123456789abcdef0", cidrs: ["192.168.0.0/16"] }] });
    expect(resource(json, "aws_ec2_transit_gateway_vpc_attachment", "tgw-corp")).toMatchObject({
      transit_gateway_id: "tgw-0123456789abcdef0", subnet_ids: BASE.attachmentSubnetIds, vpc_id: BASE.vpcId, tags: { Name: "dbx-corp" },
    });
    const attachment = `aws_ec2_transit_gateway_vpc_attachment.${Object.keys(json.resource.aws_ec2_transit_gateway_vpc_attachment)[0]}`;
    for (const route of resources(json, "aws_route")) {
      expect(route).toMatchObject({ transit_gateway_id: "tgw-0123456789abcdef0", destination_cidr_block: "192.168.0.0/16" });
      expect(route.depends_on).toEqual([attachment]);
    }
  });

  test("validation: overlaps with the VPC or each other, ids, names, default route", () => {
    const build = () => synth({
      peerings: [
        { name: "a", peerVpcId: "vpc-123", cidrs: ["10.30.5.0/24", "10.60.0.0/16"] },
        { name: "a", peerVpcId: "vpc-0fedcba9876543210", peerAccountId: "44", cidrs: ["0.0.0.0/0"] },
      ],
      transitGateways: [{ name: "Corp", transitGatewayId: "tgw-x", cidrs: ["10.60.1.0/24"] }],
    });
    expect(build).toThrow(ValidationError);
    expect(build).toThrow([
      'peerings[0].cidrs[0] = "10.30.5.0/24": overlaps the workspace VPC 10.30.0.0/16; routes to it would never leave the VPC',
      'peerings[0].peerVpcId = "vpc-123": is not a VPC id (vpc- followed by 8 or 17 hex digits)',
      'peerings[1].name = "a": is used by another connection; names must be unique',
      'peerings[1].cidrs[0] = "0.0.0.0/0": must not be the default route; egress to the internet goes through NAT',
      'peerings[1].peerAccountId = "44": must be a 12-digit AWS account id',
      'transitGateways[0].name = "Corp": must be 1 to 31 lowercase letters, digits or dashes',
      'transitGateways[0].cidrs[0] = "10.60.1.0/24": overlaps peerings[0].cidrs[1] (10.60.0.0/16); one destination, one route',
      'transitGateways[0].transitGatewayId = "tgw-x": is not a transit gateway id (tgw- followed by 8 or 17 hex digits)',
    ].map((l) => `  - ${l}`).join("\n"));
  });
});

describe("DataSourceConnectivity: context and validation function", () => {
  test("without a DeploymentContext: the context's message", () => {
    expect(() => synthJson((scope) => new DataSourceConnectivity(scope, "connectivity", BASE))).toThrow(
      "stack/connectivity: no DeploymentContext in scope. Create one in the stack first",
    );
  });

  test("connectivityProblems needs no context; paths relative to the props", () => {
    expect(connectivityProblems({ vpcCidr: "10.30.0.0/16", transitGateways: [{ name: "corp", transitGatewayId: "tgw-1", cidrs: [] }] })).toEqual([
      { path: "transitGateways[0].cidrs", value: [], message: "needs at least one CIDR to route" },
      { path: "transitGateways[0].transitGatewayId", value: "tgw-1", message: "is not a transit gateway id (tgw- followed by 8 or 17 hex digits)" },
    ]);
  });
});
