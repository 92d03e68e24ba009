// The bundle is rebuilt exactly when an input changed (scripts/build/bundle.js `freshness`): stats first, content
// when the stats moved, so a checkout that only touches files does not rebuild and an edit always does.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { freshness } = require("../../scripts/build/bundle.js") as {
  freshness(files: string[], outfile: string): { fresh: boolean; record(): void };
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "freshness-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function project(name: string) {
  const at = (f: string) => path.join(dir, name, f);
  fs.mkdirSync(path.join(dir, name));
  fs.writeFileSync(at("a.ts"), "export const a = 1;\n");
  fs.writeFileSync(at("b.ts"), "export const b = 2;\n");
  fs.writeFileSync(at("out.js"), "bundle");
  const files = [at("a.ts"), at("b.ts")];
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const f of files) fs.utimesSync(f, anHourAgo, anHourAgo);
  return { at, fresh: () => freshness(files, at("out.js")) };
}

describe("bundle freshness", () => {
  test("no stamp (or a broken one, or no bundle): stale; recorded: fresh", () => {
    const p = project("first");
    expect(p.fresh().fresh).toBe(false);
    p.fresh().record();
    expect(p.fresh().fresh).toBe(true);
    for (const broken of ["", "null", "42", '"3f2a"', "{}", "{ not json"]) {
      fs.writeFileSync(p.at("out.js.inputs"), broken);
      expect(p.fresh().fresh).toBe(false);
    }
    p.fresh().record();
    fs.rmSync(p.at("out.js"));
    expect(p.fresh().fresh).toBe(false);
  });

  test("a touched input with the same content stays fresh and the stamp takes its new time", () => {
    const p = project("touched");
    p.fresh().record();
    const later = new Date(Date.now() - 60_000);
    fs.utimesSync(p.at("a.ts"), later, later);
    const before = fs.readFileSync(p.at("out.js.inputs"), "utf8");
    expect(p.fresh().fresh).toBe(true);
    expect(fs.readFileSync(p.at("out.js.inputs"), "utf8")).not.toBe(before);
  });

  test("an edited input is stale, even at the same size", () => {
    const p = project("edited");
    p.fresh().record();
    fs.writeFileSync(p.at("b.ts"), "export const b = 3;\n");
    expect(p.fresh().fresh).toBe(false);
  });

  test("inputs changed within 2 s of the stamp are compared by content: an edit at the same size and time is seen", () => {
    // A filesystem with 1 s timestamps: b.ts written this second, the stamp recorded, b.ts edited in the same second.
    const p = project("edited-fast");
    const thisSecond = new Date(Math.floor(Date.now() / 1000) * 1000);
    fs.utimesSync(p.at("b.ts"), thisSecond, thisSecond);
    p.fresh().record();
    fs.writeFileSync(p.at("b.ts"), "export const b = 4;\n");
    fs.utimesSync(p.at("b.ts"), thisSecond, thisSecond);
    expect(p.fresh().fresh).toBe(false);
  });
});
