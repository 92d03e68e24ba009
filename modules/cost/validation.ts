import type { Problem } from "../core/problems";
import { recipientProblems } from "../core/email";
import { isRecord, listOf } from "../core/shape";
import { DEFAULT_FILTER_TAG_KEYS, EnvironmentBudgetProps, MAX_BUDGET_POLICY_TAGS, RESERVED_BUDGET_POLICY_TAGS } from "./props";

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Problems of a `budget` section (paths relative to it). Reports wrong types instead of throwing. */
export function environmentBudgetProblems(props: EnvironmentBudgetProps, ctx: { readonly tags?: Readonly<Record<string, string>> }): Problem[] {
  const problems: Problem[] = [];
  if (!isNumber(props.monthlyLimitUsd) || props.monthlyLimitUsd <= 0) {
    problems.push({ path: "monthlyLimitUsd", value: props.monthlyLimitUsd, message: "must be a number of US dollars greater than 0" });
  }
  const seen = new Set<number>();
  listOf(props.alertThresholdsPercent).forEach((p, i) => {
    if (!isNumber(p) || p <= 0 || p > 1000) problems.push({ path: `alertThresholdsPercent[${i}]`, value: p, message: "must be a percentage greater than 0 and at most 1000" });
    else if (seen.has(p)) problems.push({ path: `alertThresholdsPercent[${i}]`, value: p, message: "is listed twice" });
    seen.add(p);
  });
  problems.push(...recipientProblems(props.recipients, "recipients", "a budget alert nobody receives is never seen", "finops@example.com"));
  const tags: Readonly<Record<string, unknown>> = isRecord(ctx.tags) ? ctx.tags : {};
  (Array.isArray(props.filterTagKeys) ? props.filterTagKeys : DEFAULT_FILTER_TAG_KEYS).forEach((key, i) => {
    if (typeof key !== "string" || !(key in tags)) {
      const path = props.filterTagKeys ? `filterTagKeys[${i}]` : "filterTagKeys";
      problems.push({ path, value: key, message: `must be one of the environment's tags (${Object.keys(tags).join(", ") || "none"}): the budget filters usage by the tag's value` });
    }
  });
  if (props.serverlessBudgetPolicy ?? true) {
    const keys = Object.keys(tags);
    if (keys.length > MAX_BUDGET_POLICY_TAGS) {
      problems.push({ path: "serverlessBudgetPolicy", value: true, message: `a budget policy holds at most ${MAX_BUDGET_POLICY_TAGS} tags and the environment has ${keys.length}` });
    }
    for (const key of keys.filter((k) => RESERVED_BUDGET_POLICY_TAGS.includes(k))) {
      problems.push({ path: "serverlessBudgetPolicy", value: true, message: `the environment tag "${key}" is reserved by budget policies (${RESERVED_BUDGET_POLICY_TAGS.join(", ")})` });
    }
  }
  return problems;
}
