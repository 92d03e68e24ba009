// What a statement's action entries name in the Reference: the actions, their resource types and condition keys.
"use strict";
const { service, escapeRe } = require("./reference.js");
const { arnOf } = require("./arn.js");

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

module.exports = { expandAction, ownTypes, statementTypes, actionKeys };
