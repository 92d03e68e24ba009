// The Terraform runner must never outlive its caller: an aborted or timed-out command is killed, so a jest
// worker running the Terraform suite can always exit ("A worker process has failed to exit gracefully").
const { run } = require("../../scripts/tf-check/runner.js") as {
  run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, limits?: { signal?: AbortSignal; timeoutMs?: number }): Promise<{ code: number | null }>;
};

test("an aborted command is killed at once, not left running", async () => {
  const abort = new AbortController();
  const started = Date.now();
  const done = run("sleep", ["30"], process.cwd(), process.env, { signal: abort.signal });
  setTimeout(() => abort.abort(), 100);
  const result = await done;
  expect(result.code).not.toBe(0);
  expect(Date.now() - started).toBeLessThan(5_000);
});

test("a command past its time limit is killed", async () => {
  const started = Date.now();
  const result = await run("sleep", ["30"], process.cwd(), process.env, { timeoutMs: 200 });
  expect(result.code).not.toBe(0);
  expect(Date.now() - started).toBeLessThan(5_000);
});
