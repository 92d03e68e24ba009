import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import type { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { MwsCredentials } from "@cdktf/provider-databricks/lib/mws-credentials";
import { MwsLogDelivery } from "@cdktf/provider-databricks/lib/mws-log-delivery";
import { MwsStorageConfigurations } from "@cdktf/provider-databricks/lib/mws-storage-configurations";
import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Sleep } from "@cdktf/provider-time/lib/sleep";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { Partition, partitionOf } from "../core/constants";
import { awsAccountIdProblems, databricksAccountIdProblems, regionProblems } from "../core/ids";
import { ROLE_NAME_MAX_LENGTH, ROLE_NAME_PATTERN } from "../core/iam-names";
import { policyDocument, PolicyDocument, PolicyStatement, renderPolicy } from "../core/policy";
import { Problem, throwIfProblems } from "../core/problems";
import { bucketNameProblems } from "../core/bucket-name";
import { createHardenedBucket } from "../core/hardened-bucket";

/**
 * Account-level delivery of billable usage and audit logs to S3 (reference §C.9, §D.1): a dedicated hardened log
 * bucket, the IAM role Databricks' log-delivery service assumes to write into it, their Account API registrations
 * (`databricks_mws_credentials`, `databricks_mws_storage_configurations`) and one `databricks_mws_log_delivery`
 * per configuration. Policies are rendered in TypeScript (no data sources), like the rest of the project.
 */

// ---------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------

/**
 * The role Databricks' log-delivery service runs as, per partition: the trust principal of the log-delivery role
 * (what `data.databricks_aws_assume_role_policy { for_log_delivery = true }` puts in the trust policy).
 * Source: reference §C.1 (`databricks/terraform-provider-databricks:aws/constants.go`, `logDeliveryIamArn`).
 * GovCloud DoD (`arn:aws-us-gov:iam::170661010020:role/SaasUsageDeliveryRole-prod-aws-gov-dod-IAMRole-1DMEHBYR8VC5P`)
 * is not offered by this project (see `PARTITIONS`).
 */
export const LOG_DELIVERY_PRINCIPAL_ARNS: Readonly<Record<Partition, string>> = {
  aws: "arn:aws:iam::414351767826:role/SaasUsageDeliveryRole-prod-IAMRole-3PLHICCRR1TK",
  "aws-us-gov": "arn:aws-us-gov:iam::044793339203:role/SaasUsageDeliveryRole-prod-aws-gov-IAMRole-L4QM0RCHYQ1G",
};

/** The two log types the Account API delivers. */
export type LogType = "BILLABLE_USAGE" | "AUDIT_LOGS";
export const LOG_TYPES: readonly LogType[] = ["BILLABLE_USAGE", "AUDIT_LOGS"];
/** The only output format the API accepts per log type (provider doc `mws_log_delivery.md`, `output_format`). */
export const LOG_OUTPUT_FORMATS: Readonly<Record<LogType, "CSV" | "JSON">> = { BILLABLE_USAGE: "CSV", AUDIT_LOGS: "JSON" };
/** Default `delivery_path_prefix` per log type (the provider doc's and the SRA's). */
export const DEFAULT_DELIVERY_PATH_PREFIXES: Readonly<Record<LogType, string>> = {
  BILLABLE_USAGE: "billable-usage",
  AUDIT_LOGS: "audit-logs",
};

export type LogDeliveryStatus = "ENABLED" | "DISABLED";
export const LOG_DELIVERY_STATUSES: readonly LogDeliveryStatus[] = ["ENABLED", "DISABLED"];

/** Enabled account-level configurations (no workspace filter) Databricks allows per log type; also per workspace and log type (reference §C.9). */
export const MAX_ENABLED_CONFIGS_PER_LOG_TYPE = 2;
/** The provider validates `config_name` with `StringLenBetween(0, 255)` (`mws/resource_mws_log_delivery.go`). */
export const CONFIG_NAME_MAX_LENGTH = 255;
/** Our cap on `delivery_path_prefix`: S3 keys are at most 1024 bytes and Databricks appends its own path to the prefix. */
export const DELIVERY_PATH_PREFIX_MAX_LENGTH = 512;
/** Billable usage is not available before March 2019 (Account API `delivery_start_time`). */
export const EARLIEST_DELIVERY_START = "2019-03";

/** Suffix of the role name: `<prefix>-log-delivery`; its inline policy is `<prefix>-log-delivery-policy`. */
export const LOG_DELIVERY_ROLE_SUFFIX = "-log-delivery";
/** Wait between the role (with its policy) and its registration, as the SRA's `time_sleep.wait` (reference §C.9). */
export const LOG_DELIVERY_ROLE_WAIT = "10s";

/**
 * What the log-delivery role may do, split by S3 resource type (a bucket policy statement whose actions apply to
 * none of its resources is rejected as malformed).
 *
 * Chosen: the union of Databricks' "Configure credentials for log delivery" role policy (GetBucketLocation on the
 * bucket; PutObject, GetObject, DeleteObject, PutObjectAcl, AbortMultipartUpload on the objects; ListBucket,
 * ListMultipartUploadParts, ListBucketMultipartUploads) and its cross-account bucket-policy template (the same
 * set) — not the provider's `databricks_aws_bucket_policy { full_access_role }` that the SRA and the provider
 * example use (GetObject, GetObjectVersion, PutObject, DeleteObject, ListBucket, GetBucketLocation): that one is
 * the root-bucket policy with another principal; it lacks the multipart actions and PutObjectAcl, and grants
 * GetObjectVersion, which delivery never needs.
 *
 * PutObjectAcl: Databricks writes logs with the `bucket-owner-full-control` canned ACL. The log bucket keeps the
 * project's `BucketOwnerEnforced` ownership (ACLs disabled): S3 still accepts PUTs that carry exactly that ACL, so
 * delivery works, and every delivered object belongs to this account (what Databricks' advice to use "Bucket owner
 * preferred" is for, without ACLs ever granting anything). The permission is kept because the Databricks policy
 * lists it for that ACL header; with ACLs disabled it cannot grant anyone access.
 *
 * Scope: the whole (dedicated) bucket rather than Databricks' per-prefix resources with an `s3:prefix` condition:
 * several configurations share the bucket, and `ListBucketMultipartUploads` has no `s3:prefix` key to scope it by.
 */
export const LOG_DELIVERY_BUCKET_ACTIONS: readonly string[] = [
  "s3:GetBucketLocation",
  "s3:ListBucket",
  "s3:ListBucketMultipartUploads",
];
export const LOG_DELIVERY_OBJECT_ACTIONS: readonly string[] = [
  "s3:PutObject",
  "s3:GetObject",
  "s3:DeleteObject",
  "s3:PutObjectAcl",
  "s3:AbortMultipartUpload",
  "s3:ListMultipartUploadParts",
];

// ---------------------------------------------------------------------------------------------------------
// Props
// ---------------------------------------------------------------------------------------------------------

/** One `databricks_mws_log_delivery`. Only `status` can change later: any other change replaces it (see {@link LogDelivery}). */
export interface LogDeliveryConfigProps {
  /**
   * `config_name`, unique among the configurations: 1 to 255 characters, no `/`, no control characters, no
   * leading or trailing spaces. Also names the Terraform resource, so renaming one replaces it.
   */
  readonly name: string;
  /** Output format follows: BILLABLE_USAGE → CSV, AUDIT_LOGS → JSON. */
  readonly logType: LogType;
  /**
   * Key prefix in the bucket: a valid S3 key without leading or trailing `/`.
   * @default "billable-usage" / "audit-logs"
   */
  readonly deliveryPathPrefix?: string;
  /**
   * Only these workspace ids (positive integers). An account-level configuration (no filter) also delivers
   * account-level audit events (Unity Catalog, Delta Sharing, …) and covers workspaces created later.
   * @default - all workspaces of the account
   */
  readonly workspaceIdsFilter?: readonly number[];
  /** "ENABLED" | "DISABLED". A config cannot be deleted, only disabled. @default "ENABLED" */
  readonly status?: LogDeliveryStatus;
  /**
   * YYYY-MM, when delivery starts (not before the account's first data, not before 2019-03). BILLABLE_USAGE only.
   * @default - Databricks' default (the current month)
   */
  readonly deliveryStartTime?: string;
}

/** {@link LogDeliveryProps} without the provider: what the environment config validation checks. */
export interface LogDeliverySettings {
  /** Prefix of the names: role `<prefix>-log-delivery`, registrations `<prefix>-log-delivery-…`, default configs `<prefix>-billable-usage` / `<prefix>-audit-logs`. */
  readonly namePrefix: string;
  /** Literal AWS region: picks the partition (the log-delivery principal and the ARNs). */
  readonly region: string;
  /** The customer's AWS account id (12 digits; may be a token): the role may only touch the log bucket in this account. */
  readonly awsAccountId: string;
  /** The Databricks account id (lowercase UUID; may be a token): the trust policy's `sts:ExternalId` and the configs' `account_id`. */
  readonly databricksAccountId: string;
  /** Name of the dedicated, hardened log bucket (S3 naming rules, no dots). */
  readonly bucketName: string;
  /** @default one enabled BILLABLE_USAGE and one enabled AUDIT_LOGS config, account-level, default prefixes */
  readonly configs?: readonly LogDeliveryConfigProps[];
  /** Days before delivered logs (and overwritten versions of them) expire. @default - kept forever */
  readonly retentionDays?: number;
}

/** Props of {@link LogDelivery}: its settings and the account-level provider. */
export interface LogDeliveryProps extends LogDeliverySettings {
  /** The account-level provider (see `databricksAccountProvider`). */
  readonly accountProvider: DatabricksProvider;
}

// ---------------------------------------------------------------------------------------------------------
// Policies (pure)
// ---------------------------------------------------------------------------------------------------------

/** The log-delivery principal of the region's partition (§C.1). */
export function logDeliveryPrincipalArn(region: string): string {
  return LOG_DELIVERY_PRINCIPAL_ARNS[partitionOf(region).name];
}

/**
 * Trust policy of the log-delivery role: what `data.databricks_aws_assume_role_policy { external_id, for_log_delivery
 * = true }` renders (§C.2: the principal is the log-delivery role, not Databricks' account root).
 */
export function logDeliveryTrustPolicy({ region, databricksAccountId }: { region: string; databricksAccountId: string }): PolicyDocument {
  return policyDocument({
    Effect: "Allow",
    Principal: { AWS: logDeliveryPrincipalArn(region) },
    Action: ["sts:AssumeRole"],
    Condition: { StringEquals: { "sts:ExternalId": databricksAccountId } },
  });
}

/**
 * Inline policy of the log-delivery role: {@link LOG_DELIVERY_BUCKET_ACTIONS} on the bucket and
 * {@link LOG_DELIVERY_OBJECT_ACTIONS} on its objects, only while the bucket belongs to `awsAccountId` (bucket names
 * are global: should the bucket ever be deleted and its name taken by another account, logs are not written there).
 */
export function logDeliveryRolePolicy({ region, bucketName, awsAccountId }: { region: string; bucketName: string; awsAccountId: string }): PolicyDocument {
  const bucketArn = `arn:${partitionOf(region).name}:s3:::${bucketName}`;
  const condition = { StringEquals: { "aws:ResourceAccount": awsAccountId } };
  return policyDocument(
    { Sid: "LogBucket", Effect: "Allow", Action: LOG_DELIVERY_BUCKET_ACTIONS, Resource: bucketArn, Condition: condition },
    { Sid: "LogObjects", Effect: "Allow", Action: LOG_DELIVERY_OBJECT_ACTIONS, Resource: `${bucketArn}/*`, Condition: condition },
  );
}

/** Bucket-policy grants to the log-delivery role (the hardened bucket adds the TLS-only deny after them). */
export function logDeliveryBucketGrants(bucketArn: string, roleArn: string): PolicyStatement[] {
  return [
    { Sid: "LogDeliveryRoleBucket", Effect: "Allow", Principal: { AWS: roleArn }, Action: LOG_DELIVERY_BUCKET_ACTIONS, Resource: bucketArn },
    { Sid: "LogDeliveryRoleObjects", Effect: "Allow", Principal: { AWS: roleArn }, Action: LOG_DELIVERY_OBJECT_ACTIONS, Resource: `${bucketArn}/*` },
  ];
}

/** The configurations a {@link LogDelivery} creates when `configs` is not given. */
export function defaultLogDeliveryConfigs(namePrefix: string): LogDeliveryConfigProps[] {
  return [
    { name: `${namePrefix}-billable-usage`, logType: "BILLABLE_USAGE" },
    { name: `${namePrefix}-audit-logs`, logType: "AUDIT_LOGS" },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Construct
// ---------------------------------------------------------------------------------------------------------

/**
 * Billable usage (CSV) and audit log (JSON) delivery for a whole Databricks account (reference §C.9). Create it
 * once per Databricks account, not per workspace or per environment: enabled configurations count against an
 * account-wide limit of two account-level ones per log type, and configurations made elsewhere (the console,
 * another stack) count too — two stacks with the default configs already use it up.
 *
 * Order: role + inline policy → 10 s wait → credentials; bucket + policy → storage configuration; both → deliveries.
 *
 * Configurations cannot be deleted, only disabled. Every argument but `status` forces replacement, and the
 * provider's "delete" only PATCHes the configuration to DISABLED and forgets it: a replacement would leave a
 * disabled orphan behind in the account on every change, and a destroy would silently stop delivery. So each
 * delivery has `prevent_destroy`: plans that would replace or destroy one fail. To retire a configuration set its
 * `status` to "DISABLED" and keep it in `configs` (removing it from `configs` removes the `prevent_destroy` with
 * it, and the provider then disables it; `terraform state rm` forgets it without touching it).
 *
 * Construct ids below are part of the Terraform state contract: renaming one replaces the resource.
 */
export class LogDelivery extends Construct {
  /** The dedicated log bucket (public access blocked, ACLs disabled, encrypted, versioned, TLS only). */
  public readonly bucket: S3Bucket;
  /** The bucket's name, as a reference to the bucket. */
  public readonly bucketName: string;
  /** The bucket policy (log-delivery role grants + TLS-only deny). */
  public readonly bucketPolicy: S3BucketPolicy;
  /** The bucket policy as data (what {@link bucketPolicy} holds, before rendering). */
  public readonly bucketPolicyDocument: PolicyDocument;
  /** Expiration of delivered logs; only with `retentionDays`. */
  public readonly lifecycle?: S3BucketLifecycleConfiguration;
  /** The role Databricks' log-delivery service assumes. */
  public readonly role: IamRole;
  /** The role's ARN (a reference to the role). */
  public readonly roleArn: string;
  /** The role's inline policy (`aws_iam_role_policy`). */
  public readonly rolePolicy: IamRolePolicy;
  /** The trust policy as data (what {@link role} holds, before rendering). */
  public readonly trustPolicyDocument: PolicyDocument;
  /** The inline policy as data (what {@link rolePolicy} holds, before rendering). */
  public readonly rolePolicyDocument: PolicyDocument;
  /** The wait between the role and its registration. */
  public readonly roleWait: Sleep;
  /** The role's registration (`databricks_mws_credentials`). */
  public readonly credentials: MwsCredentials;
  /** The bucket's registration (`databricks_mws_storage_configurations`). */
  public readonly storageConfiguration: MwsStorageConfigurations;
  /** One per configuration, in the order of `configs`. */
  public readonly deliveries: MwsLogDelivery[];

  constructor(scope: Construct, id: string, props: LogDeliveryProps) {
    super(scope, id);
    throwIfProblems(`LogDelivery ${this.node.path}`, logDeliveryProblems(props));
    const provider = props.accountProvider;
    const accountId = props.databricksAccountId;
    const name = `${props.namePrefix}${LOG_DELIVERY_ROLE_SUFFIX}`;

    this.trustPolicyDocument = logDeliveryTrustPolicy(props);
    this.role = new IamRole(this, "role", {
      name,
      description: "Databricks billable usage and audit log delivery",
      assumeRolePolicy: renderPolicy(this.trustPolicyDocument),
    });
    this.roleArn = this.role.arn;
    this.rolePolicyDocument = logDeliveryRolePolicy(props);
    this.rolePolicy = new IamRolePolicy(this, "role-policy", {
      name: `${name}-policy`,
      role: this.role.id,
      policy: renderPolicy(this.rolePolicyDocument),
    });

    // The grant names the role by reference: S3 rejects a policy whose principal does not exist yet, and the
    // reference orders the bucket policy after the role.
    const bucket = createHardenedBucket(this, {
      bucketName: props.bucketName,
      region: props.region,
      grants: (bucketArn) => logDeliveryBucketGrants(bucketArn, this.role.arn),
    });
    this.bucket = bucket.bucket;
    this.bucketName = this.bucket.bucket;
    this.bucketPolicy = bucket.policy;
    this.bucketPolicyDocument = bucket.policyDocument;
    if (props.retentionDays !== undefined) {
      this.lifecycle = new S3BucketLifecycleConfiguration(this, "lifecycle", {
        bucket: this.bucket.id,
        rule: [{
          id: "expire-delivered-logs", status: "Enabled", filter: [{}],
          expiration: [{ days: props.retentionDays }],
          // Delivery overwrites files (billable usage: each month's CSV daily); versioning keeps the old ones.
          noncurrentVersionExpiration: [{ noncurrentDays: props.retentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        }],
        dependsOn: [bucket.versioning],
      });
    }

    // IAM is eventually consistent and Databricks checks the role when it is registered: wait once the policy
    // exists (as the SRA's 10 s time_sleep before databricks_mws_credentials); re-waits when the role changes.
    this.roleWait = new Sleep(this, "role-propagation", {
      createDuration: LOG_DELIVERY_ROLE_WAIT,
      triggers: { role_arn: this.role.arn },
      dependsOn: [this.rolePolicy],
    });
    this.credentials = new MwsCredentials(this, "credentials", {
      provider, credentialsName: `${name}-credentials`, roleArn: this.role.arn, dependsOn: [this.roleWait],
    });
    this.storageConfiguration = new MwsStorageConfigurations(this, "storage", {
      provider, accountId, storageConfigurationName: `${name}-storage`, bucketName: this.bucket.bucket,
      dependsOn: [bucket.policy],
    });

    this.deliveries = (props.configs ?? defaultLogDeliveryConfigs(props.namePrefix)).map((config) =>
      new MwsLogDelivery(this, `delivery-${config.name}`, {
        provider,
        accountId,
        credentialsId: this.credentials.credentialsId,
        storageConfigurationId: this.storageConfiguration.storageConfigurationId,
        logType: config.logType,
        outputFormat: LOG_OUTPUT_FORMATS[config.logType],
        configName: config.name,
        deliveryPathPrefix: config.deliveryPathPrefix ?? DEFAULT_DELIVERY_PATH_PREFIXES[config.logType],
        status: config.status ?? "ENABLED",
        workspaceIdsFilter: config.workspaceIdsFilter ? [...config.workspaceIdsFilter] : undefined,
        deliveryStartTime: config.deliveryStartTime,
        // A configuration cannot be deleted, only disabled (the provider's delete disables it and forgets it):
        // a destroy or a replacement would leave a disabled orphan. Retire one with status = "DISABLED" instead.
        lifecycle: { preventDestroy: true },
      }));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Validation (pure)
// ---------------------------------------------------------------------------------------------------------

/** S3 "safe" key characters (Amazon S3 User Guide, "Object key naming guidelines"), in `/`-separated segments. */
const PATH_SEGMENT = "[A-Za-z0-9!_.*'()-]+";
const DELIVERY_PATH_PREFIX = new RegExp(`^${PATH_SEGMENT}(/${PATH_SEGMENT})*$`);
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const CONTROL_CHAR = /[\u0000-\u001f\u007f]/;

/**
 * Every problem with the props of a {@link LogDelivery}; format checks skip Terraform tokens. Only the given
 * configurations are counted against Databricks' limits: configurations made elsewhere in the account count too.
 */
export function logDeliveryProblems(props: LogDeliverySettings): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const literal = (value: string) => !Token.isUnresolved(value);

  if (literal(props.namePrefix)) {
    const roleName = `${props.namePrefix}${LOG_DELIVERY_ROLE_SUFFIX}`;
    if (props.namePrefix.length === 0) add("namePrefix", props.namePrefix, "must not be empty");
    else if (!ROLE_NAME_PATTERN.test(props.namePrefix)) {
      add("namePrefix", props.namePrefix, "may contain only letters, digits and _ + = , . @ - (IAM role names match [\\w+=,.@-]+)");
    }
    if (roleName.length > ROLE_NAME_MAX_LENGTH) {
      add("namePrefix", props.namePrefix, `makes the role name ${roleName.length} characters long; IAM allows ${ROLE_NAME_MAX_LENGTH}, ` +
        `so the prefix may have at most ${ROLE_NAME_MAX_LENGTH - LOG_DELIVERY_ROLE_SUFFIX.length}`);
    }
  }
  problems.push(...regionProblems(props.region, "the partition of the log-delivery principal and the ARNs"));
  problems.push(...awsAccountIdProblems(props.awsAccountId));
  problems.push(...databricksAccountIdProblems(props.databricksAccountId, "the trust policy matches the sts:ExternalId exactly"));
  if (literal(props.bucketName)) problems.push(...bucketNameProblems(props.bucketName, "bucketName"));

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
    add("configs", [], "must list at least one configuration; omit it for one BILLABLE_USAGE and one AUDIT_LOGS configuration");
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
        add(`${at}.deliveryPathPrefix`, prefix, "must be an S3 key prefix: segments of letters, digits and ! _ . * ' ( ) - " +
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
 * Databricks' limits on enabled configurations (reference §C.9, provider doc `mws_log_delivery.md`, clarified in
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
          `Databricks allows ${max} enabled account-level delivery configurations per log type (reference §C.9): ` +
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
          `Databricks allows ${max} enabled configurations per workspace and log type (reference §C.9)`,
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
