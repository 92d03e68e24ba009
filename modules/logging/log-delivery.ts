import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import type { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { MwsCredentials } from "@cdktf/provider-databricks/lib/mws-credentials";
import { MwsLogDelivery } from "@cdktf/provider-databricks/lib/mws-log-delivery";
import { MwsStorageConfigurations } from "@cdktf/provider-databricks/lib/mws-storage-configurations";
import { Sleep } from "@cdktf/provider-time/lib/sleep";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { createHardenedBucket } from "../core/hardened-bucket";
import { PolicyDocument, renderPolicy } from "../core/policy";
import { throwIfProblems } from "../core/problems";
import { generationName, registrationLifecycle } from "../workspace/registration";
import { logDeliveryBucketGrants, logDeliveryRolePolicy, logDeliveryTrustPolicy } from "./policies";
import {
  DEFAULT_DELIVERY_PATH_PREFIXES, defaultLogDeliveryConfigs, deliveryPathPrefixes, LOG_DELIVERY_ROLE_SUFFIX, LOG_DELIVERY_ROLE_WAIT,
  LOG_OUTPUT_FORMATS, LogDeliveryProps,
} from "./props";
import { logDeliveryProblems } from "./validation";

/**
 * Billable usage (CSV) and audit log (JSON) delivery for a whole Databricks account (databricks/terraform-provider-databricks:docs/resources/mws_log_delivery.md; https://docs.databricks.com/aws/en/admin/account-settings/audit-log-delivery). Create it
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
 * it, and the provider then disables it; `terraform state rm` forgets it without touching it). The log bucket has
 * `prevent_destroy` too, unless `preventDestroy` is false: it must outlive the configurations that write to it.
 *
 * Names, region, account ids and the account-level provider come from the `DeploymentContext`.
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
    const context = DeploymentContext.of(this);
    throwIfProblems(`LogDelivery ${this.node.path}`, logDeliveryProblems(props));
    const provider = context.accountProvider(this);
    const accountId = context.databricksAccountId;
    const name = `${context.resourcePrefix}${LOG_DELIVERY_ROLE_SUFFIX}`;
    const configs = props.configs ?? defaultLogDeliveryConfigs(context.resourcePrefix);
    // Role and bucket policy grant object access under these prefixes only (Databricks' log-delivery policies).
    const prefixes = deliveryPathPrefixes(configs);

    this.trustPolicyDocument = logDeliveryTrustPolicy(context);
    this.role = new IamRole(this, "role", {
      name,
      description: "Databricks billable usage and audit log delivery",
      assumeRolePolicy: renderPolicy(this.trustPolicyDocument),
    });
    this.roleArn = this.role.arn;
    this.rolePolicyDocument = logDeliveryRolePolicy({
      region: context.region, bucketName: props.bucketName, awsAccountId: context.awsAccountId, prefixes,
    });
    this.rolePolicy = new IamRolePolicy(this, "role-policy", {
      name: `${name}-policy`,
      role: this.role.id,
      policy: renderPolicy(this.rolePolicyDocument),
    });

    // The grant names the role by reference: S3 rejects a policy whose principal does not exist yet, and the
    // reference orders the bucket policy after the role.
    const bucket = createHardenedBucket(this, {
      bucketName: props.bucketName,
      region: context.region,
      grants: (bucketArn) => logDeliveryBucketGrants(bucketArn, this.role.arn, prefixes),
    });
    this.bucket = bucket.bucket;
    // The configurations outlive any destroy (see LogDeliveryProps.preventDestroy): so must their bucket.
    if (props.preventDestroy ?? true) this.bucket.lifecycle = { ...this.bucket.lifecycle, preventDestroy: true };
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
    // Registrations: created before the old generation goes, named after their key (../workspace/registration.ts).
    // The deliveries below can't switch to a new one (every argument ForceNew, prevent_destroy), so a new role or
    // bucket stops at plan (retiring a configuration: see above). They stay prevent_destroy, not create-before-destroy:
    // a replacement would need a third enabled configuration of a type (the limit is two) and leave a disabled orphan.
    this.credentials = new MwsCredentials(this, "credentials", {
      provider, credentialsName: generationName(`${name}-credentials`, [this.role.arn]), roleArn: this.role.arn,
      dependsOn: [this.roleWait], lifecycle: registrationLifecycle("credentials_name"),
    });
    this.storageConfiguration = new MwsStorageConfigurations(this, "storage", {
      provider, accountId, storageConfigurationName: generationName(`${name}-storage`, [this.bucket.bucket]),
      bucketName: this.bucket.bucket, dependsOn: [bucket.policy], lifecycle: registrationLifecycle("storage_configuration_name"),
    });

    this.deliveries = configs.map((config) =>
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
