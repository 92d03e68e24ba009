import { createHash } from "crypto";
import { Fn, TerraformResourceLifecycle, Token } from "cdktf";

/**
 * Registrations (`databricks_mws_*` objects a workspace uses) are replaced, never updated: with provider 1.99 every
 * argument of credentials, storage configurations, customer-managed keys, VPC endpoints and networks is ForceNew
 * (databricks/terraform-provider-databricks:mws/resource_mws_credentials.go, resource_mws_storage_configurations.go,
 * resource_mws_customer_managed_keys.go, resource_mws_vpc_endpoint.go, mws.go at v1.99.0: `tf:"force_new"` or no
 * Update). Destroy-then-create would delete an object the workspace still uses (the API refuses, or the workspace
 * loses it), so each is created before the old one is destroyed, and the workspace (or network) switches in place.
 *
 * A new generation needs a new name (credentials and storage configuration names are unique in the account: "Credential
 * configuration name … already exists in this account", databricks/terraform-databricks-sra#148), so the name ends
 * in a hash of the ForceNew key fields: it changes exactly when they do.
 *
 * Existing deployments: the name is ForceNew too, and objects created before this scheme carry the old name
 * (`<base>`). `ignore_changes` on the name keeps them: Terraform then plans no change for the name alone, while a
 * replacement (a key field changed) creates the new object from the configuration, hashed name included (Terraform
 * plans a replacement from the configuration without ignored values: hashicorp/terraform
 * internal/terraform/node_resource_abstract_instance.go, "a new unmarked config … with no ignored values"; checked
 * with Terraform 1.11 on a terraform_data stand-in). A later rename of the base (e.g. the resource prefix) likewise
 * doesn't churn registrations: their names are labels.
 *
 * Terraform makes what a create-before-destroy resource depends on create-before-destroy too (role, bucket, KMS
 * alias, VPC endpoint): they are replaced only when their own names or ids change, so they don't collide either.
 */
export function generationName(base: string, keys: ReadonlyArray<string | readonly string[]>): string {
  const parts = keys.map((k) => (typeof k === "string" ? k : Token.isUnresolved(k) || k.some((x) => Token.isUnresolved(x)) ? Fn.join(",", [...k]) : k.join(",")));
  // Literal keys are hashed here; references (role ARN, bucket, endpoint id) by Terraform at plan time. Both are
  // the first 8 hex digits of sha1(join("|", keys)), lists joined with ",".
  if (!parts.some((p) => Token.isUnresolved(p))) return `${base}-${createHash("sha1").update(parts.join("|")).digest("hex").slice(0, 8)}`;
  return `${base}-${Fn.substr(Fn.sha1(Fn.join("|", parts)), 0, 8)}`;
}

/** The lifecycle of a registration: create the replacement first; keep the name of the generation in place (see above). */
export function registrationLifecycle(nameAttribute?: string): TerraformResourceLifecycle {
  return nameAttribute ? { createBeforeDestroy: true, ignoreChanges: [nameAttribute] } : { createBeforeDestroy: true };
}
