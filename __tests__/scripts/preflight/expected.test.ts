// What the preflight derives from a config: the counts the network stack adds and the names the stacks use.
import { expected } from "../../../scripts/preflight/config-entry";
import { loadEnvironments } from "../../../environments";
import { dev } from "../../../environments/dev";
import { poc } from "../../../environments/poc";
import { prod } from "../../../environments/prod";

const [devEnv, pocEnv, prodEnv] = loadEnvironments([dev, poc, prod]);

test("NAT gateways and EIPs as WorkspaceVpc creates them: one for single, one per AZ for perAz, none isolated", () => {
  expect(expected(devEnv).vpc).toEqual({ vpcs: 1, internetGateways: 1, natZones: ["us-east-1a"], eips: 1 });
  const perAz = loadEnvironments([{ ...poc, network: { ...poc.network, natGateways: "perAz" } as never }])[0];
  expect(expected(perAz).vpc).toEqual({ vpcs: 1, internetGateways: 1, natZones: ["us-east-1a", "us-east-1b"], eips: 2 });
  expect(expected(prodEnv).vpc).toEqual({ vpcs: 1, internetGateways: 0, natZones: [], eips: 0 });
});

test("groups looked up: assigned and granted ones, not built-in groups, not the pipeline service principal", () => {
  expect(expected(pocEnv).existingGroups).toEqual(["data-engineers", "databricks-admins"]);
  expect(expected(prodEnv).existingGroups).toEqual(["data-analysts", "data-engineers", "databricks-admins", "finops"]);
  expect(expected(prodEnv).addOnSettings).toEqual(["security.enhancedSecurityMonitoring", "security.automaticClusterUpdate"]);
});

test("names as the modules give them", () => {
  expect(expected(devEnv)).toMatchObject({
    workspaceName: "databricks-dev", pipelineServicePrincipal: "databricks-dev-pipeline", jobPolicyName: "databricks-dev jobs",
    jobName: "databricks-dev kinesis to delta", catalogName: "dev", storageCredentialName: "databricks-dev-catalog",
    externalLocationName: "databricks-dev-catalog", serviceCredentialName: "databricks-dev-kinesis",
  });
});
