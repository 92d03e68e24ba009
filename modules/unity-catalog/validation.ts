import { Token } from "cdktf";
import { bucketNameProblems } from "../core/bucket-name";
import type { ContextValues } from "../core/context";
import type { Problem } from "../core/problems";
import { groupDisplayNameProblem, looksLikeUserName } from "../core/principals";
import {
  CATALOG_PRIVILEGES, EXTERNAL_LOCATION_PRIVILEGES, PrivilegeGrant, RESERVED_CATALOG_NAMES,
  SCHEMA_PRIVILEGES, UC_NAME_PATTERN, WorkspaceCatalogProps, defaultCatalogBucketName,
} from "./props";
import { isRecord, listOf } from "../core/shape";

/**
 * Problems with a group reference (a display name): what Databricks refuses (modules/core/principals.ts), and a
 * user's e-mail address (this project grants to groups, so access follows group membership).
 */
export function groupNameProblems(name: string, path: string): Problem[] {
  const bad = groupDisplayNameProblem(name);
  if (bad) return [{ path, value: name, message: bad }];
  if (typeof name === "string" && looksLikeUserName(name)) {
    return [{ path, value: name, message: "is a user's e-mail address: grant to groups from your identity provider, so access follows group membership" }];
  }
  return [];
}

/** Problems with a catalog or schema name. */
export function ucNameProblems(name: string, path: string, what: "catalog" | "schema"): Problem[] {
  if (Token.isUnresolved(name)) return [];
  if (!UC_NAME_PATTERN.test(name)) {
    return [{ path, value: name, message: `must be a ${what} name Databricks accepts without quoting: lowercase letters, digits and _, starting with a letter, at most 255 (Databricks rejects . / spaces, lowercases names, and needs backquotes around -)` }];
  }
  if (what === "catalog" && RESERVED_CATALOG_NAMES.includes(name)) {
    return [{ path, value: name, message: `is reserved by Databricks (${RESERVED_CATALOG_NAMES.join(", ")}); pick another catalog name` }];
  }
  return [];
}

/** Problems with a list of grants on one securable: group names, privileges, duplicates. */
export function grantProblems(grants: readonly PrivilegeGrant[], allowed: readonly string[], path: string, securable: string): Problem[] {
  const problems: Problem[] = [];
  listOf(grants).forEach((g, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(g)) return; // the schema reports it
    problems.push(...groupNameProblems(g.principal, `${at}.principal`));
    if (grants.findIndex((h) => isRecord(h) && h.principal === g.principal) !== i) {
      problems.push({ path: `${at}.principal`, value: g.principal, message: "is granted twice on this securable; merge its privileges into one entry" });
    }
    if (Array.isArray(g.privileges) && g.privileges.length === 0) problems.push({ path: `${at}.privileges`, value: [], message: "must list at least one privilege" });
    listOf(g.privileges).forEach((p, j) => {
      if (!allowed.includes(p)) {
        problems.push({ path: `${at}.privileges[${j}]`, value: p, message: `is not a privilege of a ${securable}; allowed: ${allowed.join(", ")}` });
      } else if (g.privileges.indexOf(p) !== j) {
        problems.push({ path: `${at}.privileges[${j}]`, value: p, message: "is listed twice" });
      }
    });
  });
  return problems;
}

/** Every problem with the props of a {@link WorkspaceCatalog} (paths relative to the props). */
export function workspaceCatalogProblems(props: WorkspaceCatalogProps, ctx: Pick<ContextValues, "resourcePrefix" | "awsAccountId">): Problem[] {
  const problems = ucNameProblems(props.catalogName, "catalogName", "catalog");
  const bucket = props.bucketName ?? defaultCatalogBucketName(ctx);
  if (!Token.isUnresolved(bucket)) problems.push(...bucketNameProblems(bucket, "bucketName"));
  const schemas = props.schemas ?? ["raw"];
  schemas.forEach((s, i) => {
    problems.push(...ucNameProblems(s, `schemas[${i}]`, "schema"));
    if (s === "information_schema" || s === "default") {
      problems.push({ path: `schemas[${i}]`, value: s, message: "is created by Databricks in every catalog; remove it from schemas" });
    }
    if (schemas.indexOf(s) !== i) problems.push({ path: `schemas[${i}]`, value: s, message: "is listed twice" });
  });
  const grants = props.grants ?? {};
  problems.push(...grantProblems(grants.catalog ?? [], CATALOG_PRIVILEGES, "grants.catalog", "catalog"));
  problems.push(...grantProblems(grants.externalLocation ?? [], EXTERNAL_LOCATION_PRIVILEGES, "grants.externalLocation", "external location"));
  for (const [schema, list] of Object.entries(grants.schemas ?? {})) {
    if (!schemas.includes(schema)) {
      problems.push({ path: `grants.schemas.${schema}`, value: schema, message: `is not a schema of the catalog; schemas: ${schemas.join(", ")}` });
    }
    problems.push(...grantProblems(list, SCHEMA_PRIVILEGES, `grants.schemas.${schema}`, "schema"));
  }
  if (props.keyAdminArns !== undefined && !props.customerManagedKey) {
    problems.push({ path: "keyAdminArns", value: props.keyAdminArns, message: "is used only with customerManagedKey: true" });
  }
  if (props.defaultStorage) {
    const own = "with defaultStorage the catalog has no bucket, key or external location of its own";
    if (props.bucketName !== undefined) problems.push({ path: "bucketName", value: props.bucketName, message: `must not be set: ${own}` });
    if (props.customerManagedKey) problems.push({ path: "customerManagedKey", value: true, message: `must not be set: ${own}` });
    if (grants.externalLocation?.length) problems.push({ path: "grants.externalLocation", value: "(set)", message: `must not be set: ${own}` });
  }
  return problems;
}
