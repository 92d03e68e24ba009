import type { Problem } from "./problems";
import { isRecord } from "./shape";

/** AWS tag limits (Tagging AWS resources, "Tag naming limits and requirements"). */
export const TAG_LIMITS = { maxTags: 49, maxKeyLength: 128, maxValueLength: 256 } as const;
// 50 tags per resource, one slot kept for the Name tag this project sets on network resources.
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const ALLOWED_CHARS = "letters, digits, spaces and _ . : / = + - @";

/**
 * Tags every environment must carry, for chargeback and ownership: they reach every taggable AWS resource (provider
 * default_tags), the workspace's custom_tags (so the EC2 and EBS Databricks launches), and the cluster policies.
 */
export const REQUIRED_TAGS: readonly string[] = ["Environment", "Owner", "CostCenter", "Project", "ManagedBy"];

/**
 * Tag keys no deployment may set. Databricks: "Do not assign a custom tag with the key `Name` to a cluster. Every
 * cluster has a tag `Name` whose value is set by Databricks. If you change the value associated with the key `Name`,
 * the cluster can no longer be tracked by Databricks" (and may never be terminated):
 * https://docs.databricks.com/aws/en/admin/account-settings/usage-detail-tags. The tags reach the clusters through
 * the workspace's custom_tags and the cluster policies; this project names its AWS resources with `Name` itself.
 */
export const RESERVED_TAG_KEYS: readonly string[] = ["Name"];

/**
 * Problems with a tag set, with paths relative to it (`tags.Owner`): `required` keys present and non-empty, AWS limits,
 * no reserved key.
 */
export function tagProblems(tags: Readonly<Record<string, string>>, path = "tags", required: readonly string[] = REQUIRED_TAGS): Problem[] {
  const problems: Problem[] = [];
  if (!isRecord(tags)) return problems; // the schema reports it
  const absent = required.filter((key) => !(key in tags));
  const needs = required === REQUIRED_TAGS ? "each environment needs" : "requiredTags";
  if (absent.length > 0) {
    // Tag keys are case-sensitive (AWS and Databricks): `owner` is not `Owner`, say so where a near miss exists.
    const nearMisses = absent.flatMap((key) => Object.keys(tags).filter((k) => k.toLowerCase() === key.toLowerCase()));
    const hint = nearMisses.length > 0 ? `; tag keys are case-sensitive: found ${nearMisses.join(", ")}` : "";
    problems.push({ path, value: undefined, message: `is missing required tag${absent.length > 1 ? "s" : ""} ${absent.join(", ")} (${needs} ${required.join(", ")}${hint})` });
  }
  for (const key of required.filter((k) => k in tags && typeof tags[k] === "string" && tags[k].trim() === "")) {
    problems.push({ path: `${path}[${JSON.stringify(key)}]`, value: tags[key], message: `${key} is empty: required tags need a value` });
  }
  const entries = Object.entries(tags);
  if (entries.length > TAG_LIMITS.maxTags) {
    problems.push({ path, value: undefined, message: `has ${entries.length} tags; at most ${TAG_LIMITS.maxTags} are allowed (AWS allows 50 per resource; one is kept for Name)` });
  }
  for (const [key, value] of entries) {
    // Key problems name the key as the value; value problems name the key in the path.
    const at = `${path}[${JSON.stringify(key)}]`;
    if (key.length < 1 || key.length > TAG_LIMITS.maxKeyLength) {
      problems.push({ path, value: key, message: `tag key must be 1 to ${TAG_LIMITS.maxKeyLength} characters (has ${key.length})` });
    }
    if (/^aws:/i.test(key)) problems.push({ path, value: key, message: 'tag key must not start with "aws:" (reserved by AWS)' });
    if (RESERVED_TAG_KEYS.includes(key)) {
      problems.push({ path, value: key, message: "tag key is reserved: Databricks sets Name on every cluster and loses track of (and may never terminate) a cluster whose Name changes (docs.databricks.com/aws/en/admin/account-settings/usage-detail-tags)" });
    }
    if (!TAG_CHARS.test(key)) problems.push({ path, value: key, message: `tag key may only contain ${ALLOWED_CHARS}` });
    if (typeof value !== "string") continue; // the schema reports it
    if (value.length > TAG_LIMITS.maxValueLength) {
      problems.push({ path: at, value, message: `tag value must be at most ${TAG_LIMITS.maxValueLength} characters (has ${value.length})` });
    }
    if (!TAG_CHARS.test(value)) problems.push({ path: at, value, message: `tag value may only contain ${ALLOWED_CHARS}` });
  }
  return problems;
}
