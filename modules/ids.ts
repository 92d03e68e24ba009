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
      : `unknown region; supported regions: ${SUPPORTED_REGIONS.join(", ")}`,
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
