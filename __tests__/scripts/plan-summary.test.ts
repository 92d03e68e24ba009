import * as fs from "fs";
import * as os from "os";
import * as path from "path";

type Action = "create" | "update" | "replace" | "delete" | "read";
interface Change { address: string; type: string; action: Action; destructive: boolean; sensitive: boolean }
interface Summary { counts: { add: number; change: number; replace: number; destroy: number }; changes: Change[]; errored: boolean }
interface Io { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } }
const ps = require("../../scripts/plan-summary.js") as {
  summarizePlan(plan: unknown): Summary;
  renderComment(o: { stack: string; summary: Summary; planText?: string; diagram?: string; artifactUrl?: string; errorText?: string }): string;
  main(argv: string[], io?: Io): number;
  COMMENT_LIMIT: number;
};

// Fixtures: trimmed `terraform show -json` output of real Terraform 1.11.4 plans (terraform_data resources), with
// AWS/Databricks entries added in the same shape; errored.* is a plan that failed on a missing upstream state.
const FIXTURES = path.join(__dirname, "..", "fixtures", "plans");
const fixture = (name: string) => path.join(FIXTURES, name);
const load = (name: string) => JSON.parse(fs.readFileSync(fixture(name), "utf8"));

function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = ps.main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("summarizePlan", () => {
  const summary = ps.summarizePlan(load("changes.json"));

  test("counts creates, updates, replacements (both orders) and deletes; no-op and read are not counted", () => {
    expect(summary.counts).toEqual({ add: 2, change: 3, replace: 3, destroy: 3 });
    expect(summary.errored).toBe(false);
  });

  test("one change per resource with its action; no-ops left out, reads kept", () => {
    const actions = Object.fromEntries(summary.changes.map((c) => [c.address, c.action]));
    expect(actions).toEqual({
      "data.terraform_remote_state.r": "read", "terraform_data.cbd": "replace", "terraform_data.gone": "delete",
      "terraform_data.new": "create", "terraform_data.rep": "replace", "terraform_data.upd": "update",
      "aws_iam_role_policy.cross_account": "update", "aws_security_group_rule.egress_443": "create",
      "aws_kms_key.storage": "delete", "databricks_ip_access_list.allow": "replace", "aws_subnet.private_0": "update",
      "data.aws_iam_policy_document.trust": "read", "aws_iam_role.old (deposed 00000001)": "delete",
    });
  });

  test("destructive = delete or replace; sensitive = IAM, security group, KMS, Databricks access types (not reads)", () => {
    const flagged = (key: "destructive" | "sensitive") => summary.changes.filter((c) => c[key]).map((c) => c.address).sort();
    expect(flagged("destructive")).toEqual(["aws_iam_role.old (deposed 00000001)", "aws_kms_key.storage",
      "databricks_ip_access_list.allow", "terraform_data.cbd", "terraform_data.gone", "terraform_data.rep"]);
    expect(flagged("sensitive")).toEqual(["aws_iam_role.old (deposed 00000001)", "aws_iam_role_policy.cross_account",
      "aws_kms_key.storage", "aws_security_group_rule.egress_443", "databricks_ip_access_list.allow"]);
  });

  test("no changes, an empty configuration (no resource_changes) and an errored plan", () => {
    expect(ps.summarizePlan(load("no-changes.json"))).toEqual({ counts: { add: 0, change: 0, replace: 0, destroy: 0 }, changes: [], errored: false });
    expect(ps.summarizePlan({ format_version: "1.2", planned_values: { root_module: {} }, errored: false }).changes).toEqual([]);
    expect(ps.summarizePlan(load("errored.json"))).toMatchObject({ counts: { add: 1 }, errored: true });
  });

  test("input that is not a plan is rejected, naming what was expected", () => {
    expect(() => ps.summarizePlan({})).toThrow(/not a Terraform plan: it has no format_version .*terraform show -json/);
    expect(() => ps.summarizePlan({ format_version: "1.0", values: {} })).toThrow(/no resource_changes.*state file/);
  });
});

describe("renderComment", () => {
  const summary = ps.summarizePlan(load("changes.json"));
  const comment = ps.renderComment({ stack: "dev-workspace", summary, planText: "Plan: 2 to add" });

  test("starts with the stack's hidden marker, then the summary table", () => {
    const lines = comment.split("\n");
    expect(lines[0]).toBe("<!-- databricks-cdktf-plan:dev-workspace -->");
    expect(comment).toContain("| `dev-workspace` | 2 | 3 | 3 | 3 | ⚠️ 6 destructive, 🔒 5 security-sensitive |");
    expect(comment.indexOf("| stack |")).toBeLessThan(comment.indexOf("Destructive changes"));
  });

  test("calls out deletes, then replacements, then other security-sensitive changes, above the plan", () => {
    const order = ["**delete** `aws_iam_role.old (deposed 00000001)` 🔒", "**delete** `aws_kms_key.storage` 🔒",
      "**delete** `terraform_data.gone`", "**replace** `databricks_ip_access_list.allow` 🔒", "**replace** `terraform_data.cbd`",
      "**replace** `terraform_data.rep`", "Security-sensitive changes (2)", "**update** `aws_iam_role_policy.cross_account`",
      "**create** `aws_security_group_rule.egress_443`", "<details><summary>Full plan"];
    const at = order.map((s) => comment.indexOf(s));
    expect(at).not.toContain(-1);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(comment).not.toContain("aws_subnet.private_0"); // neither destructive nor sensitive: counted only
  });

  test("a 200,000-character plan is cut on a line boundary below GitHub's limit, keeping its last line", () => {
    const last = "Plan: 4000 to add, 0 to change, 0 to destroy.";
    const lines: string[] = [];
    let size = last.length;
    for (let i = 0; size < 199900; i++) size += lines[lines.push(`  # aws_subnet.private[${i}] will be created`) - 1].length + 1;
    lines.push("#".repeat(200000 - size - 1), last);
    const planText = lines.join("\n");
    expect(planText.length).toBe(200000);
    const big = ps.renderComment({ stack: "prod-workspace", summary, planText, artifactUrl: "https://example.test/a/1" });
    expect(big.length).toBeLessThan(ps.COMMENT_LIMIT);
    expect(big.length).toBeGreaterThan(50000); // the budget is used, not thrown away
    expect(big).toMatch(/Full plan \(truncated: the full plan is in \[the workflow artifact\]\(https:\/\/example\.test\/a\/1\)\)/);
    expect(big).toMatch(/… [\d,]+ lines omitted \([\d,]+ in all: the full plan is in the artifact\) …/);
    const shown = big.slice(big.indexOf("```\n", big.indexOf("<details>")) + 4, big.lastIndexOf("\n```"));
    const original = new Set(planText.split("\n"));
    expect(shown.split("\n").filter((l) => l && !l.startsWith("… ")).every((l) => original.has(l))).toBe(true);
    expect(shown).toContain("  # aws_subnet.private[0] will be created");
    expect(shown.endsWith(`\n${last}`)).toBe(true);
  });

  test("a plan text with a fence in it gets a longer fence; a diagram goes in a mermaid block", () => {
    const c = ps.renderComment({ stack: "s", summary, planText: "heredoc:\n```\nEOT", diagram: "flowchart LR\n  a --> b\n" });
    expect(c).toContain("````\nheredoc:\n```\nEOT\n````");
    expect(c).toContain("<details><summary>Diagram</summary>\n\n```mermaid\nflowchart LR\n  a --> b\n```");
    const huge = ps.renderComment({ stack: "s", summary, diagram: `flowchart LR\n${"  a --> b\n".repeat(8000)}` });
    expect(huge.length).toBeLessThan(ps.COMMENT_LIMIT);
    expect(huge).toMatch(/diagram \([\d,]+ characters\) is too large for a comment/);
  });

  test("no changes and errors are stated plainly", () => {
    expect(ps.renderComment({ stack: "s", summary: ps.summarizePlan(load("no-changes.json")) }))
      .toMatch(/\| `s` \| 0 \| 0 \| 0 \| 0 \| ✅ no changes \|[\s\S]*\*\*No changes\.\*\*/);
    const failed = ps.renderComment({ stack: "s", summary: ps.summarizePlan(load("errored.json")), errorText: fs.readFileSync(fixture("errored.log"), "utf8") });
    expect(failed).toContain("| ❌ plan failed |");
    expect(failed).toMatch(/### ❌ Plan failed\n\n> This stack reads outputs of another stack that has not been applied yet/);
    expect(failed).toContain("```\nError: Unable to find remote state\n");
    expect(failed).not.toContain("Reading..."); // only the error part of terraform's output
    expect(failed).toContain("Terraform planned 1 change before the error: the plan is incomplete.");
  });
});

describe("CLI (in-process)", () => {
  test("writes the comment for a plan JSON and its text", () => {
    const out = path.join(tmp, "comment.md");
    const r = run(["--stack", "poc-workspace", "--text", fixture("changes.txt"), "--commit", "0123456789abcdef",
      "--artifact-url", "https://example.test/art", "--out", out, fixture("changes.json")]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const md = fs.readFileSync(out, "utf8");
    expect(md.split("\n")[0]).toBe("<!-- databricks-cdktf-plan:poc-workspace -->");
    expect(md).toContain("## Terraform plan: `poc-workspace` at 0123456789ab");
    expect(md).toContain("Plan: 3 to add, 1 to change, 3 to destroy.");
  });

  test("a plan that failed before writing a plan file: the error log alone", () => {
    const r = run(["--stack", "dev-workspace-config", "--error-log", fixture("errored.log")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("| `dev-workspace-config` | 0 | 0 | 0 | 0 | ❌ plan failed |");
  });

  test("notes a stack whose state is local (planned against an empty state in CI)", () => {
    const outdir = path.join(tmp, "out");
    fs.mkdirSync(path.join(outdir, "stacks", "poc-workspace"), { recursive: true });
    fs.writeFileSync(path.join(outdir, "stacks", "poc-workspace", "cdk.tf.json"), JSON.stringify({ terraform: { backend: { local: { path: "x" } } } }));
    expect(run(["--stack", "poc-workspace", "--outdir", outdir, fixture("no-changes.json")]).stdout)
      .toMatch(/> `poc-workspace` keeps Terraform state in a local file, which CI does not have/);
  });

  test("bad input: exit 2 with a message naming the file and what was expected", () => {
    const missing = run([path.join(tmp, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read plan JSON file .*nope\.json: no such file \(expected the output of `terraform show -json <planfile>`\)/);
    fs.writeFileSync(path.join(tmp, "text.json"), "Terraform will perform the following actions:");
    expect(run([path.join(tmp, "text.json")]).stderr).toMatch(/plan JSON file .*text\.json is not JSON/);
    fs.writeFileSync(path.join(tmp, "state.json"), JSON.stringify({ format_version: "1.0", values: {} }));
    expect(run([path.join(tmp, "state.json")])).toMatchObject({ code: 2, stderr: expect.stringMatching(/state\.json is not a Terraform plan.*state file/) });
    expect(run(["--stak", "x", fixture("changes.json")])).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown option --stak \(allowed: --stack/) });
    expect(run([])).toMatchObject({ code: 2, stderr: expect.stringMatching(/no plan JSON file given/) });
    expect(run(["--text", fixture("changes.txt")])).toMatchObject({ code: 2 });
  });
});
