import { blockList, Compliance, GuardrailRule, nonCompliant, TerraformBlock } from "../rule";

/** Whether a setting block turns its legacy feature off (`<block> { value = true }`). */
function turnsOff(block: TerraformBlock, attribute: string): boolean {
  return blockList(block.config[attribute]).some((b) => b.value === true);
}

/** Production workspaces have legacy access and legacy DBFS off. */
export const legacyAccessOff: GuardrailRule = {
  id: "DBX-UC1",
  condition: "In a production stack that configures a workspace (a workspace-level databricks provider), databricks_disable_legacy_access_setting and databricks_disable_legacy_dbfs_setting turn legacy access and DBFS root off",
  explanation:
    "Legacy access (direct Hive metastore access, external-location fallback mode, runtimes before 13.3 LTS) and the DBFS root " +
    "and mounts reach data outside Unity Catalog's grants and audit; a governed production workspace has neither.",
  fix: "Keep the environment's security.disableLegacyAccess and security.disableLegacyDbfs at their default (true)",
  level: "error",
  appliesTo: ["provider.databricks"],
  check: (provider, context) => {
    if (!context.production) return Compliance.NOT_APPLICABLE;
    const host = String(provider.config.host ?? "");
    if (provider.config.account_id !== undefined || /accounts\./.test(host)) return Compliance.NOT_APPLICABLE; // Account API
    const findings = [
      ...(context.blocks("databricks_disable_legacy_access_setting").some((b) => turnsOff(b, "disable_legacy_access"))
        ? [] : ["no databricks_disable_legacy_access_setting with disable_legacy_access.value = true"]),
      ...(context.blocks("databricks_disable_legacy_dbfs_setting").some((b) => turnsOff(b, "disable_legacy_dbfs"))
        ? [] : ["no databricks_disable_legacy_dbfs_setting with disable_legacy_dbfs.value = true"]),
    ];
    return findings.length ? nonCompliant(findings) : Compliance.COMPLIANT;
  },
};
