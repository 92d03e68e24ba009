// `npm run deploy -- <env>` (scripts/deploy.js) with a fake cdktf and a fake preflight (DBX_DEPLOY_CDKTF,
// DBX_DEPLOY_PREFLIGHT): the preflight runs first, the stacks deploy one by one in dependency order, the first
// failure stops it with what to do next, and a missing or unknown environment gets the usage, not cdktf's error.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const outdir = process.env.SYNTH_OUTDIR as string; // synthesized once for all suites (global-setup.js)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Each fake appends one JSON line per call to $FAKE_LOG; the fake cdktf fails for the stack named in FAKE_FAIL and
// writes `{ <stack>: { id } }` to its --outputs-file, as cdktf does.
const fakeCdktf = path.join(tmp, "cdktf");
fs.writeFileSync(fakeCdktf, `#!/usr/bin/env node
const fs = require("fs");
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_LOG, JSON.stringify({ tool: "cdktf", args, logDir: process.env.CDKTF_LOG_FILE_DIRECTORY || null }) + "\\n");
const i = args.indexOf("--outputs-file");
if (i >= 0) fs.writeFileSync(args[i + 1], JSON.stringify({ [args[1]]: { id: args[1] + "-id" } }));
process.exit(args[1] === process.env.FAKE_FAIL ? 1 : 0);
`, { mode: 0o755 });
const fakePreflight = path.join(tmp, "preflight.js");
fs.writeFileSync(fakePreflight, `require("fs").appendFileSync(process.env.FAKE_LOG, JSON.stringify({ tool: "preflight", args: process.argv.slice(2) }) + "\\n");
process.exit(Number(process.env.FAKE_PREFLIGHT_EXIT || 0));
`);

let n = 0;
function deploy(argv: string[], env: Record<string, string> = {}) {
  const log = path.join(tmp, `calls-${++n}.jsonl`);
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "deploy.js"), ...argv], {
    cwd: ROOT, encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir, DBX_DEPLOY_CDKTF: fakeCdktf, DBX_DEPLOY_PREFLIGHT: fakePreflight, FAKE_LOG: log, ...env },
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l)) : [];
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, calls };
}
const stacksOf = (calls: Array<{ tool: string; args: string[] }>) => calls.filter((c) => c.tool === "cdktf").map((c) => c.args[1]);

test("the preflight first, then the stacks one by one in dependency order: state → workspace → workspace-config", () => {
  const r = deploy(["dev", "--skip-synth", "--auto-approve"]);
  expect(r).toMatchObject({ code: 0 });
  expect(r.calls[0]).toEqual({ tool: "preflight", args: ["dev"] });
  expect(stacksOf(r.calls)).toEqual(["dev-state", "dev-workspace", "dev-workspace-config"]);
  for (const c of r.calls.slice(1)) {
    expect(c.args).toEqual(["deploy", c.args[1], "--skip-synth", "--ignore-missing-stack-dependencies", "--auto-approve"]);
    expect(c.logDir).toEqual(expect.any(String)); // cdktf's logger to a file: each Terraform error printed once
  }
  expect(r.stderr).toContain("deploy: dev: dev-state → dev-workspace → dev-workspace-config");
  expect(r.stderr).toContain("check it with `npm run verify -- dev`");
  expect(stacksOf(deploy(["poc", "--skip-synth"]).calls)).toEqual(["poc-workspace", "poc-workspace-config"]);
  expect(stacksOf(deploy(["account", "--skip-synth"]).calls)).toEqual(["account-state", "account-logs"]);
});

test("stops at the first failure, names what is deployed and what is not, and what to do next", () => {
  const r = deploy(["prod", "--skip-synth"], { FAKE_FAIL: "prod-workspace" });
  expect(r.code).toBe(1);
  expect(stacksOf(r.calls)).toEqual(["prod-state", "prod-workspace"]);
  expect(r.stderr).toContain("deploy: prod-workspace failed; deployed: prod-state; not deployed: prod-workspace, prod-workspace-config.");
  expect(r.stderr).toContain("docs/first-apply.md");
  expect(r.stderr).toContain("run `npm run deploy -- prod` again");
  expect(r.stderr).toContain("npx cdktf diff prod-workspace");
});

test("a preflight that fails stops everything; --skip-preflight skips it; no preflight script: said, then deploys", () => {
  const failed = deploy(["dev", "--skip-synth"], { FAKE_PREFLIGHT_EXIT: "1" });
  expect(failed.code).toBe(1);
  expect(failed.calls).toEqual([{ tool: "preflight", args: ["dev"] }]);
  expect(failed.stderr).toContain("the preflight of dev found problems (exit 1); nothing was deployed");
  const skipped = deploy(["dev", "--skip-synth", "--skip-preflight"]);
  expect(skipped.calls.map((c) => c.tool)).toEqual(["cdktf", "cdktf", "cdktf"]);
  const missing = deploy(["dev", "--skip-synth"], { DBX_DEPLOY_PREFLIGHT: path.join(tmp, "none.js") });
  expect(missing).toMatchObject({ code: 0, stderr: expect.stringContaining("no preflight") });
  expect(stacksOf(missing.calls)).toHaveLength(3);
});

test("--outputs-file: each stack's outputs merged into one file (cdktf's own file holds only the last run)", () => {
  const file = path.join(tmp, "outputs.json");
  const r = deploy(["dev", "--skip-synth", "--outputs-file", file]);
  expect(r.code).toBe(0);
  expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({
    "dev-state": { id: "dev-state-id" }, "dev-workspace": { id: "dev-workspace-id" }, "dev-workspace-config": { id: "dev-workspace-config-id" },
  });
  for (const c of r.calls.filter((x) => x.tool === "cdktf")) expect(c.args).not.toContain(file); // per-stack temp files
});

test("no environment: the usage and the environments, exit 2, nothing run", () => {
  const r = deploy(["--skip-synth"]);
  expect(r).toMatchObject({ code: 2, calls: [] });
  expect(r.stderr).toContain("deploy: which environment?\nusage: npm run deploy -- <env>");
  expect(r.stderr).toMatch(/\nenvironments: account, dev, poc, prod, spoc\n$/);
  expect(r.stderr).not.toMatch(/more than one stack/i);
});

test("bad input: an unknown environment, a stack id, two environments, an unknown option", () => {
  expect(deploy(["qa", "--skip-synth"])).toMatchObject({ code: 2, calls: [], stderr: 'deploy: no environment "qa"; environments: account, dev, poc, prod, spoc\n' });
  expect(deploy(["dev-workspace", "--skip-synth"]).stderr).toContain(`("dev-workspace" names stacks: npm run deploy -- dev, or npx cdktf deploy 'dev-workspace')`);
  expect(deploy(["poc-*", "--skip-synth"])).toMatchObject({ code: 2, calls: [], stderr: expect.stringContaining("npm run deploy -- poc") });
  expect(deploy(["dev", "prod", "--skip-synth"])).toMatchObject({ code: 2, calls: [], stderr: expect.stringContaining("one environment at a time (got dev, prod)") });
  expect(deploy(["dev", "--yes"])).toMatchObject({ code: 2, calls: [], stderr: expect.stringContaining("unknown option --yes (allowed: --outputs-file") });
});

test("a bad --outputs-file stops before anything runs, naming the file and why", () => {
  const garbage = path.join(tmp, "garbage.json");
  fs.writeFileSync(garbage, "garbage");
  const list = path.join(tmp, "list.json");
  fs.writeFileSync(list, "[1]");
  const cases: Array<[string, string]> = [
    [path.join(tmp, "no-such-dir", "x.json"), `deploy: --outputs-file ${path.join(tmp, "no-such-dir", "x.json")}: the folder ${path.join(tmp, "no-such-dir")} does not exist\n`],
    [tmp, `deploy: --outputs-file ${tmp}: is a folder; name a file\n`],
    [list, `deploy: --outputs-file ${list}: holds JSON that is not an object of stacks' outputs; name a new file or the outputs file of an earlier deploy\n`],
  ];
  for (const [file, message] of cases) expect(deploy(["dev", "--skip-synth", "--outputs-file", file])).toMatchObject({ code: 2, calls: [], stderr: message });
  const r = deploy(["dev", "--skip-synth", "--outputs-file", garbage]);
  expect(r).toMatchObject({ code: 2, calls: [] });
  expect(r.stderr).toMatch(/^deploy: --outputs-file .*garbage\.json: holds no JSON \(.*\); name a new file or the outputs file of an earlier deploy\n$/);
});

test("without --skip-synth: a wrong environment is told before the synth writes anything; a right one synthesizes and deploys", () => {
  const fresh = fs.mkdtempSync(path.join(tmp, "out-"));
  for (const [argv, message] of [[["qa"], 'deploy: no environment "qa"; environments: poc, dev, prod, spoc, account\n'], [["dev", "prod"], "one environment at a time (got dev, prod)"]]) {
    const r = deploy(argv as string[], { CDKTF_OUTDIR: fresh });
    expect(r).toMatchObject({ code: 2, calls: [] });
    expect(r.stderr).toContain(message as string);
    expect(fs.readdirSync(fresh)).toEqual([]);
  }
  // The synth runs with the deploy's own test variables set (DBX_DEPLOY_*): they are not config overrides.
  const r = deploy(["poc", "--auto-approve"], { CDKTF_OUTDIR: fresh });
  expect(r.stderr).not.toContain("names no environment or field");
  expect(r).toMatchObject({ code: 0 });
  expect(stacksOf(r.calls)).toEqual(["poc-workspace", "poc-workspace-config"]);
});

test("account: deployed without a preflight (it checks environments), and the deploy says so", () => {
  const r = deploy(["account", "--skip-synth"]);
  expect(r.code).toBe(0);
  expect(r.calls.filter((c) => c.tool === "preflight")).toEqual([]);
  expect(r.stderr).toContain("deploy: the preflight checks environments, not the account-level stacks: none for account\n");
  // The real preflight indeed refuses it: deploying account through it could never pass.
  const real = spawnSync(process.execPath, [path.join(ROOT, "scripts", "preflight.js"), "account"], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
  expect(real).toMatchObject({ status: 2, stderr: "preflight: unknown environment account; the environments are: poc, dev, prod, spoc\n" });
});

test("deployOrder: a topological order of the manifest's dependencies; a cycle is an error", () => {
  const { deployOrder } = require("../../scripts/deploy.js");
  const s = (id: string, dependencies: string[]) => ({ id, env: id.split("-")[0], entry: { dependencies } });
  expect(deployOrder([s("a-config", ["a-ws", "a-state"]), s("a-ws", ["a-state"]), s("a-state", []), s("b-x", [])], "a"))
    .toEqual(["a-state", "a-ws", "a-config"]);
  expect(() => deployOrder([s("a-x", ["a-y"]), s("a-y", ["a-x"])], "a")).toThrow("the stacks of a depend on each other in a cycle (a-x → a-y; a-y → a-x)");
});

test("by default cdktf-cli's entry script runs under this Node (no shell, no .cmd shim) and the preflight is scripts/preflight.js", () => {
  const { tools } = require("../../scripts/deploy.js");
  const t = tools({});
  expect(t.cdktf).toEqual([process.execPath, path.join(ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf")]);
  expect(fs.existsSync(t.cdktf[1])).toBe(true);
  expect(t.preflight).toBe(path.join(ROOT, "scripts", "preflight.js"));
  expect(tools({ DBX_DEPLOY_CDKTF: "/x/cdktf", DBX_DEPLOY_PREFLIGHT: "/x/p.js" })).toMatchObject({ cdktf: ["/x/cdktf"], preflight: "/x/p.js" });
});
