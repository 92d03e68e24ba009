// One policy statement against the Reference: its actions, resources and condition keys.
"use strict";
const { service, keyPattern, isGlobalKey, asList } = require("./reference.js");
const { resourceMatches, arnOf } = require("./arn.js");
const { expandAction, ownTypes, statementTypes, actionKeys } = require("./actions.js");

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

module.exports = { checkStatement };
