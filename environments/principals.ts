import { groupDisplayNameProblem, looksLikeUserName, nearMiss } from "../modules/core/principals";
import type { Problem } from "../modules/core/problems";
import { servicePrincipalDisplayName } from "../modules/identity";
import type { Environment } from "./schema";

/** The account group every user of the account is in: Unity Catalog grants may name it without declaring it. */
export const ACCOUNT_USERS = "account users";
/** The workspace group every workspace user is in: workspace permissions (cluster policies) may name it. */
export const WORKSPACE_USERS = "users";

/** Strings of a list that may be anything (the schema reports what is not a list of strings). */
const strings = (list: unknown): Array<[number, string]> =>
  Array.isArray(list) ? list.flatMap((v, i): Array<[number, string]> => (typeof v === "string" ? [[i, v]] : [])) : [];
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Every `(path, principal)` of a list of grants (`[{ principal, privileges }]`). */
function grantPrincipals(list: unknown, path: string): Array<[string, string]> {
  return Array.isArray(list)
    ? list.flatMap((g, i): Array<[string, string]> => (isObject(g) && typeof g.principal === "string" ? [[`${path}[${i}].principal`, g.principal]] : []))
    : [];
}

/**
 * Every principal a grant or permission names must exist when it is applied: a group of `identities.groups`
 * (created, or looked up at plan and assigned to the workspace), a group of `identities.existingGroups` (looked up at
 * plan), or a group Databricks has in every account or workspace. A name that is none of these would synthesize and
 * fail only at apply; a near miss of a known name gets a "did you mean". Names Databricks refuses, e-mail addresses
 * and repeats are reported by the sections' own checks.
 */
export function principalReferenceProblems(env: Environment, resourcePrefix: string): Problem[] {
  const ids: Record<string, unknown> = isObject(env.identities) ? env.identities : {};
  const declared = strings(Array.isArray(ids.groups) ? ids.groups.map((g: unknown) => (isObject(g) ? g.name : undefined)) : []);
  const existing = strings(ids.existingGroups);
  const where = new Map<string, string>([
    ...existing.map(([i, n]): [string, string] => [n, `identities.existingGroups[${i}]`]),
    ...declared.map(([i, n]): [string, string] => [n, `identities.groups[${i}].name`]),
  ]);
  const inWorkspace = new Set(declared.map(([, n]) => n));
  // A declaration Databricks would refuse (e.g. padded with spaces) is reported on its own: references to it are not.
  const badlyDeclared = new Set([...declared, ...existing].filter(([, n]) => groupDisplayNameProblem(n) !== undefined).map(([, n]) => n.trim()));
  const lookedUp = new Set(existing.map(([, n]) => n));
  const servicePrincipal = env.unityCatalog && ids.servicePrincipal !== false ? servicePrincipalDisplayName(resourcePrefix) : undefined;
  const reported = (name: string) => groupDisplayNameProblem(name) !== undefined || looksLikeUserName(name) || badlyDeclared.has(name);
  const hint = (name: string, known: readonly string[]) => {
    const near = nearMiss(name, known);
    return near === undefined ? undefined : `did you mean ${JSON.stringify(near)} (${where.get(near) ?? "built in"})?`;
  };
  const problems: Problem[] = [];

  // Unity Catalog: account-level principals.
  const uc: Record<string, unknown> = isObject(env.unityCatalog) && isObject(env.unityCatalog.grants) ? env.unityCatalog.grants : {};
  const ucRefs: Array<[string, string]> = [
    ...grantPrincipals(uc.catalog, "unityCatalog.grants.catalog"),
    ...(isObject(uc.schemas) ? Object.entries(uc.schemas).flatMap(([s, list]) => grantPrincipals(list, `unityCatalog.grants.schemas.${s}`)) : []),
    ...grantPrincipals(uc.externalLocation, "unityCatalog.grants.externalLocation"),
    ...(isObject(env.systemTables) ? strings(env.systemTables.readers).map(([i, n]): [string, string] => [`systemTables.readers[${i}]`, n]) : []),
  ];
  for (const [path, name] of ucRefs) {
    if (inWorkspace.has(name) || lookedUp.has(name) || name === ACCOUNT_USERS || reported(name)) continue;
    const message = name === servicePrincipal
      ? "is the environment's service principal: the stacks grant it what its job needs, by application id; grants here name groups"
      : name === WORKSPACE_USERS
        ? `is the workspace's built-in group, which Unity Catalog does not know; use ${JSON.stringify(ACCOUNT_USERS)} (every user of the account)`
        : `names no group of this environment; ${hint(name, [...where.keys(), ACCOUNT_USERS])
          ?? `declare it in identities.groups (assigned to the workspace) or identities.existingGroups (an account group, looked up at plan), or use ${JSON.stringify(ACCOUNT_USERS)}`}`;
    problems.push({ path, value: name, message });
  }

  // Cluster policies: workspace permissions, so groups in the workspace.
  const wc: Record<string, unknown> = isObject(env.workspaceConfig) ? env.workspaceConfig : {};
  for (const policy of ["clusterPolicy", "jobPolicy"] as const) {
    const settings = wc[policy];
    for (const [i, name] of strings(isObject(settings) ? settings.users : undefined)) {
      if (inWorkspace.has(name) || name === WORKSPACE_USERS || name === "admins" || reported(name)) continue;
      const message = lookedUp.has(name)
        ? `is in ${where.get(name)}, which is not assigned to the workspace; CAN_USE on a policy needs a workspace group: move it to identities.groups`
        : `names no group of the workspace; ${hint(name, [...inWorkspace, WORKSPACE_USERS])
          ?? `declare it in identities.groups (assigned to the workspace), or use ${JSON.stringify(WORKSPACE_USERS)} (every workspace user)`}`;
      problems.push({ path: `workspaceConfig.${policy}.users[${i}]`, value: name, message });
    }
  }
  return problems;
}
