// `npm run verify -- <env> --run-job`: the one write of verify, asked for explicitly. Starts one run of the
// Kinesis → Delta job, waits for it (--run-timeout minutes, default 30; polls every --poll-seconds, default 15)
// and reports its result and URL. A run still going at the timeout is left running (and says so).
// Jobs API 2.1: list by name, run-now, runs/get (https://docs.databricks.com/api/workspace/jobs/list,
// https://docs.databricks.com/api/workspace/jobs/runnow, https://docs.databricks.com/api/workspace/jobs/getrun).
"use strict";

const TERMINAL = ["TERMINATED", "SKIPPED", "INTERNAL_ERROR"];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

async function runJob(report, ctx, ws) {
  const name = ctx.env.name;
  const jobName = ctx.expected.jobName;
  const check = "verify.run-job";
  if (!jobName) return report.add(name, check, "skipped", "the config has no workspaceConfig (no job)");
  const timeoutMs = Number(ctx.opts.runTimeout ?? 30) * 60000;
  const pollMs = Number(ctx.opts.pollSeconds ?? 15) * 1000;
  try {
    const list = await ws.get(`/api/2.1/jobs/list?name=${encodeURIComponent(jobName)}`, "jobs list");
    const job = (list.jobs || []).find((j) => j.settings && j.settings.name === jobName);
    if (!job) return report.add(name, check, "problem", `job "${jobName}" does not exist`, `deploy ${name}-workspace-config (the job needs workspaceConfig.dataAccess and a stream)`);
    const started = await ws.post("/api/2.1/jobs/run-now", { job_id: job.job_id }, "jobs run-now");
    if (started.run_id === undefined) throw new Error("jobs run-now: malformed (no run_id)");
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await ws.get(`/api/2.1/jobs/runs/get?run_id=${started.run_id}`, "jobs runs/get");
      const state = run.state || {};
      const url = run.run_page_url || `${ws.host}/#job/${job.job_id}/run/${started.run_id}`;
      if (TERMINAL.includes(state.life_cycle_state)) {
        if (state.result_state === "SUCCESS") return report.add(name, check, "ok", `run ${started.run_id} of "${jobName}" succeeded: ${url}`);
        return report.add(name, check, "problem", `run ${started.run_id} of "${jobName}" ended ${state.life_cycle_state}/${state.result_state || "no result"}${state.state_message ? `: ${state.state_message}` : ""}: ${url}`, "open the run's URL for the cluster and driver logs (docs/preflight.md lists the usual causes)");
      }
      if (Date.now() + pollMs > deadline) {
        return report.add(name, check, "problem", `run ${started.run_id} of "${jobName}" is still ${state.life_cycle_state} after ${timeoutMs / 60000} min (left running): ${url}`, "raise --run-timeout, or follow the run at its URL");
      }
      await sleep(pollMs);
    }
  } catch (e) {
    report.add(name, check, "problem", e.message, "the deployer needs CAN_MANAGE_RUN on the job (workspace admins have it)");
  }
}

module.exports = { runJob };
