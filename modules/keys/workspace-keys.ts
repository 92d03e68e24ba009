import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { MwsCustomerManagedKeys } from "@cdktf/provider-databricks/lib/mws-customer-managed-keys";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { Partition, PARTITIONS, REGIONS } from "../core/constants";
import { ContextValues, DeploymentContext } from "../core/context";
import { iamPrincipalArnPattern, iamRoleArnPattern } from "../core/iam-names";
import { accountRoot, PolicyDocument, renderPolicy } from "../core/policy";
import { Problem, throwIfProblems } from "../core/problems";
import { managedServicesKeyPolicy, storageKeyPolicy } from "./key-policies";
import { registrationLifecycle } from "../workspace/registration";

/** Alias suffixes (SRA `aws/tf/cmk.tf` naming): `alias/<prefix><suffix>`. */
export const MANAGED_SERVICES_ALIAS_SUFFIX = "-managed-services-key";
export const STORAGE_ALIAS_SUFFIX = "-workspace-storage-key";
/**
 * KMS alias name rules (KMS CreateAlias `AliasName`): `alias/` + [a-zA-Z0-9/_-], at most 256, not `alias/aws/…`.
 * The context's prefix (3–32 of [a-z0-9-]) always makes a valid alias of at most 60 characters.
 */
export const ALIAS_NAME_MAX_LENGTH = 256;
export const ALIAS_NAME_PATTERN = /^alias\/[a-zA-Z0-9/_-]+$/;
/** KMS ScheduleKeyDeletion `PendingWindowInDays`. */
export const DELETION_WINDOW_DAYS = { min: 7, max: 30, default: 30 } as const;

/** The `use_cases` of the Account API key registrations. */
export type CustomerManagedKeyUseCase = "MANAGED_SERVICES" | "STORAGE";

/**
 * Props of {@link WorkspaceKeys}. The aliases' prefix, the region (partition, `key_region`), the default key
 * administrator (the AWS account's root), the Databricks account (registrations' `account_id`, the key policies'
 * principal tag) and the account-level provider come from the stack's `DeploymentContext`.
 */
export interface WorkspaceKeysProps {
  /**
   * The cross-account role (may be a token, e.g. `CrossAccountRole.roleArn`); the storage key lets it use the key
   * for EBS via EC2. Required when `storage` is on; not used otherwise.
   * @default - none (valid only with `storage: false`)
   */
  readonly crossAccountRoleArn?: string;
  /**
   * Principals with full control of the keys (IAM users, roles or account roots of the region's partition).
   * KMS refuses a key policy that would lock out the principal creating it, so include the deployer's role
   * when you narrow this.
   * @default - the account root (`arn:<partition>:iam::<awsAccountId>:root`): IAM policies then decide
   */
  readonly keyAdminArns?: readonly string[];
  /** Key for managed services (notebooks, secrets, queries in the control plane). @default true */
  readonly managedServices?: boolean;
  /** Key for workspace storage (root bucket SSE-KMS, cluster EBS volumes). @default true */
  readonly storage?: boolean;
  /** Waiting period (7 to 30 days) between scheduling a key's deletion and KMS deleting it. @default 30 */
  readonly deletionWindowInDays?: number;
  /**
   * Terraform lifecycle prevent_destroy on the keys: losing a key loses the data encrypted under it (not on the
   * aliases or registrations, which can be recreated).
   * @default - the context's `protectData`
   */
  readonly preventDestroy?: boolean;
}

/**
 * Customer-managed KMS keys of a workspace (databricks/terraform-provider-databricks:docs/resources/mws_customer_managed_keys.md; databricks/terraform-databricks-sra:aws/tf/cmk.tf; databricks/terraform-provider-databricks:docs/resources/mws_workspaces.md): for managed services (control plane) and for
 * workspace storage (root bucket, EBS), each with rotation on, an alias, a key policy from {@link managedServicesKeyPolicy}
 * / {@link storageKeyPolicy}, and its Account API registration (`databricks_mws_customer_managed_keys`).
 *
 * Pass {@link managedServicesKeyId} / {@link storageKeyId} (the registrations' `customer_managed_key_id`) to the
 * workspace, never the registrations' `id` (`<account>/<key id>`, provider issue #3303). Use {@link storageKeyArn}
 * for the root bucket's SSE-KMS.
 *
 * A key with data encrypted under it must never be destroyed: `preventDestroy` (default: the context's `protectData`).
 * A registration cannot be updated: changing the alias or the key replaces it (and the workspace refers to it).
 *
 * Construct ids below are part of the Terraform state contract: renaming one replaces the resource.
 */
export class WorkspaceKeys extends Construct {
  /** The managed services key; undefined unless `managedServices`. */
  public readonly managedServicesKey?: KmsKey;
  /** `alias/<prefix>-managed-services-key`; undefined unless `managedServices`. */
  public readonly managedServicesAlias?: KmsAlias;
  /** The managed services key's registration (`databricks_mws_customer_managed_keys`); undefined unless `managedServices`. */
  public readonly managedServicesRegistration?: MwsCustomerManagedKeys;
  /** `customer_managed_key_id` of the managed services registration: the workspace's `managed_services_customer_managed_key_id`. */
  public readonly managedServicesKeyId?: string;
  /** The managed services key policy as data (what {@link managedServicesKey} holds, before rendering). */
  public readonly managedServicesKeyPolicyDocument?: PolicyDocument;

  /** The workspace storage key; undefined unless `storage`. */
  public readonly storageKey?: KmsKey;
  /** `alias/<prefix>-workspace-storage-key`; undefined unless `storage`. */
  public readonly storageAlias?: KmsAlias;
  /** The storage key's registration (`databricks_mws_customer_managed_keys`); undefined unless `storage`. */
  public readonly storageRegistration?: MwsCustomerManagedKeys;
  /** `customer_managed_key_id` of the storage registration: the workspace's `storage_customer_managed_key_id`. */
  public readonly storageKeyId?: string;
  /** ARN of the storage key (a reference to the key), for the root bucket's SSE-KMS. */
  public readonly storageKeyArn?: string;
  /** The storage key policy as data (what {@link storageKey} holds, before rendering). */
  public readonly storageKeyPolicyDocument?: PolicyDocument;

  constructor(scope: Construct, id: string, props: WorkspaceKeysProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`WorkspaceKeys ${this.node.path}`, workspaceKeysProblems(props, ctx));
    const { region, databricksAccountId, resourcePrefix } = ctx;
    const accountProvider = ctx.accountProvider(this);
    const keyAdminArns = props.keyAdminArns ?? [accountRoot(ctx.partition.name, ctx.awsAccountId)];
    const policyProps = { region, databricksAccountId, keyAdminArns };
    const preventDestroy = props.preventDestroy ?? ctx.protectData;

    const addKey = (name: "managed-services" | "storage", o: {
      description: string; aliasSuffix: string; useCase: CustomerManagedKeyUseCase; policy: PolicyDocument;
    }) => {
      const key = new KmsKey(this, `${name}-key`, {
        description: o.description,
        enableKeyRotation: true,
        deletionWindowInDays: props.deletionWindowInDays ?? DELETION_WINDOW_DAYS.default,
        policy: renderPolicy(o.policy),
        lifecycle: preventDestroy ? { preventDestroy: true } : undefined,
      });
      const alias = new KmsAlias(this, `${name}-alias`, {
        name: `alias/${resourcePrefix}${o.aliasSuffix}`,
        targetKeyId: key.keyId,
      });
      // Databricks looks the key up by ARN and alias when it registers it: register once the alias exists.
      // Every argument is ForceNew and the workspace uses the registration: a new key or alias is registered before
      // the old registration goes, and the workspace switches key ids in place (../workspace/registration.ts). It has
      // no name, so two generations cannot collide.
      const registration = new MwsCustomerManagedKeys(this, `${name}-registration`, {
        provider: accountProvider,
        accountId: databricksAccountId,
        awsKeyInfo: { keyArn: key.arn, keyAlias: alias.name, keyRegion: region },
        useCases: [o.useCase],
        dependsOn: [alias],
        lifecycle: registrationLifecycle(),
      });
      return { key, alias, registration };
    };

    if (props.managedServices ?? true) {
      this.managedServicesKeyPolicyDocument = managedServicesKeyPolicy(policyProps);
      const made = addKey("managed-services", {
        description: `Databricks managed services (notebooks, secrets, queries in the control plane) of ${resourcePrefix}`,
        aliasSuffix: MANAGED_SERVICES_ALIAS_SUFFIX,
        useCase: "MANAGED_SERVICES",
        policy: this.managedServicesKeyPolicyDocument,
      });
      this.managedServicesKey = made.key;
      this.managedServicesAlias = made.alias;
      this.managedServicesRegistration = made.registration;
      this.managedServicesKeyId = made.registration.customerManagedKeyId;
    }

    if (props.storage ?? true) {
      this.storageKeyPolicyDocument = storageKeyPolicy({ ...policyProps, crossAccountRoleArn: props.crossAccountRoleArn! });
      const made = addKey("storage", {
        description: `Databricks workspace storage (root bucket, cluster EBS volumes) of ${resourcePrefix}`,
        aliasSuffix: STORAGE_ALIAS_SUFFIX,
        useCase: "STORAGE",
        policy: this.storageKeyPolicyDocument,
      });
      this.storageKey = made.key;
      this.storageAlias = made.alias;
      this.storageRegistration = made.registration;
      this.storageKeyId = made.registration.customerManagedKeyId;
      this.storageKeyArn = made.key.arn;
    }
  }
}

/**
 * Every problem with the props of a {@link WorkspaceKeys}; format checks skip Terraform tokens. The context's region
 * picks the partition of the ARNs (any partition while the region is unknown: the context reports that).
 */
export function workspaceKeysProblems(props: WorkspaceKeysProps, ctx: Pick<ContextValues, "region">): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });

  const managedServices = props.managedServices ?? true;
  const storage = props.storage ?? true;
  if (!managedServices && !storage) {
    add("managedServices", props.managedServices,
      "is false and so is storage: turn on at least one of managedServices and storage (there is nothing to create otherwise)");
  }

  const region = REGIONS[ctx.region];
  const partitions = region ? [region.partition] : (Object.keys(PARTITIONS) as Partition[]);
  const roleArn = props.crossAccountRoleArn;
  if (storage && roleArn === undefined) {
    add("crossAccountRoleArn", undefined,
      "is required when storage is on: the storage key policy lets the cross-account role use the key for cluster EBS volumes");
  } else if (storage && roleArn !== undefined && !Token.isUnresolved(roleArn) && !partitions.some((p) => iamRoleArnPattern(p).test(roleArn))) {
    add("crossAccountRoleArn", roleArn,
      `is not an IAM role ARN of the region's partition: arn:${partitions.join("|")}:iam::<12 digits>:role/<optional path/><role name>`);
  }

  problems.push(...keyAdminProblems(props.keyAdminArns, partitions));

  const days = props.deletionWindowInDays;
  if (days !== undefined && !Token.isUnresolved(days)) {
    const { min, max } = DELETION_WINDOW_DAYS;
    if (!Number.isInteger(days) || days < min || days > max) {
      add("deletionWindowInDays", days, `must be a whole number of days from ${min} to ${max} (KMS key deletion waiting period)`);
    }
  }
  return problems;
}

export function keyAdminProblems(arns: readonly string[] | undefined, partitions: readonly Partition[]): Problem[] {
  if (arns === undefined) return [];
  if (Token.isUnresolved(arns)) {
    return [{ path: "keyAdminArns", value: "<list token>", message: "must be a literal list (its elements may be tokens): the key policies list each administrator" }];
  }
  if (arns.length === 0) {
    return [{
      path: "keyAdminArns", value: arns,
      message: "must list at least one principal: nobody could manage the keys otherwise (KMS rejects such a policy); omit it for the account root",
    }];
  }
  const problems: Problem[] = [];
  const shape = `arn:${partitions.join("|")}:iam::<12 digits>:root, …:user/<optional path/><name> or …:role/<optional path/><name>`;
  arns.forEach((arn, i) => {
    const add = (message: string) => problems.push({ path: `keyAdminArns[${i}]`, value: arn, message });
    if (Token.isUnresolved(arn)) return;
    if (arn === "*") add("must not be \"*\": anyone in any AWS account could then manage, use and delete the keys; list the administrators' ARNs");
    else if (/[*?]/.test(arn)) add("must not contain wildcards (* or ?): key policy principals are exact ARNs");
    else if (!partitions.some((p) => iamPrincipalArnPattern(p).test(arn))) add(`is not an IAM principal ARN of the region's partition: ${shape}`);
    else if (arns.indexOf(arn) !== i) add("is listed twice");
  });
  return problems;
}
