// The report: one line per check (ok / problem / skipped, and why), a summary, and whether it is safe to deploy.
// Every text that leaves the process passes through redact(): no token, secret or key is ever printed, in text,
// in --json or in an error.
"use strict";

const STATUSES = ["ok", "problem", "skipped"];

class Report {
  /** `command`: "preflight" or "verify"; `secrets`: a Set the clients add every secret they hold or receive to. */
  constructor(command, secrets = new Set()) {
    this.command = command;
    this.secrets = secrets;
    this.checks = [];
  }

  /** One check's result; `fix` says what to change, where (console page, config field or command). */
  add(environment, check, status, message, fix) {
    if (!STATUSES.includes(status)) throw new Error(`unknown status ${status}`);
    this.checks.push({ environment, check, status, message, ...(fix ? { fix } : {}) });
  }

  /** Safe when no check found a problem. */
  get safe() {
    return this.checks.length > 0 && !this.checks.some((c) => c.status === "problem");
  }

  redact(text) {
    let out = String(text);
    for (const s of this.secrets) if (typeof s === "string" && s.length >= 4) out = out.split(s).join("***");
    return out;
  }

  summary() {
    const count = (s) => this.checks.filter((c) => c.status === s).length;
    const envs = [...new Set(this.checks.map((c) => c.environment))].join(", ");
    const verdict = this.command === "preflight"
      ? (this.safe ? `safe to deploy ${envs}` : `NOT safe to deploy ${envs}: fix the problems above`)
      : (this.safe ? `${envs} works as deployed` : `${envs} is not as deployed: see the problems above`);
    return `${count("ok")} ok, ${count("problem")} problem(s), ${count("skipped")} skipped: ${verdict}`;
  }

  text() {
    const lines = [`${this.command}: read-only (changes nothing in AWS or Databricks)${this.command === "verify" && this.ranJob ? ", except the one job run --run-job asked for" : ""}`];
    // One line per check; a problem's (or a skip's) fix on the same line.
    for (const c of this.checks) lines.push(`${c.status.padEnd(8)}${c.environment} ${c.check}: ${c.message}${c.fix && c.status !== "ok" ? `. Fix: ${c.fix}` : ""}`);
    lines.push(this.summary());
    return this.redact(`${lines.join("\n")}\n`);
  }

  json() {
    return this.redact(`${JSON.stringify({ command: this.command, readOnly: !this.ranJob, safe: this.safe, summary: this.summary(), checks: this.checks }, null, 2)}\n`);
  }
}

module.exports = { Report };
