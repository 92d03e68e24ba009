import type { IConstruct } from "constructs";

/** What one rule says about one Terraform block (cdk-nag's `NagRuleCompliance`). */
export enum Compliance {
  /** The block meets the rule's condition. */
  COMPLIANT = "COMPLIANT",
  /** The block breaks the rule's condition. */
  NON_COMPLIANT = "NON_COMPLIANT",
  /** The rule has nothing to say about this block (e.g. flow logs outside production). */
  NOT_APPLICABLE = "NOT_APPLICABLE",
}

/** A non-compliant result with what exactly is wrong: one finding per port, CIDR, statement, tag... */
export interface NonCompliance {
  /** Always NON_COMPLIANT. */
  readonly compliance: Compliance.NON_COMPLIANT;
  /** What is wrong, each a short phrase naming the offending value (never a secret). */
  readonly findings: readonly string[];
}

/** A rule's verdict: a plain `Compliance`, or NON_COMPLIANT with granular findings. */
export type RuleResult = Compliance | NonCompliance;

/** NON_COMPLIANT with findings; no findings at all means compliant. */
export function nonCompliant(findings: readonly string[]): RuleResult {
  return findings.length > 0 ? { compliance: Compliance.NON_COMPLIANT, findings } : Compliance.COMPLIANT;
}

/** `error` fails the synth; `warning` is reported and does not. */
export type RuleLevel = "error" | "warning";

/** Resolved Terraform JSON of one block, snake_case keys as in cdk.tf.json. */
export type TerraformConfig = Readonly<Record<string, any>>;

/** One resource, data source or provider block, as a rule sees it. */
export interface TerraformBlock {
  /** Which kind of Terraform block this is. */
  readonly kind: "resource" | "data" | "provider";
  /** Terraform type: `aws_vpc`, `aws_iam_policy_document` (data), `aws` (provider). */
  readonly type: string;
  /** Terraform address: `aws_vpc.network_vpc_4E8F0223`, `data.aws_iam_policy_document.x`, `provider.databricks.mws`. */
  readonly address: string;
  /** Construct path, e.g. `prod-workspace/network/vpc`. */
  readonly path: string;
  /** The block's resolved configuration (references appear as `${aws_x.y.attr}` strings). */
  readonly config: TerraformConfig;
  /** The construct that synthesizes the block. */
  readonly construct: IConstruct;
}

/** What a rule may look up beyond its own block: built once per stack, lazily. */
export interface RuleContext {
  /** Whether the stack is production (see `DatabricksGuardrailsProps.production`). */
  readonly production: boolean;
  /** Every block of the stack with this key (a resource type, `data.<type>` or `provider.<type>`), resolved on first use. */
  blocks(key: string): readonly TerraformBlock[];
  /** Whether `value` is exactly a reference to an attribute of `block` (`${aws_s3_bucket.x.id}`). */
  isReferenceTo(value: unknown, block: TerraformBlock): boolean;
  /** Whether the stack declares a `sensitive` Terraform variable with this name. */
  isSensitiveVariable(name: string): boolean;
}

/**
 * One guardrail (a cdk-nag v2 rule): the compliant condition, why it matters, how to fix a finding, and a pure check.
 * Block keys in `appliesTo` are resource types (`aws_vpc`), `data.<type>` or `provider.<type>` (`provider.*` = any).
 */
export interface GuardrailRule {
  /** Stable id, e.g. `DBX-SG1`; findings and suppressions name it. */
  readonly id: string;
  /** The compliant condition, one line (cdk-nag's JSDoc one-liner). */
  readonly condition: string;
  /** Why the rule exists. */
  readonly explanation: string;
  /** What to change when a block breaks the rule. */
  readonly fix: string;
  /** Whether a finding fails the synth. */
  readonly level: RuleLevel;
  /** Block keys the rule checks. */
  readonly appliesTo: readonly string[];
  /** The verdict for one block; pure: reads the block and the context, changes nothing. */
  check(block: TerraformBlock, context: RuleContext): RuleResult;
}

/** Items of a Terraform block list, whether cdktf rendered it as an array or as a single object. */
export function blockList(value: unknown): TerraformConfig[] {
  if (Array.isArray(value)) return value.filter((v) => v !== null && typeof v === "object");
  return value !== null && typeof value === "object" ? [value as TerraformConfig] : [];
}

/** A string or list of strings as a list (IAM and Terraform both allow either). */
export function stringList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Whether a value carries an unresolved Terraform expression. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}
