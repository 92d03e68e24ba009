import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { ServerlessEgress, ServerlessEgressProps, serverlessEgressProblems } from "../../modules/serverless";
import { Json, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

const WS = "${databricks_mws_workspaces.ws.workspace_id}";
const OWN = ["dbx-test-123456789012-root", "dbx-test-data"];

function synth(props: ServerlessEgressProps = {}): Json {
  return synthJson((scope) => {
    const accountProvider = new DatabricksProvider(scope, "databricks-account", { alias: "mws", host: "https://accounts.cloud.databricks.com", accountId: TEST_CONTEXT.databricksAccountId });
    withContext(scope, { accountProvider });
    new ServerlessEgress(scope, "serverless-egress", { ...props, workspaceId: WS, ownBuckets: OWN });
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
});
