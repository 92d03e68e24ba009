// ARN matching for the IAM reference check: two patterns overlap if some ARN matches both.
"use strict";

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

module.exports = { policyTokens, templateTokens, overlap, resourceMatches, arnOf };
