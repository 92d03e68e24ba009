import { Problem } from "../core/problems";
import { isRecord } from "../core/shape";

/** When the job runs: `workspaceConfig.pipeline.schedule`, the job's `schedule` block. */
export interface JobSchedule {
  /**
   * Quartz cron expression, 6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year], with `?` in
   * one of the two day fields, e.g. `"0 0 * * * ?"` (hourly), `"0 0/15 * * * ?"` (every 15 minutes).
   * http://www.quartz-scheduler.org/documentation/quartz-2.3.0/tutorials/crontrigger.html
   */
  readonly cron: string;
  /** Time zone the cron is read in: a Java (IANA) zone id, case-sensitive. @default "UTC" */
  readonly timezone?: string;
  /** Create the schedule paused (the job then runs only on demand until someone unpauses it). @default false */
  readonly paused?: boolean;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface CronField { readonly name: string; readonly min: number; readonly max: number; readonly names?: readonly string[] }
const FIELDS: readonly CronField[] = [
  { name: "seconds", min: 0, max: 59 }, { name: "minutes", min: 0, max: 59 }, { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 }, { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day-of-week", min: 1, max: 7, names: DAYS }, { name: "year", min: 1970, max: 2099 },
];

/** A field value: a number in range, or (month, day-of-week) a three-letter name. */
function value(text: string, field: CronField): boolean {
  if (/^\d+$/.test(text)) return Number(text) >= field.min && Number(text) <= field.max;
  return field.names?.includes(text.toUpperCase()) ?? false;
}

/** One comma-separated item of a field: `*`, `v`, `v-v`, either with `/step`, or a day field's L / W / # forms. */
function item(text: string, field: CronField): boolean {
  if (field.name === "day-of-month" && /^(L(-([1-9]|[12]\d|30))?|LW|([1-9]|[12]\d|3[01])W)$/.test(text)) return true;
  if (field.name === "day-of-week" && (/^L$/.test(text) || /^([1-7]|[A-Za-z]{3})(L|#[1-5])$/.test(text))) return value(text.replace(/(L|#[1-5])$/, ""), field);
  const [base, step, extra] = text.split("/");
  if (extra !== undefined || (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1))) return false;
  if (base === "*") return true;
  const [from, to, more] = base.split("-");
  return more === undefined && value(from, field) && (to === undefined || value(to, field));
}

/** Problems with a Quartz cron expression at `path`. */
export function quartzCronProblems(cron: string, path: string): Problem[] {
  const fields = cron.trim().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) {
    const unix = fields.length === 5 ? " (a Unix cron? Quartz puts seconds first and ? in day-of-month or day-of-week)" : "";
    return [{ path, value: cron, message: `must be a Quartz cron expression of 6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year], e.g. "0 0 * * * ?"; has ${fields.length}${unix}` }];
  }
  const problems: Problem[] = [];
  fields.forEach((text, i) => {
    const field = FIELDS[i];
    const ok = text === "?" ? field.name === "day-of-month" || field.name === "day-of-week" : text.split(",").every((part) => item(part, field));
    if (!ok) problems.push({ path, value: cron, message: `has an invalid ${field.name} field ${JSON.stringify(text)} (${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ""}, *, lists, ranges, /steps)` });
  });
  // Quartz: exactly one of the two day fields is "?" (it refuses both or neither).
  if (problems.length === 0 && (fields[3] === "?") === (fields[5] === "?")) {
    problems.push({ path, value: cron, message: "must have ? in exactly one of day-of-month and day-of-week (Quartz), e.g. \"0 0 3 * * ?\"" });
  }
  return problems;
}

/**
 * Whether `zone` is a time-zone id Java accepts: a name of the IANA tz database (which Java's tzdb ships), checked
 * with Node's own copy of that database (ICU, through `Intl`), so no data package goes stale separately.
 * `Intl.supportedValuesOf("timeZone")` alone would refuse valid ids (it lists ICU's canonical names only: no `UTC`,
 * `Asia/Calcutta` but not `Asia/Kolkata`). Intl ignores case and Java doesn't, so the case is checked too.
 */
export function isJavaTimeZone(zone: string): boolean {
  // The common ids need no lookup: the first Intl time-zone lookup loads ICU's zone data (~20 ms of every synth).
  if (zone === "UTC" || zone === "Etc/UTC" || zone === "GMT") return true;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  if (resolved.toLowerCase() === zone.toLowerCase()) return resolved === zone;
  return zone.split("/").every((segment) => /^[A-Z0-9]/.test(segment)); // an alias (Asia/Kolkata): IANA segments are capitalized
}

/** Problems with a schedule, paths under `path` (`schedule.cron`). */
export function jobScheduleProblems(schedule: JobSchedule | undefined, path = "schedule"): Problem[] {
  if (!isRecord(schedule)) return []; // none, or of a type the schema reports
  const problems = typeof schedule.cron === "string" ? quartzCronProblems(schedule.cron, `${path}.cron`) : [];
  if (typeof schedule.timezone === "string" && !isJavaTimeZone(schedule.timezone)) {
    problems.push({ path: `${path}.timezone`, value: schedule.timezone, message: 'must be a Java (IANA) time zone id like "UTC" or "Europe/Berlin" (case-sensitive)' });
  }
  return problems;
}
