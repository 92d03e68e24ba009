import { InstanceProfile } from "@cdktf/provider-databricks/lib/instance-profile";
import { Job } from "@cdktf/provider-databricks/lib/job";
import { Notebook } from "@cdktf/provider-databricks/lib/notebook";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { DeploymentContext } from "../core/context";
import { Problem, throwIfProblems } from "../core/problems";
import { DEFAULT_SPARK_VERSION, JOB_DATA_SECURITY_MODE, sparkVersionProblems } from "../workspace-config";
import { JobSchedule, jobScheduleProblems } from "./schedule";

/**
 * Props of {@link KinesisToDeltaJob}. The workspace-level provider, the prefix of the job name
 * (`<prefix> kinesis to delta`) and of the notebook folder (`/Shared/<prefix>/`), the stream's region (passed to
 * the notebook) and the default tags come from the `DeploymentContext`. The config's `workspaceConfig.pipeline`
 * section holds `schedule`; the stack passes `workspaceConfig.sparkVersion`.
 */
export interface KinesisToDeltaJobProps {
  /**
   * The instance profile clusters run with (from `DataAccess`); registered with the workspace here. Not used with
   * `unityCatalog` (the stream is read through a service credential, the table written through Unity Catalog).
   * @default - none (required without `unityCatalog`)
   */
  readonly instanceProfileArn?: string;
  /**
   * Run on Unity Catalog instead (issue 12): read Kinesis with a UC service credential (the source's
   * `serviceCredential` option, DBR 16.1+), write the table `<catalog>.<schema>.events`, checkpoint in a volume,
   * run as the service principal. `outputBaseUrl` is then not used.
   * @default - the instance-profile job writing Delta files under `outputBaseUrl`
   */
  readonly unityCatalog?: UnityCatalogTarget;
  /**
   * Run on serverless jobs compute (a serverless workspace): no job cluster, no policy, no node type; the task names
   * no cluster, which is what runs it on serverless (provider 1.99 docs/resources/job.md; a notebook task needs no
   * `environment_key`). Needs `unityCatalog` (serverless compute reads Kinesis through a service credential only).
   * @default false
   */
  readonly serverless?: boolean;
  /** The job cluster policy (from `ClusterPolicies`). @default - none (required unless `serverless`) */
  readonly jobPolicyId?: string;
  /**
   * The tags the job policy fixes (`ClusterPolicies.tags`), repeated in the cluster's `custom_tags`: the Jobs API
   * stores the policy's fixed values in the job, so a spec without them shows a diff on every plan.
   * @default - the context's tags (what `ClusterPolicies` fixes by default)
   */
  readonly jobPolicyTags?: Readonly<Record<string, string>>;
  /** The notebook's source (Databricks Python source format). */
  readonly notebookSource: string;
  /** Stream to read. */
  readonly streamName: string;
  /** Where the Delta table and its checkpoint go, e.g. `s3://bucket/delta/`. Must end with `/`. */
  readonly outputBaseUrl: string;
  /** Must be a node type the job policy allows. @default - none (required unless `serverless`) */
  readonly nodeTypeId?: string;
  /** Autoscaling ceiling of the job cluster (it starts with 1 worker); the job policy must allow it. @default 2 */
  readonly maxWorkers?: number;
  /** Databricks Runtime of the job cluster; the job policy must allow it. @default "18.x-scala2.13" (DBR 18 LTS) */
  readonly sparkVersion?: string;
  /** When the job runs. @default - no schedule: it runs only on demand (`databricks jobs run-now`) */
  readonly schedule?: JobSchedule;
  /**
   * The serverless budget policy the job's serverless usage is attributed to (`budget_policy_id`, from
   * `EnvironmentBudget.budgetPolicyId`; it tags that usage for the environment's budget).
   * @default - none: Databricks applies the workspace's default policy, if any
   */
  readonly budgetPolicyId?: string;
}

/** Where and as whom the job runs on Unity Catalog. */
export interface UnityCatalogTarget {
  /** The table, `<catalog>.<schema>.<table>` (may hold tokens). */
  readonly table: string;
  /** The checkpoint's path, e.g. `/Volumes/<catalog>/<schema>/checkpoints/events`. */
  readonly checkpointPath: string;
  /** The service credential's name (`KinesisServiceCredential.credentialName`). */
  readonly serviceCredential: string;
  /** Application id of the service principal the job runs as (may be a token). */
  readonly runAsServicePrincipal: string;
  /**
   * What the job must be created after: the credential's role propagation wait and its grant
   * (`KinesisServiceCredential.usable`), the catalog's grants. A scheduled run may start as soon as the job exists.
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The article's workflow, deployable: the notebook in the workspace, the instance profile registered, and a job
 * that runs the notebook on a job cluster under the job policy with that instance profile.
 */
export class KinesisToDeltaJob extends Construct {
  /** The instance profile's registration with the workspace (`databricks_instance_profile`); undefined with `unityCatalog`. */
  public readonly instanceProfile?: InstanceProfile;
  /** The notebook, at `/Shared/<prefix>/kinesis_to_delta`. */
  public readonly notebook: Notebook;
  /** The job `<prefix> kinesis to delta`: one job cluster under the job policy, at most one run at a time. */
  public readonly job: Job;

  constructor(scope: Construct, id: string, props: KinesisToDeltaJobProps) {
    super(scope, id);
    const context = DeploymentContext.of(this);
    throwIfProblems(`KinesisToDeltaJob ${this.node.path}`, kinesisToDeltaProblems(props));
    const provider = context.workspaceProvider(this);
    const uc = props.unityCatalog;
    this.instanceProfile = uc ? undefined : new InstanceProfile(this, "instance-profile", { provider, instanceProfileArn: props.instanceProfileArn! });
    this.notebook = new Notebook(this, "notebook", {
      provider, path: `/Shared/${context.resourcePrefix}/kinesis_to_delta`, language: "PYTHON",
      contentBase64: Buffer.from(props.notebookSource, "utf8").toString("base64"),
    });
    const schedule = props.schedule;
    this.job = new Job(this, "job", {
      provider,
      name: `${context.resourcePrefix} kinesis to delta`,
      maxConcurrentRuns: 1,
      dependsOn: uc?.dependsOn?.length ? [...uc.dependsOn] : undefined,
      budgetPolicyId: props.budgetPolicyId,
      runAs: uc ? { servicePrincipalName: uc.runAsServicePrincipal } : undefined,
      schedule: schedule && {
        quartzCronExpression: schedule.cron, timezoneId: schedule.timezone ?? "UTC", pauseStatus: schedule.paused ? "PAUSED" : "UNPAUSED",
      },
      jobCluster: props.serverless ? undefined : [{
        jobClusterKey: "ingest",
        // Everything the job policy fixes is spelled out: the Jobs API returns the policy's fixed values but not
        // apply_policy_default_values, so either one left to the policy shows a diff on every plan
        // (databricks/terraform-provider-databricks#1994, #3658).
        newCluster: {
          policyId: props.jobPolicyId,
          sparkVersion: props.sparkVersion ?? DEFAULT_SPARK_VERSION,
          nodeTypeId: props.nodeTypeId,
          autoscale: { minWorkers: 1, maxWorkers: props.maxWorkers ?? 2 },
          // Dedicated: unset, the cluster has no isolation; the Kinesis source can't use an instance profile in standard mode.
          dataSecurityMode: JOB_DATA_SECURITY_MODE,
          enableElasticDisk: true,
          customTags: { ...(props.jobPolicyTags ?? context.tags) },
          // The registration must exist before a cluster can use the profile.
          awsAttributes: { instanceProfileArn: this.instanceProfile?.instanceProfileArn, availability: "SPOT_WITH_FALLBACK" },
        },
      }],
      task: [{
        taskKey: "kinesis_to_delta",
        jobClusterKey: props.serverless ? undefined : "ingest",
        notebookTask: {
          notebookPath: this.notebook.path,
          baseParameters: uc
            ? { stream_name: props.streamName, region: context.region, table: uc.table, checkpoint_path: uc.checkpointPath, service_credential: uc.serviceCredential }
            : {
              stream_name: props.streamName,
              region: context.region,
              output_path: `${props.outputBaseUrl}events`,
              checkpoint_path: `${props.outputBaseUrl}_checkpoints/events`,
            },
        },
      }],
    });
  }
}

/** Problems with the props (the notebook's source is not checked), paths relative to them. */
export function kinesisToDeltaProblems(props: Omit<KinesisToDeltaJobProps, "notebookSource">): Problem[] {
  const problems: Problem[] = [];
  if (props.serverless) {
    if (!props.unityCatalog) problems.push({ path: "unityCatalog", value: undefined, message: "is required with serverless: serverless compute has no instance profile and reads Kinesis through a Unity Catalog service credential" });
    for (const key of ["instanceProfileArn", "jobPolicyId", "nodeTypeId"] as const) {
      if (props[key] !== undefined) problems.push({ path: key, value: props[key], message: "is not used on serverless jobs compute (no job cluster)" });
    }
  } else {
    for (const key of ["jobPolicyId", "nodeTypeId"] as const) {
      if (props[key] === undefined) problems.push({ path: key, value: undefined, message: "is required for a job cluster (unless serverless)" });
    }
  }
  if (!props.serverless && !props.unityCatalog && props.instanceProfileArn === undefined) {
    problems.push({ path: "instanceProfileArn", value: undefined, message: "is required without unityCatalog: the cluster reads Kinesis and writes S3 with it" });
  }
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s]*)?\/$/.test(props.outputBaseUrl)) {
    problems.push({ path: "outputBaseUrl", value: props.outputBaseUrl, message: "must be an s3://bucket/prefix/ URL ending with /" });
  }
  const max = props.maxWorkers ?? 2;
  if (!Number.isInteger(max) || max < 1 || max > 1000) problems.push({ path: "maxWorkers", value: max, message: "must be an integer from 1 to 1000" });
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(props.streamName)) problems.push({ path: "streamName", value: props.streamName, message: "must be a Kinesis stream name: 1 to 128 letters, digits, _ . -" });
  problems.push(...sparkVersionProblems(props.sparkVersion ?? DEFAULT_SPARK_VERSION, "sparkVersion"), ...jobScheduleProblems(props.schedule));
  return problems;
}
