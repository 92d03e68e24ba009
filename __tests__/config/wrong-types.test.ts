import { ENVIRONMENT_CONFIGS, environmentProblems } from "../../environments";

/** Every path of a config value: each object field and list item, nested. */
function paths(value: unknown, at: PropertyKey[] = []): PropertyKey[][] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const key = Array.isArray(value) ? Number(k) : k;
    return [[...at, key], ...paths(v, [...at, key])];
  });
}

function withValue(config: unknown, path: readonly PropertyKey[], value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(config));
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1] as string] = value;
  return copy;
}

const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const WRONG: readonly unknown[] = [1234, "x", true, null, [], {}];
/** Values of another type that are right: a job's runs-on takes one label or a list of them. */
const ALSO_RIGHT = new Set(['workspaceConfig.runsOn = "x"']);

// Issue 19 item 18: a check that meets a value of an unexpected type reports it and goes on; none throws (the
// runner would report "could not be checked completely" on the section instead of what the other checks find).
describe("a wrong type in any field of the examples is reported and stops no check", () => {
  for (const config of ENVIRONMENT_CONFIGS) {
    test(`${config.name}: every field, every wrong type`, () => {
      const thrown: string[] = [];
      for (const path of paths(config)) {
        const original = path.reduce<any>((v, k) => v[k as string], config);
        for (const wrong of WRONG.filter((w) => typeOf(w) !== typeOf(original))) {
          const raw = withValue(config, path, wrong);
          let messages: string[];
          try {
            messages = environmentProblems(raw).map((p) => `${p.path}: ${p.message}`);
          } catch (err) {
            messages = [`threw: ${(err as Error).message}`];
          }
          const bad = messages.filter((m) => m.startsWith("threw") || m.includes("could not be checked"));
          if (bad.length) thrown.push(`${path.join(".")} = ${JSON.stringify(wrong)} → ${bad.join("; ")}`);
          else if (messages.length === 0 && !ALSO_RIGHT.has(`${path.join(".")} = ${JSON.stringify(wrong)}`)) {
            thrown.push(`${path.join(".")} = ${JSON.stringify(wrong)} → accepted: a wrong type must be reported`);
          }
        }
      }
      expect(thrown).toEqual([]);
    });
  }
});
