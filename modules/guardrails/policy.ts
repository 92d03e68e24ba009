import { blockList, RuleContext, stringList, TerraformConfig } from "./rule";

/**
 * IAM policy statements as the rules read them: from literal JSON (what this project renders) or from an
 * `aws_iam_policy_document` data source of the same stack, normalized to lists.
 */

/** One condition entry: `StringEquals` / `sts:ExternalId` / values. */
export interface PolicyCondition {
  /** Condition operator, e.g. `StringEquals`, `Bool`. */
  readonly operator: string;
  /** Condition key, e.g. `sts:ExternalId`. */
  readonly key: string;
  /** Values, as strings (`false` → "false"). */
  readonly values: readonly string[];
}

/** One statement, every list normalized (a missing element is undefined, not empty). */
export interface NormalizedStatement {
  /** `Statement[2] (Sid)`, for findings. */
  readonly label: string;
  /** Allow or Deny. */
  readonly effect: string;
  /** `Action`, if the statement has one. */
  readonly actions?: readonly string[];
  /** `NotAction`, if the statement has one. */
  readonly notActions?: readonly string[];
  /** `Resource`, if the statement has one. */
  readonly resources?: readonly string[];
  /** `NotResource`, if the statement has one. */
  readonly notResources?: readonly string[];
  /** AWS principals (`Principal: "*"` gives `["*"]`); other principal types are left out. */
  readonly awsPrincipals: readonly string[];
  /** AWS service principals (`Principal: { Service: "cloudtrail.amazonaws.com" }`). */
  readonly servicePrincipals: readonly string[];
  /** Every condition entry. */
  readonly conditions: readonly PolicyCondition[];
}

const DOCUMENT_REF = /^\$\{data\.aws_iam_policy_document\.([\w-]+)\.(json|minified_json)\}$/;

/**
 * The statements of a policy attribute: literal JSON, or (with `context`) a reference to an `aws_iam_policy_document`
 * of the stack. Undefined when the policy cannot be read (another expression).
 */
export function policyStatements(value: unknown, context?: RuleContext): NormalizedStatement[] | undefined {
  if (typeof value !== "string") return undefined;
  const ref = DOCUMENT_REF.exec(value);
  if (ref) {
    const doc = context?.blocks("data.aws_iam_policy_document").find((b) => b.address === `data.aws_iam_policy_document.${ref[1]}`);
    return doc ? documentStatements(doc.config, context) : undefined;
  }
  let parsed: any;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  return jsonStatements(parsed);
}

function jsonStatements(doc: any): NormalizedStatement[] | undefined {
  if (doc === null || typeof doc !== "object") return undefined;
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return list.filter((s: unknown) => s !== null && typeof s === "object").map((s: any, i: number): NormalizedStatement => ({
    label: label(i, s.Sid),
    effect: String(s.Effect ?? ""),
    actions: optionalList(s.Action),
    notActions: optionalList(s.NotAction),
    resources: optionalList(s.Resource),
    notResources: optionalList(s.NotResource),
    awsPrincipals: s.Principal === "*" ? ["*"] : stringList(s.Principal?.AWS),
    servicePrincipals: s.Principal === "*" ? [] : stringList(s.Principal?.Service),
    conditions: Object.entries(s.Condition ?? {}).flatMap(([operator, entries]) =>
      Object.entries((entries ?? {}) as Record<string, unknown>).map(([key, v]) => ({ operator, key, values: valueList(v) }))),
  }));
}

/** Statements of a resolved `aws_iam_policy_document` (its own, then those of its source documents). */
export function documentStatements(config: TerraformConfig, context?: RuleContext): NormalizedStatement[] {
  const own = blockList(config.statement).map((s, i): NormalizedStatement => ({
    label: label(i, s.sid),
    effect: String(s.effect ?? "Allow"),
    actions: optionalList(s.actions),
    notActions: optionalList(s.not_actions),
    resources: optionalList(s.resources),
    notResources: optionalList(s.not_resources),
    awsPrincipals: blockList(s.principals).filter((p) => p.type === "AWS" || p.type === "*").flatMap((p) => stringList(p.identifiers)),
    servicePrincipals: blockList(s.principals).filter((p) => p.type === "Service").flatMap((p) => stringList(p.identifiers)),
    conditions: blockList(s.condition).map((c) => ({ operator: String(c.test), key: String(c.variable), values: valueList(c.values) })),
  }));
  const sources = [...stringList(config.source_policy_documents), ...stringList(config.override_policy_documents)];
  return [...own, ...sources.flatMap((src) => policyStatements(src, context) ?? [])];
}

const PATTERNS = new Map<string, RegExp>();

/** Whether an IAM action pattern (`iam:*`, `iam:Pass*`, `*`) matches an action, case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  // Most actions in a policy are plain names: compare them; compile each wildcard pattern once.
  if (!/[*?]/.test(pattern)) return pattern.toLowerCase() === action.toLowerCase();
  let regex = PATTERNS.get(pattern);
  if (!regex) PATTERNS.set(pattern, (regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i")));
  return regex.test(action);
}

/** Whether the statement's Action (or NotAction) lets it apply to `action`. */
export function coversAction(statement: NormalizedStatement, action: string): boolean {
  if (statement.actions) return statement.actions.some((a) => actionMatches(a, action));
  if (statement.notActions) return !statement.notActions.some((a) => actionMatches(a, action));
  return false;
}

function label(index: number, sid: unknown): string {
  return `Statement[${index}]${typeof sid === "string" && sid ? ` (${sid})` : ""}`;
}

function optionalList(value: unknown): string[] | undefined {
  return value === undefined || value === null ? undefined : stringList(value);
}

function valueList(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null).map(String);
}
