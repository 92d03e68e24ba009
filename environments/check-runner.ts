// How crossFieldProblems (checks.ts) runs each check: a throw is reported on its section, never swallowed.
import { Problem } from "../modules/core/problems";

/** Runs one check: what it finds, or, when it throws, that it could not check (never a silent drop). */
export type CheckRunner = (check: () => readonly Problem[], section?: string) => void;

/**
 * A runner adding to `problems`. Each check runs on its own, so one that throws hides nothing another finds; a check
 * meeting a value of an unexpected type should report it and go on (the tests give every field of the examples a
 * value of each wrong type and expect no throw), so a throw is a bug: it is reported on the section, not swallowed.
 */
export function checkRunner(problems: Problem[]): CheckRunner {
  return (check, section = "config") => {
    try {
      problems.push(...check());
    } catch (err) {
      problems.push({ path: section, value: undefined, message: `could not be checked completely (${(err as Error).message}); fix the problems reported above for it` });
    }
  };
}
