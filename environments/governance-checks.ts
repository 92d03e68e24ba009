// The governance sections' checks (crossFieldProblems in checks.ts runs them).
import { ContextValues } from "../modules/core/context";
import { Problem, underPath } from "../modules/core/problems";
import { environmentBudgetProblems } from "../modules/cost";
import { workspaceIdentitiesProblems } from "../modules/identity";
import { securityAlertsProblems } from "../modules/security-alerts";
import { systemTablesProblems, workspaceCatalogProblems } from "../modules/unity-catalog";
import { securityTierProblems, workspaceSecurityProblems } from "../modules/workspace-security";
import type { CheckRunner } from "./check-runner";
import type { Environment } from "./schema";

/**
 * Unity Catalog, identities, security settings and system tables (issue 12): each section's module, plus what each
 * needs, each check run on its own. Run like every section (problems.ts drops what the schema reported already); the
 * catalog's default bucket name needs the prefix and account.
 */
export function governanceProblems(env: Environment, ctx: ContextValues, accepted: (...fields: string[]) => boolean, run: CheckRunner): void {
  const needs = (section: string, what: string, present: unknown, why: string) =>
    run(() => (present ? [] : [{ path: section, value: undefined, message: `needs ${what}: ${why}` }]), section);
  const uc = env.unityCatalog;
  if (uc) {
    const named = uc.bucketName !== undefined || accepted("name", "resourcePrefix", "awsAccountId");
    run(() => underPath("unityCatalog", workspaceCatalogProblems(named ? uc : { ...uc, bucketName: "placeholder-bucket" }, ctx)), "unityCatalog");
    needs("unityCatalog", "workspaceConfig", env.workspaceConfig, "the catalog is created inside the workspace, by the <env>-workspace-config stack");
  }
  if (env.identities) {
    run(() => underPath("identities", workspaceIdentitiesProblems(env.identities!)), "identities");
    needs("identities", "unityCatalog", uc, "assigning account groups to a workspace needs identity federation, i.e. a metastore assigned to it");
  }
  if (env.security) {
    run(() => underPath("security", workspaceSecurityProblems(env.security!)), "security");
    run(() => underPath("security", securityTierProblems(env.security!, env.workspace?.pricingTier ?? "PREMIUM")), "security");
    needs("security", "workspaceConfig", env.workspaceConfig, "the settings are applied inside the workspace, by the <env>-workspace-config stack");
  }
  if (env.systemTables) {
    run(() => underPath("systemTables", systemTablesProblems(env.systemTables!)), "systemTables");
    needs("systemTables", "unityCatalog", uc, "system tables live in the metastore's system catalog");
  }
  if (env.budget) run(() => underPath("budget", environmentBudgetProblems(env.budget!, env)), "budget");
  if (env.securityAlerts) {
    run(() => underPath("securityAlerts", securityAlertsProblems(env.securityAlerts!)), "securityAlerts");
    needs("securityAlerts", "unityCatalog", uc, "the alerts read system.access.audit, a system table of the workspace's metastore");
    needs("securityAlerts", "workspaceConfig", env.workspaceConfig, "the warehouse, queries and alerts are created inside the workspace, by the <env>-workspace-config stack");
  }
  run(() => legacyInstanceProfileProblems(env), "workspaceConfig.dataAccess");
}

/**
 * The Kinesis → Delta job reads through Unity Catalog (a service credential, run as the service principal, writing
 * `<catalog>.raw.events`: stacks/governance.ts) or through the legacy instance profile: with streams to read and no
 * Unity Catalog path, `dataAccess.legacyInstanceProfile` must be on, or the job would have no way to read Kinesis.
 */
export function legacyInstanceProfileProblems(env: Environment): Problem[] {
  const data = env.workspaceConfig?.dataAccess;
  if (!data || data.legacyInstanceProfile || !(data.demoStream || data.streamNames?.length)) return [];
  const uc = env.unityCatalog;
  const missing = !uc ? "no unityCatalog"
    : !(uc.schemas ?? ["raw"]).includes("raw") ? "unityCatalog.schemas has no \"raw\" for the job's table and checkpoint volume"
      : env.identities?.servicePrincipal === false ? "identities.servicePrincipal is false: the job runs as it" : undefined;
  return missing ? [{ path: "workspaceConfig.dataAccess.legacyInstanceProfile", value: data.legacyInstanceProfile,
    message: `must be true here: the Kinesis → Delta job reads the streams through Unity Catalog, which this environment cannot give it (${missing}); ` +
      "set legacyInstanceProfile: true for the instance-profile path, or give the job its Unity Catalog path" }] : [];
}
