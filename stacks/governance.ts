import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Environment } from "../environments/schema";
import { WorkspaceIdentities } from "../modules/identity";
import { DataDatabricksCurrentMetastore } from "@cdktf/provider-databricks/lib/data-databricks-current-metastore";
import { Volume } from "@cdktf/provider-databricks/lib/volume";
import type { UnityCatalogTarget } from "../modules/pipeline";
import { KinesisServiceCredential, MetastoreChoice, SystemTables, WorkspaceCatalog, WorkspaceMetastoreAssignment } from "../modules/unity-catalog";
import { WorkspaceSecurity } from "../modules/workspace-security";
import { awsProvider } from "./common";

/**
 * What governance reads of the workspace stack: its shape, not the class, so this file does not import
 * workspace-stack.ts (which imports this one).
 */
export interface GovernedWorkspaceStack extends TerraformStack {
  readonly workspace: { readonly workspaceId: string };
  readonly dataAccess?: { readonly readableStreamNames: readonly string[] };
  readonly governance?: {
    readonly identities: { readonly servicePrincipalApplicationId?: string };
    readonly assignment: { readonly metastore: MetastoreChoice };
  };
}

/**
 * Issue 12's governed workspace, split by provider:
 * - `<env>-workspace` (AWS + account-level provider): the metastore assignment, the groups' workspace assignments
 *   and the job's service principal — Account API objects about the workspace, like the workspace itself.
 * - `<env>-workspace-config` (workspace-level provider, plus an AWS provider for the catalog's storage): the
 *   catalog with its bucket, key, role, credential and external location; security settings; system tables.
 *   The catalog's role must read the storage credential's external id, a workspace-level object, so the role lives
 *   with it; the config stack already depends on the workspace stack, so nothing points back.
 */

/** The account-level part, in the workspace stack; undefined without Unity Catalog or without a metastore. */
export function addWorkspaceGovernance(stack: GovernedWorkspaceStack, env: Environment, metastore: MetastoreChoice | undefined) {
  if (!env.unityCatalog || !metastore) return undefined;
  const assignment = new WorkspaceMetastoreAssignment(stack, "metastore-assignment", { metastore, workspaceId: stack.workspace.workspaceId });
  new TerraformOutput(stack, "metastore_id", {
    value: assignment.metastoreId, description: "Unity Catalog metastore assigned to the workspace (compare: databricks metastores current)", staticId: true,
  });
  const identities = new WorkspaceIdentities(stack, "identities", { ...env.identities, workspaceId: stack.workspace.workspaceId, dependsOn: [assignment.assignment] });
  if (identities.servicePrincipalApplicationId) {
    new TerraformOutput(stack, "service_principal_application_id", {
      value: identities.servicePrincipalApplicationId, description: "Application id of the service principal that runs the environment's jobs", staticId: true,
    });
  }
  return { assignment, identities };
}

/** The workspace-level part, in the workspace-config stack. Security settings apply to every workspace. */
export function addWorkspaceConfigGovernance(stack: TerraformStack, env: Environment, workspace: GovernedWorkspaceStack) {
  let catalog: WorkspaceCatalog | undefined;
  if (env.unityCatalog) {
    awsProvider(stack, env);
    new TimeProvider(stack, "time");
    catalog = new WorkspaceCatalog(stack, "catalog", {
      ...env.unityCatalog,
      customerManagedKey: env.customerManagedKeys !== undefined,
      keyAdminArns: env.customerManagedKeys?.keyAdminArns,
      servicePrincipalApplicationId: workspace.governance?.identities.servicePrincipalApplicationId,
    });
    const assigned = workspace.governance?.assignment.metastore;
    // Whether the assignment took effect (provider issue #5282): the workspace itself must report the metastore, or
    // every plan of this stack stops here, before a catalog is created on a workspace without it. Compared with the
    // configured literal (id, or name): a cross-stack reference does not resolve inside a condition.
    if (assigned) {
      new DataDatabricksCurrentMetastore(stack, "current-metastore", {
        provider: catalog.catalog.provider,
        lifecycle: { postcondition: [{
          // No metastore: metastore_info is empty (provider 1.99 catalog/data_current_metastore.go), hence try(); the
          // account-level lookup by name ignores case (catalog/data_metastore.go, EqualFold), so this one does too.
          condition: "id" in assigned ? `\${self.id == "${assigned.id}"}` : `\${try(lower(self.metastore_info[0].name), "") == lower("${assigned.name}")}`,
          errorMessage: "The workspace does not report the metastore assigned to it (databricks_current_metastore): the assignment has not taken effect. See docs/unity-catalog.md, \"Did the metastore assignment take effect?\".",
        }] },
      });
    }
    new TerraformOutput(stack, "catalog_name", { value: catalog.catalogName, description: "The environment's Unity Catalog catalog (the workspace's default)", staticId: true });
    if (catalog.bucket) new TerraformOutput(stack, "catalog_bucket_name", { value: catalog.bucket.bucket, description: "Bucket of the catalog's managed storage", staticId: true });
  }
  const security = new WorkspaceSecurity(stack, "security", { ...env.security, dependsOn: catalog ? [catalog.defaultNamespace] : undefined });
  const systemTables = env.systemTables && env.unityCatalog ? new SystemTables(stack, "system-tables", env.systemTables) : undefined;
  return { catalog, security, systemTables, pipelineTarget: catalog && pipelineOnUnityCatalog(stack, catalog, workspace) };
}

/**
 * The Kinesis → Delta job on Unity Catalog (issue 12, phase 2): a service credential reading exactly the streams the
 * data-access role reads, a managed volume `<catalog>.raw.checkpoints` for the checkpoint, the table
 * `<catalog>.raw.events`, run as the environment's service principal. Undefined without streams, a `raw` schema or
 * a service principal (the job then keeps its instance profile).
 */
function pipelineOnUnityCatalog(stack: TerraformStack, catalog: WorkspaceCatalog, workspace: GovernedWorkspaceStack): UnityCatalogTarget | undefined {
  const streams = workspace.dataAccess?.readableStreamNames ?? [];
  const sp = workspace.governance?.identities.servicePrincipalApplicationId;
  const raw = catalog.schemas.raw;
  if (!streams.length || !sp || !raw) return undefined;
  const credential = new KinesisServiceCredential(stack, "kinesis-credential", { streamNames: streams, servicePrincipalApplicationId: sp });
  const volume = new Volume(stack, "checkpoints", {
    provider: catalog.catalog.provider, catalogName: catalog.catalogName, schemaName: raw.name, name: "checkpoints", volumeType: "MANAGED",
    comment: "Streaming checkpoints of the Kinesis → Delta job",
    // A replaced volume loses the checkpoint: the stream would restart from the horizon (the catalog's protection).
    lifecycle: catalog.preventDestroy ? { preventDestroy: true } : undefined,
  });
  // The names are references (the job follows the credential, the schema and the volume); a scheduled run also needs
  // the role to have propagated and the grants to exist, which no reference orders: dependsOn.
  return {
    table: `${catalog.catalogName}.${raw.name}.events`,
    checkpointPath: `/Volumes/${volume.catalogName}/${volume.schemaName}/${volume.name}/events`,
    serviceCredential: credential.credential.name,
    runAsServicePrincipal: sp,
    dependsOn: [...credential.usable, ...catalog.grants],
  };
}
