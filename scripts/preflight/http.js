// HTTP for the Databricks REST APIs: Node's own fetch, no SDK (Databricks' JavaScript SDK exists only as
// @databricks/sdk-experimental 0.x; these are a dozen GETs in documented shapes), with a timeout on every call,
// a retry budget for 429/503 that honours Retry-After, and errors that never carry a secret.
"use strict";

/** A failed call, worded for the report: `status` (HTTP status or "timeout"/"network"/"malformed"), `detail`. */
class CallError extends Error {
  constructor(what, status, detail) {
    super(`${what}: ${status === "timeout" || status === "network" || status === "malformed" ? status : `HTTP ${status}`}${detail ? ` (${detail})` : ""}`);
    this.status = status;
    this.detail = detail;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Seconds of a Retry-After header (delta-seconds or an HTTP date), capped; default 1 s. */
function retryAfterMs(header, capMs) {
  if (!header) return Math.min(1000, capMs);
  const secs = Number(header);
  const ms = Number.isFinite(secs) ? secs * 1000 : Date.parse(header) - Date.now();
  return Math.max(0, Math.min(Number.isFinite(ms) ? ms : 1000, capMs));
}

/** The error text of a Databricks error body ({ error_code, message } or OAuth's { error, error_description }). */
function errorDetail(text) {
  try {
    const body = JSON.parse(text);
    const code = body.error_code || body.error;
    const message = body.message || body.error_description || body.detail;
    return [code, message].filter(Boolean).join(": ").slice(0, 300);
  } catch {
    return text.replace(/\s+/g, " ").trim().slice(0, 120);
  }
}

/**
 * Calls `url` and returns its JSON body. `what` names the call in errors. Options: method, headers, body,
 * timeoutMs (per attempt; default 10 s), retries (429/503; default 2), retryCapMs (longest wait; default 5 s).
 */
async function requestJson(what, url, { method = "GET", headers = {}, body, timeoutMs = 10000, retries = 2, retryCapMs = 5000 } = {}) {
  for (let attempt = 0; ; attempt++) {
    let res;
    let text;
    try {
      res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
      text = await res.text();
    } catch (e) {
      if (e && (e.name === "TimeoutError" || e.name === "AbortError")) throw new CallError(what, "timeout", `no answer within ${timeoutMs / 1000} s`);
      throw new CallError(what, "network", e && e.cause && e.cause.code ? e.cause.code : "could not connect");
    }
    if ((res.status === 429 || res.status === 503) && attempt < retries) {
      await sleep(retryAfterMs(res.headers.get("retry-after"), retryCapMs));
      continue;
    }
    if (!res.ok) throw new CallError(what, res.status, errorDetail(text));
    try {
      return text === "" ? {} : JSON.parse(text);
    } catch {
      throw new CallError(what, "malformed", "the answer is not JSON");
    }
  }
}

module.exports = { requestJson, CallError, retryAfterMs };
