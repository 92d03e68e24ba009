// `npm run docs:api`: writes docs/API.md from the doc comments of the construct library: everything modules/index.ts
// exports, following its `export *` / `export {}` re-exports. Parser only (ts.createSourceFile per file): a
// type-checked Program would cost ~1.5 s, and the docs need names, type texts and comments, not resolved types.
// api-docs/exports.js finds what the library exports; this file models and renders it.
// __tests__/scripts/api-docs.test.ts checks that docs/API.md is current and that `apiProblems` finds no undocumented
// construct, output or prop, and no optional prop without `@default`.
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const { root, rel, hasModifier, resolveName, exportsOf, clearCaches } = require("./api-docs/exports.js");

const ENTRY = path.join(root, "modules", "index.ts");
const OUTPUT = path.join(root, "docs", "API.md");

// ---- doc comments -------------------------------------------------------------------------------------------

const flat = (text) => text.replace(/\s*\n\s*/g, " ").trim();
const links = (text) => text.replace(/\{@link\s+([^}|\s]+)(?:\s*\|\s*([^}]+))?\}/g, (_, target, label) => (label ? label.trim() : `\`${target}\``));
/** Doc text as markdown inside a section: `{@link}`s as code, its own headings as bold lines. */
const prose = (text) => links(text).replace(/^#{1,6}\s+(.*)$/gm, "**$1**");
/** The doc comment next to a node: text, and tags by name. Undefined when there is none. */
function docOf(node) {
  const doc = node.jsDoc?.at(-1);
  if (!doc) return undefined;
  const tags = {};
  for (const tag of doc.tags ?? []) tags[tag.tagName.text] = links(ts.getTextOfJSDocComment(tag.comment) ?? "").trim();
  return { text: links(ts.getTextOfJSDocComment(doc.comment) ?? "").trim(), tags };
}
const typeText = (node) => (node.type ? flat(node.type.getText()) : "unknown");
const firstSentence = (text) => flat(text).match(/^.*?[.!?](?=\s|$)/)?.[0] ?? flat(text);

// ---- the model ------------------------------------------------------------------------------------------------

const isPublic = (m) => !hasModifier(m, ts.SyntaxKind.PrivateKeyword) && !hasModifier(m, ts.SyntaxKind.ProtectedKeyword) && !(m.name && ts.isPrivateIdentifier(m.name));

/** Members of an interface, inherited ones first (resolved through `extends`). */
function interfaceMembers(decl, seen = new Set()) {
  if (seen.has(decl.node)) return [];
  seen.add(decl.node);
  const inherited = (decl.node.heritageClauses ?? []).flatMap((h) => h.types).flatMap((t) => {
    const base = resolveName(decl.file, t.expression.getText());
    return base && ts.isInterfaceDeclaration(base.node) ? interfaceMembers(base, seen) : [];
  });
  const own = decl.node.members.filter((m) => m.name).map((m) => ({
    name: m.name.getText(), optional: Boolean(m.questionToken), doc: docOf(m), file: decl.file, node: m,
    type: ts.isMethodSignature(m) ? `(${m.parameters.map((p) => p.getText()).join(", ")}) => ${typeText(m)}` : typeText(m),
  }));
  const names = new Set(own.map((m) => m.name));
  return [...inherited.filter((m) => !names.has(m.name)), ...own];
}

function classModel(name, decl) {
  const node = decl.node;
  const extendsName = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0].expression.getText();
  const ctor = node.members.find(ts.isConstructorDeclaration);
  const params = ctor ? ctor.parameters : [];
  const propsParam = params.find((p) => p.name.getText() === "props");
  const propsName = propsParam?.type && ts.isTypeReferenceNode(propsParam.type) ? propsParam.type.typeName.getText() : undefined;
  const propsDecl = propsName && resolveName(decl.file, propsName);
  // Parameter properties (`constructor(readonly x: T)`) are public members too.
  const paramProps = params.filter((p) => ts.getModifiers(p)?.length && isPublic(p));
  const members = [...paramProps, ...node.members.filter((m) => m.name && !ts.isConstructorDeclaration(m) && isPublic(m))].map((m) => ({
    name: m.name.getText(), static: hasModifier(m, ts.SyntaxKind.StaticKeyword), optional: Boolean(m.questionToken),
    method: ts.isMethodDeclaration(m), doc: docOf(m), node: m,
    type: ts.isMethodDeclaration(m) ? `(${m.parameters.map((p) => p.getText()).join(", ")}): ${typeText(m)}` : typeText(m),
  }));
  return {
    kind: "class", name, file: decl.file, doc: docOf(node), construct: extendsName === "Construct", extendsName,
    signature: `new ${name}(${params.map((p) => flat(p.getText())).join(", ")})`,
    props: propsDecl && ts.isInterfaceDeclaration(propsDecl.node) ? { name: propsName, decl: propsDecl, doc: docOf(propsDecl.node), members: interfaceMembers(propsDecl) } : undefined,
    members,
  };
}

/** Everything the package exports, by kind, in export order. */
function collectApi() {
  clearCaches();
  const api = { classes: [], interfaces: [], functions: [], values: [] };
  for (const [name, decl] of exportsOf(ENTRY)) {
    const node = decl.node;
    if (ts.isClassDeclaration(node)) api.classes.push(classModel(name, decl));
    else if (ts.isInterfaceDeclaration(node)) api.interfaces.push({ name, file: decl.file, decl, doc: docOf(node), members: interfaceMembers(decl) });
    else if (ts.isFunctionDeclaration(node)) {
      if (api.functions.some((f) => f.name === name)) continue; // overloads: the first signature
      api.functions.push({ name, file: decl.file, doc: docOf(node), signature: `(${node.parameters.map((p) => flat(p.getText())).join(", ")}): ${typeText(node)}` });
    } else if (ts.isTypeAliasDeclaration(node)) api.values.push({ name, kind: "type", file: decl.file, doc: docOf(node), text: typeText(node) });
    else if (ts.isEnumDeclaration(node)) api.values.push({ name, kind: "enum", file: decl.file, doc: docOf(node), text: node.members.map((m) => m.name.getText()).join(" | ") });
    else if (ts.isVariableDeclaration(node)) {
      const text = node.type ? typeText(node) : node.initializer && flat(node.initializer.getText()).length <= 60 ? flat(node.initializer.getText()) : "";
      api.values.push({ name, kind: "const", file: decl.file, doc: docOf(decl.statement), text });
    }
  }
  return api;
}

// ---- completeness -------------------------------------------------------------------------------------------

/**
 * What is undocumented: constructs (and other classes) and their public members, props interfaces (a class's
 * `props`, every exported `…Props`, and the library interfaces their props' types name) and their members, and
 * optional props without `@default`.
 */
function apiProblems(api = collectApi()) {
  const problems = [];
  const add = (file, what, message) => problems.push(`${rel(file)}: ${what}: ${message}`);
  const propsTypes = new Map();
  const enforce = (decl) => {
    if (!decl || !ts.isInterfaceDeclaration(decl.node) || propsTypes.has(decl.node)) return;
    propsTypes.set(decl.node, decl);
    for (const m of interfaceMembers(decl)) {
      const refs = [];
      const walk = (n) => { if (ts.isTypeReferenceNode(n)) refs.push(n.typeName.getText()); ts.forEachChild(n, walk); };
      if (m.node.type) walk(m.node.type);
      refs.forEach((r) => enforce(resolveName(m.file, r.split(".")[0])));
    }
  };
  for (const c of api.classes) {
    if (!c.doc?.text) add(c.file, c.name, "no doc comment");
    for (const m of c.members) if (!m.doc?.text) add(c.file, `${c.name}.${m.name}`, "no doc comment");
    if (c.props) enforce(c.props.decl);
  }
  api.interfaces.filter((i) => i.name.endsWith("Props")).forEach((i) => enforce(i.decl));
  for (const decl of propsTypes.values()) {
    const name = decl.node.name.text;
    if (!docOf(decl.node)?.text) add(decl.file, name, "no doc comment");
    for (const m of decl.node.members.filter((x) => x.name)) {
      const doc = docOf(m);
      const what = `${name}.${m.name.getText()}`;
      if (!doc?.text) add(decl.file, what, "no doc comment");
      if (m.questionToken && !ts.isMethodSignature(m) && !doc?.tags.default) add(decl.file, what, "optional without @default");
    }
  }
  return problems;
}

// ---- markdown -------------------------------------------------------------------------------------------------

const cell = (text) => flat(text ?? "").replace(/\|/g, "\\|");
const code = (text) => (text ? `\`${text.replace(/\|/g, "\\|")}\`` : "");
const anchor = (name) => name.toLowerCase().replace(/[^a-z0-9_-]/g, "");
const area = (file) => rel(path.dirname(file)).replace(/^modules\/?/, "") || "(core)";

function render(api) {
  const linked = new Set([...api.interfaces.map((i) => i.name), ...api.classes.map((c) => c.name)]);
  const type = (text) => {
    const bare = text.replace(/^readonly /, "").replace(/\[\]$/, "");
    return linked.has(bare) ? `[${code(text)}](#${anchor(bare)})` : code(text);
  };
  const defaultOf = (m) => {
    const d = m.doc?.tags.default;
    if (d === undefined) return "";
    return d.startsWith("- ") ? cell(d.slice(2)) : code(flat(d));
  };
  const propsTable = (members) => [
    "| Name | Type | Required | Default | Description |", "|---|---|---|---|---|",
    ...members.map((m) => `| \`${m.name}\` | ${type(m.type)} | ${m.optional ? "optional" : "**required**"} | ${defaultOf(m)} | ${cell(m.doc?.text)} |`),
  ];
  const memberTable = (members) => [
    "| Name | Type | Description |", "|---|---|---|",
    ...members.map((m) => `| \`${m.static ? "static " : ""}${m.name}${m.optional ? "?" : ""}\` | ${type(m.type)} | ${cell(m.doc?.text)} |`),
  ];
  const classSection = (c) => {
    const lines = [`### ${c.name}`, "", `${code(c.signature)} — \`${rel(c.file)}\``, ""];
    if (c.doc?.text) lines.push(prose(c.doc.text), "");
    if (c.doc?.tags.example) lines.push("```ts", c.doc.tags.example, "```", "");
    if (c.props) {
      lines.push(`<a id="${anchor(c.props.name)}"></a>**Props: \`${c.props.name}\`**${c.props.doc?.text ? ` — ${flat(c.props.doc.text)}` : ""}`, "", ...propsTable(c.props.members), "");
    }
    const props = c.members.filter((m) => !m.method), methods = c.members.filter((m) => m.method);
    if (props.length) lines.push(c.construct ? "**Outputs** (public readonly properties)" : "**Properties**", "", ...memberTable(props), "");
    if (methods.length) lines.push("**Methods**", "", ...memberTable(methods), "");
    return lines;
  };
  const constructs = api.classes.filter((c) => c.construct), others = api.classes.filter((c) => !c.construct);
  const inline = new Set(api.classes.map((c) => c.props?.name));
  const interfaces = api.interfaces.filter((i) => !inline.has(i.name));
  return [
    "# API reference: `databricks-aws-cdktf`",
    "",
    "<!-- Generated by `npm run docs:api` (scripts/api-docs.js) from the doc comments in modules/. Do not edit by hand. -->",
    "",
    "Everything the package exports (`modules/index.ts`): `import { WorkspaceVpc } from \"databricks-aws-cdktf\"`.",
    "Constructs take `(scope, id, props)`; their construct ids are part of the Terraform state contract.",
    "Defaults written as code are literal values; the others describe the behaviour.",
    "",
    "## Constructs",
    "",
    "| Construct | Area | Summary |", "|---|---|---|",
    ...constructs.map((c) => `| [${c.name}](#${anchor(c.name)}) | ${area(c.file)} | ${cell(firstSentence(links(c.doc?.text ?? "")))} |`),
    "",
    ...constructs.flatMap(classSection),
    "## Other classes",
    "",
    ...others.flatMap(classSection),
    "## Interfaces",
    "",
    ...interfaces.flatMap((i) => [
      `### ${i.name}`, "", `\`${rel(i.file)}\``, "", ...(i.doc?.text ? [prose(i.doc.text), ""] : []),
      ...(i.members.length ? [...propsTable(i.members), ""] : []),
    ]),
    "## Functions",
    "",
    "| Function | Signature | Description |", "|---|---|---|",
    ...api.functions.map((f) => `| \`${f.name}\` | ${code(f.signature)} | ${cell(f.doc?.text)} |`),
    "",
    "## Constants, types and enums",
    "",
    "| Name | Kind | Type or value | Description |", "|---|---|---|---|",
    ...api.values.map((v) => `| \`${v.name}\` | ${v.kind} | ${v.text ? code(v.text) : ""} | ${cell(v.doc?.text)} |`),
    "",
  ].join("\n");
}

/** The text docs/API.md must hold (from a `collectApi()` result). */
const generate = (api = collectApi()) => render(api);

module.exports = { collectApi, apiProblems, generate, OUTPUT };

if (require.main === module) {
  require("./lib/args.js").parseCli("api-docs", process.argv.slice(2), {}, "usage: npm run docs:api   (writes docs/API.md)");
  const api = collectApi();
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, render(api));
  const problems = apiProblems(api);
  console.log(`wrote ${rel(OUTPUT)}: ${api.classes.length} classes, ${api.interfaces.length} interfaces, ${api.functions.length} functions`);
  if (problems.length) console.warn(`${problems.length} documentation gaps:\n  ${problems.join("\n  ")}`);
}
