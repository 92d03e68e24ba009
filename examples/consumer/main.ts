// A team's own Databricks sandbox, built only from the published constructs (`databricks-aws-cdktf`), composed its
// own way: one stack, its own names and tags, a small VPC over three AZs with a NAT gateway in each, rejected
// traffic logged, no PrivateLink, and a monthly cost budget the library does not have.
import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  CrossAccountRole, DatabricksWorkspace, databricksAccountProvider, DeploymentContext, RootBucket, tagProblems, throwIfProblems, WorkspaceVpc,
} from "databricks-aws-cdktf";

/** Everything this team decides. The ids are placeholders: put in your own. */
export const SANDBOX = {
  prefix: "acme-analytics-sbx",
  region: "eu-central-1",
  availabilityZones: ["eu-central-1a", "eu-central-1b", "eu-central-1c"],
  awsAccountId: "111122223333",
  databricksAccountId: "0a1b2c3d-0000-4000-8000-000000000000",
  vpcCidr: "172.20.0.0/20",
  tags: { Environment: "sandbox", Owner: "analytics-team", CostCenter: "cc-4242", Project: "acme-analytics", ManagedBy: "cdktf" },
  monthlyBudgetUsd: 500,
  budgetEmails: ["analytics-team@example.com"],
};

export class SandboxStack extends TerraformStack {
  constructor(scope: Construct, id: string, s = SANDBOX) {
    super(scope, id);
    // The library's own tag rules (required keys, AWS limits) on this team's tags, before anything is built.
    throwIfProblems("SANDBOX", tagProblems(s.tags));

    new AwsProvider(this, "aws", { region: s.region, allowedAccountIds: [s.awsAccountId], defaultTags: [{ tags: s.tags }] });
    new TimeProvider(this, "time"); // DatabricksWorkspace waits for IAM propagation with a time_sleep
    const accountProvider = databricksAccountProvider(this, { region: s.region, databricksAccountId: s.databricksAccountId });
    // What every construct of this stack shares; each finds it with DeploymentContext.of(this).
    new DeploymentContext(this, {
      resourcePrefix: s.prefix, region: s.region, awsAccountId: s.awsAccountId, databricksAccountId: s.databricksAccountId,
      tags: s.tags, accountProvider,
    });

    const network = new WorkspaceVpc(this, "network", {
      availabilityZones: s.availabilityZones, vpcCidr: s.vpcCidr, privateSubnetNetmask: 22, natGateways: "perAz",
      flowLogs: { retentionInDays: 14, trafficType: "REJECT" },
    });
    const role = new CrossAccountRole(this, "cross-account-role", {
      networkMode: "customer-managed", vpcId: network.vpcId, securityGroupIds: network.securityGroupIds,
    });
    const rootBucket = new RootBucket(this, "root-bucket", {
      rootBucketName: `${s.prefix}-${s.awsAccountId}-dbfs`,
      forceDestroy: true, // a sandbox: `terraform destroy` may empty it
    });
    const workspace = new DatabricksWorkspace(this, "workspace", { crossAccountRole: role, rootBucket, network, roleWaitSeconds: 60 });

    // This team's own addition: a monthly budget on its cost-center tag, mailed at 80 % of the forecast.
    new BudgetsBudget(this, "budget", {
      name: `${s.prefix}-monthly`, budgetType: "COST", timeUnit: "MONTHLY",
      limitAmount: String(s.monthlyBudgetUsd), limitUnit: "USD",
      costFilter: [{ name: "TagKeyValue", values: [`user:CostCenter$${s.tags.CostCenter}`] }],
      notification: [{
        comparisonOperator: "GREATER_THAN", threshold: 80, thresholdType: "PERCENTAGE", notificationType: "FORECASTED",
        subscriberEmailAddresses: s.budgetEmails,
      }],
    });

    new TerraformOutput(this, "workspace_url", { value: workspace.workspaceUrl, staticId: true });
    new TerraformOutput(this, "vpc_id", { value: network.vpcId, staticId: true });
  }
}

const app = new App();
new SandboxStack(app, "analytics-sandbox");
app.synth();
