import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import { Environment } from "../environments/schema";

/** What the shared provider and backend setup needs: an environment or the account-level config. */
export type DeploymentConfig = Pick<Environment, "name" | "region" | "awsAccountId" | "tags" | "awsAssumeRoleArn" | "state">;

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
