import { partitionOf } from "../core/constants";
import { accountRoot, Condition, policyDocument, PolicyDocument, PolicyStatement } from "../core/policy";

/**
 * Key policies of the workspace's customer-managed KMS keys, as pure functions (no cdktf, no data sources).
 * Sources: `databricks/terraform-provider-databricks:docs/resources/mws_customer_managed_keys.md` (PRV) and
 * `databricks/terraform-databricks-sra:aws/tf/cmk.tf` (SRA).
 *
 * Shape: PRV's statements with the SRA's hardening — every statement whose principal is Databricks' AWS account
 * holds `StringEquals aws:PrincipalTag/DatabricksAccountId = [<account id>]`, so Databricks can use the key only
 * on behalf of this Databricks account, not for any other Databricks customer.
 *
 * In a key policy `Resource: "*"` means "this key": a key policy is attached to exactly one key.
 * Inputs may hold Terraform tokens (account ids, role ARNs); they resolve inside the JSON.
 */

/** Statement 1 of both policies: full control for the key administrators. */
export const KEY_ADMIN_ACTIONS: readonly string[] = ["kms:*"];

/** Managed services key (§C.7): Databricks' control plane encrypts and decrypts notebooks, secrets, queries. */
export const MANAGED_SERVICES_DATABRICKS_ACTIONS: readonly string[] = ["kms:Encrypt", "kms:Decrypt"];

/** Storage key (§C.7): Databricks' control plane uses the key for the workspace root bucket (DBFS). */
export const STORAGE_DATABRICKS_ACTIONS: readonly string[] = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:DescribeKey",
];

/** Storage key (§C.7, PRV only): grants Databricks may manage, for AWS resources only. */
export const STORAGE_DATABRICKS_GRANT_ACTIONS: readonly string[] = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];

/** Storage key (§C.7): the cross-account role encrypts cluster EBS volumes, through EC2 only. */
export const STORAGE_EBS_ACTIONS: readonly string[] = ["kms:Decrypt", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"];

/** `kms:ViaService` pattern of the EBS statement: requests EC2 makes on the role's behalf, any region's endpoint. */
export const EBS_VIA_SERVICE = "ec2.*.amazonaws.com";

/**
 * Statement ids. Readable CamelCase versions of the PRV/SRA Sids (noted on each), in the style of this
 * project's other policies.
 */
export const KEY_POLICY_SIDS = {
  /** PRV/SRA "Enable IAM User Permissions". */
  admin: "EnableKeyAdministration",
  /** PRV "Allow Databricks to use KMS key for control plane managed services" (SRA: "…managed services in the control plane"). */
  managedServices: "AllowDatabricksUseForManagedServices",
  /** PRV/SRA "Allow Databricks to use KMS key for DBFS". */
  dbfs: "AllowDatabricksUseForDBFS",
  /** PRV "Allow Databricks to use KMS key for DBFS (Grants)"; absent from the SRA. */
  dbfsGrants: "AllowDatabricksGrantsForDBFS",
  /** PRV/SRA "Allow Databricks to use KMS key for EBS". */
  ebs: "AllowCrossAccountRoleUseForEBS",
} as const;

/** Input of {@link managedServicesKeyPolicy}: who administers the key and which Databricks account may use it. */
export interface KeyPolicyProps {
  /** Literal region; picks the partition of the ARNs and Databricks' AWS account. */
  readonly region: string;
  /** The Databricks account id: the value of the `aws:PrincipalTag/DatabricksAccountId` condition. */
  readonly databricksAccountId: string;
  /**
   * Principals with full control of the key (non-empty). `arn:<p>:iam::<account>:root` delegates to IAM
   * policies of that account (the KMS default key policy).
   */
  readonly keyAdminArns: readonly string[];
}

/** Input of {@link storageKeyPolicy}: also the cross-account role whose clusters' EBS volumes use the key. */
export interface StorageKeyPolicyProps extends KeyPolicyProps {
  /** The Databricks cross-account role (may be a token): it launches the clusters whose EBS volumes use the key. */
  readonly crossAccountRoleArn: string;
}

/** Managed services key policy: administrators, then Databricks (Encrypt/Decrypt) held to the account's principal tag. */
export function managedServicesKeyPolicy(props: KeyPolicyProps): PolicyDocument {
  const databricks = databricksRoot(props.region);
  return policyDocument(
    adminStatement(props.keyAdminArns),
    {
      Sid: KEY_POLICY_SIDS.managedServices,
      Effect: "Allow",
      Principal: { AWS: databricks },
      Action: MANAGED_SERVICES_DATABRICKS_ACTIONS,
      Resource: "*",
      Condition: principalTagCondition(props.databricksAccountId),
    },
  );
}

/**
 * Workspace storage key policy: administrators; Databricks for the root bucket (DBFS) and its grants, both held to
 * the account's principal tag; the cross-account role for EBS volumes, through EC2 only.
 */
export function storageKeyPolicy(props: StorageKeyPolicyProps): PolicyDocument {
  const databricks = databricksRoot(props.region);
  const tag = principalTagCondition(props.databricksAccountId);
  return policyDocument(
    adminStatement(props.keyAdminArns),
    {
      Sid: KEY_POLICY_SIDS.dbfs,
      Effect: "Allow",
      Principal: { AWS: databricks },
      Action: STORAGE_DATABRICKS_ACTIONS,
      Resource: "*",
      Condition: tag,
    },
    // The provider's documented storage-key policy (PRV) has this statement; the SRA omits it (and its root bucket
    // on SSE-KMS works without it today). We keep it because the workspace root bucket (DBFS root) is encrypted
    // with this key (RootBucket `kmsKeyArn` = `storageKeyArn`) and this is the policy Databricks documents for that
    // case: without it, whatever Databricks does through a KMS-integrated AWS service that needs a grant would fail
    // at run time, not at deploy time. It stays narrow: `kms:GrantIsForAWSResource` admits only grants an AWS
    // service creates for its own resource (no handing the key to an arbitrary principal), and the principal-tag
    // condition (which PRV lacks) holds it to this Databricks account, like every other Databricks statement.
    {
      Sid: KEY_POLICY_SIDS.dbfsGrants,
      Effect: "Allow",
      Principal: { AWS: databricks },
      Action: STORAGE_DATABRICKS_GRANT_ACTIONS,
      Resource: "*",
      Condition: { ...tag, Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
    // Clusters run in this account under the cross-account role: EC2 creates and attaches their encrypted EBS
    // volumes on its behalf (hence CreateGrant for EBS), so the role may use the key only via EC2.
    {
      Sid: KEY_POLICY_SIDS.ebs,
      Effect: "Allow",
      Principal: { AWS: props.crossAccountRoleArn },
      Action: STORAGE_EBS_ACTIONS,
      Resource: "*",
      Condition: { "ForAnyValue:StringLike": { "kms:ViaService": EBS_VIA_SERVICE } },
    },
  );
}

function adminStatement(keyAdminArns: readonly string[]): PolicyStatement {
  return { Sid: KEY_POLICY_SIDS.admin, Effect: "Allow", Principal: { AWS: [...keyAdminArns] }, Action: KEY_ADMIN_ACTIONS, Resource: "*" };
}

/** Databricks' AWS account of the region's partition (databricks/terraform-provider-databricks:aws/constants.go), as an account principal. */
function databricksRoot(region: string): string {
  const p = partitionOf(region);
  return accountRoot(p.name, p.databricksAwsAccountId);
}

function principalTagCondition(databricksAccountId: string): Condition {
  return { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [databricksAccountId] } };
}
