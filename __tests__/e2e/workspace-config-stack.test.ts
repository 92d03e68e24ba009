import * as fs from "fs";
import * as path from "path";
import { sharedSynthDir } from "../app-synth";
import { TerraformStack, Testing } from "cdktf";
import { ENVIRONMENT_CONFIGS, loadEnvironments } from "../../environments";
import { addEnvironmentStacks } from "../../stacks/app";
import { Json, resource, resources } from "../helpers";

// The real `npm run synth` output (global-setup.js): cross-stack references are resolved only by a full synth.
const outdir = sharedSynthDir();
const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
const synth = (id: string): Json => JSON.parse(fs.readFileSync(path.join(outdir, manifest.stacks[id].synthesizedStackPath), "utf8"));

describe("<env>-workspace-config: the workspace configured from a second stack", () => {
  test("each environment's glob selects its own stacks, and the config stack comes after the workspace", () => {
    const ids = Object.keys(manifest.stacks);
    for (const env of ["poc", "dev", "prod"]) {
      const mine = ids.filter((id) => new RegExp(`^${env}-`).test(id)).sort();
      expect(mine).toEqual([...(env === "poc" ? [] : [`${env}-state`]), `${env}-workspace`, `${env}-workspace-config`].sort());
      expect(manifest.stacks[`${env}-workspace-config`].dependencies).toContain(`${env}-workspace`);
    }
  });

  test("the workspace-level provider's host is the workspace stack's URL, read from its state", () => {
    const json = synth("poc-workspace-config");
    const [provider] = json.provider.databricks;
    expect(provider.alias).toBe("workspace");
    expect(provider.host).toMatch(/^\$\{data\.terraform_remote_state\.[^.]+\.outputs\.[^}]+\}$/);
    expect(Object.keys(json.provider.databricks[0]).sort()).toEqual(["alias", "audience", "host"]); // no credentials
    const [remote] = Object.values<Json>(json.data.terraform_remote_state);
    expect(remote).toMatchObject({ backend: "local", config: { path: "../../../terraform.poc-workspace.tfstate" } });
    expect(Object.values<Json>(synth("prod-workspace-config").data.terraform_remote_state)[0]).toMatchObject({
      backend: "s3", config: { key: "prod/prod-workspace.tfstate", bucket: "databricks-prod-333333333333-tfstate" },
    });
  });

  test("GitHub OIDC: both Databricks providers ask for a token with the account id as audience, a federation policy's default", () => {
    // Without `audience`, the SDK pinned by provider 1.99 asks for the workspace token endpoint on a workspace host.
    const account = "00000000-0000-4000-8000-000000000000";
    expect(synth("poc-workspace-config").provider.databricks).toEqual([{
      alias: "workspace", audience: account,
      host: "${data.terraform_remote_state.cross-stack-reference-input-poc-workspace.outputs.cross-stack-output-databricks_mws_workspacesworkspace_B76F7DCAworkspace_url}",
    }]);
    for (const stack of ["poc-workspace", "prod-workspace", "account-logs"]) {
      expect({ stack, provider: synth(stack).provider.databricks }).toEqual({ stack, provider: [
        { alias: "mws", host: "https://accounts.cloud.databricks.com", account_id: account, audience: account },
      ] });
    }
  });

  test("each workspace-config stack names the CI runner for its plan and deploy jobs (default ubuntu-latest)", () => {
    // dev and prod turn IP access lists on with state in S3: the shipped workflows must run them on a runner inside deployerCidrs.
    expect(synth("poc-workspace-config")["//"].ci).toEqual({ runsOn: "ubuntu-latest" });
    for (const env of ["dev", "prod"]) expect(synth(`${env}-workspace-config`)["//"].ci).toEqual({ runsOn: ["self-hosted", "databricks-deployer"] });
    expect(synth("prod-workspace")["//"].ci).toBeUndefined();
    const runsOn = ["self-hosted", "poc-deployer"];
    const environments = loadEnvironments(ENVIRONMENT_CONFIGS.map((c) => (c.name === "poc" ? { ...c, workspaceConfig: { ...c.workspaceConfig!, runsOn } } : c)), {});
    const app = Testing.app();
    addEnvironmentStacks(app, environments.filter((e) => e.name === "poc"));
    const stack = app.node.children.find((c) => c.node.id === "poc-workspace-config") as TerraformStack;
    expect((stack.toTerraform() as Json)["//"].ci).toEqual({ runsOn });
  });

  test("without back-end PrivateLink the allow list holds the NAT gateways' public IPs (else no cluster launches)", () => {
    const allow = (env: string) => resource(synth(`${env}-workspace-config`), "databricks_ip_access_list", "allow-list").ip_addresses;
    expect(allow("dev")).toEqual([
      "203.0.113.0/24", "198.51.100.16/28",
      "${data.terraform_remote_state.cross-stack-reference-input-dev-workspace.outputs.cross-stack-output-aws_nat_gatewaynetwork_nat-us-east-1a_B3C42541public_ip}",
    ]);
    expect(synth("dev-workspace").output["cross-stack-output-aws_nat_gatewaynetwork_nat-us-east-1a_B3C42541public_ip"])
      .toEqual({ sensitive: true, value: "${aws_nat_gateway.network_nat-us-east-1a_B3C42541.public_ip}" });
    expect(allow("prod")).toEqual(["203.0.113.0/24", "198.51.100.32/28"]); // back-end PrivateLink: clusters don't come from the NAT
  });

  test("destroying the settings is refused where data is protected (prod): the conf and the IP access lists", () => {
    const lifecycles = (env: string) => ["databricks_workspace_conf", "databricks_ip_access_list"]
      .flatMap((type) => resources(synth(`${env}-workspace-config`), type).map((r) => `${type}: ${JSON.stringify(r.lifecycle)}`));
    expect(lifecycles("prod")).toEqual([
      "databricks_workspace_conf: {\"prevent_destroy\":true}", "databricks_ip_access_list: {\"prevent_destroy\":true}", "databricks_ip_access_list: {\"prevent_destroy\":true}",
    ]);
    expect(lifecycles("dev")).toEqual(["databricks_workspace_conf: undefined", "databricks_ip_access_list: undefined"]);
    expect(lifecycles("poc")).toEqual(["databricks_workspace_conf: undefined"]);
  });

  test("per-environment settings: poc open, prod with IP lists, 7-day tokens and no export or downloads", () => {
    const conf = (env: string) => Object.values<Json>(synth(`${env}-workspace-config`).resource.databricks_workspace_conf)[0].custom_config;
    expect(conf("poc")).toMatchObject({ enableIpAccessLists: "false", maxTokenLifetimeDays: "90", enableExportNotebook: "true" });
    expect(conf("prod")).toMatchObject({
      enableIpAccessLists: "true", maxTokenLifetimeDays: "7", enableExportNotebook: "false", enableResultsDownloading: "false",
    });
    expect(resources(synth("prod-workspace-config"), "databricks_ip_access_list").map((l) => l.list_type).sort()).toEqual(["ALLOW", "BLOCK"]);
  });

  test("the cross-account role may pass exactly the data-access role, nothing else", () => {
    const workspace = synth("poc-workspace");
    const policy = JSON.parse(resource(workspace, "aws_iam_role_policy", "cross-account-role").policy);
    const passRole = policy.Statement.filter((s: Json) => s.Action.includes("iam:PassRole"));
    expect(passRole).toHaveLength(1);
    expect(passRole[0].Resource).toEqual(["arn:aws:iam::111111111111:role/databricks-poc-data-access"]);
  });

  test("on Unity Catalog (the examples): service credential, table raw.events, volume checkpoint, run as the service principal, no instance profile", () => {
    const json = synth("poc-workspace-config");
    const job = resource(json, "databricks_job", "kinesis-to-delta");
    expect(job.run_as).toEqual({ service_principal_name: expect.stringMatching(/^\$\{data\.terraform_remote_state\..*service-principal.*application_id\}$/) });
    expect(job.task[0].notebook_task.base_parameters).toEqual({
      stream_name: "databricks-poc-demo", region: "us-east-1",
      table: "${databricks_catalog.catalog_890A6A3F.name}.${databricks_schema.catalog_schema-raw_AF959809.name}.events",
      checkpoint_path: "/Volumes/${databricks_volume.checkpoints.catalog_name}/${databricks_volume.checkpoints.schema_name}/${databricks_volume.checkpoints.name}/events",
      service_credential: "${databricks_credential.kinesis-credential_17D259AE.name}",
    });
    const cluster = job.job_cluster[0].new_cluster;
    expect(cluster.aws_attributes).toEqual({ availability: "SPOT_WITH_FALLBACK" });
    expect(cluster.data_security_mode).toBe("SINGLE_USER");
    expect(resources(json, "databricks_instance_profile")).toEqual([]);
    const jobsPolicy = JSON.parse(resource(json, "databricks_cluster_policy", "jobs").definition);
    expect(jobsPolicy["aws_attributes.instance_profile_arn"]).toBeUndefined(); // nothing to register, nothing to fix
    const strip = ({ "//": _meta, ...r }: Json) => r;
    expect(resources(json, "databricks_volume").map(strip)).toEqual([{
      provider: "databricks.workspace", catalog_name: "${databricks_catalog.catalog_890A6A3F.name}", schema_name: "${databricks_schema.catalog_schema-raw_AF959809.name}",
      name: "checkpoints", volume_type: "MANAGED", comment: "Streaming checkpoints of the Kinesis → Delta job",
    }]);
    expect(resources(json, "databricks_credential").map(strip)).toEqual([{
      provider: "databricks.workspace", name: "databricks-poc-kinesis", purpose: "SERVICE", comment: "Kinesis streams read by databricks-poc's jobs",
      aws_iam_role: { role_arn: "arn:aws:iam::111111111111:role/databricks-poc-kinesis" }, isolation_mode: "ISOLATION_MODE_ISOLATED", force_destroy: true,
    }]);
    const role = resource(json, "aws_iam_role", "kinesis-credential");
    expect(JSON.parse(role.assume_role_policy).Statement[0].Condition).toEqual({ StringEquals: { "sts:ExternalId": "${databricks_credential.kinesis-credential_17D259AE.aws_iam_role[0].external_id}" } });
    expect(JSON.parse(resource(json, "aws_iam_role_policy", "kinesis-credential").policy).Statement).toEqual([
      { Sid: "ReadConfiguredStreams", Effect: "Allow", Resource: ["arn:aws:kinesis:us-east-1:111111111111:stream/databricks-poc-demo"],
        Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"] },
      { Sid: "SelfAssume", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: "arn:aws:iam::111111111111:role/databricks-poc-kinesis" },
    ]);
    // ACCESS on the service credential for the job's principal only.
    expect(strip(resource(json, "databricks_grants", "kinesis-credential"))).toEqual({
      provider: "databricks.workspace", credential: "${databricks_credential.kinesis-credential_17D259AE.name}",
      grant: [{ principal: job.run_as.service_principal_name, privileges: ["ACCESS"] }],
    });
  });

  test("without Unity Catalog the job runs the repo's notebook on a job cluster under the job policy with the registered instance profile", () => {
    const environments = loadEnvironments(ENVIRONMENT_CONFIGS.filter((c) => c.name === "poc").map((c) => ({ ...c, unityCatalog: undefined, identities: undefined })), {});
    const app = Testing.app();
    addEnvironmentStacks(app, environments);
    const json: Json = JSON.parse(Testing.synth(app.node.children.find((c) => c.node.id === "poc-workspace-config") as TerraformStack));
    const notebook = resource(json, "databricks_notebook", "kinesis-to-delta");
    const source = fs.readFileSync(path.resolve(__dirname, "..", "..", "notebooks", "kinesis_to_delta.py"), "utf8");
    expect(Buffer.from(notebook.content_base64, "base64").toString("utf8")).toBe(source);
    const job = resource(json, "databricks_job", "kinesis-to-delta");
    const cluster = job.job_cluster[0].new_cluster;
    expect(cluster.policy_id).toMatch(/^\$\{databricks_cluster_policy\..*jobs.*\.id\}$/);
    expect(cluster.aws_attributes.instance_profile_arn).toMatch(/^\$\{databricks_instance_profile\..*\.instance_profile_arn\}$/);
    expect(resource(json, "databricks_instance_profile", "kinesis-to-delta").instance_profile_arn)
      .toBe("arn:aws:iam::111111111111:instance-profile/databricks-poc-data-access");
    expect(job.task[0].notebook_task.base_parameters).toEqual({
      stream_name: "databricks-poc-demo", region: "us-east-1",
      output_path: "s3://databricks-poc-111111111111-data/delta/events",
      checkpoint_path: "s3://databricks-poc-111111111111-data/delta/_checkpoints/events",
    });
    // Databricks objects through the workspace-level provider; the AWS ones (catalog storage) and the wait through the defaults.
    for (const type of Object.keys(json.resource).filter((t) => t.startsWith("databricks_"))) {
      for (const body of resources(json, type)) expect(body.provider).toBe("databricks.workspace");
    }
  });
});
