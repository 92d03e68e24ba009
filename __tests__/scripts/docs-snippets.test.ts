// Every TypeScript block of README.md and docs/*.md is either a copy of a file under examples/snippets/ (which
// `npm test` type-checks, and __tests__/e2e/library.test.ts synthesizes as a consumer would) or marked as a fragment,
// with the reason: an HTML comment on the line before the fence (docs/library.md#typescript-blocks-in-readmemd-and-docs).
// docs/API.md is left out: it is generated from the doc comments, whose examples are pieces of a stack.
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLE = /^<!-- example: (examples\/snippets\/[\w-]+\.ts) -->$/;
const FRAGMENT = /^<!-- fragment: \S.*\S -->$/;

interface Block { page: string; line: number; marker: string; code: string }

/** The ts/typescript blocks of a markdown text, each with the line before its fence. */
function tsBlocks(page: string, text: string): Block[] {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith(open[1]) && l.trim() === open[1]);
    if (["ts", "typescript", "tsx"].includes(open[2])) {
      blocks.push({ page, line: i + 1, marker: (lines[i - 1] ?? "").trim(), code: lines.slice(i + 1, end).join("\n") + "\n" });
    }
    i = end;
  }
  return blocks;
}

const pages = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md") && f !== "API.md").map((f) => `docs/${f}`)];
const blocks = pages.flatMap((page) => tsBlocks(page, fs.readFileSync(path.join(ROOT, page), "utf8")));

describe("TypeScript blocks in README.md and docs/", () => {
  test("each is marked as an example (a file under examples/snippets/) or a fragment, with its reason", () => {
    expect(blocks.filter((b) => !EXAMPLE.test(b.marker) && !FRAGMENT.test(b.marker)).map((b) => `${b.page}:${b.line}: ${b.marker}`)).toEqual([]);
    expect(blocks.some((b) => b.page === "README.md" && EXAMPLE.test(b.marker))).toBe(true);
  });

  test("an example block is its file, byte for byte (so the block is what tsc and the library test check)", () => {
    for (const b of blocks.filter((x) => EXAMPLE.test(x.marker))) {
      const file = path.join(ROOT, EXAMPLE.exec(b.marker)![1]);
      expect([`${b.page}:${b.line}`, b.code]).toEqual([`${b.page}:${b.line}`, fs.readFileSync(file, "utf8")]);
    }
  });

  test("every file under examples/snippets/ is shown in some page", () => {
    const shown = new Set(blocks.map((b) => EXAMPLE.exec(b.marker)?.[1]));
    const files = fs.readdirSync(path.join(ROOT, "examples", "snippets")).filter((f) => f.endsWith(".ts")).map((f) => `examples/snippets/${f}`);
    expect(files.filter((f) => !shown.has(f))).toEqual([]);
  });

  test("the parser finds blocks and their markers (a block without a marker is reported)", () => {
    const text = "x\n<!-- fragment: a config field -->\n```ts\na: 1\n```\n\n```ts\nb\n```\n```bash\nc\n```\n";
    expect(tsBlocks("p.md", text)).toEqual([
      { page: "p.md", line: 3, marker: "<!-- fragment: a config field -->", code: "a: 1\n" },
      { page: "p.md", line: 7, marker: "", code: "b\n" },
    ]);
  });
});
