// tf-check: runs terraform init, validate and plan over the offline copies of the stacks.
const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");

// Default per-command limit; a caller with its own deadline (a test's timeout) passes a shorter one, or an
// AbortSignal: a terraform left running past its caller's deadline keeps that process (a jest worker) alive.
const COMMAND_TIMEOUT_MS = 300000;

function run(cmd, args, cwd, env, { signal, timeoutMs = COMMAND_TIMEOUT_MS } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs, signal, killSignal: "SIGKILL" });
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
async function runTerraform(copies, { terraform, mirror, workdir, planJsonFile, validateToo, signal, timeoutMs }) {
  const limits = { signal, timeoutMs };
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
  const init = await run(terraform, ["init", `-plugin-dir=${mirror.root}`, "-backend=false", "-input=false", "-no-color"], workdir, env, limits);
  if (init.code !== 0) return { error: `terraform init failed:\n${tail(init.stderr + init.stdout)}` };
  // `terraform plan` runs Terraform's own validation first (same diagnostics as `terraform validate`, e.g. for an
  // unsupported argument or an invalid enum value), so callers on a time budget (npm test) skip the separate run.
  const [validate, plan] = await Promise.all([
    validateToo ? run(terraform, ["validate", "-no-color"], workdir, env, limits) : { code: 0 },
    run(terraform, ["plan", "-input=false", "-lock=false", "-refresh=false", "-json", "-out=plan.bin"], workdir, env, limits),
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
    const show = await run(terraform, ["show", "-json", "-no-color", "plan.bin"], workdir, env, limits);
    if (show.code !== 0) return { error: `terraform show -json failed:\n${tail(show.stderr + show.stdout)}` };
    fs.writeFileSync(planJsonFile, show.stdout);
  }
  return { changes: events.filter((e) => e.type === "planned_change").map((e) => e.change) };
}


module.exports = { runTerraform, run };
