// `npm run compare-output` (scripts/compare-output.js): the comparison of two synth output trees. The git worktree
// part (--base) is exercised by hand; these tests build both trees in a temporary directory.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

interface Diff { path: string; old: unknown; new: unknown }
interface Result { added: string[]; removed: string[]; changed: { id: string; diffs: Diff[] }[]; same: number }
const co = require("../../scripts/compare-output.js") as {
  jsonDiff(a: unknown, b: unknown): Diff[];
  compareTrees(base: string, current: string): Result;
  report(result: Result, opts?: { maxPaths?: number }): string[];
  main(argv: string[], io?: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } }): number;
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "compare-output-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A cdktf.out-like tree: manifest.json plus stacks/<id>/cdk.tf.json. */
function tree(name: string, stacks: Record<string, { tf: unknown; dependencies?: string[] }>): string {
  const dir = path.join(tmp, name);
  const manifest: Record<string, unknown> = {};
  for (const [id, { tf, dependencies = [] }] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, "stacks", id), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", id, "cdk.tf.json"), JSON.stringify(tf));
    manifest[id] = { name: id, dependencies, synthesizedStackPath: `stacks/${id}/cdk.tf.json` };
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ stacks: manifest }));
  return dir;
}

const bucket = (tags: Record<string, string>) => ({ resource: { aws_s3_bucket: { "root-bucket_bucket_1A2B": { bucket: "b", tags } } } });

function run(argv: string[]) {
  let stdout = "", stderr = "";
  const code = co.main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

describe("compare-output", () => {
  const base = tree("base", {
    "dev-state": { tf: { terraform: { backend: { local: { path: "x" } } } } },
    "dev-workspace": { tf: { ...bucket({ Env: "dev" }), output: { keep: { value: 1 } } }, dependencies: ["dev-state"] },
    "old-stack": { tf: {} },
  });
  const current = tree("current", {
    "dev-state": { tf: { terraform: { backend: { local: { path: "x" } } } } },
    "dev-workspace": { tf: { ...bucket({ Env: "dev", Owner: "me" }), output: { keep: { value: 1 }, "a.b": { value: [1, 3] } } } },
    "new-stack": { tf: {} },
  });

  test("reports added and removed stacks and the exact differing JSON paths, manifest records included", () => {
    const result = co.compareTrees(base, current);
    expect(result).toMatchObject({ added: ["new-stack"], removed: ["old-stack"], same: 1 });
    expect(result.changed.map((c) => c.id)).toEqual(["dev-workspace"]);
    expect(result.changed[0].diffs).toEqual([
      { path: 'output["a.b"]', old: undefined, new: { value: [1, 3] } },
      { path: "resource.aws_s3_bucket.root-bucket_bucket_1A2B.tags.Owner", old: undefined, new: "me" },
      { path: "manifest:dependencies[0]", old: "dev-state", new: undefined },
    ]);
  });

  test("array items, type changes and long values", () => {
    expect(co.jsonDiff({ a: [1, 2, 3] }, { a: [1, 5] })).toEqual([
      { path: "a[1]", old: 2, new: 5 }, { path: "a[2]", old: 3, new: undefined }]);
    expect(co.jsonDiff({ a: { b: 1 } }, { a: [1] })).toEqual([{ path: "a", old: { b: 1 }, new: [1] }]);
    expect(co.jsonDiff({ a: null }, { a: null })).toEqual([]);
    const lines = co.report({ added: [], removed: [], same: 0, changed: [{ id: "s", diffs: [{ path: "x", old: "y".repeat(200), new: 1 }] }] });
    expect(lines[1]).toBe(`    x: "${"y".repeat(78)}… -> 1`);
  });

  test("CLI: exit 1 and a summary line on differences, 0 when identical, 2 on usage errors", () => {
    const diff = run(["--base-dir", base, "--outdir", current, "--max-paths", "1"]);
    expect(diff.code).toBe(1);
    expect(diff.stdout.split("\n")).toEqual([
      "+ stack new-stack (only in the current output)",
      "- stack old-stack (only in the baseline)",
      "~ stack dev-workspace: 3 differing paths",
      '    output["a.b"]: (absent) -> {"value":[1,3]}',
      "    … 2 more (--max-paths 3 shows all)",
      "compare-output: DIFFERENT: 1 changed, 1 added, 1 removed, 1 identical of 4 stacks",
      "",
    ]);
    expect(run(["--base-dir", base, "--outdir", base])).toEqual({ code: 0, stdout: "compare-output: identical: 3 stacks\n", stderr: "" });
    expect(run(["--outdir", base])).toMatchObject({ code: 2, stderr: expect.stringMatching(/give one of --base <git-rev> or --base-dir <dir>/) });
    expect(run(["--base-dir", path.join(tmp, "nope")])).toMatchObject({ code: 2, stderr: expect.stringMatching(/has no stacks\/ directory/) });
    expect(run(["--bogus"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown option --bogus \(allowed: --base, --base-dir/) });
  });
});
