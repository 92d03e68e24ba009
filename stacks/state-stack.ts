import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { pinProviderVersions } from "../modules/core/provider-versions";
import { StateBucket } from "../modules/state";
import { awsProvider, ContextConfig, DeploymentConfig, deploymentContext, localBackend } from "./common";

export function stateStackId(env: Pick<DeploymentConfig, "name">): string {
  return `${env.name}-state`;
}

/**
 * Bootstrap: the bucket the environment's other stacks keep their state in. Its own state is local (it cannot
 * live in the bucket it creates); `cdktf deploy '<env>-*'` deploys it first because the other stacks depend on it.
 */
export class StateStack extends TerraformStack {
  public readonly stateBucket: StateBucket;

  constructor(scope: Construct, env: DeploymentConfig & ContextConfig & { state: { backend: "s3"; bucket: string; region?: string } }) {
    super(scope, stateStackId(env));
    const region = env.state.region ?? env.region;
    awsProvider(this, env, region);
    localBackend(this);
    pinProviderVersions(this, env.providerVersions);
    deploymentContext(this, env, { region });
    this.stateBucket = new StateBucket(this, "state-bucket", { bucketName: env.state.bucket });
    new TerraformOutput(this, "state_bucket_name", { value: this.stateBucket.bucketName, description: "Terraform state bucket", staticId: true });
  }
}
