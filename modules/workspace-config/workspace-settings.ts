import { IpAccessList } from "@cdktf/provider-databricks/lib/ip-access-list";
import { WorkspaceConf } from "@cdktf/provider-databricks/lib/workspace-conf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { Problem, throwIfProblems } from "../core/problems";
import { IpAccessListsSettings, ipAccessListsProblems } from "./ip-access-lists";

export type { IpAccessListsSettings } from "./ip-access-lists";
export { ipAccessListsProblems, MAX_IP_ACCESS_ENTRIES } from "./ip-access-lists";

/** Workspace hardening switches (the workspace-conf API's `enable*` keys). */
export interface WorkspaceHardeningSettings {
  /** Turn off the DBFS file browser in the UI (browsing the root bucket, where users should not keep data). @default true */
  readonly disableDbfsFileBrowser?: boolean;
  /** Turn off exporting notebooks (source and results leave the workspace). @default false */
  readonly disableNotebookExport?: boolean;
  /** Turn off downloading notebook and SQL results (data leaves the workspace). @default false */
  readonly disableResultsDownload?: boolean;
  /** Verbose audit logs: also log each notebook command and SQL query. @default true */
  readonly verboseAuditLogs?: boolean;
}

/**
 * Props of {@link WorkspaceSettings}: the environment config's `workspaceConfig` fields for it. The workspace-level
 * provider and the prefix of the IP access lists' labels (`<prefix>-allow`, `<prefix>-block`) come from the
 * `DeploymentContext`.
 */
export interface WorkspaceSettingsProps {
  /** IP access lists; turns the feature on. @default - no lists, feature off */
  readonly ipAccessLists?: IpAccessListsSettings;
  /** Longest lifetime of a new personal access token, 1 to 730 days. @default 90 */
  readonly maxTokenLifetimeDays?: number;
  /** Hardening switches. @default - DBFS file browser off, verbose audit logs on, export and download allowed */
  readonly hardening?: WorkspaceHardeningSettings;
  /**
   * Public IPs the workspace's clusters reach the control plane from (its NAT gateways' addresses; tokens allowed),
   * added to the allow list: without back-end PrivateLink, Databricks launches no classic compute from addresses
   * outside it (https://docs.databricks.com/en/security/network/front-end/ip-access-list-workspace.html). Not part
   * of the environment config: the stack passes the NAT gateways it creates.
   * @default - none
   */
  readonly computeEgressIps?: readonly string[];
  /**
   * `prevent_destroy` on the workspace conf and the IP access lists: destroying the conf resets every boolean key to
   * "false" (tokens off, verbose audit logs off), destroying the lists opens the workspace to every address.
   * @default - the context's protectData
   */
  readonly preventDestroy?: boolean;
}

export const TOKEN_LIFETIME_DAYS = { min: 1, max: 730, default: 90 } as const;

/** Problems with the settings, paths relative to the props (`ipAccessLists.allow[0]`). */
export function workspaceSettingsProblems(props: WorkspaceSettingsProps): Problem[] {
  const problems: Problem[] = [];
  const days = props.maxTokenLifetimeDays;
  if (days !== undefined && (!Number.isInteger(days) || days < TOKEN_LIFETIME_DAYS.min || days > TOKEN_LIFETIME_DAYS.max)) {
    problems.push({ path: "maxTokenLifetimeDays", value: days, message: `must be an integer from ${TOKEN_LIFETIME_DAYS.min} to ${TOKEN_LIFETIME_DAYS.max} (Databricks' token lifetime range)` });
  }
  if (props.ipAccessLists) problems.push(...ipAccessListsProblems(props.ipAccessLists, props.computeEgressIps?.length ?? 0));
  return problems;
}

/** `custom_config` values are strings. */
const flag = (on: boolean) => (on ? "true" : "false");

/**
 * Workspace hardening through the workspace-conf API: one `databricks_workspace_conf` (Databricks recommends a single
 * one per workspace) and, when configured, IP access lists created after the feature is switched on. With
 * `preventDestroy` (default: the context's protectData) Terraform refuses to destroy any of them: on delete the
 * provider resets every boolean key of the conf to "false", personal access tokens and verbose audit logs included
 * (terraform-provider-databricks v1.99.0 workspace/resource_workspace_conf.go, deleteWorkspaceConf), and deleting
 * the lists lets every address in.
 */
export class WorkspaceSettings extends Construct {
  /** The workspace's single `databricks_workspace_conf`: token lifetime, DBFS browser, export and download switches, verbose audit logs, IP access lists on or off. */
  public readonly conf: WorkspaceConf;
  /** Undefined without `ipAccessLists`. */
  public readonly allowList?: IpAccessList;
  /** Undefined without block entries. */
  public readonly blockList?: IpAccessList;

  constructor(scope: Construct, id: string, props: WorkspaceSettingsProps) {
    super(scope, id);
    const context = DeploymentContext.of(this);
    throwIfProblems(`WorkspaceSettings ${this.node.path}`, workspaceSettingsProblems(props));
    const provider = context.workspaceProvider(this);
    const lists = props.ipAccessLists;
    const hardening = props.hardening ?? {};
    const lifecycle = (props.preventDestroy ?? context.protectData) ? { preventDestroy: true } : undefined;
    this.conf = new WorkspaceConf(this, "workspace-conf", {
      provider,
      lifecycle,
      customConfig: {
        // IP access lists are enforced only while this is on; off (explicitly) without lists.
        enableIpAccessLists: flag(lists !== undefined),
        // Caps new personal access tokens; existing tokens keep their lifetime.
        maxTokenLifetimeDays: String(props.maxTokenLifetimeDays ?? TOKEN_LIFETIME_DAYS.default),
        // Token use stays on (automation uses tokens); the lifetime cap above is the control.
        enableTokensConfig: "true",
        // The DBFS browser exposes the root bucket, which is not meant for user data.
        enableDbfsFileBrowser: flag(!(hardening.disableDbfsFileBrowser ?? true)),
        // Notebook export and results download are data-exfiltration paths; prod turns them off.
        enableExportNotebook: flag(!(hardening.disableNotebookExport ?? false)),
        enableResultsDownloading: flag(!(hardening.disableResultsDownload ?? false)),
        // Verbose audit logs record every notebook command and SQL query in the audit log delivery.
        enableVerboseAuditLogs: flag(hardening.verboseAuditLogs ?? true),
      },
    });
    if (!lists) return;
    // The lists need the feature on first, or the API refuses them.
    this.allowList = new IpAccessList(this, "allow-list", {
      provider, label: context.nameOf("allow"), listType: "ALLOW", ipAddresses: [...lists.allow, ...(props.computeEgressIps ?? [])], enabled: true, dependsOn: [this.conf], lifecycle,
    });
    if (lists.block && lists.block.length > 0) {
      this.blockList = new IpAccessList(this, "block-list", {
        provider, label: context.nameOf("block"), listType: "BLOCK", ipAddresses: [...lists.block], enabled: true, dependsOn: [this.conf], lifecycle,
      });
    }
  }
}
