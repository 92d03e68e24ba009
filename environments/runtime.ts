import type { Problem } from "../modules/core/problems";
import type { Environment } from "./schema";

/** The oldest runtime a workspace with legacy access or legacy DBFS disabled runs: 13.3 LTS. */
export const MIN_RUNTIME_WITHOUT_LEGACY = { major: 13, minor: 3 } as const;

/** Major and minor of a runtime key (`12.2.x-scala2.12` → 12.2, `18.x-scala2.13` → 18.0); undefined for other text. */
export function runtimeVersion(key: string): { major: number; minor: number } | undefined {
  const m = /^(\d+)(?:\.(\d+))?\.x-/.exec(key);
  return m ? { major: Number(m[1]), minor: Number(m[2] ?? 0) } : undefined;
}

/**
 * The environment's runtime against its legacy settings. Disabling legacy access and disabling legacy DBFS each
 * "Disables Databricks Runtime versions prior to 13.3LTS" (provider v1.99.0 docs/resources/disable_legacy_access_setting.md
 * and disable_legacy_dbfs_setting.md; https://docs.databricks.com/aws/en/admin/account-settings/legacy-features), as
 * guardrail DBX-UC1 says: every cluster and job run on an older runtime would fail to start. Both settings are on
 * by default wherever the workspace-config stack exists (WorkspaceSecurity).
 */
export function legacyRuntimeProblems(env: Environment): Problem[] {
  const version = env.workspaceConfig?.sparkVersion;
  if (typeof version !== "string") return [];
  const v = runtimeVersion(version);
  const min = MIN_RUNTIME_WITHOUT_LEGACY;
  if (!v || v.major > min.major || (v.major === min.major && v.minor >= min.minor)) return [];
  const security: NonNullable<Environment["security"]> = env.security ?? {};
  const off = [
    ...(security.disableLegacyAccess !== false ? ["legacy access (security.disableLegacyAccess)"] : []),
    ...(security.disableLegacyDbfs !== false ? ["legacy DBFS (security.disableLegacyDbfs)"] : []),
  ];
  if (!off.length) return [];
  return [{
    path: "workspaceConfig.sparkVersion", value: version,
    message: `is older than Databricks Runtime 13.3 LTS, which a workspace with ${off.join(" and ")} disabled refuses: every cluster and job run would fail to start; use 13.3 LTS or newer, e.g. "18.x-scala2.13"`,
  }];
}
