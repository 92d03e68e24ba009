/**
 * Cluster policies as typed data, rendered to JSON at synth time (like `core/policy.ts`): the Databricks
 * cluster-policy definition language, a map from attribute path (`autoscale.max_workers`, `custom_tags.Owner`)
 * to one rule. https://docs.databricks.com/aws/en/admin/clusters/policy-definition
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

/**
 * Runtimes (`spark_version`) the policies allow by default: plain Databricks runtimes, `15.4.x-scala2.12`,
 * `17.3.x-scala2.13`, and from DBR 18 on the major-only keys (`18.x-scala2.13`: DBR 18 ships features as dated
 * updates without a minor version, https://docs.databricks.com/aws/en/release-notes/runtime/18). No ML, GPU or photon
 * variants.
 */
export const DEFAULT_SPARK_VERSION_REGEX = "^\\d+(\\.\\d+)?\\.x-scala2\\.\\d+$";

/** Databricks' auto-termination bounds: at least 10 minutes, at most 10,000. */
export const AUTOTERMINATION_LIMITS = { min: 10, max: 10000, defaultAtMost: 60 } as const;

/**
 * Access mode of every job cluster: dedicated (single user). Plain `SINGLE_USER`, not its alias
 * `DATA_SECURITY_MODE_DEDICATED`, which the API takes only with `kind = CLASSIC_PREVIEW`
 * (databricks/terraform-provider-databricks:docs/resources/cluster.md@v1.99.0). Dedicated because the Kinesis
 * source cannot use an instance profile in standard (shared) mode (https://docs.databricks.com/structured-streaming/kinesis.html,
 * "Alternate authentication methods"). `single_user_name` stays unset on
 * job clusters: the run's identity (the job's run-as) uses the cluster, as in Databricks' own bundle template
 * (databricks/cli:libs/template/templates/default-python/template/{{.project_name}}/resources/{{.project_name}}.job.yml.tmpl).
 */
export const JOB_DATA_SECURITY_MODE = "SINGLE_USER";

/**
 * Access modes an all-purpose cluster may choose: dedicated or standard, under either spelling, or AUTO (which
 * resolves to one of them). Never `NONE`/`NO_ISOLATION` (no isolation) or the `LEGACY_*` modes (deprecated since
 * DBR 15.0). Values: databricks/databricks-sdk-go service/compute/model.go (DataSecurityMode).
 */
export const ISOLATING_DATA_SECURITY_MODES: readonly string[] = [
  "SINGLE_USER", "USER_ISOLATION", "DATA_SECURITY_MODE_DEDICATED", "DATA_SECURITY_MODE_STANDARD", "DATA_SECURITY_MODE_AUTO",
];

/** What a policy limits (the settings of one policy). */
export interface PolicyLimits {
  readonly maxWorkers: number;
  readonly allowedNodeTypes: readonly string[];
  readonly sparkVersionRegex?: string;
  /** Only all-purpose policies bound auto-termination (job clusters end with their run). */
  readonly maxAutoterminationMinutes?: number;
}

/** What a policy fixes on every cluster besides its limits. */
export interface ClusterPolicyFixedAttributes {
  /** Tags fixed on every cluster (`custom_tags.<Key>`); Databricks puts them on the EC2 instances and EBS volumes, for chargeback. Must include REQUIRED_TAGS. */
  readonly tags: Readonly<Record<string, string>>;
  /** Instance profile every cluster runs with. @default - clusters choose (or none) */
  readonly instanceProfileArn?: string;
  /** The runtime the UI fills in (`spark_version` defaultValue). @default - none */
  readonly sparkVersion?: string;
}

/**
 * The policy's rules. Besides the limits and the fixed attributes (tags, instance profile), every policy fixes:
 * - `enable_elastic_disk` true (EBS autoscaling: local disks grow instead of jobs failing on a full disk);
 * - `aws_attributes.availability` to SPOT_WITH_FALLBACK or ON_DEMAND (plain SPOT loses nodes with no fallback);
 * - `cluster_type`, so an all-purpose policy cannot back a job cluster and the reverse;
 * - `data_security_mode`: fixed dedicated on job clusters, an isolating mode on all-purpose ones (unset, the API
 *   creates a no-isolation cluster, which workspaces with legacy features disabled refuse).
 *
 * The job policy has no `autotermination_minutes` rule: job clusters don't support it (they end with their run;
 * databricks/terraform-provider-databricks:docs/resources/job.md@v1.99.0, job_cluster block), so it could only
 * make the Jobs API return a value the job doesn't set (drift).
 *
 * No public IPs: there is no cluster-policy attribute for it. Nodes get no public IP because the workspace uses
 * secure cluster connectivity (the default for E2 workspaces; `is_no_public_ip_enabled` on `databricks_mws_workspaces`)
 * and, with a customer-managed VPC, because the nodes live in private subnets that do not map public IPs. That is
 * enforced where the workspace and network are created, not here.
 */
export function clusterPolicyDefinition(
  settings: PolicyLimits, fixed: ClusterPolicyFixedAttributes, clusterType: ClusterType = "all-purpose",
): ClusterPolicyDefinition {
  const spark = settings.sparkVersionRegex ?? DEFAULT_SPARK_VERSION_REGEX;
  const rules: Record<string, PolicyRule> = {
    cluster_type: { type: "fixed", value: clusterType },
    // A cluster either autoscales or has a fixed size: both are optional, both capped.
    "autoscale.max_workers": { type: "range", minValue: 1, maxValue: settings.maxWorkers, isOptional: true },
    num_workers: { type: "range", minValue: 0, maxValue: settings.maxWorkers, isOptional: true },
    node_type_id: { type: "allowlist", values: [...settings.allowedNodeTypes], defaultValue: settings.allowedNodeTypes[0] },
    // Unset, the driver uses node_type_id (itself restricted).
    driver_node_type_id: { type: "allowlist", values: [...settings.allowedNodeTypes], defaultValue: settings.allowedNodeTypes[0], isOptional: true },
    spark_version: fixed.sparkVersion === undefined ? { type: "regex", pattern: spark } : { type: "regex", pattern: spark, defaultValue: fixed.sparkVersion },
    enable_elastic_disk: { type: "fixed", value: true },
    "aws_attributes.availability": { type: "allowlist", values: ["SPOT_WITH_FALLBACK", "ON_DEMAND"], defaultValue: "SPOT_WITH_FALLBACK" },
    data_security_mode: clusterType === "job"
      ? { type: "fixed", value: JOB_DATA_SECURITY_MODE }
      : { type: "allowlist", values: [...ISOLATING_DATA_SECURITY_MODES], defaultValue: "SINGLE_USER" },
  };
  if (clusterType === "all-purpose") {
    // Required (no isOptional), minimum 10: a cluster cannot set 0 (= never terminate).
    const max = settings.maxAutoterminationMinutes ?? AUTOTERMINATION_LIMITS.defaultAtMost;
    rules.autotermination_minutes = {
      type: "range", minValue: AUTOTERMINATION_LIMITS.min, maxValue: max, defaultValue: Math.min(AUTOTERMINATION_LIMITS.defaultAtMost, max),
    };
  }
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

/**
 * The values a policy fixes that a cluster spec carries (attribute path → value): the `fixed` rules except the
 * virtual `cluster_type`. A job cluster must repeat them: the Jobs API stores and returns them, so a spec without
 * them drifts on every plan (databricks/terraform-provider-databricks#1994).
 */
export function fixedClusterValues(definition: ClusterPolicyDefinition): Record<string, PolicyValue> {
  return Object.fromEntries(Object.entries(definition)
    .filter((entry): entry is [string, FixedRule] => entry[1].type === "fixed" && entry[0] !== "cluster_type")
    .map(([path, rule]) => [path, rule.value]));
}
