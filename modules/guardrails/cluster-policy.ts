import { isExpression, TerraformConfig } from "./rule";

/**
 * A `databricks_cluster_policy`'s definition, parsed: `definition`, or for a policy-family policy its
 * `policy_family_definition_overrides`. `unreadable` when it is an expression the guardrails cannot evaluate.
 */
export function policyDefinition(config: TerraformConfig): Record<string, any> | "missing" | "unreadable" {
  const raw = config.definition ?? config.policy_family_definition_overrides;
  if (raw === undefined || raw === null || raw === "") return "missing";
  if (typeof raw !== "string" || isExpression(raw)) return "unreadable";
  try {
    const parsed = JSON.parse(raw);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : "unreadable";
  } catch {
    return "unreadable";
  }
}

/** A number, or a string of digits, as a number. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
}
