// tf-check: the offline copy of a synthesized stack, keeping only what the locally available providers can plan
// without network or credentials.

// Data sources the AWS provider computes locally; anything else would call AWS (or another backend) during plan.
const LOCAL_DATA = ["aws_iam_policy_document", "aws_region", "aws_partition", "aws_default_tags", "aws_arn", "aws_service_principal"];

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

/**
 * Offline stand-in for a value of a removed block that a kept block reads on purpose (digits: it fits id fields).
 * Only blocks marked `"//": { "tf-check": { "offlinePlaceholders": "<why>" } }` get it, only for plain references.
 */
const PLACEHOLDER = "1234567890123456";
const MARK = "offlinePlaceholders";

/**
 * `value` with every plain `${<removed address>.<attribute>}` replaced by PLACEHOLDER (strings anywhere in it); an
 * attribute may go through a block, e.g. a credential's `aws_iam_role[0].external_id`.
 */
function substitute(value, removed) {
  const plain = (addr) => new RegExp(`\\$\\{${addr.replace(/\./g, "\\.")}\\.[\\w]+(?:\\[\\d+\\]\\.[\\w]+)*\\}`, "g");
  const swap = (s) => removed.reduce((t, addr) => t.replace(plain(addr), PLACEHOLDER), s);
  if (typeof value === "string") return swap(value);
  if (Array.isArray(value)) return value.map((v) => substitute(v, removed));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, removed)]));
  return value;
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
  const marked = new Set();
  for (const [kind, prefix] of [["resource", ""], ["data", "data."]]) {
    for (const [type, byName] of Object.entries(tf[kind] || {})) {
      for (const [name, body] of Object.entries(byName)) if (body && body["//"] && body["//"]["tf-check"] && body["//"]["tf-check"][MARK]) marked.add(`${prefix}${type}.${name}`);
    }
  }
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
  // An empty "output": {} is invalid JSON syntax for Terraform ("Missing block label"): e.g. a stack whose every output shows a removed block.
  if (tf.output && !Object.keys(tf.output).length) delete tf.output;

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

  // Marked blocks read a removed block on purpose (e.g. a bucket policy naming the workspace id): placeholders.
  const substituted = [];
  for (const block of blocks) {
    if (!marked.has(block[0])) continue;
    const refs = referencedIn(block[1], removedBlocks);
    if (!refs.length) continue;
    const [type, name] = block[0].replace(/^data\./, "").split(".");
    const swapped = substitute(block[1], removedBlocks);
    tf[block[2]][type][name] = block[1] = swapped;
    substituted.push(...refs.map((r) => `${block[0]} <- ${r}`));
  }

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
  return { json: tf, removed, keptResources, unavailable, substituted };
}

module.exports = { localCopy, substitute, PLACEHOLDER };
