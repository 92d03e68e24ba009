import { dev } from "./dev";
import { poc } from "./poc";
import { prod } from "./prod";
import { account } from "./account";
import { AccountConfig, AccountConfigInput, accountProblems } from "./account-schema";
import { ConfigError, environmentsProblems, validateEnvironments, withSources } from "./problems";
import { metastoreLinkProblems } from "./checks";
import { Environment, EnvironmentConfig, RESERVED_NAME } from "./schema";

export * from "./account-schema";
export * from "./checks";
export * from "./problems";
export * from "./schema";

/** The account-level config (log delivery); undefined to leave the account stacks out. */
export const ACCOUNT_CONFIG: AccountConfigInput | undefined = account;

/** The example environments, in deploy order. Add one by adding a file and listing it here. */
export const ENVIRONMENT_CONFIGS: readonly EnvironmentConfig[] = [poc, dev, prod];

/** Fields that can be overridden per environment from the process environment (`DBX_<NAME>_<FIELD>`). */
export const ENV_OVERRIDES = {
  awsAccountId: "AWS_ACCOUNT_ID",
  databricksAccountId: "DATABRICKS_ACCOUNT_ID",
} as const;

/** The variable that overrides `field` of environment `name`, e.g. DBX_POC_AWS_ACCOUNT_ID. */
export function overrideVariable(name: string, field: keyof typeof ENV_OVERRIDES): string {
  return `DBX_${name.toUpperCase()}_${ENV_OVERRIDES[field]}`;
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

/** Applies the overrides, then validates every environment (throws ConfigError listing all problems). */
export function loadEnvironments(
  configs: readonly EnvironmentConfig[] = ENVIRONMENT_CONFIGS,
  variables: Readonly<Record<string, string | undefined>> = process.env,
): Environment[] {
  const sources: Record<string, string> = {};
  return validateEnvironments(configs.map((c) => withOverrides(c, variables, sources)), sources);
}

/**
 * Everything the app needs, validated together: the environments and the account-level config. One ConfigError
 * lists every problem of both.
 */
export function loadConfig(
  configs: readonly EnvironmentConfig[] = ENVIRONMENT_CONFIGS,
  accountConfig: AccountConfigInput | undefined = ACCOUNT_CONFIG,
  variables: Readonly<Record<string, string | undefined>> = process.env,
): { environments: Environment[]; account?: AccountConfig } {
  const sources: Record<string, string> = {};
  const environments = configs.map((c) => withOverrides(c, variables, sources));
  const accountLevel = accountConfig ? withOverrides(accountConfig, variables, sources) : undefined;
  const found = [
    ...environmentsProblems(environments, sources),
    ...(accountLevel ? withSources(RESERVED_NAME, accountProblems(accountLevel), sources) : []),
    ...metastoreLinkProblems(environments, accountLevel),
  ];
  if (found.length > 0) throw new ConfigError(found);
  return { environments: environments as Environment[], account: accountLevel as AccountConfig | undefined };
}
