import { ClusterPolicy } from "@cdktf/provider-databricks/lib/cluster-policy";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { Problem, throwIfProblems } from "../core/problems";
import { instanceTypeProblem } from "../core/instance-types";
import { REQUIRED_TAGS } from "../core/tags";

/**
 * Cluster policies as typed data, rendered to JSON at synth time (like `core/policy.ts`): the Databricks
 * cluster-policy definition language, a map from attribute path (`autoscale.max_workers`, `custom_tags.Owner`)
 * to one rule.
 */

export type PolicyValue = string | number | boolean;

interface RuleOptions {
  /** Hide the attribute in the cluster-creation UI. */
  readonly hidden?: boolean;
  /** Let a cluster leave the attribute unset (limiting rules make it required otherwise). */
  readonly isOptional?: boolean;
  /** Value the UI (and `apply_policy_default_values`) fills in. */
  readonly defaultValue?: PolicyValue;
}

export interface FixedRule { readonly type: "fixed"; readonly value: PolicyValue; readonly hidden?: boolean }
export interface ForbiddenRule { readonly type: "forbidden" }
export interface RangeRule extends RuleOptions { readonly type: "range"; readonly minValue?: number; readonly maxValue?: number; readonly defaultValue?: number }
export interface AllowlistRule extends RuleOptions { readonly type: "allowlist"; readonly values: readonly PolicyValue[] }
export interface BlocklistRule extends RuleOptions { readonly type: "blocklist"; readonly values: readonly PolicyValue[] }
export interface RegexRule extends RuleOptions { readonly type: "regex"; readonly pattern: string }
export interface UnlimitedRule extends RuleOptions { readonly type: "unlimited" }

export type PolicyRule = FixedRule | ForbiddenRule | RangeRule | AllowlistRule | BlocklistRule | RegexRule | UnlimitedRule;

/** A cluster-policy definition: attribute path → rule. */
export type ClusterPolicyDefinition = Readonly<Record<string, PolicyRule>>;

/** `cluster_type` values a policy can pin: interactive (all-purpose) compute or job compute. */
export type ClusterType = "all-purpose" | "job";

/** The limits one cluster policy enforces (typed rules, rendered to a policy definition): `workspaceConfig.clusterPolicy` / `jobPolicy`. */
export interface ClusterPolicySettings {
  /** Idle minutes before a cluster terminates: clusters may pick 10 up to this; default min(60, this). Auto-termination cannot be turned off. */
  readonly maxAutoterminationMinutes: number;
  /** Most workers a cluster may have (autoscaling ceiling and fixed size). */
  readonly maxWorkers: number;
  /** EC2 node types allowed for workers and driver; the first is the default. */
  readonly allowedNodeTypes: readonly string[];
  /** Allowed runtimes (`spark_version`). @default LTS-style runtimes `^\d+\.\d+\.x-scala2\.\d+$` (no ML/GPU/photon variants) */
  readonly sparkVersionRegex?: string;
}

/** What a policy fixes on every cluster besides its limits. */
export interface ClusterPolicyFixedAttributes {
  /** Tags fixed on every cluster (`custom_tags.<Key>`); Databricks puts them on the EC2 instances and EBS volumes, for chargeback. Must include REQUIRED_TAGS. */
  readonly tags: Readonly<Record<string, string>>;
  /** Instance profile every cluster runs with. @default - clusters choose (or none) */
  readonly instanceProfileArn?: string;
}

/** Default `spark_version` pattern: plain Databricks runtimes like `15.4.x-scala2.12`. */
export const DEFAULT_SPARK_VERSION_REGEX = "^\\d+\\.\\d+\\.x-scala2\\.\\d+$";
/** Databricks' auto-termination bounds: at least 10 minutes, at most 10,000. */
export const AUTOTERMINATION_LIMITS = { min: 10, max: 10000, defaultAtMost: 60 } as const;
export const MAX_WORKERS_LIMIT = 1000;
/** Databricks custom tag limits (keys ≤ 127 characters, values ≤ 255). */
export const CUSTOM_TAG_LIMITS = { maxKeyLength: 127, maxValueLength: 255 } as const;
/** Tags Databricks sets on every cluster's instances itself; a custom tag may not reuse them. */
export const DATABRICKS_DEFAULT_TAGS: readonly string[] = ["Vendor", "Creator", "ClusterName", "ClusterId"];

const INSTANCE_PROFILE_ARN = /^arn:aws(-us-gov|-cn)?:iam::\d{12}:instance-profile\/[\w+=,.@/-]{1,512}$/;

/**
 * The policy's rules. Besides the limits and the fixed attributes (tags, instance profile), every policy fixes:
 * - `enable_elastic_disk` true (EBS autoscaling: local disks grow instead of jobs failing on a full disk);
 * - `aws_attributes.availability` to SPOT_WITH_FALLBACK or ON_DEMAND (plain SPOT loses nodes with no fallback);
 * - `cluster_type`, so an all-purpose policy cannot back a job cluster and the reverse.
 *
 * No public IPs: there is no cluster-policy attribute for it. Nodes get no public IP because the workspace uses
 * secure cluster connectivity (the default for E2 workspaces; `is_no_public_ip_enabled` on `databricks_mws_workspaces`)
 * and, with a customer-managed VPC, because the nodes live in private subnets that do not map public IPs. That is
 * enforced where the workspace and network are created, not here.
 */
export function clusterPolicyDefinition(
  settings: ClusterPolicySettings, fixed: ClusterPolicyFixedAttributes, clusterType: ClusterType = "all-purpose",
): ClusterPolicyDefinition {
  const rules: Record<string, PolicyRule> = {
    cluster_type: { type: "fixed", value: clusterType },
    // Required (no isOptional), minimum 10: a cluster cannot set 0 (= never terminate). Job clusters end with their
    // run anyway; the rule then only bounds a value the jobs service ignores.
    autotermination_minutes: {
      type: "range", minValue: AUTOTERMINATION_LIMITS.min, maxValue: settings.maxAutoterminationMinutes,
      defaultValue: Math.min(AUTOTERMINATION_LIMITS.defaultAtMost, settings.maxAutoterminationMinutes),
    },
    // A cluster either autoscales or has a fixed size: both are optional, both capped.
    "autoscale.max_workers": { type: "range", minValue: 1, maxValue: settings.maxWorkers, isOptional: true },
    num_workers: { type: "range", minValue: 0, maxValue: settings.maxWorkers, isOptional: true },
    node_type_id: { type: "allowlist", values: [...settings.allowedNodeTypes], defaultValue: settings.allowedNodeTypes[0] },
    // Unset, the driver uses node_type_id (itself restricted).
    driver_node_type_id: { type: "allowlist", values: [...settings.allowedNodeTypes], defaultValue: settings.allowedNodeTypes[0], isOptional: true },
    spark_version: { type: "regex", pattern: settings.sparkVersionRegex ?? DEFAULT_SPARK_VERSION_REGEX },
    enable_elastic_disk: { type: "fixed", value: true },
    "aws_attributes.availability": { type: "allowlist", values: ["SPOT_WITH_FALLBACK", "ON_DEMAND"], defaultValue: "SPOT_WITH_FALLBACK" },
  };
  if (fixed.instanceProfileArn !== undefined) {
    rules["aws_attributes.instance_profile_arn"] = { type: "fixed", value: fixed.instanceProfileArn };
  }
  for (const [key, value] of Object.entries(fixed.tags)) rules[`custom_tags.${key}`] = { type: "fixed", value };
  return rules;
}

/** JSON with object keys sorted at every level (arrays keep their order): the same rules always render the same text. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v !== null && typeof v === "object" && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

/** The `definition` string of a `databricks_cluster_policy`. */
export function renderClusterPolicy(definition: ClusterPolicyDefinition): string {
  return sortedJson(definition);
}

/** Problems with one policy's limits, with paths under `path` (`jobPolicy.maxWorkers`). */
export function clusterPolicyProblems(settings: ClusterPolicySettings, path: string): Problem[] {
  const problems: Problem[] = [];
  const at = (field: string) => `${path}.${field}`;
  const minutes = settings.maxAutoterminationMinutes;
  if (!Number.isInteger(minutes) || minutes < AUTOTERMINATION_LIMITS.min || minutes > AUTOTERMINATION_LIMITS.max) {
    problems.push({ path: at("maxAutoterminationMinutes"), value: minutes,
      message: `must be an integer from ${AUTOTERMINATION_LIMITS.min} to ${AUTOTERMINATION_LIMITS.max} (Databricks' auto-termination range; it cannot be turned off)` });
  }
  const workers = settings.maxWorkers;
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS_LIMIT) {
    problems.push({ path: at("maxWorkers"), value: workers, message: `must be an integer from 1 to ${MAX_WORKERS_LIMIT}` });
  }
  const nodes = settings.allowedNodeTypes;
  if (nodes.length === 0) {
    problems.push({ path: at("allowedNodeTypes"), value: [], message: "must list at least one EC2 node type, e.g. m5d.xlarge (the first is the default)" });
  }
  nodes.forEach((node, i) => {
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
  return problems;
}

/** Problems with the tags the policies fix on every cluster, reported at `path` (`tags`, `tags["Owner"]`). */
export function clusterTagProblems(tags: Readonly<Record<string, string>>, path = "tags"): Problem[] {
  const problems: Problem[] = [];
  const missing = REQUIRED_TAGS.filter((key) => !(key in tags) || tags[key].trim() === "");
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
    if (value.length > CUSTOM_TAG_LIMITS.maxValueLength) {
      problems.push({ path: `${path}[${JSON.stringify(key)}]`, value, message: `tag value must be at most ${CUSTOM_TAG_LIMITS.maxValueLength} characters (has ${value.length})` });
    }
  }
  return problems;
}

/**
 * Props of {@link ClusterPolicies}: the environment config's `workspaceConfig.clusterPolicy` and `jobPolicy`, and
 * the job policy's instance profile (from `DataAccess`). The workspace-level provider and the prefix of the
 * policies' names (`<prefix> all-purpose`, `<prefix> jobs`, at most 44 of Databricks' 100 characters) come from
 * the `DeploymentContext`.
 */
export interface ClusterPoliciesProps {
  /** Limits for interactive (all-purpose) clusters. */
  readonly clusterPolicy: ClusterPolicySettings;
  /** Limits for job clusters. */
  readonly jobPolicy: ClusterPolicySettings;
  /**
   * Tags both policies fix on every cluster (`custom_tags.<Key>`); Databricks puts them on the EC2 instances and
   * EBS volumes, for chargeback. Must include REQUIRED_TAGS.
   * @default - the context's tags
   */
  readonly tags?: Readonly<Record<string, string>>;
  /** Instance profile every job cluster runs with (the job policy fixes it). @default - job clusters choose (or none) */
  readonly instanceProfileArn?: string;
}

/**
 * Problems with the props, paths relative to them (`clusterPolicy.maxWorkers`, `tags`, `instanceProfileArn`).
 * `tags` is checked when given; the construct checks the tags it uses (the context's when `tags` is not given).
 */
export function clusterPoliciesProblems(props: ClusterPoliciesProps): Problem[] {
  const problems = [...clusterPolicyProblems(props.clusterPolicy, "clusterPolicy"), ...clusterPolicyProblems(props.jobPolicy, "jobPolicy")];
  if (props.tags !== undefined) problems.push(...clusterTagProblems(props.tags, "tags"));
  const arn = props.instanceProfileArn;
  if (arn !== undefined && !Token.isUnresolved(arn) && !INSTANCE_PROFILE_ARN.test(arn)) {
    problems.push({ path: "instanceProfileArn", value: arn, message: "must be an instance profile ARN like arn:aws:iam::123456789012:instance-profile/name" });
  }
  return problems;
}

/**
 * Two cluster policies: one for all-purpose (interactive) clusters, one for job clusters. Each caps auto-termination,
 * size and node types and fixes the cost tags (so every cluster's EC2 carries them); the job policy also fixes the
 * instance profile, when given.
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

  constructor(scope: Construct, id: string, props: ClusterPoliciesProps) {
    super(scope, id);
    const context = DeploymentContext.of(this);
    const tags = props.tags ?? context.tags;
    throwIfProblems(`ClusterPolicies ${this.node.path}`, clusterPoliciesProblems({ ...props, tags }));
    const provider = context.workspaceProvider(this);
    this.clusterPolicy = new ClusterPolicy(this, "all-purpose", {
      provider, name: `${context.resourcePrefix} all-purpose`,
      definition: renderClusterPolicy(clusterPolicyDefinition(props.clusterPolicy, { tags }, "all-purpose")),
    });
    this.jobPolicy = new ClusterPolicy(this, "jobs", {
      provider, name: `${context.resourcePrefix} jobs`,
      definition: renderClusterPolicy(clusterPolicyDefinition(props.jobPolicy, { tags, instanceProfileArn: props.instanceProfileArn }, "job")),
    });
    this.clusterPolicyId = this.clusterPolicy.id;
    this.jobPolicyId = this.jobPolicy.id;
  }
}
