import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { Problem, throwIfProblems } from "../core/problems";
import { blockKey } from "./context";
import { DATABRICKS_RULES } from "./rules";

/** One acknowledged rule on a construct: which rule, and why its findings are acceptable there. */
export interface GuardrailSuppression {
  /** The rule id, e.g. `DBX-SG1`. */
  readonly id: string;
  /** Why the finding is acceptable here; at least 10 characters. It is written to cdk.tf.json for audit. */
  readonly reason: string;
}

/** Options of `Guardrails.suppress`. */
export interface SuppressOptions {
  /** Also suppress the rules on every construct below this one (e.g. all resources of a module instance). @default false */
  readonly applyToChildren?: boolean;
}

/** Shortest accepted suppression reason. */
export const MIN_REASON_LENGTH = 10;

const METADATA_TYPE = "dbx-guardrails/suppressions";
const knownRuleIds = new Set(DATABRICKS_RULES.map((r) => r.id));

/** Lets `Guardrails.suppress` accept the ids of custom rules (called by every pack for its rules). */
export function registerRuleIds(ids: Iterable<string>): void {
  for (const id of ids) knownRuleIds.add(id);
}

interface SuppressionEntry {
  readonly suppressions: readonly GuardrailSuppression[];
  readonly applyToChildren: boolean;
}

/** Suppressions of guardrail findings (cdk-nag's `NagSuppressions`): per construct, each with a reason, no global switch. */
export class Guardrails {
  /**
   * Acknowledges findings of the given rules on `construct` (and, with `applyToChildren`, below it). Suppressed
   * findings are reported as info instead of failing the synth, and every suppression is recorded in the
   * `"//"` metadata of the resources it covers. Throws a ValidationError for an unknown rule id, a reason shorter
   * than 10 characters, a stack or app as the construct (there is no stack-wide off-switch), or a construct that is
   * not a Terraform block without `applyToChildren` (it would suppress nothing).
   */
  public static suppress(construct: IConstruct, suppressions: readonly GuardrailSuppression[], options: SuppressOptions = {}): void {
    const problems: Problem[] = [];
    if (construct.node.scope === undefined || TerraformStack.isStack(construct)) {
      problems.push({ path: "construct", value: construct.node.path || "(app)", message: "is an app or a stack: suppress on the resource, or on the construct owning it with applyToChildren (there is no stack-wide switch)" });
    }
    if (options.applyToChildren !== true && blockKey(construct) === undefined) {
      problems.push({ path: "options.applyToChildren", value: options.applyToChildren, message: "must be true: the construct is not a Terraform resource, data source or provider, so only its children can have findings" });
    }
    if (suppressions.length === 0) problems.push({ path: "suppressions", value: [], message: "must name at least one rule" });
    suppressions.forEach((s, i) => {
      if (!knownRuleIds.has(s.id)) problems.push({ path: `suppressions[${i}].id`, value: s.id, message: `is not a guardrail rule; known rules: ${[...knownRuleIds].join(", ")}` });
      const reason = typeof s.reason === "string" ? s.reason.trim() : "";
      if (reason.length < MIN_REASON_LENGTH) {
        problems.push({ path: `suppressions[${i}].reason`, value: s.reason, message: `for rule ${s.id}: must be at least ${MIN_REASON_LENGTH} characters saying why the finding is acceptable (has ${reason.length})` });
      }
    });
    throwIfProblems(`Guardrails.suppress(${construct.node.path || "(app)"})`, problems);
    const entry: SuppressionEntry = { suppressions: suppressions.map((s) => ({ id: s.id, reason: s.reason.trim() })), applyToChildren: options.applyToChildren ?? false };
    construct.node.addMetadata(METADATA_TYPE, entry);
  }

  /** The suppressions in force on `construct`: its own, and those of its scopes made with applyToChildren (nearest wins). */
  public static suppressionsOf(construct: IConstruct): GuardrailSuppression[] {
    const byId = new Map<string, GuardrailSuppression>();
    for (const scope of construct.node.scopes) {
      for (const m of scope.node.metadata) {
        if (m.type !== METADATA_TYPE) continue;
        const entry = m.data as SuppressionEntry;
        if (scope === construct || entry.applyToChildren) for (const s of entry.suppressions) byId.set(s.id, s);
      }
    }
    return [...byId.values()];
  }
}
