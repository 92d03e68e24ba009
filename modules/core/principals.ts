import { Token } from "cdktf";
import { editDistance } from "./edit-distance";


/**
 * What Databricks accepts as a group's display name, and nothing stricter: the account SCIM API says the name "must
 * be unique within the account and must not exceed 255 characters" (`displayName`,
 * https://docs.databricks.com/api/scim/v1/patch-account-group), and the account groups API that it "must not be blank … Databricks trims surrounding whitespace.
 * You can't use the name of a group that Databricks manages, such as admins or users"
 * (`group_name`, https://docs.databricks.com/api/gcp/account/iamv2/listgroups). No character rule: `R&D Analysts (EMEA)` is a name.
 */
export const GROUP_DISPLAY_NAME_MAX_LENGTH = 255;

/** Groups Databricks manages in every workspace: the provider's `databricks_group` refuses to create them (v1.99.0 scim/resource_group.go, #1089). */
export const DATABRICKS_MANAGED_GROUPS: readonly string[] = ["users", "admins"];

/** Why `name` is no group display name Databricks accepts (undefined when it is one, or a token). */
export function groupDisplayNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string") return "must be a string (a group's display name)";
  if (Token.isUnresolved(name)) return undefined;
  if (name.trim() === "") return "must be a group's display name: Databricks refuses a blank one";
  if (name !== name.trim()) return "must not start or end with whitespace: Databricks trims it, so the group would not match this name";
  if (name.length > GROUP_DISPLAY_NAME_MAX_LENGTH) return `must be at most ${GROUP_DISPLAY_NAME_MAX_LENGTH} characters (Databricks' limit for a group's display name; has ${name.length})`;
  return undefined;
}

/**
 * Why a group that is looked up by name (`data "databricks_group"`) cannot be: the provider puts the name unescaped
 * into a SCIM filter (`displayName eq "<name>"`, v1.99.0 scim/groups.go ReadByDisplayName), so a `"` breaks the lookup.
 */
export function lookedUpGroupNameProblem(name: string): string | undefined {
  if (name.includes('"')) return "must not contain \" for a group looked up by name: the provider's lookup puts the name unquoted into a SCIM filter (displayName eq \"…\") and cannot find it";
  // Workspace-local groups: the account's SCIM API has no such group, so the account-level lookup would fail the plan.
  if (name === "users" || name === "admins") return `is a workspace-local group, which the account-level lookup cannot find; name an account group ("account users" holds every account user)`;
  return undefined;
}

/** A user's e-mail address rather than a group's name (grants go to groups: access then follows group membership). */
export function looksLikeUserName(name: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(name);
}

/**
 * The known name closest to `name` when it is a near miss: at most 2 edits (3 for names of 12 or more characters),
 * or the same name in other case. Undefined when nothing is that close.
 */
export function nearMiss(name: string, known: readonly string[]): string | undefined {
  const limit = name.length >= 12 ? 3 : 2;
  const scored = known
    .map((k) => ({ k, d: k.toLowerCase() === name.toLowerCase() ? 0 : editDistance(k, name) }))
    .filter(({ k, d }) => k !== name && d <= limit)
    .sort((x, y) => x.d - y.d);
  return scored[0]?.k;
}
