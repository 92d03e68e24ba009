import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Construct, IConstruct } from "constructs";
import { Partition, PARTITIONS, PartitionConstants, REGIONS, RegionInfo } from "./constants";
import { awsAccountIdProblems, databricksAccountIdProblems, regionProblems } from "./ids";
import { Problem, throwIfProblems } from "./problems";
import { REQUIRED_TAGS, tagProblems } from "./tags";

/** Props of {@link DeploymentContext}: what every construct of one deployment shares. */
export interface DeploymentContextProps {
  /** Prefix of resource names (`<prefix>-vpc`, `<prefix>-cross-account`…): 3 to 32 lowercase letters, digits or dashes. */
  readonly resourcePrefix: string;
  /** AWS region of the deployment: a literal region Databricks supports (it picks the partition and Databricks' constants). */
  readonly region: string;
  /** The customer's AWS account id (12 digits; may be a token): scopes ARNs and policies. */
  readonly awsAccountId: string;
  /** The Databricks account id (lowercase UUID; may be a token). */
  readonly databricksAccountId: string;
  /**
   * Tags of the deployment: give the AWS provider the same ones as `defaultTags` (every taggable AWS resource); the
   * workspace's custom_tags carry them to the EC2 instances and EBS volumes Databricks launches. Checked against
   * `requiredTags` and AWS's tag limits.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Tag keys `tags` must have, each with a non-empty value (keys are case-sensitive). `[]` requires none.
   * @default REQUIRED_TAGS: Environment, Owner, CostCenter, Project, ManagedBy (what the environments require, and the
   * guardrail rules check on workspaces and clusters)
   */
  readonly requiredTags?: readonly string[];
  /**
   * The deployment holds data that must not be lost: every stateful construct defaults its `preventDestroy` to this.
   * @default false
   */
  readonly protectData?: boolean;
  /**
   * The account-level Databricks provider (Account API). Constructs that register objects with the Account API use it.
   * @default - none: such constructs throw, naming this prop
   */
  readonly accountProvider?: DatabricksProvider;
  /**
   * The workspace-level Databricks provider (settings, policies, jobs inside one workspace).
   * @default - none: constructs that configure a workspace throw, naming this prop
   */
  readonly workspaceProvider?: DatabricksProvider;
}

const CONTEXT_SYMBOL = Symbol.for("databricks-aws-cdktf.DeploymentContext");
const CONTEXT_ID = "deployment-context";

const PREFIX = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;

/**
 * The deployment context of a stack: resource-name prefix, region and partition, both account ids, tags, data
 * protection and the account-level provider. Create one per stack (the stacks of this project do); every construct
 * finds it with {@link DeploymentContext.of}, as aws-cdk constructs find their stack with `Stack.of(this)`. It adds
 * nothing to the synthesized Terraform.
 */
export class DeploymentContext extends Construct {
  /** The context that applies to `scope`: the nearest one created in `scope` or any of its ancestors. */
  public static of(scope: IConstruct): DeploymentContext {
    for (const s of [...scope.node.scopes].reverse()) {
      if (DeploymentContext.isDeploymentContext(s)) return s;
      const child = s.node.tryFindChild(CONTEXT_ID);
      if (child && DeploymentContext.isDeploymentContext(child)) return child;
    }
    throw new Error(
      `${scope.node.path || "(root)"}: no DeploymentContext in scope. Create one in the stack first: ` +
        "new DeploymentContext(stack, { resourcePrefix, region, awsAccountId, databricksAccountId })",
    );
  }

  /** Whether `x` is a DeploymentContext (also across copies of this library). */
  public static isDeploymentContext(x: unknown): x is DeploymentContext {
    return typeof x === "object" && x !== null && CONTEXT_SYMBOL in x;
  }

  /** Prefix of resource names. */
  public readonly resourcePrefix: string;
  /** AWS region of the deployment. */
  public readonly region: string;
  /** The region's partition and Databricks' constants there. */
  public readonly partition: PartitionConstants & { readonly name: Partition };
  /** Databricks' facts about the region. */
  public readonly regionInfo: RegionInfo;
  /** The customer's AWS account id. */
  public readonly awsAccountId: string;
  /** The Databricks account id. */
  public readonly databricksAccountId: string;
  /** Tags of the deployment ({} when none were given). */
  public readonly tags: Readonly<Record<string, string>>;
  /** Tag keys `tags` was checked to have. */
  public readonly requiredTags: readonly string[];
  /** Whether data-holding constructs default to prevent_destroy. */
  public readonly protectData: boolean;
  private readonly providers: Pick<DeploymentContextProps, "accountProvider" | "workspaceProvider">;

  constructor(scope: Construct, props: DeploymentContextProps) {
    super(scope, CONTEXT_ID);
    Object.defineProperty(this, CONTEXT_SYMBOL, { value: true });
    this.requiredTags = props.requiredTags ?? REQUIRED_TAGS;
    throwIfProblems(`DeploymentContext ${this.node.path}`, [
      ...deploymentContextProblems(props), ...tagProblems(props.tags ?? {}, "tags", this.requiredTags),
    ]);
    this.resourcePrefix = props.resourcePrefix;
    this.region = props.region;
    this.regionInfo = REGIONS[props.region];
    this.partition = { name: this.regionInfo.partition, ...PARTITIONS[this.regionInfo.partition] };
    this.awsAccountId = props.awsAccountId;
    this.databricksAccountId = props.databricksAccountId;
    this.tags = props.tags ?? {};
    this.protectData = props.protectData ?? false;
    this.providers = { accountProvider: props.accountProvider, workspaceProvider: props.workspaceProvider };
  }

  /** The account-level Databricks provider; throws, naming `construct`, when the context has none. */
  public accountProvider(construct: IConstruct): DatabricksProvider {
    return this.provider(construct, "accountProvider", "registers objects with the Databricks Account API");
  }

  /** The workspace-level Databricks provider; throws, naming `construct`, when the context has none. */
  public workspaceProvider(construct: IConstruct): DatabricksProvider {
    return this.provider(construct, "workspaceProvider", "configures a workspace");
  }

  private provider(construct: IConstruct, which: "accountProvider" | "workspaceProvider", does: string): DatabricksProvider {
    const provider = this.providers[which];
    if (provider) return provider;
    throw new Error(`${construct.node.path}: ${does}, but the DeploymentContext has no ${which}`);
  }

  /** `<prefix>-<suffix>`: the one spelling of a resource name. */
  public nameOf(suffix: string): string {
    return `${this.resourcePrefix}-${suffix}`;
  }
}

/** The context's values the validation functions need: a DeploymentContext, or the same fields of a config. */
export type ContextValues = Pick<DeploymentContextProps, "resourcePrefix" | "region" | "awsAccountId" | "databricksAccountId">;

/** Every problem with a context's props (also run by the config checks, with the same paths). */
export function deploymentContextProblems(props: Pick<DeploymentContextProps, "resourcePrefix" | "region" | "awsAccountId" | "databricksAccountId">): Problem[] {
  return [
    ...resourcePrefixProblems(props.resourcePrefix),
    ...regionProblems(props.region, "the partition, Databricks' accounts and its regional constants"),
    ...awsAccountIdProblems(props.awsAccountId),
    ...databricksAccountIdProblems(props.databricksAccountId),
  ];
}

export const RESOURCE_PREFIX_RULE = "must be 3 to 32 lowercase letters, digits or dashes, starting with a letter and not ending with a dash";

export function resourcePrefixProblems(prefix: string): Problem[] {
  if (!PREFIX.test(prefix)) return [{ path: "resourcePrefix", value: prefix, message: RESOURCE_PREFIX_RULE }];
  // The prefix starts security group names (`<prefix>-compute`), and AWS rejects names that start with "sg-".
  // It also starts CloudTrail trail names, which may not have adjacent dashes.
  if (prefix.includes("--")) return [{ path: "resourcePrefix", value: prefix, message: "must not contain adjacent dashes (--): it starts CloudTrail trail names, which AWS rejects when they do" }];
  if (prefix.startsWith("sg-")) return [{ path: "resourcePrefix", value: prefix, message: 'must not start with "sg-": it starts security group names, which AWS rejects when they do' }];
  return [];
}

/** The default resource prefix of a deployment called `name`. */
export function defaultResourcePrefix(name: string): string {
  return `databricks-${name}`;
}
