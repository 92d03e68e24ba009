// The governance sections' shapes (issue 12: Unity Catalog, identities, security, system tables; budget, security
// alerts), composed by schema.ts.
import * as z from "zod/mini";
import { CATALOG_PRIVILEGES, EXTERNAL_LOCATION_PRIVILEGES, SCHEMA_PRIVILEGES, SYSTEM_SCHEMAS } from "../modules/unity-catalog/props";
import { COMPLIANCE_STANDARDS, DAYS_OF_WEEK, MAINTENANCE_FREQUENCIES } from "../modules/workspace-security/props";
import { oneOf, strict } from "./schema-base";

const privilegeGrants = <T extends readonly [string, ...string[]]>(privileges: T) =>
  z.array(strict({ principal: z.string(), privileges: z.array(z.enum(privileges, oneOf(privileges))) }));

/** The environment's Unity Catalog catalog (modules/unity-catalog WorkspaceCatalog), in the workspace-config stack. */
export const unityCatalog = strict({
  catalogName: z.string(),
  /** Default `<prefix>-<awsAccountId>-catalog`. */
  bucketName: z.optional(z.string()),
  /** Databricks' default storage instead of a bucket of ours (serverless workspaces only; Preview). Default false. */
  defaultStorage: z.optional(z.boolean()),
  /** Default ["raw"]. */
  schemas: z.optional(z.array(z.string())),
  /** Typed grants: group display names and privileges per securable. Default: none (owner only). */
  grants: z.optional(strict({
    catalog: z.optional(privilegeGrants(CATALOG_PRIVILEGES)),
    schemas: z.optional(z.record(z.string(), privilegeGrants(SCHEMA_PRIVILEGES))),
    externalLocation: z.optional(privilegeGrants(EXTERNAL_LOCATION_PRIVILEGES)),
  })),
  preventDestroy: z.optional(z.boolean()),
});

/** Groups on the workspace and the job's service principal (modules/identity WorkspaceIdentities), in the workspace stack. */
export const identities = strict({
  groups: z.optional(z.array(strict({ name: z.string(), permission: z.enum(["ADMIN", "USER"], oneOf(["ADMIN", "USER"])), create: z.optional(z.boolean()) }))),
  /** Account groups grants name without assigning them to the workspace: looked up at plan, never created. Default: none. */
  existingGroups: z.optional(z.array(z.string())),
  /** A `<prefix>-pipeline` service principal. Default true. */
  servicePrincipal: z.optional(z.boolean()),
});

/** Legacy features off and security opt-ins (modules/workspace-security WorkspaceSecurity), in the workspace-config stack. */
export const security = strict({
  /** The account has the (paid) Enhanced Security and Compliance add-on; required by the three features below. Default false. */
  complianceAddOn: z.optional(z.boolean()),
  disableLegacyAccess: z.optional(z.boolean()),
  disableLegacyDbfs: z.optional(z.boolean()),
  enhancedSecurityMonitoring: z.optional(z.boolean()),
  complianceSecurityProfile: z.optional(strict({ standards: z.array(z.enum(COMPLIANCE_STANDARDS, oneOf(COMPLIANCE_STANDARDS))) })),
  automaticClusterUpdate: z.optional(strict({
    dayOfWeek: z.enum(DAYS_OF_WEEK, oneOf(DAYS_OF_WEEK)), frequency: z.enum(MAINTENANCE_FREQUENCIES, oneOf(MAINTENANCE_FREQUENCIES)), startHour: z.number(),
    startMinute: z.optional(z.number()), restartEvenIfNoUpdatesAvailable: z.optional(z.boolean()),
  })),
  restrictWorkspaceAdmins: z.optional(z.boolean()),
});

/** A monthly budget and a serverless budget policy (modules/cost EnvironmentBudget), in the workspace stack. */
export const budget = strict({
  monthlyLimitUsd: z.number(),
  alertThresholdsPercent: z.optional(z.array(z.number())),
  recipients: z.array(z.string()),
  filterTagKeys: z.optional(z.array(z.string())),
  serverlessBudgetPolicy: z.optional(z.boolean()),
});

/** Alerts on system.access.audit (modules/security-alerts SecurityAlerts), in the workspace-config stack. */
export const securityAlerts = strict({
  recipients: z.array(z.string()),
  schedule: z.optional(strict({ cron: z.string(), timezone: z.optional(z.string()) })),
  warehouseSize: z.optional(z.string()),
});

/** System tables and who reads them (modules/unity-catalog SystemTables): once per metastore. */
export const systemTables = strict({
  readers: z.array(z.string()),
  schemas: z.optional(z.array(z.enum(SYSTEM_SCHEMAS, oneOf(SYSTEM_SCHEMAS)))),
});
