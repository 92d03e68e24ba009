/**
 * Unity Catalog privileges per securable, as the provider documents them for `databricks_grants`
 * (databricks/terraform-provider-databricks v1.99.0 docs/resources/grants.md, "Catalog grants", "Schema grants",
 * "External location grants"; the doc's `CREATE EXTERNAL VOLUME` is the API's `CREATE_EXTERNAL_VOLUME`).
 */
export const CATALOG_PRIVILEGES = [
  "ALL_PRIVILEGES", "APPLY_TAG", "CREATE_CONNECTION", "CREATE_SCHEMA", "MANAGE", "USE_CATALOG",
  // Granted on the catalog, these apply to every current and future object in it.
  "CREATE_FUNCTION", "CREATE_TABLE", "CREATE_VOLUME", "EXECUTE", "MODIFY", "REFRESH", "SELECT", "READ_VOLUME", "WRITE_VOLUME", "USE_SCHEMA",
] as const;
export const SCHEMA_PRIVILEGES = [
  "ALL_PRIVILEGES", "APPLY_TAG", "CREATE_FUNCTION", "CREATE_TABLE", "CREATE_VOLUME", "MANAGE", "USE_SCHEMA",
  "EXECUTE", "MODIFY", "REFRESH", "SELECT", "READ_VOLUME", "WRITE_VOLUME",
] as const;
export const EXTERNAL_LOCATION_PRIVILEGES = [
  "ALL_PRIVILEGES", "CREATE_EXTERNAL_TABLE", "CREATE_MANAGED_STORAGE", "CREATE_EXTERNAL_VOLUME", "MANAGE", "READ_FILES", "WRITE_FILES",
] as const;
export type CatalogPrivilege = (typeof CATALOG_PRIVILEGES)[number];
export type SchemaPrivilege = (typeof SCHEMA_PRIVILEGES)[number];
export type ExternalLocationPrivilege = (typeof EXTERNAL_LOCATION_PRIVILEGES)[number];

/** One principal's privileges on one securable. */
export interface PrivilegeGrant<P extends string = string> {
  /** A group's display name (account-level groups, usually synced from the identity provider through SCIM). */
  readonly principal: string;
  /** The privileges (see the securable's list); none twice. */
  readonly privileges: readonly P[];
}

/** Who may use the catalog, its schemas and its external location. Grants are authoritative per securable. */
export interface CatalogGrants {
  /** On the catalog (e.g. analysts `USE_CATALOG`, `USE_SCHEMA`, `SELECT`). @default - none */
  readonly catalog?: readonly PrivilegeGrant<CatalogPrivilege>[];
  /** On schemas of the catalog, by schema name (each must be in `schemas`). @default - none */
  readonly schemas?: Readonly<Record<string, readonly PrivilegeGrant<SchemaPrivilege>[]>>;
  /** On the catalog's external location (raw files: `READ_FILES`, `WRITE_FILES`). @default - none */
  readonly externalLocation?: readonly PrivilegeGrant<ExternalLocationPrivilege>[];
}

/**
 * Props of {@link WorkspaceCatalog}: the environment's `unityCatalog` section. The bucket's default name, the role
 * names (`<prefix>-catalog`), the region, partition and AWS account come from the `DeploymentContext`; the AWS
 * provider and the workspace-level provider too.
 */
export interface WorkspaceCatalogProps {
  /**
   * The catalog's name: lowercase letters, digits and underscores, starting with a letter, at most 255 (Databricks
   * stores names lowercase, and a hyphen would need backquotes in every query). Not `system`, `samples`,
   * `hive_metastore` (Databricks' own).
   */
  readonly catalogName: string;
  /** The catalog's bucket (created here, hardened). @default `<prefix>-<awsAccountId>-catalog` */
  readonly bucketName?: string;
  /**
   * Put the catalog on Databricks' default storage instead: no bucket, key, role, storage credential or external
   * location; the catalog gets no storage root. Serverless workspaces only, and only serverless compute reads it
   * (https://docs.databricks.com/aws/en/storage/express-storage; Preview). Decide it before the first deploy:
   * `storage_root` is ForceNew (provider 1.99 catalog/resource_catalog.go), so switching an existing catalog replaces
   * it, and with it its tables (refused by `prevent_destroy` while data is protected).
   * @default false
   */
  readonly defaultStorage?: boolean;
  /** Schemas created in the catalog (`raw` is where the Kinesis → Delta job writes). @default ["raw"] */
  readonly schemas?: readonly string[];
  /** Privileges of groups on the catalog, its schemas and its external location. @default - none (owner only) */
  readonly grants?: CatalogGrants;
  /**
   * Encrypt the bucket with its own customer-managed KMS key (rotation on) instead of SSE-S3. The stacks turn it on
   * when the environment uses customer-managed keys.
   * @default false
   */
  readonly customerManagedKey?: boolean;
  /** Principals with full control of the bucket's key. @default - the AWS account root (IAM policies decide) */
  readonly keyAdminArns?: readonly string[];
  /**
   * Application id of a service principal that gets what a pipeline needs: `USE_CATALOG`, and on every schema
   * `USE_SCHEMA`, `CREATE_TABLE`, `MODIFY`, `SELECT`, `READ_VOLUME`, `WRITE_VOLUME`, `CREATE_VOLUME`
   * (may be a token).
   * @default - none
   */
  readonly servicePrincipalApplicationId?: string;
  /**
   * prevent_destroy on the bucket, the key, the catalog, its schemas and the external location; and no `force_destroy` on them.
   * @default - the context's `protectData`
   */
  readonly preventDestroy?: boolean;
}

/** Suffix of the Unity Catalog role's name: `<prefix>-catalog`; its inline policy adds `-policy`. */
export const CATALOG_ROLE_SUFFIX = "-catalog";
/** Default bucket name: `<prefix>-<awsAccountId>-catalog`. */
export function defaultCatalogBucketName(ctx: { resourcePrefix: string; awsAccountId: string }): string {
  return `${ctx.resourcePrefix}-${ctx.awsAccountId}-catalog`;
}
/** Names Databricks reserves for its own catalogs. */
export const RESERVED_CATALOG_NAMES: readonly string[] = ["system", "samples", "hive_metastore", "information_schema"];
/** Catalog and schema names this project accepts (a subset of what Databricks allows, so no query needs backquotes). */
export const UC_NAME_PATTERN = /^[a-z][a-z0-9_]{0,254}$/;

/**
 * System schemas the readers of `systemTables` may be granted (docs.databricks.com/aws/en/admin/system-tables/);
 * `billing` is always granted. Databricks enables the schemas itself: nothing here declares them.
 */
export const SYSTEM_SCHEMAS = ["access", "compute", "lakeflow", "marketplace", "query", "serving", "storage"] as const;
export type SystemSchemaName = (typeof SYSTEM_SCHEMAS)[number];
export const DEFAULT_SYSTEM_SCHEMAS: readonly SystemSchemaName[] = ["access", "compute", "lakeflow", "query", "storage"];
