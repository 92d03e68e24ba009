// The construct library's public API (package entry point), by name: the deployment context, every construct with
// its props, the validators a consumer needs to check its own config the way the constructs do, and the guardrail
// pack. Everything else (policy action lists, rule internals, constants a construct uses for itself) stays internal.
// Stacks and environments are not part of it.

// Kernel: the deployment context, problems, ids, tags, policies.
export { DeploymentContext, defaultResourcePrefix, deploymentContextProblems, resourcePrefixProblems } from "./core/context";
export type { ContextValues, DeploymentContextProps } from "./core/context";
export { formatProblem, throwIfProblems, underPath, ValidationError } from "./core/problems";
export type { Problem } from "./core/problems";
export { partitionOf, regionInfo, REGIONS, SUPPORTED_REGIONS } from "./core/constants";
export type { Partition, PartitionConstants, RegionInfo } from "./core/constants";
export { awsAccountIdProblems, awsResourceIdProblems, databricksAccountIdProblems, regionProblems } from "./core/ids";
export { REQUIRED_TAGS, TAG_LIMITS, tagProblems } from "./core/tags";
export { bucketNameProblems } from "./core/bucket-name";
export { BINDINGS_VERSIONS, pinProviderVersions, providerVersionProblems } from "./core/provider-versions";
export type { ProviderVersions } from "./core/provider-versions";
export { policyDocument, renderPolicy } from "./core/policy";
export type { Condition, PolicyDocument, PolicyStatement, Principal } from "./core/policy";

// Network.
export { DataSourceConnectivity, ExistingNetwork, PrivateSubnetNacl, VpcFlowLogs, WorkspaceVpc, connectivityProblems } from "./network";
export type {
  DataSourceConnectivityProps, ExistingNetworkProps, FlowLogsProps, IWorkspaceNetwork, NatGatewayLayout, PeeringConnectionProps,
  PrivateLinkSubnetsProps, PrivateSubnetNaclProps, TransitGatewayAttachmentProps, VpcFlowLogsProps, WorkspaceVpcProps,
} from "./network";
export { existingNetworkProblems, workspaceVpcProblems } from "./network/validation";
export { EGRESS_MODES, endpointAllowListProblems, egressProblems } from "./network";
export type { EgressMode, EndpointAllowLists } from "./network";
export type { SubnetLayout } from "./network/validation";

// PrivateLink.
export {
  BackendPrivateLink, FrontendPrivateLink, PRIVATELINK_REGIONS, PrivateAccessSettings, backendPrivateLinkProblems,
  frontendPrivateLinkProblems, privateAccessSettingsProblems, privateLinkProblems, privateLinkServices,
} from "./privatelink";
export type { BackendPrivateLinkProps, FrontendPrivateLinkProps, PrivateAccessLevel, PrivateAccessSettingsProps, PrivateLinkServices } from "./privatelink";
export { RegisteredBackendEndpoints, existingPrivateLinkProblems } from "./privatelink";
export type { BackendEndpointPair, ExistingNetworkPrivateLinkProps, IBackendEndpoints, RegisteredBackendEndpointsProps } from "./privatelink";

// Serverless egress: network policy, network connectivity configuration, private endpoint rules, the customer side.
export { CustomerEndpointService, ServerlessEgress, endpointServiceProblems, serverlessEgressProblems, serverlessPrivateConnectivityRole } from "./serverless";
export type {
  CustomerEndpointServiceConfig, CustomerEndpointServiceProps, EndpointServiceRule, ServerlessEgressProps, ServerlessEgressTarget,
} from "./serverless";

// Spend and security alerts: budgets, the serverless budget policy, alerts on the audit log system table.
export { EnvironmentBudget, environmentBudgetProblems } from "./cost";
export type { EnvironmentBudgetProps, EnvironmentBudgetTarget } from "./cost";
export { AUDIT_ALERTS, SecurityAlerts, securityAlertsProblems } from "./security-alerts";
export type { AuditAlertDefinition, AuditAlertQuery, SecurityAlertsProps, SecurityAlertsTarget } from "./security-alerts";

// IAM, keys, storage, state.
export { CrossAccountRole, crossAccountRoleProblems } from "./iam";
export type { CrossAccountRoleProps, WorkspaceNetworkMode } from "./iam";
export { WorkspaceKeys, keyAdminProblems, workspaceKeysProblems } from "./keys";
export type { CustomerManagedKeyUseCase, WorkspaceKeysProps } from "./keys";
export { RootBucket, defaultRootBucketName, rootBucketProblems } from "./storage";
export type { RootBucketProps } from "./storage";
export { StateBucket, stateBucketProblems } from "./state";
export type { StateBucketProps } from "./state";

// The workspace and the Account API.
export { DatabricksWorkspace, computeModeProblems, databricksAccountProvider, workspaceProblems } from "./workspace";
export type { DatabricksAccountProviderProps, DatabricksWorkspaceProps, PricingTier } from "./workspace";

// Monitoring and log delivery.
export { LogDelivery, logDeliveryProblems } from "./logging";
export type { LogDeliveryConfigProps, LogDeliveryProps, LogDeliveryStatus, LogType } from "./logging";
export { RoleActivityMonitoring, roleActivityProblems } from "./monitoring";
export type { RoleActivityMonitoringProps, RoleActivityTrail } from "./monitoring";

// Inside the workspace: settings, policies, data access, the Kinesis → Delta job.
export { ClusterPolicies, WorkspaceSettings, clusterPoliciesProblems, clusterTagProblems, workspaceSettingsProblems } from "./workspace-config";
export type { ClusterPoliciesProps, ClusterPolicySettings, IpAccessListsSettings, JobPolicySettings, WorkspaceHardeningSettings, WorkspaceSettingsProps } from "./workspace-config";
export { DataAccess, dataAccessProblems } from "./data-access";
export type { DataAccessProps } from "./data-access";
export { KinesisToDeltaJob, kinesisToDeltaProblems } from "./pipeline";
export type { JobSchedule, KinesisToDeltaJobProps, UnityCatalogTarget } from "./pipeline";

// A governed workspace: Unity Catalog, identities, security settings, system tables.
export {
  AccountUnityCatalog, KinesisServiceCredential, SystemTables, WorkspaceCatalog, WorkspaceMetastoreAssignment, accountUnityCatalogProblems, grantProblems,
  kinesisServiceCredentialProblems,
  groupNameProblems, systemTablesProblems, workspaceCatalogProblems, CATALOG_PRIVILEGES, EXTERNAL_LOCATION_PRIVILEGES, SCHEMA_PRIVILEGES, SYSTEM_SCHEMAS,
} from "./unity-catalog";
export type {
  AccountUnityCatalogProps, CatalogGrants, KinesisServiceCredentialProps, CatalogPrivilege, ExternalLocationPrivilege, MetastoreChoice, PrivilegeGrant, SchemaPrivilege,
  SystemSchemaName, SystemTablesProps, WorkspaceCatalogProps,
} from "./unity-catalog";
export { WorkspaceIdentities, workspaceIdentitiesProblems } from "./identity";
export type { WorkspaceGroup, WorkspaceIdentitiesProps, WorkspacePermission } from "./identity";
export { WorkspaceSecurity, securityTierProblems, workspaceSecurityProblems, COMPLIANCE_STANDARDS } from "./workspace-security";
export type { ComplianceStandard, MaintenanceWindow, WorkspaceSecurityProps } from "./workspace-security";

// Guardrails: the rule pack, suppressions, the synth report, and what a custom rule is made of.
export {
  Compliance, DATABRICKS_RULES, DatabricksGuardrails, Guardrails, isProductionEnvironment, nonCompliant, synthReport,
} from "./guardrails";
export type {
  DatabricksGuardrailsProps, FindingLevel, GuardrailFinding, GuardrailRule, GuardrailSuppression, NonCompliance, ProductionSignals,
  RuleContext, RuleLevel, RuleResult, SynthReport, TerraformBlock,
} from "./guardrails";
