import type { Problem } from "./problems";

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

/** Problems with a tag set, with paths relative to it (`tags.Owner`). */
export function tagProblems(tags: Readonly<Record<string, string>>, path = "tags"): Problem[] {
  const problems: Problem[] = [];
  const missing = REQUIRED_TAGS.filter((key) => !(key in tags) || tags[key].trim() === "");
  if (missing.length > 0) {
    problems.push({ path, value: undefined, message: `is missing required tag${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (each environment needs ${REQUIRED_TAGS.join(", ")}, non-empty)` });
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
    if (!TAG_CHARS.test(key)) problems.push({ path, value: key, message: `tag key may only contain ${ALLOWED_CHARS}` });
    if (value.length > TAG_LIMITS.maxValueLength) {
      problems.push({ path: at, value, message: `tag value must be at most ${TAG_LIMITS.maxValueLength} characters (has ${value.length})` });
    }
    if (!TAG_CHARS.test(value)) problems.push({ path: at, value, message: `tag value may only contain ${ALLOWED_CHARS}` });
  }
  return problems;
}
