// The Mermaid model: nodes, subgraphs and edges, rendered as flowchart text in a stable order, labels escaped.
"use strict";
const { cmp } = require("./util.js");

const CLASSES = {
  net: "fill:#e8f1fb,stroke:#2563eb,color:#111", sec: "fill:#fdecec,stroke:#dc2626,color:#111",
  iam: "fill:#fff4e0,stroke:#d97706,color:#111", data: "fill:#e9f7ef,stroke:#16a34a,color:#111",
  ops: "fill:#f3e8ff,stroke:#7c3aed,color:#111", dbx: "fill:#ffece6,stroke:#ff3621,color:#111", ext: "fill:#f4f4f5,stroke:#52525b,color:#111",
};
const SHAPES = { box: ["[", "]"], round: ["(", ")"], db: ["[(", ")]"], circle: ["((", "))"], hex: ["{{", "}}"], sub: ["[[", "]]"] };
const ARROWS = { solid: "-->", dotted: "-.->", thick: "==>", line: "-.-" };

/** Mermaid-safe label text: every character that Mermaid or HTML could read as syntax becomes an entity code. */
const esc = (text) => String(text).replace(/[#"<>[\](){}|`&]/g, (c) => (c === "\"" ? "#quot;" : `#${c.charCodeAt(0)};`));
const sanitize = (key) => key.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "");

/** Nodes, subgraphs and edges; rendered sorted, so the text depends only on what was added. */
class Graph {
  constructor() { this.groups = new Map(); this.nodes = new Map(); this.edges = new Map(); this.used = new Set(); }
  id(key, prefix) {
    const base = `${prefix}${sanitize(key)}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    return id;
  }
  group(key, label, parent = null, order = 50) {
    if (!this.groups.has(key)) this.groups.set(key, { id: this.id(key, "g_"), label, parent, order });
    return key;
  }
  node(key, { lines, shape = "box", cls = "ext", group = null }) {
    if (!this.nodes.has(key)) this.nodes.set(key, { id: this.id(key, ""), lines: lines.filter(Boolean), shape, cls, group });
    return this.nodes.get(key);
  }
  edge(from, to, label = "", style = "solid") {
    if (from === to || !this.nodes.has(from) || !this.nodes.has(to)) return;
    this.edges.set(`${from}|${to}|${label}|${style}`, { from, to, label, style });
  }
  render(title) {
    const out = [`%% ${title}: drawn by \`npm run diagram\` from the synthesized Terraform JSON; do not edit by hand`, "flowchart LR"];
    const kids = (parent) => [...this.groups].filter(([, g]) => g.parent === parent)
      .sort(([, a], [, b]) => a.order - b.order || cmp(a.label, b.label));
    const nodesIn = (group) => [...this.nodes.values()].filter((n) => n.group === group).sort((a, b) => cmp(a.id, b.id));
    const nodeLine = (n) => `${SHAPES[n.shape][0]}"${n.lines.map(esc).join("<br/>")}"${SHAPES[n.shape][1]}`;
    const empty = (key) => !nodesIn(key).length && kids(key).every(([k]) => empty(k));
    const emit = (parent, indent) => {
      for (const n of nodesIn(parent)) out.push(`${indent}${n.id}${nodeLine(n)}`);
      for (const [key, g] of kids(parent)) {
        if (empty(key)) continue;
        out.push(`${indent}subgraph ${g.id}["${esc(g.label)}"]`);
        emit(key, `${indent}  `);
        out.push(`${indent}end`);
      }
    };
    emit(null, "  ");
    const id = (key) => this.nodes.get(key).id;
    const edges = [...this.edges.values()].map((e) => ({ ...e, a: id(e.from), b: id(e.to) }))
      .sort((x, y) => cmp(x.a, y.a) || cmp(x.b, y.b) || cmp(x.label, y.label));
    for (const e of edges) out.push(`  ${e.a} ${ARROWS[e.style]}${e.label ? `|"${esc(e.label)}"|` : ""} ${e.b}`);
    for (const [cls, style] of Object.entries(CLASSES)) {
      const ids = [...this.nodes.values()].filter((n) => n.cls === cls).map((n) => n.id).sort();
      if (ids.length) out.push(`  classDef ${cls} ${style}`, `  class ${ids.join(",")} ${cls}`);
    }
    return `${out.join("\n")}\n`;
  }
}

module.exports = { Graph, esc };
