import { dev } from "./dev";
import { poc } from "./poc";
import { prod } from "./prod";
import { Environment, EnvironmentConfig, validateEnvironments } from "./schema";

export * from "./schema";

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

/** Applies the overrides, then validates every environment (throws ConfigError listing all problems). */
export function loadEnvironments(
  configs: readonly EnvironmentConfig[] = ENVIRONMENT_CONFIGS,
  variables: Readonly<Record<string, string | undefined>> = process.env,
): Environment[] {
  const sources: Record<string, string> = {};
  const merged = configs.map((config) => {
    const copy: Record<string, unknown> = { ...config };
    for (const field of Object.keys(ENV_OVERRIDES) as Array<keyof typeof ENV_OVERRIDES>) {
      const variable = overrideVariable(String(config.name), field);
      const value = variables[variable];
      if (value !== undefined && value !== "") {
        copy[field] = value;
        sources[`${config.name}.${field}`] = variable;
      }
    }
    return copy;
  });
  return validateEnvironments(merged, sources);
}
