// Small helpers of the diagram code: comparison, literal values, lists, JSON, names, references, port ranges.
"use strict";

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const literal = (v) => typeof v === "string" && v !== "" && !v.includes("${");
const list = (v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const parseJson = (text) => { try { return typeof text === "string" ? JSON.parse(text) : undefined; } catch { return undefined; } };
const escRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The construct id without cdktf's hash suffix: what a person named the resource. */
const shortName = (name) => name.replace(/_[0-9A-F]{8}$/, "");

/** Addresses ("type.name") of the stack's resources that `value` references, in order of appearance. */
function refsIn(value, known) {
  const text = typeof value === "string" ? value : JSON.stringify(value, (k, v) => (k === "//" ? undefined : v)) || "";
  const out = [];
  for (const m of text.matchAll(/\$\{([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g)) {
    const addr = `${m[1]}.${m[2]}`;
    if (known.has(addr) && !out.includes(addr)) out.push(addr);
  }
  return out;
}

/** "TCP 443, 8443-8451" per protocol; TCP and UDP with the same ports are merged ("TCP+UDP all"). */
function portsText(rules) {
  const byProto = new Map();
  for (const r of rules) {
    const proto = ["-1", "all"].includes(String(r.proto)) ? "all" : String(r.proto).toUpperCase();
    const from = Number(r.from ?? 0), to = Number(r.to ?? 0);
    const text = proto === "all" ? "" : (from <= 0 && (to === 65535 || to <= 0)) ? "all" : from === to ? String(from) : `${from}-${to}`;
    if (!byProto.has(proto)) byProto.set(proto, new Map());
    byProto.get(proto).set(text, Math.max(from, 0));
  }
  if (byProto.has("all")) return "all traffic";
  const ports = (p) => [...byProto.get(p)].sort((a, b) => a[1] - b[1] || cmp(a[0], b[0])).map(([t]) => t).join(", ");
  const protos = [...byProto.keys()].sort();
  if (protos.includes("TCP") && protos.includes("UDP") && ports("TCP") === ports("UDP")) {
    return [`TCP+UDP ${ports("TCP")}`, ...protos.filter((p) => p !== "TCP" && p !== "UDP").map((p) => `${p} ${ports(p)}`)].join("; ");
  }
  return protos.map((p) => `${p} ${ports(p)}`).join("; ");
}

module.exports = { cmp, literal, list, plural, parseJson, escRe, shortName, refsIn, portsText };
