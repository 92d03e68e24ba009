// Compile-time proof that each config section is its construct's props under the same names: `tsc` (npm test) fails
// when a section has a field its construct doesn't, or a type the construct can't take. No runtime code.
import type { ClusterPoliciesProps, WorkspaceSettingsProps } from "../modules/workspace-config";
import type { DataAccessProps } from "../modules/data-access";
import type { KinesisToDeltaJobProps } from "../modules/pipeline";
import type { DataSourceConnectivityProps, ExistingNetworkProps, WorkspaceVpcProps } from "../modules/network";
import type { DatabricksWorkspaceProps } from "../modules/workspace";
import type { LogDeliveryProps } from "../modules/logging";
import type { RoleActivityMonitoringProps } from "../modules/monitoring";
import type { RootBucketProps } from "../modules/storage";
import type { WorkspaceKeysProps } from "../modules/keys";
import type { DeploymentContextProps } from "../modules/core/context";
import type { AccountUnityCatalogProps, SystemTablesProps, WorkspaceCatalogProps } from "../modules/unity-catalog";
import type { WorkspaceIdentitiesProps } from "../modules/identity";
import type { WorkspaceSecurityProps } from "../modules/workspace-security";
import type { ServerlessEgressProps } from "../modules/serverless";
import type { EnvironmentBudgetProps } from "../modules/cost";
import type { SecurityAlertsProps } from "../modules/security-alerts";
import type { AccountConfig } from "./account-schema";
import type { Environment } from "./schema";

/** `true` when every field of `Section` is a field of `Props` and the section fits the props. */
type SameNames<Section, Props> = [Exclude<keyof Section, keyof Props>] extends [never] ? (Section extends Props ? true : false) : false;
type Holds<T extends true> = T;

type Created = Extract<NonNullable<Environment["network"]>, { mode: "create" }>;
type WorkspaceConfig = NonNullable<Environment["workspaceConfig"]>;

export type SectionsMatchProps = [
  // Top-level fields that make the context: the same names as DeploymentContextProps.
  Holds<SameNames<Required<Pick<Environment, "resourcePrefix" | "region" | "awsAccountId" | "databricksAccountId" | "tags" | "protectData">>, DeploymentContextProps>>,
  Holds<SameNames<Omit<Created, "mode" | "peerings" | "transitGateways">, WorkspaceVpcProps>>,
  Holds<SameNames<Pick<Created, "vpcCidr" | "peerings" | "transitGateways">, Partial<DataSourceConnectivityProps>>>,
  Holds<SameNames<Omit<Extract<NonNullable<Environment["network"]>, { mode: "existing" }>, "mode">, ExistingNetworkProps>>,
  Holds<SameNames<NonNullable<Environment["workspace"]>, Partial<DatabricksWorkspaceProps>>>,
  Holds<SameNames<NonNullable<Environment["storage"]>, RootBucketProps>>,
  Holds<SameNames<NonNullable<Environment["customerManagedKeys"]>, WorkspaceKeysProps>>,
  Holds<SameNames<NonNullable<NonNullable<Environment["monitoring"]>["roleActivity"]>, Partial<RoleActivityMonitoringProps>>>,
  Holds<SameNames<Pick<WorkspaceConfig, "ipAccessLists" | "maxTokenLifetimeDays" | "hardening">, WorkspaceSettingsProps>>,
  Holds<SameNames<Required<Pick<WorkspaceConfig, "clusterPolicy" | "jobPolicy">> & Pick<WorkspaceConfig, "sparkVersion">, ClusterPoliciesProps>>,
  Holds<SameNames<NonNullable<WorkspaceConfig["pipeline"]>, Partial<KinesisToDeltaJobProps>>>,
  Holds<SameNames<NonNullable<WorkspaceConfig["dataAccess"]>, DataAccessProps>>,
  Holds<SameNames<NonNullable<AccountConfig["logDelivery"]>, LogDeliveryProps>>,
  Holds<SameNames<NonNullable<Environment["unityCatalog"]>, WorkspaceCatalogProps>>,
  Holds<SameNames<NonNullable<Environment["identities"]>, Partial<WorkspaceIdentitiesProps>>>,
  Holds<SameNames<NonNullable<Environment["security"]>, WorkspaceSecurityProps>>,
  Holds<SameNames<NonNullable<Environment["systemTables"]>, SystemTablesProps>>,
  Holds<SameNames<NonNullable<AccountConfig["unityCatalog"]>, AccountUnityCatalogProps>>,
  Holds<SameNames<NonNullable<Environment["serverlessEgress"]>, ServerlessEgressProps>>,
  Holds<SameNames<NonNullable<Environment["budget"]>, EnvironmentBudgetProps>>,
  Holds<SameNames<NonNullable<Environment["securityAlerts"]>, SecurityAlertsProps>>,
];
