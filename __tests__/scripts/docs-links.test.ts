// The README and the pages in docs/ hold together: every relative link reaches a file that exists, every `#anchor`
// (in the page or `file.md#anchor`) names a heading of its target, by GitHub's slug rules; the README stays short
// (≤ 20 KiB) and opens with a table of contents. Reads markdown only (no synth), so it runs in milliseconds.
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const README_MAX_BYTES = 20_480;
/**
 * Pages other branches are adding: a link to one of them may dangle until that branch is merged (then it is checked
 * like any other). Remove an entry once its file is on main.
 */
const PENDING: Record<string, string> = {
  "docs/cdktn-trial.md": "the cdktn trial migration, written on another branch",
};

/** The pages checked: README.md and every docs/*.md (relative to the repository root, with `/`). */
function pages(): string[] {
  const docs = fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`);
  return ["README.md", ...docs];
}

/** The lines of a markdown text with fenced code blocks blanked (their `[x](y)` and `# x` are not markdown). */
function proseLines(text: string): string[] {
  let fence: string | undefined;
  return text.split("\n").map((line) => {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = undefined;
      return "";
    }
    if (m) {
      fence = m[1];
      return "";
    }
    return line;
  });
}

/** A line with its inline code spans removed (their brackets are code, not links). */
const withoutCode = (line: string) => line.replace(/(`+)[\s\S]*?\1/g, "");

/**
 * GitHub's heading anchor: the heading's text (code spans keep their content, links their text, HTML tags and
 * emphasis markers go), lowercased, every character that is not a letter, digit, mark, `_`, `-` or space dropped,
 * each space turned into `-`. The n-th repeat of a slug in a page gets `-n`.
 */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images: their text
    .split(/(`+[^`]*`+)/) // code spans: their content, as text
    .map((part, i) => (i % 2 ? part.replace(/^`+|`+$/g, "") : part.replace(/<\/?[A-Za-z][^>]*>/g, "").replace(/[*~]/g, "")))
    .join("");
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "").replace(/ /g, "-");
}

/** Every anchor a page's headings get (ATX headings outside code blocks), in order, duplicates numbered. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>(), out = new Set<string>();
  for (const line of proseLines(text)) {
    const m = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

interface Link { page: string; line: number; text: string; target: string }

/** Inline links and images `[text](target "title")` of a page, outside code. */
export function links(page: string, text: string): Link[] {
  const out: Link[] = [];
  proseLines(text).forEach((raw, i) => {
    const line = withoutCode(raw);
    for (const m of line.matchAll(/!?\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
      out.push({ page, line: i + 1, text: m[1], target: m[2].replace(/^<|>$/g, "") });
    }
  });
  return out;
}

/** What is wrong with a link, or undefined: a relative path that does not exist, an anchor no heading has. */
function problem(link: Link, read: (file: string) => string | undefined): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(link.target) || link.target.startsWith("//")) return undefined; // https:, mailto:, …
  const hash = link.target.indexOf("#");
  const file = decodeURIComponent(hash < 0 ? link.target : link.target.slice(0, hash));
  const anchor = hash < 0 ? undefined : decodeURIComponent(link.target.slice(hash + 1));
  const target = file ? path.posix.normalize(path.posix.join(path.posix.dirname(link.page), file)) : link.page;
  if (target.startsWith("../")) return `${target} is outside the repository`;
  if (!fs.existsSync(path.join(ROOT, target))) return PENDING[target] ? undefined : `${target} does not exist`;
  if (anchor === undefined || !target.endsWith(".md")) return undefined;
  const text = read(target);
  if (text === undefined) return `${target} is not a readable file`;
  if (!anchors(text).has(anchor)) {
    const near = [...anchors(text)].filter((a) => a.includes(anchor.split("-")[0])).slice(0, 3);
    return `${target} has no heading with anchor #${anchor}${near.length ? ` (did you mean ${near.map((a) => `#${a}`).join(", ")}?)` : ""}`;
  }
  return undefined;
}

const cache = new Map<string, string | undefined>();
const read = (file: string) => {
  if (!cache.has(file)) {
    const full = path.join(ROOT, file);
    cache.set(file, fs.statSync(full).isFile() ? fs.readFileSync(full, "utf8") : undefined);
  }
  return cache.get(file);
};

describe("README and docs/", () => {
  test("every relative link reaches an existing file, every #anchor a heading of its target", () => {
    const all = pages().flatMap((page) => links(page, read(page)!));
    expect(all.length).toBeGreaterThan(20);
    const broken = all.flatMap((l) => {
      const why = problem(l, read);
      return why ? [`  ${l.page}:${l.line}: [${l.text}](${l.target}): ${why}`] : [];
    });
    if (broken.length) throw new Error(`${broken.length} broken link(s) in README.md and docs/*.md:\n${broken.join("\n")}`);
  });

  test(`README.md is at most ${README_MAX_BYTES} bytes (details belong in docs/)`, () => {
    const size = fs.statSync(path.join(ROOT, "README.md")).size;
    if (size > README_MAX_BYTES) {
      throw new Error(`README.md is ${size} bytes, over the ${README_MAX_BYTES}-byte budget by ${size - README_MAX_BYTES}: move detail into a page in docs/ and link it`);
    }
  });

  test("README.md has a table of contents linking every section", () => {
    const text = read("README.md")!;
    const lines = proseLines(text);
    const sections = lines.filter((l) => /^## /.test(l)).map((l) => l.slice(3).trim());
    const toc = sections.find((s) => /^(table of )?contents$/i.test(s));
    if (!toc) throw new Error(`README.md has no "## Contents" section; its sections: ${sections.join(", ")}`);
    // The list right under the Contents heading: its in-page links.
    const start = lines.findIndex((l) => l.trim() === `## ${toc}`);
    const end = lines.findIndex((l, i) => i > start && /^#{1,2} /.test(l));
    const listed = new Set(links("README.md", lines.slice(start + 1, end < 0 ? undefined : end).join("\n"))
      .filter((l) => l.target.startsWith("#")).map((l) => l.target.slice(1)));
    const missing = sections.filter((s) => s !== toc && !listed.has(slug(s)));
    if (missing.length) throw new Error(`README.md's table of contents does not link: ${missing.map((s) => `"${s}" (#${slug(s)})`).join(", ")}`);
  });

  test("slugs follow GitHub's rules", () => {
    expect(slug("Inside the workspace (`<env>-workspace-config`)")).toBe("inside-the-workspace-env-workspace-config");
    expect(slug("CI: pull requests and deploys")).toBe("ci-pull-requests-and-deploys");
    expect(slug("Terraform checks, performance, leaving CDKTF")).toBe("terraform-checks-performance-leaving-cdktf");
    expect(slug("Use [the constructs](x.md) in *your* stacks")).toBe("use-the-constructs-in-your-stacks");
    expect(slug("snake_case & more")).toBe("snake_case--more");
    expect([...anchors("# A\n## A\n```\n# A\n```\n### A!\n")]).toEqual(["a", "a-1", "a-2"]);
    expect(links("docs/x.md", "see [a](b.md#c) and `[not](a link)`, ![img](i.png \"t\")\n```\n[no](code)\n```")
      .map((l) => l.target)).toEqual(["b.md#c", "i.png"]);
  });
});
