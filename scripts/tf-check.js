// "Real Terraform, not just JSON": for every synthesized stack, run `terraform init/validate/plan`
// offline on a copy that keeps only the parts whose providers exist in a local provider mirror
// (here: hashicorp/aws; there is no databricks provider binary and no network).
// Usage: node scripts/tf-check.js [--outdir cdktf.out] [--hcl-outdir cdktf.out.hcl] [stack ...]
// With --hcl-outdir, each stack's HCL (npm run synth:hcl) is checked too, as module hcl-<stack>.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawn, spawnSync } = require("child_process");
const { hclLocalCopy } = require("./hcl-copy");

const root = path.resolve(__dirname, "..");
const PLATFORM = `${{ win32: "windows" }[process.platform] || process.platform}_${{ x64: "amd64", ia32: "386" }[process.arch] || process.arch}`;
// Data sources the AWS provider computes locally; anything else would call AWS (or another backend) during plan.
const LOCAL_DATA = ["aws_iam_policy_document", "aws_region", "aws_partition", "aws_default_tags", "aws_arn", "aws_service_principal"];

// ---------- discovery ----------

function discoverTerraform() {
  const name = process.env.TERRAFORM_BINARY_NAME || "terraform";
  const candidates = name.includes(path.sep)
    ? [path.resolve(name)]
    : (process.env.PATH || "").split(path.delimiter).filter(Boolean).map((d) => path.join(d, name));
  return candidates.find((f) => isExecutable(f)) || null;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function subdirs(dir) {
  try {
    return fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isDirectory()); // stat: follows symlinks
  } catch {
    return [];
  }
}

// Providers in the unpacked layout <dir>/<hostname>/<namespace>/<type>/<version>/<os>_<arch>/terraform-provider-<type>_v*.
function providersIn(dir) {
  const found = {};
  for (const host of subdirs(dir).filter((n) => /^[\w-]+(\.[\w-]+)+$/.test(n)))
    for (const ns of subdirs(path.join(dir, host)))
      for (const type of subdirs(path.join(dir, host, ns)))
        for (const version of subdirs(path.join(dir, host, ns, type))) {
          let files = [];
          try {
            files = fs.readdirSync(path.join(dir, host, ns, type, version, PLATFORM));
          } catch {}
          if (files.some((f) => f.startsWith(`terraform-provider-${type}_v`)))
            (found[`${host}/${ns}/${type}`.toLowerCase()] ||= []).push(version);
        }
  return found;
}

// A mirror can sit at a likely root or a couple of levels below it (e.g. /opt/<something>/).
function searchUnder(dir, depth) {
  if (Object.keys(providersIn(dir)).length) return dir;
  if (depth === 0) return null;
  for (const sub of subdirs(dir)) {
    if (sub === "node_modules" || sub.startsWith(".")) continue;
    const hit = searchUnder(path.join(dir, sub), depth - 1);
    if (hit) return hit;
  }
  return null;
}

// Last resort: a bounded `find /`; the mirror root is six levels above the provider binary.
function findEverywhere() {
  const prune = ["/proc", "/sys", "/dev", "/work"].flatMap((p) => ["-path", p, "-o"]);
  const r = spawnSync("find", ["/", "(", ...prune, "-name", "node_modules", ")", "-prune", "-o",
    "-type", "f", "-name", "terraform-provider-*_v*", "-print"], { encoding: "utf8", timeout: 20000 });
  for (const file of (r.stdout || "").split("\n").filter(Boolean)) {
    const dir = path.resolve(file, "../../../../../..");
    if (Object.keys(providersIn(dir)).length) return dir;
  }
  return null;
}

let mirrorCache;
/** -> { root, providers: { "registry.terraform.io/hashicorp/aws": ["5.100.0"] } } or { root: null, providers: {}, missing } */
function discoverMirror() {
  if (mirrorCache) return mirrorCache;
  let dir;
  if (process.env.TF_PLUGIN_MIRROR) {
    dir = path.resolve(process.env.TF_PLUGIN_MIRROR); // explicit setting: no guessing elsewhere
  } else {
    const home = os.homedir();
    const likely = ["/opt", "/usr/local/share", "/usr/local/lib", "/usr/share",
      path.join(home, ".terraform.d/plugins"), path.join(home, ".local/share/terraform/plugins")];
    dir = likely.reduce((hit, d) => hit || searchUnder(d, 2), null) || findEverywhere();
  }
  const providers = dir ? providersIn(dir) : {};
  mirrorCache = Object.keys(providers).length
    ? { root: dir, providers }
    : { root: null, providers: {}, missing: process.env.TF_PLUGIN_MIRROR
      ? `no ${PLATFORM} providers in TF_PLUGIN_MIRROR=${process.env.TF_PLUGIN_MIRROR}`
      : `no local Terraform provider mirror found (set TF_PLUGIN_MIRROR)` };
  return mirrorCache;
}

// ---------- local copy ----------

function fullSource(source) {
  const parts = source.toLowerCase().split("/");
  return [...(parts.length < 3 ? ["registry.terraform.io"] : []), ...(parts.length < 2 ? ["hashicorp"] : []), ...parts].join("/");
}

function compareVersions(a, b) {
  const pa = a.split(/[.-]/).map(Number), pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] || 0) !== (pb[i] || 0)) return (pa[i] || 0) - (pb[i] || 0);
  return 0;
}

// Terraform version constraints; an exact pin ("5.100.0") must equal a mirrored version.
function satisfies(version, constraint) {
  return constraint.split(",").every((part) => {
    const [, op = "=", want] = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\S+)\s*$/.exec(part) || [];
    if (!want) return false;
    const c = compareVersions(version, want);
    const upper = want.split(".").slice(0, -1).map((n, i, a) => (i === a.length - 1 ? Number(n) + 1 : n)).join(".");
    return { "=": c === 0, "!=": c !== 0, ">": c > 0, ">=": c >= 0, "<": c < 0, "<=": c <= 0,
      "~>": c >= 0 && (!upper || compareVersions(version, upper) < 0) }[op];
  });
}

const refPattern = (addr) => new RegExp(`(?<![\\w.-])${addr.replace(/\./g, "\\.")}(?![\\w-])`);

// Addresses from `removed` that `value` references inside a "${...}" expression.
function referencedIn(value, removed) {
  const strings = [];
  (function collect(v) {
    if (typeof v === "string") v.includes("${") && strings.push(v);
    else if (v && typeof v === "object") Object.values(v).forEach(collect);
  })(value);
  return removed.filter((addr) => strings.some((s) => refPattern(addr).test(s)));
}

function stripComments(v) {
  if (!v || typeof v !== "object") return;
  if (!Array.isArray(v)) delete v["//"];
  Object.values(v).forEach(stripComments);
}

/**
 * A copy of a synthesized stack holding only what the locally available providers can run offline.
 * available: { "<host>/<namespace>/<type>": [versions] }, e.g. discoverMirror().providers.
 * -> { json, removed: [addresses], keptResources, unavailable: { localName: why } }
 */
function localCopy(tfJson, available) {
  const tf = structuredClone(tfJson);
  stripComments(tf);
  const terraform = (tf.terraform ||= {});
  delete terraform.backend; // no state, no remote access
  delete terraform.cloud;
  const reqs = terraform.required_providers || {};
  const sourceOf = (name) => fullSource((reqs[name] && reqs[name].source) || name); // unlisted = implicit hashicorp/<name>
  const unavailable = {};
  const isLocal = (name) => {
    if (name === "terraform") return true; // built-in (terraform_data, terraform_remote_state)
    const versions = available[sourceOf(name)];
    const constraint = reqs[name] && reqs[name].version;
    if (versions && (!constraint || versions.some((v) => satisfies(v, constraint)))) return true;
    unavailable[name] = `${sourceOf(name)}${constraint ? ` ${constraint}` : ""} not in mirror` +
      (versions ? ` (mirror has ${versions.join(", ")})` : "");
    return false;
  };

  // Resources and data sources of unavailable providers; a block's provider is its `provider` (e.g. "databricks.mws") or type prefix.
  const removed = [];
  const blocks = []; // kept: [address, body, kind]
  for (const [kind, prefix] of [["resource", ""], ["data", "data."]]) {
    for (const [type, byName] of Object.entries(tf[kind] || {})) {
      for (const [name, body] of Object.entries(byName)) {
        const owner = body.provider ? String(body.provider).replace(/^\$\{|\}$/g, "").split(".")[0] : type.split("_")[0];
        if (isLocal(owner)) blocks.push([`${prefix}${type}.${name}`, body, kind]);
        else {
          removed.push(`${prefix}${type}.${name}`);
          delete byName[name];
        }
      }
      if (!Object.keys(byName).length) delete tf[kind][type];
    }
    if (tf[kind] && !Object.keys(tf[kind]).length) delete tf[kind];
  }
  for (const name of Object.keys(tf.provider || {})) if (!isLocal(name)) delete tf.provider[name];
  for (const name of Object.keys(reqs)) if (!isLocal(name)) delete reqs[name];

  // Outputs only report values, so ones that show removed blocks go too.
  const removedBlocks = [...removed];
  for (const [name, output] of Object.entries(tf.output || {}))
    if (referencedIn(output, removedBlocks).length) {
      removed.push(`output.${name}`);
      delete tf.output[name];
    }

  // depends_on only orders; drop edges to removed blocks.
  const gone = (dep) => removedBlocks.some((a) => dep === a || dep.startsWith(`${a}.`) || dep.startsWith(`${a}[`));
  for (const body of [...blocks.map((b) => b[1]), ...Object.values(tf.output || {}), ...Object.values(tf.module || {})])
    if (Array.isArray(body.depends_on)) {
      body.depends_on = body.depends_on.filter((d) => !gone(d));
      if (!body.depends_on.length) delete body.depends_on;
    }

  // Remote state read only by removed blocks (e.g. a workspace URL for the Databricks provider) goes too: offline
  // there is no state to read. Remote state a kept block reads stays, and the data-source check below rejects it.
  const remote = tf.data && tf.data.terraform_remote_state;
  for (const name of Object.keys(remote || {})) {
    const addr = `data.terraform_remote_state.${name}`;
    const readers = [...blocks.filter((b) => b[0] !== addr).map((b) => b[1]), ...Object.values(tf.output || {}),
      ...Object.values(tf.locals || {}), ...Object.values(tf.provider || {})];
    if (!readers.some((body) => referencedIn(body, [addr]).length)) {
      delete remote[name];
      removed.push(addr);
      removedBlocks.push(addr);
      blocks.splice(blocks.findIndex((b) => b[0] === addr), 1);
    }
  }
  if (remote && !Object.keys(remote).length) delete tf.data.terraform_remote_state;
  if (tf.data && !Object.keys(tf.data).length) delete tf.data;

  // A kept block reading a removed one is a design bug (AWS side depends on a non-local provider): surface it.
  const keptParts = [...blocks, ...Object.entries(tf.locals || {}).map(([n, v]) => [`local.${n}`, v]),
    ...Object.entries(tf.module || {}).map(([n, v]) => [`module.${n}`, v]),
    ...Object.entries(tf.provider || {}).map(([n, v]) => [`provider.${n}`, v])];
  for (const [addr, body] of keptParts) {
    const refs = referencedIn(body, removedBlocks);
    if (refs.length) throw new Error(`${addr} references ${refs.join(", ")}, whose provider is not available locally`);
  }
  for (const [addr, , kind] of blocks) {
    const type = addr.split(".")[1];
    if (kind === "data" && !LOCAL_DATA.includes(type))
      throw new Error(`${addr} is a data source that needs a live API; an offline plan cannot read it`);
  }

  // AWS providers: static fake credentials and no calls to STS/IMDS, so plan runs offline.
  for (const [name, cfg] of Object.entries(tf.provider || {})) {
    if (sourceOf(name) !== "registry.terraform.io/hashicorp/aws") continue;
    tf.provider[name] = (Array.isArray(cfg) ? cfg : [cfg]).map((p) => {
      const q = { ...p, access_key: "AKIAIOSFODNN7EXAMPLE", secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: "true",
        skip_region_validation: true, max_retries: 1 };
      // These would call STS or read local AWS config instead of using the fake keys; the account guards
      // compare against the caller's real account ID, which is unknown offline (skip_requesting_account_id).
      for (const k of ["assume_role", "assume_role_with_web_identity", "profile", "token", "shared_config_files",
        "shared_credentials_files", "allowed_account_ids", "forbidden_account_ids"]) delete q[k];
      return q;
    });
  }

  const instances = (body) => (typeof body.count === "number" ? body.count
    : body.for_each && typeof body.for_each === "object" ? Object.keys(body.for_each).length : 1);
  const keptResources = blocks.filter((b) => b[2] === "resource").reduce((n, b) => n + instances(b[1]), 0);
  return { json: tf, removed, keptResources, unavailable };
}

// ---------- running terraform ----------

function run(cmd, args, cwd, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout: 300000 });
    const out = [], err = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    child.on("error", (e) => resolve({ code: -1, stdout: "", stderr: String(e) }));
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}

function terraformEnv() {
  const env = { ...process.env };
  // No ambient credentials/region/variables/CLI flags: results must not depend on who runs it.
  for (const k of Object.keys(env)) if (/^(AWS_|TF_VAR_|TF_CLI_ARGS|TF_DATA_DIR$|TF_WORKSPACE$)/.test(k)) delete env[k];
  return { ...env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: "/dev/null", AWS_EC2_METADATA_DISABLED: "true" };
}

const tail = (text, lines = 20) => text.trim().split("\n").slice(-lines).join("\n");

/**
 * All stacks go into ONE Terraform root, one module per stack, so the ~2-3 s the AWS provider takes to start and
 * load its schema is paid once per command instead of once per stack; validate and plan then run side by side.
 * Each stack keeps its own provider block (a legacy module: fine without count/for_each).
 */
async function runTerraform(copies, { terraform, mirror, workdir, planJsonFile, validateToo }) {
  fs.rmSync(workdir, { recursive: true, force: true }); // fresh each run: a stale lock file or plan would mislead
  const module = {};
  const shared = []; // distinct AWS provider configurations, declared once in the root
  const state = [];
  for (const { stack, copy, hcl, priorState } of copies) {
    const json = structuredClone(copy.json);
    module[stack] = { source: `./stacks/${stack}` };
    // Every provider configuration is its own ~600 MB plugin process: stacks with identical AWS provider
    // settings (same environment, or variants of one) share one from the root instead of each declaring its own.
    const aws = json.provider && json.provider.aws;
    if (Array.isArray(aws) && aws.length === 1 && !aws[0].alias) {
      // Default tags only feed tags_all (the synthesized tags are tested in tags.test.ts); without them the stacks of
      // one region share a provider process instead of one per environment (~0.75 CPU-s and ~600 MB each).
      delete aws[0].default_tags;
      const key = JSON.stringify(aws[0]);
      let i = shared.findIndex((cfg) => JSON.stringify(cfg) === key);
      if (i < 0) i = shared.push(aws[0]) - 1;
      module[stack].providers = { aws: `aws.p${i}` };
      delete json.provider.aws;
      if (!Object.keys(json.provider).length) delete json.provider;
    }
    const dir = path.join(workdir, "stacks", stack);
    fs.mkdirSync(dir, { recursive: true });
    if (hcl) {
      // The HCL twin: its blocks as cdktf wrote them; terraform/provider settings from the offline JSON copy.
      fs.writeFileSync(path.join(dir, "cdk.tf"), hcl);
      fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ terraform: json.terraform, ...(json.provider && { provider: json.provider }) }, null, 2));
    } else fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(json, null, 2));
    const provider = module[stack].providers ? `provider["registry.terraform.io/hashicorp/aws"].${module[stack].providers.aws.slice(4)}`
      : `module.${stack}.provider["registry.terraform.io/hashicorp/aws"]`;
    for (const r of priorState || []) state.push({ module: `module.${stack}`, mode: "managed", provider, ...r });
  }
  // Resources "already deployed" for the stacks that bring a prior state: a local state file, read without refresh.
  if (state.length) fs.writeFileSync(path.join(workdir, "terraform.tfstate"), JSON.stringify({ version: 4, terraform_version: "1.0.0",
    serial: 1, lineage: "00000000-0000-4000-8000-000000000000", outputs: {}, resources: state, check_results: null }, null, 2));
  const awsSource = copies.map((c) => (c.copy.json.terraform.required_providers || {}).aws).find(Boolean);
  const rootConfig = { module, ...(shared.length && {
    terraform: { required_providers: { aws: awsSource } },
    provider: { aws: shared.map((cfg, i) => ({ ...cfg, alias: `p${i}` })) },
  }) };
  fs.writeFileSync(path.join(workdir, "main.tf.json"), JSON.stringify(rootConfig, null, 2));
  const env = terraformEnv();
  const init = await run(terraform, ["init", `-plugin-dir=${mirror.root}`, "-backend=false", "-input=false", "-no-color"], workdir, env);
  if (init.code !== 0) return { error: `terraform init failed:\n${tail(init.stderr + init.stdout)}` };
  // `terraform plan` runs Terraform's own validation first (same diagnostics as `terraform validate`, e.g. for an
  // unsupported argument or an invalid enum value), so callers on a time budget (npm test) skip the separate run.
  const [validate, plan] = await Promise.all([
    validateToo ? run(terraform, ["validate", "-no-color"], workdir, env) : { code: 0 },
    run(terraform, ["plan", "-input=false", "-lock=false", "-refresh=false", "-json", "-out=plan.bin"], workdir, env),
  ]);
  if (validate.code !== 0) return { error: `terraform validate failed:\n${tail(validate.stderr + validate.stdout)}` };
  const events = plan.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
  if (plan.code !== 0) {
    const diagnostics = events.filter((e) => e.type === "diagnostic" && e.diagnostic.severity === "error")
      .map((e) => `${e.diagnostic.summary}: ${e.diagnostic.detail || ""} ${e.diagnostic.address || (e.diagnostic.range || {}).filename || ""}`);
    return { error: `terraform plan failed:\n${diagnostics.join("\n") || tail(plan.stderr + plan.stdout)}` };
  }
  if (planJsonFile) {
    // The plan as reviewers' tooling reads it (`terraform show -json`), e.g. for npm run plan:summary.
    const show = await run(terraform, ["show", "-json", "-no-color", "plan.bin"], workdir, env);
    if (show.code !== 0) return { error: `terraform show -json failed:\n${tail(show.stderr + show.stdout)}` };
    fs.writeFileSync(planJsonFile, show.stdout);
  }
  return { changes: events.filter((e) => e.type === "planned_change").map((e) => e.change) };
}

/**
 * Checks every stack (or opts.stacks) of a synth output dir in one Terraform run, plus:
 * - opts.extraStacks: [{ stack, file, priorState? }]; priorState = state resources ({ type, name, instances })
 *   of that stack "already deployed", so its plan shows updates, replacements and deletes, not only creates;
 * - opts.hclOutdir: the same stacks synthesized as HCL (`npm run synth:hcl`); each kept stack's HCL twin runs as
 *   module `hcl-<stack>` and must plan exactly the resources its JSON plans;
 * - opts.planJsonFile: where to write `terraform show -json` of the whole plan;
 * - opts.validate: false skips the separate `terraform validate` run (plan validates too).
 */
async function checkStacks(outdir, opts = {}) {
  const started = Date.now();
  if (opts.hclOutdir && !fs.existsSync(path.join(opts.hclOutdir, "stacks")))
    throw new Error(`hclOutdir ${opts.hclOutdir} has no stacks/ folder: run \`npm run synth:hcl\` first (it writes cdktf.out.hcl)`);
  const all = [...listStacks(outdir), ...(opts.extraStacks || [])];
  const wanted = opts.stacks && opts.stacks.length ? opts.stacks : all.map((s) => s.stack);
  const terraform = discoverTerraform();
  const mirror = terraform ? discoverMirror() : null; // no point searching the disk without a CLI
  const missing = mirror ? mirror.missing : "no terraform CLI (set TERRAFORM_BINARY_NAME or put terraform on PATH)";
  const blank = (stack) => ({ stack, ok: false, keptResources: 0, removed: [], planned: { create: 0, update: 0, delete: 0, replace: 0, noop: 0 } });
  const results = wanted.map(blank);
  const copies = [];
  for (const r of [...results]) {
    const found = all.find((s) => s.stack === r.stack);
    if (!found) r.reason = `no synthesized stack "${r.stack}" in ${outdir}`;
    else if (missing) Object.assign(r, { skipped: true, reason: `SKIPPED: ${missing}` });
    else {
      try {
        const copy = localCopy(JSON.parse(fs.readFileSync(found.file, "utf8")), mirror.providers);
        Object.assign(r, { keptResources: copy.keptResources, removed: copy.removed });
        if (!copy.keptResources) {
          Object.assign(r, { skipped: true, reason: `SKIPPED: nothing left to check (${Object.values(copy.unavailable).join("; ") || "no resources"})` });
          continue;
        }
        copies.push({ stack: r.stack, copy, priorState: found.priorState });
        const hclFile = opts.hclOutdir && path.join(opts.hclOutdir, "stacks", r.stack, "cdk.tf");
        if (hclFile && fs.existsSync(hclFile)) {
          const twin = { ...blank(`hcl-${r.stack}`), twinOf: r.stack, keptResources: copy.keptResources, removed: copy.removed };
          results.push(twin);
          try {
            copies.push({ stack: twin.stack, copy, hcl: hclLocalCopy(fs.readFileSync(hclFile, "utf8"), copy, hclFile) });
          } catch (e) {
            twin.reason = e.message;
          }
        }
      } catch (e) {
        r.reason = e.message;
      }
    }
  }
  if (copies.length) {
    const outcome = await runTerraform(copies, { terraform, mirror, workdir: opts.workdir || path.join(root, ".tfcheck"),
      planJsonFile: opts.planJsonFile, validateToo: opts.validate !== false });
    const plannedOf = (stack) => outcome.changes.filter((c) => c.resource.module === `module.${stack}` && !c.resource.addr.includes(".data."));
    for (const r of results.filter((x) => copies.some((c) => c.stack === x.stack))) {
      if (outcome.error) {
        r.reason = outcome.error;
        continue;
      }
      // Only managed resources count; data-source reads deferred to apply appear as "read".
      const mine = plannedOf(r.stack);
      for (const c of mine) r.planned[{ create: "create", update: "update", delete: "delete", replace: "replace", noop: "noop" }[c.action] || "delete"]++;
      if (all.find((s) => s.stack === r.stack)?.priorState) {
        r.ok = true; // a stack with a prior state is expected to change; the caller checks what
        continue;
      }
      r.ok = r.planned.create === mine.length && r.planned.create === r.keptResources;
      if (!r.ok) r.reason = `plan has ${JSON.stringify(r.planned)}, expected ${r.keptResources} creates only`;
      if (r.ok && r.twinOf) {
        const addresses = (stack) => plannedOf(stack).map((c) => c.resource.addr.slice(`module.${stack}.`.length)).sort().join("\n");
        r.ok = addresses(r.stack) === addresses(r.twinOf);
        if (!r.ok) r.reason = `the HCL plans other resources than the JSON of ${r.twinOf}`;
      }
    }
  }
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  return results.map((r) => ({ ...r, seconds }));
}

function listStacks(outdir) {
  const manifest = path.join(outdir, "manifest.json");
  if (fs.existsSync(manifest)) {
    const { stacks } = JSON.parse(fs.readFileSync(manifest, "utf8"));
    return Object.values(stacks).map((s) => ({ stack: s.name, file: path.join(outdir, s.synthesizedStackPath) }));
  }
  return subdirs(path.join(outdir, "stacks"))
    .map((stack) => ({ stack, file: path.join(outdir, "stacks", stack, "cdk.tf.json") }))
    .filter((s) => fs.existsSync(s.file));
}

module.exports = { discoverTerraform, discoverMirror, localCopy, checkStacks, listStacks };

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--outdir");
  const outdir = path.resolve(at >= 0 ? args.splice(at, 2)[1] : process.env.CDKTF_OUTDIR || path.join(root, "cdktf.out"));
  const hclAt = args.indexOf("--hcl-outdir");
  const hclOutdir = hclAt >= 0 ? path.resolve(args.splice(hclAt, 2)[1]) : undefined;
  checkStacks(outdir, { stacks: args, hclOutdir }).catch((err) => {
    console.error(err.message);
    process.exit(2);
  }).then((results) => {
    if (!results.length) {
      console.error(`no synthesized stacks in ${outdir} (run npm run synth first)`);
      process.exit(1);
    }
    const width = Math.max(...results.map((r) => r.stack.length));
    for (const r of results) {
      const name = r.stack.padEnd(width);
      if (r.ok) console.log(`ok   ${name}  validate+plan: ${r.planned.create} to create (removed ${r.removed.length} non-local blocks)${r.twinOf ? ", same as its JSON" : ""}`);
      else if (r.skipped) console.log(`skip ${name}  ${r.reason}`);
      else console.log(`FAIL ${name}\n${r.reason.replace(/^/gm, "     ")}`);
    }
    console.log(`terraform init + validate + plan of ${results.length} stacks: ${results[0].seconds}s`);
    process.exit(results.some((r) => !r.ok && !r.skipped) ? 1 : 0);
  });
}
