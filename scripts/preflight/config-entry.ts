// The preflight's view of the config: the same loader as the synth (environments/), bundled on its own by
// ./config.js into dist/preflight-config.js, plus what the stacks will create, named as the modules name it.
import { loadConfig } from "../../environments";
import type { AccountConfig } from "../../environments/account-schema";
import type { Environment } from "../../environments/schema";
import { defaultResourcePrefix } from "../../modules/core/context";
import { NETWORK_DEFAULTS } from "../../modules/network/props";
import { KINESIS_CREDENTIAL_SUFFIX } from "../../modules/unity-catalog/service-credential";

export { loadConfig };

/** What one environment's stacks create or expect, for the checks (names as modules/ give them). */
export interface Expected {
  readonly resourcePrefix: string;
  readonly workspaceName: string;
  /** Created VPC: how many of each the network stack adds (modules/network/workspace-vpc.ts). */
  readonly vpc?: { readonly vpcs: number; readonly internetGateways: number; readonly natZones: readonly string[]; readonly eips: number };
  /** Account groups the environment expects to exist (not created by it), and the principals its grants name. */
  readonly existingGroups: readonly string[];
  readonly grantPrincipals: readonly string[];
  readonly metastoreId?: string;
  readonly pipelineServicePrincipal?: string;
  readonly jobPolicyName?: string;
  readonly jobName?: string;
  readonly catalogName?: string;
  readonly storageCredentialName?: string;
  readonly externalLocationName?: string;
  readonly serviceCredentialName?: string;
  /** Settings that need the Enhanced Security and Compliance add-on. */
  readonly addOnSettings: readonly string[];
}

/** Built-in workspace groups: never looked up in the account. */
const BUILT_IN_GROUPS = ["users", "admins", "account users"];

export function expected(env: Environment, account?: AccountConfig): Expected {
  const prefix = env.resourcePrefix ?? defaultResourcePrefix(env.name);
  const net = env.network;
  let vpc: Expected["vpc"];
  if (net?.mode === "create") {
    const zones = net.availabilityZones;
    const isolated = net.egress === "isolated";
    // As WorkspaceVpc does: no NAT when isolated, one per AZ for "perAz", else one in the first AZ; one EIP each.
    const natZones = isolated ? [] : (net.natGateways ?? NETWORK_DEFAULTS.natGateways) === "perAz" ? zones : zones.slice(0, 1);
    vpc = { vpcs: 1, internetGateways: isolated ? 0 : 1, natZones, eips: natZones.length };
  }
  const groups = env.identities?.groups ?? [];
  const created = new Set(groups.filter((g) => g.create).map((g) => g.name));
  const uc = env.unityCatalog;
  const wc = env.workspaceConfig;
  const grantPrincipals = [
    ...(uc?.grants?.catalog ?? []).map((g) => g.principal),
    ...Object.values(uc?.grants?.schemas ?? {}).flatMap((l) => l.map((g) => g.principal)),
    ...(uc?.grants?.externalLocation ?? []).map((g) => g.principal),
    ...(env.systemTables?.readers ?? []),
    ...(wc?.clusterPolicy?.users ?? []),
    ...(wc?.jobPolicy?.users ?? []),
  ];
  const sp = env.identities?.servicePrincipal ?? true;
  const pipelineSp = `${prefix}-pipeline`;
  const lookedUp = [...groups.map((g) => g.name), ...grantPrincipals]
    .filter((n) => !created.has(n) && !BUILT_IN_GROUPS.includes(n) && n !== pipelineSp);
  const sec = env.security;
  const addOnSettings = [
    ...(sec?.enhancedSecurityMonitoring ? ["security.enhancedSecurityMonitoring"] : []),
    ...(sec?.complianceSecurityProfile ? ["security.complianceSecurityProfile"] : []),
    ...(sec?.automaticClusterUpdate ? ["security.automaticClusterUpdate"] : []),
  ];
  const metastore = account?.unityCatalog?.metastore;
  return {
    resourcePrefix: prefix,
    workspaceName: env.workspace?.name ?? prefix,
    vpc,
    existingGroups: [...new Set(lookedUp)].sort(),
    grantPrincipals: [...new Set(grantPrincipals)].sort(),
    metastoreId: metastore && "id" in metastore ? metastore.id : undefined,
    pipelineServicePrincipal: wc && sp ? pipelineSp : undefined,
    jobPolicyName: wc ? `${prefix} jobs` : undefined,
    jobName: wc ? `${prefix} kinesis to delta` : undefined,
    catalogName: uc?.catalogName,
    storageCredentialName: uc ? `${prefix}-catalog` : undefined,
    externalLocationName: uc ? `${prefix}-catalog` : undefined,
    serviceCredentialName: wc ? `${prefix}${KINESIS_CREDENTIAL_SUFFIX}` : undefined,
    addOnSettings,
  };
}
