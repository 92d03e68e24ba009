import { TerraformResource, Token } from "cdktf";
import { IConstruct } from "constructs";
import { DeploymentContext } from "./context";

/**
 * Where a resource name must be unique: `global` (S3 bucket names are unique across all AWS accounts), per AWS account
 * (IAM names), per AWS account and region (KMS aliases, log groups, topics, trails, streams, alarms), per Databricks
 * account (the Account API's registrations, account groups), per Databricks cloud (workspace deployment names, part
 * of the URL), or per Unity Catalog metastore (catalogs, credentials, external locations): one metastore per region of
 * a Databricks account, which every environment of that account in the region is assigned.
 */
export type NameScope = "global" | "aws-account" | "aws-region" | "databricks-account" | "metastore";

/** A resource type whose name field must be unique within a scope. */
export interface UniqueNameField {
  /** Terraform resource type, e.g. `aws_s3_bucket`. */
  readonly type: string;
  /** Terraform argument holding the name, e.g. `bucket`. */
  readonly field: string;
  /** What the name is, for messages: `S3 bucket name`. */
  readonly what: string;
  readonly scope: NameScope;
}

/**
 * The names this project's stacks set that a second create would collide on (the API refuses it, or, for bucket
 * policies and the like, two stacks silently overwrite each other's settings).
 */
export const UNIQUE_NAME_FIELDS: readonly UniqueNameField[] = [
  { type: "aws_s3_bucket", field: "bucket", what: "S3 bucket name", scope: "global" },
  { type: "aws_iam_role", field: "name", what: "IAM role name", scope: "aws-account" },
  { type: "aws_iam_instance_profile", field: "name", what: "IAM instance profile name", scope: "aws-account" },
  { type: "aws_iam_policy", field: "name", what: "IAM policy name", scope: "aws-account" },
  { type: "aws_kms_alias", field: "name", what: "KMS alias", scope: "aws-region" },
  { type: "aws_cloudwatch_log_group", field: "name", what: "CloudWatch log group name", scope: "aws-region" },
  { type: "aws_cloudwatch_metric_alarm", field: "alarm_name", what: "CloudWatch alarm name", scope: "aws-region" },
  { type: "aws_sns_topic", field: "name", what: "SNS topic name", scope: "aws-region" },
  { type: "aws_cloudtrail", field: "name", what: "CloudTrail trail name", scope: "aws-region" },
  { type: "aws_kinesis_stream", field: "name", what: "Kinesis stream name", scope: "aws-region" },
  { type: "databricks_mws_credentials", field: "credentials_name", what: "Databricks credential configuration name", scope: "databricks-account" },
  { type: "databricks_mws_storage_configurations", field: "storage_configuration_name", what: "Databricks storage configuration name", scope: "databricks-account" },
  { type: "databricks_mws_networks", field: "network_name", what: "Databricks network configuration name", scope: "databricks-account" },
  { type: "databricks_mws_private_access_settings", field: "private_access_settings_name", what: "Databricks private access settings name", scope: "databricks-account" },
  { type: "databricks_mws_vpc_endpoint", field: "vpc_endpoint_name", what: "Databricks VPC endpoint registration name", scope: "databricks-account" },
  { type: "databricks_mws_log_delivery", field: "config_name", what: "Databricks log delivery configuration name", scope: "databricks-account" },
  { type: "databricks_budget", field: "display_name", what: "Databricks budget name", scope: "databricks-account" },
  { type: "databricks_budget_policy", field: "policy_name", what: "Databricks budget policy name", scope: "databricks-account" },
  { type: "databricks_mws_workspaces", field: "deployment_name", what: "Databricks workspace deployment name", scope: "global" },
  // Account-level objects an environment creates. Group names are unique in the account (SCIM displayName,
  // https://docs.databricks.com/api/scim/v1/patch-account-group); the network policy id is its identifier; NCC names
  // identify the NCC in the account console. Service principal display names are not enforced unique, but two alike
  // cannot be told apart (data "databricks_service_principal" fails with "there are 2 Service Principals with name",
  // provider v1.99.0 scim/data_service_principal.go).
  { type: "databricks_group", field: "display_name", what: "Databricks account group name", scope: "databricks-account" },
  { type: "databricks_service_principal", field: "display_name", what: "Databricks service principal name", scope: "databricks-account" },
  { type: "databricks_account_network_policy", field: "network_policy_id", what: "Databricks network policy id", scope: "databricks-account" },
  { type: "databricks_mws_network_connectivity_config", field: "name", what: "Databricks network connectivity configuration name", scope: "databricks-account" },
  // Metastore-wide names: "The name must be unique among storage and service credentials within the metastore"
  // (https://docs.databricks.com/gcp/dev-tools/cli/reference/storage-credentials-commands), so both credential types
  // share one `what`; catalogs and external locations are securables named once per metastore.
  { type: "databricks_catalog", field: "name", what: "Unity Catalog catalog name", scope: "metastore" },
  { type: "databricks_storage_credential", field: "name", what: "Unity Catalog credential name", scope: "metastore" },
  { type: "databricks_credential", field: "name", what: "Unity Catalog credential name", scope: "metastore" },
  { type: "databricks_external_location", field: "name", what: "Unity Catalog external location name", scope: "metastore" },
];

/** One resource that sets a name another resource of the app sets too. */
export interface NamedResource {
  readonly resource: TerraformResource;
  /** The resource's construct path, e.g. `prod-workspace/storage/root-bucket/bucket`. */
  readonly path: string;
}

/** Two or more resources of the app with the same name in the same scope. */
export interface NameCollision {
  readonly field: UniqueNameField;
  /** The duplicated name. */
  readonly value: string;
  /** Where it must be unique, e.g. `AWS account 111111111111`, or `globally`. */
  readonly scope: string;
  /** Every resource that sets it, in construct order. */
  readonly resources: readonly NamedResource[];
}

/** `credentials_name` → `credentialsNameInput`: the cdktf bindings' getter of the value given to the resource. */
function inputGetter(field: string): string {
  return `${field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())}Input`;
}

function scopeKey(scope: NameScope, node: IConstruct): string | undefined {
  if (scope === "global") return "globally";
  const ctx = DeploymentContext.of(node);
  const account = scope === "databricks-account" || scope === "metastore" ? ctx.databricksAccountId : ctx.awsAccountId;
  if (Token.isUnresolved(account)) return undefined;
  if (scope === "databricks-account") return `Databricks account ${account}`;
  if (scope === "metastore") return `the metastore of Databricks account ${account} in ${ctx.region}`;
  return scope === "aws-region" ? `AWS account ${account}, ${ctx.region}` : `AWS account ${account}`;
}

/**
 * Every name UNIQUE_NAME_FIELDS lists that two resources under `root` (an app, before synthesis) set alike in the
 * same scope. Names that are tokens (resolved at apply time) are skipped.
 */
export function nameCollisions(root: IConstruct, fields: readonly UniqueNameField[] = UNIQUE_NAME_FIELDS): NameCollision[] {
  const byType = new Map(fields.map((f) => [f.type, f]));
  const seen = new Map<string, { field: UniqueNameField; value: string; scope: string; resources: NamedResource[] }>();
  for (const node of root.node.findAll()) {
    if (!TerraformResource.isTerraformResource(node)) continue;
    const field = byType.get(node.terraformResourceType);
    if (!field) continue;
    const value = (node as unknown as Record<string, unknown>)[inputGetter(field.field)];
    if (typeof value !== "string" || Token.isUnresolved(value)) continue;
    const scope = scopeKey(field.scope, node);
    if (scope === undefined) continue;
    const key = `${field.what}\0${scope}\0${value}`;
    const entry = seen.get(key) ?? { field, value, scope, resources: [] };
    entry.resources.push({ resource: node, path: node.node.path });
    seen.set(key, entry);
  }
  return [...seen.values()].filter((e) => e.resources.length > 1);
}
