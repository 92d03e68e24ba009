import { Testing } from "cdktf";
import { loadEnvironments } from "../../environments";
import { poc } from "../../environments/poc";
import { existingPrivateLinkProblems, ExistingNetworkPrivateLinkProps } from "../../modules/privatelink";
import { WorkspaceStack } from "../../stacks/workspace-stack";
import { Json, refTo, resources } from "../helpers";

const EXISTING = {
  mode: "existing", vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-01234567", "subnet-89abcdef"], securityGroupIds: ["sg-01234567", "sg-89abcdef"],
};
const ENDPOINT_SUBNETS = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"];

/** poc's workspace stack over an existing VPC with this `privateLink` section (Enterprise tier), synthesized. */
function synthExisting(privateLink: ExistingNetworkPrivateLinkProps): Json {
  const [env] = loadEnvironments([{ ...poc, network: { ...EXISTING, privateLink }, workspace: { pricingTier: "ENTERPRISE" } } as never], {});
  return JSON.parse(Testing.synth(new WorkspaceStack(Testing.app(), env)));
}

describe("existing VPC with back-end PrivateLink", () => {
  test("endpointSubnetIds: both endpoints created in the given subnets, admitting the network's first security group, registered and used by the network", () => {
    const json = synthExisting({ backend: true, endpointSubnetIds: ENDPOINT_SUBNETS });
    const endpoints = resources(json, "aws_vpc_endpoint");
    expect(endpoints.map((e) => [e.vpc_id, e.subnet_ids, e.private_dns_enabled])).toEqual([
      [EXISTING.vpcId, ENDPOINT_SUBNETS, true], [EXISTING.vpcId, ENDPOINT_SUBNETS, true],
    ]);
    expect([...new Set(resources(json, "aws_vpc_security_group_ingress_rule").map((r) => r.referenced_security_group_id))]).toEqual(["sg-01234567"]);
    const network = Object.values(json.resource.databricks_mws_networks)[0] as Json;
    expect(network.vpc_endpoints).toEqual({
      rest_api: [refTo(json, "databricks_mws_vpc_endpoint", "workspace-registration", "vpc_endpoint_id")],
      dataplane_relay: [refTo(json, "databricks_mws_vpc_endpoint", "relay-registration", "vpc_endpoint_id")],
    });
    expect(resources(json, "databricks_mws_private_access_settings")).toHaveLength(1);
  });

  test("databricksVpcEndpointIds: nothing created or registered, the shared endpoints' ids go to the network", () => {
    const json = synthExisting({ backend: true, databricksVpcEndpointIds: { restApi: "rest-1234", relay: "relay-5678" } });
    expect(resources(json, "aws_vpc_endpoint")).toEqual([]);
    expect(resources(json, "databricks_mws_vpc_endpoint")).toEqual([]);
    const network = Object.values(json.resource.databricks_mws_networks)[0] as Json;
    expect(network.vpc_endpoints).toEqual({ rest_api: ["rest-1234"], dataplane_relay: ["relay-5678"] });
  });

  test("awsVpcEndpointIds: the existing AWS endpoints are registered, nothing AWS is created", () => {
    const json = synthExisting({ backend: true, awsVpcEndpointIds: { restApi: "vpce-0123456789abcdef0", relay: "vpce-0fedcba9876543210" } });
    expect(resources(json, "aws_vpc_endpoint")).toEqual([]);
    expect(resources(json, "databricks_mws_vpc_endpoint").map((r) => [r.aws_vpc_endpoint_id, r.vpc_endpoint_name, r.region]).sort()).toEqual([
      // Named after their key fields (the registration scheme, modules/workspace/registration.ts).
      ["vpce-0123456789abcdef0", "databricks-poc-backend-rest-59cf1917", "us-east-1"], ["vpce-0fedcba9876543210", "databricks-poc-backend-relay-cdca5494", "us-east-1"],
    ]);
  });

  test("validation: exactly one way, backend true, the right kind of id, a PrivateLink region", () => {
    const problems = (props: ExistingNetworkPrivateLinkProps, region = "us-east-1") =>
      existingPrivateLinkProblems(props, { region }).map((p) => `${p.path}: ${p.message}`);
    expect(problems({ backend: false })).toEqual([
      "backend: must be true: an existing network's privateLink section is back-end PrivateLink (remove the section for none)",
      "endpointSubnetIds: set exactly one of endpointSubnetIds (create the endpoints), awsVpcEndpointIds (register existing ones) or databricksVpcEndpointIds (already registered)",
    ]);
    expect(problems({ backend: true, endpointSubnetIds: ["subnet-01234567"], databricksVpcEndpointIds: { restApi: "vpce-0123456789abcdef0", relay: "" } })).toEqual([
      "databricksVpcEndpointIds: set exactly one of endpointSubnetIds (create the endpoints), awsVpcEndpointIds (register existing ones) or databricksVpcEndpointIds (already registered); found endpointSubnetIds, databricksVpcEndpointIds",
      "endpointSubnetIds: needs at least 2: one endpoint subnet per availability zone, in at least 2 zones",
      "databricksVpcEndpointIds.restApi: must be the Databricks id of a registered endpoint (databricks_mws_vpc_endpoint.vpc_endpoint_id), not an AWS vpce- id (those go in awsVpcEndpointIds)",
      "databricksVpcEndpointIds.relay: must be the Databricks id of a registered endpoint (databricks_mws_vpc_endpoint.vpc_endpoint_id), not an AWS vpce- id (those go in awsVpcEndpointIds)",
    ]);
    expect(problems({ backend: true, awsVpcEndpointIds: { restApi: "vpce-1", relay: "vpce-0fedcba9876543210" } })).toEqual([
      "awsVpcEndpointIds.restApi: is not a VPC endpoint id (vpce- followed by 8 or 17 hex digits)",
    ]);
    expect(problems({ backend: true, endpointSubnetIds: ENDPOINT_SUBNETS }, "eu-north-1")[0]).toMatch(/^backend: Databricks PrivateLink is not available in region "eu-north-1"/);
  });
});
