// `npm run deploy -- <env>`: synth, the preflight (`node scripts/preflight.js <env>`, when it exists), then one
// `cdktf deploy <stack>` per stack of the environment in the order the stacks depend on each other (from cdktf's
// manifest: <env>-state → <env>-workspace → <env>-workspace-config), stopping at the first failure with what to do
// next. The plain route (`npx cdktf deploy '<env>-*'`) is untouched; this is the guided one.
//
// Each error of Terraform is printed once: cdktf 0.21 logs every stderr chunk of Terraform through its log4js logger
// (to stdout, "[ERROR] default - …") and shows it again under the stack's name (@cdktf/commons src/util.js `exec`
// → processLoggerError). With CDKTF_LOG_FILE_DIRECTORY set, that logger writes to <dir>/cdktf.log instead (the
// documented `--log-file-directory`), so only the stack's copy reaches the terminal.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { parseArgs, InputError } = require("./lib/args.js");
const { listStacks, envOfStack } = require("./lib/cdktf-out.js");

const ROOT = path.resolve(__dirname, "..");
const USAGE = `usage: npm run deploy -- <env> [--auto-approve] [--outputs-file <file>] [--skip-preflight] [--skip-synth] [--skip-provider-lock]
  synthesizes, runs \`npm run preflight -- <env>\`, then deploys the environment's stacks one by one in dependency
  order (<env>-state → <env>-workspace → <env>-workspace-config), stopping at the first failure.
  --auto-approve        no "yes" prompt per stack (CI)
  --outputs-file        write the deployed stacks' outputs (no sensitive ones) to <file>, merged per stack
  --skip-preflight      deploy without the preflight checks
  --skip-synth          use the existing cdktf.out (CDKTF_OUTDIR) as it is
  --skip-provider-lock  passed to cdktf (air-gapped shells with a provider mirror)
  the plain route still works: npx cdktf deploy '<env>-*'; first apply: docs/first-apply.md`;

const SPEC = {
  values: ["--outputs-file"],
  flags: ["--auto-approve", "--skip-preflight", "--skip-synth", "--skip-provider-lock"],
  positional: true,
};

/** cdktf-cli's own entry script, run with this Node (no shell, no `.cmd` shim on Windows). */
function cdktfBin() {
  const pkg = require.resolve("cdktf-cli/package.json", { paths: [ROOT] });
  return path.join(path.dirname(pkg), require(pkg).bin.cdktf);
}

/**
 * The commands as [file, ...args]; DBX_DEPLOY_CDKTF (an executable) and DBX_DEPLOY_PREFLIGHT (a script) replace
 * cdktf and the preflight for tests.
 */
function tools(env) {
  return {
    cdktf: env.DBX_DEPLOY_CDKTF ? [env.DBX_DEPLOY_CDKTF] : [process.execPath, cdktfBin()],
    preflight: env.DBX_DEPLOY_PREFLIGHT || path.join(ROOT, "scripts", "preflight.js"),
    synth: path.join(ROOT, "scripts", "synth.js"),
  };
}

/** The environments of a synth output, in manifest order (each stack id is `<env>-<component>`). */
const environmentsOf = (stacks) => [...new Set(stacks.map((s) => s.env))];

/**
 * The stacks of `env` in deploy order: a topological order of the manifest's `dependencies` (manifest order among
 * stacks that don't depend on each other). Dependencies on stacks of other environments are not ours to deploy.
 */
function deployOrder(stacks, env) {
  const mine = stacks.filter((s) => s.env === env);
  const ids = new Set(mine.map((s) => s.id));
  const deps = new Map(mine.map((s) => [s.id, ((s.entry && s.entry.dependencies) || []).filter((d) => ids.has(d))]));
  const order = [];
  const done = new Set();
  while (order.length < mine.length) {
    const next = mine.find((s) => !done.has(s.id) && deps.get(s.id).every((d) => done.has(d)));
    if (!next) {
      const left = mine.filter((s) => !done.has(s.id)).map((s) => `${s.id} → ${deps.get(s.id).join(", ")}`);
      throw new InputError(`the stacks of ${env} depend on each other in a cycle (${left.join("; ")})`);
    }
    order.push(next.id);
    done.add(next.id);
  }
  return order;
}

/** Runs `cmd args` with the terminal (Terraform asks for approval); returns its exit code. */
function run(cmd, args, env, io) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env, cwd: ROOT });
  if (r.error) {
    io.stderr.write(`deploy: cannot run ${cmd}: ${r.error.message}\n`);
    return 127;
  }
  return r.status === null ? 128 + (os.constants.signals[r.signal] || 0) : r.status;
}

/** The outputs already in `file` (an object), or a problem: a folder, no folder to write it in, not a JSON object. */
function priorOutputs(file) {
  const full = path.resolve(file);
  if (!fs.existsSync(full)) {
    if (fs.existsSync(path.dirname(full))) return { outputs: {} };
    return { problem: `--outputs-file ${file}: the folder ${path.dirname(full)} does not exist` };
  }
  if (fs.statSync(full).isDirectory()) return { problem: `--outputs-file ${file}: is a folder; name a file` };
  let outputs;
  try {
    outputs = JSON.parse(fs.readFileSync(full, "utf8") || "{}");
  } catch (e) {
    return { problem: `--outputs-file ${file}: holds no JSON (${e.message}); name a new file or the outputs file of an earlier deploy` };
  }
  if (outputs === null || typeof outputs !== "object" || Array.isArray(outputs)) {
    return { problem: `--outputs-file ${file}: holds JSON that is not an object of stacks' outputs; name a new file or the outputs file of an earlier deploy` };
  }
  return { outputs };
}

/** Merges the outputs cdktf wrote for one stack into `file` the way cdktf merges several stacks' (top-level keys:
 * @cdktf/cli-core src/lib/cdktf-project.js `outputsByConstructId`). Returns a problem, or undefined. */
function mergeOutputs(file, stackFile) {
  if (!fs.existsSync(stackFile)) return undefined;
  const prior = priorOutputs(file);
  if (prior.problem) return prior.problem;
  try {
    const next = { ...prior.outputs, ...JSON.parse(fs.readFileSync(stackFile, "utf8") || "{}") };
    fs.writeFileSync(path.resolve(file), `${JSON.stringify(next, null, 2)}\n`);
  } catch (e) {
    return `--outputs-file ${file}: cannot write it: ${e.message}`;
  }
  return undefined;
}

/** Why `positional` does not name exactly one of `envs` (with a hint for a stack id), or undefined when it does. */
function environmentProblem(positional, envs) {
  const [name, ...extra] = positional;
  if (!name || extra.length) {
    return `${name ? `one environment at a time (got ${positional.join(", ")})` : "which environment?"}\n${USAGE}\nenvironments: ${envs.join(", ")}`;
  }
  if (envs.includes(name)) return undefined;
  const env0 = envOfStack(name);
  const hint = name.includes("-") && envs.includes(env0) ? ` ("${name}" names stacks: npm run deploy -- ${env0}, or npx cdktf deploy '${name}')` : "";
  return `no environment "${name}"${hint}; environments: ${envs.join(", ")}`;
}

/**
 * The environments the synth will write, from the config (loaded as the preflight loads it) before anything is
 * written: each environment, and `account` when the account-level config has stacks. Undefined when the config
 * cannot be loaded: the synth then reports what is wrong with it.
 */
function configuredEnvironments(variables) {
  try {
    const config = require("./preflight/config.js").loadBundle().loadConfig(undefined, undefined, variables);
    return [...config.environments.map((e) => e.name), ...(config.account ? ["account"] : [])];
  } catch {
    return undefined;
  }
}

/** What to do after stack `failed` of `order` failed. */
function nextSteps(env, order, failed, logFile) {
  const i = order.indexOf(failed);
  return [
    `deploy: ${failed} failed; ${i ? `deployed: ${order.slice(0, i).join(", ")}; ` : ""}not deployed: ${order.slice(i).join(", ")}.`,
    "What next:",
    "  1. read the Terraform error above; docs/first-apply.md lists the errors a first apply meets, with cause and fix",
    `  2. fix the config (environments/${env}.ts) or the account, then run \`npm run deploy -- ${env}\` again:`,
    "     what is deployed already shows no changes; a resource created half-way is in the state and is reused",
    `  3. plan one stack without applying: npx cdktf diff ${failed}`,
    logFile ? `  cdktf's own log: ${logFile}` : "",
  ].filter(Boolean).join("\n");
}

/** The whole command; returns the exit code (0 deployed, 1 a step failed, 2 bad input). */
function main(argv, { env = process.env, io = { stdout: process.stdout, stderr: process.stderr } } = {}) {
  let o;
  try {
    o = parseArgs(argv, SPEC);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr.write(`deploy: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (o.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const prior = o.outputsFile !== undefined ? priorOutputs(o.outputsFile) : {};
  if (prior.problem) {
    io.stderr.write(`deploy: ${prior.problem}\n`);
    return 2;
  }
  const t = tools(env);
  const childEnv = { CHECKPOINT_DISABLE: "1", ...env };
  const ownLogDir = !childEnv.CDKTF_LOG_FILE_DIRECTORY && fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-log-"));
  if (ownLogDir) childEnv.CDKTF_LOG_FILE_DIRECTORY = ownLogDir;
  const logFile = path.join(childEnv.CDKTF_LOG_FILE_DIRECTORY, "cdktf.log");
  const code = deployAll(o, t, env, childEnv, logFile, io);
  // The log is kept when something failed (the next steps name it), else removed with our temporary directory.
  if (ownLogDir && (code === 0 || !fs.existsSync(logFile))) fs.rmSync(ownLogDir, { recursive: true, force: true });
  return code;
}

/** main after the arguments: synth, environment, preflight, the stacks; returns the exit code. */
function deployAll(o, t, env, childEnv, logFile, io) {

  if (!o.skipSynth) {
    // A wrong environment is told before the synth writes anything.
    const known = configuredEnvironments(childEnv);
    const problem = known && environmentProblem(o.positional, known);
    if (problem) {
      io.stderr.write(`deploy: ${problem}\n`);
      return 2;
    }
    const code = run(process.execPath, [t.synth], childEnv, io);
    if (code !== 0) {
      io.stderr.write(`deploy: the synth failed (exit ${code}); fix what it reports above, nothing was deployed\n`);
      return 1;
    }
  }
  const outdir = path.resolve(ROOT, env.CDKTF_OUTDIR || "cdktf.out");
  let stacks;
  try {
    stacks = listStacks(outdir);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr.write(`deploy: ${e.message}\n`);
    return 2;
  }
  const problem = environmentProblem(o.positional, environmentsOf(stacks));
  if (problem) {
    io.stderr.write(`deploy: ${problem}\n`);
    return 2;
  }
  const name = o.positional[0];
  let order;
  try {
    order = deployOrder(stacks, name);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr.write(`deploy: ${e.message}\n`);
    return 2;
  }

  if (o.skipPreflight) io.stderr.write(`deploy: preflight skipped (--skip-preflight)\n`);
  else if (name === "account") io.stderr.write("deploy: the preflight checks environments, not the account-level stacks: none for account\n");
  else if (!fs.existsSync(t.preflight)) io.stderr.write(`deploy: no preflight (${path.relative(ROOT, t.preflight)} not found), skipped\n`);
  else {
    io.stderr.write(`deploy: preflight of ${name}\n`);
    const code = run(process.execPath, [t.preflight, name], childEnv, io);
    if (code !== 0) {
      io.stderr.write(`deploy: the preflight of ${name} found problems (exit ${code}); nothing was deployed.\n` +
        `  fix what it reports, then run \`npm run deploy -- ${name}\` again (or add --skip-preflight to deploy anyway)\n`);
      return 1;
    }
  }

  io.stderr.write(`deploy: ${name}: ${order.join(" → ")}\n`);
  const outputsDir = o.outputsFile ? fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-outputs-")) : undefined;
  for (const stack of order) {
    // Our order already has each stack's dependencies deployed, so cdktf need not see them in the same run.
    const args = ["deploy", stack, "--skip-synth", "--ignore-missing-stack-dependencies"];
    if (o.autoApprove) args.push("--auto-approve");
    if (o.skipProviderLock) args.push("--skip-provider-lock");
    const stackOutputs = outputsDir && path.join(outputsDir, `${stack}.json`);
    if (stackOutputs) args.push("--outputs-file", stackOutputs);
    io.stderr.write(`\ndeploy: ${stack} (${order.indexOf(stack) + 1}/${order.length})\n`);
    const code = run(t.cdktf[0], [...t.cdktf.slice(1), ...args], childEnv, io);
    const outputsProblem = stackOutputs ? mergeOutputs(o.outputsFile, stackOutputs) : undefined;
    if (code !== 0 || outputsProblem || stack === order[order.length - 1]) if (outputsDir) fs.rmSync(outputsDir, { recursive: true, force: true });
    if (code !== 0) {
      io.stderr.write(`\n${nextSteps(name, order, stack, fs.existsSync(logFile) ? logFile : undefined)}\n`);
      return 1;
    }
    if (outputsProblem) {
      const rest = order.slice(order.indexOf(stack) + 1);
      io.stderr.write(`\ndeploy: ${stack} deployed, but its outputs were not saved: ${outputsProblem}` +
        `${rest.length ? `; not deployed: ${rest.join(", ")}` : ""}. \`npx cdktf output ${stack}\` shows them.\n`);
      return 1;
    }
  }
  io.stderr.write(`\ndeploy: ${name} deployed (${order.join(", ")})` +
    `${o.outputsFile ? `; outputs in ${o.outputsFile}` : ""}; check it with \`npm run verify -- ${name}\`\n`);
  return 0;
}

module.exports = { main, deployOrder, environmentsOf, tools, USAGE };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
