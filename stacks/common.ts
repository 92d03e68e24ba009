import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import { Environment } from "../environments/schema";
import { defaultResourcePrefix, DeploymentContext } from "../modules/core/context";

/** What the shared provider and backend setup needs: an environment or the account-level config. */
export type DeploymentConfig = Pick<Environment, "name" | "region" | "awsAccountId" | "tags" | "awsAssumeRoleArn" | "state" | "providerVersions">;

/** What a stack's deployment context is made of: an environment or the account-level config. */
export type ContextConfig = Pick<Environment, "name" | "resourcePrefix" | "region" | "awsAccountId" | "databricksAccountId" | "tags" | "protectData">;

/**
 * The stack's deployment context (modules/core): every construct of the stack reads prefix, region, accounts, tags,
 * data protection and providers from it. `region` overrides the config's (the state stack lives in the state region).
 */
export function deploymentContext(
  stack: TerraformStack, config: ContextConfig,
  extra: { region?: string; accountProvider?: DatabricksProvider; workspaceProvider?: DatabricksProvider } = {},
): DeploymentContext {
  return new DeploymentContext(stack, {
    resourcePrefix: config.resourcePrefix ?? defaultResourcePrefix(config.name),
    region: extra.region ?? config.region,
    awsAccountId: config.awsAccountId,
    databricksAccountId: config.databricksAccountId,
    tags: config.tags,
    protectData: config.protectData,
    accountProvider: extra.accountProvider,
    workspaceProvider: extra.workspaceProvider,
  });
}

/**
 * The AWS provider every stack of an environment uses. Credentials come from the environment at plan time
 * (AWS_PROFILE, SSO, OIDC...), never from here. allowed_account_ids stops a plan against the wrong account
 * (dev config, prod credentials); default_tags tag every taggable resource.
 */
export function awsProvider(stack: TerraformStack, env: DeploymentConfig, region = env.region): AwsProvider {
  return new AwsProvider(stack, "aws", {
    region,
    allowedAccountIds: [env.awsAccountId],
    defaultTags: [{ tags: env.tags }],
    assumeRole: env.awsAssumeRoleArn ? [{ roleArn: env.awsAssumeRoleArn, sessionName: `cdktf-${stack.node.id}` }] : undefined,
  });
}

/** Local state file in the project root (relative, so cdk.tf.json is the same on every machine). */
export function localBackend(stack: TerraformStack): void {
  new LocalBackend(stack, { path: `../../../terraform.${stack.node.id}.tfstate` });
}

/**
 * The environment's backend: local by default; with `state.backend = "s3"`, key `<env>/<stack>.tfstate`,
 * encrypted, locked with S3-native lock files (`use_lockfile`, Terraform >= 1.10; cdktf 0.21 has no typed prop).
 */
export function environmentBackend(stack: TerraformStack, env: DeploymentConfig): void {
  const state = env.state;
  if (state?.backend !== "s3") return localBackend(stack);
  new S3Backend(stack, { bucket: state.bucket, key: `${env.name}/${stack.node.id}.tfstate`, region: state.region ?? env.region, encrypt: true });
  stack.addOverride("terraform.backend.s3.use_lockfile", true);
}
