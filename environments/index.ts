import { dev } from "./dev";
import { poc } from "./poc";
import { prod } from "./prod";
import { spoc } from "./spoc";
import { account } from "./account";
import { AccountConfig, AccountConfigInput, accountProblems } from "./account-schema";
import { configWarnings, metastoreLinkProblems } from "./checks";
import { ConfigError, environmentsProblems, LabelledProblem, withSources } from "./problems";
import { Environment, EnvironmentConfig, RESERVED_NAME } from "./schema";

export * from "./account-schema";
export * from "./checks";
export * from "./problems";
export * from "./schema";

/** The account-level config (log delivery); undefined to leave the account stacks out. */
export const ACCOUNT_CONFIG: AccountConfigInput | undefined = account;

/** The example environments, in deploy order. Add one by adding a file and listing it here and in ENVIRONMENT_FILES. */
export const ENVIRONMENT_CONFIGS: readonly EnvironmentConfig[] = [poc, dev, prod, spoc];

/** The file each config comes from, for messages about a config whose name is wrong or copied from another. */
export const ENVIRONMENT_FILES: ReadonlyMap<EnvironmentConfig, string> = new Map([
  [poc, "environments/poc.ts"],
  [dev, "environments/dev.ts"],
  [prod, "environments/prod.ts"],
  [spoc, "environments/spoc.ts"],
]);

/** Fields that can be overridden per environment from the process environment (`DBX_<NAME>_<FIELD>`). */
export const ENV_OVERRIDES = {
  awsAccountId: "AWS_ACCOUNT_ID",
  databricksAccountId: "DATABRICKS_ACCOUNT_ID",
} as const;

/** The variable that overrides `field` of environment `name`, e.g. DBX_POC_AWS_ACCOUNT_ID. */
export function overrideVariable(name: string, field: keyof typeof ENV_OVERRIDES): string {
  return `DBX_${name.toUpperCase()}_${ENV_OVERRIDES[field]}`;
}

/**
 * The project's own `DBX_` variables that override nothing: DBX_STACK_TRACES (main.ts: keep cdktf's token stack
 * traces), DBX_SYNTH_QUIET (scripts/synth.js: no summary) and DBX_DEPLOY_CDKTF / DBX_DEPLOY_PREFLIGHT
 * (scripts/deploy.js: stand-ins for cdktf and the preflight in tests). Any other `DBX_` variable must be an override.
 */
export const NON_OVERRIDE_VARIABLES: readonly string[] = ["DBX_STACK_TRACES", "DBX_SYNTH_QUIET", "DBX_DEPLOY_CDKTF", "DBX_DEPLOY_PREFLIGHT"];

/** The label of problems with the process environment's variables. */
export const VARIABLES_LABEL = "environment variables";

/**
 * `DBX_` variables that name no environment or field (a misspelt override would otherwise be ignored silently).
 * `names` are the environment names (and the account-level config's); the message lists every valid variable.
 */
export function unknownVariableProblems(names: readonly string[], variables: Readonly<Record<string, string | undefined>>): LabelledProblem[] {
  const valid = names.flatMap((n) => (Object.keys(ENV_OVERRIDES) as Array<keyof typeof ENV_OVERRIDES>).map((f) => overrideVariable(n, f)));
  return Object.keys(variables)
    .filter((v) => v.startsWith("DBX_") && !valid.includes(v) && !NON_OVERRIDE_VARIABLES.includes(v))
    .sort()
    .map((v) => ({
      environment: VARIABLES_LABEL,
      // The value is not shown: an unknown variable may hold anything.
      problem: { path: `$${v}`, value: undefined, message: `names no environment or field; the overrides are ${valid.join(", ")} (the project also reads ${NON_OVERRIDE_VARIABLES.join(", ")})` },
    }));
}

/** A copy of `config` with the DBX_<NAME>_* overrides applied; records which variable supplied what in `sources`. */
function withOverrides<T extends { name: string }>(config: T, variables: Readonly<Record<string, string | undefined>>, sources: Record<string, string>): T {
  const copy: Record<string, unknown> = { ...config };
  for (const field of Object.keys(ENV_OVERRIDES) as Array<keyof typeof ENV_OVERRIDES>) {
    const variable = overrideVariable(String(config.name), field);
    const value = variables[variable];
    if (value !== undefined && value !== "") {
      copy[field] = value;
      sources[`${config.name}.${field}`] = variable;
    }
  }
  return copy as T;
}

/**
 * Applies the overrides, then validates every environment (throws ConfigError listing all problems). `files`: the
 * file of each config, for messages (default: ENVIRONMENT_FILES).
 */
export function loadEnvironments(
  configs: readonly EnvironmentConfig[] = ENVIRONMENT_CONFIGS,
  variables: Readonly<Record<string, string | undefined>> = process.env,
  files: readonly (string | undefined)[] = configs.map((c) => ENVIRONMENT_FILES.get(c)),
): Environment[] {
  const sources: Record<string, string> = {};
  const environments = configs.map((c) => withOverrides(c, variables, sources));
  const found = [
    ...environmentsProblems(environments, sources, files),
    ...unknownVariableProblems([...configs.map((c) => String(c.name)), RESERVED_NAME], variables),
  ];
  if (found.length > 0) throw new ConfigError(found);
  return environments as Environment[];
}

/**
 * Everything the app needs, validated together: the environments and the account-level config. One ConfigError
 * lists every problem of both; `warnings` are what the synth prints without failing (node types Databricks may not
 * offer).
 */
export function loadConfig(
  configs: readonly EnvironmentConfig[] = ENVIRONMENT_CONFIGS,
  accountConfig: AccountConfigInput | undefined = ACCOUNT_CONFIG,
  variables: Readonly<Record<string, string | undefined>> = process.env,
): { environments: Environment[]; account?: AccountConfig; warnings: LabelledProblem[] } {
  const sources: Record<string, string> = {};
  const environments = configs.map((c) => withOverrides(c, variables, sources));
  const accountLevel = accountConfig ? withOverrides(accountConfig, variables, sources) : undefined;
  const found = [
    ...environmentsProblems(environments, sources, configs.map((c) => ENVIRONMENT_FILES.get(c))),
    ...(accountLevel ? withSources(RESERVED_NAME, accountProblems(accountLevel), sources) : []),
    ...unknownVariableProblems([...configs.map((c) => String(c.name)), RESERVED_NAME], variables),
    ...metastoreLinkProblems(environments, accountLevel),
  ];
  if (found.length > 0) throw new ConfigError(found);
  const warnings = environments.flatMap((e) => configWarnings(e as Environment).map((problem) => ({ environment: String(e.name), problem })));
  return { environments: environments as Environment[], account: accountLevel as AccountConfig | undefined, warnings };
}
