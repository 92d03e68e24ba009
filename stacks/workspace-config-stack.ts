import { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Annotations, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { pinProviderVersions } from "../modules/core/provider-versions";
import * as fs from "fs";
import * as path from "path";
import { Environment } from "../environments/schema";
import { WorkspaceVpc } from "../modules/network";
import { KinesisToDeltaJob } from "../modules/pipeline";
import { ClusterPolicies, WorkspaceSettings } from "../modules/workspace-config";
import { AUDIT_ALERTS, SecurityAlerts } from "../modules/security-alerts";
import { deploymentContext, environmentBackend } from "./common";
import { addWorkspaceConfigGovernance } from "./governance";
import type { WorkspaceStack } from "./workspace-stack";

/** Stack id of an environment's workspace configuration. */
export function workspaceConfigStackId(env: Pick<Environment, "name">): string {
  return `${env.name}-workspace-config`;
}

/** The runner of stacks without a `runsOn` (scripts/stacks.js has the same default). */
export const DEFAULT_RUNNER = "ubuntu-latest";

/** The article's notebook; read at synth time (it is part of the config, like the environment files). */
const NOTEBOOK = path.resolve(__dirname, "..", "notebooks", "kinesis_to_delta.py");
/** The security alerts' queries, one file each (sql/security-alerts/<id>.sql), read at synth time like the notebook. */
const ALERT_QUERIES = path.resolve(__dirname, "..", "sql", "security-alerts");

/**
 * Inside the workspace: settings (IP access lists, token lifetime, hardening switches), cluster policies, and the
 * Kinesis → Delta job. Code that creates workspaces and code that configures them live apart (Databricks'
 * guidance): this stack's workspace-level provider takes its host from `<env>-workspace`'s output, so cdktf deploys
 * that stack first and `cdktf deploy '<env>-*'` does both in one command.
 */
export class WorkspaceConfigStack extends TerraformStack {
  public readonly settings: WorkspaceSettings;
  /** Undefined for a serverless workspace (no classic clusters). */
  public readonly policies?: ClusterPolicies;
  public readonly pipeline?: KinesisToDeltaJob;
  /** Undefined unless the environment has a `securityAlerts` section. */
  public readonly securityAlerts?: SecurityAlerts;
  /** Catalog, security settings, system tables (stacks/governance.ts). */
  public readonly governance: ReturnType<typeof addWorkspaceConfigGovernance>;

  constructor(scope: Construct, env: Environment & { workspaceConfig: NonNullable<Environment["workspaceConfig"]> }, workspace: WorkspaceStack) {
    super(scope, workspaceConfigStackId(env));
    const config = env.workspaceConfig;
    environmentBackend(this, env);
    // Authentication from the environment at plan time (DATABRICKS_CLIENT_ID/SECRET of a service principal that is
    // a workspace admin, or a CLI profile); the host is the new workspace's URL (a cross-stack reference).
    // `audience`: with GitHub OIDC (DATABRICKS_AUTH_TYPE=github-oidc) the SDK pinned by provider 1.99 asks GitHub for an
    // ID token whose audience is the workspace's token endpoint unless it is set, which a federation policy at its
    // default audience (the account id) refuses (databricks-sdk-go v0.93.0 config/experimental/auth/oidc/tokensource.go, determineAudience).
    // Unused by other auth types; it wins over DATABRICKS_TOKEN_AUDIENCE.
    const workspaceProvider = new DatabricksProvider(this, "databricks-workspace", {
      alias: "workspace", host: workspace.workspace.workspaceUrl, audience: env.databricksAccountId,
    });
    // The GitHub runner that plans and deploys this stack (`npm run stacks` reads it for the CI jobs' runs-on): its
    // egress must pass the IP access lists. Terraform ignores "//".
    this.addOverride("//.ci", { runsOn: config.runsOn ?? DEFAULT_RUNNER });
    deploymentContext(this, env, { workspaceProvider });
    pinProviderVersions(this, env.providerVersions);

    // Without back-end PrivateLink the clusters reach the control plane from the NAT gateways' public IPs, which the
    // allow list must hold or no classic compute launches (WorkspaceSettingsProps.computeEgressIps).
    const net = workspace.network;
    const natIps = config.ipAccessLists && env.network?.mode === "create" && !env.network.privateLink?.backend && net instanceof WorkspaceVpc
      ? net.natGateways.map((nat) => nat.publicIp) : undefined;
    this.settings = new WorkspaceSettings(this, "settings", { ...config, computeEgressIps: natIps });
    this.governance = addWorkspaceConfigGovernance(this, env, workspace);
    const access = workspace.dataAccess;
    // On Unity Catalog the job needs no instance profile: the jobs policy must not fix one (it would not be registered).
    const { clusterPolicy, jobPolicy } = config;
    const serverless = env.workspace?.computeMode === "SERVERLESS";
    // The environment's service principal runs its jobs: it needs CAN_USE on the job policy in every environment.
    const runAs = workspace.governance?.identities.servicePrincipalApplicationId;
    this.policies = clusterPolicy && jobPolicy && !serverless ? new ClusterPolicies(this, "cluster-policies", {
      ...config, clusterPolicy, jobPolicy, instanceProfileArn: this.governance.pipelineTarget ? undefined : access?.instanceProfileArn,
      jobRunAsServicePrincipals: runAs ? [runAs] : undefined,
    }) : undefined;
    const stream = access?.demoStreamName ?? env.workspaceConfig.dataAccess?.streamNames?.[0];
    // The job reads Kinesis through Unity Catalog or the legacy instance profile. The config check requires one of
    // them (dataAccess.legacyInstanceProfile); without either (stacks built without the account config's metastore)
    // there is no job, and a warning says why.
    const readPath = this.governance.pipelineTarget ?? access?.instanceProfileArn;
    if (access && stream && !readPath) {
      Annotations.of(this).addWarning("no Kinesis → Delta job: it has no Unity Catalog path (unityCatalog, a metastore, the service principal) and dataAccess.legacyInstanceProfile is off");
    }
    // A serverless workspace: the job runs on serverless jobs compute, on Unity Catalog only (no policy, no node type).
    const cluster = this.policies && jobPolicy ? {
      instanceProfileArn: access?.instanceProfileArn, jobPolicyId: this.policies.jobPolicyId, nodeTypeId: jobPolicy.allowedNodeTypes[0],
      maxWorkers: Math.min(2, jobPolicy.maxWorkers), sparkVersion: config.sparkVersion, jobPolicyTags: this.policies.tags,
    } : undefined;
    if (access && stream && readPath && (cluster || (serverless && this.governance.pipelineTarget))) {
      this.pipeline = new KinesisToDeltaJob(this, "kinesis-to-delta", {
        ...cluster, serverless: serverless || undefined, notebookSource: fs.readFileSync(NOTEBOOK, "utf8"), streamName: stream,
        outputBaseUrl: `s3://${env.workspaceConfig.dataAccess!.bucketName}/${env.workspaceConfig.dataAccess!.writePrefix ?? ""}`,
        ...config.pipeline,
        unityCatalog: this.governance.pipelineTarget, budgetPolicyId: workspace.budget?.budgetPolicyId,
      });
      new TerraformOutput(this, "job_id", { value: this.pipeline.job.id, description: "Kinesis → Delta job (run it with `databricks jobs run-now`)", staticId: true });
      new TerraformOutput(this, "notebook_path", { value: this.pipeline.notebook.path, description: "The job's notebook in the workspace", staticId: true });
    }
    if (env.securityAlerts) {
      this.securityAlerts = new SecurityAlerts(this, "security-alerts", {
        ...env.securityAlerts, workspaceId: workspace.workspace.workspaceId,
        queries: AUDIT_ALERTS.map((def) => ({ ...def, sql: fs.readFileSync(path.join(ALERT_QUERIES, `${def.id}.sql`), "utf8") })),
      });
    }
  }
}
