// The GitHub workflows, checked statically: they parse, never run fork code with secrets, ask for OIDC exactly where
// credentials are configured, call only scripts and binaries that exist, and pin every action to a commit.
import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";

type Job = Record<string, any>;
const ROOT = path.join(__dirname, "..", "..");
const DIR = path.join(ROOT, ".github", "workflows");
const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const raw: Record<string, string> = Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(DIR, f), "utf8")]));
const docs = Object.fromEntries(files.map((f) => [f, parseDocument(raw[f])]));
const wf: Record<string, any> = Object.fromEntries(files.map((f) => [f, docs[f].toJS()]));
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;

const jobs = () => files.flatMap((f) => Object.entries(wf[f].jobs as Record<string, Job>).map(([id, job]) => ({ f, id, job })));
const steps = () => jobs().flatMap(({ f, id, job }) => ((job.steps ?? []) as Job[]).map((step) => ({ f, id, step })));
const runs = () => steps().filter(({ step }) => typeof step.run === "string").map(({ f, id, step }) => ({ where: `${f} ${id}`, run: step.run as string }));
/** A job that configures credentials itself, or calls a reusable workflow of ours whose jobs do. */
const usesCredentials = (job: Job): boolean =>
  typeof job.uses === "string"
    ? Object.values(wf[path.basename(job.uses)].jobs as Record<string, Job>).some(usesCredentials)
    : job.steps.some((s: Job) => /^aws-actions\/configure-aws-credentials@/.test(s.uses || "") || Object.keys(s.env || {}).some((k) => k.startsWith("DATABRICKS_"))) ||
      Object.keys(job.env || {}).some((k) => k.startsWith("DATABRICKS_"));

test("the workflows exist and parse as YAML without errors or warnings", () => {
  expect(files.sort()).toEqual(["deploy-environment.yml", "deploy.yml", "pr.yml"]);
  for (const f of files) expect({ f, errors: docs[f].errors.map(String), warnings: docs[f].warnings.map(String) }).toEqual({ f, errors: [], warnings: [] });
});

test("pull requests run on pull_request, never pull_request_target", () => {
  for (const f of files) expect(`${f}: ${raw[f].replace(/(^|\s)#.*$/gm, "")}`).not.toMatch(/pull_request_target/); // comments may warn about it
  expect(Object.keys(wf["pr.yml"].on)).toEqual(["pull_request"]);
});

test("no permissions by default; id-token: write exactly in the jobs that configure credentials", () => {
  for (const f of files) expect(wf[f].permissions).toEqual({});
  const withCredentials = jobs().filter(({ job }) => usesCredentials(job)).map(({ f, id }) => `${f}:${id}`);
  expect(withCredentials.sort()).toEqual(["deploy-environment.yml:deploy", "deploy.yml:account", "deploy.yml:dev", "deploy.yml:poc", "deploy.yml:prod", "pr.yml:plan"]);
  for (const { f, id, job } of jobs()) {
    expect({ job: `${f}:${id}`, idToken: job.permissions?.["id-token"] }).toEqual({ job: `${f}:${id}`, idToken: usesCredentials(job) ? "write" : undefined });
    expect({ job: `${f}:${id}`, contents: job.permissions?.contents }).toEqual({ job: `${f}:${id}`, contents: "read" });
  }
  expect(wf["pr.yml"].jobs.plan.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
});

test("every `npm run <script>` and `npm test` in a run step exists in package.json", () => {
  const used = runs().flatMap(({ where, run }) => [
    ...[...run.matchAll(/\bnpm run(?:\s+--?[\w-]+)*\s+([\w:.-]+)/g)].map((m) => ({ where, script: m[1] })),
    ...[...run.matchAll(/\bnpm (test|start)\b/g)].map((m) => ({ where, script: m[1] })),
  ]);
  expect(used.map((u) => u.script)).toEqual(expect.arrayContaining(["test", "synth", "stacks", "diagram", "plan:summary", "deploy"]));
  expect(used.filter((u) => !(u.script in scripts))).toEqual([]);
});

test("every `npx <bin>` in a run step exists in node_modules/.bin", () => {
  const bins = runs().flatMap(({ where, run }) => [...run.matchAll(/\bnpx(?:\s+--?[\w-]+)*\s+([\w@./-]+)/g)].map((m) => ({ where, bin: m[1] })));
  expect(bins.filter(({ bin }) => !fs.existsSync(path.join(ROOT, "node_modules", ".bin", bin)))).toEqual([]);
  expect(bins.map((b) => b.bin)).toEqual(expect.arrayContaining(["cdktf"]));
});

test("the plan job's matrix is the synth job's stack list, one stack per job, forks skipped", () => {
  const { synth, plan } = wf["pr.yml"].jobs;
  expect(plan.needs).toBe("synth");
  expect(plan.strategy).toMatchObject({ "fail-fast": false, matrix: { stack: "${{ fromJSON(needs.synth.outputs.stacks) }}" } });
  const [, stepId] = /^\$\{\{ steps\.([\w-]+)\.outputs\.stacks \}\}$/.exec(synth.outputs.stacks) || [];
  const step = synth.steps.find((s: Job) => s.id === stepId);
  expect(step.run).toMatch(/stacks=\$\(npm run --silent stacks\)" >> "\$GITHUB_OUTPUT"/);
  expect(plan.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
  const planStep = plan.steps.find((s: Job) => s.id === "plan").run;
  expect(planStep).toMatch(/terraform -chdir="\$dir" init -input=false/);
  expect(planStep).toMatch(/plan -input=false -lock=false -no-color -out=/);
  expect(plan.steps.at(-1)).toMatchObject({ if: "steps.plan.outputs.exitcode != '0'" }); // the job fails after commenting
});

test("deploy jobs run one reusable workflow in their GitHub environment, poc → dev → prod", () => {
  const { jobs: deploy, on } = wf["deploy.yml"];
  expect(on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: null });
  for (const [id, job] of Object.entries(deploy as Record<string, Job>)) {
    expect({ id, uses: job.uses, with: job.with, secrets: job.secrets })
      .toEqual({ id, uses: "./.github/workflows/deploy-environment.yml", with: { environment: id }, secrets: "inherit" });
  }
  const called = wf["deploy-environment.yml"];
  expect(called.on.workflow_call.inputs.environment).toMatchObject({ required: true, type: "string" });
  expect(called.jobs.deploy.environment).toBe("${{ inputs.environment }}"); // the approval gate
  // The plain cdktf route with only the remote-state stacks (`npm run deploy -- <env>` would deploy the local ones too),
  // its logger to a file so each Terraform error is printed once.
  expect(called.jobs.deploy.steps.map((s: Job) => s.run || "").join("\n"))
    .toMatch(/CDKTF_LOG_FILE_DIRECTORY="\$RUNNER_TEMP" npx cdktf deploy \$stacks --auto-approve --skip-synth --ignore-missing-stack-dependencies/);
  expect([deploy.poc.needs, deploy.dev.needs, deploy.prod.needs]).toEqual([undefined, "poc", "dev"]);
  expect(wf["deploy.yml"].concurrency).toMatchObject({ "cancel-in-progress": false });
});

test("every third-party action is pinned to a full commit SHA with its version in a comment", () => {
  const uses = files.flatMap((f) => raw[f].split("\n").filter((l) => /^\s*-?\s*uses:/.test(l) && !/uses: \.\//.test(l)) // our own reusable workflows: same commit
    .map((line) => ({ f, line: line.trim() })));
  expect(uses.length).toBeGreaterThan(10);
  expect(uses.filter(({ line }) => !/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/.test(line))).toEqual([]);
  const pins = new Map<string, Set<string>>();
  for (const { line } of uses) {
    const [, action, sha] = /uses: ([^@]+)@(\w+)/.exec(line) || [];
    pins.set(action, (pins.get(action) || new Set()).add(sha));
  }
  expect([...pins].filter(([, shas]) => shas.size > 1)).toEqual([]); // one version per action across both files
});

test("runners: the plan and deploy jobs run where the stacks' runsOn says (`npm run stacks`), everything else on ubuntu-latest", () => {
  const { plan, synth } = wf["pr.yml"].jobs;
  expect(plan["runs-on"]).toBe("${{ matrix.stack.runsOn }}"); // [{ name, env, envVar, backend, runsOn }] from scripts/stacks.js
  expect(synth.steps.find((s: Job) => s.id === "stacks").run).toBe('echo "stacks=$(npm run --silent stacks)" >> "$GITHUB_OUTPUT"');
  const { runner, deploy } = wf["deploy-environment.yml"].jobs;
  expect(deploy.needs).toBe("runner");
  expect(deploy["runs-on"]).toBe("${{ fromJSON(needs.runner.outputs.runsOn) }}");
  expect(runner.outputs).toEqual({ runsOn: "${{ steps.runner.outputs.runsOn }}" });
  const step = runner.steps.find((s: Job) => s.id === "runner");
  expect(step).toMatchObject({ env: { ENV_NAME: "${{ inputs.environment }}" },
    run: 'echo "runsOn=$(npm run --silent stacks -- --env "$ENV_NAME" --remote-state --runs-on)" >> "$GITHUB_OUTPUT"' });
  expect(runner.steps.map((s: Job) => s.run).filter(Boolean)).toEqual(["npm ci", "npm run synth", step.run]); // synth before stacks
  expect(usesCredentials(runner)).toBe(false); // it only reads the config
  const others = jobs().filter(({ f, id, job }) => !job.uses && !(f === "pr.yml" && id === "plan") && !(f === "deploy-environment.yml" && id === "deploy"));
  expect(others.map(({ f, id, job }) => `${f}:${id} ${job["runs-on"]}`).sort()).toEqual([
    "deploy-environment.yml:runner ubuntu-latest", "pr.yml:synth ubuntu-latest", "pr.yml:test ubuntu-latest",
  ]);
});

test("Databricks auth: the same variables in both credential jobs; the OIDC audience comes from the provider blocks, not the environment", () => {
  const step = (job: Job) => job.steps.find((s: Job) => Object.keys(s.env ?? {}).some((k) => k.startsWith("DATABRICKS_")));
  const env = (job: Job) => Object.fromEntries(Object.entries<string>(step(job).env).filter(([k]) => k.startsWith("DATABRICKS_")));
  const expected = {
    DATABRICKS_CLIENT_ID: "${{ secrets.DATABRICKS_CLIENT_ID || vars.DATABRICKS_CLIENT_ID }}",
    DATABRICKS_CLIENT_SECRET: "${{ secrets.DATABRICKS_CLIENT_SECRET }}",
    DATABRICKS_AUTH_TYPE: "${{ vars.DATABRICKS_AUTH_TYPE }}", // github-oidc, or empty
  };
  expect(env(wf["pr.yml"].jobs.plan)).toEqual(expected);
  expect(env(wf["deploy-environment.yml"].jobs.deploy)).toEqual(expected);
  // The provider blocks set `audience` (the account id), which wins over DATABRICKS_TOKEN_AUDIENCE: setting it would mislead.
  for (const f of files) expect(`${f}: ${raw[f].replace(/(^|\s)#.*$/gm, "")}`).not.toMatch(/(?<!\w)DATABRICKS_(TOKEN_AUDIENCE|ACCOUNT_ID|HOST)\b/);
});

test("the Databricks credentials reach only the step that runs Terraform: never a workflow's or a job's env", () => {
  const holds = (env: Job | undefined) => Object.keys(env ?? {}).filter((k) => k.startsWith("DATABRICKS_"));
  for (const f of files) expect({ f, env: holds(wf[f].env) }).toEqual({ f, env: [] });
  for (const { f, id, job } of jobs()) expect({ job: `${f}:${id}`, env: holds(job.env) }).toEqual({ job: `${f}:${id}`, env: [] });
  // Exactly one step per credential job holds the secret: the plan (pr.yml) and the deploy (deploy-environment.yml).
  const withSecret = steps().filter(({ step }) => "DATABRICKS_CLIENT_SECRET" in (step.env ?? {})).map(({ f, id, step }) => `${f}:${id}:${step.id ?? step.name}`);
  expect(withSecret).toEqual(["deploy-environment.yml:deploy:Deploy the ${{ inputs.environment }} stacks with remote state", "pr.yml:plan:plan"]);
  // `npm ci` runs package scripts: it must come before (and without) any Databricks variable.
  for (const { f, id, step } of steps().filter(({ step }) => /\bnpm ci\b/.test(step.run ?? ""))) expect({ step: `${f}:${id}`, env: holds(step.env) }).toEqual({ step: `${f}:${id}`, env: [] });
});

test("every job that sets up Node uses a Node of package.json's engines (24), and the test job starts the cdktf CLI", () => {
  const engines: string = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).engines.node;
  const setups = steps().filter(({ step }) => /^actions\/setup-node@/.test(step.uses || ""));
  expect(setups.length).toBeGreaterThanOrEqual(5);
  for (const { f, id, step } of setups) {
    expect({ job: `${f}:${id}`, node: step.with["node-version"] }).toEqual({ job: `${f}:${id}`, node: 24 });
    expect(engines).toContain(`^${step.with["node-version"]}.`);
  }
  // CI's Node-24 pass once never started the CLI, so a CLI that crashed on Node 24 stayed green.
  expect(wf["pr.yml"].jobs.test.steps.map((s: Job) => s.run).filter(Boolean).slice(-4)).toEqual(["npm ci", "npm test", "npx cdktf list", "npm run validate:tf"]);
});

test("the CI deploy runs the preflight before cdktf deploy, in the step that holds the credentials", () => {
  const deploy = steps().find(({ f, step }) => f === "deploy-environment.yml" && /npx cdktf deploy/.test(step.run ?? ""))!.step.run as string;
  expect(deploy.indexOf('npm run --silent preflight -- "$ENV_NAME"')).toBeGreaterThan(-1);
  expect(deploy.indexOf("npm run --silent preflight")).toBeLessThan(deploy.indexOf("npx cdktf deploy"));
});

test("`npm run deploy` is the guided deploy (scripts/deploy.js), not cdktf's bare `deploy` that refuses several stacks", () => {
  expect(scripts.deploy).toBe("node scripts/deploy.js");
  expect(fs.existsSync(path.join(ROOT, "scripts", "deploy.js"))).toBe(true);
});
