import { Token } from "cdktf";
import { SUPPORTED_REGIONS, REGIONS } from "./constants";
import type { Problem } from "./problems";

/** Id formats every module checks the same way. Tokens (values known only at apply time) pass. */
export const AWS_ACCOUNT_ID = /^\d{12}$/;
export const DATABRICKS_ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A literal, supported region. `picks` says what it decides at synth time, e.g. "the key policies' ARNs". */
export function regionProblems(region: string, picks: string): Problem[] {
  if (REGIONS[region]) return [];
  return [{
    path: "region", value: region,
    message: Token.isUnresolved(region)
      ? `must be a literal region, not a token: it picks ${picks} at synth time`
      : unknownRegionMessage(),
  }];
}

export function awsAccountIdProblems(id: string): Problem[] {
  if (Token.isUnresolved(id) || AWS_ACCOUNT_ID.test(id)) return [];
  return [{ path: "awsAccountId", value: id, message: "must be an AWS account id: exactly 12 digits" }];
}

/** `why` (e.g. "the principal-tag condition is case-sensitive") is appended in parentheses. */
export function databricksAccountIdProblems(id: string, why?: string): Problem[] {
  if (Token.isUnresolved(id) || DATABRICKS_ACCOUNT_ID.test(id)) return [];
  return [{
    path: "databricksAccountId", value: id,
    message: `must be a Databricks account id: a lowercase UUID like 0a1b2c3d-0000-4000-8000-000000000000${why ? ` (${why})` : ""}`,
  }];
}

/** The one message for a region Databricks' constants don't cover. */
export function unknownRegionMessage(): string {
  return `unknown region; supported regions: ${SUPPORTED_REGIONS.join(", ")}`;
}

/** AWS resource ids: `<kind>-` followed by 8 or 17 lowercase hex digits (vpc-, subnet-, sg-, tgw-, vpce-…). */
export function awsResourceIdPattern(kind: string): RegExp {
  return new RegExp(`^${kind}-([0-9a-f]{8}|[0-9a-f]{17})$`);
}

const ID_WHAT: Readonly<Record<string, string>> = {
  vpc: "a VPC id", subnet: "a subnet id", sg: "a security group id", tgw: "a transit gateway id", vpce: "a VPC endpoint id",
};

/** A `<kind>-…` id, unless a token. */
export function awsResourceIdProblems(path: string, value: string, kind: string): Problem[] {
  if (Token.isUnresolved(value) || awsResourceIdPattern(kind).test(value)) return [];
  return [{ path, value, message: `is not ${ID_WHAT[kind] ?? `a ${kind} id`} (${kind}- followed by 8 or 17 hex digits)` }];
}

/** A literal list of `min` to `max` distinct `<kind>-…` ids (elements may be tokens); `why` explains the count. */
export function awsResourceIdListProblems(path: string, ids: readonly string[], kind: string, count: { min: number; max?: number; why: string }): Problem[] {
  if (Token.isUnresolved(ids)) {
    return [{ path, value: "<list token>", message: "must be a literal list (its elements may be tokens): its length is checked at synth time" }];
  }
  const problems: Problem[] = [];
  if (ids.length < count.min || (count.max !== undefined && ids.length > count.max)) {
    const range = count.max === undefined ? `at least ${count.min}` : `${count.min} to ${count.max} ids`;
    problems.push({ path, value: ids, message: `needs ${range}: ${count.why}` });
  }
  ids.forEach((id, i) => {
    const found = awsResourceIdProblems(`${path}[${i}]`, id, kind);
    if (found.length) problems.push(...found);
    else if (!Token.isUnresolved(id) && ids.indexOf(id) !== i) problems.push({ path: `${path}[${i}]`, value: id, message: "is listed twice" });
  });
  return problems;
}
