import { Grant } from "@cdktf/provider-databricks/lib/grant";
import { SystemSchema } from "@cdktf/provider-databricks/lib/system-schema";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { Problem, throwIfProblems } from "../core/problems";
import { DEFAULT_SYSTEM_SCHEMAS, SYSTEM_SCHEMAS, SystemSchemaName } from "./props";
import { groupNameProblems } from "./validation";
import { listOf } from "../core/shape";


/** Props of {@link SystemTables}: the environment's `systemTables` section. */
export interface SystemTablesProps {
  /** Groups that may read the system tables (admins, FinOps): `USE_CATALOG` on `system`, `USE_SCHEMA` + `SELECT` on each schema. */
  readonly readers: readonly string[];
  /** Schemas to enable. @default ["access", "compute", "lakeflow", "query", "storage"] */
  readonly schemas?: readonly SystemSchemaName[];
  /** prevent_destroy on the enablements (destroying one disables it for every workspace of the metastore). @default - the context's `protectData` */
  readonly preventDestroy?: boolean;
}


export function systemTablesProblems(props: SystemTablesProps): Problem[] {
  const problems: Problem[] = [];
  const readers = listOf(props.readers);
  if (Array.isArray(props.readers) && readers.length === 0) problems.push({ path: "readers", value: [], message: "must name at least one group (e.g. the admins or FinOps)" });
  readers.forEach((r, i) => {
    problems.push(...groupNameProblems(r, `readers[${i}]`));
    if (readers.indexOf(r) !== i) problems.push({ path: `readers[${i}]`, value: r, message: "is listed twice" });
  });
  (props.schemas ?? []).forEach((s, i) => {
    if (!(SYSTEM_SCHEMAS as readonly string[]).includes(s)) {
      problems.push({ path: `schemas[${i}]`, value: s, message: `must be one of: ${SYSTEM_SCHEMAS.join(", ")} (billing is always on)` });
    }
  });
  return problems;
}

/**
 * System tables: enables the system schemas and grants read to groups. Schemas are metastore-wide: enable them from
 * ONE environment per metastore (the prod example), or destroying another environment would disable them for all.
 * Grants are `databricks_grant` (one principal, not authoritative): the `system` catalog is shared by every
 * workspace of the metastore. Workspace-level provider.
 */
export class SystemTables extends Construct {
  /** The enablements, in the order of `schemas`. */
  public readonly schemas: readonly SystemSchema[];

  constructor(scope: Construct, id: string, props: SystemTablesProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`SystemTables ${this.node.path}`, systemTablesProblems(props));
    const provider = ctx.workspaceProvider(this);
    const lifecycle = (props.preventDestroy ?? ctx.protectData) ? { preventDestroy: true } : undefined;
    const names = props.schemas ?? DEFAULT_SYSTEM_SCHEMAS;
    this.schemas = names.map((schema) => new SystemSchema(this, `schema-${schema}`, { provider, schema, lifecycle }));
    const enabled: Record<string, SystemSchema> = Object.fromEntries(names.map((n, i) => [n, this.schemas[i]]));
    props.readers.forEach((principal) => {
      new Grant(this, `reader-${principal}-catalog`, { provider, catalog: "system", principal, privileges: ["USE_CATALOG"] });
      for (const schema of ["billing", ...names]) {
        new Grant(this, `reader-${principal}-${schema}`, {
          provider, schema: `system.${schema}`, principal, privileges: ["USE_SCHEMA", "SELECT"],
          dependsOn: enabled[schema] ? [enabled[schema]] : undefined,
        });
      }
    });
  }
}
