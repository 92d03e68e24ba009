/**
 * IAM policy documents as typed data, rendered to JSON at synth time.
 * Rendering in TypeScript (rather than with a data source) keeps policies literal in the plan, lets tests
 * compare action sets directly, and needs no provider call; Terraform tokens inside strings still resolve.
 */

export type Principal =
  | "*"
  | { readonly AWS: string | readonly string[] }
  | { readonly Service: string | readonly string[] };

export type Condition = Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Principal;
  readonly Action: readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Condition;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** Deterministic JSON (statement and key order as written). */
export function renderPolicy(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}

/** `arn:<partition>:iam::<account>:root` — an account as a principal. */
export function accountRoot(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}
