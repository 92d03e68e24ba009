import type { Problem } from "../core/problems";
import { isRecord } from "../core/shape";
import { jobScheduleProblems } from "../pipeline/schedule";
import { SecurityAlertsProps, WAREHOUSE_SIZES } from "./props";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Problems of a `securityAlerts` section (paths relative to it). Reports wrong types instead of throwing. */
export function securityAlertsProblems(props: SecurityAlertsProps): Problem[] {
  const problems: Problem[] = [];
  if (!Array.isArray(props.recipients) || props.recipients.length === 0) {
    problems.push({ path: "recipients", value: props.recipients, message: "must list at least one e-mail address: an alert nobody receives is never seen" });
  } else {
    props.recipients.forEach((r, i) => {
      if (typeof r !== "string" || !EMAIL.test(r)) problems.push({ path: `recipients[${i}]`, value: r, message: "is not an e-mail address like security@example.com" });
    });
  }
  if (props.warehouseSize !== undefined && !(WAREHOUSE_SIZES as readonly string[]).includes(props.warehouseSize)) {
    problems.push({ path: "warehouseSize", value: props.warehouseSize, message: `must be one of: ${WAREHOUSE_SIZES.join(", ")}` });
  }
  if (isRecord(props.schedule)) problems.push(...jobScheduleProblems(props.schedule));
  return problems;
}
