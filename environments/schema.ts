// zod/mini: the same validator as zod, tree-shaken to ~25 KB in the bundle (classic zod adds ~60 ms to every synth).
import * as z from "zod/mini";
import { SUPPORTED_REGIONS } from "../modules/core/constants";
import { resourcePrefixProblems } from "../modules/core/context";
import { AWS_ACCOUNT_ID, DATABRICKS_ACCOUNT_ID, unknownRegionMessage } from "../modules/core/ids";
import { PRICING_TIERS } from "../modules/workspace/validation";
import { budget, identities, security, securityAlerts, systemTables, unityCatalog } from "./governance-schema";
import { createdNetwork, databricksManagedNetwork, existingNetwork, NETWORK_MODES, privateLink } from "./network-schema";
import { oneOf, strict } from "./schema-base";
import { workspaceConfig } from "./workspace-config-schema";

/**
 * The environment config schema: shapes and formats here, network and tag rules in the modules (so a
 * construct used on its own enforces the same rules). `Environment` is derived from it. The larger sections' shapes
 * are in network-schema.ts, workspace-config-schema.ts and governance-schema.ts; `strict` and `oneOf` in schema-base.ts
 * (re-exported here).
 */

export { oneOf, strict } from "./schema-base";
export { NETWORK_MODES } from "./network-schema";

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
