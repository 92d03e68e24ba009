import type { Problem } from "../core/problems";
import { recipientProblems } from "../core/email";
import { isRecord } from "../core/shape";
import { jobScheduleProblems } from "../pipeline/schedule";
import { SecurityAlertsProps, WAREHOUSE_SIZES } from "./props";


/** Problems of a `securityAlerts` section (paths relative to it). Reports wrong types instead of throwing. */
export function securityAlertsProblems(props: SecurityAlertsProps): Problem[] {
  const problems: Problem[] = [];
  problems.push(...recipientProblems(props.recipients, "recipients", "an alert nobody receives is never seen", "security@example.com"));
  if (props.warehouseSize !== undefined && !(WAREHOUSE_SIZES as readonly string[]).includes(props.warehouseSize)) {
    problems.push({ path: "warehouseSize", value: props.warehouseSize, message: `must be one of: ${WAREHOUSE_SIZES.join(", ")}` });
  }
  if (isRecord(props.schedule)) problems.push(...jobScheduleProblems(props.schedule));
  return problems;
}
