// __tests__/group-runner.js: which test files share a module registry, and how a group's result is reported per file.
import * as path from "path";

interface Unit { label: string | null; tests: Array<{ path: string }> }
type Json = Record<string, any>;
const { planGroups, splitResult, groupSource } = require("../group-runner.js") as {
  planGroups(tests: Array<{ path: string }>, rootDir: string, read?: (file: string) => string): Unit[];
  splitResult(result: Json, members: Array<{ test: { path: string }; name: string }>, config: Json, globalConfig: Json): Json[];
  groupSource(files: string[], rootDir: string): string;
};

const root = "/repo";
const at = (p: string) => ({ path: path.join(root, p) });

describe("planGroups", () => {
  const sources: Record<string, string> = {
    "__tests__/constructs/a.test.ts": "test('a', () => {});",
    "__tests__/constructs/b.test.ts": "test('b', () => {});",
    "__tests__/constructs/mocks.test.ts": "jest.mock('fs');",
    "__tests__/constructs/snap.test.ts": "expect(x).toMatchSnapshot();",
    "__tests__/constructs/only.test.ts": "test.only('x', () => {});",
    "__tests__/config/c.test.ts": "test('c', () => {});",
    "__tests__/config/d.test.ts": "test('d', () => {});",
    "__tests__/e2e/terraform.test.ts": "test('t', () => {});",
    "__tests__/e2e/e.test.ts": "test('e', () => {});",
  };
  const units = planGroups(Object.keys(sources).map(at), root, (f) => sources[path.relative(root, f)]);
  const shown = units.map((u) => [u.label, u.tests.map((t) => path.relative(root, t.path))]);

  test("a folder's files form one group, in Jest's order, where its first file was", () => {
    expect(shown).toEqual([
      ["__tests__/constructs", ["__tests__/constructs/a.test.ts", "__tests__/constructs/b.test.ts"]],
      [null, ["__tests__/constructs/mocks.test.ts"]],
      [null, ["__tests__/constructs/snap.test.ts"]],
      [null, ["__tests__/constructs/only.test.ts"]],
      ["__tests__/config", ["__tests__/config/c.test.ts", "__tests__/config/d.test.ts"]],
      [null, ["__tests__/e2e/terraform.test.ts"]],
      [null, ["__tests__/e2e/e.test.ts"]], // the only groupable file of its folder runs as itself
    ]);
  });

  test("the generated file requires each file inside a describe named after it", () => {
    const source = groupSource([path.join(root, "__tests__/config/c.test.ts")], root);
    expect(source).toContain('"__tests__/config/c.test.ts"');
    expect(source).toContain('"/repo/__tests__/config/c.test.ts"');
    expect(source).toMatch(/describe\(name, \(\) => \{\n\s+try \{\n\s+require\(file\);/);
  });
});

describe("splitResult", () => {
  const members = ["a", "b"].map((n) => ({ test: at(`__tests__/x/${n}.test.ts`), name: `__tests__/x/${n}.test.ts` }));
  const testCase = (file: string, title: string, status: string, startAt: number) =>
    ({ ancestorTitles: [`__tests__/x/${file}.test.ts`, "outer"], title, fullName: `__tests__/x/${file}.test.ts outer ${title}`, status, startAt, duration: 5, failureMessages: [], failureDetails: [] });
  const group = {
    testFilePath: "/repo/node_modules/.cache/jest-groups/x.js", perfStats: { start: 0, end: 100, runtime: 100, slow: false },
    console: [{ message: "hi", origin: "at Object.log (/repo/__tests__/x/b.test.ts:3:1)", type: "log" }],
    testResults: [testCase("a", "one", "passed", 10), testCase("a", "two", "pending", 20), testCase("b", "three", "passed", 30)],
    numPassingTests: 2, numFailingTests: 0, numPendingTests: 1, numTodoTests: 0, failureMessage: null,
  };
  const [a, b] = splitResult(group, members, { rootDir: root }, {});

  test("each file gets its own cases, named as without the group, its counts and its console output", () => {
    expect(a.testFilePath).toBe("/repo/__tests__/x/a.test.ts");
    expect(a.testResults.map((c: Json) => [c.ancestorTitles, c.fullName, c.status])).toEqual([
      [["outer"], "outer one", "passed"], [["outer"], "outer two", "pending"]]);
    expect([a.numPassingTests, a.numPendingTests, a.skipped, a.console]).toEqual([1, 1, false, undefined]);
    expect(b.testResults.map((c: Json) => c.fullName)).toEqual(["outer three"]);
    expect(b.console).toEqual(group.console);
  });

  test("a file's runtime spans its own cases (Jest orders the next run by it)", () => {
    expect([a.perfStats.start, a.perfStats.end, a.perfStats.runtime]).toEqual([10, 25, 15]);
    expect(b.perfStats.runtime).toBe(5);
  });
});
