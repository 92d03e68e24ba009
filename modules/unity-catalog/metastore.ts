import { DataDatabricksGroup } from "@cdktf/provider-databricks/lib/data-databricks-group";
import { DataDatabricksMetastore } from "@cdktf/provider-databricks/lib/data-databricks-metastore";
import { DisableLegacyFeaturesSetting } from "@cdktf/provider-databricks/lib/disable-legacy-features-setting";
import { Metastore } from "@cdktf/provider-databricks/lib/metastore";
import { MetastoreAssignment } from "@cdktf/provider-databricks/lib/metastore-assignment";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { Problem, throwIfProblems } from "../core/problems";
import { groupNameProblems } from "./validation";
import { lookedUpGroupNameProblem } from "../core/principals";

/** The metastore of the account config's region: an existing one (by id) or one created here (by name). */
export type MetastoreChoice = { readonly id: string } | { readonly name: string };

/**
 * Props of {@link AccountUnityCatalog}: the account config's `unityCatalog` section. Region, Databricks account and
 * the account-level provider come from the `DeploymentContext`.
 */
export interface AccountUnityCatalogProps {
  /**
   * The region's metastore (one per region per account). Usually `{ id }`: Databricks creates one per region for new
   * accounts. `{ name }` creates it here, without storage of its own (each environment's catalog has its own bucket).
   */
  readonly metastore: MetastoreChoice;
  /**
   * Group that becomes the created metastore's owner (its admins); without one the deployer owns it. With an
   * existing metastore, set its admin in the account console (this project does not adopt existing metastores).
   * @default - none
   */
  readonly metastoreAdminGroup?: string;
  /**
   * Account-level `databricks_disable_legacy_features_setting`: new workspaces get no DBFS root or mounts, no Hive
   * metastore, no no-isolation clusters, no runtime before 13.3 LTS. Affects workspaces created after it only.
   * @default false
   */
  readonly disableLegacyFeatures?: boolean;
  /** prevent_destroy on a created metastore (it holds every catalog's metadata). @default true */
  readonly preventDestroy?: boolean;
}

/** A workspace id as the number the provider's schema wants: a token as a number token, a literal as a number. */
export function workspaceIdNumber(id: string): number {
  return Token.isUnresolved(id) ? Token.asNumber(id) : Number(id);
}

const METASTORE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function accountUnityCatalogProblems(props: AccountUnityCatalogProps): Problem[] {
  const problems: Problem[] = [];
  const m = props.metastore;
  if ("id" in m && !Token.isUnresolved(m.id) && !METASTORE_ID.test(m.id)) {
    problems.push({ path: "metastore.id", value: m.id, message: "must be a metastore id: a lowercase UUID (account console → Catalog → the metastore)" });
  }
  if ("name" in m && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/.test(m.name)) {
    problems.push({ path: "metastore.name", value: m.name, message: "must be 1 to 255 letters, digits, _ or -, starting with a letter or digit" });
  }
  if (props.metastoreAdminGroup !== undefined) {
    problems.push(...groupNameProblems(props.metastoreAdminGroup, "metastoreAdminGroup"));
    const unfindable = typeof props.metastoreAdminGroup === "string" ? lookedUpGroupNameProblem(props.metastoreAdminGroup) : undefined;
    if (unfindable) problems.push({ path: "metastoreAdminGroup", value: props.metastoreAdminGroup, message: unfindable });
    if ("id" in m) problems.push({ path: "metastoreAdminGroup", value: props.metastoreAdminGroup, message: "applies to a metastore created here ({ name }); set an existing metastore's admin in the account console" });
  }
  return problems;
}

/**
 * Account-level Unity Catalog objects (the `account-unity-catalog` stack): the metastore when the config creates
 * one, and the account's disable-legacy-features setting. Account-level provider only.
 */
export class AccountUnityCatalog extends Construct {
  /** The created metastore; undefined with `{ id }`. */
  public readonly metastore?: Metastore;
  /** The account-level disable-legacy-features setting; undefined unless `disableLegacyFeatures`. */
  public readonly legacyFeatures?: DisableLegacyFeaturesSetting;

  constructor(scope: Construct, id: string, props: AccountUnityCatalogProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`AccountUnityCatalog ${this.node.path}`, accountUnityCatalogProblems(props));
    const provider = ctx.accountProvider(this);
    if ("name" in props.metastore) {
      // The owner group is looked up first: a missing one (or a typo) fails the plan, not the metastore's create.
      const owner = props.metastoreAdminGroup === undefined ? undefined
        : new DataDatabricksGroup(this, "metastore-admin-group", { provider, displayName: props.metastoreAdminGroup }).displayName;
      this.metastore = new Metastore(this, "metastore", {
        provider, name: props.metastore.name, region: ctx.region, owner, forceDestroy: false,
        lifecycle: (props.preventDestroy ?? true) ? { preventDestroy: true } : undefined,
      });
    }
    if (props.disableLegacyFeatures) {
      this.legacyFeatures = new DisableLegacyFeaturesSetting(this, "disable-legacy-features", { provider, disableLegacyFeatures: { value: true } });
    }
  }
}

/**
 * Assigns the workspace to the metastore (account-level provider). The metastore is looked up (by id, or by name when
 * the `account-unity-catalog` stack creates it, so no environment stack references the account stack), and the plan
 * fails unless it serves the context's region: a workspace can only use its region's metastore.
 *
 * A replaced workspace gets a new assignment: `workspace_id` is ForceNew (databricks/terraform-provider-databricks
 * catalog/resource_metastore_assignment.go@v1.99.0, the fix of issue #2876 in PR #2899) and is a reference to the
 * workspace, so a new workspace id plans a replacement. Whether the assignment took effect (issue #5282) the
 * workspace-config stack checks at every plan (`databricks_current_metastore`, stacks/governance.ts).
 */
export class WorkspaceMetastoreAssignment extends Construct {
  /** The assignment (account-level provider). */
  public readonly assignment: MetastoreAssignment;
  /** The metastore id: the literal id, or a reference to the lookup by name. */
  public readonly metastoreId: string;
  /** The metastore's lookup (account-level), with the region postcondition. */
  public readonly lookup: DataDatabricksMetastore;
  /** The metastore as configured (`{ id }` or `{ name }`, literal): what a workspace-level check compares with. */
  public readonly metastore: MetastoreChoice;

  constructor(scope: Construct, id: string, props: { readonly metastore: MetastoreChoice; readonly workspaceId: string }) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    const provider = ctx.accountProvider(this);
    const byId = "id" in props.metastore;
    this.metastore = props.metastore;
    const described = byId ? `metastore ${(props.metastore as { id: string }).id}` : `metastore "${(props.metastore as { name: string }).name}"`;
    this.lookup = new DataDatabricksMetastore(this, "metastore", {
      provider, ...(byId ? { metastoreId: (props.metastore as { id: string }).id } : { name: (props.metastore as { name: string }).name }),
      lifecycle: { postcondition: [{
        condition: `\${self.metastore_info[0].region == "${ctx.region}"}`,
        errorMessage: `The account config's ${described} is not in ${ctx.region}, the workspace's region: a workspace can only be assigned its region's metastore (environments/account.ts, unityCatalog.metastore).`,
      }] },
    });
    this.metastoreId = byId ? (props.metastore as { id: string }).id : this.lookup.metastoreId;
    this.assignment = new MetastoreAssignment(this, "assignment", { provider, metastoreId: this.metastoreId, workspaceId: workspaceIdNumber(props.workspaceId) });
  }
}
