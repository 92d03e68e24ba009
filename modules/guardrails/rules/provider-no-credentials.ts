import { Compliance, GuardrailRule, nonCompliant, TerraformConfig } from "../rule";

/**
 * Provider arguments that hold a secret: aws access_key, secret_key, token, assume_role_with_web_identity's
 * web_identity_token; databricks token, password, client_secret, azure_client_secret, google_credentials... and the
 * same names in any other provider.
 */
export const CREDENTIAL_ARGUMENT = /^(access_key|secret_key|token|password|client_secret|google_credentials|private_key)$|_(token|secret|password|secret_key|private_key)$/;

/** Paths (`token`, `assume_role_with_web_identity[0].web_identity_token`) of credential arguments set in a config. */
function credentialPaths(config: TerraformConfig, allowed: (value: string) => boolean, prefix = ""): string[] {
  return Object.entries(config).flatMap(([key, value]) => {
    if (key === "//") return [];
    const path = `${prefix}${key}`;
    if (Array.isArray(value)) return value.flatMap((v, i) => (v !== null && typeof v === "object" ? credentialPaths(v, allowed, `${path}[${i}].`) : []));
    if (value !== null && typeof value === "object") return credentialPaths(value, allowed, `${path}.`);
    if (!CREDENTIAL_ARGUMENT.test(key) || value === undefined || value === null || value === "") return [];
    return typeof value === "string" && allowed(value) ? [] : [path];
  });
}

/** Provider blocks hold no credentials. */
export const providerNoCredentials: GuardrailRule = {
  id: "DBX-PRV1",
  condition: "Provider blocks hold no credentials (aws access_key/secret_key/token, databricks token/password/client_secret...)",
  explanation:
    "cdk.tf.json is written to disk, kept as a CI artifact and shown in plan reviews; a credential in a provider block " +
    "leaks with it. Credentials come from the environment at plan time (AWS_PROFILE, SSO, OIDC, DATABRICKS_CLIENT_SECRET...).",
  fix: "Remove the argument and supply the credential through the provider's environment variables, or a sensitive Terraform variable (TF_VAR_...)",
  level: "error",
  appliesTo: ["provider.*"],
  check: (provider, context) => {
    // A sensitive variable is read from TF_VAR_<name> at plan time: the value never reaches cdk.tf.json.
    const fromSensitiveVariable = (value: string) => {
      const m = /^\$\{var\.([\w-]+)\}$/.exec(value);
      return m !== null && context.isSensitiveVariable(m[1]);
    };
    const paths = credentialPaths(provider.config, fromSensitiveVariable);
    return paths.length ? nonCompliant(paths.map((p) => `${p} is set in the provider block`)) : Compliance.COMPLIANT;
  },
};
