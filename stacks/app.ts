import { App, Aspects, TerraformStack } from "cdktf";
import { AccountConfig } from "../environments/account-schema";
import type { LabelledProblem } from "../environments/problems";
import { Environment } from "../environments/schema";
import { contextOf } from "../environments/checks";
import { defaultRootBucketName } from "../modules/storage";
import { NamedResource, nameCollisions, NameScope } from "../modules/core/unique-names";
import { DatabricksGuardrails, GuardrailFinding, isProductionEnvironment } from "../modules/guardrails";
import { AccountLogsStack } from "./account-stack";
import { AccountUnityCatalogStack, needsAccountUnityCatalogStack } from "./account-unity-catalog-stack";
import { ContextConfig, DeploymentConfig } from "./common";
import { StateStack } from "./state-stack";
import { WorkspaceConfigStack } from "./workspace-config-stack";
import { WorkspaceStack } from "./workspace-stack";

/** `<name>-state`, when the config keeps its state in an S3 bucket this project creates. */
function stateStack(app: App, config: DeploymentConfig & ContextConfig): StateStack | undefined {
  return config.state?.backend === "s3" && config.state.createBucket !== false
    ? new StateStack(app, { ...config, state: config.state })
    : undefined;
}

/**
 * Adds every environment's stacks to the app: `<env>-state` (when it owns an S3 state bucket), `<env>-workspace`,
 * and `<env>-workspace-config` (when configured; deployed after the workspace, whose URL it reads).
 */
export function addEnvironmentStacks(app: App, environments: readonly Environment[], account?: AccountConfig): void {
  for (const env of environments) {
    const state = stateStack(app, env);
    // The region's metastore comes from the account config (one per region per account, not per environment).
    const workspace = new WorkspaceStack(app, env, account?.unityCatalog?.metastore);
    const config = env.workspaceConfig ? new WorkspaceConfigStack(app, { ...env, workspaceConfig: env.workspaceConfig }, workspace) : undefined;
    // A backend needs its bucket before `terraform init`: deploy order, not a reference.
    if (state) for (const stack of [workspace, config]) stack?.addDependency(state);
    guard([state, workspace, config], isProductionEnvironment(env));
  }
}

/** The guardrail pack on every stack: error findings fail the synth (README, "Guardrails"). */
function guard(stacks: ReadonlyArray<TerraformStack | undefined>, production: boolean): void {
  const pack = new DatabricksGuardrails({ production });
  for (const stack of stacks) if (stack) Aspects.of(stack).add(pack);
}

/**
 * The account-level stacks: `account-logs` when log delivery is configured, `account-unity-catalog` when the config
 * creates a metastore or disables legacy features account-wide, and `account-state` for either.
 */
export function addAccountStacks(app: App, account: AccountConfig | undefined): void {
  const uc = account && needsAccountUnityCatalogStack(account) ? account : undefined;
  if (!account || (!account.logDelivery && !uc)) return;
  const state = stateStack(app, account);
  const logs = account.logDelivery ? new AccountLogsStack(app, { ...account, logDelivery: account.logDelivery }) : undefined;
  const catalog = uc ? new AccountUnityCatalogStack(app, uc) : undefined;
  if (state) for (const stack of [logs, catalog]) stack?.addDependency(state);
  // Production: one per Databricks account, delivering the audit logs of every environment, prod included.
  guard([state, logs, catalog], true);
}

/** Every path of `config` whose value is the string `value` (`storage.rootBucketName`), in config order. */
function pathsOf(config: unknown, value: string, at = ""): string[] {
  if (config === value) return [at];
  if (config === null || typeof config !== "object") return [];
  return Object.entries(config).flatMap(([k, v]) => pathsOf(v, value, Array.isArray(config) ? `${at}[${k}]` : at ? `${at}.${k}` : k));
}

/** The fields whose default (derived) value is `value`: the root bucket's `<prefix>-<account>-root`. */
function defaultNamePaths(config: Environment | AccountConfig | undefined, value: string): string[] {
  if (!config || !("network" in config) || config.storage?.rootBucketName !== undefined) return [];
  return defaultRootBucketName(contextOf(config)) === value ? ["storage.rootBucketName (default)"] : [];
}

const SCOPE_RULE: Record<NameScope, string> = {
  "global": "these names are globally unique",
  "aws-account": "names are unique within an AWS account",
  "aws-region": "names are unique within an AWS account and region",
  "databricks-account": "names are unique within a Databricks account",
  "metastore": "names are unique within a metastore, which every environment of the account in the region shares",
};

/**
 * The config field behind a name the stacks derive, by resource type, where finding the name's text in the config
 * would point at the wrong field (a group's name is also in its grants) or at none (names built from the prefix).
 */
function derivedNamePaths(type: string, config: Environment | AccountConfig | undefined, value: string): string[] | undefined {
  if (!config || !("network" in config)) return undefined;
  const from = (field: string, suffix: string) => `${field} (${config.resourcePrefix !== undefined ? "resourcePrefix" : "the default resourcePrefix"} + "${suffix}")`;
  const egress = config.serverlessEgress;
  switch (type) {
    case "databricks_group":
      return (config.identities?.groups ?? []).flatMap((g, i) => (g.name === value && g.create ? [`identities.groups[${i}].name`] : []));
    case "databricks_service_principal": return [from("identities.servicePrincipal", "-pipeline")];
    case "databricks_storage_credential": case "databricks_external_location": return [from("unityCatalog", "-catalog")];
    case "databricks_credential": return [from("unityCatalog", "-kinesis")];
    case "databricks_account_network_policy": return [egress?.networkPolicyId !== undefined ? "serverlessEgress.networkPolicyId" : from("serverlessEgress.networkPolicyId", "-np")];
    case "databricks_mws_network_connectivity_config": return [egress?.nccName !== undefined ? "serverlessEgress.nccName" : from("serverlessEgress.nccName", "-ncc")];
    case "databricks_catalog": return config.unityCatalog?.catalogName === value ? ["unityCatalog.catalogName"] : undefined;
    default: return undefined;
  }
}

/**
 * Names two resources of the app share where they must be unique (modules/core nameCollisions): the same bucket for
 * root and data, a bucket or role name copied from one environment to another. Each repeat is reported under its
 * environment, at the config field that set it (or, for a default name, the construct path), naming the first.
 */
export function nameCollisionProblems(app: App, environments: readonly Environment[], account?: AccountConfig): LabelledProblem[] {
  const configs = [...environments, ...(account ? [account] : [])];
  const configOf = (r: NamedResource) => {
    const stack = TerraformStack.of(r.resource).node.id;
    return configs.find((c) => stack.startsWith(`${c.name}-`));
  };
  return nameCollisions(app).flatMap((collision) => {
    const used = new Map<unknown, string[]>();
    const where = collision.resources.map((r) => {
      const config = configOf(r);
      const paths = used.get(config) ?? derivedNamePaths(collision.field.type, config, collision.value)
        ?? [...pathsOf(config, collision.value), ...defaultNamePaths(config, collision.value)];
      used.set(config, paths);
      return { label: config?.name ?? TerraformStack.of(r.resource).node.id, path: paths.shift() ?? r.path };
    });
    const [first, ...repeats] = where;
    return repeats.map(({ label, path }) => ({
      environment: label,
      problem: { path, value: collision.value, message: `is also the ${collision.field.what} of ${first.label}: ${first.path}; ${SCOPE_RULE[collision.field.scope]}${collision.field.scope === "global" ? "" : ` (${collision.scope})`}` },
    }));
  });
}

/**
 * The config field a guardrail finding comes from, for the rules a config field decides (the report names the field,
 * not only the construct path): `prod: network.flowLogs.enabled = false`.
 */
export function guardrailConfigFields(environments: readonly Environment[]): (finding: GuardrailFinding) => string | undefined {
  return (finding) => {
    const env = environments.find((e) => finding.path.startsWith(`${e.name}-`));
    if (!env) return undefined;
    const field = (path: string, value: unknown) => `${env.name}: ${path}${value === undefined ? " (not set)" : ` = ${JSON.stringify(value)}`}`;
    switch (finding.ruleId) {
      case "DBX-VPC1":
        if (env.network?.mode === "create") return field("network.flowLogs.enabled", env.network.flowLogs?.enabled);
        return env.network?.mode === "existing" ? field("network.vpcId", env.network.vpcId) : undefined;
      case "DBX-NET1":
        // Internet egress from the workspace subnets: the network's egress mode decides it.
        return env.network?.mode === "create" ? field("network.egress", env.network.egress) : undefined;
      case "DBX-TAG1":
      case "DBX-TAG2":
      case "DBX-TAG3":
        return `${env.name}: tags`;
      default:
        return undefined;
    }
  };
}
