import { Annotations, Aspects, IAspect, TerraformElement, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { Problem, throwIfProblems } from "../core/problems";
import { blockKey, StackContext } from "./context";
import { Compliance, GuardrailRule, RuleLevel, RuleResult } from "./rule";
import { DATABRICKS_RULES } from "./rules";
import { Guardrails, registerRuleIds } from "./suppressions";

/** Props of the Databricks guardrail pack. */
export interface DatabricksGuardrailsProps {
  /**
   * Whether the stacks the pack is applied to are production: production-only rules (VPC flow logs) apply.
   * stacks/app.ts decides it per environment with `isProductionEnvironment`.
   * @default false
   */
  readonly production?: boolean;
  /** The rules to run. @default DATABRICKS_RULES (every rule) */
  readonly rules?: readonly GuardrailRule[];
}

/** `info` is a suppressed finding. */
export type FindingLevel = RuleLevel | "info";

/** One rule broken by one block. */
export interface GuardrailFinding {
  /** Rule id, e.g. `DBX-SG1`. */
  readonly ruleId: string;
  /** `error` fails the synth, `warning` does not, `info` was suppressed. */
  readonly level: FindingLevel;
  /** Construct path of the block, e.g. `prod-workspace/network/compute-sg`. */
  readonly path: string;
  /** Terraform address of the block, e.g. `aws_security_group.network_compute-sg_CCD297E5`. */
  readonly address: string;
  /** What exactly is wrong, e.g. `ingress tcp 22 from 0.0.0.0/0`. */
  readonly finding: string;
  /** The rule's compliant condition. */
  readonly condition: string;
  /** How to fix it. */
  readonly fix: string;
  /** The annotation text: `[<id>] <condition> — <finding>. Fix: <fix>`. */
  readonly message: string;
  /** Why it is acceptable, for a suppressed finding. */
  readonly suppressionReason?: string;
}

/**
 * The Databricks guardrail pack (a cdk-nag v2 style rule pack): an Aspect that checks every resource, data source
 * and provider its rules apply to, against the block's resolved config, and annotates each finding on the construct
 * (`addError` fails the synth, `addWarning` does not; suppressed findings become info). Findings are also kept on
 * the pack (`findings`) for tests and the app's report.
 *
 * @example Aspects.of(stack).add(new DatabricksGuardrails({ production: true }));
 */
export class DatabricksGuardrails implements IAspect {
  /** Every pack applied to `scope` or to a construct below it. */
  public static of(scope: IConstruct): DatabricksGuardrails[] {
    const packs = new Set<DatabricksGuardrails>();
    for (const c of scope.node.findAll()) for (const a of Aspects.of(c).all) if (a instanceof DatabricksGuardrails) packs.add(a);
    return [...packs];
  }

  /** Whether production-only rules apply. */
  public readonly production: boolean;
  /** The rules the pack runs. */
  public readonly rules: readonly GuardrailRule[];
  private readonly found: GuardrailFinding[] = [];
  private readonly rulesByKey = new Map<string, GuardrailRule[]>();
  private readonly contexts = new WeakMap<TerraformStack, StackContext>();
  // Visiting twice (two synths of one stack) must not annotate twice.
  private readonly visited = new WeakSet<IConstruct>();

  /** Throws a ValidationError for an empty rule list, duplicate rule ids or a rule that applies to nothing. */
  constructor(props: DatabricksGuardrailsProps = {}) {
    this.production = props.production ?? false;
    this.rules = props.rules ?? DATABRICKS_RULES;
    const problems: Problem[] = [];
    if (this.rules.length === 0) problems.push({ path: "rules", value: [], message: "must hold at least one rule (leave it out for all of DATABRICKS_RULES)" });
    const seen = new Set<string>();
    this.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) problems.push({ path: `rules[${i}].id`, value: rule.id, message: "is used by two rules; rule ids must be unique" });
      if (rule.appliesTo.length === 0) problems.push({ path: `rules[${i}].appliesTo`, value: [], message: `must name at least one block type for rule ${rule.id}` });
      seen.add(rule.id);
      for (const key of rule.appliesTo) this.rulesByKey.set(key, [...(this.rulesByKey.get(key) ?? []), rule]);
    });
    throwIfProblems("DatabricksGuardrails", problems);
    registerRuleIds(seen);
  }

  /** Findings so far, in visit order (after synthesis: all of them). */
  public get findings(): readonly GuardrailFinding[] {
    return this.found;
  }

  /** Checks `node` if it is a Terraform block some rule applies to; other constructs cost one type test. */
  public visit(node: IConstruct): void {
    const key = blockKey(node);
    if (key === undefined || this.visited.has(node)) return;
    const rules = [...(this.rulesByKey.get(key) ?? []), ...(key.startsWith("provider.") ? this.rulesByKey.get("provider.*") ?? [] : [])];
    if (rules.length === 0) return;
    this.visited.add(node);
    const element = node as TerraformElement;
    const stack = TerraformStack.of(element);
    let context = this.contexts.get(stack);
    if (!context) this.contexts.set(stack, (context = new StackContext(stack, this.production)));
    const block = context.block(element);
    if (!block) return;

    const suppressions = Guardrails.suppressionsOf(element);
    // Audit trail in cdk.tf.json: "//": { "guardrails": { "suppressed": [{ id, reason }] } } on the block.
    if (suppressions.length > 0) element.addOverride("//.guardrails", { suppressed: suppressions.map((s) => ({ id: s.id, reason: s.reason })) });

    for (const rule of rules) {
      let result: RuleResult;
      try {
        result = rule.check(block, context);
      } catch (err) {
        // A rule that cannot evaluate a block must not pass it silently.
        result = { compliance: Compliance.NON_COMPLIANT, findings: [`the rule could not evaluate this block: ${(err as Error).message}`] };
      }
      if (typeof result === "string") {
        if (result !== Compliance.NON_COMPLIANT) continue;
        result = { compliance: Compliance.NON_COMPLIANT, findings: [`${block.address} does not comply`] };
      }
      const reason = suppressions.find((s) => s.id === rule.id)?.reason;
      for (const finding of result.findings) this.report(rule, block.path, block.address, finding, element, reason);
    }
  }

  private report(rule: GuardrailRule, path: string, address: string, finding: string, node: IConstruct, reason: string | undefined): void {
    const message = `[${rule.id}] ${rule.condition} — ${finding}. Fix: ${rule.fix}`;
    const level: FindingLevel = reason !== undefined ? "info" : rule.level;
    this.found.push({ ruleId: rule.id, level, path, address, finding, condition: rule.condition, fix: rule.fix, message, suppressionReason: reason });
    const annotations = Annotations.of(node);
    if (level === "info") annotations.addInfo(`[${rule.id}] suppressed (${reason}) — ${finding}`);
    else if (level === "warning") annotations.addWarning(message);
    else annotations.addError(message);
  }
}
