import { GuardrailRule, nonCompliant } from "../rule";

/** No `databricks_system_schema`: Databricks enables system schemas itself, and the provider cannot keep them in state. */
export const noSystemSchema: GuardrailRule = {
  id: "DBX-UC2",
  condition: "No databricks_system_schema is declared",
  explanation:
    "Databricks enables the system schemas itself (state MANAGED). The provider keeps a databricks_system_schema in state " +
    "only for ENABLE_COMPLETED, ENABLE_INITIALIZED or UNAVAILABLE (databricks/terraform-provider-databricks " +
    "catalog/resource_system_schema.go, Read, v1.99.0 to v1.128.0), so the apply ends with \"Provider produced inconsistent " +
    "result after apply ... Root object was present, but now absent\" (provider issues #4874, #5878; the SRA removed its " +
    "module: databricks/terraform-databricks-sra#209).",
  fix: "Remove the databricks_system_schema and keep only the grants on system.<schema> (SystemTables, systemTables.readers)",
  level: "error",
  appliesTo: ["databricks_system_schema"],
  check: (block) => nonCompliant([`declares system schema ${JSON.stringify(block.config.schema)}`]),
};
