import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { Environment, loadEnvironments } from "../../environments";
import { poc } from "../../environments/poc";
import { DeploymentContextProps } from "../../modules/core/context";
import { ValidationError } from "../../modules/core/problems";
import { databricksAccountHost, databricksAccountProvider, DatabricksWorkspace, DatabricksWorkspaceProps, workspaceProblems } from "../../modules/workspace";
import { WorkspaceStack } from "../../stacks/workspace-stack";
import { Json, refTo, resource, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

/** A full poc stack with its network section replaced, synthesized. */
function synthStack(network: Json | undefined, extra: Json = {}): Json {
  // PrivateLink and customer-managed keys need the Enterprise tier.
  const [env] = loadEnvironments([{ ...poc, workspace: { pricingTier: "ENTERPRISE" }, ...extra, network } as never], {});
  return JSON.parse(Testing.synth(new WorkspaceStack(Testing.app(), env as Environment)));
}

const ref = (json: Json, type: string, fragment: string, attr: string) => refTo(json, type, fragment, attr);

describe("WorkspaceStack: Account API wiring (customer-managed VPC created by the network module)", () => {
  const json = synthStack(poc.network);
  const mws = (type: string) => resources(json, `databricks_mws_${type}`);

  test("account provider: accounts host, account id from config, no credentials", () => {
    expect(json.provider.databricks).toEqual([{ alias: "mws", host: "https://accounts.cloud.databricks.com", account_id: poc.databricksAccountId, audience: poc.databricksAccountId }]);
  });

  test("every Account API resource uses the account provider", () => {
    for (const type of ["credentials", "storage_configurations", "networks", "workspaces"]) {
      expect(mws(type).map((r) => r.provider)).toEqual(["databricks.mws"]);
    }
  });

  test("credentials → the cross-account role's ARN, after the propagation wait", () => {
    const [credentials] = mws("credentials");
    expect(credentials.role_arn).toBe(ref(json, "aws_iam_role", "cross-account-role", "arn"));
    expect(credentials.depends_on).toEqual([`time_sleep.${Object.keys(json.resource.time_sleep)[0]}`]);
    expect(resources(json, "time_sleep")[0]).toMatchObject({
      create_duration: "30s", triggers: { role_arn: credentials.role_arn },
      depends_on: [`aws_iam_role_policy.${Object.keys(json.resource.aws_iam_role_policy).find((k) => k.includes("cross-account-role"))}`],
    });
  });

  test("storage configuration → the root bucket", () => {
    expect(mws("storage_configurations")[0]).toMatchObject({
      account_id: poc.databricksAccountId, bucket_name: ref(json, "aws_s3_bucket", "root-bucket", "bucket"),
      depends_on: [`aws_s3_bucket_policy.${Object.keys(json.resource.aws_s3_bucket_policy).find((k) => k.startsWith("root-bucket"))}`],
    });
  });

  test("network configuration → the VPC, its private subnets and the compute SG, replaced create-before-destroy", () => {
    expect(mws("networks")[0]).toMatchObject({
      vpc_id: ref(json, "aws_vpc", "network_vpc", "id"),
      subnet_ids: [ref(json, "aws_subnet", "private-subnet-us-east-1a", "id"), ref(json, "aws_subnet", "private-subnet-us-east-1b", "id")],
      security_group_ids: [ref(json, "aws_security_group", "compute-sg", "id")],
      lifecycle: { create_before_destroy: true, ignore_changes: ["network_name"] },
    });
  });

  test("workspace → credentials, storage and network, with region, tier and the environment's tags", () => {
    const id = (type: string, attr: string) => ref(json, `databricks_mws_${type}`, "workspace", attr);
    expect(mws("workspaces")[0]).toMatchObject({
      workspace_name: "databricks-poc", aws_region: "us-east-1", pricing_tier: "ENTERPRISE",
      credentials_id: id("credentials", "credentials_id"),
      storage_configuration_id: id("storage_configurations", "storage_configuration_id"),
      network_id: id("networks", "network_id"),
      custom_tags: poc.tags,
    });
  });

  test("outputs are named for humans", () => {
    expect(Object.keys(json.output).sort()).toEqual([
      "cross_account_role_arn", "data_bucket_name", "network_id", "private_subnet_ids", "root_bucket_name", // instance_profile_arn: legacy path only
      "security_group_ids", "vpc_id", "workspace_id", "workspace_url",
    ]);
    expect(json.output.workspace_url.value).toBe(ref(json, "databricks_mws_workspaces", "workspace", "workspace_url"));
  });

  test("the cross-account role is scoped to the workspace VPC (customer-managed policy)", () => {
    const policy = resource(json, "aws_iam_role_policy", "cross-account-role").policy as string;
    expect(policy).toContain(ref(json, "aws_vpc", "network_vpc", "id"));
    expect(policy).not.toContain("ec2:CreateVpc");
  });
});

describe("WorkspaceStack: the three network modes", () => {
  test("existing VPC: no network resources, the given ids registered, the role scoped to them", () => {
    const json = synthStack({ mode: "existing", vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-01234567", "subnet-89abcdef"], securityGroupIds: ["sg-01234567"] });
    expect(resources(json, "aws_vpc")).toHaveLength(0);
    expect(resources(json, "aws_subnet")).toHaveLength(0);
    expect(resources(json, "databricks_mws_networks")[0]).toMatchObject({
      vpc_id: "vpc-0123456789abcdef0", subnet_ids: ["subnet-01234567", "subnet-89abcdef"], security_group_ids: ["sg-01234567"],
    });
    const policy = resource(json, "aws_iam_role_policy", "cross-account-role").policy as string;
    expect(policy).toContain("vpc/vpc-0123456789abcdef0");
    expect(policy).toContain("security-group/sg-01234567");
  });

  test("Databricks-managed VPC: no network resources, no network configuration, no network_id, the wider policy", () => {
    const json = synthStack({ mode: "databricks-managed" });
    expect(Object.keys(json.resource).filter((t) => /^aws_(vpc|subnet|nat_gateway|security_group|vpc_endpoint)/.test(t))).toEqual([]);
    expect(resources(json, "databricks_mws_networks")).toHaveLength(0);
    expect(resources(json, "databricks_mws_workspaces")[0].network_id).toBeUndefined();
    expect(json.output.network_id).toBeUndefined();
    const policy = JSON.parse(resource(json, "aws_iam_role_policy", "cross-account-role").policy);
    expect(JSON.stringify(policy)).toContain("ec2:CreateVpc");
  });
});

describe("WorkspaceStack: PrivateLink", () => {
  const backendOnly = synthStack({ ...poc.network, privateLink: { backend: true } });

  test("back end: the network configuration lists the REST and relay registrations; the workspace has private access settings", () => {
    const registration = (name: string) => ref(backendOnly, "databricks_mws_vpc_endpoint", `backend-privatelink_${name}`, "vpc_endpoint_id");
    expect(resources(backendOnly, "databricks_mws_networks")[0].vpc_endpoints).toEqual({
      rest_api: [registration("workspace")], dataplane_relay: [registration("relay")],
    });
    expect(resources(backendOnly, "databricks_mws_workspaces")[0].private_access_settings_id)
      .toBe(ref(backendOnly, "databricks_mws_private_access_settings", "private-access-settings", "private_access_settings_id"));
    expect(resources(backendOnly, "databricks_mws_private_access_settings")[0].public_access_enabled).toBe(true);
  });

  test("back end: endpoints sit in the dedicated PrivateLink subnets and admit the compute SG", () => {
    for (const endpoint of resources(backendOnly, "aws_vpc_endpoint").filter((e) => e.service_name.startsWith("com.amazonaws.vpce."))) {
      expect(endpoint.subnet_ids).toEqual([ref(backendOnly, "aws_subnet", "privatelink-subnet-us-east-1a", "id"), ref(backendOnly, "aws_subnet", "privatelink-subnet-us-east-1b", "id")]);
    }
    expect(resources(backendOnly, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id === ref(backendOnly, "aws_security_group", "backend-privatelink", "id"))
      .every((r) => r.referenced_security_group_id === ref(backendOnly, "aws_security_group", "compute-sg", "id"))).toBe(true);
  });

  test("front end in the workspace VPC shares the back-end REST endpoint (one private-DNS endpoint per service per VPC)", () => {
    const json = synthStack({ ...poc.network, privateLink: { backend: true, frontend: { clientCidrs: ["10.200.0.0/16"], publicAccess: false } } });
    expect(resources(json, "aws_vpc_endpoint").filter((e) => e.service_name === "com.amazonaws.vpce.us-east-1.vpce-svc-09143d1e626de2f04")).toHaveLength(1);
    expect(resources(json, "aws_vpc_security_group_ingress_rule")).toContainEqual(expect.objectContaining({
      security_group_id: ref(json, "aws_security_group", "backend-privatelink", "id"), cidr_ipv4: "10.200.0.0/16", from_port: 443, to_port: 443,
    }));
    expect(resources(json, "databricks_mws_private_access_settings")[0].public_access_enabled).toBe(false);
  });

  test("front end in a transit VPC gets its own endpoint and registration there", () => {
    const json = synthStack({ ...poc.network, privateLink: { backend: true, frontend: {
      clientCidrs: ["10.200.0.0/16"], publicAccess: true, inboundResolver: true,
      transitVpc: { vpcId: "vpc-0fedcba9876543210", subnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"] },
    } } });
    expect(resource(json, "aws_vpc_endpoint", "frontend-privatelink")).toMatchObject({ vpc_id: "vpc-0fedcba9876543210", private_dns_enabled: true });
    expect(resources(json, "databricks_mws_vpc_endpoint")).toHaveLength(3);
    expect(resources(json, "databricks_mws_workspaces")[0].depends_on).toEqual([
      `databricks_mws_vpc_endpoint.${Object.keys(json.resource.databricks_mws_vpc_endpoint).find((k) => k.includes("frontend-privatelink"))}`,
    ]);
    expect(resources(json, "aws_route53_resolver_endpoint")).toHaveLength(1);
  });
});

describe("WorkspaceStack: customer-managed keys", () => {
  const json = synthStack(poc.network, { customerManagedKeys: { managedServices: true, storage: true }, protectData: true });

  test("the workspace takes the registrations' customer_managed_key_id (never .id)", () => {
    expect(resources(json, "databricks_mws_workspaces")[0]).toMatchObject({
      managed_services_customer_managed_key_id: ref(json, "databricks_mws_customer_managed_keys", "managed-services-registration", "customer_managed_key_id"),
      storage_customer_managed_key_id: ref(json, "databricks_mws_customer_managed_keys", "storage-registration", "customer_managed_key_id"),
    });
  });

  test("the root bucket is SSE-KMS under the storage key; the storage key lets the cross-account role use it for EBS", () => {
    expect(resource(json, "aws_s3_bucket_server_side_encryption_configuration", "root-bucket").rule).toEqual([{
      apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: ref(json, "aws_kms_key", "storage-key", "arn") },
      bucket_key_enabled: true,
    }]);
    expect(resource(json, "aws_kms_key", "storage-key").policy).toContain(ref(json, "aws_iam_role", "cross-account-role", "arn"));
  });

  test("protectData also protects the keys", () => {
    for (const key of resources(json, "aws_kms_key")) expect(key.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("without the section: Databricks-managed keys, SSE-S3", () => {
    const plain = synthStack(poc.network);
    expect(resources(plain, "aws_kms_key")).toHaveLength(0);
    expect(resources(plain, "databricks_mws_workspaces")[0].storage_customer_managed_key_id).toBeUndefined();
  });
});

describe("WorkspaceStack: cross-account role activity", () => {
  test("the alarm watches this environment's cross-account role and is off unless configured", () => {
    const json = synthStack(poc.network, { monitoring: { roleActivity: { trail: { existingLogGroupName: "aws-cloudtrail-logs-org" } } } });
    const [filter] = resources(json, "aws_cloudwatch_log_metric_filter");
    expect(filter.log_group_name).toBe("aws-cloudtrail-logs-org");
    expect(filter.pattern).toContain('$.userIdentity.sessionContext.sessionIssuer.userName = "databricks-poc-cross-account"');
    expect(resources(json, "aws_cloudtrail")).toHaveLength(0);
    expect(json.output.role_activity_topic_arn.value).toBe(refTo(json, "aws_sns_topic", "role-activity", "arn"));
    expect(resources(synthStack(poc.network), "aws_cloudwatch_log_metric_filter")).toHaveLength(0);
  });
});

describe("WorkspaceStack: providers", () => {
  test("GovCloud regions use the GovCloud accounts host", () => {
    expect(databricksAccountHost("us-gov-west-1")).toBe("https://accounts.cloud.databricks.us");
    expect(databricksAccountHost("eu-west-1")).toBe("https://accounts.cloud.databricks.com");
  });

  test("an optional role to assume per environment", () => {
    const json = synthStack(poc.network, { awsAssumeRoleArn: "arn:aws:iam::111111111111:role/deploy" });
    expect(json.provider.aws[0].assume_role).toEqual([{ role_arn: "arn:aws:iam::111111111111:role/deploy", session_name: "cdktf-poc-workspace" }]);
    expect(synthStack(poc.network).provider.aws[0].assume_role).toBeUndefined();
  });
});

/** The workspace alone in a fresh stack: a context (TEST_CONTEXT, `context` over it) with the account provider, a stand-in role and bucket. */
function addWorkspace(scope: Construct, props: Partial<DatabricksWorkspaceProps> = {}, context: Partial<DeploymentContextProps> = {}): DatabricksWorkspace {
  const accountProvider = databricksAccountProvider(scope, { region: context.region ?? TEST_CONTEXT.region, databricksAccountId: TEST_CONTEXT.databricksAccountId });
  withContext(scope, { accountProvider, ...context });
  const policy = new SecurityGroup(scope, "stand-in", {});
  return new DatabricksWorkspace(scope, "workspace", {
    crossAccountRole: { roleArn: "arn:aws:iam::123456789012:role/dbx-test-cross-account", policy },
    rootBucket: { bucketName: "dbx-test-root", policy },
    ...props,
  });
}
const synthWorkspace = (props: Partial<DatabricksWorkspaceProps> = {}, context: Partial<DeploymentContextProps> = {}) =>
  synthJson((scope) => { addWorkspace(scope, props, context); });

describe("DatabricksWorkspace: what the context gives", () => {
  test("account, region and provider from the context; the name defaults to the prefix; Databricks-managed VPC without a network", () => {
    const json = synthWorkspace();
    expect(resources(json, "databricks_mws_workspaces")).toEqual([{
      provider: "databricks.mws", account_id: TEST_CONTEXT.databricksAccountId, workspace_name: "dbx-test", aws_region: "us-east-1",
      credentials_id: refTo(json, "databricks_mws_credentials", "workspace", "credentials_id"),
      storage_configuration_id: refTo(json, "databricks_mws_storage_configurations", "workspace", "storage_configuration_id"),
      pricing_tier: "PREMIUM",
    }]);
    expect(resources(json, "databricks_mws_credentials")[0]).toMatchObject({ credentials_name: "dbx-test-credentials-7fb429aa", role_arn: "arn:aws:iam::123456789012:role/dbx-test-cross-account" });
    expect(resources(json, "databricks_mws_storage_configurations")[0]).toMatchObject({
      account_id: TEST_CONTEXT.databricksAccountId, storage_configuration_name: "dbx-test-storage-70d6fbb5", bucket_name: "dbx-test-root",
    });
    expect(resources(json, "databricks_mws_networks")).toEqual([]);
  });

  test("name, tier, deployment name and role wait are the props'", () => {
    const json = synthWorkspace({ name: "Acme Analytics", pricingTier: "ENTERPRISE", deploymentName: "acme", roleWaitSeconds: 45 }, { region: "eu-west-1" });
    expect(resources(json, "databricks_mws_workspaces")[0]).toMatchObject({
      workspace_name: "Acme Analytics", aws_region: "eu-west-1", pricing_tier: "ENTERPRISE", deployment_name: "acme",
    });
    expect(resources(json, "databricks_mws_credentials")[0].credentials_name).toBe("Acme Analytics-credentials-7fb429aa");
    expect(resources(json, "time_sleep")[0].create_duration).toBe("45s");
  });

  test("customTags default to the context's tags (none when empty); explicit tags win", () => {
    const tags = { Environment: "test", Owner: "data-platform" };
    expect(resources(synthWorkspace({}, { tags }), "databricks_mws_workspaces")[0].custom_tags).toEqual(tags);
    expect(resources(synthWorkspace({}, { tags: {} }), "databricks_mws_workspaces")[0].custom_tags).toBeUndefined();
    expect(resources(synthWorkspace({ customTags: { Owner: "me" } }, { tags }), "databricks_mws_workspaces")[0].custom_tags).toEqual({ Owner: "me" });
  });

  test("preventDestroy: prevent_destroy on the workspace only; defaults to the context's protectData, an explicit value wins", () => {
    const lifecycle = (props: Partial<DatabricksWorkspaceProps>, protectData?: boolean) =>
      resources(synthWorkspace(props, { protectData }), "databricks_mws_workspaces")[0].lifecycle;
    expect(lifecycle({})).toBeUndefined();
    expect(lifecycle({}, true)).toEqual({ prevent_destroy: true });
    expect(lifecycle({ preventDestroy: false }, true)).toBeUndefined();
    expect(lifecycle({ preventDestroy: true }, false)).toEqual({ prevent_destroy: true });
    const guarded = synthWorkspace({}, { protectData: true });
    expect(resources(guarded, "time_sleep")[0].lifecycle).toBeUndefined();
    // Registrations are replaced create-before-destroy (registration-lifecycle.test.ts), never protected.
    for (const type of ["databricks_mws_credentials", "databricks_mws_storage_configurations"]) {
      expect(resources(guarded, type)[0].lifecycle.prevent_destroy).toBeUndefined();
    }
  });

  test("without a DeploymentContext, or without its account provider, it throws the context's message", () => {
    const props = { crossAccountRole: { roleArn: "arn", policy: { fqn: "x" } }, rootBucket: { bucketName: "b", policy: { fqn: "y" } } };
    expect(() => synthJson((scope) => new DatabricksWorkspace(scope, "workspace", props))).toThrow(
      "stack/workspace: no DeploymentContext in scope. Create one in the stack first: " +
        "new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
    expect(() => synthJson((scope) => {
      withContext(scope);
      new DatabricksWorkspace(scope, "workspace", props);
    })).toThrow("stack/workspace: registers objects with the Databricks Account API, but the DeploymentContext has no accountProvider");
  });
});

describe("DatabricksWorkspace: validation", () => {
  test("names the prop, the value and what is allowed", () => {
    expect(() => synthWorkspace({ name: "-bad", pricingTier: "STANDARD" as never, deploymentName: "-x", roleWaitSeconds: 3600 }))
      .toThrow(new ValidationError("DatabricksWorkspace stack/workspace", [
        { path: "name", value: "-bad", message: "must be 1 to 100 letters, digits, spaces, dashes or underscores, starting with a letter or digit" },
        { path: "pricingTier", value: "STANDARD", message: "must be one of: PREMIUM, ENTERPRISE" },
        { path: "deploymentName", value: "-x", message: "must be a DNS label: 1 to 63 lowercase letters, digits or dashes, not starting or ending with a dash" },
        { path: "roleWaitSeconds", value: 3600, message: "must be an integer from 0 to 600" },
      ]).message);
  });

  test("workspaceProblems takes the config's workspace section as it is; no name is fine (the prefix is the default)", () => {
    expect(workspaceProblems({})).toEqual([]);
    expect(workspaceProblems({ name: "Acme Analytics", pricingTier: "ENTERPRISE", deploymentName: "acme-analytics" })).toEqual([]);
    expect(workspaceProblems({ name: "x".repeat(101) }).map((p) => p.path)).toEqual(["name"]);
  });
});
