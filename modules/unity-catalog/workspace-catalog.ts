import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Catalog } from "@cdktf/provider-databricks/lib/catalog";
import { DefaultNamespaceSetting } from "@cdktf/provider-databricks/lib/default-namespace-setting";
import { ExternalLocation } from "@cdktf/provider-databricks/lib/external-location";
import { Grants } from "@cdktf/provider-databricks/lib/grants";
import { Schema } from "@cdktf/provider-databricks/lib/schema";
import { StorageCredential } from "@cdktf/provider-databricks/lib/storage-credential";
import { Sleep } from "@cdktf/provider-time/lib/sleep";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { createHardenedBucket } from "../core/hardened-bucket";
import { accountRoot, PolicyDocument, renderPolicy } from "../core/policy";
import { throwIfProblems } from "../core/problems";
import { catalogKeyPolicy, catalogRolePolicy, unityCatalogTrustPolicy } from "./policy";
import { CATALOG_ROLE_SUFFIX, defaultCatalogBucketName, PrivilegeGrant, WorkspaceCatalogProps } from "./props";
import { workspaceCatalogProblems } from "./validation";

/** What the job's service principal gets on every schema of the catalog. */
export const PIPELINE_SCHEMA_PRIVILEGES: readonly string[] = ["USE_SCHEMA", "CREATE_TABLE", "MODIFY", "SELECT", "READ_VOLUME", "WRITE_VOLUME", "CREATE_VOLUME"];
/** Seconds between the role and the external location: IAM is eventually consistent and Databricks validates the role. */
export const ROLE_PROPAGATION_WAIT = "60s";

/**
 * The environment's Unity Catalog catalog with storage of its own (the SRA's
 * `modules/databricks_workspace/unity_catalog_catalog_creation`, hardened): a bucket (SSE-KMS with its own key
 * when `customerManagedKey`), the IAM role Unity Catalog assumes, the storage credential, the external location,
 * the catalog on that location, its schemas, the grants, and the workspace's default namespace pointing at it.
 *
 * The role trusts the credential's external id, and the credential names the role: the cycle is broken as the
 * SRA and terraform-databricks-examples#143 do it — the credential gets the role's ARN computed from its name
 * (no reference), the role then reads the credential's `external_id`, and a 60 s `time_sleep` after the role's
 * policy precedes the external location, which Databricks validates by assuming the role.
 *
 * Credential, external location and catalog are isolated: Databricks binds an isolated securable to the
 * workspace that created it (provider v1.99.0 docs/resources/workspace_binding.md), so no other workspace on the
 * metastore sees them. Needs the context's AWS provider (default) and `workspaceProvider`, and a metastore
 * assigned to the workspace. Construct ids are the Terraform state contract.
 */
export class WorkspaceCatalog extends Construct {
  /** The catalog's name (a reference: depending on it orders after the catalog). */
  public readonly catalogName: string;
  /** `s3://<bucket>/`, literal; undefined on default storage (as every storage member below). */
  public readonly storageUrl?: string;
  /** The catalog's bucket (hardened; `prevent_destroy` with `preventDestroy`). */
  public readonly bucket?: S3Bucket;
  /** The bucket's key; undefined unless `customerManagedKey`. */
  public readonly key?: KmsKey;
  /** The role Unity Catalog assumes, `<prefix>-catalog`. */
  public readonly role?: IamRole;
  /** The role's inline policy, `<prefix>-catalog-policy`. */
  public readonly rolePolicy?: IamRolePolicy;
  /** `arn:<partition>:iam::<account>:role/<prefix>-catalog`, literal. */
  public readonly roleArn?: string;
  /** The role's trust as data (before rendering). */
  public readonly trustPolicyDocument?: PolicyDocument;
  /** The role's permissions as data (before rendering). */
  public readonly policyDocument?: PolicyDocument;
  /** The storage credential, `<prefix>-catalog` (isolated). */
  public readonly storageCredential?: StorageCredential;
  /** The external location on the bucket's root, `<prefix>-catalog` (isolated). */
  public readonly externalLocation?: ExternalLocation;
  /** The catalog (isolated; storage root on the external location). */
  public readonly catalog: Catalog;
  /** By schema name (`prevent_destroy` with `preventDestroy`: a replaced schema drops its tables). */
  public readonly schemas: Readonly<Record<string, Schema>>;
  /** The workspace's default namespace, set to the catalog. */
  public readonly defaultNamespace: DefaultNamespaceSetting;
  /** The grants on the catalog, its schemas and its external location (`databricks_grants`, in that order; none without principals). */
  public readonly grants: readonly Grants[];
  /** Whether the catalog's data is protected (`preventDestroy`, else the context's `protectData`): objects that hold its data follow it. */
  public readonly preventDestroy: boolean;

  constructor(scope: Construct, id: string, props: WorkspaceCatalogProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`WorkspaceCatalog ${this.node.path}`, workspaceCatalogProblems(props, ctx));
    const provider = ctx.workspaceProvider(this);
    const protect = props.preventDestroy ?? ctx.protectData;
    this.preventDestroy = protect;
    const lifecycle = protect ? { preventDestroy: true } : undefined;
    // Default storage: the catalog has no storage root and nothing of ours holds its data.
    const storage = props.defaultStorage ? undefined : this.ownStorage(props, protect);
    this.storageUrl = storage?.storageUrl;
    this.bucket = storage?.bucket;
    this.key = storage?.key;
    this.role = storage?.role;
    this.rolePolicy = storage?.rolePolicy;
    this.roleArn = storage?.roleArn;
    this.trustPolicyDocument = storage?.trustPolicyDocument;
    this.policyDocument = storage?.policyDocument;
    this.storageCredential = storage?.storageCredential;
    this.externalLocation = storage?.externalLocation;
    this.catalog = new Catalog(this, "catalog", {
      provider, name: props.catalogName, comment: `Catalog of ${ctx.resourcePrefix}`, storageRoot: storage?.storageUrl,
      isolationMode: "ISOLATED", forceDestroy: !protect, dependsOn: storage ? [storage.externalLocation] : undefined, lifecycle,
    });
    this.catalogName = this.catalog.name;
    const schemaNames = props.schemas ?? ["raw"];
    this.schemas = Object.fromEntries(schemaNames.map((name) => [name, new Schema(this, `schema-${name}`, {
      provider, catalogName: this.catalog.name, name, comment: `Managed by ${ctx.resourcePrefix}`, forceDestroy: !protect, lifecycle,
    })]));
    this.defaultNamespace = new DefaultNamespaceSetting(this, "default-namespace", { provider, namespace: { value: this.catalog.name } });

    const sp = props.servicePrincipalApplicationId;
    const grants = props.grants ?? {};
    const made: Grants[] = [];
    this.grants = made;
    const grant = (key: string, on: Record<string, string>, list: readonly PrivilegeGrant[], extra?: PrivilegeGrant) => {
      const all = [...list, ...(extra ? [extra] : [])];
      if (all.length) made.push(new Grants(this, key, { provider, ...on, grant: all.map((g) => ({ principal: g.principal, privileges: [...g.privileges] })) }));
    };
    grant("catalog-grants", { catalog: this.catalog.name }, grants.catalog ?? [], sp ? { principal: sp, privileges: ["USE_CATALOG"] } : undefined);
    for (const name of schemaNames) {
      grant(`schema-grants-${name}`, { schema: this.schemas[name].id }, grants.schemas?.[name] ?? [], sp ? { principal: sp, privileges: PIPELINE_SCHEMA_PRIVILEGES } : undefined);
    }
    if (storage) grant("external-location-grants", { externalLocation: storage.externalLocation.id }, grants.externalLocation ?? []);
  }

  /** The catalog's own storage: key, bucket, storage credential, role (after the credential), external location. */
  private ownStorage(props: WorkspaceCatalogProps, protect: boolean) {
    const ctx = DeploymentContext.of(this);
    const provider = ctx.workspaceProvider(this);
    const partition = ctx.partition.name;
    const lifecycle = protect ? { preventDestroy: true } : undefined;
    const bucketName = props.bucketName ?? defaultCatalogBucketName(ctx);
    const roleName = `${ctx.resourcePrefix}${CATALOG_ROLE_SUFFIX}`;
    const roleArn = `arn:${partition}:iam::${ctx.awsAccountId}:role/${roleName}`;
    const storageUrl = `s3://${bucketName}/`;

    const key = props.customerManagedKey ? new KmsKey(this, "key", {
      description: `Unity Catalog storage of ${ctx.resourcePrefix} (${bucketName})`,
      enableKeyRotation: true,
      policy: renderPolicy(catalogKeyPolicy(props.keyAdminArns ?? [accountRoot(partition, ctx.awsAccountId)])),
      lifecycle,
    }) : undefined;
    if (key) new KmsAlias(this, "key-alias", { name: `alias/${ctx.resourcePrefix}-catalog-key`, targetKeyId: key.keyId });
    // force_destroy empties the bucket on destroy: only where the environment does not protect its data.
    const bucket = createHardenedBucket(new Construct(this, "bucket"), {
      bucketName, region: ctx.region, kmsKeyArn: key?.arn, forceDestroy: !protect,
    });
    if (protect) bucket.bucket.lifecycle = { ...bucket.bucket.lifecycle, preventDestroy: true };

    // Created first, with the role's computed ARN: Databricks issues the external id the role's trust needs.
    const storageCredential = new StorageCredential(this, "storage-credential", {
      provider, name: `${ctx.resourcePrefix}-catalog`, comment: `Storage of catalog ${props.catalogName}`,
      awsIamRole: { roleArn }, isolationMode: "ISOLATION_MODE_ISOLATED", forceDestroy: !protect,
    });
    const trustPolicyDocument = unityCatalogTrustPolicy({ partition, awsAccountId: ctx.awsAccountId, roleName, externalId: storageCredential.awsIamRole.externalId });
    const policyDocument = catalogRolePolicy({ partition, awsAccountId: ctx.awsAccountId, roleName, bucketName, kmsKeyArn: key?.arn });
    const role = new IamRole(this, "role", {
      name: roleName, description: `Unity Catalog: storage of catalog ${props.catalogName}`, assumeRolePolicy: renderPolicy(trustPolicyDocument),
    });
    // The offline plan (scripts/tf-check) has no Databricks provider: it may stand a placeholder in for the external id.
    role.addOverride("//.tf-check", { offlinePlaceholders: "the external id Databricks issues for the storage credential" });
    const rolePolicy = new IamRolePolicy(this, "role-policy", { name: `${roleName}-policy`, role: role.id, policy: renderPolicy(policyDocument) });
    // The SRA waits 60 s here ("race condition between IAM role and external location validation").
    const wait = new Sleep(this, "role-propagation", { createDuration: ROLE_PROPAGATION_WAIT, dependsOn: [role, rolePolicy] });

    const externalLocation = new ExternalLocation(this, "external-location", {
      provider, name: `${ctx.resourcePrefix}-catalog`, url: storageUrl, credentialName: storageCredential.name,
      comment: `Storage of catalog ${props.catalogName}`, isolationMode: "ISOLATION_MODE_ISOLATED", forceDestroy: !protect,
      dependsOn: [wait, bucket.policy], lifecycle,
    });
    return {
      storageUrl, bucket: bucket.bucket, key, role, rolePolicy, roleArn, trustPolicyDocument, policyDocument, storageCredential, externalLocation,
    };
  }
}
