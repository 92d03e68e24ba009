// The speed-ups scripts/build/cdktf-fast-paths.js patches into the bundle's cdktf and ip-num change no output:
// the same constructs synthesize to the same JSON (and fail with the same messages) with plain cdktf and with the
// patched copy, including the cases the fast paths must step aside for. e2e/app.test.ts compares the whole app.
import * as esbuild from "esbuild";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as plainCdktf from "cdktf";
import * as plainIpNum from "ip-num";

const { applyPatches, cdktfFastPaths, FILES } = require("../../scripts/build/cdktf-fast-paths.js");

type Cdktf = typeof plainCdktf;
const ROOT = path.resolve(__dirname, "..", "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fast-paths-"));
let patched: { cdktf: Cdktf; ipNum: typeof plainIpNum };

beforeAll(async () => {
  const outfile = path.join(dir, "patched.js");
  await esbuild.build({
    stdin: { contents: 'module.exports = { cdktf: require("cdktf"), ipNum: require("ip-num") };', resolveDir: ROOT },
    outfile, bundle: true, platform: "node", logLevel: "silent", plugins: [cdktfFastPaths],
  });
  patched = (await import(outfile)) as typeof patched;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Two stacks whose blocks hold every kind of value resolve() treats apart: each stack's cdk.tf.json. */
function synthCases(cdktf: Cdktf): string[] {
  const { App, Fn, Lazy, TerraformLocal, TerraformOutput, TerraformStack, Token } = cdktf;
  const outdir = fs.mkdtempSync(path.join(dir, "out-"));
  const app = new App({ outdir, stackTraces: false });
  const a = new TerraformStack(app, "a");
  const b = new TerraformStack(app, "b");
  const count = new TerraformLocal(a, "count", 3);
  const names = new TerraformLocal(a, "names", ["x", "y"]);
  new TerraformOutput(a, "values", {
    value: {
      plain: ["text", "1e5", "-2.5E+10", "a.b-c_d", "", "tab\there", "ünïcödé"],
      escapes: ["$${not.interpolated}", "%%{literal}", "${var.kept}", "a}b{c"],
      numberTokenInString: `replicas ${count.asNumber} total`,
      listToken: names.asList,
      numberList: Token.asNumberList(Fn.range(0, count.asNumber)),
      joined: Fn.join(",", names.asList),
      lazy: { s: Lazy.stringValue({ produce: () => "made late" }), n: Lazy.numberValue({ produce: () => 7 }) },
      nested: { deep: [{ deeper: [true, false, 0, -1.5, { key: "v" }] }], skipped: undefined },
      tokenKey: { [`${count.asString}-key`]: "value" },
    },
  });
  // A reference to stack a from stack b: the preparing pass adds an output to a and a remote state to b.
  new TerraformOutput(b, "from-a", { value: `${count.asString}:${Fn.join("+", names.asList)}` });
  app.synth();
  return ["a", "b"].map((id) => fs.readFileSync(path.join(outdir, "stacks", id, "cdk.tf.json"), "utf8"));
}

/** The message synthesizing `value` as an output fails with, or "" when it synthesizes. */
function failure(cdktf: Cdktf, value: unknown): string {
  const app = new cdktf.App({ outdir: fs.mkdtempSync(path.join(dir, "out-")), stackTraces: false });
  new cdktf.TerraformOutput(new cdktf.TerraformStack(app, "s"), "o", { value });
  try {
    app.synth();
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

describe("cdktf with the fast paths", () => {
  test("synthesizes every kind of value exactly as plain cdktf", () => {
    const expected = synthCases(plainCdktf);
    expect(expected[0]).toContain("replicas ${local.count} total");
    expect(expected[1]).toContain("terraform_remote_state");
    expect(synthCases(patched.cdktf)).toEqual(expected);
  });

  test("fails with the same message, with the same path in it", () => {
    const bad = [{ a: { b: [1, { c: () => 1 }] } }, { a: plainCdktf.Token.STRING_MAP_TOKEN_VALUE }, { "${TfToken[TOKEN.999999]}": 1 }];
    const messages = bad.map((value) => failure(plainCdktf, value));
    expect(messages[0]).toContain("/a/b/1/c");
    for (const m of messages) expect(m).not.toBe("");
    expect(bad.map((value) => failure(patched.cdktf, value))).toEqual(messages);
  });

  test("ip-num's IPv6 ranges, made on first use, equal the ones made when it loads", () => {
    const names = ["PRIVATE_RANGE", "DOCUMENTATION_RANGES", "MULTICAST_RANGE", "UNSPECIFIED_RANGE", "LOOPBACK_RANGE", "LINK_LOCAL_RANGE", "DISCARD_ONLY_RANGE"];
    const show = (v: unknown): string => (Array.isArray(v) ? v.map(show).join(" ") : (v as { toCidrString(): string }).toCidrString());
    for (const name of names) {
      expect(show((patched.ipNum.IPv6 as any)[name])).toBe(show((plainIpNum.IPv6 as any)[name]));
    }
    expect(Object.keys(patched.ipNum.IPv6).sort()).toEqual(Object.keys(plainIpNum.IPv6).sort());
    expect(patched.ipNum.IPv6.fromString("fd00::1").isPrivate()).toBe(true);
  });

  test("a cdktf or ip-num whose source changed fails the build, naming the patch", () => {
    const resolveFile = FILES.find((f: { name: string }) => f.name === "cdktf/lib/tokens/private/resolve.js");
    const source = fs.readFileSync(require.resolve("cdktf/lib/tokens/private/resolve.js"), "utf8");
    expect(() => applyPatches(resolveFile, source)).not.toThrow();
    expect(() => applyPatches(resolveFile, source.replace('const pathName = "/" + prefix.join("/");', ""))).toThrow(
      'cdktf-fast-paths: "lazy path name" matches 0 times in cdktf/lib/tokens/private/resolve.js, not 1; is the installed version the one package-lock.json pins?');
  });
});
