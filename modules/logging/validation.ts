import { Token } from "cdktf";
import { bucketNameProblems } from "../core/bucket-name";
import { Problem } from "../core/problems";
import {
  CONFIG_NAME_MAX_LENGTH, DEFAULT_DELIVERY_PATH_PREFIXES, DELIVERY_PATH_PREFIX_MAX_LENGTH, EARLIEST_DELIVERY_START,
  LOG_DELIVERY_STATUSES, LOG_TYPES, LogDeliveryConfigProps, LogDeliveryProps, MAX_ENABLED_CONFIGS_PER_LOG_TYPE,
} from "./props";

/**
 * S3 "safe" key characters (Amazon S3 User Guide, "Object key naming guidelines"), in `/`-separated segments, except
 * `*`: the prefix is also the log-delivery role's IAM resource pattern and `s3:prefix` value, where `*` is a wildcard.
 */
const PATH_SEGMENT = "[A-Za-z0-9!_.'()-]+";
const DELIVERY_PATH_PREFIX = new RegExp(`^${PATH_SEGMENT}(/${PATH_SEGMENT})*$`);
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const CONTROL_CHAR = /[\u0000-\u001f\u007f]/;

/**
 * Every problem with the props of a {@link LogDelivery}; format checks skip Terraform tokens. Only the given
 * configurations are counted against Databricks' limits: configurations made elsewhere in the account count too.
 * The context's values (region, account ids, prefix) are the `DeploymentContext`'s to check; none of these rules
 * depends on them.
 */
export function logDeliveryProblems(props: LogDeliveryProps): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });

  if (!Token.isUnresolved(props.bucketName)) problems.push(...bucketNameProblems(props.bucketName, "bucketName"));

  const days = props.retentionDays;
  if (days !== undefined && (!Number.isSafeInteger(days) || days < 1)) {
    add("retentionDays", days, "must be a positive integer (days before S3 expires delivered logs); omit it to keep logs forever");
  }

  if (props.configs !== undefined) problems.push(...configsProblems(props.configs));
  return problems;
}

function configsProblems(configs: readonly LogDeliveryConfigProps[]): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  if (configs.length === 0) {
    add("configs", [], "must list at least one configuration; omit it for one AUDIT_LOGS configuration");
    return problems;
  }

  configs.forEach((config, i) => {
    const at = `configs[${i}]`;
    problems.push(...configNameProblems(config.name, `${at}.name`));
    const first = configs.findIndex((c) => c.name === config.name);
    if (typeof config.name === "string" && config.name.trim() !== "" && first < i) {
      add(`${at}.name`, config.name, `is also the name of configs[${first}]; ` +
        "config names must be unique (each names a configuration in the account and its Terraform resource)");
    }
    const knownType = LOG_TYPES.includes(config.logType);
    if (!knownType) add(`${at}.logType`, config.logType, `must be one of: ${LOG_TYPES.join(", ")}`);
    if (config.status !== undefined && !LOG_DELIVERY_STATUSES.includes(config.status)) {
      add(`${at}.status`, config.status, `must be one of: ${LOG_DELIVERY_STATUSES.join(", ")} (a configuration cannot be deleted, only disabled)`);
    }

    const prefix = config.deliveryPathPrefix;
    if (prefix !== undefined && !Token.isUnresolved(prefix)) {
      if (prefix.length === 0 || prefix.length > DELIVERY_PATH_PREFIX_MAX_LENGTH) {
        add(`${at}.deliveryPathPrefix`, prefix, `must be 1 to ${DELIVERY_PATH_PREFIX_MAX_LENGTH} characters long; it has ${prefix.length} ` +
          "(omit it for the log type's default prefix)");
      } else if (!DELIVERY_PATH_PREFIX.test(prefix)) {
        add(`${at}.deliveryPathPrefix`, prefix, "must be an S3 key prefix: segments of letters, digits and ! _ . ' ( ) - " +
          "separated by single slashes, not starting or ending with a slash");
      }
    }

    const start = config.deliveryStartTime;
    if (start !== undefined && !Token.isUnresolved(start)) {
      if (!YEAR_MONTH.test(start)) {
        add(`${at}.deliveryStartTime`, start, "must be a month in YYYY-MM format, e.g. 2024-01");
      } else if (start < EARLIEST_DELIVERY_START) {
        add(`${at}.deliveryStartTime`, start, `must not be before ${EARLIEST_DELIVERY_START}: billable usage is not available before March 2019`);
      }
      if (knownType && config.logType !== "BILLABLE_USAGE") {
        add(`${at}.deliveryStartTime`, start, `applies only to BILLABLE_USAGE (Account API delivery_start_time); omit it for ${config.logType}`);
      }
    }

    const filter = config.workspaceIdsFilter;
    if (filter !== undefined) {
      if (filter.length === 0) {
        add(`${at}.workspaceIdsFilter`, [], "must not be empty: omit it to deliver the logs of all workspaces");
      }
      filter.forEach((wsId, j) => {
        if (Token.isUnresolved(wsId)) return;
        if (!Number.isSafeInteger(wsId) || wsId < 1) {
          add(`${at}.workspaceIdsFilter[${j}]`, wsId, "must be a workspace id: a positive integer (at most 2^53 - 1)");
        } else if (filter.indexOf(wsId) !== j) {
          add(`${at}.workspaceIdsFilter[${j}]`, wsId, "is listed twice");
        }
      });
    }
  });

  problems.push(...limitProblems(configs));
  return problems;
}

function configNameProblems(name: string, path: string): Problem[] {
  const problems: Problem[] = [];
  const add = (message: string) => problems.push({ path, value: name, message });
  if (typeof name !== "string" || name.trim().length === 0) {
    add("must not be empty or blank");
    return problems;
  }
  if (Token.isUnresolved(name)) {
    add("must be a literal string, not a token: it names the configuration's Terraform resource");
    return problems;
  }
  if (name.length > CONFIG_NAME_MAX_LENGTH) {
    add(`must be at most ${CONFIG_NAME_MAX_LENGTH} characters long (the provider's config_name limit); it has ${name.length}`);
  }
  if (name !== name.trim()) add("must not start or end with whitespace");
  if (CONTROL_CHAR.test(name)) add("must not contain control characters");
  if (name.includes("/")) add("must not contain \"/\" (the name is part of the Terraform resource's construct path)");
  return problems;
}

/**
 * Databricks' limits on enabled configurations (https://docs.databricks.com/aws/en/admin/account-settings/audit-log-delivery, provider doc `mws_log_delivery.md`, clarified in
 * provider issue #1318; the Databricks log-delivery docs state them per log type): at most two enabled
 * account-level configurations (no workspace filter) per log type, and each workspace id in the filters of at
 * most two enabled configurations per log type. Also flags enabled configurations that would deliver the same
 * logs to the same place (all fields but the name equal; a uniqueness constraint stated in the provider's original
 * `mws_log_delivery` doc, PR #343).
 */
function limitProblems(configs: readonly LogDeliveryConfigProps[]): Problem[] {
  const problems: Problem[] = [];
  const max = MAX_ENABLED_CONFIGS_PER_LOG_TYPE;
  const enabled = configs
    .map((config, i) => ({ config, i }))
    .filter(({ config }) => (config.status ?? "ENABLED") === "ENABLED" && LOG_TYPES.includes(config.logType));
  const list = (indices: number[]) => indices.map((i) => `configs[${i}]`).join(", ");

  for (const logType of LOG_TYPES) {
    const ofType = enabled.filter(({ config }) => config.logType === logType);
    const accountLevel = ofType.filter(({ config }) => config.workspaceIdsFilter === undefined).map(({ i }) => i);
    if (accountLevel.length > max) {
      problems.push({
        path: "configs", value: undefined,
        message: `has ${accountLevel.length} enabled account-level ${logType} configurations (${list(accountLevel)}); ` +
          `Databricks allows ${max} enabled account-level delivery configurations per log type: ` +
          "set status \"DISABLED\" on the others or give them a workspaceIdsFilter",
      });
    }
    const byWorkspace = new Map<number, number[]>();
    for (const { config, i } of ofType) {
      for (const wsId of new Set(config.workspaceIdsFilter ?? [])) {
        if (Token.isUnresolved(wsId)) continue;
        byWorkspace.set(wsId, [...(byWorkspace.get(wsId) ?? []), i]);
      }
    }
    for (const [wsId, indices] of byWorkspace) {
      if (indices.length <= max) continue;
      problems.push({
        path: "configs", value: undefined,
        message: `has workspace ${wsId} in the workspaceIdsFilter of ${indices.length} enabled ${logType} configurations (${list(indices)}); ` +
          `Databricks allows ${max} enabled configurations per workspace and log type`,
      });
    }
  }

  const key = ({ logType, deliveryPathPrefix, workspaceIdsFilter, deliveryStartTime }: LogDeliveryConfigProps) => JSON.stringify([
    logType, deliveryPathPrefix ?? DEFAULT_DELIVERY_PATH_PREFIXES[logType],
    workspaceIdsFilter ? [...workspaceIdsFilter].sort((a, b) => a - b) : null, deliveryStartTime ?? null,
  ]);
  enabled.forEach(({ config, i }, n) => {
    const twin = enabled.slice(0, n).find((other) => key(other.config) === key(config));
    if (twin) {
      problems.push({
        path: `configs[${i}]`, value: undefined,
        message: `delivers the same logs to the same prefix as configs[${twin.i}] (all fields but the name equal): ` +
          "every log would be written twice, and Databricks rejects enabled configurations that differ only in config_name",
      });
    }
  });
  return problems;
}
