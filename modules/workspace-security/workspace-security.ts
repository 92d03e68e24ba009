import { AutomaticClusterUpdateWorkspaceSetting } from "@cdktf/provider-databricks/lib/automatic-cluster-update-workspace-setting";
import { ComplianceSecurityProfileWorkspaceSetting } from "@cdktf/provider-databricks/lib/compliance-security-profile-workspace-setting";
import { DisableLegacyAccessSetting } from "@cdktf/provider-databricks/lib/disable-legacy-access-setting";
import { DisableLegacyDbfsSetting } from "@cdktf/provider-databricks/lib/disable-legacy-dbfs-setting";
import { EnhancedSecurityMonitoringWorkspaceSetting } from "@cdktf/provider-databricks/lib/enhanced-security-monitoring-workspace-setting";
import { RestrictWorkspaceAdminsSetting } from "@cdktf/provider-databricks/lib/restrict-workspace-admins-setting";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { throwIfProblems } from "../core/problems";
import { WorkspaceSecurityProps } from "./props";
import { workspaceSecurityProblems } from "./validation";

/**
 * Workspace security settings (the SRA's `modules/databricks_workspace/disable_legacy_settings`,
 * `enhanced_security_monitoring`, `compliance_security_profile`, `automatic_cluster_update`): legacy access and
 * DBFS root off by default; the Enhanced Security and Compliance features and restricted workspace admins as
 * opt-ins. Workspace-level provider; each setting is a workspace singleton (`global`).
 */
export class WorkspaceSecurity extends Construct {
  /** Legacy access off; undefined with `disableLegacyAccess: false`. */
  public readonly legacyAccess?: DisableLegacyAccessSetting;
  /** Legacy DBFS off; undefined with `disableLegacyDbfs: false`. */
  public readonly legacyDbfs?: DisableLegacyDbfsSetting;
  /** Undefined unless `enhancedSecurityMonitoring`. */
  public readonly enhancedSecurityMonitoring?: EnhancedSecurityMonitoringWorkspaceSetting;
  /** Undefined unless `complianceSecurityProfile`. */
  public readonly complianceSecurityProfile?: ComplianceSecurityProfileWorkspaceSetting;
  /** Undefined unless `automaticClusterUpdate`. */
  public readonly automaticClusterUpdate?: AutomaticClusterUpdateWorkspaceSetting;
  /** Undefined unless `restrictWorkspaceAdmins`. */
  public readonly restrictWorkspaceAdmins?: RestrictWorkspaceAdminsSetting;

  constructor(scope: Construct, id: string, props: WorkspaceSecurityProps & { readonly dependsOn?: ITerraformDependable[] }) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`WorkspaceSecurity ${this.node.path}`, workspaceSecurityProblems(props));
    const provider = ctx.workspaceProvider(this);
    // Legacy access off also needs a default namespace other than hive_metastore (provider docs): the catalog's.
    const dependsOn = props.dependsOn;
    if (props.disableLegacyAccess ?? true) {
      this.legacyAccess = new DisableLegacyAccessSetting(this, "disable-legacy-access", { provider, disableLegacyAccess: { value: true }, dependsOn });
    }
    if (props.disableLegacyDbfs ?? true) {
      this.legacyDbfs = new DisableLegacyDbfsSetting(this, "disable-legacy-dbfs", { provider, disableLegacyDbfs: { value: true } });
    }
    const csp = props.complianceSecurityProfile;
    if (csp) {
      this.complianceSecurityProfile = new ComplianceSecurityProfileWorkspaceSetting(this, "compliance-security-profile", {
        provider, complianceSecurityProfileWorkspace: { isEnabled: true, complianceStandards: [...csp.standards] },
      });
    }
    if (props.enhancedSecurityMonitoring) {
      this.enhancedSecurityMonitoring = new EnhancedSecurityMonitoringWorkspaceSetting(this, "enhanced-security-monitoring", {
        provider, enhancedSecurityMonitoringWorkspace: { isEnabled: true },
      });
    }
    const acu = props.automaticClusterUpdate;
    if (acu) {
      this.automaticClusterUpdate = new AutomaticClusterUpdateWorkspaceSetting(this, "automatic-cluster-update", {
        provider,
        automaticClusterUpdateWorkspace: {
          enabled: true,
          restartEvenIfNoUpdatesAvailable: acu.restartEvenIfNoUpdatesAvailable ?? false,
          maintenanceWindow: {
            weekDayBasedSchedule: {
              dayOfWeek: acu.dayOfWeek, frequency: acu.frequency,
              windowStartTime: { hours: acu.startHour, minutes: acu.startMinute ?? 0 },
            },
          },
        },
      });
    }
    if (props.restrictWorkspaceAdmins) {
      this.restrictWorkspaceAdmins = new RestrictWorkspaceAdminsSetting(this, "restrict-workspace-admins", {
        provider, restrictWorkspaceAdmins: { status: "RESTRICT_TOKENS_AND_JOB_RUN_AS" },
      });
    }
  }
}
