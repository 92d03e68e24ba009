// PR plan review: turns `terraform show -json` plans into one Markdown PR comment per stack (summary table,
// destructive and security-sensitive changes first, then the plan text collapsed and truncated to fit GitHub's
// comment limit). The stack lists for the CI matrix and the deploy jobs are scripts/stacks.js (`npm run stacks`).
// Plain CommonJS without dependencies, so CI can run it right after `npm ci`.
const fs = require("fs");
const path = require("path");
const { InputError, parseArgs } = require("./lib/args.js");
const { readJson, listStacks, readStack } = require("./lib/cdktf-out.js");

const USAGE = `usage:
  npm run plan:summary -- [--stack <name>] [--text plan.txt] [--diagram <stack>.mmd] [--artifact-url <url>]
                          [--error-log plan.log] [--outdir cdktf.out] [--commit <sha>] [--out comment.md] plan.json [more.json ...]`;

// GitHub rejects comment bodies over 65,536 characters ("body is too long"). String length counts UTF-16 units,
// never fewer than GitHub's characters; the margin covers whatever the workflow adds.
const COMMENT_LIMIT = 65536;
const COMMENT_BUDGET = 60000;
const MAX_CALLOUTS = 40; // per list; a first deploy creates hundreds of resources
const MAX_ERROR_CHARS = 6000;
const MARKER = "databricks-cdktf-plan";

// Resource types whose changes a security reviewer must see: identities and their policies, network exposure,
// bucket access, encryption keys, audit trails, and the Databricks settings that decide who gets in.
const SENSITIVE = [
  /^aws_iam_/,
  /^aws_(default_)?security_group(_rule)?$/, /^aws_vpc_security_group_(ingress|egress)_rule$/,
  /^aws_(default_)?network_acl(_rule|_association)?$/, /^aws_vpc_endpoint(_policy)?$/,
  /^aws_s3_(bucket_policy|bucket_public_access_block|account_public_access_block|bucket_acl|bucket_ownership_controls|bucket_server_side_encryption_configuration)$/,
  /^aws_kms_/, /^aws_cloudtrail$/, /^aws_sns_topic_policy$/,
  /^databricks_(mws_credentials|mws_customer_managed_keys|mws_private_access_settings|mws_permission_assignment)$/,
  /^databricks_(ip_access_list|workspace_conf|permissions|grants?|token|obo_token|secret_acl|instance_profile)$/,
  /^databricks_(service_principal\w*|group_member|access_control_rule_set|user_role|group_role)$/,
];

const isSensitiveType = (type) => SENSITIVE.some((re) => re.test(type));

/** ["delete","create"] / ["create","delete"] = replace; no-op (and forget, which leaves the object alone) = nothing. */
function actionOf(actions) {
  const key = actions.join(",");
  if (key === "delete,create" || key === "create,delete") return "replace";
  if (["create", "update", "delete", "read"].includes(key)) return key;
  if (key === "no-op" || key === "forget") return null;
  return actions.includes("delete") ? "delete" : "update"; // unknown future combinations: err on the loud side
}

function checkPlan(plan, source) {
  const expected = "expected the output of `terraform show -json <planfile>`";
  if (!plan || typeof plan !== "object" || Array.isArray(plan) || typeof plan.format_version !== "string")
    throw new InputError(`${source} is not a Terraform plan: it has no format_version (${expected})`);
  if (!Array.isArray(plan.resource_changes) && !plan.planned_values)
    throw new InputError(`${source} is not a Terraform plan: it has no resource_changes or planned_values (${expected}` +
      `${plan.values ? "; this looks like a state file" : ""})`);
}

/** { counts: { add, change, replace, destroy }, changes: [{ address, type, action, destructive, sensitive }], errored } */
function summarizePlan(plan) {
  checkPlan(plan, "plan JSON");
  const counts = { add: 0, change: 0, replace: 0, destroy: 0 };
  const changes = [];
  for (const rc of plan.resource_changes || []) {
    const action = actionOf((rc.change && rc.change.actions) || []);
    if (!action) continue;
    if (action !== "read") counts[{ create: "add", update: "change", replace: "replace", delete: "destroy" }[action]]++;
    const managed = rc.mode !== "data";
    changes.push({
      address: rc.deposed ? `${rc.address} (deposed ${rc.deposed})` : rc.address,
      type: rc.type,
      action,
      destructive: action === "delete" || action === "replace",
      sensitive: managed && action !== "read" && isSensitiveType(rc.type || ""),
    });
  }
  return { counts, changes, errored: plan.errored === true };
}

// ---------- rendering ----------

const code = (s) => (s.includes("`") ? `\`\` ${s} \`\`` : `\`${s}\``);
const fenceFor = (text) => "`".repeat(Math.max(3, ...(text.match(/`+/g) || []).map((r) => r.length + 1)));
const fenced = (text, lang = "") => { const f = fenceFor(text); return `${f}${lang}\n${text.replace(/\n*$/, "")}\n${f}`; };
const fmt = (n) => n.toLocaleString("en-US");
const ICON = { delete: "🗑️", replace: "♻️", create: "➕", update: "✏️" };

function status(summary) {
  if (summary.errored) return "❌ plan failed";
  const { add, change, replace, destroy } = summary.counts;
  if (!add && !change && !replace && !destroy) return "✅ no changes";
  const destructive = replace + destroy;
  const sensitive = summary.changes.filter((c) => c.sensitive).length;
  return [destructive && `⚠️ ${destructive} destructive`, sensitive && `🔒 ${sensitive} security-sensitive`]
    .filter(Boolean).join(", ") || "changes";
}

/** Destructive changes (deletes, then replaces) and security-sensitive ones, each sorted by address. */
function callouts(entries) {
  const byAddress = (a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
  const destructive = entries.filter((c) => c.destructive)
    .sort((a, b) => (a.action === b.action ? byAddress(a, b) : a.action === "delete" ? -1 : 1));
  const sensitive = entries.filter((c) => c.sensitive && !c.destructive).sort(byAddress);
  const list = (title, items) => {
    if (!items.length) return [];
    const shown = items.slice(0, MAX_CALLOUTS).map((c) =>
      `- ${ICON[c.action] || ""} **${c.action}** ${code(c.address)}${c.stack ? ` in ${code(c.stack)}` : ""}${c.destructive && c.sensitive ? " 🔒" : ""}`);
    if (items.length > MAX_CALLOUTS) shown.push(`- … and ${fmt(items.length - MAX_CALLOUTS)} more (see the full plan)`);
    return [`**${title} (${items.length})**`, "", ...shown, ""];
  };
  return [...list("⚠️ Destructive changes", destructive), ...list("🔒 Security-sensitive changes", sensitive)];
}

/** The part of terraform's output worth showing for a failed plan: from the first error on. */
function errorExcerpt(log) {
  const lines = log.replace(/\x1b\[[0-9;]*m/g, "").replace(/\r\n/g, "\n").split("\n");
  const first = lines.findIndex((l) => /^[│╷\s]*Error: /.test(l));
  let text = (first >= 0 ? lines.slice(first) : lines.slice(-60)).join("\n").trim();
  if (text.length > MAX_ERROR_CHARS) text = `${text.slice(0, text.lastIndexOf("\n", MAX_ERROR_CHARS))}\n… (error output truncated)`;
  return text;
}

/** Fits `text` into `max` characters on line boundaries: the head, an omission note, and the tail (the "Plan:" line). */
function truncateText(text, max) {
  text = text.replace(/\r\n/g, "\n").replace(/^\n+|\n+$/g, "");
  if (text.length <= max) return { text, truncated: false };
  const lines = text.split("\n");
  if (max < 300) return { text: `… ${fmt(lines.length)} lines omitted: the full plan is in the artifact …`, truncated: true };
  const tail = [];
  let tailSize = 0;
  for (let i = lines.length - 1; i > 0 && tailSize + lines[i].length + 1 <= Math.min(2000, max / 4); i--) {
    tail.unshift(lines[i]);
    tailSize += lines[i].length + 1;
  }
  const note = (n) => `\n… ${fmt(n)} lines omitted (${fmt(lines.length)} in all: the full plan is in the artifact) …\n`;
  const headMax = Math.max(0, max - tailSize - note(lines.length).length);
  const cut = text.lastIndexOf("\n", headMax);
  const head = cut > 0 ? text.slice(0, cut) : "";
  const headLines = head ? head.split("\n").length : 0;
  return { text: head + note(lines.length - headLines - tail.length) + tail.join("\n"), truncated: true };
}

/**
 * The Markdown PR comment for one stack (`summary`, `planText`, `errorText`) or several (`stacks`: [{ stack,
 * summary, planText?, errorText? }], `stack` then names the comment). Always below GitHub's comment limit.
 */
function renderComment({ stack, summary, planText, diagram, artifactUrl, errorText, notes = [], commit, stacks }) {
  if (!stack) throw new InputError("renderComment: stack (the comment's name) is required");
  const items = stacks || [{ stack, summary, planText, errorText }];
  for (const it of items) if (!it.summary || !it.summary.counts) throw new InputError(`renderComment: no summary for stack ${it.stack}`);
  const multi = items.length > 1;
  const where = artifactUrl ? `[the workflow artifact](${artifactUrl})` : "the workflow run's artifacts";

  const head = [`<!-- ${MARKER}:${stack} -->`,
    `## Terraform plan: ${code(stack)}${commit ? ` at ${String(commit).slice(0, 12)}` : ""}`, "",
    "| stack | add | change | replace | destroy | result |", "|---|--:|--:|--:|--:|---|",
    ...items.map(({ stack: s, summary: { counts: c }, summary: sm }) =>
      `| ${code(s)} | ${c.add} | ${c.change} | ${c.replace} | ${c.destroy} | ${status(sm)} |`),
    ""];
  if (items.some((it) => it.summary.counts.replace))
    head.push("_A replacement counts once, under replace (Terraform's own summary counts it as an add and a destroy)._", "");
  for (const n of notes) head.push(`> [!NOTE]\n> ${n}`, "");
  for (const it of items) {
    if (!it.summary.errored) continue;
    head.push(`### ❌ Plan failed${multi ? `: ${code(it.stack)}` : ""}`, "");
    if (/Unable to find remote state|No stored state was found/.test(it.errorText || ""))
      head.push("> This stack reads outputs of another stack that has not been applied yet (a cross-stack reference). " +
        "It can be planned once that stack is deployed (deploy order: `<env>-state` → `<env>-workspace` → `<env>-workspace-config`).", "");
    head.push(it.errorText ? fenced(errorExcerpt(it.errorText)) : "Terraform reported errors; see the job log.", "");
    const planned = it.summary.changes.filter((c) => c.action !== "read").length;
    if (planned) head.push(`Terraform planned ${planned} change${planned > 1 ? "s" : ""} before the error: the plan is incomplete.`, "");
  }
  const nothing = items.every((it) => !it.summary.errored && !it.summary.changes.some((c) => c.action !== "read"));
  if (nothing) head.push("✅ **No changes.** The infrastructure matches the configuration.", "");
  head.push(...callouts(items.flatMap((it) => it.summary.changes.map((c) => ({ ...c, stack: multi ? it.stack : undefined })))));

  const foot = ["", `Plan files (text, JSON${diagram ? ", diagram" : ""}): ${where}.`];
  let diagramBlock = diagram ? ["<details><summary>Diagram</summary>", "", fenced(diagram.trim(), "mermaid"), "", "</details>", ""].join("\n") : "";
  const planBlocks = items.filter((it) => it.planText);
  const wrapper = (it, body, truncated) => [`<details><summary>Full plan${multi ? ` of ${code(it.stack)}` : ""}` +
    `${truncated ? ` (truncated: the full plan is in ${where})` : ""}</summary>`, "", fenced(body), "", "</details>", ""].join("\n");
  const fixed = () => head.join("\n").length + foot.join("\n").length + diagramBlock.length + 2 +
    planBlocks.reduce((n, it) => n + wrapper(it, "", true).length + 10, 0);
  if (diagramBlock && fixed() > COMMENT_BUDGET - 4000)
    diagramBlock = `_The diagram (${fmt(diagram.length)} characters) is too large for a comment: see ${where}._\n`;

  // Share what is left between the plan texts, smallest first, so a short plan is never cut for a long one.
  let left = COMMENT_BUDGET - fixed();
  const blocks = new Map();
  const bySize = [...planBlocks].sort((a, b) => a.planText.length - b.planText.length);
  bySize.forEach((it, i) => {
    const share = Math.max(0, Math.floor(left / (bySize.length - i)));
    const t = truncateText(it.planText, share);
    blocks.set(it, wrapper(it, t.text, t.truncated));
    left -= t.text.length + (fenceFor(t.text).length - 3) * 2;
  });
  const body = `${[head.join("\n"), ...planBlocks.map((it) => blocks.get(it)), diagramBlock, foot.join("\n")].filter(Boolean).join("\n")}\n`;
  if (body.length >= COMMENT_LIMIT) throw new Error(`plan-summary: comment is ${body.length} characters, over GitHub's ${COMMENT_LIMIT}`);
  return body;
}

// ---------- CLI ----------

const OPTIONS = {
  values: ["--stack", "--text", "--diagram", "--artifact-url", "--error-log", "--outdir", "--commit", "--out"],
  lists: ["--text"], // one per plan file
  positional: true, // the plan files
};

const readText = (file, what) => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`cannot read ${what} ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  }
};

/** Stack name of a plan file: its directory for plan.json-like names (cdktf.out/stacks/<stack>/plan.json), else its name. */
const stackOfFile = (file) => {
  const base = path.basename(file).replace(/\.json$/, "");
  return /^(tf)?plan$/.test(base) ? path.basename(path.dirname(path.resolve(file))) : base.replace(/\.plan$/, "");
};

/** Runs the CLI in-process; returns the exit code (0 ok, 2 bad input). */
function main(argv, io = { stdout: process.stdout, stderr: process.stderr }) {
  try {
    const o = parseArgs(argv, OPTIONS);
    if (o.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const outdir = o.outdir || process.env.CDKTF_OUTDIR || "cdktf.out";
    if (!o.positional.length && !o.errorLog) throw new InputError(`no plan JSON file given\n${USAGE}`);
    if (o.text.length && o.text.length !== Math.max(1, o.positional.length))
      throw new InputError(`${o.text.length} --text files for ${o.positional.length} plan files: give one per plan file, in the same order`);
    const errorText = o.errorLog ? readText(o.errorLog, "--error-log file") : undefined;
    const items = o.positional.map((file, i) => {
      const plan = readJson(file, "plan JSON", "expected the output of `terraform show -json <planfile>`");
      checkPlan(plan, file);
      const summary = summarizePlan(plan);
      return { stack: o.positional.length === 1 && o.stack ? o.stack : stackOfFile(file), summary,
        planText: o.text[i] ? readText(o.text[i], "--text file") : undefined, errorText: summary.errored ? errorText : undefined };
    });
    if (!items.length) // the plan failed before writing a plan file
      items.push({ stack: o.stack || "plan", summary: { counts: { add: 0, change: 0, replace: 0, destroy: 0 }, changes: [], errored: true }, errorText });
    else if (errorText && items.length === 1 && !items[0].summary.errored) // terraform failed after the plan was written
      Object.assign(items[0], { summary: { ...items[0].summary, errored: true }, errorText });
    const notes = [];
    const local = [];
    const synthesized = o.outdir ? listStacks(outdir, { fallback: true }) : [];
    for (const it of items) {
      const found = synthesized.find((st) => st.id === it.stack);
      const tf = found && fs.existsSync(found.file) ? readStack(outdir, found) : null;
      if (tf && tf.terraform && tf.terraform.backend && tf.terraform.backend.local) local.push(it.stack);
    }
    if (local.length) notes.push(`${local.map(code).join(", ")} keep${local.length > 1 ? "" : "s"} Terraform state in a local file, ` +
      "which CI does not have: this plan compares against an empty state, so existing resources show as created.");
    const comment = renderComment({ stack: o.stack || (items.length === 1 ? items[0].stack : items.map((i) => i.stack).join(",")),
      stacks: items, diagram: o.diagram ? readText(o.diagram, "--diagram file") : undefined,
      artifactUrl: o.artifactUrl, commit: o.commit, notes });
    if (!o.out) io.stdout.write(comment);
    else {
      try {
        fs.writeFileSync(o.out, comment);
      } catch (e) {
        throw new InputError(`cannot write --out file ${o.out}: ${e.message}`);
      }
    }
    return 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr.write(`plan-summary: ${e.message}\n`);
    return 2;
  }
}

module.exports = { summarizePlan, renderComment, main, truncateText, COMMENT_LIMIT };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
