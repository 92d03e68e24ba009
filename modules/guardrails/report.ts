import { AnnotationMetadataEntryType } from "cdktf";
import { IConstruct } from "constructs";
import { DatabricksGuardrails, GuardrailFinding } from "./pack";

/** What the app prints after synthesis, and whether the synth failed. */
export interface SynthReport {
  /** True when a guardrail error or any other error annotation was found. */
  readonly failed: boolean;
  /** Readable list for stderr: every error and warning (rule id, resource path, finding, fix); empty when nothing to say. */
  readonly text: string;
}

/**
 * The findings of every guardrail pack under `scope` (an app, after `app.synth()`), plus error annotations other
 * constructs added: the cdktf CLI lets synthesis continue past error annotations, so the app must fail on them itself.
 * `configField` names the config field a finding comes from (`prod: network.flowLogs.enabled = false`), where known.
 */
export function synthReport(scope: IConstruct, configField?: (finding: GuardrailFinding) => string | undefined): SynthReport {
  const findings = DatabricksGuardrails.of(scope).flatMap((p) => p.findings);
  const fromPacks = new Set(findings.map((f) => `${f.path}\n${f.message}`));
  const otherErrors = scope.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === AnnotationMetadataEntryType.ERROR && !fromPacks.has(`${c.node.path}\n${m.data}`))
    .map((m) => `  ERROR   ${c.node.path}: ${m.data}`));
  const errors = findings.filter((f) => f.level === "error");
  const warnings = findings.filter((f) => f.level === "warning");
  const suppressed = findings.filter((f) => f.level === "info");
  const lines: string[] = [];
  if (errors.length + warnings.length + suppressed.length > 0) {
    lines.push(`Guardrails: ${count(errors.length, "error")}, ${count(warnings.length, "warning")}, ${suppressed.length} suppressed`);
    lines.push(...[...errors, ...warnings].map((f) => formatFinding(f, configField?.(f))));
  }
  lines.push(...otherErrors);
  const failed = errors.length > 0 || otherErrors.length > 0;
  if (failed) lines.push('Synthesis failed. Fix the errors above, or suppress a finding that is acceptable with Guardrails.suppress(construct, [{ id, reason }]) (docs/guardrails.md, "Suppressing a finding").');
  return { failed, text: lines.join("\n") };
}

/**
 * One finding as three lines: level, rule id, path and address; condition and finding; fix. With `configField`
 * (the config field it comes from), that comes first: `prod: network.flowLogs.enabled = false`.
 */
export function formatFinding(f: GuardrailFinding, configField?: string): string {
  const head = `  ${f.level.toUpperCase().padEnd(7)} [${f.ruleId}] ${configField ? `${configField} — ` : ""}${f.path} (${f.address})`;
  return `${head}\n          ${f.condition} — ${f.finding}\n          Fix: ${f.fix}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
