import * as path from "path";

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

/**
 * Thrown by a construct whose props break its rules; lists every problem at once. Uncaught, Node prints it the way
 * the environments' errors print: the problems once, then the one line of the caller's code that built the
 * construct, not the library's stack (set DBX_STACK_TRACES=1 for the whole stack).
 */
export class ValidationError extends Error {
  /** What was being built, e.g. `WorkspaceVpc prod-workspace/network`. */
  declare public readonly construct: string;
  /** Every problem found: all of them, not just the first. */
  declare public readonly problems: readonly Problem[];

  constructor(construct: string, problems: readonly Problem[]) {
    super(`${construct}: invalid props:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
    // Not enumerable: Node prints an uncaught error's enumerable properties after its stack, the problems a second time.
    Object.defineProperty(this, "construct", { value: construct, enumerable: false });
    Object.defineProperty(this, "problems", { value: problems, enumerable: false });
    this.name = "ValidationError";
    if (!process.env.DBX_STACK_TRACES) this.stack = callerOnly(this.stack, `${this.name}: ${this.message}`);
  }
}

// This library's files (modules/, or lib/modules/ when packed): the frames a user of a construct doesn't need.
const LIBRARY_DIR = `${path.resolve(__dirname, "..")}${path.sep}`;

/**
 * `header` and the first stack frame outside this library (where the caller built the construct). Node wraps an
 * error whose stack has no frame in brackets; without any frame outside the library, the header alone.
 */
function callerOnly(stack: string | undefined, header: string): string {
  const frames = (stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  const caller = frames.find((line) => !line.includes(LIBRARY_DIR) && !line.includes("(node:") && !/^\s+at node:/.test(line));
  return caller ? `${header}\n${caller}` : header;
}

/** Throws a ValidationError when there are problems. */
export function throwIfProblems(construct: string, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ValidationError(construct, problems);
}

/** Re-roots problems found by a module under a config path (`vpcCidr` → `network.vpcCidr`). */
export function underPath(prefix: string, problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({ ...p, path: `${prefix}.${p.path}` }));
}
