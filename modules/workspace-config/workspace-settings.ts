import { IpAccessList } from "@cdktf/provider-databricks/lib/ip-access-list";
import { WorkspaceConf } from "@cdktf/provider-databricks/lib/workspace-conf";
import { IPv4CidrRange } from "ip-num";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { Problem, throwIfProblems } from "../core/problems";
import { parseCidr } from "../core/cidr";

/** IP access lists of a workspace: who may reach its UI and REST API. */
export interface IpAccessListsSettings {
  /** Addresses or CIDRs allowed to reach the workspace UI and API; never empty (that would lock everyone out). */
  readonly allow: readonly string[];
  /** Addresses or CIDRs refused even inside an allowed range (block lists win). @default - none */
  readonly block?: readonly string[];
}

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
}

/** Databricks: at most 1000 IP/CIDR values per workspace, across all allow and block lists together. */
export const MAX_IP_ACCESS_ENTRIES = 1000;
export const TOKEN_LIFETIME_DAYS = { min: 1, max: 730, default: 90 } as const;

/** Dotted-quad IPv4 address (no prefix). */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IP access list entry as a range: a CIDR, or a plain address as its /32. */
function parseEntry(text: unknown): { range: IPv4CidrRange } | { error: string } {
  if (typeof text === "string" && IPV4.test(text)) return parseCidr(`${text}/32`);
  const parsed = parseCidr(text);
  return "error" in parsed ? { error: parsed.error.replace("is not an IPv4 CIDR block (expected a.b.c.d/n)", "is not an IPv4 address or CIDR block (expected a.b.c.d or a.b.c.d/n)") } : parsed;
}

const canonical = (range: IPv4CidrRange) => range.toCidrString();

/** Problems with the settings, paths relative to the props (`ipAccessLists.allow[0]`). */
export function workspaceSettingsProblems(props: WorkspaceSettingsProps): Problem[] {
  const problems: Problem[] = [];
  const days = props.maxTokenLifetimeDays;
  if (days !== undefined && (!Number.isInteger(days) || days < TOKEN_LIFETIME_DAYS.min || days > TOKEN_LIFETIME_DAYS.max)) {
    problems.push({ path: "maxTokenLifetimeDays", value: days, message: `must be an integer from ${TOKEN_LIFETIME_DAYS.min} to ${TOKEN_LIFETIME_DAYS.max} (Databricks' token lifetime range)` });
  }
  const lists = props.ipAccessLists;
  if (!lists) return problems;
  if (lists.allow.length === 0) {
    problems.push({ path: "ipAccessLists.allow", value: [], message: "must list at least one address or CIDR: enabling IP access lists with an empty allow list locks everyone out" });
  }
  const block = lists.block ?? [];
  if (lists.allow.length + block.length > MAX_IP_ACCESS_ENTRIES) {
    problems.push({ path: "ipAccessLists", value: undefined,
      message: `has ${lists.allow.length + block.length} entries; Databricks allows at most ${MAX_IP_ACCESS_ENTRIES} across the allow and block lists together` });
  }
  const check = (entries: readonly string[], name: "allow" | "block") => {
    const seen = new Map<string, number>();
    const ranges: Array<{ range: IPv4CidrRange; text: string }> = [];
    entries.forEach((entry, i) => {
      const path = `ipAccessLists.${name}[${i}]`;
      const parsed = parseEntry(entry);
      if ("error" in parsed) {
        problems.push({ path, value: entry, message: parsed.error });
        return;
      }
      const key = canonical(parsed.range);
      if (seen.has(key)) {
        problems.push({ path, value: entry, message: `repeats ipAccessLists.${name}[${seen.get(key)}]` });
        return;
      }
      seen.set(key, i);
      if (name === "block" && key === "0.0.0.0/0") {
        problems.push({ path, value: entry, message: "blocks every address, locking everyone out; block specific addresses, or remove ipAccessLists" });
      }
      ranges.push({ range: parsed.range, text: entry });
    });
    return ranges;
  };
  const allowed = check(lists.allow, "allow");
  const blocked = check(block, "block");
  // Block lists are checked first: an allow entry wholly inside a blocked range admits nobody.
  allowed.forEach(({ range, text }) => {
    const by = blocked.find((b) => range.inside(b.range) || range.isEquals(b.range));
    if (by) {
      problems.push({ path: `ipAccessLists.allow[${lists.allow.indexOf(text)}]`, value: text,
        message: `is inside blocked ${by.text}; block lists take precedence, so this entry admits nobody` });
    }
  });
  return problems;
}

/** `custom_config` values are strings. */
const flag = (on: boolean) => (on ? "true" : "false");

/**
 * Workspace hardening through the workspace-conf API: one `databricks_workspace_conf` (Databricks recommends a single
 * one per workspace; on destroy its `enable*` keys reset to "false") and, when configured, IP access lists created
 * after the feature is switched on.
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
    this.conf = new WorkspaceConf(this, "workspace-conf", {
      provider,
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
      provider, label: context.nameOf("allow"), listType: "ALLOW", ipAddresses: [...lists.allow], enabled: true, dependsOn: [this.conf],
    });
    if (lists.block && lists.block.length > 0) {
      this.blockList = new IpAccessList(this, "block-list", {
        provider, label: context.nameOf("block"), listType: "BLOCK", ipAddresses: [...lists.block], enabled: true, dependsOn: [this.conf],
      });
    }
  }
}
