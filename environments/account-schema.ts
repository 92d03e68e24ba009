import * as z from "zod/mini";
import { LOG_DELIVERY_STATUSES, LOG_TYPES, logDeliveryProblems } from "../modules/logging";
import { accountUnityCatalogProblems } from "../modules/unity-catalog/metastore";
import { Problem, underPath } from "../modules/core/problems";
import { tagProblems } from "../modules/core/tags";
import { providerVersionProblems } from "../modules/core/provider-versions";
import { stateProblems } from "./checks";
import { rejectedFields, zodProblems } from "./problems";
import { commonFields, oneOf, RESERVED_NAME, strict } from "./schema";

/**
 * The account-level config: what exists once per Databricks account, not once per environment — billable-usage
 * and audit log delivery (Databricks allows only two enabled delivery configurations per log type per account, and
 * they cannot be deleted). Its stacks are `account-*`.
 */
export const accountSchema = strict({
  name: z.literal(RESERVED_NAME),
  ...commonFields,
  /** Billable usage (CSV) and audit logs (JSON) delivered to a dedicated, hardened bucket. */
  logDelivery: z.optional(strict({
    bucketName: z.string(),
    /** Days before delivered logs expire. Default: kept forever. */
    retentionDays: z.optional(z.number()),
    /** Default: one enabled billable-usage and one enabled audit-log configuration for the whole account. */
    configs: z.optional(z.array(strict({
      name: z.string(),
      logType: z.enum(LOG_TYPES, oneOf(LOG_TYPES)),
      deliveryPathPrefix: z.optional(z.string()),
      workspaceIdsFilter: z.optional(z.array(z.number())),
      status: z.optional(z.enum(LOG_DELIVERY_STATUSES, oneOf(LOG_DELIVERY_STATUSES))),
      deliveryStartTime: z.optional(z.string()),
    }))),
  })),
  /** The region's Unity Catalog metastore (existing `{ id }` or created `{ name }`), and account-level legacy features. */
  unityCatalog: z.optional(strict({
    metastore: z.union([strict({ id: z.string() }), strict({ name: z.string() })], { error: "must be { id: \"<metastore id>\" } (existing) or { name: \"<name>\" } (create)" }),
    metastoreAdminGroup: z.optional(z.string()),
    /** Account-level disable-legacy-features (new workspaces only). Default false. */
    disableLegacyFeatures: z.optional(z.boolean()),
    preventDestroy: z.optional(z.boolean()),
  })),
});

export type AccountConfigInput = z.input<typeof accountSchema>;
export type AccountConfig = z.output<typeof accountSchema>;

/** Every problem with the account-level config (empty when valid); cross-field rules run for every accepted section. */
export function accountProblems(raw: unknown): Problem[] {
  const parsed = accountSchema.safeParse(raw);
  const issues = parsed.success ? [] : parsed.error.issues;
  if (raw === null || typeof raw !== "object" || issues.some((i) => i.path.length === 0)) return zodProblems(raw, issues);
  const isRejected = rejectedFields(issues);
  const rejected = (...fields: string[]) => fields.some(isRejected);
  const config = raw as AccountConfig;
  const problems = zodProblems(raw, issues);
  if (!rejected("tags")) problems.push(...tagProblems(config.tags));
  if (!rejected("state")) problems.push(...stateProblems(config.state));
  if (!rejected("providerVersions")) problems.push(...providerVersionProblems(config.providerVersions));
  if (config.logDelivery && !rejected("logDelivery", "region", "awsAccountId", "databricksAccountId", "resourcePrefix")) {
    problems.push(...underPath("logDelivery", logDeliveryProblems(config.logDelivery)));
  }
  if (config.unityCatalog && !rejected("unityCatalog")) problems.push(...underPath("unityCatalog", accountUnityCatalogProblems(config.unityCatalog)));
  return problems;
}
