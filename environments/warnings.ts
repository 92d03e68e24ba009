// Warnings: printed by main.ts, never blocking the synth.
import { instanceTypeWarning } from "../modules/core/instance-types";
import { Problem } from "../modules/core/problems";
import type { Environment } from "./schema";

/**
 * What may be wrong but must not stop the synth (main.ts prints it): node types Databricks' list of AWS node types
 * does not include (a stale list must never block a new instance family).
 */
export function configWarnings(env: Environment): Problem[] {
  const wc = env.workspaceConfig;
  if (!wc) return [];
  return (["clusterPolicy", "jobPolicy"] as const).flatMap((policy) => (wc[policy]?.allowedNodeTypes ?? []).flatMap((node, i) => {
    const warning = typeof node === "string" ? instanceTypeWarning(node) : undefined;
    return warning ? [{ path: `workspaceConfig.${policy}.allowedNodeTypes[${i}]`, value: node, message: warning }] : [];
  }));
}
