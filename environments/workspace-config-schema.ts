// The `workspaceConfig` section's shape (modules/workspace-config, data-access, pipeline props), composed by schema.ts.
import * as z from "zod/mini";
import { strict } from "./schema-base";

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
export const workspaceConfig = strict({
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
