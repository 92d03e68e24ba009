import { Grant } from "@cdktf/provider-databricks/lib/grant";
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
  /** System schemas the readers may read, besides `billing` (always granted). @default ["access", "compute", "lakeflow", "query", "storage"] */
  readonly schemas?: readonly SystemSchemaName[];
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
      problems.push({ path: `schemas[${i}]`, value: s, message: `must be one of: ${SYSTEM_SCHEMAS.join(", ")} (billing is always granted)` });
    }
  });
  return problems;
}

/**
 * Read access to the system tables: grants only. The system schemas themselves are not declared: Databricks enables
 * them (state `MANAGED`), and provider 1.99.0's `databricks_system_schema` keeps only `ENABLE_COMPLETED`,
 * `ENABLE_INITIALIZED` and `UNAVAILABLE` schemas in state (databricks/terraform-provider-databricks
 * catalog/resource_system_schema.go@v1.99.0, Read; unchanged in v1.128.0), so declaring one fails the apply with
 * "Root object was present, but now absent" (provider issues #4874, #5878; the SRA removed its module:
 * databricks/terraform-databricks-sra#209, PR #210). Guardrail DBX-UC2 rejects the resource.
 *
 * Grants are `databricks_grant` (one principal, not authoritative): the `system` catalog is shared by every
 * workspace of the metastore. The deployer must be a metastore admin to grant on it. Workspace-level provider.
 */
export class SystemTables extends Construct {
  /** Every grant, in order: per reader `USE_CATALOG` on `system`, then `USE_SCHEMA` + `SELECT` on `system.billing` and each schema. */
  public readonly grants: readonly Grant[];

  constructor(scope: Construct, id: string, props: SystemTablesProps) {
    super(scope, id);
    const ctx = DeploymentContext.of(this);
    throwIfProblems(`SystemTables ${this.node.path}`, systemTablesProblems(props));
    const provider = ctx.workspaceProvider(this);
    const names = ["billing", ...(props.schemas ?? DEFAULT_SYSTEM_SCHEMAS)];
    this.grants = props.readers.flatMap((principal) => [
      new Grant(this, `reader-${principal}-catalog`, { provider, catalog: "system", principal, privileges: ["USE_CATALOG"] }),
      ...names.map((schema) => new Grant(this, `reader-${principal}-${schema}`, { provider, schema: `system.${schema}`, principal, privileges: ["USE_SCHEMA", "SELECT"] })),
    ]);
  }
}
