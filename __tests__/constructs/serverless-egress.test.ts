import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { ServerlessEgress, ServerlessEgressProps, serverlessEgressProblems, ServerlessEgressTarget } from "../../modules/serverless";
import { Json, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

const WS = "${databricks_mws_workspaces.ws.workspace_id}";
const OWN = ["dbx-test-123456789012-root", "dbx-test-data"];

function synth(props: ServerlessEgressProps = {}, target: Partial<ServerlessEgressTarget> = {}): Json {
  return synthJson((scope) => {
    const accountProvider = new DatabricksProvider(scope, "databricks-account", { alias: "mws", host: "https://accounts.cloud.databricks.com", accountId: TEST_CONTEXT.databricksAccountId });
    withContext(scope, { accountProvider });
    new ServerlessEgress(scope, "serverless-egress", { ...props, workspaceId: WS, ownBuckets: OWN, ...target });
  });
}

describe("ServerlessEgress", () => {
  test("defaults: restricted and enforced, no internet destination, the environment's own buckets; assigned to the workspace", () => {
    const json = synth();
    expect(resource(json, "databricks_account_network_policy", "network-policy")).toEqual({
      provider: "databricks.mws", account_id: TEST_CONTEXT.databricksAccountId, network_policy_id: "dbx-test-np",
      egress: { network_access: {
        restriction_mode: "RESTRICTED_ACCESS", policy_enforcement: { enforcement_mode: "ENFORCED" },
        allowed_storage_destinations: OWN.map((bucket_name) => ({ bucket_name, region: "us-east-1", storage_destination_type: "AWS_S3" })),
      } },
    });
    const policyId = "${databricks_account_network_policy.serverless-egress_network-policy_650548E3.network_policy_id}";
    expect(resource(json, "databricks_workspace_network_option", "network-option")).toEqual({ provider: "databricks.mws", workspace_id: WS, network_policy_id: policyId });
    // A registration (every argument ForceNew): created before its predecessor is destroyed, named after its key (the region).
    expect(resource(json, "databricks_mws_network_connectivity_config", "ncc")).toEqual({
      provider: "databricks.mws", name: "dbx-test-ncc-c6308e67", region: "us-east-1", lifecycle: { create_before_destroy: true, ignore_changes: ["name"] },
    });
    expect(resource(json, "databricks_mws_ncc_binding", "ncc-binding")).toEqual({
      provider: "databricks.mws", workspace_id: WS,
      network_connectivity_config_id: "${databricks_mws_network_connectivity_config.serverless-egress_ncc_09A45A06.network_connectivity_config_id}",
    });
    expect(resources(json, "databricks_mws_ncc_private_endpoint_rule")).toEqual([]);
  });

  test("allow-lists, a dry run and the S3 private endpoint rule to the allowed buckets", () => {
    const json = synth({ enforcementMode: "DRY_RUN", allowedInternetDestinations: ["pypi.org", "files.pythonhosted.org"], allowedStorageBuckets: ["partner-share"], s3PrivateEndpoint: true });
    const access = resource(json, "databricks_account_network_policy", "network-policy").egress.network_access;
    expect(access.allowed_internet_destinations).toEqual([
      { destination: "pypi.org", internet_destination_type: "DNS_NAME" }, { destination: "files.pythonhosted.org", internet_destination_type: "DNS_NAME" },
    ]);
    expect(access.allowed_storage_destinations).toEqual([{ bucket_name: "partner-share", region: "us-east-1", storage_destination_type: "AWS_S3" }]);
    expect(access.policy_enforcement).toEqual({ enforcement_mode: "DRY_RUN" });
    expect(resource(json, "databricks_mws_ncc_private_endpoint_rule", "s3-endpoint-rule")).toMatchObject({ endpoint_service: "com.amazonaws.us-east-1.s3", resource_names: ["partner-share"] });
  });

  test("validation: DNS names, bucket names, id lengths, allow-lists without restriction", () => {
    const problems = (props: ServerlessEgressProps, prefix = "dbx-test") => serverlessEgressProblems(props, { resourcePrefix: prefix }).map((p) => `${p.path}: ${p.message}`);
    expect(problems({ allowedInternetDestinations: ["https://pypi.org/simple"], allowedStorageBuckets: ["arn:aws:s3:::x"], restrictionMode: "FULL_ACCESS" })).toEqual([
      "allowedInternetDestinations[0]: is not a DNS name (like pypi.org; no scheme, port or path)",
      "allowedStorageBuckets[0]: is not an S3 bucket name",
      "restrictionMode: allows every destination: the allow-lists only apply with RESTRICTED_ACCESS",
    ]);
    expect(problems({}, "a-very-long-resource-prefix-of-32")).toEqual([
      "networkPolicyId: must be 1 to 32 letters, digits, dashes or underscores (set networkPolicyId when the default <prefix>-np is longer)",
      "nccName: must be 3 to 21 letters, digits, - or _ (the provider allows 30; a -<8 hex> generation suffix follows); set nccName when the default <prefix>-ncc is longer",
    ]);
  });

  test("the S3 rule covers the catalog's bucket too, and is created disabled until s3PrivateEndpointEnabled", () => {
    const ncc = "${databricks_mws_network_connectivity_config.serverless-egress_ncc_09A45A06.network_connectivity_config_id}";
    const rule = (enabled?: boolean) => resource(synth({ s3PrivateEndpoint: true, s3PrivateEndpointEnabled: enabled }, { catalogBucket: "dbx-test-123456789012-catalog" }), "databricks_mws_ncc_private_endpoint_rule", "s3-endpoint-rule");
    expect(rule()).toEqual({
      provider: "databricks.mws", network_connectivity_config_id: ncc, endpoint_service: "com.amazonaws.us-east-1.s3",
      resource_names: [...OWN, "dbx-test-123456789012-catalog"], enabled: false, lifecycle: { create_before_destroy: true },
    });
    expect(rule(true).enabled).toBe(true);
  });

  test("rules to VPC endpoint services: one given by name, one created in the VPC (NLB, target group, listener, service, Databricks' principal)", () => {
    const json = synth({
      privateEndpointRules: [{ name: "git", endpointService: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", domainNames: ["git.internal.example.com"] }],
      endpointServices: [{ name: "db", port: 5432, targets: ["10.0.1.10", "10.0.2.10"], domainNames: ["db.internal.example.com"], acceptanceRequired: false }],
    }, { network: { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"] } });
    const ncc = "${databricks_mws_network_connectivity_config.serverless-egress_ncc_09A45A06.network_connectivity_config_id}";
    expect(resource(json, "databricks_mws_ncc_private_endpoint_rule", "endpoint-rule-git")).toEqual({
      provider: "databricks.mws", network_connectivity_config_id: ncc,
      endpoint_service: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", domain_names: ["git.internal.example.com"],
      lifecycle: { create_before_destroy: true },
    });
    const service = "aws_vpc_endpoint_service.serverless-egress_endpoint-service-db_service_939D9DDD";
    expect(resource(json, "databricks_mws_ncc_private_endpoint_rule", "endpoint-rule-db")).toEqual({
      provider: "databricks.mws", network_connectivity_config_id: ncc, endpoint_service: `\${${service}.service_name}`,
      domain_names: ["db.internal.example.com"], lifecycle: { create_before_destroy: true }, depends_on: ["aws_vpc_endpoint_service_allowed_principal.serverless-egress_endpoint-service-db_databricks-principal_77976AE0"],
    });
    expect(resource(json, "aws_lb", "endpoint-service-db")).toEqual({
      name: "dbx-test-db", internal: true, load_balancer_type: "network", subnets: ["subnet-a", "subnet-b"], enable_cross_zone_load_balancing: true,
    });
    const tg = resource(json, "aws_lb_target_group", "endpoint-service-db");
    expect(tg).toEqual({ name: "dbx-test-db", port: 5432, protocol: "TCP", target_type: "ip", vpc_id: "vpc-1", health_check: { protocol: "TCP", port: "5432" } });
    expect(resources(json, "aws_lb_target_group_attachment").map((a) => [a.target_id, a.port])).toEqual([["10.0.1.10", 5432], ["10.0.2.10", 5432]]);
    expect(resource(json, "aws_lb_listener", "endpoint-service-db")).toMatchObject({ port: 5432, protocol: "TCP" });
    expect(resource(json, "aws_vpc_endpoint_service", "endpoint-service-db")).toEqual({
      acceptance_required: false, network_load_balancer_arns: [expect.stringContaining("aws_lb.serverless-egress_endpoint-service-db_nlb")], tags: { Name: "dbx-test-db" },
    });
    expect(resource(json, "aws_vpc_endpoint_service_allowed_principal", "endpoint-service-db")).toEqual({
      vpc_endpoint_service_id: `\${${service}.id}`, principal_arn: "arn:aws:iam::565502421330:role/private-connectivity-role-us-east-1",
    });
  });

  test("validation: endpoint rules need domain names and a service name in the region; endpoint services need ports, IPs and short names", () => {
    const problems = (props: ServerlessEgressProps) => serverlessEgressProblems(props, { resourcePrefix: "dbx-test", region: "us-east-1" }).map((p) => `${p.path}: ${p.message}`);
    expect(problems({
      privateEndpointRules: [
        { name: "git", endpointService: "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", domainNames: [] },
        { name: "git", endpointService: "com.amazonaws.us-east-1.s3", domainNames: ["https://x"] },
      ],
      endpointServices: [{ name: "a-name-far-too-long-for-aws", port: 70000, targets: ["10.0.0.300"], domainNames: ["db.internal"] }],
      s3PrivateEndpointEnabled: true,
    })).toEqual([
      "privateEndpointRules[0].endpointService: must be a VPC endpoint service name in the NCC's region, com.amazonaws.vpce.us-east-1.vpce-svc-<17 hex digits> (S3: use s3PrivateEndpoint)",
      "privateEndpointRules[0].domainNames: must list at least one DNS name: serverless compute reaches a VPC endpoint service only through the names of the rule's domain_names",
      "privateEndpointRules[1].name: is also the name of privateEndpointRules[0]; rule names must be unique",
      "privateEndpointRules[1].endpointService: must be a VPC endpoint service name in the NCC's region, com.amazonaws.vpce.us-east-1.vpce-svc-<17 hex digits> (S3: use s3PrivateEndpoint)",
      "privateEndpointRules[1].domainNames[0]: is not a DNS name (like db.internal.example.com)",
      "endpointServices[0].name: must be lowercase letters, digits or dashes, with <prefix>-<name> (dbx-test-a-name-far-too-long-for-aws) at most 32 characters (AWS load balancer and target group names)",
      "endpointServices[0].port: must be a TCP port, 1 to 65535",
      "endpointServices[0].targets[0]: is not an IPv4 address (the target group's targets are IPs)",
      "s3PrivateEndpointEnabled: needs s3PrivateEndpoint: there is no S3 rule to enable",
    ]);
  });
});
