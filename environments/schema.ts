// zod/mini: the same validator as zod, tree-shaken to ~25 KB in the bundle (classic zod adds ~60 ms to every synth).
import * as z from "zod/mini";
import { REGIONS, SUPPORTED_REGIONS } from "../modules/core/constants";
import { AWS_ACCOUNT_ID, DATABRICKS_ACCOUNT_ID } from "../modules/core/ids";
import { keyAdminProblems } from "../modules/keys/workspace-keys";
import { connectivityProblems } from "../modules/network/connectivity";
import { existingNetworkProblems, workspaceVpcProblems } from "../modules/network/validation";
import { CROSS_ACCOUNT_ROLE_SUFFIX } from "../modules/core/iam-names";
import { roleActivityProblems } from "../modules/monitoring/role-activity";
import { dataAccessProblems } from "../modules/data-access/data-access";
import { clientCidrProblems } from "../modules/privatelink/frontend";
import { clusterPolicyProblems } from "../modules/workspace-config/cluster-policies";
import { workspaceSettingsProblems } from "../modules/workspace-config/workspace-settings";
import { awsIdProblems, privateLinkProblems, subnetIdProblems } from "../modules/privatelink/services";
import { formatProblem, Problem, underPath } from "../modules/core/problems";
import { bucketNameProblems } from "../modules/core/bucket-name";
import { tagProblems } from "../modules/core/tags";
import { PRICING_TIERS, workspaceProblems } from "../modules/workspace/validation";

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
  vpcCidr: z.string(),
  privateSubnetNetmask: z.optional(z.number()),
  privateSubnetCidrs: z.optional(z.array(z.string())),
  publicSubnetNetmask: z.optional(z.number()),
  publicSubnetCidrs: z.optional(z.array(z.string())),
  natGateways: z.optional(z.enum(["single", "perAz"], oneOf(["single", "perAz"]))),
  legacyHiveMetastore: z.optional(z.boolean()),
  restrictiveEndpointPolicies: z.optional(z.boolean()),
  flowLogs: z.optional(flowLogs),
  networkAcls: z.optional(z.boolean()),
  privateLink: z.optional(privateLink),
  /** VPC peering connections to data sources, routed from the cluster subnets. */
  peerings: z.optional(z.array(peering)),
  /** Transit gateway attachments, routed from the cluster subnets. */
  transitGateways: z.optional(z.array(transitGateway)),
});

/** A VPC, subnets and security groups the user already has (modules/network ExistingNetwork). */
const existingNetwork = strict({
  mode: z.literal("existing"),
  vpcId: z.string(),
  privateSubnetIds: z.array(z.string()),
  securityGroupIds: z.array(z.string()),
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
});

const storage = strict({
  /** Root (DBFS) bucket name. Default `<resourcePrefix>-<awsAccountId>-root` (bucket names are global). */
  rootBucketName: z.optional(z.string()),
  /** Version the root bucket's objects. Default true. */
  versioning: z.optional(z.boolean()),
});

/** Fields every deployment config has (environments and the account-level config). */
export const commonFields = {
  /** Prefix of AWS resource names. Default `databricks-<name>`. */
  resourcePrefix: z.optional(z.string().check(z.regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, {
    error: "must be 3 to 32 lowercase letters, digits or dashes, starting with a letter and not ending with a dash",
  }))),
  region: z.string().check(z.refine((r) => SUPPORTED_REGIONS.includes(r), { error: `unknown region; supported regions: ${SUPPORTED_REGIONS.join(", ")}` })),
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

const clusterPolicySettings = strict({
  /** Clusters must auto-terminate within this many idle minutes (10 or more). */
  maxAutoterminationMinutes: z.number(),
  /** Autoscaling ceiling. */
  maxWorkers: z.number(),
  /** EC2 node types allowed; the first is the default. */
  allowedNodeTypes: z.array(z.string()),
});

/** The `<env>-workspace-config` stack: settings, cluster policies, data access and the Kinesis → Delta job. */
const workspaceConfig = strict({
  /** IP access lists; the feature is enabled only with an allow list (never empty). Default: off. */
  ipAccessLists: z.optional(strict({ allow: z.array(z.string()), block: z.optional(z.array(z.string())) })),
  /** Longest lifetime of a personal access token. Default 90. */
  maxTokenLifetimeDays: z.optional(z.number()),
  /** Workspace hardening switches. Defaults: DBFS file browser off, verbose audit logs on, export and download allowed. */
  hardening: z.optional(strict({
    disableDbfsFileBrowser: z.optional(z.boolean()),
    disableNotebookExport: z.optional(z.boolean()),
    disableResultsDownload: z.optional(z.boolean()),
    verboseAuditLogs: z.optional(z.boolean()),
  })),
  clusterPolicy: clusterPolicySettings,
  jobPolicy: clusterPolicySettings,
  /** The instance profile clusters read Kinesis and write S3 with, and the data bucket. */
  dataAccess: z.optional(strict({
    bucketName: z.string(),
    /** Prefix the clusters may write under, e.g. "delta/". Default: the whole bucket. */
    writePrefix: z.optional(z.string()),
    /** Existing streams the clusters may read. */
    streamNames: z.optional(z.array(z.string())),
    /** A small demo stream to try the job with. Default false. */
    demoStream: z.optional(z.boolean()),
  })),
});

export const environmentSchema = strict({
  /** Short name; stack ids are `<name>-<component>`. */
  name: z.string().check(z.regex(/^[a-z][a-z0-9]{1,11}$/, { error: "must be 2 to 12 lowercase letters or digits, starting with a letter" })),
  ...commonFields,
  availabilityZones: z.array(z.string()),
  network: z.discriminatedUnion("mode", [createdNetwork, existingNetwork, databricksManagedNetwork], oneOf(NETWORK_MODES)),
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
  /** Alarms on failed API calls by the cross-account role. Default: off (e.g. an organization trail already watches). */
  monitoring: z.optional(strict({ roleActivity: z.optional(roleActivity) })),
});

export type EnvironmentConfig = z.input<typeof environmentSchema>;
export type Environment = z.output<typeof environmentSchema>;
export type CreatedNetworkConfig = z.output<typeof createdNetwork>;
export type PrivateLinkConfig = z.output<typeof privateLink>;

/** The WorkspaceVpc props a created-network config section maps to (besides names, region, account and AZs). */
export function workspaceVpcSettings(net: CreatedNetworkConfig) {
  return {
    vpcCidr: net.vpcCidr,
    privateSubnetNetmask: net.privateSubnetNetmask,
    privateSubnetCidrs: net.privateSubnetCidrs,
    publicSubnetNetmask: net.publicSubnetNetmask,
    publicSubnetCidrs: net.publicSubnetCidrs,
    natGateways: net.natGateways,
    legacyHiveMetastore: net.legacyHiveMetastore,
    restrictiveEndpointPolicies: net.restrictiveEndpointPolicies,
    flowLogs: net.flowLogs?.enabled ? { retentionInDays: net.flowLogs.retentionInDays, trafficType: net.flowLogs.trafficType } : undefined,
    networkAcls: net.networkAcls,
    privateLinkSubnets: net.privateLink ? { netmask: net.privateLink.subnetNetmask, cidrs: net.privateLink.subnetCidrs } : undefined,
  };
}

/** Default resource-name prefix. */
export function resourcePrefixOf(env: Pick<Environment, "name" | "resourcePrefix">): string {
  return env.resourcePrefix ?? `databricks-${env.name}`;
}

export function workspaceNameOf(env: Pick<Environment, "name" | "resourcePrefix" | "workspace">): string {
  return env.workspace?.name ?? resourcePrefixOf(env);
}

export function rootBucketNameOf(env: Pick<Environment, "name" | "resourcePrefix" | "storage" | "awsAccountId">): string {
  return env.storage?.rootBucketName ?? `${resourcePrefixOf(env)}-${env.awsAccountId}-root`;
}

/**
 * Rules across fields, delegated to the modules that own them. They run for every section the schema
 * accepted, so one pass reports schema and cross-field problems together.
 */
function crossFieldProblems(raw: Record<string, any>, rejected: (field: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  if (!rejected("tags")) problems.push(...tagProblems(raw.tags));
  if (!rejected("storage") && !rejected("resourcePrefix") && !rejected("name") && !rejected("awsAccountId")) {
    problems.push(...bucketNameProblems(rootBucketNameOf(raw as Environment), "storage.rootBucketName"));
  }
  if (!rejected("workspace") && !rejected("region") && !rejected("resourcePrefix") && !rejected("name")) {
    const settings = { region: raw.region, workspaceName: workspaceNameOf(raw as Environment), ...raw.workspace };
    for (const p of workspaceProblems(settings)) {
      if (p.path !== "region") problems.push({ ...p, path: p.path === "workspaceName" ? "workspace.name" : `workspace.${p.path}` });
    }
  }
  if (!rejected("state")) problems.push(...stateProblems(raw.state));
  const watch = rejected("monitoring") ? undefined : raw.monitoring?.roleActivity;
  if (watch && !rejected("region") && !rejected("awsAccountId") && !rejected("resourcePrefix") && !rejected("name")) {
    const prefix = resourcePrefixOf(raw as Environment);
    const found = roleActivityProblems({ namePrefix: prefix, region: raw.region, awsAccountId: raw.awsAccountId, roleName: `${prefix}${CROSS_ACCOUNT_ROLE_SUFFIX}`, ...watch });
    for (const p of found) problems.push({ ...p, path: p.path === "namePrefix" ? "resourcePrefix" : `monitoring.roleActivity.${p.path}` });
  }
  const cmk = rejected("customerManagedKeys") ? undefined : raw.customerManagedKeys;
  if (cmk && !cmk.managedServices && !cmk.storage) {
    problems.push({ path: "customerManagedKeys", value: cmk, message: "turns both keys off; remove the section to use Databricks-managed keys" });
  }
  if (cmk?.keyAdminArns && !rejected("region") && REGIONS[raw.region]) {
    problems.push(...underPath("customerManagedKeys", keyAdminProblems(cmk.keyAdminArns, [REGIONS[raw.region].partition])));
  }
  if (!rejected("workspace") && !rejected("network") && !rejected("customerManagedKeys")) {
    const needs = [
      ...(raw.network?.privateLink ? ["PrivateLink (network.privateLink)"] : []),
      ...(raw.customerManagedKeys ? ["customer-managed keys (customerManagedKeys)"] : []),
    ];
    const tier = raw.workspace?.pricingTier ?? "PREMIUM";
    if (needs.length && tier !== "ENTERPRISE") {
      problems.push({ path: "workspace.pricingTier", value: tier, message: `must be ENTERPRISE: Databricks offers ${needs.join(" and ")} only on the Enterprise tier` });
    }
  }
  if (["workspaceConfig", "tags", "region", "awsAccountId", "resourcePrefix", "name"].every((f) => !rejected(f)) && raw.workspaceConfig) {
    problems.push(...workspaceConfigProblems(raw as Environment));
  }
  if (rejected("network") || rejected("region") || rejected("availabilityZones")) return problems;
  const net = raw.network as Environment["network"];
  if (net.mode === "databricks-managed") return problems;
  if (net.mode === "existing") return [...problems, ...underPath("network", existingNetworkProblems(net))];
  const { problems: netProblems } = workspaceVpcProblems({
    ...workspaceVpcSettings(net), namePrefix: "validation", region: raw.region, awsAccountId: raw.awsAccountId, availabilityZones: raw.availabilityZones,
  });
  // region and AZs are top-level config fields; everything else lives under `network` (PrivateLink subnets
  // under `network.privateLink`).
  const configPath = (path: string) => /^(region|availabilityZones)/.test(path) ? path
    : `network.${path.replace(/^privateLinkSubnets\.netmask/, "privateLink.subnetNetmask").replace(/^privateLinkSubnets\.cidrs/, "privateLink.subnetCidrs")}`;
  for (const p of netProblems) problems.push({ ...p, path: configPath(p.path) });
  problems.push(...underPath("network", connectivityProblems(net)));
  if (net.privateLink) problems.push(...privateLinkConfigProblems(raw.region, net.privateLink));
  return problems;
}

function privateLinkConfigProblems(region: string, pl: PrivateLinkConfig): Problem[] {
  const at = "network.privateLink";
  const problems = privateLinkProblems(region, at);
  const fe = pl.frontend;
  if (!fe) return problems;
  problems.push(...underPath(`${at}.frontend`, clientCidrProblems(fe.clientCidrs)));
  if (fe.transitVpc) {
    problems.push(...underPath(`${at}.frontend.transitVpc`, [
      ...awsIdProblems("vpcId", fe.transitVpc.vpcId, "vpc"),
      ...subnetIdProblems(fe.transitVpc.subnetIds, 1, "the subnets of the transit VPC that hold the front-end endpoint"),
    ]));
  } else if (pl.backend && fe.inboundResolver) {
    problems.push({ path: `${at}.frontend.inboundResolver`, value: true,
      message: "needs frontend.transitVpc when back-end PrivateLink is on: the front end then shares the back-end REST endpoint and gets no endpoint (or resolver) of its own" });
  }
  return problems;
}

export function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined), raw);
}

function pathString(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
}

export function zodProblems(raw: unknown, issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: pathString([...issue.path, key]), value: valueAt(raw, [...issue.path, key]), message: issue.message }));
    }
    const value = valueAt(raw, issue.path);
    const message = value === undefined && issue.code === "invalid_type" ? `is required (${issue.expected})`
      : issue.code === "invalid_type" ? `must be ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}`
      : issue.message;
    return [{ path: pathString(issue.path), value, message }];
  });
}

/** Problems with a `workspaceConfig` section, from the modules that own the rules. */
function workspaceConfigProblems(env: Environment): Problem[] {
  const config = env.workspaceConfig!;
  const prefix = resourcePrefixOf(env);
  const at = (section: string, problems: Problem[]) => problems.map((p) => ({ ...p, path: `workspaceConfig.${section}${p.path}` }));
  const problems = at("", workspaceSettingsProblems({ namePrefix: prefix, ipAccessLists: config.ipAccessLists, maxTokenLifetimeDays: config.maxTokenLifetimeDays, ...config.hardening }));
  // The policies fix the environment's tags: tag problems (Databricks' limits are a little tighter than AWS') are
  // reported once, on `tags`, and the required-tag rule is already checked there.
  const tagRule = (p: Problem) => /^(clusterPolicy|jobPolicy)\.tags/.test(p.path);
  const policies = [
    ...clusterPolicyProblems({ ...config.clusterPolicy, tags: env.tags }, "clusterPolicy"),
    ...clusterPolicyProblems({ ...config.jobPolicy, tags: env.tags }, "jobPolicy"),
  ];
  problems.push(...at("", policies.filter((p) => !tagRule(p))));
  const tagProblemsSeen = new Set<string>();
  for (const p of policies.filter((q) => tagRule(q) && !q.message.startsWith("is missing required tag"))) {
    const path = p.path.replace(/^(clusterPolicy|jobPolicy)\./, "");
    if (!tagProblemsSeen.has(path + p.message)) problems.push({ ...p, path });
    tagProblemsSeen.add(path + p.message);
  }
  if (config.dataAccess) {
    const found = dataAccessProblems({ ...config.dataAccess, dataBucketName: config.dataAccess.bucketName, namePrefix: prefix, region: env.region, awsAccountId: env.awsAccountId });
    problems.push(...found.map((p) => ({ ...p, path: p.path === "dataBucketName" ? "workspaceConfig.dataAccess.bucketName" : `workspaceConfig.dataAccess.${p.path}` })));
  }
  return problems;
}

/** Problems with a `state` section (shared with the account-level config). */
export function stateProblems(state: Environment["state"]): Problem[] {
  if (state?.backend !== "s3") return [];
  const problems = bucketNameProblems(state.bucket, "state.bucket");
  if (state.region !== undefined && !SUPPORTED_REGIONS.includes(state.region)) {
    problems.push({ path: "state.region", value: state.region, message: `unknown region; supported regions: ${SUPPORTED_REGIONS.join(", ")}` });
  }
  return problems;
}

/** Every problem with one environment's config (empty when valid). */
export function environmentProblems(raw: unknown): Problem[] {
  const parsed = environmentSchema.safeParse(raw);
  if (parsed.success) return crossFieldProblems(parsed.data, () => false);
  const issues = parsed.error.issues;
  if (raw === null || typeof raw !== "object" || issues.some((i) => i.path.length === 0)) return zodProblems(raw, issues);
  const rejected = (field: string) => issues.some((i) => i.path[0] === field || (i.code === "unrecognized_keys" && i.path.length === 0));
  return [...zodProblems(raw, issues), ...crossFieldProblems(raw as Record<string, any>, rejected)];
}

/** The account-level config's name: its stacks are `account-*`, so no environment may be called that. */
export const RESERVED_NAME = "account";

/** Thrown before anything is synthesized; lists every problem of every environment. */
export class ConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<{ environment: string; problem: Problem }>) {
    super(
      `Invalid environment config (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map(({ environment, problem }) => `  ${environment}: ${formatProblem(problem)}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export type LabelledProblem = { environment: string; problem: Problem };

/** Names the variable that supplied a field's value, where one did. */
export function withSources(label: string, problems: readonly Problem[], sources: Readonly<Record<string, string>>): LabelledProblem[] {
  return problems.map((problem) => {
    const source = sources[`${label}.${problem.path}`];
    return { environment: label, problem: source ? { ...problem, path: `${problem.path} (from $${source})` } : problem };
  });
}

/**
 * Every problem of all environments: each one's fields, and that names are unique and not reserved.
 * `sources` maps `<env>.<field>` to the environment variable that supplied the value, for the message.
 */
export function environmentsProblems(raws: readonly unknown[], sources: Readonly<Record<string, string>> = {}): LabelledProblem[] {
  const found: LabelledProblem[] = [];
  const seen = new Set<string>();
  raws.forEach((raw, i) => {
    const name = valueAt(raw, ["name"]);
    const label = typeof name === "string" && name ? name : `environments[${i}]`;
    found.push(...withSources(label, environmentProblems(raw), sources));
    if (name === RESERVED_NAME) {
      found.push({ environment: label, problem: { path: "name", value: name, message: `is reserved for the account-level stacks (${RESERVED_NAME}-*)` } });
    }
    if (typeof name === "string") {
      if (seen.has(name)) found.push({ environment: label, problem: { path: "name", value: name, message: "is used by another environment; names must be unique" } });
      seen.add(name);
    }
  });
  return found;
}

/** Validates all environments at once; throws a ConfigError listing every problem. */
export function validateEnvironments(raws: readonly unknown[], sources: Readonly<Record<string, string>> = {}): Environment[] {
  const found = environmentsProblems(raws, sources);
  if (found.length > 0) throw new ConfigError(found);
  return raws as Environment[];
}
