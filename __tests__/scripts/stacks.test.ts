// `npm run stacks` (scripts/stacks.js): the synthesized stack list for the PR plan matrix and the deploy jobs.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

interface Io { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } }
const st = require("../../scripts/stacks.js") as {
  main(argv: string[], io?: Io): number;
  listStacks(outdir: string): Array<{ name: string; env: string; envVar: string; backend: string; runsOn: string | string[] }>;
};

function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = st.main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const outdir = process.env.SYNTH_OUTDIR as string; // synthesized once for all suites (global-setup.js)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("lists the synthesized stacks with environment and backend, for the CI matrix and the deploy jobs", () => {
  const stacks = st.listStacks(outdir);
  expect(stacks).toContainEqual({ name: "poc-workspace", env: "poc", envVar: "POC", backend: "local", runsOn: "ubuntu-latest" });
  expect(stacks).toContainEqual({ name: "dev-workspace", env: "dev", envVar: "DEV", backend: "s3", runsOn: "ubuntu-latest" });
  // dev has IP access lists and state in S3: its config stack plans and deploys on the runner inside deployerCidrs.
  expect(stacks).toContainEqual({ name: "dev-workspace-config", env: "dev", envVar: "DEV", backend: "s3", runsOn: ["self-hosted", "databricks-deployer"] });
  expect(run(["--outdir", outdir])).toMatchObject({ code: 0, stderr: "" });
  expect(JSON.parse(run(["--outdir", outdir]).stdout)).toEqual(stacks);
  expect(run(["--outdir", outdir, "--env", "dev", "--remote-state", "--names"]).stdout).toBe("dev-workspace dev-workspace-config\n");
  expect(run(["--outdir", outdir, "--env", "dev", "--local-state", "--names"]).stdout).toBe("dev-state\n");
});

test("bad input: exit 2 with a message naming what is missing or not allowed", () => {
  expect(run(["--outdir", tmp])).toMatchObject({
    code: 2, stderr: expect.stringMatching(/cannot read cdktf manifest file .*manifest\.json: no such file \(run `npm run synth` first\)/),
  });
  expect(run(["--outdir", outdir, "--stack", "x"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown option --stack \(allowed: --outdir, --env/) });
  expect(run(["--env"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--env needs a value/) });
});

/** A synth output with the given stacks: id → the "//".ci.runsOn of its cdk.tf.json (undefined: none). */
function fakeOutdir(runners: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(tmp, "out-"));
  const stacks: Record<string, unknown> = {};
  for (const [id, runsOn] of Object.entries(runners)) {
    fs.mkdirSync(path.join(dir, "stacks", id), { recursive: true });
    const json = { "//": { metadata: { stackName: id }, ...(runsOn === undefined ? {} : { ci: { runsOn } }) }, terraform: { backend: { s3: {} } } };
    fs.writeFileSync(path.join(dir, "stacks", id, "cdk.tf.json"), JSON.stringify(json));
    stacks[id] = { name: id, synthesizedStackPath: `stacks/${id}/cdk.tf.json` };
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ stacks }));
  return dir;
}

test("the runner: each stack's \"//\".ci.runsOn in the matrix; --runs-on gives the one runner an environment's deploy job needs", () => {
  const labels = ["self-hosted", "databricks-deployer"];
  const dir = fakeOutdir({ "dev-workspace": undefined, "dev-workspace-config": labels, "prod-workspace": undefined, "prod-workspace-config": "ubuntu-latest" });
  expect(st.listStacks(dir).map((s) => [s.name, s.runsOn])).toEqual([
    ["dev-workspace", "ubuntu-latest"], ["dev-workspace-config", labels], ["prod-workspace", "ubuntu-latest"], ["prod-workspace-config", "ubuntu-latest"],
  ]);
  expect(run(["--outdir", dir, "--env", "dev", "--runs-on"])).toEqual({ code: 0, stdout: `${JSON.stringify(labels)}\n`, stderr: "" });
  expect(run(["--outdir", dir, "--env", "prod", "--runs-on"])).toEqual({ code: 0, stdout: "\"ubuntu-latest\"\n", stderr: "" });
  expect(run(["--outdir", outdir, "--env", "dev", "--remote-state", "--runs-on"]).stdout).toBe('["self-hosted","databricks-deployer"]\n'); // the examples
  expect(run(["--outdir", outdir, "--env", "poc", "--runs-on"]).stdout).toBe("\"ubuntu-latest\"\n");
});

test("--runs-on refuses stacks that need different runners, and goes without --names", () => {
  const dir = fakeOutdir({ "dev-a": "runner-a", "dev-b": ["self-hosted", "b"], "dev-c": undefined });
  expect(run(["--outdir", dir, "--runs-on"])).toEqual({ code: 2, stdout: "",
    stderr: "stacks: the stacks need different runners (dev-a: \"runner-a\", dev-b: [\"self-hosted\",\"b\"], dev-c: \"ubuntu-latest\"); deploy them in separate jobs\n" });
  expect(run(["--outdir", dir, "--names", "--runs-on"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^stacks: --names and --runs-on exclude each other\n/) });
});
