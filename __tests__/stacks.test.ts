// `npm run stacks` (scripts/stacks.js): the synthesized stack list for the PR plan matrix and the deploy jobs.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

interface Io { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } }
const st = require("../scripts/stacks.js") as {
  main(argv: string[], io?: Io): number;
  listStacks(outdir: string): Array<{ name: string; env: string; envVar: string; backend: string }>;
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
  expect(stacks).toContainEqual({ name: "poc-workspace", env: "poc", envVar: "POC", backend: "local" });
  expect(stacks).toContainEqual({ name: "dev-workspace", env: "dev", envVar: "DEV", backend: "s3" });
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
