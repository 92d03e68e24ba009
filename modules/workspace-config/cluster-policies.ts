import { ClusterPolicy } from "@cdktf/provider-databricks/lib/cluster-policy";
import { Permissions } from "@cdktf/provider-databricks/lib/permissions";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { Problem, throwIfProblems } from "../core/problems";
import { instanceTypeProblem } from "../core/instance-types";
import { REQUIRED_TAGS } from "../core/tags";
import { isRecord, listOf } from "../core/shape";
import { AUTOTERMINATION_LIMITS, ClusterPolicyDefinition, clusterPolicyDefinition, DEFAULT_SPARK_VERSION_REGEX, renderClusterPolicy } from "./policy-definition";
import { grantCanUse, groupNameProblems } from "./policy-permissions";
import { DEFAULT_SPARK_VERSION, sparkVersionProblems } from "./runtime";

/** The limits of the job cluster policy (typed rules, rendered to a policy definition): `workspaceConfig.jobPolicy`. */
export interface JobPolicySettings {
  /** Most workers a cluster may have (autoscaling ceiling and fixed size). */
  readonly maxWorkers: number;
  /** EC2 node types allowed for workers and driver; the first is the default. */
  readonly allowedNodeTypes: readonly string[];
  /** Allowed runtimes (`spark_version`). @default plain runtimes `^\d+(\.\d+)?\.x-scala2\.\d+$` (15.4.x-scala2.12, 18.x-scala2.13; no ML/GPU/photon variants) */
  readonly sparkVersionRegex?: string;
  /**
   * Workspace groups granted `CAN_USE` on the policy (`databricks_permissions`), e.g. `["data-engineers"]`; without
   * it only workspace admins can create clusters under the policy.
   * @default - none (admins only)
   */
  readonly users?: readonly string[];
  /**
   * Not applied to job policies, and reported as a problem there: job clusters end with their run and don't support
   * auto-termination, so the job policy has no rule for it. Required in `clusterPolicy` (ClusterPolicySettings).
   * @default - none
   */
  readonly maxAutoterminationMinutes?: number;
}

/** The limits of the all-purpose cluster policy: `workspaceConfig.clusterPolicy`. */
export interface ClusterPolicySettings extends JobPolicySettings {
  /** Idle minutes before a cluster terminates: clusters may pick 10 up to this; default min(60, this). Auto-termination cannot be turned off. */
  readonly maxAutoterminationMinutes: number;
}

export const MAX_WORKERS_LIMIT = 1000;
/** Databricks custom tag limits (keys ≤ 127 characters, values ≤ 255). */
export const CUSTOM_TAG_LIMITS = { maxKeyLength: 127, maxValueLength: 255 } as const;
/** Tags Databricks sets on every cluster's instances itself; a custom tag may not reuse them. */
export const DATABRICKS_DEFAULT_TAGS: readonly string[] = ["Vendor", "Creator", "ClusterName", "ClusterId"];

const INSTANCE_PROFILE_ARN = /^arn:aws(-us-gov|-cn)?:iam::\d{12}:instance-profile\/[\w+=,.@/-]{1,512}$/;

/** Problems with one policy's limits, with paths under `path` (`jobPolicy.maxWorkers`). */
export function clusterPolicyProblems(settings: ClusterPolicySettings | JobPolicySettings, path: string, clusterType: "all-purpose" | "job" = "all-purpose"): Problem[] {
  const problems: Problem[] = [];
  const at = (field: string) => `${path}.${field}`;
  const minutes = settings.maxAutoterminationMinutes;
  if (clusterType === "job" && minutes !== undefined) {
    // Job clusters end with their run and don't support autotermination_minutes (provider docs, job_cluster block).
    problems.push({ path: at("maxAutoterminationMinutes"), value: minutes, message: "does not apply to job clusters (they terminate when their run ends); remove it" });
  } else if (clusterType === "all-purpose" && (minutes === undefined || !Number.isInteger(minutes) || minutes < AUTOTERMINATION_LIMITS.min || minutes > AUTOTERMINATION_LIMITS.max)) {
    problems.push({ path: at("maxAutoterminationMinutes"), value: minutes,
      message: `must be an integer from ${AUTOTERMINATION_LIMITS.min} to ${AUTOTERMINATION_LIMITS.max} (Databricks' auto-termination range; it cannot be turned off)` });
  }
  const workers = settings.maxWorkers;
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS_LIMIT) {
    problems.push({ path: at("maxWorkers"), value: workers, message: `must be an integer from 1 to ${MAX_WORKERS_LIMIT}` });
  }
  const nodes = listOf(settings.allowedNodeTypes);
  if (Array.isArray(settings.allowedNodeTypes) && nodes.length === 0) {
    problems.push({ path: at("allowedNodeTypes"), value: [], message: "must list at least one EC2 node type, e.g. m5d.xlarge (the first is the default)" });
  }
  nodes.forEach((node, i) => {
    if (typeof node !== "string") return; // the schema reports it
    const notEc2 = instanceTypeProblem(node);
    if (notEc2) problems.push({ path: at(`allowedNodeTypes[${i}]`), value: node, message: notEc2 });
    else if (nodes.indexOf(node) !== i) problems.push({ path: at(`allowedNodeTypes[${i}]`), value: node, message: `repeats allowedNodeTypes[${nodes.indexOf(node)}]` });
  });
  const regex = settings.sparkVersionRegex;
  if (regex !== undefined) {
    let error: string | undefined;
    try {
      new RegExp(regex);
    } catch (e) {
      error = (e as Error).message;
    }
    if (regex.trim() === "") error = "is empty";
    if (error) problems.push({ path: at("sparkVersionRegex"), value: regex, message: `must be a regular expression (${error})` });
  }
  problems.push(...groupNameProblems(settings.users, at("users")));
  return problems;
}

/** Problems with the tags the policies fix on every cluster, reported at `path` (`tags`, `tags["Owner"]`). */
export function clusterTagProblems(tags: Readonly<Record<string, string>>, path = "tags"): Problem[] {
  const problems: Problem[] = [];
  if (!isRecord(tags)) return problems; // the schema reports it
  // A value of another type is reported by the schema (a present tag, not a missing one).
  const missing = REQUIRED_TAGS.filter((key) => !(key in tags) || (typeof tags[key] === "string" && tags[key].trim() === ""));
  if (missing.length > 0) {
    problems.push({ path, value: undefined,
      message: `is missing required tag${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (cluster policies fix ${REQUIRED_TAGS.join(", ")}, non-empty, for chargeback)` });
  }
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > CUSTOM_TAG_LIMITS.maxKeyLength) {
      problems.push({ path, value: key, message: `tag key must be 1 to ${CUSTOM_TAG_LIMITS.maxKeyLength} characters (Databricks custom tag limit; has ${key.length})` });
    }
    if (DATABRICKS_DEFAULT_TAGS.includes(key)) {
      problems.push({ path, value: key, message: `tag key is set by Databricks on every cluster (${DATABRICKS_DEFAULT_TAGS.join(", ")}); use another key` });
    }
    if (typeof value === "string" && value.length > CUSTOM_TAG_LIMITS.maxValueLength) {
      problems.push({ path: `${path}[${JSON.stringify(key)}]`, value, message: `tag value must be at most ${CUSTOM_TAG_LIMITS.maxValueLength} characters (has ${value.length})` });
    }
  }
  return problems;
}

/**
 * Props of {@link ClusterPolicies}: the environment config's `workspaceConfig.clusterPolicy`, `jobPolicy` and
 * `sparkVersion`, and the job policy's instance profile (from `DataAccess`). The workspace-level provider and the prefix of the
 * policies' names (`<prefix> all-purpose`, `<prefix> jobs`, at most 44 of Databricks' 100 characters) come from
 * the `DeploymentContext`.
 */
export interface ClusterPoliciesProps {
  /** Limits for interactive (all-purpose) clusters. */
  readonly clusterPolicy: ClusterPolicySettings;
  /** Limits for job clusters (no auto-termination: job clusters end with their run). */
  readonly jobPolicy: JobPolicySettings;
  /**
   * The environment's Databricks Runtime (`spark_version`): the runtime both policies pre-fill, and the Kinesis job's.
   * Must match both policies' `sparkVersionRegex`. @default "18.x-scala2.13" (DBR 18 LTS)
   */
  readonly sparkVersion?: string;
  /**
   * Tags both policies fix on every cluster (`custom_tags.<Key>`); Databricks puts them on the EC2 instances and
   * EBS volumes, for chargeback. Must include REQUIRED_TAGS.
   * @default - the context's tags
   */
  readonly tags?: Readonly<Record<string, string>>;
  /** Instance profile every job cluster runs with (the job policy fixes it). @default - job clusters choose (or none) */
  readonly instanceProfileArn?: string;
  /**
   * Application ids of the service principals jobs run as (`run_as`; may be tokens): each gets `CAN_USE` on the job
   * policy whatever `jobPolicy.users` lists. A non-admin run-as identity cannot start a job cluster under a policy it
   * cannot use. The stacks pass the environment's service principal.
   * @default - none
   */
  readonly jobRunAsServicePrincipals?: readonly string[];
}

/**
 * Problems with the props, paths relative to them (`clusterPolicy.maxWorkers`, `tags`, `instanceProfileArn`).
 * `tags` is checked when given; the construct checks the tags it uses (the context's when `tags` is not given).
 */
export function clusterPoliciesProblems(props: ClusterPoliciesProps): Problem[] {
  // A policy that is not an object is reported by the schema; the other policy and the runtime are still checked.
  const problems = [
    ...(isRecord(props.clusterPolicy) ? clusterPolicyProblems(props.clusterPolicy, "clusterPolicy") : []),
    ...(isRecord(props.jobPolicy) ? clusterPolicyProblems(props.jobPolicy, "jobPolicy", "job") : []),
  ];
  problems.push(...sparkVersionProblems(props.sparkVersion ?? DEFAULT_SPARK_VERSION, "sparkVersion", [
    { name: "clusterPolicy.sparkVersionRegex", pattern: (isRecord(props.clusterPolicy) ? props.clusterPolicy.sparkVersionRegex : undefined) ?? DEFAULT_SPARK_VERSION_REGEX },
    { name: "jobPolicy.sparkVersionRegex", pattern: (isRecord(props.jobPolicy) ? props.jobPolicy.sparkVersionRegex : undefined) ?? DEFAULT_SPARK_VERSION_REGEX },
  ]));
  if (props.tags !== undefined) problems.push(...clusterTagProblems(props.tags, "tags"));
  const arn = props.instanceProfileArn;
  if (arn !== undefined && !Token.isUnresolved(arn) && !INSTANCE_PROFILE_ARN.test(arn)) {
    problems.push({ path: "instanceProfileArn", value: arn, message: "must be an instance profile ARN like arn:aws:iam::123456789012:instance-profile/name" });
  }
  return problems;
}

/**
 * Two cluster policies: one for all-purpose (interactive) clusters, one for job clusters. Each caps size and node
 * types, pins an isolating access mode and fixes the cost tags (so every cluster's EC2 carries them); the
 * all-purpose policy caps auto-termination, the job policy fixes dedicated access and the instance profile, when
 * given. The configured groups get `CAN_USE` on each policy, and the jobs' run-as service principals on the job policy.
 */
export class ClusterPolicies extends Construct {
  /** The all-purpose (interactive) cluster policy, `<prefix> all-purpose` (the config's `clusterPolicy`). */
  public readonly clusterPolicy: ClusterPolicy;
  /** The job cluster policy, `<prefix> jobs`. */
  public readonly jobPolicy: ClusterPolicy;
  /** Id of the all-purpose policy (clusters' `policy_id`). */
  public readonly clusterPolicyId: string;
  /** Id of the job policy (job clusters' `policy_id`). */
  public readonly jobPolicyId: string;
  /** The job policy's rules: a job cluster under it repeats its fixed values (`fixedClusterValues`) so the job doesn't drift. */
  public readonly jobPolicyDefinition: ClusterPolicyDefinition;
  /** The tags both policies fix. */
  public readonly tags: Readonly<Record<string, string>>;
  /** `CAN_USE` on the all-purpose policy (`clusterPolicy.users`); undefined without users. */
  public readonly clusterPolicyPermissions?: Permissions;
  /** `CAN_USE` on the job policy (`jobPolicy.users` and `jobRunAsServicePrincipals`); undefined without either. */
  public readonly jobPolicyPermissions?: Permissions;

  constructor(scope: Construct, id: string, props: ClusterPoliciesProps) {
    super(scope, id);
    const context = DeploymentContext.of(this);
    const tags = props.tags ?? context.tags;
    throwIfProblems(`ClusterPolicies ${this.node.path}`, clusterPoliciesProblems({ ...props, tags }));
    const provider = context.workspaceProvider(this);
    const sparkVersion = props.sparkVersion ?? DEFAULT_SPARK_VERSION;
    this.tags = tags;
    this.clusterPolicy = new ClusterPolicy(this, "all-purpose", {
      provider, name: `${context.resourcePrefix} all-purpose`,
      definition: renderClusterPolicy(clusterPolicyDefinition(props.clusterPolicy, { tags, sparkVersion }, "all-purpose")),
    });
    this.jobPolicyDefinition = clusterPolicyDefinition(props.jobPolicy, { tags, instanceProfileArn: props.instanceProfileArn, sparkVersion }, "job");
    this.jobPolicy = new ClusterPolicy(this, "jobs", { provider, name: `${context.resourcePrefix} jobs`, definition: renderClusterPolicy(this.jobPolicyDefinition) });
    this.clusterPolicyId = this.clusterPolicy.id;
    this.jobPolicyId = this.jobPolicy.id;
    this.clusterPolicyPermissions = grantCanUse(this, "all-purpose-permissions", this.clusterPolicyId, { groups: props.clusterPolicy.users }, provider);
    this.jobPolicyPermissions = grantCanUse(this, "jobs-permissions", this.jobPolicyId, { groups: props.jobPolicy.users, servicePrincipals: props.jobRunAsServicePrincipals }, provider);
  }
}
