import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { TerraformOutput, Token } from "cdktf";
import { Construct } from "constructs";
import { REGIONS } from "../../modules/core/constants";
import { DeploymentContextProps } from "../../modules/core/context";
import { COMPUTE_EGRESS_PORTS } from "../../modules/network/rules";
import {
  BACKEND_ENDPOINT_PORTS, BackendPrivateLink, BackendPrivateLinkProps, backendPrivateLinkProblems, FrontendPrivateLink,
  FrontendPrivateLinkProps, frontendPrivateLinkProblems, PRIVATELINK_CAVEATS, PRIVATELINK_REGIONS, PRIVATELINK_SERVICES,
  PrivateAccessSettings, PrivateAccessSettingsProps, privateAccessSettingsProblems, privateLinkProblems, privateLinkServices,
} from "../../modules/privatelink";
import { throwIfProblems, ValidationError } from "../../modules/core/problems";
import { Json, refTo, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

const ACCOUNT = "0a1b2c3d-0000-4000-8000-000000000000";
const VPC = "vpc-0123456789abcdef0";
const COMPUTE_SG = "sg-0123456789abcdef0";
const SUBNETS = ["subnet-01234567", "subnet-89abcdef"];

/** Every region of the SRA (databricks/terraform-databricks-sra:aws/tf/variables.tf) with back-end services (all but eu-north-1), written out from it. */
const REFERENCE_REGIONS = [
  "ap-northeast-1", "ap-northeast-2", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
  "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1",
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "us-gov-west-1",
];

/** Rules as comparable strings: direction protocol ports source/destination (as network.test.ts). */
function sgRules(json: Json, sgFragment: string): string[] {
  const sg = refTo(json, "aws_security_group", sgFragment);
  const rows = (type: string, dir: string) => resources(json, type)
    .filter((r) => r.security_group_id === sg)
    .map((r) => `${dir} ${r.ip_protocol} ${r.from_port}-${r.to_port} ${r.cidr_ipv4 ?? r.referenced_security_group_id}`);
  return [...rows("aws_vpc_security_group_ingress_rule", "in"), ...rows("aws_vpc_security_group_egress_rule", "out")].sort();
}

/** The deployment context with an account-level provider (alias `mws`), in `region`. */
function context(scope: Construct, overrides: Partial<DeploymentContextProps> = {}) {
  const accountProvider = new DatabricksProvider(scope, "databricks-account", {
    alias: "mws", host: "https://accounts.cloud.databricks.com", accountId: TEST_CONTEXT.databricksAccountId,
  });
  return withContext(scope, { accountProvider, ...overrides });
}

const BACKEND: BackendPrivateLinkProps = { vpcId: VPC, subnetIds: SUBNETS, computeSecurityGroupId: COMPUTE_SG };

function synthBackend(props: Partial<BackendPrivateLinkProps> = {}, region = "us-east-1"): Json {
  return synthJson((scope) => {
    context(scope, { region });
    const pl = new BackendPrivateLink(scope, "pl-backend", { ...BACKEND, ...props });
    new TerraformOutput(scope, "rest_api", { value: pl.restApiEndpointIds });
    new TerraformOutput(scope, "dataplane_relay", { value: pl.dataplaneRelayEndpointIds });
  });
}

const FRONTEND: FrontendPrivateLinkProps = { vpcId: VPC, subnetIds: SUBNETS, clientCidrs: ["10.10.0.0/16", "192.168.1.0/24"] };

function synthFrontend(props: Partial<FrontendPrivateLinkProps> = {}, region = "us-east-1"): Json {
  return synthJson((scope) => {
    context(scope, { region });
    const pl = new FrontendPrivateLink(scope, "pl-frontend", { ...FRONTEND, ...props });
    new TerraformOutput(scope, "frontend_endpoint_id", { value: pl.endpointId });
  });
}

const PAS: PrivateAccessSettingsProps = { publicAccessEnabled: true };

function synthPas(props: Partial<PrivateAccessSettingsProps> = {}, region = "us-east-1"): Json {
  return synthJson((scope) => {
    context(scope, { region });
    const pas = new PrivateAccessSettings(scope, "pas", { ...PAS, ...props });
    new TerraformOutput(scope, "pas_id", { value: pas.privateAccessSettingsId });
  });
}

describe("PrivateLink endpoint services (the SRA (databricks/terraform-databricks-sra:aws/tf/variables.tf))", () => {
  test("exactly the reference's regions: eu-north-1 (no back-end services) is not among them", () => {
    expect([...PRIVATELINK_REGIONS].sort()).toEqual([...REFERENCE_REGIONS].sort());
    expect(privateLinkServices("eu-north-1")).toBeUndefined();
    expect(privateLinkServices("us-gov-east-1")).toBeUndefined();
    expect(privateLinkServices("constructor")).toBeUndefined();
  });

  test.each(REFERENCE_REGIONS)("%s: both names are com.amazonaws.vpce.<region>.vpce-svc-<17 hex digits>, and differ", (region) => {
    const services = privateLinkServices(region)!;
    const shape = new RegExp(`^com\\.amazonaws\\.vpce\\.${region.replace(/-/g, "\\-")}\\.vpce-svc-[0-9a-f]{17}$`);
    expect(services.workspace).toMatch(shape);
    expect(services.relay).toMatch(shape);
    expect(services.workspace).not.toBe(services.relay);
  });

  test("no service id appears twice in the table", () => {
    const ids = Object.values(PRIVATELINK_SERVICES).flatMap((s) => [s.workspace, s.relay]).map((n) => n.split(".").pop());
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("spot checks against the reference table", () => {
    expect(privateLinkServices("us-east-1")).toEqual({
      workspace: "com.amazonaws.vpce.us-east-1.vpce-svc-09143d1e626de2f04",
      relay: "com.amazonaws.vpce.us-east-1.vpce-svc-00018a8c3ff62ffdf",
    });
    expect(privateLinkServices("eu-west-1")).toEqual({
      workspace: "com.amazonaws.vpce.eu-west-1.vpce-svc-0da6ebf1461278016",
      relay: "com.amazonaws.vpce.eu-west-1.vpce-svc-09b4eb2bc775f4e8c",
    });
  });

  test("us-west-1 is supported (the 'not supported' claims are stale)", () => {
    expect(privateLinkServices("us-west-1")).toEqual({
      workspace: "com.amazonaws.vpce.us-west-1.vpce-svc-09bb6ca26208063f2",
      relay: "com.amazonaws.vpce.us-west-1.vpce-svc-04cb91f9372b792fe",
    });
    expect(privateLinkProblems("us-west-1")).toEqual([]);
  });

  test("us-gov-west-1 uses the civilian shard's services, not DoD's", () => {
    expect(privateLinkServices("us-gov-west-1")).toEqual({
      workspace: "com.amazonaws.vpce.us-gov-west-1.vpce-svc-0f25e28401cbc9418",
      relay: "com.amazonaws.vpce.us-gov-west-1.vpce-svc-05f27abef1a1a3faa",
    });
  });

  test("ap-southeast-3 uses BHK's workspace service (dated 2026-01-06, from the docs page), not SRA's", () => {
    expect(privateLinkServices("ap-southeast-3")).toEqual({
      workspace: "com.amazonaws.vpce.ap-southeast-3.vpce-svc-0fec4092997affd53",
      relay: "com.amazonaws.vpce.ap-southeast-3.vpce-svc-025ca447c232c6a1b",
    });
  });

  test("the caveats for the README name the conflict (both ids), us-west-1, eu-north-1 and GovCloud", () => {
    const text = PRIVATELINK_CAVEATS.join("\n");
    for (const needle of ["vpce-svc-0fec4092997affd53", "vpce-svc-07a698e7e9ccfd04a", "us-west-1", "eu-north-1", "civilian", "Enterprise"]) {
      expect(text).toContain(needle);
    }
  });

  test("every PrivateLink region is a region the project supports", () => {
    expect(PRIVATELINK_REGIONS.filter((region) => !REGIONS[region])).toEqual([]);
  });

  test("unsupported region: one problem at the given path, naming the region and the supported ones", () => {
    expect(privateLinkProblems("eu-north-1", "network.region")).toEqual([{
      path: "network.region", value: "eu-north-1",
      message: 'Databricks PrivateLink is not available in region "eu-north-1"; PrivateLink regions: ' +
        "ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-3, ca-central-1, " +
        "eu-central-1, eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2, us-gov-west-1",
    }]);
    expect(privateLinkProblems("us-east-1")).toEqual([]);
  });

  test("a token region is rejected: the services are picked at synth time", () => {
    expect(privateLinkProblems(Token.asString({ Ref: "region" }))[0].message)
      .toBe("must be a literal region, not a token: it picks the Databricks PrivateLink endpoint services at synth time");
  });
});

describe("BackendPrivateLink: endpoint security group", () => {
  test("exactly: ingress from the compute group on 443, 2443, 5432 (Lakebase), 6666, 8443-8451; no egress", () => {
    expect(sgRules(synthBackend(), "endpoint-sg")).toEqual([
      `in tcp 2443-2443 ${COMPUTE_SG}`,
      `in tcp 443-443 ${COMPUTE_SG}`,
      `in tcp 5432-5432 ${COMPUTE_SG}`,
      `in tcp 6666-6666 ${COMPUTE_SG}`,
      `in tcp 8443-8451 ${COMPUTE_SG}`,
    ]);
  });

  test("GovCloud omits 6666 (as SRA does)", () => {
    expect(sgRules(synthBackend({}, "us-gov-west-1"), "endpoint-sg")).toEqual([
      `in tcp 2443-2443 ${COMPUTE_SG}`,
      `in tcp 443-443 ${COMPUTE_SG}`,
      `in tcp 5432-5432 ${COMPUTE_SG}`,
      `in tcp 8443-8451 ${COMPUTE_SG}`,
    ]);
  });

  test("name, VPC, no inline rules (so the provider removes AWS' default allow-all egress)", () => {
    const sg = resource(synthBackend(), "aws_security_group", "endpoint-sg");
    expect(sg).toMatchObject({ name: "dbx-test-databricks-endpoints", vpc_id: VPC, tags: { Name: "dbx-test-databricks-endpoints" } });
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
  });

  test("every endpoint port is one the compute group may send to (no port opened that clusters cannot use)", () => {
    const egress = COMPUTE_EGRESS_PORTS.map((p) => `${p.fromPort}-${p.toPort}`);
    expect(BACKEND_ENDPOINT_PORTS.map((p) => `${p.fromPort}-${p.toPort}`)).toEqual(egress);
    expect(BACKEND_ENDPOINT_PORTS.map((p) => p.fromPort)).toContain(5432);
  });

  test("rule descriptions are the port purposes, within AWS' description charset and length", () => {
    const json = synthBackend();
    const descriptions = resources(json, "aws_vpc_security_group_ingress_rule").map((r) => r.description).sort();
    expect(descriptions).toEqual(BACKEND_ENDPOINT_PORTS.map((p) => p.purpose).sort());
    for (const d of descriptions) {
      expect(d).toMatch(/^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/);
    }
  });
});

describe("BackendPrivateLink: endpoints and registrations", () => {
  const json = synthBackend({}, "eu-west-1");

  test.each([
    ["workspace-endpoint", "com.amazonaws.vpce.eu-west-1.vpce-svc-0da6ebf1461278016", "dbx-test-databricks-backend-rest"],
    ["relay-endpoint", "com.amazonaws.vpce.eu-west-1.vpce-svc-09b4eb2bc775f4e8c", "dbx-test-databricks-backend-relay"],
  ])("%s: the region's service, interface type, private DNS, the given subnets, the endpoint SG", (fragment, service, name) => {
    expect(resource(json, "aws_vpc_endpoint", fragment)).toEqual({
      vpc_id: VPC, service_name: service, vpc_endpoint_type: "Interface", private_dns_enabled: true,
      subnet_ids: SUBNETS, security_group_ids: [refTo(json, "aws_security_group", "endpoint-sg")], tags: { Name: name },
    });
  });

  test.each([
    ["workspace-registration", "workspace-endpoint", "dbx-test-backend-rest"],
    ["relay-registration", "relay-endpoint", "dbx-test-backend-relay"],
  ])("%s: registers the AWS endpoint's id with the account through the account provider", (fragment, endpoint, name) => {
    const id = refTo(json, "aws_vpc_endpoint", endpoint, "id").slice(2, -1);
    expect(resource(json, "databricks_mws_vpc_endpoint", fragment)).toEqual({
      provider: "databricks.mws", account_id: ACCOUNT, region: "eu-west-1",
      // A new AWS endpoint gets a new registration, with a new name, before the old one goes.
      vpc_endpoint_name: `${name}-\${substr(sha1(join("|", [${id}, "eu-west-1"])), 0, 8)}`,
      lifecycle: { create_before_destroy: true, ignore_changes: ["vpc_endpoint_name"] },
      aws_vpc_endpoint_id: refTo(json, "aws_vpc_endpoint", endpoint, "id"),
    });
  });

  test("outputs are the registrations' vpc_endpoint_id (what databricks_mws_networks.vpc_endpoints takes)", () => {
    expect(json.output.rest_api.value).toEqual([refTo(json, "databricks_mws_vpc_endpoint", "workspace-registration", "vpc_endpoint_id")]);
    expect(json.output.dataplane_relay.value).toEqual([refTo(json, "databricks_mws_vpc_endpoint", "relay-registration", "vpc_endpoint_id")]);
  });

  test("VPC, subnets and compute SG may be references to resources in the same stack", () => {
    const wired = synthJson((scope) => {
      const vpc = new Vpc(scope, "vpc", { cidrBlock: "10.0.0.0/16" });
      const subnets = ["a", "b"].map((az, i) => new Subnet(scope, `subnet-${az}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/28` }));
      const compute = new SecurityGroup(scope, "compute", { vpcId: vpc.id });
      context(scope);
      new BackendPrivateLink(scope, "pl-backend", {
        ...BACKEND, vpcId: vpc.id, subnetIds: subnets.map((s) => s.id), computeSecurityGroupId: compute.id,
      });
    });
    expect(resource(wired, "aws_vpc_endpoint", "relay-endpoint").subnet_ids).toEqual([refTo(wired, "aws_subnet", "subnet-a"), refTo(wired, "aws_subnet", "subnet-b")]);
    expect(resource(wired, "aws_security_group", "endpoint-sg").vpc_id).toBe(refTo(wired, "aws_vpc", "vpc"));
    expect(sgRules(wired, "endpoint-sg")).toContain(`in tcp 443-443 ${refTo(wired, "aws_security_group", "compute")}`);
  });
});

describe("FrontendPrivateLink", () => {
  test("security group: HTTPS from the client CIDRs only, nothing else, no egress", () => {
    const json = synthFrontend();
    expect(sgRules(json, "endpoint-sg")).toEqual(["in tcp 443-443 10.10.0.0/16", "in tcp 443-443 192.168.1.0/24"]);
    const sg = resource(json, "aws_security_group", "endpoint-sg");
    expect(sg).toMatchObject({ name: "dbx-test-databricks-frontend", vpc_id: VPC });
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
  });

  test("endpoint: the region's workspace service with private DNS in the given subnets, registered through the account provider", () => {
    const json = synthFrontend();
    expect(resource(json, "aws_vpc_endpoint", "workspace-endpoint")).toEqual({
      vpc_id: VPC, service_name: "com.amazonaws.vpce.us-east-1.vpce-svc-09143d1e626de2f04", vpc_endpoint_type: "Interface",
      private_dns_enabled: true, subnet_ids: SUBNETS, security_group_ids: [refTo(json, "aws_security_group", "endpoint-sg")],
      tags: { Name: "dbx-test-databricks-frontend" },
    });
    const id = refTo(json, "aws_vpc_endpoint", "workspace-endpoint", "id").slice(2, -1);
    expect(resource(json, "databricks_mws_vpc_endpoint", "registration")).toEqual({
      provider: "databricks.mws", account_id: ACCOUNT, region: "us-east-1",
      vpc_endpoint_name: `dbx-test-frontend-\${substr(sha1(join("|", [${id}, "us-east-1"])), 0, 8)}`,
      lifecycle: { create_before_destroy: true, ignore_changes: ["vpc_endpoint_name"] },
      aws_vpc_endpoint_id: refTo(json, "aws_vpc_endpoint", "workspace-endpoint", "id"),
    });
    expect(json.output.frontend_endpoint_id.value).toBe(refTo(json, "databricks_mws_vpc_endpoint", "registration", "vpc_endpoint_id"));
  });

  test("no inbound resolver unless asked for", () => {
    expect(resources(synthFrontend(), "aws_route53_resolver_endpoint")).toEqual([]);
  });

  test("inboundResolver: an INBOUND endpoint in every subnet, DNS (TCP and UDP 53) from the client CIDRs only", () => {
    const json = synthFrontend({ inboundResolver: true });
    expect(resource(json, "aws_route53_resolver_endpoint", "inbound-resolver")).toEqual({
      name: "dbx-test-databricks-inbound", direction: "INBOUND",
      ip_address: [{ subnet_id: SUBNETS[0] }, { subnet_id: SUBNETS[1] }],
      security_group_ids: [refTo(json, "aws_security_group", "endpoint-sg")], tags: { Name: "dbx-test-databricks-inbound" },
    });
    expect(sgRules(json, "endpoint-sg")).toEqual([
      "in tcp 443-443 10.10.0.0/16", "in tcp 443-443 192.168.1.0/24",
      "in tcp 53-53 10.10.0.0/16", "in tcp 53-53 192.168.1.0/24",
      "in udp 53-53 10.10.0.0/16", "in udp 53-53 192.168.1.0/24",
    ]);
  });

  test("rules are keyed by CIDR: reordering clientCidrs keeps every rule's address", () => {
    const ids = (json: Json) => Object.keys(json.resource.aws_vpc_security_group_ingress_rule).sort();
    expect(ids(synthFrontend({ clientCidrs: ["192.168.1.0/24", "10.10.0.0/16"] }))).toEqual(ids(synthFrontend()));
  });
});

describe("PrivateAccessSettings", () => {
  test("defaults: ACCOUNT level, no allow-list, the public access flag as given, through the account provider", () => {
    const json = synthPas();
    expect(resource(json, "databricks_mws_private_access_settings", "settings")).toEqual({
      provider: "databricks.mws", account_id: ACCOUNT, private_access_settings_name: "dbx-test-private-access",
      region: "us-east-1", public_access_enabled: true, private_access_level: "ACCOUNT",
    });
    expect(json.output.pas_id.value).toBe(refTo(json, "databricks_mws_private_access_settings", "settings", "private_access_settings_id"));
  });

  test("public access disabled is written out explicitly", () => {
    expect(resource(synthPas({ publicAccessEnabled: false }), "databricks_mws_private_access_settings", "settings").public_access_enabled).toBe(false);
  });

  test("ENDPOINT level lists the allowed registrations' vpc_endpoint_id", () => {
    const json = synthJson((scope) => {
      context(scope);
      const front = new FrontendPrivateLink(scope, "pl-frontend", FRONTEND);
      const back = new BackendPrivateLink(scope, "pl-backend", BACKEND);
      new PrivateAccessSettings(scope, "pas", {
        ...PAS, publicAccessEnabled: false, privateAccessLevel: "ENDPOINT",
        allowedVpcEndpointIds: [front.endpointId, ...back.restApiEndpointIds],
      });
    });
    expect(resource(json, "databricks_mws_private_access_settings", "settings")).toMatchObject({
      private_access_level: "ENDPOINT", public_access_enabled: false,
      allowed_vpc_endpoint_ids: [
        refTo(json, "databricks_mws_vpc_endpoint", "pl-frontend_registration", "vpc_endpoint_id"),
        refTo(json, "databricks_mws_vpc_endpoint", "workspace-registration", "vpc_endpoint_id"),
      ],
    });
  });

  test("literal Databricks endpoint ids are passed through", () => {
    const ids = ["11111111-2222-4333-8444-555555555555"];
    expect(resource(synthPas({ privateAccessLevel: "ENDPOINT", allowedVpcEndpointIds: ids }), "databricks_mws_private_access_settings", "settings")
      .allowed_vpc_endpoint_ids).toEqual(ids);
  });
});

describe("PrivateLink validation names the prop, the value and what is allowed", () => {
  test.each<[string, () => unknown, string]>([
    // Every region the DeploymentContext accepts has PrivateLink today: the region check guards the validation
    // functions' other callers (config checks) and regions added to the project before their PrivateLink services.
    ["backend region (the context's)", () => throwIfProblems("BackendPrivateLink", backendPrivateLinkProblems(BACKEND, { region: "eu-north-1" })),
      'region = "eu-north-1": Databricks PrivateLink is not available in region "eu-north-1"; PrivateLink regions: ap-northeast-1,'],
    ["backend one subnet", () => synthBackend({ subnetIds: ["subnet-01234567"] }),
      'subnetIds = ["subnet-01234567"]: needs at least 2: one endpoint subnet per availability zone, in at least 2 zones, so the endpoints survive the loss of one'],
    ["backend duplicate subnet", () => synthBackend({ subnetIds: ["subnet-01234567", "subnet-01234567"] }),
      'subnetIds[1] = "subnet-01234567": is listed twice'],
    ["backend compute SG", () => synthBackend({ computeSecurityGroupId: "sg-xyz" }),
      'computeSecurityGroupId = "sg-xyz": is not a security group id (sg- followed by 8 or 17 hex digits)'],
    ["backend VPC", () => synthBackend({ vpcId: "vpc-1" }),
      'vpcId = "vpc-1": is not a VPC id (vpc- followed by 8 or 17 hex digits)'],
    ["frontend region (the context's)", () => throwIfProblems("FrontendPrivateLink", frontendPrivateLinkProblems(FRONTEND, { region: "eu-north-1" })),
      'region = "eu-north-1": Databricks PrivateLink is not available in region "eu-north-1"'],
    ["frontend VPC", () => synthFrontend({ vpcId: "vpc-0123" }),
      'vpcId = "vpc-0123": is not a VPC id (vpc- followed by 8 or 17 hex digits)'],
    ["frontend subnet", () => synthFrontend({ subnetIds: ["subnet-xyz"] }),
      'subnetIds[0] = "subnet-xyz": is not a subnet id (subnet- followed by 8 or 17 hex digits)'],
    ["frontend 0.0.0.0/0", () => synthFrontend({ clientCidrs: ["10.0.0.0/8", "0.0.0.0/0"] }),
      'clientCidrs[1] = "0.0.0.0/0": must not be 0.0.0.0/0: the endpoint admits only the users\' networks; list their CIDRs'],
    ["frontend no CIDRs", () => synthFrontend({ clientCidrs: [] }),
      "clientCidrs = []: needs at least 1 CIDR: the networks of the users who reach the workspace through this endpoint"],
    ["frontend host bits", () => synthFrontend({ clientCidrs: ["10.0.0.1/16"] }),
      'clientCidrs[0] = "10.0.0.1/16": has host bits set; the network address is 10.0.0.0/16'],
    ["frontend not a CIDR", () => synthFrontend({ clientCidrs: ["10.0.0.0"] }),
      'clientCidrs[0] = "10.0.0.0": is not an IPv4 CIDR block (expected a.b.c.d/n)'],
    ["frontend no subnet", () => synthFrontend({ subnetIds: [] }),
      "subnetIds = []: needs at least 1: the endpoint needs a subnet"],
    ["resolver needs 2 subnets", () => synthFrontend({ subnetIds: ["subnet-01234567"], inboundResolver: true }),
      "inboundResolver = true: needs at least 2 subnetIds (got 1): a Route 53 Resolver endpoint needs 2 IP addresses, one in each of 2 subnets (ideally in different availability zones)"],
    ["ENDPOINT without ids", () => synthPas({ privateAccessLevel: "ENDPOINT" }),
      'allowedVpcEndpointIds: is required with privateAccessLevel "ENDPOINT": the Databricks ids (vpc_endpoint_id) of the registered endpoints allowed to reach the workspace'],
    ["ACCOUNT with ids", () => synthPas({ allowedVpcEndpointIds: ["11111111-2222-4333-8444-555555555555"] }),
      'allowedVpcEndpointIds = ["11111111-2222-4333-8444-555555555555"]: is only used with privateAccessLevel "ENDPOINT"; with "ACCOUNT" every endpoint registered in the account is allowed'],
    ["AWS endpoint id instead of Databricks'", () => synthPas({ privateAccessLevel: "ENDPOINT", allowedVpcEndpointIds: ["vpce-0123456789abcdef0"] }),
      'allowedVpcEndpointIds[0] = "vpce-0123456789abcdef0": is an AWS VPC endpoint id; pass the Databricks registration\'s vpc_endpoint_id (a UUID) instead'],
    ["unknown level", () => synthPas({ privateAccessLevel: "ANY" as never }),
      'privateAccessLevel = "ANY": must be one of "ACCOUNT", "ENDPOINT"'],
    ["PAS region (the context's)", () => throwIfProblems("PrivateAccessSettings", privateAccessSettingsProblems(PAS, { region: "eu-north-1" })),
      'region = "eu-north-1": Databricks PrivateLink is not available in region "eu-north-1"'],
  ])("%s", (_name, build, message) => {
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(message);
  });

  test("all problems at once, under the construct's path", () => {
    expect(() => synthBackend({ subnetIds: ["subnet-01234567"], computeSecurityGroupId: "x" })).toThrow(
      "BackendPrivateLink stack/pl-backend: invalid props:\n" +
        '  - subnetIds = ["subnet-01234567"]: needs at least 2: one endpoint subnet per availability zone, in at least 2 zones, so the endpoints survive the loss of one\n' +
        '  - computeSecurityGroupId = "x": is not a security group id (sg- followed by 8 or 17 hex digits)',
    );
  });

  test("tokens skip format checks", () => {
    expect(() => synthJson((scope) => {
      context(scope);
      new FrontendPrivateLink(scope, "pl-frontend", {
        ...FRONTEND, vpcId: Token.asString({ Ref: "vpc" }),
        subnetIds: [Token.asString({ Ref: "subnet" })], clientCidrs: [Token.asString({ Ref: "cidr" })],
      });
    })).not.toThrow();
  });

  test("a subnet list token is rejected: its length is checked at synth time", () => {
    expect(() => synthBackend({ subnetIds: Token.asList({ Ref: "subnets" }) })).toThrow(
      'subnetIds = "<list token>": must be a literal list (its elements may be tokens): its length is checked at synth time',
    );
  });

  test("the validation functions take the context's region: all problems at once, not a crash on the missing region", () => {
    expect(backendPrivateLinkProblems(BACKEND, { region: "us-east-1" })).toEqual([]);
    expect(backendPrivateLinkProblems({ ...BACKEND, subnetIds: ["subnet-01234567"] }, { region: "eu-north-1" })).toEqual([
      {
        path: "region", value: "eu-north-1",
        message: 'Databricks PrivateLink is not available in region "eu-north-1"; PrivateLink regions: ' +
          "ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-3, ca-central-1, eu-central-1, " +
          "eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2, us-gov-west-1",
      },
      {
        path: "subnetIds", value: ["subnet-01234567"],
        message: "needs at least 2: one endpoint subnet per availability zone, in at least 2 zones, so the endpoints survive the loss of one",
      },
    ]);
    expect(frontendPrivateLinkProblems(FRONTEND, { region: "eu-north-1" }).map((p) => p.path)).toEqual(["region"]);
    expect(privateAccessSettingsProblems(PAS, { region: "eu-north-1" }).map((p) => p.path)).toEqual(["region"]);
  });
});

describe("PrivateLink constructs and the DeploymentContext", () => {
  test("names, region and account come from the context", () => {
    const json = synthJson((scope) => {
      context(scope, { resourcePrefix: "databricks-dev", region: "eu-west-1", databricksAccountId: "11111111-2222-4333-8444-555555555555" });
      new BackendPrivateLink(scope, "pl-backend", BACKEND);
      new FrontendPrivateLink(scope, "pl-frontend", { ...FRONTEND, inboundResolver: true });
      new PrivateAccessSettings(scope, "pas", PAS);
    });
    expect(resources(json, "aws_security_group").map((sg) => sg.name).sort()).toEqual(["databricks-dev-databricks-endpoints", "databricks-dev-databricks-frontend"]);
    expect(resources(json, "databricks_mws_vpc_endpoint").map((r) => `${r.vpc_endpoint_name.split("-${")[0]} ${r.region} ${r.account_id}`).sort()).toEqual([
      "databricks-dev-backend-relay eu-west-1 11111111-2222-4333-8444-555555555555",
      "databricks-dev-backend-rest eu-west-1 11111111-2222-4333-8444-555555555555",
      "databricks-dev-frontend eu-west-1 11111111-2222-4333-8444-555555555555",
    ]);
    expect(resource(json, "aws_route53_resolver_endpoint", "inbound-resolver").name).toBe("databricks-dev-databricks-inbound");
    expect(resource(json, "databricks_mws_private_access_settings", "settings")).toMatchObject({
      private_access_settings_name: "databricks-dev-private-access", region: "eu-west-1", account_id: "11111111-2222-4333-8444-555555555555",
    });
  });

  test("the longest prefix (32 characters) keeps the resolver name within Route 53's 64", () => {
    const prefix = "p".repeat(32);
    const json = synthJson((scope) => {
      context(scope, { resourcePrefix: prefix });
      new FrontendPrivateLink(scope, "pl-frontend", { ...FRONTEND, inboundResolver: true });
    });
    const name = resource(json, "aws_route53_resolver_endpoint", "inbound-resolver").name;
    expect(name).toBe(`${prefix}-databricks-inbound`);
    expect(name.length).toBe(51);
  });

  test.each<[string, (scope: Construct) => unknown]>([
    ["BackendPrivateLink", (scope) => new BackendPrivateLink(scope, "x", BACKEND)],
    ["FrontendPrivateLink", (scope) => new FrontendPrivateLink(scope, "x", FRONTEND)],
    ["PrivateAccessSettings", (scope) => new PrivateAccessSettings(scope, "x", PAS)],
  ])("%s without a DeploymentContext: the context's message; without an account provider: the context's message", (_name, build) => {
    expect(() => synthJson(build)).toThrow(
      "stack/x: no DeploymentContext in scope. Create one in the stack first: new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
    expect(() => synthJson((scope) => { withContext(scope); build(scope); })).toThrow(
      "stack/x: registers objects with the Databricks Account API, but the DeploymentContext has no accountProvider",
    );
  });
});
