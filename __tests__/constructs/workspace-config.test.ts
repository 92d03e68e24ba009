import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContextProps } from "../../modules/core/context";
import { ValidationError, formatProblem } from "../../modules/core/problems";
import {
  ClusterPolicies, ClusterPoliciesProps, clusterPoliciesProblems, ClusterPolicySettings, JobPolicySettings, WorkspaceSettings, WorkspaceSettingsProps,
  clusterPolicyDefinition, clusterPolicyProblems, clusterTagProblems, renderClusterPolicy, workspaceSettingsProblems,
} from "../../modules/workspace-config";
import { Json, refTo, resource, resources, synthJson, withContext } from "../helpers";

const TAGS = { Environment: "test", Owner: "data-platform", CostCenter: "CC-1234", Project: "databricks", ManagedBy: "cdktf" };
const ALL_PURPOSE: ClusterPolicySettings = { maxAutoterminationMinutes: 120, maxWorkers: 8, allowedNodeTypes: ["m5d.large", "i3.xlarge"] };
const JOBS: JobPolicySettings = { maxWorkers: 4, allowedNodeTypes: ["m5d.xlarge"] };
const INSTANCE_PROFILE_ARN = "arn:aws:iam::123456789012:instance-profile/data-access";
const POLICIES: ClusterPoliciesProps = { clusterPolicy: ALL_PURPOSE, jobPolicy: JOBS, instanceProfileArn: INSTANCE_PROFILE_ARN };

/** A context (tags TAGS unless overridden) with the workspace-level provider, alias `workspace`. */
const context = (scope: Construct, overrides: Partial<DeploymentContextProps> = {}) => withContext(scope, {
  tags: TAGS, workspaceProvider: new DatabricksProvider(scope, "ws", { alias: "workspace", host: "https://example.cloud.databricks.com" }), ...overrides,
});

function synthPolicies(props: Partial<ClusterPoliciesProps> = {}, overrides: Partial<DeploymentContextProps> = {}): Json {
  return synthJson((scope) => {
    context(scope, overrides);
    new ClusterPolicies(scope, "policies", { ...POLICIES, ...props });
  });
}

function synthSettings(props: WorkspaceSettingsProps = {}, overrides: Partial<DeploymentContextProps> = {}): Json {
  return synthJson((scope) => {
    context(scope, overrides);
    new WorkspaceSettings(scope, "settings", props);
  });
}

const NO_CONTEXT = (path: string) => `${path}: no DeploymentContext in scope. Create one in the stack first: ` +
  "new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })";

const messages = (problems: ReturnType<typeof workspaceSettingsProblems>) => problems.map(formatProblem);
const WHY = "Databricks refuses an allow list that would block the caller's IP (400 INVALID_STATE) and answers every later plan from outside it with 403";

describe("ClusterPolicies: rendered definitions", () => {
  const json = synthPolicies();
  const allPurpose = resource(json, "databricks_cluster_policy", "all-purpose");
  const jobs = resource(json, "databricks_cluster_policy", "jobs");
  const ap = JSON.parse(allPurpose.definition);
  const job = JSON.parse(jobs.definition);

  test("names, workspace provider, and cluster_type pinned per policy", () => {
    expect(allPurpose.name).toBe("dbx-test all-purpose");
    expect(jobs.name).toBe("dbx-test jobs");
    for (const p of resources(json, "databricks_cluster_policy")) expect(p.provider).toBe("databricks.workspace");
    expect(ap.cluster_type).toEqual({ type: "fixed", value: "all-purpose" });
    expect(job.cluster_type).toEqual({ type: "fixed", value: "job" });
  });

  test("auto-termination is required on all-purpose clusters, 10..max, default min(60, max); the job policy has no rule for it", () => {
    expect(ap.autotermination_minutes).toEqual({ type: "range", minValue: 10, maxValue: 120, defaultValue: 60 });
    // Job clusters don't support autotermination_minutes (they end with their run): a rule could only drift.
    expect(job.autotermination_minutes).toBeUndefined();
  });

  test("worker counts capped at maxWorkers, autoscaling or fixed", () => {
    expect(ap["autoscale.max_workers"]).toEqual({ type: "range", minValue: 1, maxValue: 8, isOptional: true });
    expect(ap.num_workers).toEqual({ type: "range", minValue: 0, maxValue: 8, isOptional: true });
    expect(job["autoscale.max_workers"].maxValue).toBe(4);
  });

  test("node types allowlisted for workers and driver, the first as default", () => {
    expect(ap.node_type_id).toEqual({ type: "allowlist", values: ["m5d.large", "i3.xlarge"], defaultValue: "m5d.large" });
    expect(ap.driver_node_type_id).toEqual({ type: "allowlist", values: ["m5d.large", "i3.xlarge"], defaultValue: "m5d.large", isOptional: true });
    expect(job.node_type_id.values).toEqual(["m5d.xlarge"]);
  });

  test("every required tag is fixed on both policies", () => {
    for (const def of [ap, job]) {
      for (const [key, value] of Object.entries(TAGS)) expect(def[`custom_tags.${key}`]).toEqual({ type: "fixed", value });
    }
  });

  test("instance profile fixed only where given; elastic disk, availability and runtime always", () => {
    expect(job["aws_attributes.instance_profile_arn"]).toEqual({ type: "fixed", value: INSTANCE_PROFILE_ARN });
    expect(ap["aws_attributes.instance_profile_arn"]).toBeUndefined();
    for (const def of [ap, job]) {
      expect(def.enable_elastic_disk).toEqual({ type: "fixed", value: true });
      expect(def["aws_attributes.availability"]).toEqual({ type: "allowlist", values: ["SPOT_WITH_FALLBACK", "ON_DEMAND"], defaultValue: "SPOT_WITH_FALLBACK" });
      expect(def.spark_version).toEqual({ type: "regex", pattern: "^\\d+(\\.\\d+)?\\.x-scala2\\.\\d+$", defaultValue: "18.x-scala2.13" });
    }
    // No invented "public IP" attribute: that is the workspace's secure cluster connectivity.
    expect(Object.keys(ap).filter((k) => /public/i.test(k))).toEqual([]);
  });

  test("the definition is deterministic: keys sorted at every level", () => {
    expect(Object.keys(ap)).toEqual([...Object.keys(ap)].sort());
    expect(Object.keys(ap.autotermination_minutes)).toEqual(["defaultValue", "maxValue", "minValue", "type"]);
    expect(renderClusterPolicy(clusterPolicyDefinition(ALL_PURPOSE, { tags: Object.fromEntries(Object.entries(TAGS).reverse()), sparkVersion: "18.x-scala2.13" }))).toBe(allPurpose.definition);
  });

  test("outputs are the policies' ids", () => {
    const out = synthJson((scope) => {
      context(scope);
      const policies = new ClusterPolicies(scope, "policies", POLICIES);
      new TerraformOutput(scope, "all_purpose", { value: policies.clusterPolicyId, staticId: true });
      new TerraformOutput(scope, "jobs", { value: policies.jobPolicyId, staticId: true });
    });
    expect(out.output.all_purpose.value).toBe(refTo(out, "databricks_cluster_policy", "all-purpose"));
    expect(out.output.jobs.value).toBe(refTo(out, "databricks_cluster_policy", "jobs"));
    expect(out.output.jobs.value).not.toBe(out.output.all_purpose.value);
  });
});

describe("ClusterPolicies: tags and context", () => {
  test("tags default to the context's; given tags win", () => {
    const own = { ...TAGS, Owner: "someone-else" };
    for (const def of resources(synthPolicies({ tags: own }), "databricks_cluster_policy").map((p) => JSON.parse(p.definition))) {
      expect(def["custom_tags.Owner"]).toEqual({ type: "fixed", value: "someone-else" });
    }
    const fromContext = resources(synthPolicies({}, { tags: { ...TAGS, Project: "lakehouse" } }), "databricks_cluster_policy");
    for (const def of fromContext.map((p) => JSON.parse(p.definition))) expect(def["custom_tags.Project"]).toEqual({ type: "fixed", value: "lakehouse" });
  });

  test("names from the context's prefix", () => {
    const json = synthPolicies({}, { resourcePrefix: "acme-prod" });
    expect(resources(json, "databricks_cluster_policy").map((p) => p.name).sort()).toEqual(["acme-prod all-purpose", "acme-prod jobs"]);
  });

  test("the context's tags are checked too, at tags", () => {
    expect(() => synthPolicies({}, { tags: { Environment: "test" } })).toThrow(
      "ClusterPolicies stack/policies: invalid props:\n" +
        "  - tags: is missing required tags Owner, CostCenter, Project, ManagedBy (cluster policies fix Environment, Owner, CostCenter, Project, ManagedBy, non-empty, for chargeback)",
    );
  });

  test("without a DeploymentContext, or without its workspace provider, it throws", () => {
    expect(() => synthJson((scope) => new ClusterPolicies(scope, "policies", POLICIES))).toThrow(NO_CONTEXT("stack/policies"));
    expect(() => synthJson((scope) => {
      withContext(scope, { tags: TAGS });
      new ClusterPolicies(scope, "policies", POLICIES);
    })).toThrow("stack/policies: configures a workspace, but the DeploymentContext has no workspaceProvider");
  });
});

describe("ClusterPolicies: validation", () => {
  test("bad limits, node types, tags and ARN, each reported with its path", () => {
    const bad: ClusterPoliciesProps = {
      clusterPolicy: ALL_PURPOSE,
      jobPolicy: { maxAutoterminationMinutes: 5, maxWorkers: 1.5, allowedNodeTypes: ["m5d.large", "xlarge", "m5d.large"], sparkVersionRegex: "([" } as JobPolicySettings,
      tags: { Environment: "test", Owner: " ", Vendor: "me", ["k".repeat(128)]: "v" },
      instanceProfileArn: "arn:aws:iam::123456789012:role/not-a-profile",
    };
    expect(clusterPoliciesProblems(bad).map(formatProblem)).toEqual([
      "jobPolicy.maxAutoterminationMinutes = 5: does not apply to job clusters (they terminate when their run ends); remove it",
      "jobPolicy.maxWorkers = 1.5: must be an integer from 1 to 1000",
      'jobPolicy.allowedNodeTypes[1] = "xlarge": is not an EC2 instance type: expected <family>.<size> with a size such as large, xlarge, 2xlarge or metal (e.g. m5d.xlarge)',
      'jobPolicy.allowedNodeTypes[2] = "m5d.large": repeats allowedNodeTypes[0]',
      'jobPolicy.sparkVersionRegex = "([": must be a regular expression (Invalid regular expression: /([/: Unterminated character class)',
      "tags: is missing required tags Owner, CostCenter, Project, ManagedBy (cluster policies fix Environment, Owner, CostCenter, Project, ManagedBy, non-empty, for chargeback)",
      'tags = "Vendor": tag key is set by Databricks on every cluster (Vendor, Creator, ClusterName, ClusterId); use another key',
      `tags = ${JSON.stringify("k".repeat(40) + "…")} (128 characters): tag key must be 1 to 127 characters (Databricks custom tag limit; has 128)`,
      'instanceProfileArn = "arn:aws:iam::123456789012:role/not-a-profile": must be an instance profile ARN like arn:aws:iam::123456789012:instance-profile/name',
    ]);
  });

  test("tag values over 255 characters are reported under the key", () => {
    expect(clusterTagProblems({ ...TAGS, Team: "t".repeat(256) }).map(formatProblem)).toEqual([
      `tags["Team"] = ${JSON.stringify("t".repeat(40) + "…")} (256 characters): tag value must be at most 255 characters (has 256)`,
    ]);
  });

  test("no node types; auto-termination above 10000; too many workers", () => {
    expect(clusterPolicyProblems({ ...ALL_PURPOSE, allowedNodeTypes: [], maxAutoterminationMinutes: 10001, maxWorkers: 1001 }, "clusterPolicy").map(formatProblem)).toEqual([
      "clusterPolicy.maxAutoterminationMinutes = 10001: must be an integer from 10 to 10000 (Databricks' auto-termination range; it cannot be turned off)",
      "clusterPolicy.maxWorkers = 1001: must be an integer from 1 to 1000",
      "clusterPolicy.allowedNodeTypes = []: must list at least one EC2 node type, e.g. m5d.xlarge (the first is the default)",
    ]);
  });

  test("the bounds themselves are accepted; tags are optional in the props (the construct uses the context's)", () => {
    expect(clusterPolicyProblems({ ...ALL_PURPOSE, maxAutoterminationMinutes: 10, maxWorkers: 1000 }, "x")).toEqual([]);
    expect(clusterPolicyProblems({ ...ALL_PURPOSE, maxAutoterminationMinutes: 10000, maxWorkers: 1 }, "x")).toEqual([]);
    expect(clusterPoliciesProblems(POLICIES)).toEqual([]);
  });

  test("the construct throws with both policies' problems", () => {
    const build = () => synthPolicies({ clusterPolicy: { ...ALL_PURPOSE, maxWorkers: 0 }, tags: {} });
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(/clusterPolicy\.maxWorkers = 0: must be an integer from 1 to 1000\n {2}- tags: is missing required tags Environment, Owner/);
  });
});

describe("ClusterPolicies: access modes, CAN_USE grants, runtime", () => {
  const json = synthPolicies({ clusterPolicy: { ...ALL_PURPOSE, users: ["data-engineers", "analysts"] }, jobPolicy: { ...JOBS, users: ["data-engineers"] } });
  const def = (fragment: string) => JSON.parse(resource(json, "databricks_cluster_policy", fragment).definition);

  test("job clusters fixed to dedicated; all-purpose clusters choose among isolating modes only (never NONE or LEGACY_*)", () => {
    expect(def("jobs").data_security_mode).toEqual({ type: "fixed", value: "SINGLE_USER" });
    expect(def("all-purpose").data_security_mode).toEqual({
      type: "allowlist", defaultValue: "SINGLE_USER",
      values: ["SINGLE_USER", "USER_ISOLATION", "DATA_SECURITY_MODE_DEDICATED", "DATA_SECURITY_MODE_STANDARD", "DATA_SECURITY_MODE_AUTO"],
    });
  });

  test("CAN_USE on each policy for its groups; no permissions resource without groups", () => {
    expect(resource(json, "databricks_permissions", "all-purpose-permissions")).toEqual({
      provider: "databricks.workspace", cluster_policy_id: refTo(json, "databricks_cluster_policy", "all-purpose"),
      access_control: [{ group_name: "data-engineers", permission_level: "CAN_USE" }, { group_name: "analysts", permission_level: "CAN_USE" }],
    });
    expect(resource(json, "databricks_permissions", "jobs-permissions")).toEqual({
      provider: "databricks.workspace", cluster_policy_id: refTo(json, "databricks_cluster_policy", "jobs"),
      access_control: [{ group_name: "data-engineers", permission_level: "CAN_USE" }],
    });
    expect(resources(synthPolicies(), "databricks_permissions")).toEqual([]);
  });

  test("the jobs' run-as service principal gets CAN_USE on the job policy with or without groups; not on the all-purpose one", () => {
    const withGroups = synthPolicies({ jobPolicy: { ...JOBS, users: ["data-engineers"] }, jobRunAsServicePrincipals: ["sp-app-id"] });
    expect(resource(withGroups, "databricks_permissions", "jobs-permissions")).toEqual({
      provider: "databricks.workspace", cluster_policy_id: refTo(withGroups, "databricks_cluster_policy", "jobs"),
      access_control: [{ group_name: "data-engineers", permission_level: "CAN_USE" }, { service_principal_name: "sp-app-id", permission_level: "CAN_USE" }],
    });
    const alone = synthPolicies({ jobRunAsServicePrincipals: ["sp-app-id"] }); // no users: prod's case
    expect(resources(alone, "databricks_permissions")).toEqual([{
      provider: "databricks.workspace", cluster_policy_id: refTo(alone, "databricks_cluster_policy", "jobs"),
      access_control: [{ service_principal_name: "sp-app-id", permission_level: "CAN_USE" }],
    }]);
  });

  test("the runtime regex takes the DBR 18 major-only keys and the major.minor ones; the environment's runtime is the default", () => {
    const pattern = new RegExp(def("jobs").spark_version.pattern);
    for (const ok of ["18.x-scala2.13", "17.3.x-scala2.13", "15.4.x-scala2.12", "19.x-scala2.13"]) expect([ok, pattern.test(ok)]).toEqual([ok, true]);
    for (const bad of ["18.x-gpu-ml-scala2.13", "17.3.x-photon-scala2.13", "18", "x-scala2.13"]) expect([bad, pattern.test(bad)]).toEqual([bad, false]);
    expect(def("jobs").spark_version.defaultValue).toBe("18.x-scala2.13");
    expect(JSON.parse(resource(synthPolicies({ sparkVersion: "17.3.x-scala2.13" }), "databricks_cluster_policy", "all-purpose").definition).spark_version.defaultValue)
      .toBe("17.3.x-scala2.13");
  });

  test("bad group names, a runtime the policies refuse, a job policy with auto-termination", () => {
    expect(clusterPoliciesProblems({
      ...POLICIES,
      clusterPolicy: { ...ALL_PURPOSE, users: ["data-engineers", " analysts", "jane@example.com", "admins", "data-engineers", ""] },
      jobPolicy: { ...JOBS, sparkVersionRegex: "^17\\.3\\." },
      sparkVersion: "18.x-scala2.13",
    }).map(formatProblem)).toEqual([
      'clusterPolicy.users[1] = " analysts": must not start or end with whitespace: Databricks trims it, so the group would not match this name',
      'clusterPolicy.users[2] = "jane@example.com": is a user name; list groups (CAN_USE is granted to groups, so access follows group membership)',
      'clusterPolicy.users[3] = "admins": is the admins group, which can use every policy already; list the groups that need it',
      'clusterPolicy.users[4] = "data-engineers": repeats users[0]',
      'clusterPolicy.users[5] = "": must be a group\'s display name: Databricks refuses a blank one',
      'sparkVersion = "18.x-scala2.13": does not match jobPolicy.sparkVersionRegex "^17\\\\.3\\\\.": the policy would reject the runtime',
    ]);
    expect(clusterPoliciesProblems({ ...POLICIES, sparkVersion: "18.x" }).map(formatProblem)).toEqual([
      'sparkVersion = "18.x": must be a Databricks Runtime key like 18.x-scala2.13 or 17.3.x-scala2.13 (databricks clusters spark-versions lists them)',
    ]);
  });
});

describe("WorkspaceSettings: workspace_conf and IP access lists", () => {
  test("defaults: hardening on, IP lists off, 90-day tokens, no lists", () => {
    const json = synthSettings();
    const conf = resource(json, "databricks_workspace_conf", "workspace-conf");
    expect(conf.provider).toBe("databricks.workspace");
    expect(conf.custom_config).toEqual({
      enableIpAccessLists: "false", maxTokenLifetimeDays: "90", enableTokensConfig: "true", enableDbfsFileBrowser: "false",
      enableExportNotebook: "true", enableResultsDownloading: "true", enableVerboseAuditLogs: "true",
    });
    expect(resources(json, "databricks_ip_access_list")).toEqual([]);
  });

  test("switches and lists map to exact values; lists depend on the conf", () => {
    const json = synthSettings({
      ipAccessLists: { allow: ["203.0.113.0/24", "198.51.100.7"], block: ["203.0.113.13/32"], deployerCidrs: ["198.51.100.7"] }, maxTokenLifetimeDays: 7,
      hardening: { disableDbfsFileBrowser: false, disableNotebookExport: true, disableResultsDownload: true, verboseAuditLogs: false },
    });
    const confs = Object.keys(json.resource.databricks_workspace_conf);
    expect(resource(json, "databricks_workspace_conf", "workspace-conf").custom_config).toEqual({
      enableIpAccessLists: "true", maxTokenLifetimeDays: "7", enableTokensConfig: "true", enableDbfsFileBrowser: "true",
      enableExportNotebook: "false", enableResultsDownloading: "false", enableVerboseAuditLogs: "false",
    });
    const allow = resource(json, "databricks_ip_access_list", "allow-list");
    const block = resource(json, "databricks_ip_access_list", "block-list");
    expect(allow).toMatchObject({ label: "dbx-test-allow", list_type: "ALLOW", ip_addresses: ["203.0.113.0/24", "198.51.100.7"], enabled: true, provider: "databricks.workspace" });
    expect(block).toMatchObject({ label: "dbx-test-block", list_type: "BLOCK", ip_addresses: ["203.0.113.13/32"], enabled: true });
    for (const list of [allow, block]) expect(list.depends_on).toEqual([`databricks_workspace_conf.${confs[0]}`]);
  });

  test("an allow list without block entries makes no block list", () => {
    const json = synthSettings({ ipAccessLists: { allow: ["203.0.113.0/24"], block: [], deployerCidrs: ["203.0.113.0/24"] } });
    expect(resources(json, "databricks_ip_access_list").map((l) => l.list_type)).toEqual(["ALLOW"]);
  });

  test("the labels take the context's prefix", () => {
    const json = synthSettings({ ipAccessLists: { allow: ["203.0.113.0/24"], block: ["203.0.113.13"], deployerCidrs: ["203.0.113.8/30"] } }, { resourcePrefix: "acme-prod" });
    expect(resources(json, "databricks_ip_access_list").map((l) => l.label).sort()).toEqual(["acme-prod-allow", "acme-prod-block"]);
  });

  test("hardening switches set one at a time leave the others at their defaults", () => {
    const conf = resource(synthSettings({ hardening: { disableNotebookExport: true } }), "databricks_workspace_conf", "workspace-conf").custom_config;
    expect(conf).toEqual({
      enableIpAccessLists: "false", maxTokenLifetimeDays: "90", enableTokensConfig: "true", enableDbfsFileBrowser: "false",
      enableExportNotebook: "false", enableResultsDownloading: "true", enableVerboseAuditLogs: "true",
    });
  });

  test("without a DeploymentContext, or without its workspace provider, it throws", () => {
    expect(() => synthJson((scope) => new WorkspaceSettings(scope, "settings", {}))).toThrow(NO_CONTEXT("stack/settings"));
    expect(() => synthJson((scope) => {
      withContext(scope);
      new WorkspaceSettings(scope, "settings", {});
    })).toThrow("stack/settings: configures a workspace, but the DeploymentContext has no workspaceProvider");
  });
});

describe("WorkspaceSettings: validation", () => {
  const base: WorkspaceSettingsProps = {};

  test("an empty allow list is refused: it would lock everyone out", () => {
    expect(messages(workspaceSettingsProblems({ ...base, ipAccessLists: { allow: [], deployerCidrs: [] } }))).toEqual([
      "ipAccessLists.allow = []: must list at least one address or CIDR: enabling IP access lists with an empty allow list locks everyone out",
      `ipAccessLists.deployerCidrs = []: must list the egress addresses or CIDRs of whoever plans and deploys (CI runner or its NAT, VPN); ${WHY}`,
    ]);
    expect(() => synthSettings({ ipAccessLists: { allow: [], deployerCidrs: ["198.51.100.7"] } })).toThrow(/locks everyone out/);
  });

  test("entries must be IPv4 addresses or CIDRs without host bits", () => {
    expect(messages(workspaceSettingsProblems({ ...base, ipAccessLists: { allow: ["10.0.0.1/8", "example.com", "10.0.0.256", "2001:db8::/32"], deployerCidrs: ["10.0.0.0/8"] } }))).toEqual([
      'ipAccessLists.allow[0] = "10.0.0.1/8": has host bits set; the network address is 10.0.0.0/8',
      'ipAccessLists.allow[1] = "example.com": is not an IPv4 address or CIDR block (expected a.b.c.d or a.b.c.d/n)',
      'ipAccessLists.allow[2] = "10.0.0.256": is not an IPv4 address or CIDR block (expected a.b.c.d or a.b.c.d/n)',
      'ipAccessLists.allow[3] = "2001:db8::/32": is not an IPv4 address or CIDR block (expected a.b.c.d or a.b.c.d/n)',
      `ipAccessLists.allow: does not contain the deployer's egress 10.0.0.0/8 (ipAccessLists.deployerCidrs[0]): ${WHY}; add it to the allow list`,
    ]);
  });

  test("blocking 0.0.0.0/0 is refused", () => {
    expect(messages(workspaceSettingsProblems({ ...base, ipAccessLists: { allow: ["203.0.113.0/24"], block: ["0.0.0.0/0"], deployerCidrs: ["203.0.113.0/24"] } }))).toEqual([
      'ipAccessLists.block[0] = "0.0.0.0/0": blocks every address, locking everyone out; block specific addresses, or remove ipAccessLists',
    ]);
  });

  test("duplicates (a plain address is its /32) are refused", () => {
    expect(messages(workspaceSettingsProblems({ ...base, ipAccessLists: { allow: ["198.51.100.7", "203.0.113.0/24", "198.51.100.7/32"], deployerCidrs: ["198.51.100.7"] } }))).toEqual([
      'ipAccessLists.allow[2] = "198.51.100.7/32": repeats ipAccessLists.allow[0]',
    ]);
  });

  test("an allow entry inside a blocked range is dead config; a block inside an allow is a carve-out", () => {
    expect(messages(workspaceSettingsProblems({ ...base, ipAccessLists: { allow: ["203.0.113.0/24", "198.51.100.8/29"], block: ["198.51.100.0/24", "203.0.113.13"], deployerCidrs: ["203.0.113.128/25"] } }))).toEqual([
      'ipAccessLists.allow[1] = "198.51.100.8/29": is inside blocked 198.51.100.0/24; block lists take precedence, so this entry admits nobody',
    ]);
  });

  test("at most 1000 entries across the lists", () => {
    const allow = Array.from({ length: 1001 }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`);
    expect(messages(workspaceSettingsProblems({ ...base, ipAccessLists: { allow, deployerCidrs: ["10.0.0.0/24"] } }))).toEqual([
      "ipAccessLists: has 1001 entries; Databricks allows at most 1000 across the allow and block lists together",
    ]);
    expect(workspaceSettingsProblems({ ...base, ipAccessLists: { allow: allow.slice(0, 1000), deployerCidrs: ["10.0.0.0/24"] } })).toEqual([]);
  });

  test("token lifetime 1..730 integer days", () => {
    expect(messages(workspaceSettingsProblems({ maxTokenLifetimeDays: 0 }))).toEqual([
      "maxTokenLifetimeDays = 0: must be an integer from 1 to 730 (Databricks' token lifetime range)",
    ]);
    expect(messages(workspaceSettingsProblems({ ...base, maxTokenLifetimeDays: 731 }))).toHaveLength(1);
    expect(messages(workspaceSettingsProblems({ ...base, maxTokenLifetimeDays: 2.5 }))).toHaveLength(1);
    expect(workspaceSettingsProblems({ ...base, maxTokenLifetimeDays: 730 })).toEqual([]);
    expect(workspaceSettingsProblems({ ...base, maxTokenLifetimeDays: 1 })).toEqual([]);
  });
});
