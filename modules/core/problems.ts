/** One thing wrong with a construct's props or an environment's config: where, what was given, what is allowed. */
export interface Problem {
  /** Dotted path of the field, e.g. `vpcCidr` or `privateSubnetCidrs[1]`. */
  readonly path: string;
  /** The value that was given. */
  readonly value: unknown;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/** The value as JSON, long strings cut to keep the message readable. */
function show(value: unknown): string {
  if (typeof value === "string" && value.length > 60) return `${JSON.stringify(value.slice(0, 40) + "…")} (${value.length} characters)`;
  return JSON.stringify(value);
}

export function formatProblem(problem: Problem): string {
  const shown = problem.value === undefined ? "" : ` = ${show(problem.value)}`;
  return `${problem.path}${shown}: ${problem.message}`;
}

/** Thrown by a construct whose props break its rules; lists every problem at once. */
export class ValidationError extends Error {
  constructor(
    /** What was being built, e.g. `WorkspaceVpc prod-workspace/network`. */
    readonly construct: string,
    /** Every problem found: all of them, not just the first. */
    readonly problems: readonly Problem[],
  ) {
    super(`${construct}: invalid props:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
    this.name = "ValidationError";
  }
}

/** Throws a ValidationError when there are problems. */
export function throwIfProblems(construct: string, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ValidationError(construct, problems);
}

/** Re-roots problems found by a module under a config path (`vpcCidr` → `network.vpcCidr`). */
export function underPath(prefix: string, problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({ ...p, path: `${prefix}.${p.path}` }));
}
