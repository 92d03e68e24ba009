// The source's import graph reads one way: stacks → environments → feature modules → core, without circles (type-only
// imports count: a circle of types still ties two files together). Relative imports only: packages are leaves.
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const DIRS = ["modules", "environments", "stacks"];
/** Feature folders below the others: they may import only core (and guardrails' suppressions), not a feature above. */
const BASE_FEATURES: Record<string, readonly string[]> = { "modules/network": ["modules/core", "modules/guardrails"] };

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? sources(rel) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [rel] : [];
  });
}

/** The repository files `file` imports or re-exports from (relative specifiers, resolved to .ts or /index.ts). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/g)].map((m) => m[1]);
  return specs.map((spec) => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    const hit = [`${base}.ts`, `${base}/index.ts`].find((f) => fs.existsSync(path.join(ROOT, f)));
    if (!hit) throw new Error(`${file}: cannot resolve "${spec}"`);
    return hit;
  });
}

/** 0 core, 1 feature modules (and the package's entry point), 2 environments, 3 stacks. */
function layer(file: string): number {
  if (file.startsWith("modules/core/")) return 0;
  if (file.startsWith("modules/")) return 1;
  return file.startsWith("environments/") ? 2 : 3;
}

const files = [...DIRS.flatMap((d) => sources(d)), "main.ts"];
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** Every circle, as its shortest path written `a -> b -> … ` (one per strongly connected component). */
function cycles(g: Map<string, string[]>): string[] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do scc.push((w = stack.pop()!)); while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return found.map((scc) => scc.join(" -> "));
}

describe("import graph of modules/, environments/, stacks/", () => {
  test("has no circles", () => {
    expect(cycles(graph)).toEqual([]);
  });

  test("imports go down the layers: stacks → environments → feature modules → core", () => {
    const up = [...graph].flatMap(([from, tos]) => tos.filter((to) => layer(to) > layer(from)).map((to) => `${from} -> ${to}`));
    expect(up).toEqual([]);
    const core = [...graph].flatMap(([from, tos]) => from.startsWith("modules/core/") ? tos.filter((to) => !to.startsWith("modules/core/")).map((to) => `${from} -> ${to}`) : []);
    expect(core).toEqual([]);
  });

  test("the base feature folders import only what is below them (network never imports privatelink)", () => {
    const bad = Object.entries(BASE_FEATURES).flatMap(([dir, allowed]) => [...graph]
      .filter(([from]) => from.startsWith(`${dir}/`))
      .flatMap(([from, tos]) => tos.filter((to) => !to.startsWith(`${dir}/`) && !allowed.some((a) => to.startsWith(`${a}/`))).map((to) => `${from} -> ${to}`)));
    expect(bad).toEqual([]);
  });

  test("finds circles and resolves imports (the checks can fail)", () => {
    expect(cycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]))).toEqual(["a -> b -> c"]);
    expect(graph.get("modules/network/props.ts")).toEqual(expect.arrayContaining(["modules/network/endpoint-allow-lists.ts"]));
    expect(graph.get("stacks/workspace-stack.ts")).toEqual(expect.arrayContaining(["stacks/governance.ts", "modules/network/index.ts"]));
  });
});
