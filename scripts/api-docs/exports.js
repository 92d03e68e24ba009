// docs:api: what the library exports, read from its sources with the TypeScript parser: each file's top-level
// declarations and imports, and its exports through `export *` / `export {}` re-exports, as ES modules define them.
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const root = path.resolve(__dirname, "..", "..");
const rel = (file) => path.relative(root, file).split(path.sep).join("/");

const sources = new Map();
function source(file) {
  if (!sources.has(file)) sources.set(file, ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2020, true));
  return sources.get(file);
}
/** The library file a relative import names; undefined for packages. */
function resolveModule(from, spec) {
  if (!spec.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  const file = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
  if (!file) throw new Error(`${rel(from)}: cannot resolve "${spec}"`);
  return file;
}
const hasModifier = (node, kind) => (ts.canHaveModifiers(node) && ts.getModifiers(node) || []).some((m) => m.kind === kind);
const DECLARATIONS = [ts.SyntaxKind.ClassDeclaration, ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.EnumDeclaration, ts.SyntaxKind.VariableStatement];

const scopes = new Map();
/** name → declaration of everything declared at the top of a file (exported or not), and name → import. */
function scope(file) {
  if (scopes.has(file)) return scopes.get(file);
  const locals = new Map(), imports = new Map();
  scopes.set(file, { locals, imports });
  for (const st of source(file).statements) {
    if (ts.isVariableStatement(st)) st.declarationList.declarations.forEach((d) => locals.set(d.name.getText(), { file, node: d, statement: st }));
    else if (DECLARATIONS.includes(st.kind) && st.name && !locals.has(st.name.text)) locals.set(st.name.text, { file, node: st, statement: st });
    else if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      const from = resolveModule(file, st.moduleSpecifier.text);
      for (const el of st.importClause.namedBindings.elements) imports.set(el.name.text, { from, name: (el.propertyName ?? el.name).text });
    }
  }
  return { locals, imports };
}

/** The declaration `name` refers to inside `file` (declared there or imported from the library), if any. */
function resolveName(file, name) {
  const { locals, imports } = scope(file);
  if (locals.has(name)) return locals.get(name);
  const imported = imports.get(name);
  return imported?.from ? exportsOf(imported.from).get(imported.name) : undefined;
}

const exportCache = new Map();
/**
 * exported name → declaration, in the order the file lists them; explicit exports win over `export *`, and a name
 * two `export *` give different meanings to is not exported, as in ES modules.
 */
function exportsOf(file) {
  if (exportCache.has(file)) return exportCache.get(file);
  const result = new Map();
  exportCache.set(file, result);
  const { locals } = scope(file);
  const listed = [], explicit = new Map(), starred = new Map(), ambiguous = new Set();
  for (const st of source(file).statements) {
    if (ts.isExportDeclaration(st)) {
      const from = st.moduleSpecifier && resolveModule(file, st.moduleSpecifier.text);
      if (!st.exportClause) {
        for (const [name, decl] of exportsOf(from)) {
          if (starred.has(name) && starred.get(name).node !== decl.node) ambiguous.add(name);
          else starred.set(name, decl);
          listed.push([name, decl]);
        }
      } else if (ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          const name = (el.propertyName ?? el.name).text;
          const decl = from ? exportsOf(from).get(name) : resolveName(file, name);
          if (decl) { explicit.set(el.name.text, decl); listed.push([el.name.text, decl]); }
        }
      }
    } else if (hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
      const names = ts.isVariableStatement(st) ? st.declarationList.declarations.map((d) => d.name.getText()) : st.name ? [st.name.text] : [];
      for (const name of names) { explicit.set(name, locals.get(name)); listed.push([name, locals.get(name)]); }
    }
  }
  for (const [name, decl] of listed) {
    const chosen = explicit.get(name) ?? (ambiguous.has(name) ? undefined : starred.get(name));
    if (chosen?.node === decl.node && !result.has(name)) result.set(name, decl);
  }
  return result;
}

/** Forgets every parsed file, so a new run reads the sources again. */
function clearCaches() {
  for (const cache of [sources, scopes, exportCache]) cache.clear();
}

module.exports = { root, rel, hasModifier, resolveName, exportsOf, clearCaches };
