import type { Problem } from "./problems";

/** CloudWatch Logs' allowed retention periods, in days (PutRetentionPolicy `retentionInDays`). */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** A retention period CloudWatch Logs accepts (undefined: the construct's default). */
export function logRetentionProblems(path: string, days: number | undefined): Problem[] {
  if (days === undefined || LOG_RETENTION_DAYS.includes(days)) return [];
  return [{ path, value: days, message: `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}` }];
}
