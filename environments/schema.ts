// zod/mini: the same validator as zod, tree-shaken to ~25 KB in the bundle (classic zod adds ~60 ms to every synth).
import * as z from "zod/mini";
import { SUPPORTED_REGIONS } from "../modules/core/constants";
import { resourcePrefixProblems } from "../modules/core/context";
import { AWS_ACCOUNT_ID, DATABRICKS_ACCOUNT_ID, unknownRegionMessage } from "../modules/core/ids";
import { PRICING_TIERS } from "../modules/workspace/validation";
import { CATALOG_PRIVILEGES, EXTERNAL_LOCATION_PRIVILEGES, SCHEMA_PRIVILEGES, SYSTEM_SCHEMAS } from "../modules/unity-catalog/props";
import { COMPLIANCE_STANDARDS, DAYS_OF_WEEK, MAINTENANCE_FREQUENCIES } from "../modules/workspace-security/props";
import { EGRESS_MODES } from "../modules/network/isolated";

/**
 * The environment config schema: shapes and formats here, network and tag rules in the modules (so a
 * construct used on its own enforces the same rules). `Environment` is derived from it.
 */

/** An object that rejects unknown fields, naming the allowed ones (catches typos like `vpcCIDR`). */
export function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (iss) => (iss.code === "unrecognized_keys" ? `unknown field; allowed fields: ${allowed}` : undefined),
  });
}

export const oneOf = (values: readonly string[]) => ({ error: `must be one of: ${values.join(", ")}` });

const flowLogs = strict({
  /** Send VPC flow logs to CloudWatch Logs. */
  enabled: z.boolean(),
  /** Days to keep them (a CloudWatch Logs retention period). Default 90. */
  retentionInDays: z.optional(z.number()),
  trafficType: z.optional(z.enum(["ACCEPT", "REJECT", "ALL"], oneOf(["ACCEPT", "REJECT", "ALL"]))),
});

const peering = strict({
  name: z.string(),
  peerVpcId: z.string(),
  peerAccountId: z.optional(z.string()),
  peerRegion: z.optional(z.string()),
  cidrs: z.array(z.string()),
});

const transitGateway = strict({ name: z.string(), transitGatewayId: z.string(), cidrs: z.array(z.string()) });

const frontendPrivateLink = strict({
  /** Users' networks allowed to reach the front-end endpoint on 443. */
  clientCidrs: z.array(z.string()),
  /** Keep the workspace reachable from the internet too (IP access lists still apply). */
  publicAccess: z.boolean(),
  /** A Route 53 Resolver inbound endpoint so on-premises DNS can forward the workspace domain. Default false. */
  inboundResolver: z.optional(z.boolean()),
  /** Put the front-end endpoint in this transit VPC instead of the workspace VPC. */
  transitVpc: z.optional(strict({ vpcId: z.string(), subnetIds: z.array(z.string()) })),
});

const privateLink = strict({
  /** Back-end PrivateLink: clusters reach the REST API and the SCC relay through interface endpoints. */
  backend: z.boolean(),
  /** Netmask of the dedicated endpoint subnets (one per AZ). Default 28. */
  subnetNetmask: z.optional(z.number()),
  subnetCidrs: z.optional(z.array(z.string())),
  /** Front-end PrivateLink: users reach the web UI and REST API privately. */
  frontend: z.optional(frontendPrivateLink),
});

/** A customer-managed VPC created by this project (modules/network WorkspaceVpc). */
const createdNetwork = strict({
  mode: z.literal("create"),
  /** Availability zones (at least 2, in the environment's region): one cluster subnet each. */
  availabilityZones: z.array(z.string()),
  vpcCidr: z.string(),
  privateSubnetNetmask: z.optional(z.number()),
  privateSubnetCidrs: z.optional(z.array(z.string())),
  publicSubnetNetmask: z.optional(z.number()),
  publicSubnetCidrs: z.optional(z.array(z.string())),
  natGateways: z.optional(z.enum(["single", "perAz"], oneOf(["single", "perAz"]))),
  legacyHiveMetastore: z.optional(z.boolean()),
  restrictiveEndpointPolicies: z.optional(z.boolean()),
  /** Other accounts' buckets, streams and roles the restrictive endpoint policies also allow. Default: none. */
  endpointAllowLists: z.optional(strict({
    s3: z.optional(strict({ trustedAccountIds: z.optional(z.array(z.string())), buckets: z.optional(z.array(z.string())) })),
    kinesis: z.optional(strict({ streamArns: z.optional(z.array(z.string())) })),
    sts: z.optional(strict({ roleArns: z.optional(z.array(z.string())) })),
  })),
  flowLogs: z.optional(flowLogs),
  networkAcls: z.optional(z.boolean()),
  privateLink: z.optional(privateLink),
  /** VPC peering connections to data sources, routed from the cluster subnets. */
  peerings: z.optional(z.array(peering)),
  /** Transit gateway attachments, routed from the cluster subnets. */
  transitGateways: z.optional(z.array(transitGateway)),
  /** "isolated": no NAT, IGW or public subnets, no route to 0.0.0.0/0 (needs privateLink.backend). Default "nat". */
  egress: z.optional(z.enum(EGRESS_MODES, oneOf(EGRESS_MODES))),
  /** Why a production network keeps internet egress (guardrail DBX-NET1); written to the synthesized output. */
  internetEgressReason: z.optional(z.string()),
});

/** A VPC, subnets and security groups the user already has (modules/network ExistingNetwork). */
const existingNetwork = strict({
  mode: z.literal("existing"),
  vpcId: z.string(),
  privateSubnetIds: z.array(z.string()),
  securityGroupIds: z.array(z.string()),
  /** Back-end PrivateLink: create the endpoints in given subnets, register existing ones, or use registered ones. */
  privateLink: z.optional(strict({
    backend: z.boolean(),
    endpointSubnetIds: z.optional(z.array(z.string())),
    awsVpcEndpointIds: z.optional(strict({ restApi: z.string(), relay: z.string() })),
    databricksVpcEndpointIds: z.optional(strict({ restApi: z.string(), relay: z.string() })),
  })),
});

/** No customer VPC: Databricks creates and manages the VPC (wider cross-account IAM policy). */
const databricksManagedNetwork = strict({ mode: z.literal("databricks-managed") });

export const NETWORK_MODES = ["create", "existing", "databricks-managed"] as const;

const workspace = strict({
  /** Workspace name in the account console. Default: the resource prefix. */
  name: z.optional(z.string()),
  pricingTier: z.optional(z.enum(PRICING_TIERS, oneOf(PRICING_TIERS))),
  /** Workspace URL subdomain; needs a deployment-name prefix enabled on the account. Default: Databricks picks. */
  deploymentName: z.optional(z.string()),
  /** "SERVERLESS": a serverless workspace (no network, storage, customerManagedKeys; docs/serverless.md). Default: classic. */
  computeMode: z.optional(z.enum(["SERVERLESS"], oneOf(["SERVERLESS"]))),
});

const storage = strict({
  /** Root (DBFS) bucket name. Default `<resourcePrefix>-<awsAccountId>-root` (bucket names are global). */
  rootBucketName: z.optional(z.string()),
  /** Version the root bucket's objects. Default true. */
  versioning: z.optional(z.boolean()),
  /** Databricks writes only under the workspace's prefixes once it exists (SRA). Default: protectData. */
  restrictiveBucketPolicy: z.optional(z.boolean()),
});

/** Fields every deployment config has (environments and the account-level config). */
export const commonFields = {
  /** Provider versions to run at deploy time (stacks/provider-versions.ts). Default: the bindings' aws 5.100.0, databricks 1.99.0. */
  providerVersions: z.optional(strict({ databricks: z.optional(z.string()), aws: z.optional(z.string()) })),
  /** Prefix of AWS resource names. Default `databricks-<name>`. */
  resourcePrefix: z.optional(z.string().check(z.superRefine((p, ctx) => {
    for (const problem of resourcePrefixProblems(p)) ctx.addIssue({ code: "custom", message: problem.message, input: p });
  }))),
  region: z.string().check(z.refine((r) => SUPPORTED_REGIONS.includes(r), { error: unknownRegionMessage() })),
  awsAccountId: z.string().check(z.regex(AWS_ACCOUNT_ID, { error: "must be a 12-digit AWS account id" })),
  databricksAccountId: z.string().check(z.regex(DATABRICKS_ACCOUNT_ID, {
    error: "must be a Databricks account id: a lowercase UUID like 0a1b2c3d-0000-4000-8000-000000000000",
  })),
  tags: z.record(z.string(), z.string()),
  /** Role the AWS provider assumes (multi-account setups); the caller's own credentials otherwise. */
  awsAssumeRoleArn: z.optional(z.string().check(z.regex(/^arn:aws(-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, {
    error: "must be an IAM role ARN like arn:aws:iam::123456789012:role/deploy",
  }))),
  /** Where Terraform state lives. Default: local files in the project root. */
  state: z.optional(z.discriminatedUnion("backend", [
    strict({ backend: z.literal("local") }),
    strict({
      backend: z.literal("s3"),
      /** State bucket; key `<env>/<stack>.tfstate`, encrypted, S3-native locking. */
      bucket: z.string(),
      /** Bucket region. Default: the environment's region. */
      region: z.optional(z.string()),
      /** Create the bucket in a `<env>-state` stack deployed first. Default true. */
      createBucket: z.optional(z.boolean()),
    }),
  ], oneOf(["local", "s3"]))),
};

const roleActivity = strict({
  /** Where the CloudTrail events come from: a trail created here, or the log group of an existing (organization) trail. */
  trail: z.union([
    strict({ createTrail: strict({ bucketName: z.string(), retentionInDays: z.optional(z.number()) }) }),
    strict({ existingLogGroupName: z.string() }),
  ], { error: "must be { createTrail: { bucketName, retentionInDays? } } or { existingLogGroupName }" }),
  alarmEmails: z.optional(z.array(z.string())),
});

const jobPolicySettings = {
  /** Autoscaling ceiling. */
  maxWorkers: z.number(),
  /** EC2 node types allowed; the first is the default. */
  allowedNodeTypes: z.array(z.string()),
  /** Workspace groups granted CAN_USE on the policy. Default: none (admins only). */
  users: z.optional(z.array(z.string())),
};
const clusterPolicySettings = strict({
  /** Clusters must auto-terminate within this many idle minutes (10 or more). */
  maxAutoterminationMinutes: z.number(),
  ...jobPolicySettings,
});

/** A GitHub Actions runner label: no leading or trailing blanks, no newline. */
const runnerLabel = z.string().check(z.regex(/^\S(?:[^\n]*\S)?$/, { error: "must be a runner label (no leading or trailing blanks), e.g. \"ubuntu-latest\"" }));

/** The `<env>-workspace-config` stack: settings, cluster policies, data access and the Kinesis → Delta job. */
const workspaceConfig = strict({
  /**
   * IP access lists; the feature is enabled only with an allow list (never empty, never a /0). `deployerCidrs`, the
   * egress of whoever plans and deploys (CI runner or NAT), is required with it and must lie inside it. Default: off.
   */
  ipAccessLists: z.optional(strict({ allow: z.array(z.string()), block: z.optional(z.array(z.string())), deployerCidrs: z.optional(z.array(z.string())) })),
  /**
   * GitHub Actions runner (`runs-on`: a label, or labels a runner must all have) for this stack's PR plan and deploy
   * jobs: one whose egress is in ipAccessLists.deployerCidrs (self-hosted, or a larger runner with static IPs).
   * Default "ubuntu-latest" (GitHub-hosted, changing IPs). docs/ci.md.
   */
  runsOn: z.optional(z.union([runnerLabel, z.array(runnerLabel).check(z.minLength(1, { error: "must name at least one runner label" }))],
    { error: "must be a runner label or a list of labels, e.g. \"ubuntu-latest\" or [\"self-hosted\", \"linux\"]" })),
  /** Longest lifetime of a personal access token. Default 90. */
  maxTokenLifetimeDays: z.optional(z.number()),
  /** Workspace hardening switches. Defaults: DBFS file browser off, verbose audit logs on, export and download allowed. */
  hardening: z.optional(strict({
    disableDbfsFileBrowser: z.optional(z.boolean()),
    disableNotebookExport: z.optional(z.boolean()),
    disableResultsDownload: z.optional(z.boolean()),
    verboseAuditLogs: z.optional(z.boolean()),
  })),
  /** All-purpose clusters' policy; required for a classic workspace, refused for a serverless one (no classic clusters). */
  clusterPolicy: z.optional(clusterPolicySettings),
  /** Job clusters: no auto-termination (they end with their run); maxAutoterminationMinutes is accepted only to report it. Classic only, like clusterPolicy. */
  jobPolicy: z.optional(strict({ ...jobPolicySettings, maxAutoterminationMinutes: z.optional(z.number()) })),
  /** Databricks Runtime of the job and the policies' default, e.g. "18.x-scala2.13". Default: DBR 18 LTS. */
  sparkVersion: z.optional(z.string()),
  /** The Kinesis → Delta job. */
  pipeline: z.optional(strict({
    /** Quartz cron (6–7 fields), Java time zone (default UTC), paused (default false). Default: no schedule (on demand). */
    schedule: z.optional(strict({ cron: z.string(), timezone: z.optional(z.string()), paused: z.optional(z.boolean()) })),
  })),
  /** The data bucket, the streams the job reads, and (opt-in) the legacy instance profile. */
  dataAccess: z.optional(strict({
    bucketName: z.string(),
    /** Prefix the clusters may write under, e.g. "delta/". Default: the whole bucket. */
    writePrefix: z.optional(z.string()),
    /** Existing streams the clusters may read. */
    streamNames: z.optional(z.array(z.string())),
    /** A small demo stream to try the job with. Default false. */
    demoStream: z.optional(z.boolean()),
    /** The legacy instance-profile path (role, instance profile, iam:PassRole to EC2). Default false: the job uses Unity Catalog. */
    legacyInstanceProfile: z.optional(z.boolean()),
  })),
});

const privilegeGrants = <T extends readonly [string, ...string[]]>(privileges: T) =>
  z.array(strict({ principal: z.string(), privileges: z.array(z.enum(privileges, oneOf(privileges))) }));

/** The environment's Unity Catalog catalog (modules/unity-catalog WorkspaceCatalog), in the workspace-config stack. */
const unityCatalog = strict({
  catalogName: z.string(),
  /** Default `<prefix>-<awsAccountId>-catalog`. */
  bucketName: z.optional(z.string()),
  /** Databricks' default storage instead of a bucket of ours (serverless workspaces only; Preview). Default false. */
  defaultStorage: z.optional(z.boolean()),
  /** Default ["raw"]. */
  schemas: z.optional(z.array(z.string())),
  /** Typed grants: group display names and privileges per securable. Default: none (owner only). */
  grants: z.optional(strict({
    catalog: z.optional(privilegeGrants(CATALOG_PRIVILEGES)),
    schemas: z.optional(z.record(z.string(), privilegeGrants(SCHEMA_PRIVILEGES))),
    externalLocation: z.optional(privilegeGrants(EXTERNAL_LOCATION_PRIVILEGES)),
  })),
  preventDestroy: z.optional(z.boolean()),
});

/** Groups on the workspace and the job's service principal (modules/identity WorkspaceIdentities), in the workspace stack. */
const identities = strict({
  groups: z.optional(z.array(strict({ name: z.string(), permission: z.enum(["ADMIN", "USER"], oneOf(["ADMIN", "USER"])), create: z.optional(z.boolean()) }))),
  /** Account groups grants name without assigning them to the workspace: looked up at plan, never created. Default: none. */
  existingGroups: z.optional(z.array(z.string())),
  /** A `<prefix>-pipeline` service principal. Default true. */
  servicePrincipal: z.optional(z.boolean()),
});

/** Legacy features off and security opt-ins (modules/workspace-security WorkspaceSecurity), in the workspace-config stack. */
const security = strict({
  /** The account has the (paid) Enhanced Security and Compliance add-on; required by the three features below. Default false. */
  complianceAddOn: z.optional(z.boolean()),
  disableLegacyAccess: z.optional(z.boolean()),
  disableLegacyDbfs: z.optional(z.boolean()),
  enhancedSecurityMonitoring: z.optional(z.boolean()),
  complianceSecurityProfile: z.optional(strict({ standards: z.array(z.enum(COMPLIANCE_STANDARDS, oneOf(COMPLIANCE_STANDARDS))) })),
  automaticClusterUpdate: z.optional(strict({
    dayOfWeek: z.enum(DAYS_OF_WEEK, oneOf(DAYS_OF_WEEK)), frequency: z.enum(MAINTENANCE_FREQUENCIES, oneOf(MAINTENANCE_FREQUENCIES)), startHour: z.number(),
    startMinute: z.optional(z.number()), restartEvenIfNoUpdatesAvailable: z.optional(z.boolean()),
  })),
  restrictWorkspaceAdmins: z.optional(z.boolean()),
});

/** A monthly budget and a serverless budget policy (modules/cost EnvironmentBudget), in the workspace stack. */
const budget = strict({
  monthlyLimitUsd: z.number(),
  alertThresholdsPercent: z.optional(z.array(z.number())),
  recipients: z.array(z.string()),
  filterTagKeys: z.optional(z.array(z.string())),
  serverlessBudgetPolicy: z.optional(z.boolean()),
});

/** Alerts on system.access.audit (modules/security-alerts SecurityAlerts), in the workspace-config stack. */
const securityAlerts = strict({
  recipients: z.array(z.string()),
  schedule: z.optional(strict({ cron: z.string(), timezone: z.optional(z.string()) })),
  warehouseSize: z.optional(z.string()),
});

/** System tables and who reads them (modules/unity-catalog SystemTables): once per metastore. */
const systemTables = strict({
  readers: z.array(z.string()),
  schemas: z.optional(z.array(z.enum(SYSTEM_SCHEMAS, oneOf(SYSTEM_SCHEMAS)))),
});

export const environmentSchema = strict({
  /** Short name; stack ids are `<name>-<component>`. */
  name: z.string().check(z.regex(/^[a-z][a-z0-9]{1,11}$/, { error: "must be 2 to 12 lowercase letters or digits, starting with a letter" })),
  ...commonFields,
  /** The classic compute plane's network; required for a classic workspace, refused for a serverless one. */
  network: z.optional(z.discriminatedUnion("mode", [createdNetwork, existingNetwork, databricksManagedNetwork], oneOf(NETWORK_MODES))),
  workspace: z.optional(workspace),
  storage: z.optional(storage),
  /** Customer-managed KMS keys for managed services and workspace storage. Default: Databricks-managed keys. */
  customerManagedKeys: z.optional(strict({
    managedServices: z.boolean(),
    storage: z.boolean(),
    /** Principals with full control of the keys. Default: the account root (IAM policies decide). */
    keyAdminArns: z.optional(z.array(z.string())),
  })),
  /** prevent_destroy on what holds data: root bucket, KMS keys, workspace. Default false. */
  protectData: z.optional(z.boolean()),
  /** Configure the workspace itself (a second stack). Default: none. */
  workspaceConfig: z.optional(workspaceConfig),
  /** Serverless egress: network policy, NCC (Enterprise tier). Default: the account's default policy. */
  serverlessEgress: z.optional(strict({
    restrictionMode: z.optional(z.enum(["RESTRICTED_ACCESS", "FULL_ACCESS"], oneOf(["RESTRICTED_ACCESS", "FULL_ACCESS"]))),
    enforcementMode: z.optional(z.enum(["ENFORCED", "DRY_RUN"], oneOf(["ENFORCED", "DRY_RUN"]))),
    allowedInternetDestinations: z.optional(z.array(z.string())),
    allowedStorageBuckets: z.optional(z.array(z.string())),
    s3PrivateEndpoint: z.optional(z.boolean()),
    /** Set true on a second deploy, once the S3 rule is ESTABLISHED (docs/serverless.md). Default false. */
    s3PrivateEndpointEnabled: z.optional(z.boolean()),
    /** NCC private endpoint rules to your own VPC endpoint services. Default: none. */
    privateEndpointRules: z.optional(z.array(strict({ name: z.string(), endpointService: z.string(), domainNames: z.array(z.string()) }))),
    /** Endpoint services (NLB → IP targets) created in the environment's VPC, each with its rule. Default: none. */
    endpointServices: z.optional(z.array(strict({
      name: z.string(), port: z.number(), targets: z.array(z.string()), domainNames: z.array(z.string()), acceptanceRequired: z.optional(z.boolean()),
    }))),
    networkPolicyId: z.optional(z.string()),
    nccName: z.optional(z.string()),
  })),
  /** Alarms on failed API calls by the cross-account role. Default: off (e.g. an organization trail already watches). */
  monitoring: z.optional(strict({ roleActivity: z.optional(roleActivity) })),
  /** Unity Catalog: the environment's catalog on its own storage, bound to its workspace. Needs workspaceConfig. Default: none. */
  unityCatalog: z.optional(unityCatalog),
  /** Groups assigned to the workspace and the job's service principal. Needs the account config's metastore. Default: a service principal only. */
  identities: z.optional(identities),
  /** Legacy features off (default) and security opt-ins. Needs workspaceConfig. */
  security: z.optional(security),
  /** Read grants on the system tables (Databricks enables the schemas; once per metastore). Needs workspaceConfig. Default: none. */
  systemTables: z.optional(systemTables),
  /** A monthly budget over the environment's tagged usage, and a serverless budget policy. Default: none. */
  budget: z.optional(budget),
  /** Alerts on the audit log system table, mailed to recipients. Needs unityCatalog and workspaceConfig. Default: none. */
  securityAlerts: z.optional(securityAlerts),
});

export type EnvironmentConfig = z.input<typeof environmentSchema>;
export type Environment = z.output<typeof environmentSchema>;
export type CreatedNetworkConfig = z.output<typeof createdNetwork>;
export type PrivateLinkConfig = z.output<typeof privateLink>;

/** The account-level config's name: its stacks are `account-*`, so no environment may be called that. */
export const RESERVED_NAME = "account";
