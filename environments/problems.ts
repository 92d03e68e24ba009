import type * as z from "zod/mini";
import { formatProblem, Problem } from "../modules/core/problems";
import { crossFieldProblems } from "./checks";
import { Environment, environmentSchema, RESERVED_NAME } from "./schema";

/** The value at `path` of a raw config (undefined where the path doesn't exist). */
export function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined), raw);
}

function pathString(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
}

/** zod's issues as problems: path, given value, and what is allowed. */
export function zodProblems(raw: unknown, issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: pathString([...issue.path, key]), value: valueAt(raw, [...issue.path, key]), message: issue.message }));
    }
    const value = valueAt(raw, issue.path);
    const message = value === undefined && issue.code === "invalid_type" ? `is required (${issue.expected})`
      : issue.code === "invalid_type" ? `must be ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}`
      : issue.message;
    return [{ path: pathString(issue.path), value, message }];
  });
}

/**
 * The top-level fields whose shape the schema rejected: cross-field checks don't derive context (the resource
 * prefix, the region's AZs) from them. An unknown field at the top rejects nothing else.
 */
export function rejectedFields(issues: readonly z.core.$ZodIssue[]): (field: string) => boolean {
  return (field) => issues.some((i) => i.path[0] === field && i.code !== "unrecognized_keys");
}

/** Whether `path` is `prefix` or below it (`network.natGateways` is below `network`). */
function isAtOrBelow(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`) || path.startsWith(`${prefix} `);
}

/**
 * Every problem with one environment's config (empty when valid). The section checks run whatever the schema
 * rejected, so one bad field hides no other problem; what they find again at a path the schema already reported
 * is dropped (the schema's message says what is allowed).
 */
export function environmentProblems(raw: unknown): Problem[] {
  const parsed = environmentSchema.safeParse(raw);
  if (parsed.success) return crossFieldProblems(parsed.data, () => false);
  const issues = parsed.error.issues;
  if (raw === null || typeof raw !== "object" || issues.some((i) => i.path.length === 0 && i.code !== "unrecognized_keys")) return zodProblems(raw, issues);
  const fromSchema = zodProblems(raw, issues);
  const rejected = issues.filter((i) => i.code !== "unrecognized_keys").map((i) => pathString(i.path));
  const more = crossFieldProblems(raw as Environment, rejectedFields(issues)).filter((p) => !rejected.some((r) => isAtOrBelow(p.path, r)));
  return [...fromSchema, ...more];
}

/** Thrown before anything is synthesized; lists every problem of every environment. */
export class ConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<{ environment: string; problem: Problem }>) {
    super(
      `Invalid environment config (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map(({ environment, problem }) => `  ${environment}: ${formatProblem(problem)}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export type LabelledProblem = { environment: string; problem: Problem };

/** Names the variable that supplied a field's value, where one did. */
export function withSources(label: string, problems: readonly Problem[], sources: Readonly<Record<string, string>>): LabelledProblem[] {
  return problems.map((problem) => {
    const source = sources[`${label}.${problem.path}`];
    return { environment: label, problem: source ? { ...problem, path: `${problem.path} (from $${source})` } : problem };
  });
}

/**
 * Every problem of all environments: each one's fields, and that names are unique and not reserved.
 * `sources` maps `<env>.<field>` to the environment variable that supplied the value, for the message; `files`
 * names the file each config comes from (ENVIRONMENT_FILES), so a config that repeats another's name is labelled
 * by where it is (`environments[1] (environments/dev.ts)`), not by the name it copied.
 */
export function environmentsProblems(raws: readonly unknown[], sources: Readonly<Record<string, string>> = {}, files: readonly (string | undefined)[] = []): LabelledProblem[] {
  const found: LabelledProblem[] = [];
  const firstIndex = new Map<string, number>();
  const where = (i: number) => `environments[${i}]${files[i] ? ` (${files[i]})` : ""}`;
  raws.forEach((raw, i) => {
    const name = valueAt(raw, ["name"]);
    const first = typeof name === "string" ? firstIndex.get(name) : undefined;
    const label = typeof name === "string" && name && first === undefined ? name : where(i);
    found.push(...withSources(label, environmentProblems(raw), sources));
    if (name === RESERVED_NAME) {
      found.push({ environment: label, problem: { path: "name", value: name, message: `is reserved for the account-level stacks (${RESERVED_NAME}-*)` } });
    }
    if (first !== undefined) {
      found.push({ environment: label, problem: { path: "name", value: name, message: `is already the name of ${where(first)}; names must be unique` } });
    } else if (typeof name === "string") firstIndex.set(name, i);
  });
  return found;
}

/** Validates all environments at once; throws a ConfigError listing every problem. */
export function validateEnvironments(raws: readonly unknown[], sources: Readonly<Record<string, string>> = {}, files: readonly (string | undefined)[] = []): Environment[] {
  const found = environmentsProblems(raws, sources, files);
  if (found.length > 0) throw new ConfigError(found);
  return raws as Environment[];
}
