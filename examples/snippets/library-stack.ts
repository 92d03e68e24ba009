import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { App, TerraformStack } from "cdktf";
import { CrossAccountRole, DatabricksWorkspace, databricksAccountProvider, DeploymentContext, RootBucket, WorkspaceVpc } from "databricks-aws-cdktf";

const [region, awsAccountId, databricksAccountId] = ["eu-west-1", "111122223333", "0a1b2c3d-0000-4000-8000-000000000000"];
const tags = { Environment: "dev", Owner: "data-platform", CostCenter: "cc-1234", Project: "lakehouse", ManagedBy: "cdktf" };
const app = new App();
const stack = new TerraformStack(app, "databricks-dev");
new AwsProvider(stack, "aws", { region, allowedAccountIds: [awsAccountId], defaultTags: [{ tags }] });
new TimeProvider(stack, "time"); // DatabricksWorkspace waits for IAM propagation with a time_sleep
const accountProvider = databricksAccountProvider(stack, { region, databricksAccountId });
// Once per stack: prefix, region, accounts, tags (requiredTags checks them), providers. Constructs find it with DeploymentContext.of(this).
new DeploymentContext(stack, { resourcePrefix: "acme-dbx", region, awsAccountId, databricksAccountId, tags, accountProvider });
const network = new WorkspaceVpc(stack, "network", { availabilityZones: ["eu-west-1a", "eu-west-1b"], vpcCidr: "10.0.0.0/20", privateSubnetNetmask: 22 });
const crossAccountRole = new CrossAccountRole(stack, "cross-account-role", { networkMode: "customer-managed", vpcId: network.vpcId, securityGroupIds: network.securityGroupIds });
new DatabricksWorkspace(stack, "workspace", { crossAccountRole, rootBucket: new RootBucket(stack, "root-bucket"), network });
app.synth();
