import type { Problem } from "../core/problems";
import { COMPLIANCE_STANDARDS, DAYS_OF_WEEK, MAINTENANCE_FREQUENCIES, WorkspaceSecurityProps } from "./props";

/** Features of the Enhanced Security and Compliance add-on, by props field. */
export const ESC_FEATURES: ReadonlyArray<keyof WorkspaceSecurityProps> = ["enhancedSecurityMonitoring", "complianceSecurityProfile", "automaticClusterUpdate"];

/** Every problem with the props of a {@link WorkspaceSecurity} (paths relative to the props). */
export function workspaceSecurityProblems(props: WorkspaceSecurityProps): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const csp = props.complianceSecurityProfile;
  if (csp) {
    if (csp.standards.length === 0) add("complianceSecurityProfile.standards", [], "must list at least one standard, or [\"NONE\"] for the profile alone");
    csp.standards.forEach((s, i) => {
      if (!(COMPLIANCE_STANDARDS as readonly string[]).includes(s)) add(`complianceSecurityProfile.standards[${i}]`, s, `must be one of: ${COMPLIANCE_STANDARDS.join(", ")}`);
    });
    if (csp.standards.includes("NONE") && csp.standards.length > 1) add("complianceSecurityProfile.standards", csp.standards, "lists NONE with other standards; use one or the other");
    // The profile turns both on (provider docs, enhanced_security_monitoring_setting.md): saying otherwise is a contradiction.
    if (props.enhancedSecurityMonitoring === false) add("enhancedSecurityMonitoring", false, "cannot be false with complianceSecurityProfile: the profile turns it on");
  }
  // The add-on is billed on top of the tier: a config switches it on only with the owner's explicit acknowledgement.
  const paid = ESC_FEATURES.filter((f) => props[f] !== undefined && props[f] !== false);
  if (paid.length && props.complianceAddOn !== true) {
    const list = paid.length > 1 ? `${paid.slice(0, -1).join(", ")} and ${paid[paid.length - 1]}` : paid[0];
    add("complianceAddOn", props.complianceAddOn, `must be true to turn on ${list}: ${paid.length > 1 ? "they need" : "it needs"} the Enhanced Security and Compliance add-on, which Databricks charges on top of the Enterprise tier; set it once your account has the add-on (docs/hardening.md, "Paid add-on")`);
  }
  const acu = props.automaticClusterUpdate;
  if (acu) {
    if (!(DAYS_OF_WEEK as readonly string[]).includes(acu.dayOfWeek)) add("automaticClusterUpdate.dayOfWeek", acu.dayOfWeek, `must be one of: ${DAYS_OF_WEEK.join(", ")}`);
    if (!(MAINTENANCE_FREQUENCIES as readonly string[]).includes(acu.frequency)) add("automaticClusterUpdate.frequency", acu.frequency, `must be one of: ${MAINTENANCE_FREQUENCIES.join(", ")}`);
    if (!Number.isInteger(acu.startHour) || acu.startHour < 0 || acu.startHour > 23) add("automaticClusterUpdate.startHour", acu.startHour, "must be an hour of the day, 0 to 23 (UTC)");
    const m = acu.startMinute;
    if (m !== undefined && (!Number.isInteger(m) || m < 0 || m > 59)) add("automaticClusterUpdate.startMinute", m, "must be 0 to 59");
  }
  return problems;
}

/** The add-on features an environment on `tier` may not use (Enhanced Security and Compliance needs Enterprise on AWS). */
export function securityTierProblems(props: WorkspaceSecurityProps, tier: string): Problem[] {
  if (tier === "ENTERPRISE") return [];
  return ESC_FEATURES.filter((f) => props[f] !== undefined && props[f] !== false).map((f) => ({
    path: f, value: props[f],
    message: `needs the Enhanced Security and Compliance add-on, which Databricks offers on the Enterprise tier only (workspace.pricingTier is ${tier})`,
  }));
}
