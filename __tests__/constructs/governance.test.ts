// Identities (modules/identity) and workspace security settings (modules/workspace-security), and how the stacks
// place issue 12's objects.
import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Aspects, TerraformStack, Testing } from "cdktf";
import { SystemSchema } from "@cdktf/provider-databricks/lib/system-schema";
import { SystemTables } from "../../modules/unity-catalog";
import { DATABRICKS_RULES, DatabricksGuardrails } from "../../modules/guardrails";
import { Construct } from "constructs";
import { formatProblem } from "../../modules/core/problems";
import { WorkspaceIdentities, workspaceIdentitiesProblems } from "../../modules/identity";
import { securityTierProblems, WorkspaceSecurity, workspaceSecurityProblems } from "../../modules/workspace-security";
import { loadConfig, ENVIRONMENT_CONFIGS } from "../../environments";
import { account } from "../../environments/account";
import { addAccountStacks, addEnvironmentStacks } from "../../stacks/app";
import { Json, resources, synthJson, TEST_CONTEXT, withContext } from "../helpers";

function providers(scope: Construct) {
  const workspaceProvider = new DatabricksProvider(scope, "ws", { alias: "workspace", host: "https://dbc-1.cloud.databricks.com" });
  const accountProvider = new DatabricksProvider(scope, "acct", { alias: "mws", host: "https://accounts.cloud.databricks.com", accountId: TEST_CONTEXT.databricksAccountId });
  withContext(scope, { workspaceProvider, accountProvider });
}
const MWS = "databricks.mws";
const WS = "databricks.workspace";

describe("WorkspaceIdentities", () => {
  const json = synthJson((scope) => {
    providers(scope);
    new WorkspaceIdentities(scope, "identities", {
      workspaceId: "1234", groups: [{ name: "platform-admins", permission: "ADMIN", create: true }, { name: "data-engineers", permission: "USER" }],
      existingGroups: ["FinOps & Billing"],
    });
  });

  test("an existing group is looked up, a new one created; each gets its permission on the workspace", () => {
    expect(resources(json, "databricks_group")).toEqual([{ provider: MWS, display_name: "platform-admins" }]);
    // existingGroups: looked up on the account (the plan fails when one is missing), never created or assigned.
    expect(Object.values(json.data.databricks_group)).toEqual(expect.arrayContaining([
      { provider: MWS, display_name: "data-engineers" },
      { provider: MWS, display_name: "FinOps & Billing" },
    ]));
    expect(Object.keys(json.data.databricks_group)).toHaveLength(2);
    const assignments = resources(json, "databricks_mws_permission_assignment");
    expect(assignments).toHaveLength(3);
    expect(assignments).toEqual(expect.arrayContaining([
      { provider: MWS, workspace_id: 1234, principal_id: expect.stringMatching(/^\$\{databricks_group\..*\.id\}$/), permissions: ["ADMIN"] },
      { provider: MWS, workspace_id: 1234, principal_id: expect.stringMatching(/^\$\{data\.databricks_group\..*\.id\}$/), permissions: ["USER"] },
      { provider: MWS, workspace_id: 1234, principal_id: expect.stringMatching(/^\$\{databricks_service_principal\..*\.id\}$/), permissions: ["USER"] },
    ]));
  });

  test("a service principal per environment runs the jobs", () => {
    expect(resources(json, "databricks_service_principal")).toEqual([{ provider: MWS, display_name: "dbx-test-pipeline" }]);
  });

  test("problems: what Databricks refuses in a name, duplicates, no ADMIN group", () => {
    expect(workspaceIdentitiesProblems({ groups: [{ name: "Data Engineers ", permission: "USER" }, { name: "ops", permission: "USER" }, { name: "ops", permission: "USER" }] }).map(formatProblem)).toEqual([
      'groups[0].name = "Data Engineers ": must not start or end with whitespace: Databricks trims it, so the group would not match this name',
      'groups[2].name = "ops": is listed twice (groups[1])',
      'groups = ["Data Engineers ","ops","ops"]: must give one group ADMIN: otherwise only the deploying principal administers the workspace',
    ]);
  });
});

test("group display names: what Databricks accepts (255 characters, any characters) passes; longer, blank or padded does not", () => {
  const names = ["R&D Analysts (EMEA)", "Finance/Controlling #1", "x".repeat(255), "x".repeat(256), "  ", "ops\t"];
  expect(workspaceIdentitiesProblems({ groups: names.map((name, i) => ({ name, permission: i ? "USER" : "ADMIN" })) }).map((p) => `${p.path}: ${p.message}`)).toEqual([
    "groups[3].name: must be at most 255 characters (Databricks' limit for a group's display name; has 256)",
    "groups[4].name: must be a group's display name: Databricks refuses a blank one",
    "groups[5].name: must not start or end with whitespace: Databricks trims it, so the group would not match this name",
  ]);
});

describe("WorkspaceSecurity", () => {
  test("by default: legacy access and legacy DBFS off, nothing else", () => {
    const json = synthJson((scope) => { providers(scope); new WorkspaceSecurity(scope, "security", {}); });
    expect(Object.keys(json.resource).sort()).toEqual(["databricks_disable_legacy_access_setting", "databricks_disable_legacy_dbfs_setting"]);
    expect(resources(json, "databricks_disable_legacy_access_setting")).toEqual([{ provider: WS, disable_legacy_access: { value: true } }]);
    expect(resources(json, "databricks_disable_legacy_dbfs_setting")).toEqual([{ provider: WS, disable_legacy_dbfs: { value: true } }]);
  });

  test("opt-ins: ESM, the compliance profile with standards, automatic cluster update in its window, restricted admins", () => {
    const json: Json = synthJson((scope) => {
      providers(scope);
      new WorkspaceSecurity(scope, "security", {
        complianceAddOn: true, disableLegacyAccess: false, disableLegacyDbfs: false, enhancedSecurityMonitoring: true, complianceSecurityProfile: { standards: ["HIPAA", "PCI_DSS"] },
        automaticClusterUpdate: { dayOfWeek: "SUNDAY", frequency: "FIRST_OF_MONTH", startHour: 2, startMinute: 30 }, restrictWorkspaceAdmins: true,
      });
    });
    expect(resources(json, "databricks_disable_legacy_access_setting")).toEqual([]);
    expect(resources(json, "databricks_enhanced_security_monitoring_workspace_setting")).toEqual([{ provider: WS, enhanced_security_monitoring_workspace: { is_enabled: true } }]);
    expect(resources(json, "databricks_compliance_security_profile_workspace_setting")).toEqual([{ provider: WS, compliance_security_profile_workspace: { is_enabled: true, compliance_standards: ["HIPAA", "PCI_DSS"] } }]);
    expect(resources(json, "databricks_automatic_cluster_update_workspace_setting")).toEqual([{
      provider: WS,
      automatic_cluster_update_workspace: {
        enabled: true, restart_even_if_no_updates_available: false,
        maintenance_window: { week_day_based_schedule: { day_of_week: "SUNDAY", frequency: "FIRST_OF_MONTH", window_start_time: { hours: 2, minutes: 30 } } },
      },
    }]);
    expect(resources(json, "databricks_restrict_workspace_admins_setting")).toEqual([{ provider: WS, restrict_workspace_admins: { status: "RESTRICT_TOKENS_AND_JOB_RUN_AS" } }]);
  });

  test("problems: standards, contradiction with the profile, window bounds; the add-on needs Enterprise", () => {
    expect(workspaceSecurityProblems({
      complianceAddOn: true, complianceSecurityProfile: { standards: ["NONE", "HIPAA"] }, enhancedSecurityMonitoring: false,
      automaticClusterUpdate: { dayOfWeek: "SUNDAY", frequency: "EVERY_WEEK", startHour: 24, startMinute: 60 },
    }).map(formatProblem)).toEqual([
      'complianceSecurityProfile.standards = ["NONE","HIPAA"]: lists NONE with other standards; use one or the other',
      "enhancedSecurityMonitoring = false: cannot be false with complianceSecurityProfile: the profile turns it on",
      "automaticClusterUpdate.startHour = 24: must be an hour of the day, 0 to 23 (UTC)",
      "automaticClusterUpdate.startMinute = 60: must be 0 to 59",
    ]);
    expect(securityTierProblems({ enhancedSecurityMonitoring: true, restrictWorkspaceAdmins: true }, "PREMIUM").map(formatProblem)).toEqual([
      "enhancedSecurityMonitoring = true: needs the Enhanced Security and Compliance add-on, which Databricks offers on the Enterprise tier only (workspace.pricingTier is PREMIUM)",
    ]);
    expect(securityTierProblems({ enhancedSecurityMonitoring: true }, "ENTERPRISE")).toEqual([]);
  });

  test("the paid add-on: no ESM, compliance profile or cluster update without complianceAddOn: true; the flag alone synthesizes nothing", () => {
    const why = "the Enhanced Security and Compliance add-on, which Databricks charges on top of the Enterprise tier; set it once your account has the add-on (docs/hardening.md, \"Paid add-on\")";
    expect(workspaceSecurityProblems({ enhancedSecurityMonitoring: true }).map(formatProblem)).toEqual([`complianceAddOn: must be true to turn on enhancedSecurityMonitoring: it needs ${why}`]);
    expect(workspaceSecurityProblems({
      complianceAddOn: false, enhancedSecurityMonitoring: true, complianceSecurityProfile: { standards: ["NONE"] },
      automaticClusterUpdate: { dayOfWeek: "SUNDAY", frequency: "EVERY_WEEK", startHour: 3 },
    }).map(formatProblem)).toEqual([`complianceAddOn = false: must be true to turn on enhancedSecurityMonitoring, complianceSecurityProfile and automaticClusterUpdate: they need ${why}`]);
    expect(workspaceSecurityProblems({ enhancedSecurityMonitoring: false, restrictWorkspaceAdmins: true })).toEqual([]); // nothing paid asked for
    expect(() => synthJson((scope) => {
      providers(scope);
      new WorkspaceSecurity(scope, "security", { automaticClusterUpdate: { dayOfWeek: "SUNDAY", frequency: "EVERY_WEEK", startHour: 3 } });
    })).toThrow("complianceAddOn: must be true to turn on automaticClusterUpdate");
    const synth = (props: object) => synthJson((scope) => { providers(scope); new WorkspaceSecurity(scope, "security", props); });
    expect(synth({ complianceAddOn: true })).toEqual(synth({}));
  });
});

describe("stack placement (stacks/governance.ts)", () => {
  const { environments, account: acct } = loadConfig(ENVIRONMENT_CONFIGS, account, {});
  const app = Testing.app();
  addEnvironmentStacks(app, environments, acct);
  const synth = (id: string): Json => JSON.parse(Testing.synth(app.node.findChild(id) as never));

  test("<env>-workspace: metastore assignment, group assignments, the service principal (account-level provider)", () => {
    const ws = synth("dev-workspace");
    expect(resources(ws, "databricks_metastore_assignment")).toEqual([{
      provider: MWS, metastore_id: "0a1b2c3d-0000-4000-8000-000000000001", workspace_id: expect.stringMatching(/^\$\{databricks_mws_workspaces\..*\.workspace_id\}$/),
    }]);
    expect(resources(ws, "databricks_mws_permission_assignment")).toHaveLength(4); // 3 groups + the service principal
    for (const a of resources(ws, "databricks_mws_permission_assignment")) expect(a.depends_on).toEqual([expect.stringMatching(/^databricks_metastore_assignment\./)]);
    expect(resources(ws, "databricks_service_principal")).toEqual([{ provider: MWS, display_name: "databricks-dev-pipeline" }]);
  });

  test("metastore: the plan checks it serves the workspace's region; a replaced workspace replaces the assignment; the id is an output", () => {
    const ws = synth("prod-workspace");
    const { "//": _meta, ...lookup } = Object.values<Json>(ws.data.databricks_metastore)[0];
    expect(lookup).toEqual({
      provider: MWS, metastore_id: "0a1b2c3d-0000-4000-8000-000000000001",
      lifecycle: { postcondition: [{
        condition: '${self.metastore_info[0].region == "us-east-1"}',
        error_message: "The account config's metastore 0a1b2c3d-0000-4000-8000-000000000001 is not in us-east-1, the workspace's region: a workspace can only be assigned its region's metastore (environments/account.ts, unityCatalog.metastore).",
      }] },
    });
    // workspace_id is ForceNew in the provider (#2876, PR #2899): a reference to the workspace replaces the assignment with it.
    const [assignment] = resources(ws, "databricks_metastore_assignment");
    const workspace = Object.keys(ws.resource.databricks_mws_workspaces)[0];
    expect(assignment.workspace_id).toBe(`\${databricks_mws_workspaces.${workspace}.workspace_id}`);
    expect(ws.output.metastore_id).toEqual({ value: "0a1b2c3d-0000-4000-8000-000000000001", description: expect.stringContaining("metastore") });
  });

  test("a metastore created by name is checked by name in the workspace (a cross-stack reference would not resolve in a condition)", () => {
    const { environments: envs, account: named } = loadConfig(ENVIRONMENT_CONFIGS.slice(0, 1), { ...account, unityCatalog: { metastore: { name: "primary" } } }, {});
    const other = Testing.app();
    addEnvironmentStacks(other, envs, named);
    const config: Json = JSON.parse(Testing.synth(other.node.findChild("poc-workspace-config") as never));
    expect(Object.values<Json>(config.data.databricks_current_metastore)[0].lifecycle.postcondition[0].condition).toBe('${try(lower(self.metastore_info[0].name), "") == lower("primary")}');
    const ws: Json = JSON.parse(Testing.synth(other.node.findChild("poc-workspace") as never));
    expect(Object.values<Json>(ws.data.databricks_metastore)[0]).toMatchObject({ name: "primary", lifecycle: { postcondition: [{ condition: '${self.metastore_info[0].region == "us-east-1"}' }] } });
  });

  test("<env>-workspace-config: every plan checks that the workspace reports its assigned metastore (#5282)", () => {
    for (const env of ["poc", "dev", "prod"]) {
      const { "//": _meta, ...current } = Object.values<Json>(synth(`${env}-workspace-config`).data.databricks_current_metastore)[0];
      expect(current).toEqual({
        provider: WS,
        lifecycle: { postcondition: [{
          condition: '${self.id == "0a1b2c3d-0000-4000-8000-000000000001"}',
          error_message: expect.stringMatching(/^The workspace does not report the metastore assigned to it \(databricks_current_metastore\): the assignment has not taken effect/),
        }] },
      });
    }
  });

  test("<env>-workspace-config: catalog storage with an AWS provider, security settings; nothing references back into it", () => {
    const config = synth("prod-workspace-config");
    expect(config.provider.aws[0].region).toBe("us-east-1");
    expect(resources(config, "databricks_catalog")[0].name).toBe("prod");
    expect(resources(config, "aws_kms_key")).toHaveLength(1); // prod uses customer-managed keys: the catalog bucket gets its own
    expect(resources(config, "databricks_enhanced_security_monitoring_workspace_setting")).toHaveLength(1);
    // System tables: grants on system.* only, none waiting on a schema enablement (Databricks enables them).
    expect(resources(config, "databricks_system_schema")).toEqual([]);
    const systemGrants = resources(config, "databricks_grant").filter((g) => g.catalog === "system" || String(g.schema).startsWith("system."));
    expect(systemGrants.filter((g) => g.principal === "databricks-admins").map((g) => g.catalog ?? g.schema).sort())
      .toEqual(["system", "system.access", "system.billing", "system.compute", "system.lakeflow", "system.query", "system.storage"]);
    for (const g of systemGrants) expect(g.depends_on).toBeUndefined();
    expect(JSON.stringify(synth("prod-workspace"))).not.toContain("prod-workspace-config");
    expect(resources(synth("poc-workspace-config"), "databricks_disable_legacy_dbfs_setting")).toHaveLength(1);
  });

  test("account-unity-catalog only when the account config creates a metastore or disables legacy features", () => {
    const none = Testing.app();
    addAccountStacks(none, { ...acct!, logDelivery: undefined });
    expect(none.node.children).toHaveLength(0);
    const some = Testing.app();
    addAccountStacks(some, { ...acct!, logDelivery: undefined, unityCatalog: { metastore: { name: "primary" }, disableLegacyFeatures: true } });
    expect(some.node.children.map((c) => c.node.id).sort()).toEqual(["account-state", "account-unity-catalog"]);
  });
});

describe("guardrail DBX-UC1: no legacy access on production", () => {
  const findings = (security: object, name = "prod") => {
    const { environments, account: acct } = loadConfig(ENVIRONMENT_CONFIGS, account, {});
    const env = environments.find((e) => e.name === name)!;
    const app = Testing.app();
    addEnvironmentStacks(app, [{ ...env, security: { ...env.security, ...security } }], acct);
    const stack = app.node.findChild(`${name}-workspace-config`);
    const pack = Aspects.of(stack).all.find((a): a is DatabricksGuardrails => a instanceof DatabricksGuardrails)!;
    Testing.synth(stack as never);
    return pack.findings.filter((f) => f.ruleId === "DBX-UC1").map((f) => f.finding);
  };

  test("prod with legacy access or DBFS on is a finding (fails on a config without the settings); the defaults pass", () => {
    expect(findings({})).toEqual([]);
    expect(findings({ disableLegacyAccess: false, disableLegacyDbfs: false })).toEqual([
      "no databricks_disable_legacy_access_setting with disable_legacy_access.value = true",
      "no databricks_disable_legacy_dbfs_setting with disable_legacy_dbfs.value = true",
    ]);
    expect(findings({ disableLegacyAccess: false }, "dev")).toEqual([]); // not production
  });
});

describe("guardrail DBX-UC2: no databricks_system_schema", () => {
  test("a declared system schema is an error in every stack, citing the provider's Read; grants on system.* are not", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const pack = new DatabricksGuardrails({ production: false });
    Aspects.of(stack).add(pack);
    providers(stack);
    new SystemSchema(stack, "access", { provider: stack.node.findChild("ws") as DatabricksProvider, schema: "access" });
    new SystemTables(stack, "system-tables", { readers: ["finops"] });
    Testing.synth(stack);
    expect(pack.findings.filter((f) => f.ruleId === "DBX-UC2").map((f) => `${f.path}: ${f.finding}`)).toEqual(['stack/access: declares system schema "access"']);
    const rule = DATABRICKS_RULES.find((r) => r.id === "DBX-UC2")!;
    expect(rule.level).toBe("error");
    expect(rule.explanation).toContain("catalog/resource_system_schema.go");
    expect(rule.explanation).toContain("#4874");
  });
});

describe("the metastore comes from the account config", () => {
  const lines = (run: () => unknown) => { try { run(); } catch (e) { return (e as Error).message.split("\n").slice(1).map((l) => l.trim()); } return []; };
  test("an environment with a catalog needs the account config's metastore, in its region", () => {
    const { unityCatalog: _omit, ...noUc } = account;
    expect(lines(() => loadConfig(ENVIRONMENT_CONFIGS.slice(0, 1), noUc, {}))).toEqual([
      "poc: unityCatalog: needs a metastore: set unityCatalog.metastore in the account config (environments/account.ts), { id } of the region's metastore or { name } to create one",
    ]);
    expect(lines(() => loadConfig(ENVIRONMENT_CONFIGS.slice(0, 1), { ...account, region: "eu-west-1" }, {}))).toEqual([
      'poc: region = "us-east-1": differs from the account config\'s region "eu-west-1", whose metastore it would be assigned (a metastore serves one region)',
    ]);
  });
});
