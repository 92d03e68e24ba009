// The construct library as a consumer gets it. `npm pack`, then the tarball installed into a temp project and
// examples/consumer synthesized there with plain node. In CI (and with LIBRARY_CLEAN=1) it packs a clean copy of this
// repository (the files git tracks, plus new ones it does not ignore: no lib/), so packing must build the library
// itself (the `prepack` script): a fresh clone packs the compiled library.
// Install, by default (offline, like the rest of `npm test`): the tarball extracted into node_modules/<name>, its peers
// and ip-num linked from this repo's node_modules (a real `npm install` takes ~20 s). With LIBRARY_INSTALL=registry
// (CI, `.ci/run`): a real `npm install <tarball>`, so npm picks what a consumer gets, the newest versions within the
// peer ranges (e.g. constructs 10.8.x where this repo pins 10.4.5), and the example is type-checked against them.
// Otherwise type-checking the example is tsc's job: tsconfig.json includes it, the package name mapped to modules/.
import { spawnSync } from "child_process";
import { transformSync } from "esbuild";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { builtinModules } from "module";
import { Json, resources } from "../helpers";

const root = path.resolve(__dirname, "..", "..");
const example = path.join(root, "examples", "consumer");
const readJson = (file: string): Json => JSON.parse(fs.readFileSync(file, "utf8"));
const pkg = readJson(path.join(root, "package.json"));

/** Source files of the library below modules/, relative to it, without extension. */
function librarySources(dir = path.join(root, "modules")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return librarySources(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [path.relative(path.join(root, "modules"), full).slice(0, -3)] : [];
  });
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): string {
  const result = spawnSync(command, args, { ...options, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.error}):\n${result.stderr}`);
  return result.stdout;
}

const registryInstall = process.env.LIBRARY_INSTALL === "registry";
/**
 * Pack a clean copy, building through `prepack` (~10 s of tsc): always with the registry install (CI's own step, on
 * every submission), or with LIBRARY_CLEAN=1. The default (`npm test`, which has just built lib/) packs this tree as
 * it is, without scripts, to keep the developer's loop fast.
 */
const cleanPack = registryInstall || process.env.LIBRARY_CLEAN === "1";

/** A copy of the repository as a fresh clone has it (no lib/, nothing git ignores), sharing node_modules. */
function cleanCopy(dest: string): void {
  const listed = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root }).split("\0").filter(Boolean);
  for (const file of listed) if (fs.existsSync(path.join(root, file))) fs.cpSync(path.join(root, file), path.join(dest, file));
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dest, "node_modules"), "dir");
}

let tmp: string;
let project: string;
let packed: { filename: string; files: { path: string }[] };
let files: string[];
let stack: Json;
let loaded: string[];
let traced: Json;

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "library-"))); // real: loaded paths are real paths
  if (cleanPack) {
    const clone = path.join(tmp, "clone");
    cleanCopy(clone);
    // With its scripts: prepack builds lib/modules (stderr has its log; stdout is the JSON).
    packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", tmp], { cwd: clone }))[0];
  } else {
    packed = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], { cwd: root }))[0];
  }
  files = packed.files.map((f) => f.path);

  project = path.join(tmp, "consumer");
  const installed = path.join(project, "node_modules", pkg.name);
  if (registryInstall) {
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", version: "0.0.0", private: true }));
    run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", path.join(tmp, packed.filename)], { cwd: project });
  } else {
    fs.mkdirSync(installed, { recursive: true });
    run("tar", ["-xzf", path.join(tmp, packed.filename), "-C", installed, "--strip-components=1"], { cwd: tmp });
    for (const dep of [...Object.keys(pkg.peerDependencies), ...Object.keys(pkg.dependencies)]) {
      const link = path.join(project, "node_modules", dep);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(path.join(root, "node_modules", dep), link, "dir");
    }
    fs.copyFileSync(path.join(example, "package.json"), path.join(project, "package.json"));
  }
  fs.copyFileSync(path.join(example, "cdktf.json"), path.join(project, "cdktf.json"));
  const { code } = transformSync(fs.readFileSync(path.join(example, "main.ts"), "utf8"), { loader: "ts", format: "cjs", target: "node20" });
  fs.writeFileSync(path.join(project, "main.js"), code);

  // Records every file the app loaded (real paths: linked peers show up under this repo's node_modules), and how
  // the package's exports map resolves from the project: the notebook, and a deep import (refused).
  const trace = path.join(tmp, "trace.json");
  fs.writeFileSync(path.join(tmp, "trace.js"), `process.on("exit", () => {
    const resolve = (spec) => { try { return require.resolve(spec, { paths: [process.cwd()] }); } catch (e) { return e.code; } };
    require("fs").writeFileSync(${JSON.stringify(trace)}, JSON.stringify({
      loaded: Object.keys(require.cache),
      notebook: resolve("${pkg.name}/notebooks/kinesis_to_delta.py"), deep: resolve("${pkg.name}/lib/modules/network"),
    }));
  });`);
  run(process.execPath, ["--require", path.join(tmp, "trace.js"), "main.js"], { cwd: project, env: { ...process.env, CDKTF_OUTDIR: path.join(project, "cdktf.out") } });
  stack = readJson(path.join(project, "cdktf.out", "stacks", "analytics-sandbox", "cdk.tf.json"));
  traced = readJson(trace);
  loaded = traced.loaded.filter((f: string) => f !== path.join(tmp, "trace.js"));
}, registryInstall ? 180_000 : 60_000);

afterAll(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

describe("the packed library", () => {
  test("holds the built modules (JS + .d.ts), the notebook, README and CHANGELOG, and nothing else", () => {
    const allowed = /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|notebooks\/[\w-]+\.py|sql\/security-alerts\/[\w-]+\.sql|lib\/modules\/[\w/-]+(\.js|\.d\.ts))$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "CHANGELOG.md", "notebooks/kinesis_to_delta.py"]));
    const built = librarySources().flatMap((f) => [`lib/modules/${f}.js`, `lib/modules/${f}.d.ts`]);
    expect(files.filter((f) => f.startsWith("lib/")).sort()).toEqual(built.sort());
  });

  test("points main, types and the exports map at files it holds", () => {
    const entry = pkg.exports["."];
    expect(Object.keys(entry)[0]).toBe("types"); // conditions are matched in order: types first
    for (const file of [pkg.main, pkg.types, entry.types, entry.default]) expect(files).toContain(path.normalize(file));
    expect(pkg.types).toBe(pkg.main.replace(/\.js$/, ".d.ts"));
    // Subpaths: the notebook (for KinesisToDeltaJob) resolves; the internals do not.
    expect(traced.notebook).toBe(path.join(project, "node_modules", pkg.name, "notebooks", "kinesis_to_delta.py"));
    expect(traced.deep).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  test("declares every package its code requires: providers, cdktf and constructs as peers, pinned here for npm ci", () => {
    const required = new Set<string>();
    for (const file of files.filter((f) => f.endsWith(".js"))) {
      const code = fs.readFileSync(path.join(project, "node_modules", pkg.name, file), "utf8");
      for (const [, spec] of code.matchAll(/require\("([^".][^"]*)"\)/g)) required.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
    }
    const declared = { ...pkg.peerDependencies, ...pkg.dependencies };
    const builtin = (name: string) => builtinModules.includes(name.replace(/^node:/, "")); // Node's own (crypto)
    expect([...required].filter((name) => !(name in declared) && !builtin(name)).sort()).toEqual([]);
    for (const [name, range] of Object.entries<string>(pkg.peerDependencies)) {
      const pinned = pkg.devDependencies[name];
      expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
      const [major, minor] = range.replace(/^\^/, "").split(".").map(Number);
      const [pMajor, pMinor] = pinned.split(".").map(Number);
      // ^x.y.z: same major (same minor for 0.x), not older.
      expect(range).toMatch(/^\^\d+\.\d+\.\d+$/);
      expect(pMajor === major && (major > 0 || pMinor === minor) && pinned.localeCompare(range.slice(1), undefined, { numeric: true }) >= 0).toBe(true);
    }
  });
});

describe("examples/consumer, installed from the tarball", () => {
  test("depends on the tarball npm pack makes and on every peer", () => {
    const consumer = readJson(path.join(example, "package.json"));
    expect(consumer.dependencies[pkg.name]).toBe(`file:${packed.filename}`);
    expect(Object.keys(consumer.dependencies)).toEqual(expect.arrayContaining(Object.keys(pkg.peerDependencies)));
  });

  test("imports only the package: nothing of this repo but its node_modules is loaded", () => {
    const outside = loaded.filter((f) => !f.startsWith(project + path.sep) && !f.startsWith(path.join(root, "node_modules") + path.sep));
    expect(outside).toEqual([]);
    expect(loaded).toContain(path.join(project, "node_modules", pkg.name, "lib", "modules", "index.js"));
    expect(fs.readFileSync(path.join(example, "main.ts"), "utf8")).not.toMatch(/from "\.{1,2}\//);
  });

  test("composes network, IAM and workspace its own way: one stack, 3 AZs, a NAT per AZ, no PrivateLink", () => {
    expect(resources(stack, "aws_vpc").map((v) => v.cidr_block)).toEqual(["172.20.0.0/20"]);
    const privateSubnets = resources(stack, "aws_subnet").filter((s) => s.tags.Name.includes("-private-"));
    expect(privateSubnets.map((s) => [s.availability_zone, s.cidr_block])).toEqual([
      ["eu-central-1a", "172.20.0.0/22"], ["eu-central-1b", "172.20.4.0/22"], ["eu-central-1c", "172.20.8.0/22"],
    ]);
    expect(resources(stack, "aws_nat_gateway")).toHaveLength(3);
    expect(resources(stack, "aws_flow_log")).toEqual([expect.objectContaining({ traffic_type: "REJECT" })]);
    expect(resources(stack, "aws_cloudwatch_log_group")).toEqual([expect.objectContaining({ retention_in_days: 14 })]);
    expect(resources(stack, "aws_vpc_endpoint").map((e) => e.service_name).sort()).toEqual(
      ["com.amazonaws.eu-central-1.kinesis-streams", "com.amazonaws.eu-central-1.s3", "com.amazonaws.eu-central-1.sts"]);
    for (const type of ["databricks_mws_vpc_endpoint", "databricks_mws_private_access_settings", "aws_kms_key"]) expect(stack.resource[type]).toBeUndefined();

    expect(resources(stack, "aws_iam_role").map((r) => r.name).sort()).toEqual(["acme-analytics-sbx-cross-account", "acme-analytics-sbx-vpc-flow-logs"]);
    expect(resources(stack, "aws_s3_bucket")).toEqual([expect.objectContaining({ bucket: "acme-analytics-sbx-111122223333-dbfs", force_destroy: true })]);
    const [network] = resources(stack, "databricks_mws_networks");
    expect(network.vpc_id).toMatch(/^\$\{aws_vpc\./);
    expect(network.subnet_ids).toHaveLength(3);
    expect(resources(stack, "databricks_mws_workspaces")).toEqual([
      expect.objectContaining({ workspace_name: "acme-analytics-sbx", aws_region: "eu-central-1", pricing_tier: "PREMIUM" }),
    ]);
    expect(resources(stack, "time_sleep")).toEqual([expect.objectContaining({ create_duration: "60s" })]);
  });

  test("adds its own resources and tags beside the library's", () => {
    expect(resources(stack, "aws_budgets_budget")).toEqual([expect.objectContaining({
      name: "acme-analytics-sbx-monthly", limit_amount: "500", cost_filter: [{ name: "TagKeyValue", values: ["user:CostCenter$cc-4242"] }],
    })]);
    expect(stack.provider.aws[0].default_tags[0].tags).toEqual(expect.objectContaining({ Owner: "analytics-team", CostCenter: "cc-4242" }));
    expect(Object.keys(stack.output).sort()).toEqual(["vpc_id", "workspace_url"]);
  });
});

describe("examples/snippets/ (the TypeScript blocks of README.md and docs/), run as a consumer's app", () => {
  const snippets = fs.readdirSync(path.join(root, "examples", "snippets")).filter((f) => f.endsWith(".ts"));
  test.each(snippets)("%s synthesizes at least one stack with resources", (file) => {
    const { code } = transformSync(fs.readFileSync(path.join(root, "examples", "snippets", file), "utf8"), { loader: "ts", format: "cjs", target: "node20" });
    const script = path.join(project, file.replace(/\.ts$/, ".snippet.js"));
    fs.writeFileSync(script, code);
    const outdir = path.join(project, `out-${file}`);
    run(process.execPath, [script], { cwd: project, env: { ...process.env, CDKTF_OUTDIR: outdir } });
    const stacks = fs.readdirSync(path.join(outdir, "stacks"));
    expect(stacks.length).toBeGreaterThan(0);
    for (const s of stacks) expect(Object.keys(readJson(path.join(outdir, "stacks", s, "cdk.tf.json")).resource ?? {}).length).toBeGreaterThan(0);
  });
});

describe("a construct's ValidationError, uncaught in a consumer's app", () => {
  test("prints its problems once, then only the consumer's line that built the construct: no library stack", () => {
    const script = path.join(project, "bad-network.js");
    fs.writeFileSync(script, [
      'const { App, TerraformStack } = require("cdktf");',
      `const { DeploymentContext, WorkspaceVpc } = require("${pkg.name}");`,
      'const stack = new TerraformStack(new App(), "app");',
      'new DeploymentContext(stack, { resourcePrefix: "acme-dbx", region: "eu-west-1", awsAccountId: "111122223333", databricksAccountId: "0a1b2c3d-0000-4000-8000-000000000000", requiredTags: [] });',
      'new WorkspaceVpc(stack, "network", { availabilityZones: ["eu-west-1a", "eu-west-1b"], vpcCidr: "10.0.0.0/22" });',
    ].join("\n"));
    const env = { ...process.env };
    delete env.DBX_STACK_TRACES;
    const result = spawnSync(process.execPath, [script], { cwd: project, env, encoding: "utf8" });
    expect(result.status).toBe(1);
    const problem = '  - vpcCidr = "10.0.0.0/22": is too small for the subnets asked for: 2 private /19 and 2 public /28 subnets need 16,416 addresses, the VPC has 1,024';
    // Node's own lines around it: the source line of the throw (with its ^ marker) before, its version after.
    expect(result.stderr.slice(result.stderr.indexOf("ValidationError:"))).toBe(
      `ValidationError: WorkspaceVpc app/network: invalid props:\n${problem}\n    at Object.<anonymous> (${script}:5:1)\n\nNode.js ${process.version}\n`);
  });
});

(registryInstall ? describe : describe.skip)("what npm installs for a consumer (LIBRARY_INSTALL=registry)", () => {
  test("peers at the newest versions within their ranges, and the example type-checks against them", () => {
    for (const [name, range] of Object.entries<string>(pkg.peerDependencies)) {
      const installed = readJson(path.join(project, "node_modules", name, "package.json")).version;
      const newest = JSON.parse(run("npm", ["view", "--json", `${name}@${range}`, "version"], { cwd: project }));
      expect([name, installed]).toEqual([name, [newest].flat().pop()]);
    }
    fs.copyFileSync(path.join(example, "main.ts"), path.join(project, "main.ts"));
    fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, target: "ES2020", module: "CommonJS", moduleResolution: "node", skipLibCheck: true, noEmit: true, types: [] },
      files: ["main.ts"],
    }));
    run(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", project], { cwd: project });
  }, 60_000);
});
